"""The first paint waits for no stylesheet file (benchmarks/paint.py: on a slow phone a
stylesheet costs a round trip and its bytes before anything shows).

After MkDocs has built the site, each page's head gets, in one `<style>`, the rules of the
theme's stylesheet that can apply to the site's pages as built (each selector's elements,
classes, ids and attributes occur in some page) followed by the whole of the site's own
stylesheet. The two stylesheets are still linked, after it, but as `media="print"`: they load
without blocking, and `assets/page.js` switches them to all media (a `<noscript>` links them
normally where scripts do not run). Once loaded they repeat every inlined rule in their own
order, so the cascade is the stylesheets' own; until then the inlined subset styles the page
as built, and what scripts add (search results, the header's shadow) is styled when they
arrive. The block is the same on every page (one hash in the Content-Security-Policy,
`generator/nginx.py`) and the same from run to run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

THEME_CSS = re.compile(
    rb'<link rel="stylesheet" href="([^"]*assets/stylesheets/main\.[0-9a-f]+\.min\.css)">\n?'
)
SITE_CSS = re.compile(rb'<link rel="stylesheet" href="([^"]*assets/bulletin\.css)">\n?')
MARK = b"data-bulletin-styles"
# the vocabulary of the built pages
CLASSES = re.compile(rb'\sclass="([^"]*)"')
IDS = re.compile(rb'\sid="([^"]*)"')
TAGS = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)")
ATTRS = re.compile(rb"\s([a-zA-Z][a-zA-Z0-9:_-]*)=")
# what a selector asks of an element, pseudo-classes and pseudo-elements aside
PSEUDO = re.compile(r"::?[a-zA-Z-]+(?:\((?:[^()]|\([^()]*\))*\))?")
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
SELECTOR_ID = re.compile(r"#(-?[_a-zA-Z][\w-]*)")
SELECTOR_ATTR = re.compile(r"\[\s*([a-zA-Z][\w:-]*)")
SELECTOR_TAG = re.compile(r"(?:^|[\s>+~(])([a-zA-Z][\w-]*)")


def _seen(line: bytes, seen: set[bytes]) -> bool:
    """Whether `line` was in `seen` (it is, after)."""
    if line in seen:
        return True
    seen.add(line)
    return False


class Vocabulary:
    """The element names, classes, ids and attribute names that occur in the pages."""

    def __init__(self, pages: Iterable[bytes] = ()):
        classes: set[bytes] = set()
        ids: set[bytes] = set()
        tags: set[bytes] = set()
        attrs: set[bytes] = set()
        seen: set[bytes] = set()
        for html in pages:
            # the lines no page before had: pages repeat most of theirs (the theme's); an
            # element's name and each attribute are written on one line (MkDocs', Material's
            # and the generator's templates), so a line's words are the same wherever it is
            fresh = b"\n".join(line for line in html.split(b"\n") if not _seen(line, seen))
            classes.update(CLASSES.findall(fresh))  # each distinct spelling decoded once
            ids.update(IDS.findall(fresh))
            tags.update(TAGS.findall(fresh))
            attrs.update(ATTRS.findall(fresh))
        self.classes = {c for v in classes for c in v.decode("utf-8", "replace").split()}
        self.ids = {v.decode("utf-8", "replace") for v in ids}
        self.tags = {"html", "body"} | {v.decode().lower() for v in tags}
        self.attrs = {v.decode().lower() for v in attrs}

    def __ior__(self, other: Vocabulary) -> Vocabulary:
        self.classes |= other.classes
        self.ids |= other.ids
        self.tags |= other.tags
        self.attrs |= other.attrs
        return self

    def may_match(self, selector: str) -> bool:
        """False only when the selector names something no page has."""
        bare = PSEUDO.sub(" ", selector)
        if any(c not in self.classes for c in SELECTOR_CLASS.findall(bare)):
            return False
        if any(i not in self.ids for i in SELECTOR_ID.findall(bare)):
            return False
        if any(a.lower() not in self.attrs for a in SELECTOR_ATTR.findall(bare)):
            return False
        names = re.sub(r"\[[^\]]*\]|\.[\w-]+|#[\w-]+", " ", bare)
        return all(t.lower() in self.tags for t in SELECTOR_TAG.findall(names))


def subset(css: str, words: Vocabulary | None) -> str:
    """The rules of `css` that may apply to the pages, in their order (all of them, without
    comments and spaces, when `words` is None)."""
    return "".join(_rules(tinycss2.parse_stylesheet(css, True, True), words))


def _rules(rules, words: Vocabulary | None) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in _split(tinycss2.serialize(rule.prelude))]
            kept = [s for s in selectors if words is None or words.may_match(s)]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content).strip() + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports"):
            inner = _rules(tinycss2.parse_rule_list(rule.content, True, True), words)
            if inner:
                prelude = tinycss2.serialize(rule.prelude).strip()
                out.append(f"@{rule.at_keyword} {prelude}{{{''.join(inner)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword == "charset":
            continue  # a <style> is read in the page's own encoding
        elif rule.type == "at-rule":  # @keyframes, @font-face, @property …: kept whole
            out.append(tinycss2.serialize([rule]))
    return out


def _split(selectors: str) -> list[str]:
    """A selector list at its top-level commas (not those inside :is(), :not() …)."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(selectors):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(selectors[start:i])
            start = i + 1
    return parts + [selectors[start:]]


def inline_styles(site: Path, jobs: int = 1) -> None:
    """Give every page of the built site the inlined rules and the stylesheets unblocked
    (the pages read and rewritten in `jobs` processes)."""
    from .site import in_parts

    themes = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    if not themes:
        return
    pages = sorted(site.rglob("*.html"))
    words = Vocabulary()
    for part in in_parts(_words_of, pages, jobs):
        words |= part
    block = (
        "<style>"
        + subset(themes[0].read_text("utf-8"), words)
        + subset((site / "assets" / "bulletin.css").read_text("utf-8"), None)
        + "</style>"
    ).encode("utf-8")
    in_parts(lambda part: _rewrite_all(part, block), pages, jobs)


def _words_of(pages: list[Path]) -> Vocabulary:
    return Vocabulary(p.read_bytes() for p in pages)


def _rewrite_all(pages: list[Path], block: bytes) -> None:
    for page in pages:
        html = page.read_bytes()
        done = _rewrite(html, block)
        if done is not html:
            page.write_bytes(done)


def _rewrite(html: bytes, block: bytes) -> bytes:
    """The page (its UTF-8 bytes, as written) with the block and its stylesheets unblocked."""
    theme, own = THEME_CSS.search(html), SITE_CSS.search(html)
    if not theme or not own or MARK in html:
        return html
    links = [theme.group(1), own.group(1)]
    unblocked = b"".join(
        b'<link rel="stylesheet" href="%s" media="print" %s>' % (h, MARK) for h in links
    )
    fallback = b"".join(b'<link rel="stylesheet" href="%s">' % h for h in links)
    inlined = b"%s\n%s\n<noscript>%s</noscript>\n" % (block, unblocked, fallback)
    parts = sorted([(theme.start(), theme.end(), inlined), (own.start(), own.end(), b"")])
    out, at = [], 0
    for start, end, instead in parts:
        out += [html[at:start], instead]
        at = end
    return b"".join([*out, html[at:]])
