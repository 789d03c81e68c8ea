"""The headline figures of a sentence: amounts, changes, shares, ranks, counts."""

from __future__ import annotations

import re

from ..scripts import script_of
from .lexicon import LOWER, MONEY_UNIT, NUM, PACE, PLAN_WORD
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
            "value": {"amount": number(v), "unit": unit},
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
                    "value": number(signed.group(2)),
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
                    fig["share_of_plan"] = number(percent)
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
                        "value": (-1 if down and not narrower else 1) * number(step.group(3)),
                        "unit": step.group(4),
                        "basis": "环比" if "个" in step.group(4) else "環比",
                    }
                )
        if plan:
            if current is not None and "value" in current:
                current["plan"] = {"amount": number(plan.group(1)), "unit": plan.group(2)}
                current["share_of_plan"] = number(plan.group(3))
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
                    "value": {"amount": number(money.group(1)), "unit": money.group(2)},
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
            item = {
                "value": sign * number(change.group(3)),
                "unit": change.group(4),
                "basis": basis,
            }
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
            item = {"value": number(rate_of_growth.group(2)), "unit": "%", "basis": "同比"}
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
                        "value": sign * number(versus.group(3)),
                        "unit": versus.group(4),
                        "basis": PACE.get(versus.group(1), versus.group(1)),
                    }
                )
        for versus in VERSUS.finditer(clause):
            if current is not None:
                sign = -1 if versus.group(1) in LOWER else 1
                current["changes"].append(
                    {
                        "value": sign * number(versus.group(3)),
                        "unit": versus.group(4),
                        "basis": PACE.get(versus.group(2), versus.group(2)),
                    }
                )
        rate = None if OF_PLAN.search(clause) else RATE.search(clause)  # 完成率: of the plan
        if rate and not money:
            figures.append(
                {
                    "label": rate.group(1),
                    "value": {"amount": number(rate.group(2)), "unit": "%"},
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
            current["share_of_plan"] = number(
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
                current["share"] = {"percent": number(percent)}  # 「工業投資…,佔全部投資的37.6%」
                if of:
                    current["share"]["of"] = of
            elif label:
                fig = {
                    "label": label,
                    "share": {"percent": number(percent)},
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
                        "value": {"amount": number(m.group(1)), "unit": m.group(2)},
                        "quote": sentence,
                    }
                )
        for m in MEASURE_AFTER_COUNT.finditer(clause):
            label = _label_before(clause, m.start())
            if label:
                figures.append(
                    {
                        "label": f"{label}里程" if m.group(4) in ("公里", "千米") else label,
                        "value": {"amount": number(m.group(3)), "unit": m.group(4)},
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
                            "value": {"amount": number(m.group(2)), "unit": m.group(3)},
                            "quote": sentence,
                        }
                    )
    return [
        f for f in figures if f.get("value") or f.get("changes") or f.get("share") or f.get("rank")
    ]


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
