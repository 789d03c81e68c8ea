"""The two scripts of Chinese, without the site: OpenCC's converters, the characters only
one script writes, and which script a text is written in. Light to import (the extractor
and the editor's messages use it; the site's page code is not loaded with it)."""

from __future__ import annotations

import re
from functools import cache, lru_cache


@cache
def converter(config: str):
    import opencc

    return opencc.OpenCC(config)


OPENCC = {"hant": "s2t", "hans": "t2s"}
LANG = {"hant": "zh-Hant", "hans": "zh-Hans"}
# a character only one script has: in its character set and not in the other's
CHARSET = {"hant": "big5", "hans": "gb2312"}


def encodes(char: str, charset: str) -> bool:
    """Whether the character set has the character (gb2312: Simplified's, big5: Traditional's)."""
    try:
        char.encode(charset)
        return True
    except UnicodeEncodeError:
        return False


def _charset(charset: str) -> set[str]:
    """Every character of a double-byte character set (its codes decoded one by one)."""
    out = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                out.add(bytes((lead, trail)).decode(charset))
            except UnicodeDecodeError:
                pass
    return out


@cache
def _foreign_pattern(script: str) -> re.Pattern:
    """One character class of every character only the other script has (made once: the
    check is then one regular-expression search per text, in C)."""
    own, theirs = CHARSET[script], CHARSET["hans" if script == "hant" else "hant"]
    chars = sorted(c for c in _charset(theirs) if ord(c) > 0x2E7F)
    return re.compile(
        "["
        + "".join(re.escape(c) for c in chars if encodes(c, theirs) and not encodes(c, own))
        + "]"
    )


def foreign(text: str, script: str) -> bool:
    """Whether `text` has a character of the other script that `script` has not (白云 and
    關于 are written in Traditional too: only such characters make a text foreign)."""
    return _foreign_pattern(script).search(text) is not None


def script_of(texts) -> str:
    """The script most of these texts are written in: the one with more characters that only
    it has (a character that OpenCC t2s changes is Traditional; one s2t changes, Simplified)."""
    traditional = simplified = 0
    for text in texts:
        t, s = _script_counts(text)
        traditional += t
        simplified += s
    return "hans" if simplified > traditional else "hant"


@lru_cache(maxsize=1 << 17)  # the preview asks again for the same names after every save
def _script_counts(text: str) -> tuple[int, int]:
    """(characters only Traditional writes, characters only Simplified writes) in `text`."""
    converted = converter("t2s").convert(text), converter("s2t").convert(text)
    traditional = simplified = 0
    for a, s, t in zip(text, *converted, strict=False):
        traditional += s != a
        simplified += t != a
    return traditional, simplified
