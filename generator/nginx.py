"""`python -m generator nginx --prefix /tzgb/ --root /srv/bulletin`: what a county's web
administrator pastes into the portal's existing `server { }` to serve the bulletin as a column.

The block is made from the built site (`site/`, or `--site`): it knows every kind of file the
site holds (each gets its MIME type; a kind it does not know is an error, not a guess) and the
hash of every inline script the theme writes, so the Content-Security-Policy allows exactly
those and no `unsafe-inline`. It serves the precompressed copies (`build --precompress`) with
`gzip_static` (and `brotli_static` with `--brotli`, where the module is installed: Debian's
libnginx-mod-http-brotli-static), caches hashed assets and Pagefind's index pieces for a year
and everything else for five minutes, answers a missing page with the site's 404 page, and
sends nosniff, a referrer policy and a frame policy with every answer.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from .errors import BulletinError
from .i18n import tr

# the MIME type of every kind of file a bulletin's site holds
TYPES = {
    "text/html": ("html",),
    "text/css": ("css",),
    "application/javascript": ("js", "mjs"),
    "application/json": ("json", "map"),
    "application/xml": ("xml",),
    "image/svg+xml": ("svg",),
    "image/png": ("png",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/webp": ("webp",),
    "image/x-icon": ("ico",),
    "font/woff2": ("woff2",),
    "text/csv": ("csv",),
    "text/plain": ("txt",),
    "application/manifest+json": ("webmanifest",),
    "application/wasm": ("wasm",),
    # Pagefind's index pieces and its WebAssembly, which its script reads as bytes
    "application/octet-stream": ("pagefind", "pf_fragment", "pf_index", "pf_meta", "pf_filter"),
}
COMPRESSED = {"gz", "br"}  # the precompressed copies, sent by gzip_static and brotli_static
TEXT_TYPES = "text/css text/csv text/plain application/javascript application/json "
TEXT_TYPES += "application/xml application/manifest+json image/svg+xml"
# hashed file names: Material's bundles and Pagefind's pieces never change under their name
IMMUTABLE = (
    r"assets/(?:javascripts|stylesheets)/.+\.[0-9a-f]{8}\.min\.(?:js|css)"
    r"|pagefind/(?:[a-z0-9-]+/)?(?:fragment|index|filter)/.+"
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
PREFIX = re.compile(r"^/(?:[A-Za-z0-9._~-]+/)*$")
FOLDER = re.compile(r"^/[A-Za-z0-9._/~-]*$")


def inline_hashes(site: Path) -> tuple[list[str], list[str]]:
    """The CSP sources of every inline script (JSON data blocks aside: a browser does not run
    them) and every inline style block (generator/critical.py) of the site's pages."""
    scripts, styles = set(), set()
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        for attrs, body in INLINE_SCRIPT.findall(html):
            if "application/json" not in attrs and body.strip():
                scripts.add(_source(body))
        styles.update(_source(body) for body in INLINE_STYLE.findall(html))
    return sorted(scripts), sorted(styles)


def _source(body: str) -> str:
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def policy(site: Path) -> str:
    scripts, styles = inline_hashes(site)
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *scripts])
    styles = " ".join(["'self'", *styles])
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {scripts}",  # Pagefind's search runs as WebAssembly
            f"style-src {styles}",  # the inlined rules of the first paint, by their hash
            "img-src 'self' data:",  # the theme's icons are data: URLs in its CSS
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def check_kinds(site: Path) -> None:
    known = {ext for exts in TYPES.values() for ext in exts} | COMPRESSED
    unknown = sorted(
        {p.suffix.lstrip(".") or p.name for p in site.rglob("*") if p.is_file()} - known
    )
    if unknown:
        raise BulletinError(
            tr(
                "{site}: files of a kind the server block does not know: {kinds}; "
                "add their MIME type to generator/nginx.py TYPES",
                site=site,
                kinds=", ".join(unknown),
            )
        )


def nginx_config(site: Path, prefix: str, root: str, brotli: bool = False) -> str:
    if not PREFIX.match(prefix):
        raise BulletinError(
            tr("--prefix {prefix!r}: expected the column's path, e.g. /tzgb/", prefix=prefix)
        )
    if not FOLDER.match(root) or "//" in root or "/../" in f"{root}/":
        raise BulletinError(
            tr("--root {root!r}: expected the site's folder, e.g. /srv/bulletin", root=root)
        )
    if not (site / "index.html").is_file():
        raise BulletinError(tr("{site}: no built site here; run make site first", site=site))
    check_kinds(site)
    root = root.rstrip("/")
    common = ["gzip_static on;"] + (["brotli_static on;"] if brotli else [])
    common += [
        "charset utf-8;",
        f"charset_types {TEXT_TYPES};",
        "default_type application/octet-stream;",
        "types {",
        *(f"    {mime} {' '.join(exts)};" for mime, exts in TYPES.items()),
        "}",
        f'add_header Content-Security-Policy "{policy(site)}" always;',
        'add_header X-Content-Type-Options "nosniff" always;',
        'add_header Referrer-Policy "strict-origin-when-cross-origin" always;',
        'add_header X-Frame-Options "SAMEORIGIN" always;',
    ]

    def indent(lines: list[str], depth: int) -> str:
        return "\n".join("    " * depth + line for line in lines)

    return f"""\
# The investment bulletin at {prefix}, its files in {root}/ (python -m generator nginx).
# Paste it inside the portal's server {{ }}; make it again after the tool is upgraded (the
# security policy names the theme's inline scripts by their hashes).
location ^~ {prefix} {{
    alias {root}/;
    index index.html;
    absolute_redirect off;
    error_page 404 {prefix}404.html;
    # pages, the feed and the data: five minutes (add_header is not inherited: each block
    # says all of its headers)
    add_header Cache-Control "public, max-age=300" always;
{indent(common, 1)}

    # hashed names never change: a year
    location ~ "^{re.escape(prefix)}(?<bulletin_file>{IMMUTABLE})$" {{
        alias {root}/$bulletin_file;
        add_header Cache-Control "public, max-age=31536000, immutable" always;
{indent(common, 2)}
    }}
}}
"""
