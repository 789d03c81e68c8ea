"""Project names: where a clause names one, lists of names, and when two names are one project."""

from __future__ import annotations

import re

from .lexicon import NAME_SUFFIX, NUM, either_script, rule
from .normalize import HAN
from .patterns import ENUM, INVESTED, LEAD_VERBS, NAME_STOP, NOT_A_NAME

_SUFFIX = "|".join(sorted(NAME_SUFFIX, key=len, reverse=True))


_NAME_AT_START = rule(
    rf"^(?:裝機)?(?:{NUM}(?:萬千瓦)的)?([{HAN}\w×—–]{{2,40}}"
    rf"(?:{_SUFFIX}|[A-Z]?\d+[號号]?[線线])(?:[{HAN}]{{1,4}}段)?(?:\([一二三四五六七八九十]+期\))?)"
)


ANY_ENUM = rule(rf"([{HAN}\w×、“”\"]{{4,200}}?)等")


ENUMERATOR = rule(
    r"^(?:\d+[.、]|\(\d+\)|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[是、]|[①-⑳]|"
    r"[—–■●◆▲☆★·\-]+|【[^】]{1,8}】|(?:項目)[一二三四五六七八九十\d]+[|:：、]?)\s*"
)


# items numbered inside one paragraph: 「如下:(1)A項目……;(2)B項目……」 or 「①……②……」
INLINE_ITEM = rule(r"(?<=[:：;；,，。])(?=\(\d+\)|[①-⑳]|[一二三四五六七八九十]是)|(?=[①-⑳])")


# a sentence that goes on about the project the sentence before it named
# a part named without its whole, after the whole: 「……一期已建成;二期工程完成投資……」
PART_ONLY = rule(r"^((?:土建)?[一二三四五六七八九十]+(?:期|標段|標|級電站))(?:工程|項目)?")


PART_SUFFIX = rule(r"(?:土建)?[一二三四五六七八九十]+(?:期|標段|標|級電站)(?:工程)?$")


LEAD_IN = rule(
    r"^([^\d,，。;；:：]{2,12}[:：])"
    r"(?![約约近超逾+\-]?\d|共|合計|完成|累計|實現|總投資|當月|今年|本年)"
    r"(.{6,})$"
)


# what a numbered item's title ends with when it names a project (not an action: 「加強調度。」)
TITLE_NAME = rule(rf"(?:{_SUFFIX}|[港園园館馆院橋桥路線线庫库廠厂場场網网廊城])(?:\([^()]*\))?$")


# a sentence that is only a name: 「龍潭水庫工程。」 — what follows in the paragraph is about it
NAME_ONLY = rule(r"^[^,，;；]{2,40}[。:]$")


# an attribute with a number before a name: 「總投資約18億元的…」「4×30萬千瓦的…」
AMOUNT_BEFORE_NAME = rule(r"^[^,，。;；的]{0,16}\d[^,，。;；的]{0,12}的")


def name_at_start(piece: str) -> str | None:
    """The name a clause starts with: the longest run ending in a name word, cut at verbs."""
    piece = LEAD_VERBS.sub("", ENUMERATOR.sub("", piece.strip('“”" ')))
    piece = AMOUNT_BEFORE_NAME.sub("", piece)  # 「總投資約18億元的鹿鳴湖生態修復工程」
    stop = NAME_STOP.search(piece)
    m = _NAME_AT_START.match(piece[: stop.start()] if stop else piece)
    if (
        not m
        or NOT_A_NAME.search(m.group(1))
        or re.match(either_script(r"^(?:全|本|該|其中|農村)"), m.group(1))
    ):
        return None
    return m.group(1)


TIME_CLAUSE = rule(
    r"^(?:\d{4}年)?(?:\d{1,2}[—–\-~至到]\d{1,2}月(?:份)?|截至\d{1,2}月(?:份|底)?|上半年|下半年|"
    r"前三季度|[一二三四]季度|今年以來|今年|全年|\d{4}年"
    # 「重點工程方面,……」「分領域看,……」「社會民生類項目中,……」: a lead-in, the name follows
    rf"|[{HAN}]{{0,10}}(?:方面|來看|看)|[{HAN}]{{0,10}}項目中)$"
)


# a clause that names the one project of a count before it: 「為X工程」「即X項目」「是X」「包括X」
NAMED_AS = rule(r"^(?:為|即|是|包括)(?=[^,，;；。]{2,40}$)")


# a later clause that names a project of its own: its approvals, its amounts, 「推動X項目建設」
APPROVALS = rule(r"可研|初設|核準|立項|環評")
NAME_AND_COUNT = rule(rf"^[{HAN}\w×]{{2,40}}(?:工程|項目|電站|電廠)\d")  # 「…風電場二期工程20座」
EACH = rule(r"分[別别]")  # 「…項目中,A、B、C分別完成……」
PUSH_ON = rule(r"^(?:加快|推進|推動|主推).+(?:建設|實施)")
COUNTED = rule(r"\d+個")


def find_names(sentence: str) -> list[str]:
    """Project names in a sentence: items of 「A、B、C等項目」 (or of any 「…等」 list with a
    name word in it), and the names the sentence's first clause starts with."""
    names = [n for n in dict.fromkeys(_listed(sentence) + _leading(sentence)) if _one(n, sentence)]
    # 巡檢電廠 inside 巡檢電廠擴建: keep the longer name
    return [n for n in names if not any(o != n and o.startswith(n) for o in names)]


def _listed(sentence: str) -> list[str]:
    """The items of 「A、B、C等項目」, or of any 「…等」 list with a name word in it."""
    names: list[str] = []
    for pattern, needs_suffix in ((ENUM, False), (ANY_ENUM, True)):
        for m in pattern.finditer(sentence):
            chunk = re.split(r"[,，。;；:]", m.group(1))[-1]
            items = [
                AMOUNT_BEFORE_NAME.sub("", LEAD_VERBS.sub("", NAMED_AS.sub("", i.strip('“”" '))))
                for i in chunk.split("、")
            ]
            named = any(i.endswith(NAME_SUFFIX) for i in items)
            if needs_suffix and (len(items) < 2 or not named):
                continue
            shortest = 2 if named else 3
            names += [i for i in items if shortest <= len(i) <= 30 and not NOT_A_NAME.search(i)]
    return names


def _leading(sentence: str) -> list[str]:
    """The names its clauses start with: the first clause's (after a time clause), and a
    later clause's that names a project of its own; otherwise a later clause names a part
    of the first clause's project."""
    clauses = re.split(r"[,，;；。|]", sentence.strip())
    while len(clauses) > 1 and TIME_CLAUSE.match(clauses[0]):
        clauses = clauses[1:]  # 「1—7月,白鷺灣項目完成投資……」: the name follows the time
    names = []
    for n, clause in enumerate(clauses):
        if n and not _names_its_own(clause):
            continue
        for piece in clause.split("、"):
            if name := name_at_start(NAMED_AS.sub("", piece)):
                names.append(name)
    return names


def _names_its_own(clause: str) -> bool:
    return bool(
        APPROVALS.search(clause)
        or INVESTED.search(clause)
        or NAME_AND_COUNT.match(clause)
        # 「在鍾嶺港區,總投資45億元的華拓高端銅箔項目,一期已……」
        or AMOUNT_BEFORE_NAME.match(clause)
        or EACH.search(clause)
        or PUSH_ON.match(clause)
        or NAMED_AS.match(clause)  # 「其中省重點項目1個,為X水廠擴建工程,總投資…」
    )


def _one(name: str, sentence: str) -> bool:
    """A project, not a group: not 「產業項目43個」, 「交通和水利項目分別……」 (but the last of
    「A、B、C分別……」 is a name like the others)."""
    if COUNTED.search(name):
        return False
    group = either_script(rf"(?<!、){re.escape(name)}(?:分[別别]|\d+(?:個|項|宗))")
    return not re.search(group, sentence)


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


def same_name(a: str, b: str) -> bool:
    """A project named in a list and detailed under a longer or shorter name is one project."""
    return a == b or (min(len(a), len(b)) >= 3 and (a in b or b in a))


def abbreviates(short: str, long: str) -> bool:
    """「巡檢電廠擴建」 for 「巡檢司電廠2×300MW機組擴建工程」: the same start, and every character
    of the short name in the long one, in order."""
    if not long.startswith(short[:2]) or len(short) >= len(long):
        return False
    rest = iter(long)
    return all(ch in rest for ch in short)


def title_name(sentence: str) -> str | None:
    """A numbered item's title that names a project: 「4. 白渡現代物流港。」 (not 「加強調度。」)."""
    if not NAME_ONLY.match(sentence):
        return None
    title = sentence[:-1]
    if (
        not TITLE_NAME.search(title)
        or NOT_A_NAME.search(title)
        or re.search(either_script(r"\d|^(?:積極|加快|加強|持續|全力|強化)"), title)
    ):
        return None
    return title


# a line with no sentence in it, only a name: a heading of the paragraph after it
HEADING_LINE = rule(r"^[^,，;；。:：!?！？\d]{2,40}$")


def same_project(name: str, other: str) -> bool:
    """A heading and the name its paragraph uses: one holds the other (項目/工程 aside)."""
    a, b = (re.sub(either_script(r"(?:項目|工程)$"), "", n) for n in (name, other))
    return len(min(a, b, key=len)) >= 3 and (a in b or b in a)


SHORT_NAME = rule(r"[(（]?(?:以下簡稱|簡稱)[:：]?[「“\"]([^」”\"]{2,20})[」”\"]")

# Each pattern's examples, in our own words (either script): a text, and what the pattern's
# first match gives (its groups that matched, joined by a space, or the whole match when it
# has none), or None where it must not match. tests/test_extract_patterns.py runs them all;
# a pattern added here without examples fails that test. The texts are as `clean` leaves
# them (ASCII punctuation).
EXAMPLES: dict[re.Pattern, dict[str, str | None]] = {
    APPROVALS: {"已完成可研批复": "可研", "環評已獲批": "環評", "完成投资2亿元": None},
    NAME_AND_COUNT: {"风电场二期工程20座风机": "风电场二期工程2", "城南水厂完成": None},
    EACH: {"分别完成投资": "分别", "分別為": "分別"},
    PUSH_ON: {"加快推进城南水厂建设": "加快推进城南水厂建设", "推動東環路實施": "推動東環路實施"},
    COUNTED: {"产业项目43个": "43个", "城南水厂": None},
    NAMED_AS: {"为青岚水厂扩建工程": "为", "即東環路改造項目": "即", "为确保工期,加快施工": None},
    _NAME_AT_START: {
        "城南污水处理厂扩建工程完成投资2亿元": "城南污水处理厂扩建工程",
        "地鐵3號線完成": "地鐵3號線",
        "加快建设": None,
    },
    ANY_ENUM: {"光伏、风电等新能源": "光伏、风电", "城南、城北等片區": "城南、城北"},
    ENUMERATOR: {"(一)城南水厂": "(一)", "3.北湖公园": "3.", "①东环路": "①", "二是加快": "二是"},
    INLINE_ITEM: {"如下:(1)A项目完成": "", "①A项目;②B项目": ""},
    PART_ONLY: {"二期工程完成投资3亿元": "二期", "一標段已完工": "一標段", "城南水厂二期": None},
    PART_SUFFIX: {"城南水厂二期工程": "二期工程", "環城路三標段": "三標段", "城南水厂": None},
    LEAD_IN: {
        "进度较快的项目:城南水厂完成投资2亿元": "进度较快的项目: 城南水厂完成投资2亿元",
        "分項目看:北湖公園已竣工": "分項目看: 北湖公園已竣工",
        "总投资:12亿元,今年完成": None,
    },
    TITLE_NAME: {"白渡现代物流港": "物流港", "城南學校(二期)": "學校(二期)", "加强调度": None},
    NAME_ONLY: {
        "龙潭水库工程。": "龙潭水库工程。",
        "北湖公園:": "北湖公園:",
        "城南水厂完成投资2亿元,同比增长5%。": None,
    },
    AMOUNT_BEFORE_NAME: {
        "总投资约18亿元的鹿鸣湖生态修复工程": "总投资约18亿元的",
        "4×30萬千瓦的風電場": "4×30萬千瓦的",
        "城南水厂的": None,
    },
    TIME_CLAUSE: {
        "1—7月": "1—7月",
        "今年以来": "今年以来",
        "重点工程方面": "重点工程方面",
        "社會民生類項目中": "社會民生類項目中",
        "城南水厂": None,
    },
    HEADING_LINE: {"城南污水处理厂扩建工程": "城南污水处理厂扩建工程", "完成投资2亿元。": None},
    SHORT_NAME: {
        "城南片区综合开发项目(以下简称“南片项目”)": "南片项目",
        "東湖公園（簡稱「東園」）": "東園",
    },
}
