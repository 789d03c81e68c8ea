"""Sub-areas are figures, not projects: a town's, a street's, a park's or a county's projects and
amounts, in a table (「鎮（街道）|項目數（個）|年度計劃|1-11月完成|完成率」) or on lines of their own
(「城關鎮：9個項目，完成投資8.72億元，完成率81.6%」), are headline figures labelled with the area.

An area is told by the words its name ends in (鎮、鄉、街道、園區、開發區、縣、區、市 …), a table's
area column by its header words (鎮（街道）、鄉鎮、縣（市、區）、地區、單位 …) or by its cells all
being area names; a line about an area by its name before 「：」 and a count of projects after it.
Totals (合計, 全縣) are no area: they stay the table's totals.
"""

from __future__ import annotations

import re

from .figures import extract_figures
from .lexicon import rule
from .normalize import HAN

# the words an area's name ends in, and the words that end a project's name though they end
# in one of them (a campus, a housing estate, a scenic spot are built, not areas)
AREA_END = rule(
    rf"^[{HAN}]{{1,12}}?(?:街道|鄉鎮|鎮|鄉|園區|開發區|新區|縣|區|市|工業園|產業園|科技園)$"
)
NOT_AREA = rule(r"(?:小區|校區|景區|院區|廠區|礦區|服務區|社區|片區|公園|站區)$")
TOTAL = rule(r"^(?:合\s*計|總\s*計|小\s*計|全[市縣區州省鎮鄉]|其中)")

# a line about an area: its name (after a dash or a number), 「：」, a count of its projects
AREA_LINE = rule(
    rf"^(?:——|—|-|•|·|\d{{1,2}}[.、．]|[(（]\d{{1,2}}[)）]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])?"
    rf"\s*(?P<area>[{HAN}]{{2,14}})[:：](?P<rest>.+)$"
)
PROJECT_COUNT = rule(
    r"\d+\s*[個項宗][^,，;；。]{0,4}?項目|項目[數]?\s*(?:共|有|為)?\s*\d+\s*[個項宗]"
)


def is_area(name: str) -> bool:
    """「蘇堤街道」「臨江鎮」「東坡工業園」 are areas; 「臨江大橋」「城南小區」「合計」 are not."""
    text = re.sub(r"\s+", "", name)
    return bool(AREA_END.match(text)) and not NOT_AREA.search(text) and not TOTAL.match(text)


def area_line(line: str) -> tuple[str, str] | None:
    """(the area, what is said of it) of a line about an area, or None: 「禾山工業園區：14個
    項目，完成投資12.9億元」 -> (禾山工業園區, 14個項目，完成投資12.9億元)."""
    m = AREA_LINE.match(line.strip())
    if m is None or not is_area(m.group("area")) or not PROJECT_COUNT.search(m.group("rest")):
        return None
    return m.group("area"), m.group("rest")


COUNT_UNITS = ("個", "个", "項", "项", "宗")


def labelled(area: str, fig: dict) -> dict:
    """A figure of the area's line, its label led by the area's name; a count of projects is
    the area's number of projects (項目數)."""
    label = fig["label"]
    if fig.get("value", {}).get("unit") in COUNT_UNITS and re.search(r"[項项]目$", label):
        label += "数" if label.endswith("项目") else "數"
    return {**fig, "label": area + label if not label.startswith(area) else label}


def area_line_figures(lines: list[str], skip: set[int]) -> tuple[list[dict], set[int]]:
    """The figures of the lines about an area (not those in `skip`), each labelled with its
    area and quoting its line from the area's name on, with the lines that follow it (for
    the figures to stand in the report's order); and the indexes of the lines they used."""
    found = {i: a for i, line in enumerate(lines) if i not in skip and (a := area_line(line))}
    kept = [(k, ln) for k, ln in enumerate(lines) if k not in skip and k not in found]
    figures = []
    for i, (area, rest) in found.items():
        quote = lines[i][lines[i].index(area) :]
        later = [ln for k, ln in kept if k > i]
        for fig in extract_figures(rest, False):
            figures.append({**labelled(area, fig), "quote": quote, "later": later})
    return figures, set(found)
