"""Precompressed copies of a built site's text files, for a server's static compression.

Beside every text file (HTML, CSS, JS, JSON, XML, SVG, CSV, Pagefind's files) go `NAME.gz` and
`NAME.br`, so nginx's `gzip_static` and `brotli_static` send them without compressing per
request. A copy is kept only where it is smaller than the file by a tenth or more (Pagefind's
index pieces are compressed already). Both are byte-identical from run to run: gzip without a
name or a time in its header, brotli at quality 7: measured on the seed's 5.7 MB of text,
quality 11 is 10% smaller and 20 times slower (10 s against 0.5 s), which would dominate a
large bulletin's build; 7 is already 10% smaller than gzip's best.
"""

from __future__ import annotations

import gzip
from pathlib import Path

TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt", ".map", ".webmanifest"}
PAGEFIND = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind")
GAIN = 0.9  # a copy must be at most this share of the file's size


def compressible(path: Path) -> bool:
    return path.suffix in TEXT or path.suffix in PAGEFIND


def precompress(site: Path, jobs: int = 1) -> int:
    """Write the .gz and .br copies in `site` (in `jobs` processes); returns how many were
    written."""
    from .site import in_parts

    files = [p for p in sorted(site.rglob("*")) if p.is_file() and compressible(p)]
    return sum(in_parts(_compress_all, files, jobs))


def _compress_all(files: list[Path]) -> int:
    import brotli

    written = 0
    for path in files:
        data = path.read_bytes()
        for suffix, squeeze in (
            (".gz", lambda d: gzip.compress(d, compresslevel=9, mtime=0)),
            (".br", lambda d: brotli.compress(d, quality=7)),
        ):
            copy = path.with_name(path.name + suffix)
            packed = squeeze(data)
            if len(packed) <= len(data) * GAIN:
                copy.write_bytes(packed)
                written += 1
            else:
                copy.unlink(missing_ok=True)
    return written
