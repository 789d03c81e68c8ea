"""The headline figures of a sentence: amounts, changes, shares, ranks, counts.

How a sentence is read
----------------------
`extract_figures` cuts a sentence into clauses (at commas, 「|」 and wide spaces) and runs the
rules of `RULES` on each clause, in the order of that tuple. The rules share one
`FigureState`: the figures found so far, the figure being told of (`current`: the changes,
ranks and shares a clause states join it), the figures of the last 「A和B分別…」, the subject
a 「key:」 names, and whether this clause has opened a figure of its own. A rule that has said
all there is to say of its clause returns `CLAUSE_DONE`, and the rules after it are skipped
for that clause; any other rule returns None and the next rule reads the clause too.

Adding a rule
-------------
1. Write a function of the state, `def my_rule(s: FigureState) -> Outcome | None`, whose
   one-line docstring says what it produces; name it for what it reads.
2. Decorate it with `@rule(Example(text, figures), ...)`: a few short sentences of your own,
   in Simplified and in Traditional script, each with exactly the figures `extract_figures`
   makes of it, written with `figure(label, "21.7 億元", changes=["9.4 % 同比"])` (a figure
   that changes and shares join) and `alone(label, "12 個")` (a rate or a count); `quote` is
   left out, it is always the sentence. Each example must need its rule: without the rule
   the sentence must read differently, so that the example shows what the rule does.
3. Put it in `RULES` where it belongs. The rules that rewrite a clause come first; then
   those that take a whole clause for themselves (they return `CLAUSE_DONE`); then the rules
   that open figures (amounts, changes) before those that join the figure told of (ranks,
   shares of the plan, shares); figures that stand alone (rates, counts) come last.
4. `tests/test_extract_figure_rules.py` runs every example with and without its rule, and
   checks that every rule has examples in both scripts, a unique name and a place in
   `RULES`; the golden drafts (tests/test_extract_golden.py) show what the new rule changes
   in the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from ..chinese import script_of
from .lexicon import LOWER, MONEY_UNIT, NUM, PACE, PLAN_WORD, either_script, words
from .lexicon import rule as lexicon_rule
from .normalize import HAN, number, written_numbers
from .patterns import (
    CHANGE,
    COUNT_AFTER,
    COUNT_BEFORE,
    GROWTH_RATE,
    MEASURE_AFTER_COUNT,
    MONEY,
    OF_PLAN,
    PLAN_SHARE,
    RANK,
    RATE,
    SHARE,
    VERSUS,
    VERSUS_AFTER,
)


def _label_before(clause: str, pos: int) -> str:
    """The words that name the figure at `pos`: what comes before it in the clause, without the
    period it is of and the verb that states it."""
    label = clause[:pos]
    inner = re.split(r"[(（]", label)[-1]  # 「48宗(其中續建項目21宗」: the words in brackets
    if len(inner) >= 2 and inner != label:
        label = inner
    # 「省級5項、市級9項、縣級」: the figures before the last 、 are items of their own
    if m := re.search(r"\d(?:\.\d+)?[^\d、]{0,4}、([^、]*)$", label):
        label = m.group(1)
    label = PERIOD_FIRST.sub("", label)
    label = VERB_LAST.sub("", label)
    return label.strip(" ,:")


# the period a label begins with, and the verb it ends with: not the figure's name
PERIOD_FIRST = lexicon_rule(
    r"^(?:\d{4}年)?(?:\d{1,2}[—–\-~至到]\d{1,2}月(?:份)?|截至\d{1,2}月(?:份|底)?|"
    r"上半年|前三季度|[一二三四]季度|今年以來|今年|其中)"
)
VERB_LAST = lexicon_rule(r"(?:累計|實現|完成|達到|為|共|達|約|近|超過|超|逾)+$")


# 「A和B分別完成投資2.3和1.1億元」: several figures, their values in the same order
RESPECTIVELY = lexicon_rule(
    rf"([{HAN}、]{{2,30}}?)分[別别](?:完成了?(?:投資)?|為|達到|達|實現)?"
    rf"({NUM}(?:(?:{MONEY_UNIT})?[、和及與与]{NUM})+)({MONEY_UNIT}|%)"
)


# 「…,分別佔年度計劃的29.1%、25.8%、26.4%」, 「投資完成率分別為71.2%、64.5%」: the shares of the
# plan of the figures before
SHARES_OF_PLAN_EACH = lexicon_rule(
    r"^(?:(?:投資)?完成率分[別别](?:為|是|達)?|"
    r"分[別别](?:佔|為|是|完成)?(?:年度計劃|全年計劃|計劃)的?)"
    rf"({NUM}%?(?:[、和及與与]{NUM}%?)+)%[。;；]?$"
)


# 「交通和水利項目」: the last item's noun belongs to each item of the list
SHARED_NOUN = lexicon_rule(r"(項目|投資|產業)$")


def respectively(clause: str, sentence: str) -> list[dict]:
    """「A和B分別完成投資2.3和1.1億元」: a figure for each item, their values in order; none if
    the items and the values do not pair up."""
    m = RESPECTIVELY.search(clause)
    if not m:
        return []
    items = [
        i
        for i in re.split(
            either_script(r"[、和及與与]"), _label_before(clause, m.start(1)) + m.group(1)
        )
        if i
    ]
    values = re.split(
        either_script(r"[、和及與与]"), m.group(2)
    )  # each with its unit, or the last one's
    if len(items) != len(values):
        return []
    units = [re.sub(NUM, "", v, count=1) or m.group(3) for v in values]
    values = [re.match(NUM, v).group(0) for v in values]
    if tail := SHARED_NOUN.search(items[-1]):
        items = [i if i.endswith(tail.group(1)) else i + tail.group(1) for i in items]
    done = "完成" in clause[m.end(1) : m.start(2)]
    invested = "完成投资" if "投资" in clause else "完成投資"
    return [
        {
            "label": item + (invested if done and unit != "%" else ""),
            "value": {"amount": number(v), "unit": unit},
            "changes": [],
            "quote": sentence,
        }
        for item, v, unit in zip(items, values, units, strict=True)
    ]


# a sentence that goes on about the figure before it: 「……;同比增長4.3%,增速比全州低2.2個百分點」
FOLLOW_ON = lexicon_rule(
    r"^(?:同比|增速|增幅|降幅|比上年|較上年|比去年|較去年|高於|低於|"
    r"低于|超序時|居|位居|排|與上年|與去年|同期)"
)


# a change against an earlier period of the same year: 較1—8月提高1.1個百分點, 降幅收窄
PERIOD_CHANGE = lexicon_rule(
    rf"(?:較|比)(\d{{1,2}}[—–\-~至]\d{{1,2}}月|上月|上季度|一季度|上半年)(?:份)?"
    rf"(提高|提升|加快|上升|擴大|回落|下降|放緩|收窄)了?({NUM})(個百分點)"
)


# 「比去年同期多完成6.3億元」: how much more than a year before, a difference and no figure
MORE_THAN_BEFORE = lexicon_rule(
    rf"^(?:比|較|同比)(?:去年|上年)?(?:同期)?(?:多|少)(?:完成)?(?:投資)?{NUM}(?:{MONEY_UNIT})"
)


# words that speak of the figure already named, not of a new one: 「增速…」「增幅…」
KEY_COLON = lexicon_rule(
    r"^([^,，。;；:：]{0,8}[\u4e00-\u9fff][^\d,，。;；:：]{0,10})[:：]"
    r"(?=(?:共計|合計|共)?[約约近超逾+\-]?\d)"
)


SIGNED_CHANGE = lexicon_rule(
    rf"^(?:較|比)?(同比|環比|{'|'.join(PACE)}|全市|全省|全州)([+\-]{NUM})(%|個百分點)$"
)


OF_CURRENT = lexicon_rule(r"^(?:增速|增幅|降幅|比|較)")


# the clauses of a sentence; pairs set apart by wide spaces are clauses too:
# 「重點項目:19個　年度計劃:61.2億元」
CLAUSES = lexicon_rule(r"[,，|]|\u3000+|\s{2,}")


# --- the state the rules share ------------------------------------------------------------


@dataclass
class FigureState:
    """What the rules read and write while one sentence is read, clause by clause."""

    sentence: str
    figures: list[dict] = field(default_factory=list)  # the figures so far, in order
    current: dict | None = None  # the figure told of: the changes, ranks and shares join it
    group: list[dict] | None = None  # the figures of the last 「A和B分別…」
    subject: str = ""  # 「區重點項目:共47個,…,1-8月完成50.12億元」: what the pairs after are of
    clause: str = ""  # the clause being read, as the rules before have rewritten it
    added: bool = False  # whether this clause has opened a figure of its own

    def next_clause(self, clause: str) -> None:
        self.clause, self.added = clause, False

    # the matches several rules look at: each rule asks again, the clause may have been rewritten

    @property
    def money(self) -> re.Match | None:
        return MONEY.search(self.clause)

    @property
    def of_plan(self) -> re.Match | None:
        return OF_PLAN.search(self.clause)

    @property
    def rate(self) -> re.Match | None:
        return None if self.of_plan else RATE.search(self.clause)  # 完成率: of the plan

    def open_figure(self, label: str, **fields) -> dict:
        """A new figure, the one told of from here on."""
        self.current = {"label": label, **fields, "changes": [], "quote": self.sentence}
        self.figures.append(self.current)
        self.added = True
        return self.current

    def add_alone(self, label: str, amount: Decimal, unit: str) -> None:
        """A figure standing alone (a rate, a count): nothing that follows joins it."""
        value = {"amount": amount, "unit": unit}
        self.figures.append({"label": label, "value": value, "quote": self.sentence})

    def join_change(self, value: Decimal, unit: str, basis: str | None) -> None:
        """A change of the figure told of, if there is one."""
        if self.current is not None:
            self.current.setdefault("changes", []).append(
                {"value": value, "unit": unit, "basis": basis}
            )


# --- rules ----------------------------------------------------------------------------------


class Outcome(Enum):
    """What a rule may return besides None (None: the next rule reads the clause too)."""

    CLAUSE_DONE = "the clause is all said: the rules after this one skip it"


CLAUSE_DONE = Outcome.CLAUSE_DONE


@dataclass(frozen=True)
class Example:
    """A sentence and exactly the figures `extract_figures` makes of it, each without its
    `quote` (the sentence) and with its numbers as strings, written with `figure` and
    `alone`."""

    text: str
    figures: list[dict]


@dataclass(frozen=True)
class Rule:
    """A named rule: `apply` reads the clause in the state and adds to the figures; its
    docstring (`doc`) says what it produces, its `examples` show it."""

    name: str
    apply: Callable[[FigureState], Outcome | None]
    examples: tuple[Example, ...]

    @property
    def doc(self) -> str:
        return (self.apply.__doc__ or "").strip()


def _amount(text: str) -> dict:
    """「28.4 億元」 (or 「27.8 億元 年初累計」) as a value: amount, unit and basis."""
    amount, unit, *basis = text.split(" ")
    return {"amount": amount, "unit": unit} | ({"basis": basis[0]} if basis else {})


def figure(label: str, value: str | None = None, *, changes=(), plan=None, **more) -> dict:
    """An example's figure that changes and shares can join: 「figure("工業投資", "21.7 億元",
    changes=["9.4 % 同比"])」; `plan` like `value`, `share_of_plan`, `share`, `rank` as they are."""
    fig = {"label": label} | ({"value": _amount(value)} if value else {})
    fig["changes"] = [
        dict(zip(("value", "unit", "basis"), c.split(" "), strict=True)) for c in changes
    ]
    return fig | ({"plan": _amount(plan)} if plan else {}) | more


def alone(label: str, value: str) -> dict:
    """An example's figure standing alone, a rate or a count: 「alone("新開工項目", "12 個")」."""
    return {"label": label, "value": _amount(value)}


def rule(*examples: Example) -> Callable[[Callable], Rule]:
    """A function of the state as a named rule with its examples."""

    def named(apply: Callable[[FigureState], Outcome | None]) -> Rule:
        return Rule(apply.__name__, apply, examples)

    return named


def extract_figures(
    sentence: str,
    projects_here: bool,
    carry: dict | None = None,
    *,
    rules: tuple[Rule, ...] | None = None,
) -> list[dict]:
    """The headline figures of a sentence. `carry` is the figure the sentence before ended
    on, which a sentence that opens with a change (同比, 增速比…) goes on about. `rules` are
    the rules to run, `RULES` unless told."""
    if projects_here:
        return []
    rules = RULES if rules is None else rules
    state = FigureState(sentence)
    if carry is not None and FOLLOW_ON.match(sentence):
        state.current = carry
        carry.setdefault("changes", [])
    for clause in CLAUSES.split(written_numbers(sentence)):
        state.next_clause(clause)
        for each in rules:
            if each.apply(state) is CLAUSE_DONE:
                break
    return [
        f
        for f in state.figures
        if f.get("value") or f.get("changes") or f.get("share") or f.get("rank")
    ]


# The rules follow in the order they run; RULES at the end lists them.


@rule(
    Example(
        "县重点项目：共36个，1—9月完成28.4亿元",
        [alone("县重点项目", "36 个"), figure("县重点项目完成投资", "28.4 亿元")],
    ),
    Example(
        "園區重點項目:共15個,上半年完成投資9.6億元",
        [alone("園區重點項目", "15 個"), figure("園區重點項目完成投資", "9.6 億元")],
    ),
)
def subject_of_pairs(s: FigureState) -> None:
    """「區重點項目:共47個,…,1-8月完成50.12億元」: the key names what the amounts after it are of."""
    key = KEY_COLON.match(s.clause)
    if key and re.match(either_script(r"(?:共|合)|\d+(?:個|項)$"), s.clause[key.end() :]):
        s.subject = key.group(1).strip()


# 「全縣共安排重點項目56個」「其中省重點項目1個」「共有46個重點項目」: what the projects counted are
COUNTED_PROJECTS = lexicon_rule(
    r"([^\d共有排中為是的,，、]{0,8}項目)(?:共|合計)?\d+(?:個|項|宗|批)$"
    r"|\d+(?:個|項|宗|批)([^\d共有排中為是的,，、]{0,8}項目)$"
)
# what comes before the projects' own kind: the scope, the verb that placed them
SCOPE = lexicon_rule(
    r"^(?:月(?:底|末|份)?前?|年度?|全[市縣區州省鎮鄉]|其中|今年|政府)?"
    r"(?:確定|實施|承擔|推進|列入|納入|安排|謀劃)?"
)


@rule(
    Example(
        "全县共安排重点项目56个,总投资312.4亿元",
        [alone("全县共安排重点项目", "56 个"), figure("重点项目总投资", "312.4 亿元")],
    ),
    Example(
        "市重點項目8個,總投資95.3億元,年度計劃投資21.6億元",
        [
            alone("市重點項目", "8 個"),
            figure("市重點項目總投資", "95.3 億元"),
            figure("市重點項目年度計劃投資", "21.6 億元"),
        ],
    ),
)
def subject_of_count(s: FigureState) -> None:
    """「市重點項目8個,總投資95.3億元」: the projects counted are what the bare amounts after the
    count are of (「市重點項目總投資」)."""
    if m := COUNTED_PROJECTS.search(s.clause):
        s.subject = SCOPE.sub("", m.group(1) or m.group(2))


@rule(
    Example("总投资：156.3亿元", [figure("总投资", "156.3 亿元")]),
    Example("年度計劃：42.5億元", [figure("年度計劃", "42.5 億元")]),
)
def key_as_words(s: FigureState) -> None:
    """「總投資:412.8億元」 reads as 「總投資412.8億元」: the key is the figure's label."""
    s.clause = KEY_COLON.sub(r"\1", s.clause)


@rule(
    Example("全区完成投资88亿元，比去年同期多完成7.2亿元", [figure("全区完成投资", "88 亿元")]),
    Example("全縣完成投資46.5億元,較上年同期多3.1億元", [figure("全縣完成投資", "46.5 億元")]),
)
def more_than_before(s: FigureState) -> None:
    """「比去年同期多完成6.3億元」: a difference from a year before, dropped: it is no figure."""
    s.clause = MORE_THAN_BEFORE.sub("", s.clause)


@rule(
    Example(
        "工业投资：21.7亿元，同比：+9.4%", [figure("工业投资", "21.7 亿元", changes=["9.4 % 同比"])]
    ),
    Example(
        "民間投資17.2億元,同比-3.5%", [figure("民間投資", "17.2 億元", changes=["-3.5 % 同比"])]
    ),
)
def signed_change(s: FigureState) -> Outcome | None:
    """「同比:+6.1%」: a signed change of the figure told of; nothing else in the clause."""
    signed = SIGNED_CHANGE.match(s.clause)
    if signed and s.current is not None:
        basis = PACE.get(signed.group(1), signed.group(1))
        s.join_change(number(signed.group(2)), signed.group(3), basis)
        return CLAUSE_DONE
    return None


@rule(
    Example(
        "交通和水利项目分别完成投资6.8和4.2亿元",
        [figure("交通项目完成投资", "6.8 亿元"), figure("水利项目完成投资", "4.2 亿元")],
    ),
    Example(
        "城建、產業項目分別完成8.1億元、5.6億元",
        [figure("城建項目完成投資", "8.1 億元"), figure("產業項目完成投資", "5.6 億元")],
    ),
)
def respectively_each(s: FigureState) -> Outcome | None:
    """「A和B分別完成投資2.3和1.1億元」: a figure for each of A and B; nothing else in the clause."""
    if several := respectively(s.clause, s.sentence):
        s.figures += several
        s.current, s.group = None, several
        return CLAUSE_DONE
    return None


@rule(
    Example(
        "交通和水利项目分别完成投资6.8和4.2亿元，分别占年度计划的58.1%、49.3%",
        [
            figure("交通项目完成投资", "6.8 亿元", share_of_plan="58.1"),
            figure("水利项目完成投资", "4.2 亿元", share_of_plan="49.3"),
        ],
    ),
    Example(
        "城建、產業項目分別完成8.1億元、5.6億元,完成率分別為62.4%、55%",
        [
            figure("城建項目完成投資", "8.1 億元", share_of_plan="62.4"),
            figure("產業項目完成投資", "5.6 億元", share_of_plan="55"),
        ],
    ),
)
def shares_of_plan_each(s: FigureState) -> Outcome | None:
    """「…,分別佔年度計劃的29.1%、25.8%」: the share of the plan of each 分別 figure before."""
    shares = SHARES_OF_PLAN_EACH.match(s.clause) if s.group else None
    percents = re.findall(NUM, shares.group(1)) if shares else []
    if not s.group or len(percents) != len(s.group):
        return None
    for fig, percent in zip(s.group, percents, strict=True):
        fig["share_of_plan"] = number(percent)
    return CLAUSE_DONE


@rule(
    Example(
        "交通和水利项目分别完成投资6.8和4.2亿元，同比增长5.2%，分别占年度计划的58.1%、49.3%",
        [figure("交通项目完成投资", "6.8 亿元"), figure("水利项目完成投资", "4.2 亿元")],
    ),
    Example(
        "城建、產業項目分別完成8.1億元、5.6億元,增速放緩,分別佔年度計劃的62.4%、55%",
        [figure("城建項目完成投資", "8.1 億元"), figure("產業項目完成投資", "5.6 億元")],
    ),
)
def end_of_group(s: FigureState) -> None:
    """A clause the rules above did not take ends the 分別 group: shares after it are not its."""
    s.group = None


FALLS = ("回落", "下降", "放緩", "放缓")


@rule(
    Example(
        "全县完成固定资产投资62.3亿元，增速较1—8月提高1.6个百分点",
        [figure("全县完成固定资产投资", "62.3 亿元", changes=["1.6 个百分点 环比"])],
    ),
    Example(
        "全市投資下降4.2%,降幅較上半年擴大0.8個百分點",
        [figure("全市投資", changes=["-4.2 % 同比", "-0.8 個百分點 環比"])],
    ),
)
def period_change(s: FigureState) -> None:
    """「較1—8月提高1.1個百分點」: a change against an earlier period of the year, of the figure
    told of (環比); 「降幅較上月擴大」 is a fall."""
    for step in PERIOD_CHANGE.finditer(s.clause) if s.current is not None else ():
        verb, unit = step.group(2), step.group(4)
        down = verb in FALLS or (verb in ("擴大", "扩大") and "降幅" in s.clause)
        basis = "环比" if "个" in unit else "環比"
        s.join_change((-1 if down else 1) * number(step.group(3)), unit, basis)


@rule(
    Example(
        "全县完成投资45.6亿元，占年度计划80亿元的57%",
        [figure("全县完成投资", "45.6 亿元", plan="80 亿元", share_of_plan="57")],
    ),
    Example(
        "全區完成投資31.2億元,完成年度計劃60億元的52%",
        [figure("全區完成投資", "31.2 億元", plan="60 億元", share_of_plan="52")],
    ),
)
def plan_share(s: FigureState) -> Outcome | None:
    """「完成年度計劃80億元的56.5%」: the plan and the share of it, of the figure told of if it
    has a value; nothing else in the clause."""
    plan = PLAN_SHARE.search(s.clause)
    if not plan:
        return None
    if s.current is not None and "value" in s.current:
        s.current["plan"] = {"amount": number(plan.group(1)), "unit": plan.group(2)}
        s.current["share_of_plan"] = number(plan.group(3))
    return CLAUSE_DONE


@rule(
    Example("全县完成固定资产投资45.6亿元", [figure("全县完成固定资产投资", "45.6 亿元")]),
    Example("今年以來累計完成投資27.8億元", [figure("累計完成投資", "27.8 億元 年初累計")]),
)
def money(s: FigureState) -> None:
    """「固定資產投資完成52.3億元」: an amount of money, a figure of its own (the subject's, if the
    clause only says 完成); 累計 amounts are 年初累計."""
    m = s.money
    if not m:
        return
    before = s.clause[: m.start()]
    label = _label_before(s.clause, m.start())
    if label in ("", "完成投資", "完成投资", "投資", "投资") and s.subject and "完成" in before:
        label = s.subject + ("完成投资" if script_of([s.sentence]) == "hans" else "完成投資")
    elif label in BARE_WHOLES and s.subject:
        label = s.subject + label  # 「重點項目56個,總投資312.4億元」: 重點項目總投資
    if label:
        fig = s.open_figure(label, value={"amount": number(m.group(1)), "unit": m.group(2)})
        if re.search(either_script(r"累計"), before):
            fig["value"]["basis"] = "年初累計"


# an amount named by its kind alone, of the subject before it
BARE_WHOLES = words("總投資", "計劃總投資", "年度計劃投資", "年度投資計劃", "計劃投資", "年度計劃")


def _change_basis(change: re.Match, clause: str, sentence: str) -> str | None:
    """What a change is against: 環比 if it says so, else 同比 if the sentence says 同期 or
    the clause 同比 or 增長/下降, else not known."""
    if change.group(1) in ("環比", "环比"):
        return change.group(1)
    if change.group(1) or "同期" in sentence or "同比" in clause:
        return "同比"
    return "同比" if re.search(either_script(r"增長|下降|比增|比降"), clause) else None


DOWN = ("下降", "減少", "减少", "回落", "降低", "比降")


@rule(
    Example("民间投资同比增长8.6%", [figure("民间投资", changes=["8.6 % 同比"])]),
    Example(
        "工業投資23.4億元,同比下降2.7%", [figure("工業投資", "23.4 億元", changes=["-2.7 % 同比"])]
    ),
    Example(
        "社会消费品零售总额同比增长百分之六点二",
        [figure("社会消费品零售总额", changes=["6.2 % 同比"])],
    ),
)
def change(s: FigureState) -> None:
    """「民間投資同比增長8.2%」: a change, of the figure the clause names (a new one) or of the
    figure told of; a change whose basis is not known is dropped."""
    if PERIOD_CHANGE.search(s.clause):
        return  # a change against an earlier period: period_change's
    for m in CHANGE.finditer(s.clause):
        basis = _change_basis(m, s.clause, s.sentence)
        label = _label_before(s.clause, m.start())
        if label and not s.added and not (s.current and OF_CURRENT.match(label)):
            s.open_figure(label)
        if basis:
            s.join_change((-1 if m.group(2) in DOWN else 1) * number(m.group(3)), m.group(4), basis)


@rule(
    Example(
        "全县完成投资45.6亿元，同比增速为7.3%",
        [figure("全县完成投资", "45.6 亿元", changes=["7.3 % 同比"])],
    ),
    Example("製造業投資同比增速達11.2%", [figure("製造業投資", changes=["11.2 % 同比"])]),
)
def growth_rate(s: FigureState) -> None:
    """「工業投資增速為12.5%」: a growth rate (同比), of the figure the clause names or the figure
    told of, when the clause states no change of its own."""
    m = GROWTH_RATE.search(s.clause)
    if not m or CHANGE.search(s.clause) or not (m.group(1) or "同比" in s.clause):
        return
    label = _label_before(s.clause, m.start())
    if label and not s.added:
        s.open_figure(label)
    s.join_change(number(m.group(2)), "%", "同比")


@rule(
    Example(
        "全县完成投资45.6亿元，增速比全市高1.4个百分点",
        [figure("全县完成投资", "45.6 亿元", changes=["1.4 个百分点 全市"])],
    ),
    Example(
        "工業投資同比增長6.1%,比全省低0.9個百分點",
        [figure("工業投資", changes=["6.1 % 同比", "-0.9 個百分點 全省"])],
    ),
)
def versus_after(s: FigureState) -> None:
    """「比全市高1.9個百分點」: how much faster or slower than a pace or a whole, of the figure
    told of."""
    for m in VERSUS_AFTER.finditer(s.clause):
        sign = -1 if m.group(2) in LOWER else 1
        s.join_change(sign * number(m.group(3)), m.group(4), PACE.get(m.group(1), m.group(1)))


@rule(
    Example(
        "全县完成投资45.6亿元，同比增长7.3%，高于全市2.1个百分点",
        [figure("全县完成投资", "45.6 亿元", changes=["7.3 % 同比", "2.1 个百分点 全市"])],
    ),
    Example(
        "全區投資增長5.5%,低於全省平均水平1.2個百分點",
        [figure("全區投資", changes=["5.5 % 同比", "-1.2 個百分點 全省"])],
    ),
)
def versus(s: FigureState) -> None:
    """「高於全省2.3個百分點」: how much above or below a pace or a whole, of the figure told of."""
    for m in VERSUS.finditer(s.clause):
        sign = -1 if m.group(1) in LOWER else 1
        s.join_change(sign * number(m.group(3)), m.group(4), PACE.get(m.group(2), m.group(2)))


@rule(
    Example("项目开工率为86.5%", [alone("项目开工率", "86.5 %")]),
    Example("重點項目簽約履約率達92%", [alone("重點項目簽約履約率", "92 %")]),
)
def rate(s: FigureState) -> None:
    """「開工率為85%」: a rate, a figure standing alone, unless the clause has an amount of money
    (完成率 is a share of the plan: of_plan)."""
    m = s.rate
    if m and not s.money:
        s.add_alone(m.group(1), number(m.group(2)), "%")


@rule(
    Example(
        "全县完成投资45.6亿元，同比增长7.3%，增速居全市第2位",
        [
            figure(
                "全县完成投资",
                "45.6 亿元",
                changes=["7.3 % 同比"],
                rank={"position": 2, "among": "全市", "of": "增速"},
            )
        ],
    ),
    Example(
        "全區投資增長5.5%,總量排全州第4名",
        [
            figure(
                "全區投資",
                changes=["5.5 % 同比"],
                rank={"position": 4, "among": "全州", "of": "總量"},
            )
        ],
    ),
)
def rank(s: FigureState) -> None:
    """「增速居全市第2位」: the rank of the figure told of, the first stated."""
    m = RANK.search(s.clause)
    if m and s.current is not None and "rank" not in s.current:
        s.current["rank"] = {"position": int(m.group(3)), "among": m.group(2)}
        if m.group(1):
            s.current["rank"]["of"] = m.group(1)


@rule(
    Example(
        "全县完成投资45.6亿元，完成年度计划的61.5%",
        [figure("全县完成投资", "45.6 亿元", share_of_plan="61.5")],
    ),
    Example(
        "重點項目投資完成年計劃的58%,同比增長4.1%",
        [figure("重點項目投資", changes=["4.1 % 同比"], share_of_plan="58")],
    ),
)
def of_plan(s: FigureState) -> None:
    """「完成年度計劃的61.5%」: the share of the plan of the figure told of, the first stated; a
    new figure if none is told of and the clause names one."""
    m = s.of_plan
    if not m:
        return
    if s.current is None and (label := _label_before(s.clause, m.start())):
        s.open_figure(label)  # 「投資完成年計劃的63%」
    if s.current is not None and "share_of_plan" not in s.current:
        s.current["share_of_plan"] = number(m.group(1) or m.group(2) or m.group(3))


def _share(percent: str, of: str | None) -> dict:
    return {"percent": number(percent), "of": of} if of else {"percent": number(percent)}


@rule(
    Example(
        "工业投资完成19.2亿元，占全部投资的42.1%",
        [figure("工业投资", "19.2 亿元", share={"percent": "42.1", "of": "全部投资"})],
    ),
    Example(
        "全縣投資增長6%,其中工業投資佔比為38.5%",
        [figure("全縣投資", changes=["6 % 同比"]), figure("工業投資", share={"percent": "38.5"})],
    ),
)
def share(s: FigureState) -> None:
    """「占全部投資的37.6%」: a share, of the figure the clause names (a new one) or else of the
    figure told of; none in a clause with a rate or a share of the plan."""
    m = None if s.of_plan or s.rate else SHARE.search(s.clause)
    if not m:
        return
    of, percent = m.group(1) or m.group(3), m.group(2) or m.group(4)
    label = _label_before(s.clause, m.start())
    if label in ("總量", "总量", "規模", "规模"):  # 「總量佔全市的23.6%」: the figure's own
        label = ""
    if label:
        s.open_figure(label, share=_share(percent, of))
    elif s.current is not None and "share" not in s.current:
        s.current["share"] = _share(percent, of)


PROJECT_NOUNS = ("重點項目", "重点项目", "項目", "项目", "新增", "優勢", "优势", "省級", "省级")


@rule(
    Example("全县共有46个重点项目", [alone("全县共有重点项目", "46 个")]),
    Example("全區新引進5個產業項目", [alone("全區新引進產業項目", "5 個")]),
)
def count_before(s: FigureState) -> None:
    """「新開工項目12個」 told as 「12個新開工項目」: a count of projects, standing alone."""
    for m in COUNT_BEFORE.finditer(s.clause):
        noun = re.split(either_script(r"累計|完成|可研|已|及|和|與|的|在|將"), m.group(3))[0]
        of_projects = noun.startswith(PROJECT_NOUNS) or re.search(either_script(r"(?:項目)$"), noun)
        if of_projects and not s.clause[: m.start()].endswith(("和", "與")):
            prefix = re.split(either_script(r"[、等]"), _label_before(s.clause, m.start()))[-1]
            s.add_alone((prefix + noun)[-20:], number(m.group(1)), m.group(2))


@rule(
    Example(
        "新建农村道路5条12.6公里",
        [alone("新建农村道路里程", "12.6 公里"), alone("新建农村道路", "5 条")],
    ),
    Example(
        "改造老舊管網3條8.4千米",
        [alone("改造老舊管網里程", "8.4 千米"), alone("改造老舊管網", "3 條")],
    ),
)
def measure_after_count(s: FigureState) -> None:
    """「新建道路5條12.6公里」: the measure of the things counted, standing alone (公里: 里程)."""
    for m in MEASURE_AFTER_COUNT.finditer(s.clause):
        if label := _label_before(s.clause, m.start()):
            label = f"{label}里程" if m.group(4) in ("公里", "千米") else label
            s.add_alone(label, number(m.group(3)), m.group(4))


@rule(
    Example("新开工项目17个", [alone("新开工项目", "17 个")]),
    Example("竣工投產項目6個", [alone("竣工投產項目", "6 個")]),
)
def count_after(s: FigureState) -> None:
    """「新開工項目12個」: a count, standing alone, in a clause with no amount of money or rate."""
    if s.money or s.rate:
        return
    for m in COUNT_AFTER.finditer(s.clause):
        label = _label_before(s.clause, m.start(2)).strip()
        if len(label) >= 2:
            s.add_alone(label, number(m.group(2)), m.group(3))


RULES: tuple[Rule, ...] = (
    # the clause rewritten
    subject_of_pairs,
    subject_of_count,
    key_as_words,
    more_than_before,
    # clauses one rule takes whole
    signed_change,
    respectively_each,
    shares_of_plan_each,
    end_of_group,
    period_change,
    plan_share,
    # figures opened
    money,
    change,
    growth_rate,
    # the figure told of: how it compares, ranks, shares
    versus_after,
    versus,
    rate,
    rank,
    of_plan,
    share,
    # counts and measures, standing alone
    count_before,
    measure_after_count,
    count_after,
)


PLAN_LABEL = lexicon_rule(rf"^(?:[{HAN}]{{0,12}}?)(?:{PLAN_WORD})$")


LARGE_MONEY = ("億元", "亿元", "萬元", "万元")


def _a_bare_plan(fig: dict) -> bool:
    """「年度計劃投資72.4億元」: a plan's amount, with no change or share of its own."""
    return (
        bool(PLAN_LABEL.match(fig["label"]))
        and (fig.get("value") or {}).get("unit") in LARGE_MONEY
        and not fig.get("changes")
        and "share_of_plan" not in fig
    )


def _done_without_plan(fig: dict) -> bool:
    """「1—6月完成投資40.1億元」: a completed amount whose plan is not known yet."""
    return (
        "plan" not in fig
        and bool(re.search(either_script(r"完成"), fig["label"]))
        and (fig.get("value") or {}).get("unit") in LARGE_MONEY
    )


def join_plans(figures: list[dict]) -> list[dict]:
    """「年度計劃投資72.4億元,1—6月完成投資40.1億元」: the plan is the plan of the completed
    amount that follows it (within three figures), not a figure of its own."""
    out: list[dict] = []
    for i, fig in enumerate(figures):
        after = figures[i + 1 : i + 4] if _a_bare_plan(fig) else []
        done = next((g for g in after if _done_without_plan(g)), None)
        if done is None:
            out.append(fig)
        else:
            done["plan"] = {"amount": fig["value"]["amount"], "unit": fig["value"]["unit"]}
    return out
