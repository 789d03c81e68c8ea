"""A synthetic bulletin: N regions x M reports x K projects, deterministic for a seed.

    python benchmarks/corpus.py OUT_DIR --regions 10 --reports 4 --projects 90 [--seed 1]

Writes OUT_DIR/data/ (regions.yaml and reports/<region>/<period>.yaml) with varied Traditional
Chinese names, figures and text in the shapes the seed reports use. Every file passes `check`:
shares agree with their amounts, cumulative amounts only grow, ids are unique slugs.
"""

from __future__ import annotations

import argparse
import random
from decimal import Decimal
from pathlib import Path

SYLLABLES = (
    "天 城 雲 龍 石 河 山 平 安 興 華 豐 寧 泰 和 陽 溪 川 林 江 湖 嶺 橋 灣 源 州 "
    "東 西 南 北 清 遠 新 永 長 富 順 德 明 白 青 金 玉 鳳 桂 松 竹 梅 蘭 岩 泉 "
    "坪 壩 塘 沖 寨 莊 集 鎮 口 洲 灘"
).split()
PINYIN = (
    "tian cheng yun long shi he shan ping an xing hua feng ning tai he yang xi chuan lin "
    "jiang hu ling qiao wan yuan zhou dong xi nan bei qing yuan xin yong chang fu shun "
    "de ming bai qing jin yu feng gui song zhu mei lan yan quan ping ba tang chong zhai "
    "zhuang ji zhen kou zhou tan"
).split()
KINDS = [  # (name ending, sector, stage words, capacity?)
    ("水庫除險加固工程", "水利", "大壩加固", None),
    ("水電站", "電力", "大壩混凝土澆筑", "萬千瓦"),
    ("高速公路", "交通", "路基施工", None),
    ("二級公路", "交通", "路面鋪設", None),
    ("污水處理廠", "環境", "主體工程施工", None),
    ("人民醫院擴建工程", "衛生", "住院樓主體施工", None),
    ("中學", "教育", "教學樓封頂", None),
    ("工業園區基礎設施", "工業園區", "標準廠房建設", None),
    ("光伏電站", "電力", "組件安裝", "MW"),
    ("城鄉供水工程", "供水", "管網鋪設", None),
    ("物流園", "物流", "倉儲區建設", None),
    ("文化體育中心", "文化體育", "場館主體施工", None),
    ("垃圾處理工程", "環境", "填埋區建設", None),
    ("灌區續建配套工程", "水利", "渠系改造", None),
]
PROGRESS = [
    "進展順利",
    "正抓緊施工",
    "已完成主體工程",
    "正加快推進",
    "已完成征地拆遷",
    "已進入設備安裝階段",
    "正抓緊開工前的準備工作",
    "可研已上報省發改委",
    "初設已獲批復",
]
PROBLEMS = [
    "投融資渠道仍然單一,對財政資金的依賴程度較高",
    "項目前期工作滯後,儲備項目不足",
    "土地、資金等要素保障壓力較大",
    "部分項目征地拆遷進度緩慢",
    "民間投資增長乏力",
    "新開工大項目偏少,投資增量不足",
]
STEPS = [
    "紮實抓好項目前期工作,加快項目審批",
    "加強要素保障,多渠道籌措建設資金",
    "強化項目調度,確保重點項目按期完工",
    "優化營商環境,激活民間投資",
    "加大招商引資力度,拓寬投融資渠道",
]
CATEGORIES = [
    "基本建設投資",
    "更新改造投資",
    "房地產開發投資",
    "工業投資",
    "民間投資",
    "第三產業投資",
]
STAGE_FLOW = ["前期", "前期", "在建", "在建", "在建", "基本完工", "竣工"]


def place(rng: random.Random, n: int = 2) -> tuple[str, str]:
    picks = [rng.randrange(len(SYLLABLES)) for _ in range(n)]
    return "".join(SYLLABLES[i] for i in picks), "".join(PINYIN[i] for i in picks)


def money(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")).normalize(), "f")


def report_yaml(rng, region_id, region_name, year, quarter, projects, state) -> str:
    end_month = 3 * quarter
    end_day = {3: 31, 6: 30, 9: 30, 12: 31}[end_month]
    total = Decimal(rng.randint(200, 4000)) / 100  # 億元
    plan = (total * Decimal(12) / end_month * Decimal(rng.randint(90, 130)) / 100).quantize(
        Decimal("0.1")
    )
    share = (total / plan * 100).quantize(Decimal("0.1"))
    lines = [
        f"region: {region_id}",
        f"title: {region_name}{year}年1—{end_month}月固定資產投資工作情況報告",
        f"issuer: {region_name}人民政府",
        f"addressee: 中共{region_name}委員會",
        f"published: {year}-{end_month + 1 if end_month < 12 else 12:02d}-{15 if end_month < 12 else 31}",
        f"period: {{start: {year}-01-01, end: {year}-{end_month:02d}-{end_day}, label: 1—{end_month}月}}",
        f"source: {{document: {region_id}-{year}-q{quarter}.txt}}",
        f"summary: 1—{end_month}月全{region_name[-1]}固定資產投資保持平穩增長,重點項目建設有序推進。",
        "figures:",
        "  - label: 全社會固定資產投資",
        f"    value: {{amount: {money(total)}, unit: 億元}}",
        f"    plan: {{amount: {money(plan)}, unit: 億元}}",
        f"    share_of_plan: {share}",
        "    changes:",
        f'      - {{value: {rng.randint(-300, 400) / 10}, unit: "%", basis: 同比}}',
    ]
    for label in rng.sample(CATEGORIES, 3):
        lines += [
            f"  - label: {label}",
            "    changes:",
            f'      - {{value: {rng.randint(-500, 900) / 10}, unit: "%", basis: 同比}}',
        ]
    lines += [
        "  - label: 新開工項目",
        f"    value: {{amount: {rng.randint(5, 60)}, unit: 個}}",
        "  - label: 開工率",
        f'    value: {{amount: {rng.randint(600, 990) / 10}, unit: "%"}}',
        "projects:",
    ]
    for pid, name, kind in projects:
        sector, words, cap_unit = kind[1], kind[2], kind[3]
        st = state.setdefault(
            pid, {"stage": 0, "spent": Decimal(0), "total": Decimal(rng.randint(2000, 200000))}
        )
        st["stage"] = min(st["stage"] + rng.randint(0, 1), len(STAGE_FLOW) - 1)
        stage = STAGE_FLOW[st["stage"]]
        lines += [
            f"  - id: {pid}",
            f"    name: {name}",
            f"    stage: {stage}",
            f"    sector: {sector}",
        ]
        if cap_unit:
            lines.append(f"    capacity: {{amount: {rng.randint(2, 60)}, unit: {cap_unit}}}")
        if stage != "前期":
            st["spent"] = min(st["total"], st["spent"] + st["total"] * rng.randint(5, 25) / 100)
            spent = st["spent"].quantize(Decimal("1"))
            pct = (spent / st["total"] * 100).quantize(Decimal("0.1"))
            lines += [
                "    amounts:",
                f"      - {{amount: {spent}, unit: 萬元, basis: 開工以來累計, "
                f"share: {{percent: {pct}, of: 總投資}}}}",
                f"      - {{amount: {st['total']}, unit: 萬元, basis: 總投資}}",
                "    physical_progress:",
                f"      - {{label: {words}, percent: {min(100, int(pct) + rng.randint(0, 20))}}}",
            ]
        lines.append(f"    progress: {words}{rng.choice(PROGRESS)}")
    lines.append("problems:")
    lines += [f"  - {p}" for p in rng.sample(PROBLEMS, 3)]
    lines.append("next_steps:")
    lines += [f"  - {s}" for s in rng.sample(STEPS, 3)]
    return "\n".join(lines) + "\n"


def generate(
    out: Path, regions: int, reports: int, projects: int, seed: int = 1, per_report: int = 30
) -> int:
    """Write the corpus; returns the number of pages the bulletin will have."""
    rng = random.Random(seed)
    data = out / "data"
    (data / "reports").mkdir(parents=True, exist_ok=True)
    region_lines = ["regions:"]
    used_ids: set[str] = set()
    for r in range(regions):
        name, py = place(rng, 2)
        rid = f"{py}-{r + 1}"
        region_name = f"{name}縣"
        region_lines += [f"  - id: {rid}", f"    name: {region_name}", "    kind: 縣"]
        plist = []
        for k in range(projects):
            pname, ppy = place(rng, 2)
            kind = KINDS[rng.randrange(len(KINDS))]
            pid = f"{rid}-{ppy}-{k + 1}"
            assert pid not in used_ids
            used_ids.add(pid)
            plist.append((pid, f"{pname}{kind[0]}", kind))
        state: dict = {}
        (data / "reports" / rid).mkdir(exist_ok=True)
        for m in range(reports):
            year, quarter = 2020 + m // 4, m % 4 + 1
            # each report names some of the region's projects; every project appears at least once
            chosen = [p for i, p in enumerate(plist) if i % reports == m]
            extra = rng.sample(plist, min(per_report, len(plist)))
            mentioned = sorted({p[0]: p for p in chosen + extra}.values())
            text = report_yaml(rng, rid, region_name, year, quarter, mentioned, state)
            (data / "reports" / rid / f"{year}-q{quarter}.yaml").write_text(text, "utf-8")
    (data / "regions.yaml").write_text("\n".join(region_lines) + "\n", "utf-8")
    return regions + regions * reports + regions * projects + 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--regions", type=int, default=10)
    parser.add_argument("--reports", type=int, default=4)
    parser.add_argument("--projects", type=int, default=90)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    pages = generate(args.out, args.regions, args.reports, args.projects, args.seed)
    print(f"wrote {args.out / 'data'}: about {pages} pages")


if __name__ == "__main__":
    main()
