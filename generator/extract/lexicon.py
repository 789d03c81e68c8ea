"""The named word lists the rules are built from: units, plan and pace words, issuers,
stages, the words a project's name ends with; and the bases amounts are of.

Every word is written once, in Traditional script. `either_script` makes a pattern match
both scripts, character by character (OpenCC's t2s table: 項 -> [項项], 為 -> [為为]), and
`words` gives a word list with each word's Simplified twin; so a rule reads 「項目」 and
「项目」 alike, and the report's own characters are what a match returns.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..vocabulary import COUNT_UNITS, MONEY_UNITS


@cache
def simplified(char: str) -> str:
    """The Simplified form of one character (itself when it has no other)."""
    from ..chinese import OPENCC, converter

    to = converter(OPENCC["hans"]).convert(char)
    return to if len(to) == 1 else char


def twin(word: str) -> str:
    """A word in Simplified, character by character."""
    return "".join(simplified(c) for c in word)


@lru_cache(maxsize=4096)  # the patterns written inside functions ask again on every call
def either_script(source: str) -> str:
    """A regular expression written in Traditional that matches Simplified too: each
    character with a Simplified form becomes a class of both, or joins its class."""
    out: list[str] = []
    i, klass = 0, None  # klass: (its "[", its closing "]") while inside a character class
    while i < len(source):
        char = source[i]
        if char == "\\":
            out.append(source[i : i + 2])
            i += 2
            continue
        other = simplified(char)
        if klass is not None:
            if i == klass[1]:
                klass = None
            elif other != char and other not in source[klass[0] : klass[1]]:
                if "-" not in (source[i - 1], source[i + 1 : i + 2]):  # not a range's end
                    char += other
        elif char == "[":
            klass = (i, _class_end(source, i))
        elif other != char:
            char = f"[{char}{other}]"
        out.append(char)
        i += 1
    return "".join(out)


def _class_end(source: str, start: int) -> int:
    """Where the character class opened at `start` closes (a "]" first in it is a member)."""
    j = start + 1 + (source[start + 1 : start + 2] == "^")
    j += source[j : j + 1] == "]"
    while j < len(source) and source[j] != "]":
        j += 2 if source[j] == "\\" else 1
    return j


def rule(source: str, flags: int = 0) -> re.Pattern:
    """A pattern written in Traditional, compiled to match either script."""
    return re.compile(either_script(source), flags)


def words(*written: str) -> tuple[str, ...]:
    """The words as written and, after each, its Simplified twin if it has one."""
    out: list[str] = []
    for word in written:
        out += [word] if twin(word) == word else [word, twin(word)]
    return tuple(out)


def either_key(mapping: dict[str, str]) -> dict[str, str]:
    """A table of Traditional words, each looked up by its Simplified twin too."""
    return mapping | {twin(key): value for key, value in mapping.items()}


def twins(mapping: dict[str, str]) -> dict[str, str]:
    """A table of Traditional words to theirs, with each Simplified key to its twin."""
    out = dict(mapping)
    for key, value in mapping.items():
        out.setdefault(twin(key), twin(value))
    return out


NUM = r"\d+(?:\.\d+)?"


ABOUT = either_script(r"(?:約|近|超過|超|逾|達|為)?")  # 約58億元, 近6%, 超1億元, 逾32億元


def alternation(units) -> str:
    """The data's units as one alternation, the longest first (萬元 before 元)."""
    return "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))


MONEY_UNIT = alternation(MONEY_UNITS)  # 億元|亿元|萬元|万元|元, as the data writes them
COUNT_UNIT = alternation(COUNT_UNITS)  # 個, 家, 條, 項 … in both scripts


# an amount that is a size class, not a value: 超1億元的項目, 億元以上項目, 5000萬元及以上
THRESHOLD = either_script(r"(?!以上|以下|及以上|及以下|的項目|的重點|項目)")


# the plan, in the words reports use for it: 年度計劃, 年度投資計劃, 年計劃, 全年目標任務 …
PLAN_WORD = either_script(
    r"(?:全年|年度|當年|本年|年內|年)?(?:投資)?(?:計劃|目標任務|任務|目標)(?:投資)?"
)


# the pace a plan sets for the time gone by, in its several names (each to the first, in
# the report's script)
PACE = twins({"序時進度": "序時進度", "時間進度": "序時進度", "時序進度": "序時進度"})


LOWER = words("低於", "慢於", "落後", "低", "慢", "少")


ISSUER = either_script(r"(?:政府|委員會|局|辦公室|指揮部|領導小組|服務中心|重點辦|項目辦)$")


CAPACITY_UNIT = {"mw": "MW", "兆瓦": "MW"} | twins({"萬噸/年": "萬噸"})


def amount_basis(word: str) -> str:
    """What an amount adds up, from the words before it: 總投資, 年度計劃, 累計 … (1—9月: this
    year's to date)."""
    if word in AMOUNT_BASIS:
        return AMOUNT_BASIS[word]
    if TOTAL_WORD.search(word):
        return "總投資"
    if PLAN_IN.search(word):
        return "年度計劃"
    return "本年完成"


TOTAL_WORD = re.compile(either_script("總投資"))
PLAN_IN = re.compile(either_script("計劃"))
OF_TOTAL = re.compile(either_script("總投資|累計|開累"))
OF_YEAR = re.compile(either_script("年|本年|當年"))


def share_of(word: str) -> str:
    """The whole a share is of, in the data's words: 總投資, 年度計劃 or 計劃."""
    if OF_TOTAL.search(word):
        return "總投資"
    return "年度計劃" if OF_YEAR.search(word) else "計劃"


WHOLE_BASIS = {"總投資": "總投資", "年度計劃": "年度計劃", "計劃": "年度計劃"}
# the words before an amount -> its basis, in the data's words (either script's words)
AMOUNT_BASIS = either_key(
    {
        "開工以來累計": "開工以來累計",
        "累計": "累計",
        "年初累計": "年初累計",
        "本年": "本年完成",
        "今年累計": "年初累計",
        "當月": "本期",
        "本月": "本期",
        "今年": "本年完成",
        "開累": "開工以來累計",
        "總投資": "總投資",
        "年度計劃投資": "年度計劃",
        "年度投資計劃": "年度計劃",
    }
)


STAGE_WORDS = [  # (stage, words), first match wins
    ("竣工", words("竣工", "建成投產", "投入使用")),
    ("基本完工", words("基本完工")),
    (
        "前期",
        words(
            "可研", "初設", "核準", "環評", "規劃", "踏勘", "前期", "開工前", "報批", "上報", "立項"
        ),
    ),
    ("在建", words("施工", "澆筑", "在建", "完工", "路基", "建設取得", "加快建設", "進展順利")),
    ("儲備", words("儲備")),
]


NAME_SUFFIX = words(
    "工程",
    "項目",
    "水電站",
    "電站",
    "水庫",
    "公路",
    "電廠",
    "煤礦",
    "學校",
    "中心",
    "支渠",
    "隧洞",
    "園區",
    "一期",
    "二期",
    "標段",
    "一標",
    "二標",
    "三標",
    "四標",
    "三期",
    "四期",
    "小區",
    "大廈",
    "揚水站",
    "綜合體",
    "商業街",
    "產業園",
    "展廳",
    "小鎮",
    "加工廠",
    "辦公樓",
    "二級公路",
    "高速公路",
    "文化園",
    "花園",
    "煙廠",
    "校區",
    "改造",
    "改建",
    "擴建",
    "治理",
    "整治",
    "風電場",
    "測試場",
    "物流園",
    "學院",
    "管廊",
    "立交",
    "廠房",
    "鐵路",
    "環路",
    "延段",
    "環段",
    "北段",
    "南段",
    "東段",
    "西段",
    "物流港",
    "碼頭",
    "港",
    "中學",
    "小學",
    "示範園",
    "示範區",
    "技工學校",
    "綠化",
    "大橋",
    "處理廠",
    "水廠",
    "醫院",
    "場館",
    "體育館",
    "隧道",
    "防洪堤",
    "堤防",
    "大道",
    "樞紐",
    "管網",
    "公園",
    "保健院",
    "度假區",
    "風景區",
    "航道",
    "基地",
    "站",
    "樓",
    "機場",
    "公寓",
    "快速路",
    "大學",
    "幼兒園",
    "院區",
    "廣場",
    "體育場",
    "停車場",
    "住房",
    "橋",
)
