"""MkDocs hook: what Pagefind indexes of a page, cut the same way the search box cuts a query.

Chinese has no spaces between words. Pagefind cuts a page's Chinese text with one segmenter
when it indexes (charabia) and a query with another in the browser (Intl.Segmenter); where
they disagree, and for Traditional text they often do, a word on the page is not found. So the
site does the cutting itself, the same way on both sides, with no dictionary to ship: every
two neighbouring Chinese characters of the page's text make one search token (character
bigrams, the classic method for Chinese full text), spelt in letters (each character's code
point in hexadecimal with the digits 0–f written a–p), which neither segmenter touches.
assets/search.js makes the same tokens of a query (after converting it into the page's
script), so any run of two or more characters is found wherever it stands in a word: 公路 in
鎖平高速公路, 鎖平 too. A one-character query matches the tokens it starts (Pagefind reads the
last word of a query as a prefix). Other words (300MW, OC4IDS, 3.21) are indexed as they are.

The page's own text stays in the page as it was; for Pagefind it is ignored (not indexed)
and kept as the result's `text`, from which the search box shows the sentence that matched.
The tokens are not in the pages readers download: as each page is written, what Pagefind
reads of it (its indexed part, the tokens first) goes, with the page's path, to a file of
lines in a folder beside the tree (`index_copy`), from which generator/site.py:index_site
makes the index. The title's tokens weigh more than the text's, so a project whose name holds
the query comes first.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
from pathlib import Path

import lxml.html

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
OTHER_WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z.]*[0-9A-Za-z]|[0-9A-Za-z]")
_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


@functools.cache
def spell(char: str) -> str:
    """One character as five letters: 電 (U+96FB) -> ajgpl."""
    return f"{ord(char):05x}".translate(_LETTERS)


def tokens(text: str) -> list[str]:
    """The search tokens of a text, each once, in the order they first appear."""
    out: dict[str, None] = {}
    for run in HAN.findall(text):
        spelt = [spell(char) for char in run]
        if len(run) == 1:
            out[spelt[0]] = None
        for a, b in zip(spelt, spelt[1:], strict=False):
            out[a + b] = None
    for word in OTHER_WORD.findall(HAN.sub(" ", text)):
        out[word.lower()] = None
    return list(out)


def page_text(content_html: str) -> str:
    """The text of a page's content, without the blocks marked data-pagefind-ignore (the
    repeated tables and the charts) and without scripts and styles; a space between the
    text of neighbouring elements (two table cells' numbers stay two)."""
    if not content_html.strip():
        return ""
    root = lxml.html.fragment_fromstring(content_html, create_parent="div")
    for hidden in root.xpath(".//*[@data-pagefind-ignore] | .//script | .//style"):
        hidden.clear(keep_tail=True)
    return re.sub(r"\s+", " ", " ".join(root.itertext())).strip()


BODY_START = "<div data-pagefind-body>"  # theme/main.html: what Pagefind indexes of a page
BODY_END = "</div><!-- /pagefind-body -->"
LANG = re.compile(r'<html lang="([^"]+)"')


def index_copy(site_dir: str | Path) -> Path:
    """Where what Pagefind reads of a tree's pages is written: beside the tree, never in it."""
    site = Path(site_dir)
    return site.with_name(site.name + ".index")


def on_page_content(html_text, page, config, **kwargs):
    """The page's text stays as it is; for Pagefind it is ignored (not indexed) and kept as
    the result's `text`. In a build (not a preview, which makes no index) its tokens are
    kept for the page's copy (on_post_page)."""
    if os.environ.get("BULLETIN_SEARCH_TOKENS") == "1":
        title_tokens = tokens(html.unescape(page.title or ""))
        seen = set(title_tokens)
        body_tokens = [t for t in tokens(page_text(html_text)) if t not in seen]
        page.bulletin_search_tokens = (
            f'<p data-pagefind-weight="7">{html.escape(" ".join(title_tokens))}</p>\n'
            f"<p>{html.escape(' '.join(body_tokens))}</p>\n"
        )
    return f'<div data-pagefind-ignore data-pagefind-meta="text">\n{html_text}\n</div>\n'


def on_post_page(output, page, config, **kwargs):
    """What Pagefind reads of the page as written (its language, its tokens and its indexed
    part), with the page's path in the tree: one JSON line [path, html] added to this
    process's file under index_copy (a tree built by several processes has one each)."""
    words = getattr(page, "bulletin_search_tokens", None)
    start, end = output.find(BODY_START), output.find(BODY_END)
    if words is None or start < 0 or end < 0:
        return output
    lang = LANG.search(output)
    copy = (
        f'<!doctype html><html lang="{lang.group(1) if lang else "zh"}"><body>{BODY_START}'
        f"{words}{output[start + len(BODY_START) : end]}</div></body></html>\n"
    )
    folder = index_copy(config["site_dir"])
    folder.mkdir(exist_ok=True)
    with open(folder / f"{os.getpid()}.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps([page.file.dest_uri, copy], ensure_ascii=False) + "\n")
    return output
