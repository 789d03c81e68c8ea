"""`python -m generator new report`: a new report file with every field present and commented."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

from .errors import BulletinError
from .i18n import tr

PERIOD = re.compile(r"^(\d{4})(?:-(q[1-4]|h[12]|m(?:0[1-9]|1[0-2])))?$", re.I)


def period_of(text: str) -> tuple[dt.date, dt.date, str, str]:
    """2005-Q2 -> (2005-04-01, 2005-06-30, "第二季度", "2005-q2"); M08 is January to August."""
    m = PERIOD.match(text.strip())
    if not m:
        raise BulletinError(
            tr("--period {period!r}: expected 2005-Q2, 2005-H1, 2005-M08 or 2005", period=text)
        )
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


# Written in Simplified and converted for a Traditional bulletin. Only what this command knows
# is filled in (the region and the period); the title and the source's file name are empty,
# which `check` refuses at their lines until they are written; every other field is a commented example, which publishes
# nothing until the editor writes it: a value forgotten is never published as a real 0.
TEMPLATE = """\
# yaml-language-server: $schema=../../../schemas/report.schema.json
# {region} 的一期报告。照报告原文填写；报告没有写的就不写（没写就是没有，绝不写成 0）。
# 要用的字段去掉行首的 # 再填写。写完运行：python -m generator check
region: {region}
title: ""                           # 报告标题，照原文填写（必填：不填写，check 不通过）
# other_titles: [另一标题]           # 同一份报告另有标题时
# issuer: 河西县人民政府              # 发文单位；报告没写就不填
# addressee: 县人民政府               # 报送对象；报告没写就不填
# published: {end}              # 报告日期（YYYY-MM-DD）；没署日期就不填
# published_as: 二〇二六年十月十二日   # 日期原文不是阿拉伯数字时，照抄原文
period: {{start: {start}, end: {end}, label: {label}}}   # label 照报告的说法
source: {{document: "", parts: []}}   # 数据取自哪个文件，如 报告.docx（必填）
# summary: 一段概述                  # 报告自己的概述句

figures: []                         # 主要数字：去掉下面示例的 #，每项照原文填写
# figures:
#   - label: 全社会固定资产投资
#     value: {{amount: 48.6, unit: 亿元}}   # 数值照原文；单位：元、万元、亿元（或 个、%、公里 …）
#     plan: {{amount: 65, unit: 亿元}}      # 占年度计划…：计划数
#     share_of_plan: 74.8               # 占计划的…%
#     changes:                          # 同比增长/下降…%、增长…倍、高于序时进度…个百分点
#       - {{value: 7.4, unit: "%", basis: 同比}}
#     quote: 报告原句                     # 数字所在的原句

projects: []                        # 重点项目：去掉下面示例的 #，每个项目照原文填写
# projects:
#   - id: chengdong-wushuichang       # 项目的英文标识（小写字母、数字、连字符），每期相同
#     name: 城东污水处理厂扩建工程
#     stage: 在建                       # 前期、在建、基本完工、竣工 …… 照报告的说法
#     sector: 市政
#     amounts:                          # 每个金额写明口径；占比写它自己的分母
#       - {{amount: 2.8, unit: 亿元, basis: 总投资}}
#       - {{amount: 0.9, unit: 亿元, basis: 本年完成, share: {{percent: 75, of: 年度计划}}}}
#     progress: 主体构筑物已完成
#     quote: 报告原句

problems: []                        # 存在的困难和问题，每条一项
next_steps: []                      # 下一步工作，每条一项
# notes: []                         # 编辑的说明（更正、不清楚的地方）
"""


def known_regions(root: Path) -> list[str]:
    """The region ids of data/regions.yaml; its own errors are `check`'s to report."""
    from .checks import load_file
    from .model import RegionsFile

    _, regions, problems = load_file(
        root / "data" / "regions.yaml", "data/regions.yaml", RegionsFile
    )
    if regions is None:
        raise BulletinError(tr("data/regions.yaml cannot be read: run `python -m generator check`"))
    return [r.id for r in regions.regions]


def new_report(root: Path, region: str, period: str) -> Path:
    start, end, label, slug = period_of(period)
    regions = known_regions(root)
    if region not in regions:
        raise BulletinError(
            tr(
                "--region {region!r} is not in data/regions.yaml; expected one of: {regions}",
                region=region,
                regions=", ".join(regions),
            )
        )
    path = root / "data" / "reports" / region / f"{slug}.yaml"
    if path.exists():
        raise BulletinError(
            tr(
                "{path} exists already; edit it, or choose another --period",
                path=path.relative_to(root),
            )
        )
    text = TEMPLATE.format(region=region, start=start, end=end, label=label)
    if script_of_bulletin(root) == "hant":
        from .chinese import converter
        from .scripts import SCRIPTS

        text = converter(SCRIPTS["hant"].opencc).convert(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def script_of_bulletin(root: Path) -> str:
    """The script the bulletin is written in: bulletin.yml's, else the data's."""
    from .site import primary_script

    try:
        return primary_script(root)
    except BulletinError:  # no settings yet: the data's script, as check would tell
        from .chinese import script_of
        from .pipeline import Paths, load_bulletin

        bulletin, _ = load_bulletin(Paths(root))
        names = [r.display_name for r in bulletin.regions] if bulletin else []
        return script_of(names) if names else "hans"
