"""Cleaning of scraped report text: pinyin readings in parentheses, stray spaces."""

from __future__ import annotations

import re

# A pinyin reading as scrapers leave it after a Han character: 資產(chǎn), 發(fā), 綠(lǜ).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\)")
# A space between two Han characters is a scraping artifact (腐 敗).
_HAN_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000\u00a0]+(?=[\u3400-\u9fff])")


def strip_pinyin(text: str) -> str:
    """Remove pinyin readings in parentheses that follow Han characters."""
    return _PINYIN.sub("", text)


def clean_text(text: str) -> str:
    """Remove the scraping artifacts of a report's text, keeping its words and script."""
    return _HAN_SPACE.sub("", strip_pinyin(text))
