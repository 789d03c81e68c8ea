"""A report's plain text -> a draft report YAML for an editor to review.

Rules are general patterns of how Chinese investment reports state things (amounts with 元/萬元/
億元, 占計劃…的…%, 同比增長/下降…%, 增長…倍, …個百分點, counts, rates, shares, project names
with their progress), in Simplified or Traditional script. Nothing is guessed: every value comes
with the sentence it was read from (`quote:` or a `# from:` comment), and what was not found is
listed at the end of the draft. The draft is data for review, not publication.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import BulletinError
from .i18n import tr
from .scripts import script_of
from .textclean import strip_pinyin

# --- cleaning -------------------------------------------------------------------------------
HAN = r"\u3400-\u9fff"
_SPACES = re.compile(r"[ \t\u3000\u00a0\u2002-\u200b]+")
_HAN_GAP = re.compile(rf"(?<=[{HAN}]) (?=[{HAN}])")
_SENTENCE_END = "。！？；:：!?;"


CIRCLED = re.compile(r"^[\u2460-\u2473]$")
CIRCLED_SPLIT = re.compile(r"([\u2460-\u2473])")


def _kv_gaps(line: str) -> str:
    """「重點項目:19個　年度計劃:61.2億元　1-5月完成:24.08億元」: in a line of key:value pairs,
    the spaces between a value and the next key part them like a semicolon."""
    if line.count(":") < 2:
        return line
    return re.sub(r"(?<=[\d%元個个項项宗座])\s+(?=[^\s:;；,，]{1,12}:)", ",", line)


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


TITLE_LINE = re.compile(r"^(?:關於|关于).{4,60}(?:報告|报告|匯報|汇报|通報|通报|情況|情况)$")


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


# --- numbers and dates ----------------------------------------------------------------------
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


THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?=億元|亿元|萬元|万元|元)")
WRITTEN_PERCENT = re.compile(
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


DATE = re.compile(rf"([{CN_NUM}\d]{{4}})年([{CN_NUM}\d]{{1,3}})月(?:([{CN_NUM}\d]{{1,3}})日)?")


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
    (re.compile(r"(?:(\d{4})年)?(\d{1,2})[—–\-~至到](\d{1,2})月(?:份)?"), "months"),
    (re.compile(r"(?:(\d{4})年)?前三季度"), "q1-3"),
    (re.compile(r"(?:(\d{4})年)?前(\d{1,2})(?:個|个)?月"), "first-months"),
    (re.compile(r"(?:(\d{4})年)?(?:第)?([一二三四1-4])季度"), "quarter"),
    (re.compile(r"(?:(\d{4})年)?上半年"), "h1"),
    (re.compile(r"(?:(\d{4})年)?下半年"), "h2"),
    (re.compile(r"(?:截至|截止到?|到)(?:(\d{4})年)?(\d{1,2})月(?:份|底|末)?"), "to-month"),
]


def _month_end(year: int, month: int) -> dt.date:
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


WHOLE_YEAR = re.compile(r"(\d{4})年(?:度)?[^。\n]{0,40}?全年")


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


# --- what the report states ---------------------------------------------------------------
NUM = r"\d+(?:\.\d+)?"
ABOUT = r"(?:約|约|近|超過|超过|超|逾|達|达|為|为)?"  # 約58億元, 近6%, 超1億元, 逾32億元
MONEY_UNIT = r"億元|亿元|萬元|万元|元"
# an amount that is a size class, not a value: 超1億元的項目, 億元以上項目, 5000萬元及以上
THRESHOLD = r"(?!以上|以下|及以上|及以下|的項目|的项目|的重點|的重点|項目|项目)"
MONEY = re.compile(rf"(?<![\d.])({NUM})({MONEY_UNIT}){THRESHOLD}")
# the plan, in the words reports use for it: 年度計劃, 年度投資計劃, 年計劃, 全年目標任務 …
PLAN_WORD = (
    r"(?:全年|年度|當年|当年|本年|年內|年内|年)?(?:投資|投资)?"
    r"(?:計劃|计划|目標任務|目标任务|任務|任务|目標|目标)(?:投資|投资)?"
)
PLAN_SHARE = re.compile(
    rf"(?:[占佔]|完成了?|為|为|達到|达到)(?!總|总){PLAN_WORD}({NUM})({MONEY_UNIT})的({NUM})%"
)
CHANGE = re.compile(
    rf"(同比|與去年同期相比|与去年同期相比|與上年同期比|与上年同期比|與去年同期比|与去年同期比|"
    rf"比去年同期|比上年同期|比上年|較上年|较上年|環比|环比)?"
    rf"(增長|增长|增加|提高|上升|下降|減少|减少|回落|降低|比增|比降)了?{ABOUT}(-?{NUM})(%|倍|個百分點|个百分点)"
)
# the pace a plan sets for the time gone by, in its several names
PACE = {
    "序時進度": "序時進度",
    "序时进度": "序时进度",
    "時間進度": "序時進度",
    "时间进度": "序时进度",
    "時序進度": "序時進度",
    "时序进度": "序时进度",
}
VERSUS = re.compile(
    rf"(高於|高于|超過|超过|超出|超|快於|快于|低於|低于|慢於|慢于|落後|落后)"
    rf"({'|'.join(PACE)}|全市|全省|全州|全國|全国|上年)(?:平均水平|平均水準|平均增速|平均|水平|水準|增速)?"
    rf"({NUM})(個百分點|个百分点|%)"
)
VERSUS_AFTER = re.compile(
    rf"(?:比|較|较)({'|'.join(PACE)}|全市|全省|全州|全國|全国|上年)"
    rf"(?:平均水平|平均水準|平均增速|平均|水平|水準|增速)?(高|低|快|慢|多|少)(?:出|了)?({NUM})(個百分點|个百分点)"
)
LOWER = ("低於", "低于", "慢於", "慢于", "落後", "落后", "低", "慢", "少")
COUNT_BEFORE = re.compile(rf"(?<![\d.])(\d+)(個|个|家|條|条|項|项|所|座|宗|批)([{HAN}]{{1,10}})")
COUNT_AFTER = re.compile(rf"([{HAN}]{{2,12}}?)(\d+)(個|个|家|條|条|項|项|所|座|宗|批)(?![{HAN}])")
MEASURE_AFTER_COUNT = re.compile(
    rf"(\d+)(條|条|個|个)({NUM})(公里|千米|平方米|萬平方米|万平方米|畝|亩)"
)
RATE = re.compile(rf"([{HAN}]{{1,8}}率)(?:為|为|達|达|達到|达到)?({NUM})%")
SHARE = re.compile(
    rf"(?:[占佔]([{HAN}]{{1,10}}?)的?)?(?:比重|[占佔]比)(?:為|为|達到|达到|達|达)?({NUM})%"
    rf"|[占佔](全[{HAN}]{{1,8}}?)的?({NUM})%"
)
ISSUER = (
    r"(?:政府|委員會|委员会|局|辦公室|办公室|指揮部|指挥部|領導小組|领导小组|服務中心|服务中心|"
    r"重點辦|重点办|項目辦|项目办)$"
)
GROWTH_RATE = re.compile(rf"(同比)?增速(?:為|为|是|達到|达到|達|达)?(-?{NUM})%")
RANK = re.compile(
    rf"(增速|增幅|總量|总量)?(?:位居|居|排名|排)(全[{HAN}]{{1,2}}|[{HAN}]{{1,4}}(?:縣區|县区|市|省|州))第(\d+)(?:位|名)?"
)
OF_PLAN = re.compile(
    rf"(?:完成了?|[占佔]|為|为)(?!總|总){PLAN_WORD}的?({NUM})%"
    rf"|(?:計劃|计划|投資|投资)完成率(?:為|为|達|达)?({NUM})%"
    # 「…,1—8月完成50.12億元,完成率69.6%」: a bare 完成率 right after a completed amount
    rf"|^完成率(?:為|为|達|达)?({NUM})%"
)
CAPACITY = re.compile(
    rf"(?:裝機|装机)(?:容量)?({NUM})(萬千瓦|万千瓦|千瓦|MW|mw)"
    r"|(\d+)\s*[×xX*]\s*(\d+)\s*(MW|mw|兆瓦)"
    rf"|(?<![\d.×xX*])({NUM})(MW|萬噸/年|万吨/年|萬立方米/日|万立方米/日|噸/日|吨/日)"
    rf"|年[產产]({NUM})(萬噸|万吨)"  # 年產5萬噸: a yearly capacity
    rf"|日(?:處理|处理|供水|生產|生产)?(?:能力|規模|规模)?(?:為|为|達|达)?({NUM})(萬立方米|万立方米|萬噸|万吨|噸|吨)"
)
CAPACITY_UNIT = {"mw": "MW", "兆瓦": "MW", "萬噸/年": "萬噸", "万吨/年": "万吨"}
INVESTED = re.compile(
    rf"(開工以來累計|开工以来累计|開累|开累|今年累計|今年累计|累計|累计|年初累計|年初累计|本年|今年|"
    rf"當月|当月|本月|[一二三四]季度|上半年|前三季度|"
    rf"(?:1|一)?[—–\-~至到]?\d{{1,2}}月(?:份)?)?已?完成了?(?:投資|投资)?{ABOUT}({NUM})({MONEY_UNIT})"
)
TOTAL = re.compile(
    rf"(?<![占佔])((?:概算|計劃|计划|估算|預計|预计)?(?:總投資|总投资)|"
    rf"(?:本年|今年|年度|全年|當年|当年|年)(?:投資|投资)?(?:計劃|计划)(?:完成)?(?:投資|投资)?|"
    rf"(?:計劃|计划)(?:完成)?(?:投資|投资))"
    rf"{ABOUT}({NUM})({MONEY_UNIT})"
)
# a share of the total or of the plan, the whole written inside it or not:
# 占總投資的45%, 完成年度計劃的52.5%, 占年度投資任務15000萬元的57.3%
SHARE_TOTAL = re.compile(
    rf"(?:[占佔]|完成了?|為|为)(總投資|总投资|{PLAN_WORD})(?:({NUM})({MONEY_UNIT}))?的?({NUM})%"
    rf"|(累計|累计|開累|开累)?(?:投資|投资)?完成率(?:為|为|達|达)?({NUM})%"
)


def amount_basis(word: str) -> str:
    """What an amount adds up, from the words before it: 總投資, 年度計劃, 累計 … (1—9月: this
    year's to date)."""
    if word in AMOUNT_BASIS:
        return AMOUNT_BASIS[word]
    if re.search(r"總投資|总投资", word):
        return "總投資"
    if re.search(r"計劃|计划", word):
        return "年度計劃"
    return "本年完成"


def share_of(word: str) -> str:
    """The whole a share is of, in the data's words: 總投資, 年度計劃 or 計劃."""
    if re.search(r"總投資|总投资|累計|累计|開累|开累", word):
        return "總投資"
    return "年度計劃" if re.search(r"年|本年|當年|当年", word) else "計劃"


WHOLE_BASIS = {"總投資": "總投資", "年度計劃": "年度計劃", "計劃": "年度計劃"}
AMOUNT_BASIS = {
    "開工以來累計": "開工以來累計",
    "开工以来累计": "開工以來累計",
    "累計": "累計",
    "累计": "累計",
    "年初累計": "年初累計",
    "年初累计": "年初累計",
    "本年": "本年完成",
    "今年累計": "年初累計",
    "今年累计": "年初累計",
    "當月": "本期",
    "当月": "本期",
    "本月": "本期",
    "今年": "本年完成",
    "開累": "開工以來累計",
    "开累": "開工以來累計",
    "總投資": "總投資",
    "总投资": "總投資",
    "年度計劃投資": "年度計劃",
    "年度计划投资": "年度計劃",
    "年度投資計劃": "年度計劃",
    "年度投资计划": "年度計劃",
}
PERCENT_DONE = re.compile(
    rf"([{HAN}]{{0,14}}?)(?:已)?(?:完成|完成了)(?:工程總量的|工程总量的|總工程量的|总工程量的|工程量的|"
    rf"總工程量|总工程量|工程量)?({NUM})%"
)
SIZE_WORDS = re.compile(
    r"^(?:長|长)|全長|全长|總長|总长|規劃|规划|占地|佔地|設計|设计|面積|面积|床位"
)
LENGTH_DONE = re.compile(rf"([{HAN}]{{2,8}})({NUM})(公里|千米|米)")

STAGE_WORDS = [  # (stage, words), first match wins
    ("竣工", ("竣工", "建成投產", "建成投产", "投入使用")),
    ("基本完工", ("基本完工",)),
    (
        "前期",
        (
            "可研",
            "初設",
            "初设",
            "核準",
            "核准",
            "環評",
            "环评",
            "規劃",
            "规划",
            "踏勘",
            "前期",
            "開工前",
            "开工前",
            "報批",
            "报批",
            "上報",
            "上报",
            "立項",
            "立项",
        ),
    ),
    (
        "在建",
        (
            "施工",
            "澆筑",
            "浇筑",
            "在建",
            "完工",
            "路基",
            "建設取得",
            "建设取得",
            "加快建設",
            "加快建设",
            "進展順利",
            "进展顺利",
        ),
    ),
    ("儲備", ("儲備", "储备")),
]
NAME_SUFFIX = (
    "工程",
    "項目",
    "项目",
    "水電站",
    "水电站",
    "電站",
    "电站",
    "水庫",
    "水库",
    "公路",
    "電廠",
    "电厂",
    "煤礦",
    "煤矿",
    "學校",
    "学校",
    "中心",
    "支渠",
    "隧洞",
    "園區",
    "园区",
    "一期",
    "二期",
    "標段",
    "标段",
    "一標",
    "二標",
    "三標",
    "四標",
    "一标",
    "二标",
    "三标",
    "四标",
    "三期",
    "四期",
    "小區",
    "小区",
    "大廈",
    "大厦",
    "揚水站",
    "扬水站",
    "綜合體",
    "综合体",
    "商業街",
    "商业街",
    "產業園",
    "产业园",
    "展廳",
    "展厅",
    "小鎮",
    "小镇",
    "加工廠",
    "加工厂",
    "辦公樓",
    "办公楼",
    "二級公路",
    "高速公路",
    "文化園",
    "文化园",
    "花園",
    "花园",
    "煙廠",
    "烟厂",
    "校區",
    "校区",
    "改造",
    "改建",
    "擴建",
    "扩建",
    "治理",
    "整治",
    "風電場",
    "风电场",
    "測試場",
    "测试场",
    "物流園",
    "物流园",
    "學院",
    "学院",
    "管廊",
    "立交",
    "廠房",
    "厂房",
    "鐵路",
    "铁路",
    "環路",
    "环路",
    "延段",
    "環段",
    "环段",
    "北段",
    "南段",
    "東段",
    "东段",
    "西段",
    "物流港",
    "碼頭",
    "码头",
    "港",
    "中學",
    "中学",
    "技工學校",
    "技工学校",
    "綠化",
    "绿化",
    "大橋",
    "大桥",
    "處理廠",
    "处理厂",
    "水廠",
    "水厂",
    "醫院",
    "医院",
    "場館",
    "场馆",
    "體育館",
    "体育馆",
    "隧道",
    "防洪堤",
    "堤防",
    "大道",
    "樞紐",
    "枢纽",
    "管網",
    "管网",
    "公園",
    "公园",
    "保健院",
    "度假區",
    "度假区",
    "風景區",
    "风景区",
    "航道",
    "基地",
    "站",
    "樓",
    "楼",
    "機場",
    "机场",
    "公寓",
    "快速路",
    "大學",
    "大学",
    "幼兒園",
    "幼儿园",
    "院區",
    "院区",
    "廣場",
    "广场",
    "體育場",
    "体育场",
    "停車場",
    "停车场",
    "住房",
    "橋",
    "桥",
)
# Words that show a clause is an action or a category, not a project's name.
NOT_A_NAME = re.compile(
    r"把|是|加強|加强|確保|确保|強化|强化|推進|推进|做好|辦理|办理|用好|用活|"
    r"納入|纳入|盤活|盘活|為|为|堅持|坚持|嚴格|严格|杜絕|杜绝|督查|促使|"
    r"發揮|发挥|攻堅|攻坚|領導|领导|每月|進行|进行|抓好|支撐|支撑|謀劃|谋划|^提升|"
    r"^(?:重大|重點|重点|竣工|轉化|转化|新開工|新开工|儲備|储备|在建|新增|爛尾|"
    r"烂尾|各類|各类|產能|产能|落後|落后|關於|关于|主要|其他|其它|有關|有关|上述|以上)"
    r"|[类類](?:項目|项目)$|(?:重點項目|重点项目|重大項目|重大项目)$|以上|以下|^\d+(?:個|个|項|项|宗|批)"
    r"|^分[一二三四五六七八九十兩两\d]|[個个](?:標段|标段)"
    r"|^(?:計劃|计划|另有|其中|已|共)?(?:新開工|新开工|續建|续建|竣工|前期|在建|預備|预备|儲備|储备|"
    r"新建|投產|投产)(?:項目|项目)$"
    r"|^(?:國家|国家|省|市|州|縣|县|區|区|鄉鎮|乡镇)(?:級|级)(?:重點|重点|重大)?(?:項目|项目)$"
    r"|的(?:項目|项目|工程)$"  # 「進度滯後的項目」: a description of some projects
    # 「X工程的年度計劃僅含…工程」: a sentence about a project's figures, not a name
    r"|的(?:年度|計劃|计划|總投資|总投资|投資|投资|資金|资金)"
    r"|^(?:民生|產業|产业|基礎設施|基础设施|社會事業|社会事业|工業|工业|農業|农业|服務業|服务业|"
    r"城建|交通|能源|水利|續建|续建|前期|城建交通|交通水利|社會民生|社会民生|公共服務|公共服务|"
    r"生態環保|生态环保|文化旅遊|文化旅游|城鄉建設|城乡建设)(?:類|类)?(?:項目|项目)$"
)
# Where a clause stops naming and starts telling: a name is cut here before its suffix is found.
NAME_STOP = re.compile(
    r"正(?!極|极|負|负|大|式|陽|阳|源)|已|將|将|可研|初設|初设|獲得|获得|通過|通过|征地|進展|进展|取得|完成|"
    r"累計|累计|抓緊|抓紧|路基|土建|前期工作|的前期|建設步伐|建设步伐|等"
    # 「…、北岸排澇泵站3個民生項目分別…」: the count of a list's items follows its last name
    r"|(?:\d+|[兩两二三四五六七八九十]+)(?:個|个|項|项)(?=[^,，;；。]{0,6}(?:項目|项目|工程))"
)
LEAD_VERBS = re.compile(
    r"^(?:加快|推進|推进|推動|推动|主推|發展壯大|发展壮大|抓緊做好|抓紧做好|解決好|解决好|"
    r"認真做好|认真做好|做好|加大對|加大对|妥善解決|妥善解决|新建|對|对|以|將|将|其中[:：]?|"
    r"(?:重點項目|重点项目|項目|项目)中[:：]|(?:重點項目|重点项目|主要項目|主要项目)[:：]|"
    r"在(?!建)|[^,，。;；]{0,12}的(?:還有|还有))+"  # 「同樣進展順利的還有X基地」
)
ENUM = re.compile(
    rf"([{HAN}\w×、“”\"]{{4,200}}?)等(?:重點|重点|儲備重點|储备重点|綠色建材|绿色建材)?"
    r"(?:項目|项目|工程)"
)


@dataclass
class Draft:
    fields: dict = field(default_factory=dict)
    comments: dict = field(default_factory=dict)
    figures: list = field(default_factory=list)
    projects: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    next_steps: list = field(default_factory=list)
    not_found: list = field(default_factory=list)
    other_parts: list = field(default_factory=list)
    tables: list = field(default_factory=list)  # the schedules read, with their totals


def split_parts(text: str) -> list[tuple[str | None, list[str]]]:
    """A document with 篇一, 篇二 … holds several reports; otherwise one."""
    parts: list[tuple[str | None, list[str]]] = []
    for line in text.split("\n"):
        m = re.match(r"^(篇[一二三四五六七八九十]+)\s*(.*)$", line)
        if m:
            parts.append((m.group(1), []))
        elif parts:
            parts[-1][1].append(line)
        elif not line.startswith("-"):
            parts.append((None, [line]))
    return parts or [(None, [])]


def sections(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(heading, lines) for 一、… sections; the lines before the first heading under ''."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        m = re.match(r"^[一二三四五六七八九十]+、(.+)$", line)
        if m:
            # 「一、龍潭水庫工程。總投資……」: a heading that runs on into its paragraph
            runs_on = re.match(r"^([^。:]{2,40}?)[。:](.{10,})$", m.group(1))
            if runs_on:
                out.append((runs_on.group(1), [line]))
            elif len(m.group(1)) > 40 and re.search(r"[,，;；]", m.group(1)):
                out[-1][1].append(line)  # 「一、5月當月,全區……」: a numbered paragraph
            else:
                out.append((m.group(1), []))
        elif (
            len(line) <= 20
            and line[-1:] not in "。;"
            and re.search(PROBLEMS_HEADING + "|" + NEXT_HEADING, line)
        ):
            out.append((line, []))  # an unnumbered heading: 「存在的問題」, 「下一步打算」
        else:
            out[-1][1].append(line)
    return out


PROBLEMS_HEADING = r"問題|问题|困難|困难|不足"
NEXT_HEADING = r"今後|今后|下一步|工作意見|工作意见|打算|建議|建议"


def _items(lines: list[str]) -> list[str]:
    """Items of a problems or next-steps section: (一)… parts, or 一是…二是… in running text."""
    body = "".join(ln for ln in lines if ln not in ("特此報告。", "特此报告。"))
    marked = re.split(r"(?=\([一二三四五六七八九十]+\))", body)
    if len([m for m in marked if m.strip()]) >= 2:
        return [m.strip() for m in marked if m.strip()]
    pieces = re.split(r"(?:^|[;；。:：])\s*[一二三四五六七八九十]+是", body)
    found = [p.strip(" ;。") for p in pieces[1:] if p.strip()]
    return found or ([body] if body else [])


def _num(text: str) -> Decimal:
    return Decimal(text)


def _label_before(clause: str, pos: int) -> str:
    label = clause[:pos]
    inner = re.split(r"[(（]", label)[-1]  # 「48宗(其中續建項目21宗」: the words in brackets
    if len(inner) >= 2 and inner != label:
        label = inner
    # 「省級5項、市級9項、縣級」: the figures before the last 、 are items of their own
    if m := re.search(r"\d(?:\.\d+)?[^\d、]{0,4}、([^、]*)$", label):
        label = m.group(1)
    label = re.sub(
        r"^(?:\d{4}年)?(?:\d{1,2}[—–\-~至到]\d{1,2}月(?:份)?|截至\d{1,2}月(?:份|底)?|"
        r"上半年|前三季度|[一二三四]季度|今年以來|今年以来|今年|其中)",
        "",
        label,
    )
    label = re.sub(
        r"(?:累計|累计|實現|实现|完成|達到|达到|為|为|共|達|达|約|约|近|超過|超过|超|逾)+$",
        "",
        label,
    )
    return label.strip(" ,:")


# 「A和B分別完成投資2.3和1.1億元」: several figures, their values in the same order
RESPECTIVELY = re.compile(
    rf"([{HAN}、]{{2,30}}?)分[別别](?:完成了?(?:投資|投资)?|為|为|達到|达到|達|达|實現|实现)?"
    rf"({NUM}(?:(?:{MONEY_UNIT})?[、和及與与]{NUM})+)({MONEY_UNIT}|%)"
)
# 「…,分別佔年度計劃的29.1%、25.8%、26.4%」, 「投資完成率分別為71.2%、64.5%」: the shares of the
# plan of the figures before
SHARES_OF_PLAN_EACH = re.compile(
    r"^(?:(?:投資|投资)?完成率分[別别](?:為|为|是|達|达)?|"
    r"分[別别](?:佔|占|為|为|是|完成)?(?:年度計劃|年度计划|全年計劃|全年计划|計劃|计划)的?)"
    rf"({NUM}%?(?:[、和及與与]{NUM}%?)+)%[。;；]?$"
)


def respectively(clause: str, sentence: str) -> list[dict]:
    m = RESPECTIVELY.search(clause)
    if not m:
        return []
    items = [
        i for i in re.split(r"[、和及與与]", _label_before(clause, m.start(1)) + m.group(1)) if i
    ]
    values = re.split(r"[、和及與与]", m.group(2))  # each with its unit, or the last one's
    if len(items) != len(values):
        return []
    units = [re.sub(NUM, "", v, count=1) or m.group(3) for v in values]
    values = [re.match(NUM, v).group(0) for v in values]
    tail = re.search(r"(項目|项目|投資|投资|產業|产业)$", items[-1])
    if tail:  # 「交通和水利項目」: the last item's noun belongs to each
        items = [i if i.endswith(tail.group(1)) else i + tail.group(1) for i in items]
    done = "完成" in clause[m.end(1) : m.start(2)]
    invested = "完成投资" if "投资" in clause else "完成投資"
    return [
        {
            "label": item + (invested if done and unit != "%" else ""),
            "value": {"amount": _num(v), "unit": unit},
            "changes": [],
            "quote": sentence,
        }
        for item, v, unit in zip(items, values, units, strict=True)
    ]


# a sentence that goes on about the figure before it: 「……;同比增長4.3%,增速比全州低2.2個百分點」
FOLLOW_ON = re.compile(
    r"^(?:同比|增速|增幅|降幅|比上年|較上年|较上年|比去年|較去年|较去年|高於|高于|低於|"
    r"低于|超序時|超序时|居|位居|排|與上年|与上年|與去年|与去年|同期)"
)
# a change against an earlier period of the same year: 較1—8月提高1.1個百分點, 降幅收窄
PERIOD_CHANGE = re.compile(
    rf"(?:較|较|比)(\d{{1,2}}[—–\-~至]\d{{1,2}}月|上月|上季度|一季度|上半年)(?:份)?"
    rf"(提高|提升|加快|上升|擴大|扩大|回落|下降|放緩|放缓|收窄)了?({NUM})(個百分點|个百分点)"
)


# 「比去年同期多完成6.3億元」: how much more than a year before, a difference and no figure
MORE_THAN_BEFORE = re.compile(
    rf"^(?:比|較|较|同比)(?:去年|上年)?(?:同期)?(?:多|少)(?:完成)?(?:投資|投资)?{NUM}(?:{MONEY_UNIT})"
)
# words that speak of the figure already named, not of a new one: 「增速…」「增幅…」
KEY_COLON = re.compile(
    r"^([^,，。;；:：]{0,8}[\u4e00-\u9fff][^\d,，。;；:：]{0,10})[:：]"
    r"(?=(?:共計|共计|合計|合计|共)?[約约近超逾+\-]?\d)"
)
SIGNED_CHANGE = re.compile(
    rf"^(?:較|较|比)?(同比|環比|环比|{'|'.join(PACE)}|全市|全省|全州)([+\-]{NUM})(%|個百分點|个百分点)$"
)
OF_CURRENT = re.compile(r"^(?:增速|增幅|降幅|比|較|较)")


def extract_figures(  # noqa: C901
    sentence: str, projects_here: bool, carry: dict | None = None
) -> list[dict]:
    """The headline figures of a sentence. `carry` is the figure the sentence before ended
    on, which a sentence that opens with a change (同比, 增速比…) goes on about."""
    figures: list[dict] = []
    if projects_here:
        return figures
    current = carry if FOLLOW_ON.match(sentence) else None
    if current is not None:
        current.setdefault("changes", [])
    group: list[dict] = []  # the figures of the last 「A、B分別…」
    # pairs set apart by wide spaces are clauses too: 「重點項目:19個　年度計劃:61.2億元」
    subject = ""  # 「區重點項目:共47個,…,1-8月完成50.12億元」: what the pairs after are of
    for clause in re.split(r"[,，|]|\u3000+|\s{2,}", written_numbers(sentence)):
        if (key := KEY_COLON.match(clause)) and re.match(
            r"(?:共|合)|\d+(?:個|个|項|项)$", clause[key.end() :]
        ):
            subject = key.group(1).strip()
        clause = KEY_COLON.sub(r"\1", clause)  # 「總投資:412.8億元」 reads as 「總投資412.8億元」
        clause = MORE_THAN_BEFORE.sub("", clause)
        if (signed := SIGNED_CHANGE.match(clause)) and current is not None:  # 「同比:+6.1%」
            current.setdefault("changes", []).append(
                {
                    "value": _num(signed.group(2)),
                    "unit": signed.group(3),
                    "basis": PACE.get(signed.group(1), signed.group(1)),
                }
            )
            continue
        if several := respectively(clause, sentence):
            figures += several
            current, group = None, several
            continue
        if group and (shares := SHARES_OF_PLAN_EACH.match(clause)):
            percents = re.findall(NUM, shares.group(1))
            if len(percents) == len(group):
                for fig, percent in zip(group, percents, strict=True):
                    fig["share_of_plan"] = _num(percent)
                continue
        group = None
        added = False
        money = MONEY.search(clause)
        plan = PLAN_SHARE.search(clause)
        for step in PERIOD_CHANGE.finditer(clause):
            if current is not None:
                narrower = step.group(2) in ("收窄",) and "降幅" in clause
                down = step.group(2) in ("回落", "下降", "放緩", "放缓") or (
                    step.group(2) in ("擴大", "扩大") and "降幅" in clause
                )
                current["changes"].append(
                    {
                        "value": (-1 if down and not narrower else 1) * _num(step.group(3)),
                        "unit": step.group(4),
                        "basis": "环比" if "个" in step.group(4) else "環比",
                    }
                )
        if plan:
            if current is not None and "value" in current:
                current["plan"] = {"amount": _num(plan.group(1)), "unit": plan.group(2)}
                current["share_of_plan"] = _num(plan.group(3))
            continue
        if money:
            label = _label_before(clause, money.start())
            if (
                label in ("", "完成投資", "完成投资", "投資", "投资")
                and subject
                and "完成" in clause[: money.start()]
            ):
                label = subject + ("完成投资" if script_of([sentence]) == "hans" else "完成投資")
            if label:
                current = {
                    "label": label,
                    "value": {"amount": _num(money.group(1)), "unit": money.group(2)},
                    "changes": [],
                    "quote": sentence,
                }
                if re.search(r"累計|累计", clause[: money.start()]):
                    current["value"]["basis"] = "年初累計"
                figures.append(current)
                added = True
        for change in () if PERIOD_CHANGE.search(clause) else CHANGE.finditer(clause):
            if change.group(1) in ("環比", "环比"):
                basis = change.group(1)
            else:
                basis = (
                    "同比" if change.group(1) or "同期" in sentence or "同比" in clause else None
                )
            if basis is None:
                basis = "同比" if re.search(r"增長|增长|下降|比增|比降", clause) else None
            sign = -1 if change.group(2) in ("下降", "減少", "减少", "回落", "降低", "比降") else 1
            item = {"value": sign * _num(change.group(3)), "unit": change.group(4), "basis": basis}
            label = _label_before(clause, change.start())
            if label and not added and not (current and OF_CURRENT.match(label)):
                current = {"label": label, "changes": [], "quote": sentence}
                figures.append(current)
                added = True
            if current is not None and basis:
                current["changes"].append(item)
        rate_of_growth = GROWTH_RATE.search(clause)
        if (
            rate_of_growth
            and not CHANGE.search(clause)
            and (rate_of_growth.group(1) or "同比" in clause)
        ):
            item = {"value": _num(rate_of_growth.group(2)), "unit": "%", "basis": "同比"}
            label = _label_before(clause, rate_of_growth.start())
            if label and not added:
                current = {"label": label, "changes": [], "quote": sentence}
                figures.append(current)
                added = True
            if current is not None:
                current["changes"].append(item)
        for versus in VERSUS_AFTER.finditer(clause):  # 比全市高1.9個百分點
            if current is not None:
                sign = -1 if versus.group(2) in LOWER else 1
                current["changes"].append(
                    {
                        "value": sign * _num(versus.group(3)),
                        "unit": versus.group(4),
                        "basis": PACE.get(versus.group(1), versus.group(1)),
                    }
                )
        for versus in VERSUS.finditer(clause):
            if current is not None:
                sign = -1 if versus.group(1) in LOWER else 1
                current["changes"].append(
                    {
                        "value": sign * _num(versus.group(3)),
                        "unit": versus.group(4),
                        "basis": PACE.get(versus.group(2), versus.group(2)),
                    }
                )
        rate = None if OF_PLAN.search(clause) else RATE.search(clause)  # 完成率: of the plan
        if rate and not money:
            figures.append(
                {
                    "label": rate.group(1),
                    "value": {"amount": _num(rate.group(2)), "unit": "%"},
                    "quote": sentence,
                }
            )
        rank = RANK.search(clause)
        if rank and current is not None and "rank" not in current:
            current["rank"] = {"position": int(rank.group(3)), "among": rank.group(2)}
            if rank.group(1):
                current["rank"]["of"] = rank.group(1)
        of_plan = OF_PLAN.search(clause)
        if of_plan and current is None and (label := _label_before(clause, of_plan.start())):
            current = {"label": label, "changes": [], "quote": sentence}  # 投資完成年計劃的%
            figures.append(current)
        if of_plan and current is not None and "share_of_plan" not in current:
            current["share_of_plan"] = _num(
                of_plan.group(1) or of_plan.group(2) or of_plan.group(3)
            )
        share = None if of_plan else SHARE.search(clause)
        if share and not rate:
            of = share.group(1) or share.group(3)
            percent = share.group(2) or share.group(4)
            label = _label_before(clause, share.start())
            if label in ("總量", "总量", "規模", "规模"):  # 「總量佔全市的23.6%」: the figure's own
                label = ""
            if not label and current is not None and "share" not in current:
                current["share"] = {"percent": _num(percent)}  # 「工業投資…,佔全部投資的37.6%」
                if of:
                    current["share"]["of"] = of
            elif label:
                fig = {
                    "label": label,
                    "share": {"percent": _num(percent)},
                    "changes": [],
                    "quote": sentence,
                }
                if of:
                    fig["share"]["of"] = of
                figures.append(fig)
                current = fig
        for m in COUNT_BEFORE.finditer(clause):
            noun = re.split(r"累計|累计|完成|可研|已|及|和|與|与|的|在|將|将", m.group(3))[0]
            if (
                noun.startswith(
                    ("重點項目", "重点项目", "項目", "项目", "新增", "優勢", "优势", "省級", "省级")
                )
                or re.search(r"(?:項目|项目)$", noun)
            ) and not clause[: m.start()].endswith(("和", "與")):
                prefix = re.split(r"[、等]", _label_before(clause, m.start()))[-1]
                figures.append(
                    {
                        "label": (prefix + noun)[-20:],
                        "value": {"amount": _num(m.group(1)), "unit": m.group(2)},
                        "quote": sentence,
                    }
                )
        for m in MEASURE_AFTER_COUNT.finditer(clause):
            label = _label_before(clause, m.start())
            if label:
                figures.append(
                    {
                        "label": f"{label}里程" if m.group(4) in ("公里", "千米") else label,
                        "value": {"amount": _num(m.group(3)), "unit": m.group(4)},
                        "quote": sentence,
                    }
                )
        if not money and not rate:
            for m in COUNT_AFTER.finditer(clause):
                label = _label_before(clause, m.start(2)).strip()
                if label and len(label) >= 2:
                    figures.append(
                        {
                            "label": label,
                            "value": {"amount": _num(m.group(2)), "unit": m.group(3)},
                            "quote": sentence,
                        }
                    )
    return [
        f for f in figures if f.get("value") or f.get("changes") or f.get("share") or f.get("rank")
    ]


_SUFFIX = "|".join(sorted(NAME_SUFFIX, key=len, reverse=True))
_NAME_AT_START = re.compile(
    rf"^(?:裝機|装机)?(?:{NUM}(?:萬千瓦|万千瓦)的)?([{HAN}\w×—–]{{2,40}}"
    rf"(?:{_SUFFIX}|[A-Z]?\d+[號号]?[線线])(?:[{HAN}]{{1,4}}段)?(?:\([一二三四五六七八九十]+期\))?)"
)
ANY_ENUM = re.compile(rf"([{HAN}\w×、“”\"]{{4,200}}?)等")


ENUMERATOR = re.compile(
    r"^(?:\d+[.、]|\(\d+\)|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[是、]|[①-⑳]|"
    r"[—–■●◆▲☆★·\-]+|【[^】]{1,8}】|(?:項目|项目)[一二三四五六七八九十\d]+[|:：、]?)\s*"
)
# items numbered inside one paragraph: 「如下:(1)A項目……;(2)B項目……」 or 「①……②……」
INLINE_ITEM = re.compile(r"(?<=[:：;；,，。])(?=\(\d+\)|[①-⑳]|[一二三四五六七八九十]是)|(?=[①-⑳])")
# a sentence that goes on about the project the sentence before it named
# a part named without its whole, after the whole: 「……一期已建成;二期工程完成投資……」
PART_ONLY = re.compile(
    r"^((?:土建)?[一二三四五六七八九十]+(?:期|標段|标段|標|标|級電站|级电站))(?:工程|項目|项目)?"
)
PART_SUFFIX = re.compile(
    r"(?:土建)?[一二三四五六七八九十]+(?:期|標段|标段|標|标|級電站|级电站)(?:工程)?$"
)
LEAD_IN = re.compile(
    r"^([^\d,，。;；:：]{2,12}[:：])"
    r"(?![約约近超逾+\-]?\d|共|合計|合计|完成|累計|累计|實現|实现|總投資|总投资|當月|当月|今年|本年)"
    r"(.{6,})$"
)
# what a numbered item's title ends with when it names a project (not an action: 「加強調度。」)
TITLE_NAME = re.compile(
    rf"(?:{_SUFFIX}|[港園园館馆院橋桥路線线庫库廠厂場场網网廊城])(?:\([^()]*\))?$"
)
# a sentence that is only a name: 「龍潭水庫工程。」 — what follows in the paragraph is about it
NAME_ONLY = re.compile(r"^[^,，;；]{2,40}[。:]$")
CONTINUES = re.compile(
    r"^(?:累計|累计|開累|开累|開工以來|开工以来|本年|今年|年初|其中|總投資|总投资|完成投資|完成投资|"
    r"[占佔]|項目已|项目已|項目總|项目总|項目累|项目累"
    # 「該工程全長46.3公里,總投資21.4億元」: the project named before
    r"|(?:該|该|此)(?:項目|项目|工程|電站|电站|水庫|水库|公路|醫院|医院|學校|学校|園區|园区|基地)"
    # 「…;路基成型21.5公里,完成橋梁4座」: its works, told after its amounts
    r"|(?:目前|現已|现已|已完成)?(?:路基|路面|主體|主体|橋梁|桥梁|隧道|設備|设备|土建|廠房|厂房|"
    r"大壩|大坝|管網|管网|主塔|樁基|桩基)(?!.*(?:全[市縣县區区州省]|各[縣县區区市])))"
)


# what a clause says of the whole county, not of the project named before it
WHOLE_SCOPE = re.compile(
    r"全[市縣县區区州省]|各[縣县區区市]|全社[會会]|固定[資资][產产][投][資资]|[重][點点][項项]目"
    r"|[項项]目[共合]計|[合共]計|[合共]计"
)


def continues_item(sentence: str, before: str) -> bool:
    """「1. 孵化中心:總投資2.6億元,年度計劃投資9000萬元;1-8月完成投資6320萬元,占年度計劃70.2%;
    形象進度75%。」: a clause with numbers and no name of its own after a 「;」 goes on about
    the project the clause before it named (a 「。」 ends that)."""
    return (
        before.rstrip().endswith((";", "；"))
        and bool(re.search(r"\d", sentence))
        and not WHOLE_SCOPE.search(sentence)
        # 「…;社會事業項目完成投資5.15億元」: a class of projects, a subject of its own
        and not re.match(r"^[\u4e00-\u9fff]{2,8}(?:[類类])?(?:項目|项目)", sentence)
    )


# an attribute with a number before a name: 「總投資約18億元的…」「4×30萬千瓦的…」
AMOUNT_BEFORE_NAME = re.compile(r"^[^,，。;；的]{0,16}\d[^,，。;；的]{0,12}的")


def name_at_start(piece: str) -> str | None:
    """The name a clause starts with: the longest run ending in a name word, cut at verbs."""
    piece = LEAD_VERBS.sub("", ENUMERATOR.sub("", piece.strip('“”" ')))
    piece = AMOUNT_BEFORE_NAME.sub("", piece)  # 「總投資約18億元的鹿鳴湖生態修復工程」
    stop = NAME_STOP.search(piece)
    m = _NAME_AT_START.match(piece[: stop.start()] if stop else piece)
    if (
        not m
        or NOT_A_NAME.search(m.group(1))
        or re.match(r"^(?:全|本|該|该|其中|農村|农村)", m.group(1))
    ):
        return None
    return m.group(1)


TIME_CLAUSE = re.compile(
    r"^(?:\d{4}年)?(?:\d{1,2}[—–\-~至到]\d{1,2}月(?:份)?|截至\d{1,2}月(?:份|底)?|上半年|下半年|"
    r"前三季度|[一二三四]季度|今年以來|今年以来|今年|全年|\d{4}年"
    # 「重點工程方面,……」「分領域看,……」: a lead-in, the name follows
    rf"|[{HAN}]{{0,10}}(?:方面|來看|来看|看))$"
)


def find_names(sentence: str) -> list[str]:
    """Project names in a sentence: items of 「A、B、C等項目」 (or of any 「…等」 list with a
    name word in it), and the names the sentence's first clause starts with."""
    names: list[str] = []
    for pattern, needs_suffix in ((ENUM, False), (ANY_ENUM, True)):
        for m in pattern.finditer(sentence):
            chunk = re.split(r"[,，。;；:]", m.group(1))[-1]
            items = [
                AMOUNT_BEFORE_NAME.sub("", LEAD_VERBS.sub("", i.strip('“”" ')))
                for i in chunk.split("、")
            ]
            if len(items) < 2 and needs_suffix:
                continue
            named = any(i.endswith(NAME_SUFFIX) for i in items)
            if needs_suffix and not named:
                continue
            shortest = 2 if named else 3
            names += [i for i in items if shortest <= len(i) <= 30 and not NOT_A_NAME.search(i)]
    clauses = re.split(r"[,，;；。|]", sentence.strip())
    while len(clauses) > 1 and TIME_CLAUSE.match(clauses[0]):
        clauses = clauses[1:]  # 「1—7月,白鷺灣項目完成投資……」: the name follows the time
    for n, clause in enumerate(clauses):
        # A later clause names a project of its own when it reports the project's approvals,
        # or is 「推動X項目建設」; otherwise it names a part of the first clause's project.
        if n and not (
            re.search(r"可研|初設|初设|核準|核准|立項|立项|環評|环评", clause)
            or INVESTED.search(clause)
            # 「…的風口嶺上,昊能雁平風電場二期工程20座風機基礎全部澆築完成」
            or re.match(rf"^[{HAN}\w×]{{2,40}}(?:工程|項目|项目|電站|电站|電廠|电厂)\d", clause)
            # 「在鍾嶺港區,總投資45億元的華拓高端銅箔項目,一期已……」
            or AMOUNT_BEFORE_NAME.match(clause)
            or re.search(r"分[別别]", clause)  # 「…項目中,A、B、C分別完成……」
            or re.match(r"^(?:加快|推進|推进|推動|推动|主推).+(?:建設|建设|實施|实施)", clause)
        ):
            continue
        for piece in clause.split("、"):
            if name := name_at_start(piece):
                names.append(name)
    names = [
        n
        for n in dict.fromkeys(names)
        if not re.search(r"\d+個|\d+个", n)
        # a group, not a project: 「產業項目43個」, 「交通和水利項目分別……」 (but the last of
        # 「A、B、C分別……」 is a name like the others)
        and not re.search(rf"(?<!、){re.escape(n)}(?:分[別别]|\d+(?:個|个|項|项|宗))", sentence)
    ]
    # 巡檢電廠 inside 巡檢電廠擴建: keep the longer name
    return [n for n in names if not any(o != n and o.startswith(n) for o in names)]


def project_facts(name: str, sentence: str) -> dict:  # noqa: C901
    """What a sentence says of the project named in it, read from the clauses after the name."""
    start, length = sentence.find(name), len(name)
    if start < 0:  # a part named without its whole (二期工程) under the whole's name
        part = PART_ONLY.match(sentence)
        start, length = 0, part.end() if part else 0
    text = sentence[start + length :]
    stop = re.search(r"[;；。]", text)
    text = text[: stop.start()] if stop else text
    facts: dict = {"progress": text.strip(" ,，") or None}  # the report's own words
    text = written_numbers(text)  # the rules read 1,286.4 and 百分之十二點五 as numbers
    whole = sentence
    if m := CAPACITY.search(whole[: start + length] + text):
        if m.group(3):
            facts["capacity"] = {"units": int(m.group(3)), "amount": _num(m.group(4)), "unit": "MW"}
        elif m.group(10):  # 日處理3萬立方米: per day
            facts["capacity"] = {"amount": _num(m.group(10)), "unit": m.group(11) + "/日"}
        else:
            amount, unit = next((m.group(i), m.group(i + 1)) for i in (1, 6, 8) if m.group(i))
            facts["capacity"] = {"amount": _num(amount), "unit": CAPACITY_UNIT.get(unit, unit)}
    amounts: list[dict] = []  # each amount with its basis, and the share stated beside it
    before = re.split(r"[,，;；。]", sentence[:start])[-1]
    if before.endswith("的") and (m := TOTAL.search(before)):  # 「總投資約18億元的X工程」
        amounts.append(
            {"amount": _num(m.group(2)), "unit": m.group(3), "basis": amount_basis(m.group(1))}
        )
    for clause in re.split(r"[,，/|]", text):  # 「X / 總投資2.9億元 / 上半年完成1.1億元」
        if PART_ONLY.match(clause.strip()):
            continue  # 「一期計劃總投資22億元」: a part's figures, not the whole's
        found = [(m.start(), m) for m in TOTAL.finditer(clause)]
        found += [(m.start(), m) for m in INVESTED.finditer(clause)]
        for _, m in sorted(found, key=lambda x: x[0]):
            amount = {"amount": _num(m.group(2)), "unit": m.group(3)}
            if m.group(1):
                amount["basis"] = amount_basis(m.group(1))
            amounts.append(amount)
        for s in SHARE_TOTAL.finditer(clause):
            whole = share_of(s.group(1) or s.group(5) or ("累計" if "累" in clause else "年"))
            target = next(
                (
                    a
                    for a in reversed(amounts)
                    if "share" not in a and a.get("basis") not in ("總投資", "年度計劃")
                ),
                None,
            )
            if target is not None:
                target["share"] = {"percent": _num(s.group(4) or s.group(6)), "of": whole}
            if s.group(2):  # the whole, written inside the share: an amount of its own
                amounts.append(
                    {"amount": _num(s.group(2)), "unit": s.group(3), "basis": WHOLE_BASIS[whole]}
                )
    if amounts:
        facts["amounts"] = [a for i, a in enumerate(amounts) if a not in amounts[:i]]
    physical = []
    for m in PERCENT_DONE.finditer(text):
        if "投資" not in m.group(1) and "投资" not in m.group(1):
            label = re.sub(r"^其中", "", m.group(1).strip(",，已"))
            label = label or ("工程量" if "工程" in m.group(0) else name)
            if label:
                physical.append({"label": label, "percent": _num(m.group(2))})
    for m in LENGTH_DONE.finditer(text):
        label = re.sub(r"^(?:累計|累计|計|计|已|共)+", "", m.group(1))
        if label and not SIZE_WORDS.search(label):  # 全長3.6公里 is the size, not the progress
            physical.append({"label": label, "amount": _num(m.group(2)), "unit": m.group(3)})
    if physical:
        facts["physical_progress"] = physical
    for stage, words in STAGE_WORDS:
        if any(w in text for w in words):
            facts["stage"] = stage
            break
    return facts


def slug(name: str) -> str:
    """An ASCII id from the name's pinyin, one chunk per word: 鎖平高速公路 -> suoping-gaosu-gonglu."""
    import logging

    import jieba
    from pypinyin import lazy_pinyin

    jieba.setLogLevel(logging.WARNING)

    words = []
    for word in jieba.cut(name):
        text = "".join(lazy_pinyin(word)).lower()
        text = re.sub(r"[^a-z0-9]+", "", text.replace("×", "x"))
        if text:
            words.append(text)
    out = "-".join(words)[:60].strip("-")
    return out or "project"


def extract(  # noqa: C901
    text: str, *, part: str | None = None, region: str | None = None, document: str | None = None
) -> Draft:
    text = clean(text)
    parts = split_parts(text)
    named = [p[0] for p in parts if p[0]]
    if part and part not in named:
        raise BulletinError(
            tr(
                "--part {part}: the document has no such part; its parts are {parts}",
                part=part,
                parts=tr(", ").join(named),
            )
            if named
            else tr("--part {part}: the document has no such part; it has only one part", part=part)
        )
    chosen = next(p for p in parts if p[0] == part) if part else parts[0]
    draft = Draft(other_parts=[p[0] for p in parts if p[0] and p is not chosen])
    name, lines = chosen
    lines = [ln for ln in lines if ln]
    # the closing signature (issuer, date) is not part of the last section's text
    body_end = len(lines)
    while (
        body_end
        and len(lines[body_end - 1]) <= 20
        and (parse_date(lines[body_end - 1]) or re.search(ISSUER, lines[body_end - 1]))
    ):
        body_end -= 1
    body = "\n".join(lines)
    draft.fields["region"] = region
    title = next(
        (
            ln
            for ln in lines[:6]
            if len(ln) < 50
            and not re.search(r"[，,。；;]", ln)
            and re.search(
                r"報告|报告|匯報|汇报|(?:情況|情况|進展|进展|通報|通报|進度表|进度表)$", ln
            )
        ),
        None,
    )
    if (
        title is None
        and lines
        and len(lines[0]) <= 40
        and not re.search(r"[，,。；;]", lines[0])
        and not re.search(ISSUER, lines[0])
        and not ((dated := parse_date(lines[0])) and dated[2])  # a date line, not a headline
    ):
        title = lines[0]  # a headline of another kind: 「…投資運行簡析」, 「…投資簡報」
    if title:
        draft.fields["title"] = title
    issuer = next(
        (ln for ln in lines[:3] + lines[-3:] if re.search(ISSUER, ln) and len(ln) <= 20), None
    )
    if issuer:
        draft.fields["issuer"] = issuer
    addressee = next(
        (
            ln[:-1]
            for ln in lines[:6]
            if ln.endswith(":")
            and len(ln) <= 20
            and not re.search(r"如下|情況|情况|進展|进展|安排|通知|說明|说明", ln)
        ),
        None,
    )
    if addressee:
        draft.fields["addressee"] = addressee
    found_date = None
    for ln in reversed(lines[-4:]):
        if (d := parse_date(ln)) and d[2]:
            found_date = d
            draft.fields["published"] = d[0]
            draft.fields["published_as"] = d[1]
            break
    period = find_period(body)
    if period is None and title and (whole := re.search(r"(\d{4})年(?:度)?", title)):
        # 「關於2017年…的報告」 names no months: the report is on that year
        period = 1, 12, f"{whole.group(1)}年", int(whole.group(1)), title
    if period:
        first, last, label, year, quote = period
        where = tr("the period's own words")
        if year is None and found_date:
            year = found_date[0].year if last <= found_date[0].month else found_date[0].year - 1
            where = tr("the report's date {date}", date=found_date[1])
        if year is None:
            years = re.findall(r"(\d{4})年", body)
            if years:
                year = int(max(set(years), key=years.count))
                where = tr("「{year}年」, the year the text names most", year=year)
        if year:
            draft.fields["period"] = {
                "start": dt.date(year, first, 1),
                "end": _month_end(year, last),
                "label": label,
            }
            draft.comments["period"] = tr(
                "from: 「{quote}」; year from {where}", quote=quote, where=where
            )
    draft.fields["source"] = {"document": document or "REPORT.txt", "parts": [name] if name else []}
    heads = {draft.fields.get(k) for k in ("title", "issuer")} | {f"{addressee}:"}
    unit = stated_unit(lines)  # for bare amounts in key:value lines
    for heading, sec_lines in sections([ln for ln in lines[:body_end] if ln not in heads]):
        if re.search(PROBLEMS_HEADING, heading):
            draft.problems = _items(sec_lines)
            _read_facts(draft, sec_lines, facts_wanted=False)
            continue
        if re.search(NEXT_HEADING, heading):
            draft.next_steps = _items(sec_lines)
            _read_facts(draft, sec_lines, figures=False, facts_wanted=False)
            continue
        blocks, used = key_value_blocks(sec_lines, unit)
        kept = [ln for i, ln in enumerate(sec_lines) if i not in used]
        read = [pairs_as_prose(ln, unit) for ln in kept]
        told = dict(zip(read, kept, strict=True))
        _read_facts(draft, read)
        for fig in draft.figures:  # the quote is the report's own line, not its reading
            fig["quote"] = told.get(fig.get("quote", ""), fig.get("quote", ""))
        add_table_projects(draft, blocks)
    draft.figures = join_plans(draft.figures)
    for key in ("title", "issuer", "addressee", "published", "period"):
        if key not in draft.fields:
            draft.not_found.append(key)
    for key, items in (
        ("figures", draft.figures),
        ("projects", draft.projects),
        ("problems", draft.problems),
        ("next_steps", draft.next_steps),
    ):
        if not items:
            draft.not_found.append(key)
    return draft


def _same_name(a: str, b: str) -> bool:
    """A project named in a list and detailed under a longer or shorter name is one project."""
    return a == b or (min(len(a), len(b)) >= 3 and (a in b or b in a))


def _read_cells_as_prose(table_project: dict) -> None:
    """The text cells in the prose rules' terms: capacity from 「建設規模:4×300MW」, physical
    progress from 「路面工程完成60%」."""
    content = table_project.pop("content", None)
    if content and (size := project_facts("", content).get("capacity")):
        table_project["capacity"] = size
    progress = table_project.get("progress")
    if progress and "physical_progress" not in table_project:
        if physical := project_facts("", progress).get("physical_progress"):
            table_project["physical_progress"] = physical


def _join_table_project(known: dict, table_project: dict) -> None:
    """A project named in the prose and in a table: the table's amounts (with their places)
    join the prose's; what the prose left empty the table fills."""
    have = {(a["amount"], a["unit"]) for a in known.get("amounts", [])}
    amounts, places = list(known.get("amounts", [])), dict(known.get("places", {}))
    for i, amount in enumerate(table_project.get("amounts", [])):
        if (amount["amount"], amount["unit"]) in have:
            continue
        for suffix in ("", ".share"):
            if where := table_project["places"].get(f"amounts.{i}{suffix}"):
                places[f"amounts.{len(amounts)}{suffix}"] = where
        amounts.append(amount)
    if amounts:
        known["amounts"] = amounts
    known.update(place=table_project["place"], places=places)
    for key in ("stage", "progress", "sector", "physical_progress", "capacity"):
        if key in table_project and key not in known:
            known[key] = table_project[key]


def add_table_projects(draft: Draft, projects: list[dict]) -> None:
    """Projects read from schedules join the draft: one already named in the prose gets the
    table's amounts, a new one is added."""
    for table_project in projects:
        _read_cells_as_prose(table_project)
        known = next(
            (p for p in draft.projects if _same_name(p["name"], table_project["name"])), None
        )
        if known is None:
            draft.projects.append({"id": slug(table_project["name"]), **table_project})
        else:
            _join_table_project(known, table_project)


GRAND_TOTAL = re.compile(r"^(?:合\s*計|合\s*计|總\s*計|总\s*计|全[市縣县區区州省])")


def total_figures(schedule) -> list[dict]:
    """The table's grand-total row (合計) as headline figures: the total investment, the
    completed amount with its plan and share of it, the cumulative amount. Subtotals of a
    group stay comments."""
    from .schedule import AMOUNT_BASIS as COLUMN_BASIS

    row = next((r for r in schedule.totals if GRAND_TOTAL.match(r.name or "合計")), None)
    if row is None and len(schedule.totals) == 1 and len(schedule.rows) >= 2:
        row = schedule.totals[0]  # 「小計(3項)」 under the only group: the table's total
    if row is None:
        return []
    cells = {k: c for k, c in row.cells.items() if not isinstance(c.value, str)}
    figures = []
    for kind in ("total", "month", "done", "cumulative"):
        cell = cells.get(kind)
        if cell is None or cell.unit is None:
            continue
        header = next(h for k, h in schedule.columns.values() if k == kind)
        fig = {
            "label": f"{row.name or '合計'}{header}",
            "changes": [],
            "value": {"amount": cell.value, "unit": cell.unit},
            "place": cell.place,
        }
        if kind == "done":
            if (plan := cells.get("plan")) and plan.unit:
                fig["plan"] = {"amount": plan.value, "unit": plan.unit}
            if share := cells.get("share_plan"):
                fig["share_of_plan"] = share.value
        if kind in ("month", "cumulative"):
            fig["value"]["basis"] = COLUMN_BASIS[kind]
        figures.append(fig)
    return figures


def extract_document(doc, *, part: str | None = None, region: str | None = None) -> Draft:
    """A Document of any format -> one draft: prose by the prose rules, tables by the
    schedule rules, the two joined by project name."""
    from .errors import BulletinError
    from .schedule import read_schedule, schedule_projects

    # a unit line outside the table: 「單位:萬元」 above a table pasted into a text file
    unit = stated_unit(doc.paragraphs)
    schedules = {id(t): s for t in doc.tables if (s := read_schedule(t, unit)) is not None}
    # the prose, in document order; a table that is no schedule (「項目一|X|總投資32億元|…」)
    # is read as lines of prose, its cells as clauses
    pure_tables = doc.kind not in ("txt", "pdf", "docx")  # a workbook has no prose
    skip = {id(t) for t in doc.tables} if pure_tables else set(schedules)
    text = "\n".join(doc.lines(skip))
    draft = (
        extract(text, part=part, region=region, document=doc.path.name)
        if text.strip()
        else Draft(fields={"region": region, "source": {"document": doc.path.name, "parts": []}})
    )
    schedules = list(schedules.values())
    if doc.tables and not schedules and not text.strip():
        raise BulletinError(
            tr(
                "{path}: no table in it has a header row naming the project column "
                "(項目名稱) and an amount column (總投資, 年度計劃投資, 1—N月完成投資, 累計完成投資); "
                "expected a project schedule",
                path=doc.path,
            )
        )
    for schedule in schedules:
        add_table_projects(draft, schedule_projects(schedule))
        draft.figures += total_figures(schedule)
        if schedule.title and "title" not in draft.fields:
            draft.fields["title"] = schedule.title
            period = find_period(schedule.title)
            if period and period[3]:
                first, last, label, year, _ = period
                draft.fields["period"] = {
                    "start": dt.date(year, first, 1),
                    "end": _month_end(year, last),
                    "label": label,
                }
                draft.comments["period"] = tr(
                    "from the table's title 「{title}」", title=schedule.title
                )
        draft.tables.append(schedule)
    if schedules:
        draft.not_found = [
            k
            for k in draft.not_found
            if not ((k == "projects" and draft.projects) or k in draft.fields)
        ]
    return draft


PLAN_LABEL = re.compile(rf"^(?:[{HAN}]{{0,12}}?)(?:{PLAN_WORD})$")


def join_plans(figures: list[dict]) -> list[dict]:
    """「年度計劃投資72.4億元,1—6月完成投資40.1億元」: the plan is the plan of the completed
    amount that follows it in the same paragraph, not a figure of its own."""
    out: list[dict] = []
    for i, fig in enumerate(figures):
        value = fig.get("value") or {}
        if (
            PLAN_LABEL.match(fig["label"])
            and value.get("unit") in ("億元", "亿元", "萬元", "万元")
            and not fig.get("changes")
            and "share_of_plan" not in fig
        ):
            done = next(
                (
                    g
                    for g in figures[i + 1 : i + 4]
                    if "plan" not in g
                    and re.search(r"完成", g["label"])
                    and (g.get("value") or {}).get("unit") in ("億元", "亿元", "萬元", "万元")
                ),
                None,
            )
            if done is not None:
                done["plan"] = {"amount": value["amount"], "unit": value["unit"]}
                continue
        out.append(fig)
    return out


def _sentences(line: str):
    """A paragraph's sentences: split at 。;；, after 「如下:」 and before items numbered inside
    it, each without its own enumerator, and whether it had one."""
    for whole in re.split(r"(?<=[。;；])|(?<=如下[:：])", line):
        # a short lead-in with no figures of its own: 「分項目看:」「進度較快的項目:」
        lead = LEAD_IN.match(whole)
        for piece in (lead.group(1), lead.group(2)) if lead else (whole,):
            for sentence in INLINE_ITEM.split(piece):
                sentence = bare = sentence.strip()
                while (stripped := ENUMERATOR.sub("", bare)) != bare:  # 「【板塊】——交通項目」
                    bare = stripped
                if bare:
                    yield bare, bare != sentence


def _add_facts(project: dict, facts: dict, sentence: str, *, follows: bool = False) -> None:
    """What another sentence says of a project already in the draft: its amounts join the
    project's; other facts fill what is still empty. The quote stays a piece of the source:
    the sentence that `follows` the quote's own is added to it; otherwise the sentence with
    the facts replaces a quote that gave none (a list of names)."""
    had_facts = any(k in project for k in ("amounts", "physical_progress", "progress"))
    added = False
    for key, value in facts.items():
        if not value:
            continue
        if key in ("amounts", "physical_progress") and key in project:
            new = [v for v in value if v not in project[key]]
            if key == "amounts":  # a second 總投資 of another size: a part's, or another's
                new = [v for v in new if not _second_of_basis(project, v, sentence)]
            project[key] = project[key] + new
            added = added or bool(new)
        elif key not in project:
            project[key] = value
            added = True
    if not added or sentence in project.get("quote", ""):
        return
    if follows and project.get("quote"):
        project["quote"] += sentence
    elif not had_facts:
        project["quote"] = sentence


def _second_of_basis(project: dict, amount: dict, sentence: str) -> bool:
    """An amount whose basis the project already has with another value is not entered: the
    draft notes it as unsure. True if so."""
    basis = amount.get("basis")
    if not any(a.get("basis") == basis for a in project["amounts"]):
        return False
    written = f"{amount.get('basis') or ''} {_scalar(amount['amount'])}{amount['unit']}"
    note = tr(
        "{written} in 「{sentence}」 (the project has another)",
        written=written.strip(),
        sentence=sentence[:40],
    )
    if note not in project.setdefault("unsure", []):
        project["unsure"].append(note)
    return True


def _abbreviates(short: str, long: str) -> bool:
    """「巡檢電廠擴建」 for 「巡檢司電廠2×300MW機組擴建工程」: the same start, and every character
    of the short name in the long one, in order."""
    if not long.startswith(short[:2]) or len(short) >= len(long):
        return False
    rest = iter(long)
    return all(ch in rest for ch in short)


def _known(draft: Draft, name: str) -> dict | None:
    """The draft's project of that name; or one named in a list (nothing said of it yet) whose
    name begins the new one: 「楓渡大橋、…等項目」 then 「楓渡大橋及接線工程:…」 is one project, under
    the longer name, the listed one kept as an alias."""
    key = re.sub(r"(?:項目|项目)$", "", name)
    same = next(
        (
            p
            for p in draft.projects
            if key in {re.sub(r"(?:項目|项目)$", "", n) for n in (p["name"], *p.get("aliases", []))}
        ),
        None,
    )
    if same is not None:
        return same
    listed = next(
        (
            p
            for p in draft.projects
            if len(p["name"]) >= 3
            and _abbreviates(p["name"], name)
            and not any(k in p for k in ("amounts", "physical_progress", "progress"))
            and not PART_SUFFIX.search(name)
        ),
        None,
    )
    if listed is not None:
        listed.setdefault("aliases", []).append(listed["name"])
        listed["name"] = name
    return listed


def _about_one_project(sentence: str, names: list[str]) -> bool:
    """The sentence tells of one project: it starts with the name (after a time clause), or it
    states the project's own shares and cumulative amounts."""
    if len(names) != 1:
        return not names and False
    lead = re.sub(r"^[^,，]*?(?:月(?:份|底)?|季度|上半年|今年以來|今年以来)[,，]", "", sentence)
    return (
        lead.startswith(names[0])
        or bool(PART_ONLY.match(lead))
        or bool(re.search(r"[占佔]總投資|[占佔]总投资|累計完成投資|累计完成投资", sentence))
    )


def _names_in(sentence: str, draft: Draft, last_project: dict | None) -> list[str]:
    """The projects a sentence names: new names, a part under its whole's name, or a project
    already in the draft that the sentence starts with."""
    names = find_names(sentence)
    part = PART_ONLY.match(sentence)
    if part and last_project is not None and (not names or names[0] == part.group(0)):
        return [PART_SUFFIX.sub("", last_project["name"]) + part.group(1)]
    if names:
        return names
    return [
        p["name"] for p in draft.projects if sentence.startswith(p["name"]) and len(p["name"]) >= 3
    ][:1]


def _project_named(draft: Draft, name: str, sentence: str) -> tuple[dict, bool]:
    """The draft's project of that name, or a new one with an id of its own (and True)."""
    project = _known(draft, name)
    if project is not None:
        return project, False
    ids = {p["id"] for p in draft.projects}
    pid = slug(name)
    while pid in ids:
        pid += "-2"
    project = {"id": pid, "name": name, "quote": sentence}
    draft.projects.append(project)
    return project, True


KEY_VALUE = re.compile(r"^([^:：,，。;；]{2,14})[:：](.+)$")
UNIT_LINE = re.compile(r"(?:單位|单位)[:：]\s*(億元|亿元|萬元|万元|元)")


def stated_unit(lines: list[str]) -> str | None:
    """The unit a document states for its bare amounts, on a line near its top: 「單位:萬元」."""
    return next((u.group(1) for ln in lines[:8] if (u := UNIT_LINE.search(ln))), None)


NAME_KEY = re.compile(r"^(?:項目名稱|项目名称|工程名稱|工程名称)$")


def pairs_as_prose(line: str, unit: str | None) -> str:
    """「全縣重點項目:26個;年度計劃投資:154000;1—10月完成投資:131560;完成率:85.4%」: a subject
    and its figures as key:value pairs, read as the sentence they stand for (bare amounts in
    the unit the document states: 「單位:萬元」). Any other line is returned as it is."""
    pieces = [p.strip() for p in re.split(r"[;；]", line.rstrip("。;； ")) if p.strip()]
    pairs = [KEY_VALUE.match(p) for p in pieces]
    if len(pairs) < 3 or not all(pairs):
        return line
    subject, count = pairs[0].group(1).strip(), pairs[0].group(2).strip()
    if NAME_KEY.match(subject) or not re.match(rf"^{NUM}(?:個|个|項|项|宗)$", count):
        return line
    told = [f"{subject}:共{count}"]
    for pair in pairs[1:]:
        key, value = pair.group(1).strip(), pair.group(2).strip()
        if re.match(rf"^{NUM}$", value) and unit and not re.search(r"率|比|增|降|%", key):
            value += unit  # a bare amount in the document's unit
        told.append(key + value)
    return ",".join(told) + "。"


def key_value_blocks(lines: list[str], unit: str | None) -> tuple[list[dict], set[int]]:
    """Projects written as 「項目名稱:…」 followed by 「總投資:…」「1—6月完成投資:…」 lines: each
    block is a one-row table, read by the schedule rules. Returns the projects (each quoting
    its block) and the indexes of the lines they used."""
    from .readers import Table
    from .schedule import read_schedule, schedule_projects

    blocks: list[list[int]] = []
    for i, line in enumerate(lines):
        m = KEY_VALUE.match(line)
        if m and NAME_KEY.match(m.group(1).strip()):
            blocks.append([i])
        elif m and blocks and blocks[-1][-1] == i - 1 and not re.search(r"[;；|｜]", lines[i - 1]):
            blocks[-1].append(i)
    projects, used = [], set()
    for block in blocks:
        # 「項目名稱:A;總投資:68000;…」 (or with |) on one line, or one pair a line
        pairs = [
            m.groups()
            for i in block
            for piece in re.split(r"[;；|｜]", lines[i])
            if (m := KEY_VALUE.match(piece.strip()))
        ]
        rows = [[f"單位:{unit}"]] if unit else []
        rows += [[k.strip() for k, _ in pairs], [v.strip() for _, v in pairs]]
        table = Table("正文", rows)
        schedule = read_schedule(table)
        if schedule is None:
            continue
        for project in schedule_projects(schedule):
            project.pop("place"), project.pop("places")
            project["quote"] = "\n".join(lines[i] for i in block)
            projects.append(project)
        used.update(block)
    return projects, used


def _title_name(sentence: str) -> str | None:
    """A numbered item's title that names a project: 「4. 白渡現代物流港。」 (not 「加強調度。」)."""
    if not NAME_ONLY.match(sentence):
        return None
    title = sentence[:-1]
    if (
        not TITLE_NAME.search(title)
        or NOT_A_NAME.search(title)
        or re.search(r"\d|^(?:積極|积极|加快|加強|加强|持續|持续|全力|強化|强化)", title)
    ):
        return None
    return title


# a line with no sentence in it, only a name: a heading of the paragraph after it
HEADING_LINE = re.compile(r"^[^,，;；。:：!?！？\d]{2,40}$")


def _same_project(name: str, other: str) -> bool:
    """A heading and the name its paragraph uses: one holds the other (項目/工程 aside)."""
    a, b = (re.sub(r"(?:項目|项目|工程)$", "", n) for n in (name, other))
    return len(min(a, b, key=len)) >= 3 and (a in b or b in a)


def _under_heading(
    headed: dict | None, names: list[str], sentence: str, facts_wanted: bool
) -> bool:
    """Under the heading 「數字經濟產業園」, 「鷺汀數字經濟產業園由…建設」 tells of the same project:
    its facts go there, the other form of the name kept as an alias. True if so."""
    if headed is None or len(names) != 1 or not _same_project(headed["name"], names[0]):
        return False
    if names[0] != headed["name"] and names[0] not in headed.get("aliases", []):
        headed.setdefault("aliases", []).append(names[0])
    if facts_wanted:
        _add_facts(headed, project_facts(names[0], sentence), sentence)
    return True


def _goes_on(sentence: str, before: str, headed: dict | None) -> bool:
    """A sentence naming no project that goes on about the one told of before it."""
    return bool(
        CONTINUES.match(sentence)
        or (headed and not WHOLE_SCOPE.search(sentence))
        or continues_item(sentence, before)
    )


def _component(headed: dict, name: str, sentence: str) -> bool:
    """In a paragraph headed by a project, a part named with its physical progress and no
    amounts of its own is that project's progress: 「輸水隧洞已完成開挖4.9公里」. True if so."""
    part = project_facts(name, sentence)
    if part.get("amounts"):
        return False
    steps = part.get("physical_progress", [])
    for step in steps:
        step["label"] = name + step["label"]
    _add_facts(headed, {"physical_progress": steps}, sentence)
    return True


def _read_facts(
    draft: Draft, lines: list[str], *, figures: bool = True, facts_wanted: bool = True
) -> None:
    heading = None  # a line that is only a project's name: the paragraph after it tells of it
    for line in lines:
        last_named = None  # the project the previous sentence told of, if only one
        last_project = None  # the last project a sentence of this paragraph told of alone
        # the project a sentence that is only its name put at the paragraph's head, or the
        # line before named alone
        headed, heading = heading, None
        previous = ""
        pieces = list(_sentences(line))
        for k, (sentence, numbered) in enumerate(pieces):
            previous, before = sentence, previous
            names = _names_in(sentence, draft, last_project)
            # a numbered item's title, its paragraph after it: 「4. 白渡現代物流港。總投資……」
            if (
                not names
                and numbered
                and facts_wanted
                and k + 1 < len(pieces)
                and not pieces[k + 1][1]
                and (title := _title_name(sentence))
            ):
                names = [title]
            if (
                headed is not None
                and facts_wanted
                and len(names) == 1
                and _known(draft, names[0]) is None
                and _component(headed, names[0], sentence)
            ):
                continue
            if _under_heading(headed, names, sentence, facts_wanted):
                last_named = last_project = headed
                continue
            target = last_named or headed
            if not names and target is not None and _goes_on(sentence, before, headed):
                if (short := SHORT_NAME.search(sentence)) and short.group(1) != target["name"]:
                    target.setdefault("aliases", []).append(short.group(1))  # 該項目(以下簡稱…)
                if facts_wanted:  # 「……;累計完成投資26400萬元,占總投資60000萬元的44%。」
                    follows = bool(before) and target.get("quote", "").endswith(before)
                    _add_facts(target, project_facts("", sentence), sentence, follows=follows)
                continue
            if figures:
                carry = draft.figures[-1] if draft.figures and k else None
                draft.figures += extract_figures(
                    sentence, _about_one_project(sentence, names), carry
                )
            last_named = _add_named(draft, names, sentence, facts_wanted)
            last_project = last_named or last_project
            if last_named is not None and k == 0 and NAME_ONLY.match(sentence):
                headed = last_named  # the paragraph's head
        if (
            len(pieces) == 1
            and last_named is not None
            and HEADING_LINE.match(line.strip())
            and len(line.strip()) - len(last_named["name"]) <= 4  # the line is the name
        ):
            heading = last_named


RESPECTIVE_AMOUNTS = re.compile(
    rf"分[別别](?:完成了?|實現|实现)(?:投資|投资)?((?:{NUM}(?:{MONEY_UNIT})?[、和及與与]?)+)"
)
RESPECTIVE_SHARES = re.compile(
    rf"分[別别](?:[占佔]|完成|為|为)({PLAN_WORD}|總投資|总投资)的?((?:{NUM}%?[、和及與与]?)+)"
    # 「佔年度計劃的比例分別為92%和80%」
    rf"|[占佔]({PLAN_WORD}|總投資|总投资)的?比[例重]分[別别](?:為|为|是|達|达)?((?:{NUM}%?[、和及與与]?)+)"
)


def _respective(names: list[str], sentence: str) -> list[dict] | None:
    """「A、B、C三個項目分別完成投資3.26億元、4.1億元、1.85億元,分別佔年度計劃的81.5%、68.3%、
    92.5%」: each project's amount and share, in the order of the names (None if the counts
    do not agree)."""
    amounts = RESPECTIVE_AMOUNTS.search(written_numbers(sentence))
    if len(names) < 2 or amounts is None:
        return None
    pairs = re.findall(rf"({NUM})({MONEY_UNIT})?", amounts.group(1))
    if len(pairs) != len(names) or not pairs[-1][1]:
        return None
    unit, facts = pairs[-1][1], []
    for value, written in pairs:
        facts.append(
            {"amounts": [{"amount": _num(value), "unit": written or unit, "basis": "本年完成"}]}
        )
    shares = RESPECTIVE_SHARES.search(written_numbers(sentence))
    if shares:
        whole = shares.group(1) or shares.group(3)
        percents = re.findall(NUM, shares.group(2) or shares.group(4))
        if len(percents) == len(names):
            for fact, percent in zip(facts, percents, strict=True):
                fact["amounts"][0]["share"] = {"percent": _num(percent), "of": share_of(whole)}
    return facts


SHORT_NAME = re.compile(
    r"[(（]?(?:以下簡稱|以下简称|簡稱|简称)[:：]?[「“\"]([^」”\"]{2,20})[」”\"]"
)


def _add_named(draft: Draft, names: list[str], sentence: str, facts_wanted: bool) -> dict | None:
    """The projects a sentence names, with what it says of each; the project if only one."""
    if len(names) == 1 and (short := SHORT_NAME.search(sentence)):  # 「X(以下簡稱「Y」)」
        project, _ = _project_named(draft, names[0], sentence)
        if short.group(1) not in project.setdefault("aliases", []):
            project["aliases"].append(short.group(1))
    respective = _respective(names, sentence) if facts_wanted else None
    if respective is not None:  # several projects, their figures in order
        for name, facts in zip(names, respective, strict=True):
            project, _ = _project_named(draft, name, sentence)
            _add_facts(project, facts, sentence)
        return None
    for name in names:
        own = len(names) == 1 or re.search(rf"{re.escape(name)}[^、等]", sentence)
        facts = project_facts(name, sentence) if facts_wanted and own else {}
        project, new = _project_named(draft, name, sentence)
        if new or len(names) == 1:  # named again alone: what this sentence adds
            _add_facts(project, facts, sentence)
    return project if len(names) == 1 else None


# --- output ---------------------------------------------------------------------------------
def _scalar(value) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def _flow(mapping: dict) -> str:
    items = []
    for k, v in mapping.items():
        if isinstance(v, dict):
            items.append(f"{k}: {_flow(v)}")
        elif isinstance(v, list):
            items.append(f"{k}: [{', '.join(_scalar(x) for x in v)}]")
        else:
            items.append(f"{k}: {_scalar(v)}")
    return "{" + ", ".join(items) + "}"


def to_yaml(draft: Draft) -> str:  # noqa: C901
    out = [
        "# "
        + tr("Draft made by `python -m generator extract`: check every value against its quote,"),
        "# " + tr("set the region, then run `python -m generator check`."),
        "# yaml-language-server: $schema=../../../schemas/report.schema.json",
    ]
    f = draft.fields
    region = f.get("region")
    out.append(
        f"region: {region}"
        if region
        else "region: REGION-ID  # " + tr("set the id of the region from data/regions.yaml")
    )
    for key in ("title", "issuer", "addressee", "published", "published_as"):
        if key in f:
            out.append(f"{key}: {_scalar(f[key])}")
    if "period" in f:
        out.append(f"# {draft.comments['period']}")
        out.append(f"period: {_flow(f['period'])}")
    out.append(f"source: {_flow(f['source'])}")
    if draft.figures:
        out.append("\nfigures:")
        for fig in draft.figures:
            out.append(f"  - label: {_scalar(fig['label'])}")
            for key in ("value", "plan", "share", "rank"):
                if fig.get(key):
                    out.append(f"    {key}: {_flow(fig[key])}")
            if fig.get("share_of_plan") is not None:
                out.append(f"    share_of_plan: {_scalar(fig['share_of_plan'])}")
            if fig.get("changes"):
                out.append("    changes:")
                out += [f"      - {_flow(c)}" for c in fig["changes"]]
            if fig.get("quote"):
                out.append(f"    quote: {_scalar(fig['quote'])}")
            if fig.get("place"):
                out.append("    # " + tr("from the table: {place}", place=fig["place"]))
    if draft.projects:
        out.append("\nprojects:")
        for p in draft.projects:
            if p.get("place"):
                out.append("  # " + tr("from the table: {place}", place=p["place"]))
            out.append(f"  - id: {p['id']}  # " + tr("suggested from the name's pinyin"))
            out.append(f"    name: {_scalar(p['name'])}")
            if p.get("aliases"):
                out.append(
                    f"    aliases: [{', '.join(_scalar(x) for x in p['aliases'])}]"
                    + "  # "
                    + tr("the names it is also called by in the report")
                )
            for key in ("stage",):
                if key in p:
                    out.append(f"    {key}: {_scalar(p[key])}  # " + tr("from the progress words"))
            if "sector" in p:
                out.append(f"    sector: {_scalar(p['sector'])}")
            if "capacity" in p:
                out.append(f"    capacity: {_flow(p['capacity'])}")
            for key in ("amounts", "physical_progress"):
                if key in p:
                    out.append(f"    {key}:")
                    for i, x in enumerate(p[key]):
                        place = p.get("places", {}).get(f"{key}.{i}")
                        share = p.get("places", {}).get(f"{key}.{i}.share")
                        where = "; ".join(
                            w for w in (place, share and tr("share: {place}", place=share)) if w
                        )
                        out.append(f"      - {_flow(x)}" + (f"  # {where}" if where else ""))
            if p.get("progress"):
                out.append(f"    progress: {_scalar(p['progress'])}")
            if p.get("quote"):
                out.append(f"    quote: {_scalar(p['quote'])}")
            for note in p.get("unsure", []):
                out.append("    # " + tr("unsure, not entered: {note}", note=note))
    entered = {fig.get("place") for fig in draft.figures}
    for schedule in draft.tables:
        for row in schedule.totals:
            if any(c.place in entered for c in row.cells.values()):
                continue  # the grand total, entered as figures above
            cells = [
                f"{c.place}: {c.value}{c.unit or ''}"
                for c in row.cells.values()
                if not isinstance(c.value, str)
            ]
            if cells:
                out.append(
                    "# "
                    + tr(
                        "the table's {row} row, not entered (a figure if the report states it "
                        "as one):",
                        row=row.name or tr("total"),
                    )
                )
                out += [f"#   {c}" for c in cells]
    for key, items in (("problems", draft.problems), ("next_steps", draft.next_steps)):
        if items:
            out.append(f"\n{key}:")
            out += [f"  - {_scalar(x)}" for x in items]
    if draft.other_parts:
        out.append(
            "\n# "
            + tr(
                "The document holds further parts: {parts} (extract them with --part).",
                parts=", ".join(draft.other_parts),
            )
        )
    if draft.not_found:
        out.append(
            "\n# "
            + tr(
                "Not found in the text (fill in by hand, or leave out if the report does not say):"
            )
        )
        out += [f"#   - {key}" for key in draft.not_found]
    return "\n".join(out) + "\n"
