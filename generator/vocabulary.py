"""The data's words: units, bases, stages, the words a figure is measured against. The
models (generator/model.py) accept these; the extractor (generator/extract/) writes them.
Plain tuples, light to import (no pydantic)."""

MONEY_UNITS: dict[str, int] = {
    "元": 1,
    "萬元": 10_000,
    "万元": 10_000,
    "億元": 100_000_000,
    "亿元": 100_000_000,
}
COUNT_UNITS = ("個", "个", "條", "条", "家", "項", "项", "所", "座", "宗", "批")
MEASURE_UNITS = (
    "公里",
    "千米",
    "米",
    "平方米",
    "萬平方米",
    "万平方米",
    "畝",
    "亩",
    "噸",
    "吨",
    "萬噸",
    "万吨",
    "千瓦",
    "萬千瓦",
    "万千瓦",
    "MW",
    "kW",
    "人",
)
PERCENT_UNITS = ("%",)
QUANTITY_UNITS = tuple(MONEY_UNITS) + COUNT_UNITS + MEASURE_UNITS + PERCENT_UNITS
CHANGE_UNITS = ("%", "倍", "個百分點", "个百分点")
CHANGE_BASES = (
    "同比",
    "環比",
    "环比",
    "序時進度",
    "序时进度",
    "上年",
    "全市",
    "全省",
    "全州",
    "全國",
    "全国",
)
# What an amount adds up: 本期 is a flow for the period; the 累計 bases are stocks.
AMOUNT_BASES = (
    "本期",
    "年初累計",
    "年初累计",
    "開工以來累計",
    "开工以来累计",
    "累計",
    "累计",
    "年度計劃",
    "年度计划",
    "總投資",
    "总投资",
    "本年完成",
)
STAGES = (
    "謀劃",
    "谋划",
    "儲備",
    "储备",
    "前期",
    "開工準備",
    "开工准备",
    "新開工",
    "新开工",
    "在建",
    "續建",
    "续建",
    "停建",
    "基本完工",
    "竣工",
    "投產",
    "投产",
)
CAPACITY_UNITS = (
    "MW",
    "kW",
    "千瓦",
    "萬千瓦",
    "万千瓦",
    "噸",
    "吨",
    "萬噸",
    "万吨",
    "噸/日",
    "吨/日",
    "萬噸/日",
    "万吨/日",
    "立方米/日",
    "萬立方米/日",
    "万立方米/日",
)
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PLAN_WHOLES = ("年度計劃", "年度计划", "計劃", "计划", "年度目標", "年度目标")
