"""`python -m generator new report`: a new report file with every field present and commented."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

from .errors import BulletinError

PERIOD = re.compile(r"^(\d{4})(?:-(q[1-4]|h[12]|m(?:0[1-9]|1[0-2])))?$", re.I)


def period_of(text: str) -> tuple[dt.date, dt.date, str, str]:
    """2005-Q2 -> (2005-04-01, 2005-06-30, "第二季度", "2005-q2"); M08 is January to August."""
    m = PERIOD.match(text.strip())
    if not m:
        raise BulletinError(f"--period {text!r}: expected 2005-Q2, 2005-H1, 2005-M08 or 2005")
    year, part = int(m.group(1)), (m.group(2) or "").lower()
    if part.startswith("q"):
        q = int(part[1])
        first, last, label = 3 * q - 2, 3 * q, f"第{'一二三四'[q - 1]}季度"
    elif part.startswith("h"):
        first, last, label = (1, 6, "上半年") if part == "h1" else (7, 12, "下半年")
    elif part.startswith("m"):
        first, last = 1, int(part[1:])
        label = f"1—{last}月"
    else:
        first, last, label = 1, 12, "全年"
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    slug = f"{year}-{part}" if part else str(year)
    return dt.date(year, first, 1), end, label, slug


TEMPLATE = """\
# yaml-language-server: $schema=../../../schemas/report.schema.json
# A report of {region}. Fill in what the report states; delete what it does not state
# (absent is absent, never 0). Then run: python -m generator check
region: {region}
title: 報告標題                     # the report's title, as written
# other_titles: [另一標題]           # when the same report circulates under another title
issuer: 發文單位                    # e.g. 天城縣人民政府; delete if the report does not say
addressee: 報送對象                 # e.g. 中共天城縣委; delete if the report does not say
published: {end}                # the report's date (YYYY-MM-DD); delete if not dated
# published_as: 二oo五年四月二十七日   # the date as written, when not in digits
period: {{start: {start}, end: {end}, label: {label}}}   # label as the report words it
source: {{document: 文件名.txt, parts: []}}   # the text it was taken from
# summary: 一段概述                  # the report's own summary sentence

figures:                            # headline figures, each as stated
  - label: 全社會固定資產投資
    value: {{amount: 0, unit: 億元}}     # amount as written; unit 元, 萬元 or 億元 (or 個, %, 公里 …)
    # plan: {{amount: 0, unit: 億元}}    # 占計劃…: the plan
    # share_of_plan: 0                # 占計劃的…%
    # share: {{percent: 0, of: 全區投資}} # 占比…%
    changes:                          # 同比增長/下降…%, 增長…倍, 高於序時進度…個百分點
      - {{value: 0, unit: "%", basis: 同比}}
    # quote: 報告原句                   # the sentence it came from

projects:
  - id: project-id                  # stable ASCII slug, the same in every report
    name: 項目名稱
    # aliases: [簡稱]
    stage: 在建                       # 前期, 在建, 基本完工, 竣工 … as the report says
    # sector: 電力
    # capacity: {{units: 2, amount: 300, unit: MW}}
    amounts:                          # each with its basis; share of its own whole
      - {{amount: 0, unit: 萬元, basis: 開工以來累計, share: {{percent: 0, of: 總投資}}}}
    # physical_progress: [{{label: 路基, percent: 90}}]
    progress: 進展情況
    # next_step: 下一步
    # quote: 報告原句

problems: []                        # 存在的困難和問題, one item each
next_steps: []                      # 下一步工作, one item each
# other_progress: []                # other statements of progress
# notes: []                         # the editor's notes (corrections, what was unclear)
"""


def known_regions(root: Path) -> list[str]:
    """The region ids of data/regions.yaml; its own errors are `check`'s to report."""
    from .checks import load_file
    from .model import RegionsFile

    _, regions, problems = load_file(
        root / "data" / "regions.yaml", "data/regions.yaml", RegionsFile
    )
    if regions is None:
        raise BulletinError("data/regions.yaml cannot be read: run `python -m generator check`")
    return [r.id for r in regions.regions]


def new_report(root: Path, region: str, period: str) -> Path:
    start, end, label, slug = period_of(period)
    regions = known_regions(root)
    if region not in regions:
        raise BulletinError(
            f"--region {region!r} is not in data/regions.yaml; expected one of: "
            + ", ".join(regions)
        )
    path = root / "data" / "reports" / region / f"{slug}.yaml"
    if path.exists():
        raise BulletinError(
            f"{path.relative_to(root)} exists already; edit it, or choose another --period"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(region=region, start=start, end=end, label=label), "utf-8")
    return path
