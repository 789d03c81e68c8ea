"""Cleaning a report's text: pinyin out, one form of digits and punctuation, lines that
break inside a sentence joined, numbers written in words as digits."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ..textclean import strip_pinyin
from .lexicon import either_script, rule

HAN = r"\u3400-\u9fff"


_SPACES = rule(r"[ \t\u3000\u00a0\u2002-\u200b]+")


_HAN_GAP = rule(rf"(?<=[{HAN}]) (?=[{HAN}])")


_SENTENCE_END = "。！？；:：!?;"


CIRCLED = rule(r"^[\u2460-\u2473]$")


CIRCLED_SPLIT = rule(r"([\u2460-\u2473])")


def _kv_gaps(line: str) -> str:
    """「重點項目:19個　年度計劃:61.2億元　1-5月完成:24.08億元」: in a line of key:value pairs,
    the spaces between a value and the next key part them like a semicolon."""
    if line.count(":") < 2:
        return line
    return re.sub(either_script(r"(?<=[\d%元個个項项宗座])\s+(?=[^\s:;；,，]{1,12}:)"), ",", line)


def clean(text: str) -> str:
    """Pinyin readings out, full-width letters, digits and punctuation to one form, odd spaces
    out, lines that break inside a sentence joined."""
    text = strip_pinyin(text.replace("\r\n", "\n").replace("\r", "\n"))
    # NFKC makes full-width digits and punctuation plain, but would make ① a bare 1: keep those
    text = "".join(
        part if CIRCLED.match(part) else unicodedata.normalize("NFKC", part)
        for part in CIRCLED_SPLIT.split(text)
    )
    lines = [_HAN_GAP.sub("", _SPACES.sub(" ", _kv_gaps(ln))).strip() for ln in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        joinable = (
            out
            and out[-1][-1] not in _SENTENCE_END
            and not TITLE_LINE.match(out[-1])
            and not re.match(r"^[^,，。;；:：]{2,10}[:：]", line)  # a 「項目名稱:…」 line
            and "|" not in line
            and "|" not in out[-1]  # a table's rows stay rows
            and not _is_heading(line)
            and not _is_heading(out[-1])
            and len(out[-1]) > 30
        )
        if joinable:
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


TITLE_LINE = rule(r"^(?:關於).{4,60}(?:報告|匯報|通報|情況)$")


def _is_heading(line: str) -> bool:
    return (
        bool(
            re.match(
                r"^([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|篇[一二三四五六七八九十]+)",
                line,
            )
        )
        or len(line) < 30
        and line[-1:] not in "。,;"
    )


CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "o": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


CN_NUM = "〇○零oO一二三四五六七八九十"


def cn_number(text: str) -> int:
    """二十七 -> 27, 十二 -> 12, 二oo五 -> 2005 (digit by digit when there is no 十)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


THOUSANDS = rule(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?=億元|萬元|元)")


WRITTEN_PERCENT = rule(
    r"百分之([零〇一二三四五六七八九十百]+)(?:[點点]([零〇一二三四五六七八九]+))?"
)


def written_numbers(text: str) -> str:
    """Percentages written in words as digits: 百分之十二點五 -> 12.5%. The rules read this
    form; quotes keep the report's own words."""

    def digits(m: re.Match) -> str:
        whole = m.group(1)
        hundreds = 0
        if "百" in whole:
            head, _, whole = whole.partition("百")
            hundreds = CN_DIGITS.get(head, 1) * 100
            whole = whole.lstrip("零〇")
        value = str(hundreds + (cn_number(whole) if whole else 0))
        if m.group(2):
            value += "." + "".join(str(CN_DIGITS[c]) for c in m.group(2))
        return value + "%"

    text = THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), text)  # 1,286.4億元
    return WRITTEN_PERCENT.sub(digits, text)


def number(text: str) -> Decimal:
    return Decimal(text)
