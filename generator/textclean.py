"""Cleaning of scraped report text: pinyin readings in parentheses (資產(chǎn) -> 資產)."""

from __future__ import annotations

import re

# A pinyin reading as scrapers leave it after a Han character: 資產(chǎn), 發(fā), 綠(lǜ).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\)")


def strip_pinyin(text: str) -> str:
    """Remove pinyin readings in parentheses that follow Han characters."""
    return _PINYIN.sub("", text)
