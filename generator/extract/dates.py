"""Dates and the report's period: 二oo五年四月二十七日, 1—9月, 前三季度, 上半年, a whole year."""

from __future__ import annotations

import datetime as dt

from .lexicon import rule
from .normalize import CN_NUM, cn_number

DATE = rule(rf"([{CN_NUM}\d]{{4}})年([{CN_NUM}\d]{{1,3}})月(?:([{CN_NUM}\d]{{1,3}})日)?")


def parse_date(text: str) -> tuple[dt.date, str, bool] | None:
    """(date, as written, has_day) for 二oo五年四月二十七日 or 2014年7月."""
    m = DATE.search(text)
    if not m:
        return None
    try:
        year, month = cn_number(m.group(1)), cn_number(m.group(2))
        day = cn_number(m.group(3)) if m.group(3) else 1
        return dt.date(year, month, day), m.group(0), bool(m.group(3))
    except (KeyError, ValueError):
        return None


QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


PERIOD_PATTERNS = [
    (rule(r"(?:(\d{4})年)?(\d{1,2})[—–\-~至到](\d{1,2})月(?:份)?"), "months"),
    (rule(r"(?:(\d{4})年)?前三季度"), "q1-3"),
    (rule(r"(?:(\d{4})年)?前(\d{1,2})(?:個)?月"), "first-months"),
    (rule(r"(?:(\d{4})年)?(?:第)?([一二三四1-4])季度"), "quarter"),
    (rule(r"(?:(\d{4})年)?上半年"), "h1"),
    (rule(r"(?:(\d{4})年)?下半年"), "h2"),
    (rule(r"(?:截至|截止到?|到)(?:(\d{4})年)?(\d{1,2})月(?:份|底|末)?"), "to-month"),
]


def month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def find_period(text: str):
    """The report's period: (start month, end month, label, year or None, quote)."""
    best = None
    for pattern, kind in PERIOD_PATTERNS:
        for m in pattern.finditer(text):
            if best is None or m.start() < best[0].start():
                best = (m, kind)
            break
    if best is None:
        return _whole_year(text)
    m, kind = best
    year = int(m.group(1)) if m.group(1) else None
    if kind == "months":
        first, last = int(m.group(2)), int(m.group(3))
    elif kind == "q1-3":
        first, last = 1, 9
    elif kind == "first-months":
        first, last = 1, int(m.group(2))
    elif kind == "quarter":
        q = QUARTERS[m.group(2)]
        first, last = 3 * q - 2, 3 * q
    elif kind == "h1":
        first, last = 1, 6
    elif kind == "h2":
        first, last = 7, 12
    else:
        first, last = 1, int(m.group(2))
    if not 1 <= first <= last <= 12:
        return None
    label = m.group(0).removeprefix(f"{year}年" if year else "")
    return first, last, label, year, _sentence_around(text, m.start())


WHOLE_YEAR = rule(r"(\d{4})年(?:度)?[^。\n]{0,40}?全年")


def _whole_year(text: str):
    """A report on a whole year names no months: 「2021年，全縣……全年完成投資」."""
    m = WHOLE_YEAR.search(text)
    if not m:
        return None
    return 1, 12, "全年", int(m.group(1)), _sentence_around(text, m.start())


def _sentence_around(text: str, pos: int) -> str:
    start = max(text.rfind(c, 0, pos) for c in "。\n") + 1
    ends = [i for i in (text.find(c, pos) for c in "。\n") if i >= 0]
    return text[start : min(ends) if ends else len(text)].strip()
