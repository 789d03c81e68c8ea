"""What a sentence says of the project named in it: amounts, shares, capacity, progress, stage."""

from __future__ import annotations

import re

from .lexicon import (
    CAPACITY_UNIT,
    MONEY_UNIT,
    NUM,
    PLAN_WORD,
    STAGE_WORDS,
    WHOLE_BASIS,
    amount_basis,
    either_script,
    rule,
    share_of,
)
from .names import PART_ONLY
from .normalize import number, written_numbers
from .patterns import CAPACITY, INVESTED, LENGTH_DONE, PERCENT_DONE, SHARE_TOTAL, SIZE_WORDS, TOTAL


def project_facts(name: str, sentence: str) -> dict:
    """What a sentence says of the project named in it, read from the clauses after the name."""
    start, end, text = _after_name(name, sentence)
    facts: dict = {"progress": text.strip(" ,，") or None}  # the report's own words
    text = written_numbers(text)  # the rules read 1,286.4 and 百分之十二點五 as numbers
    capacity = _capacity(sentence[:end] + text)
    if capacity:
        facts["capacity"] = capacity
    amounts = _clause_amounts(text, _amount_before(sentence[:start]))
    if amounts:
        facts["amounts"] = [a for i, a in enumerate(amounts) if a not in amounts[:i]]
    physical = _percent_done(text, name) + _length_done(text)
    if physical:
        facts["physical_progress"] = physical
    stage = _stage(text)
    if stage:
        facts["stage"] = stage
    return facts


def _after_name(name: str, sentence: str) -> tuple[int, int, str]:
    """Where the name starts and ends in the sentence, and the sentence's clauses after it up
    to the first 「;」 or 「。」."""
    start, length = sentence.find(name), len(name)
    if start < 0:  # a part named without its whole (二期工程) under the whole's name
        part = PART_ONLY.match(sentence)
        start, length = 0, part.end() if part else 0
    text = sentence[start + length :]
    stop = re.search(r"[;；。]", text)
    return start, start + length, text[: stop.start()] if stop else text


def _capacity(text: str) -> dict | None:
    """The project's size: 「裝機4×25萬千瓦」 as units of MW, 「日處理3萬立方米」 per day, or an
    amount in a unit of capacity."""
    m = CAPACITY.search(text)
    if m is None:
        return None
    if m.group(3):
        unit = CAPACITY_UNIT.get(m.group(5), m.group(5))  # 2×300MW, 4×25萬千瓦
        return {"units": int(m.group(3)), "amount": number(m.group(4)), "unit": unit}
    if m.group(10):  # 日處理3萬立方米: per day
        return {"amount": number(m.group(10)), "unit": m.group(11) + "/日"}
    amount, unit = next((m.group(i), m.group(i + 1)) for i in (1, 6, 8) if m.group(i))
    return {"amount": number(amount), "unit": CAPACITY_UNIT.get(unit, unit)}


def _amount_before(before: str) -> list[dict]:
    """An amount in the clause before the name that describes it: 「總投資約18億元的X工程」."""
    before = re.split(r"[,，;；。]", before)[-1]
    if before.endswith("的") and (m := TOTAL.search(before)):
        return [
            {"amount": number(m.group(2)), "unit": m.group(3), "basis": amount_basis(m.group(1))}
        ]
    return []


def _clause_amounts(text: str, amounts: list[dict]) -> list[dict]:
    """The amounts found so far, then each amount in the clauses after the name, with its basis
    and the share stated beside it (which may be an earlier amount's): 「X / 總投資2.9億元 /
    上半年完成1.1億元」. A part's clause is not the whole's."""
    for clause in re.split(r"[,，/|]", text):
        if PART_ONLY.match(clause.strip()):
            continue  # 「一期計劃總投資22億元」: a part's figures, not the whole's
        amounts += _amounts_in(clause)
        _add_shares(clause, amounts)
    return amounts


def _amounts_in(clause: str) -> list[dict]:
    """A clause's total and invested amounts, in the order it states them."""
    found = [(m.start(), m) for m in TOTAL.finditer(clause)]
    found += [(m.start(), m) for m in INVESTED.finditer(clause)]
    amounts = []
    for _at, m in sorted(found, key=lambda x: x[0]):
        amount = {"amount": number(m.group(2)), "unit": m.group(3)}
        if m.group(1):
            amount["basis"] = amount_basis(m.group(1))
        amounts.append(amount)
    return amounts


def _add_shares(clause: str, amounts: list[dict]) -> None:
    """A clause's shares (「占年度計劃的62%」): each joins the last amount without one that is
    not itself a whole; a whole written inside the share is an amount of its own."""
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
            target["share"] = {"percent": number(s.group(4) or s.group(6)), "of": whole}
        if s.group(2):  # the whole, written inside the share: an amount of its own
            amounts.append(
                {"amount": number(s.group(2)), "unit": s.group(3), "basis": WHOLE_BASIS[whole]}
            )


def _percent_done(text: str, name: str) -> list[dict]:
    """Physical progress as a percent (「形象進度75%」), not a share of the investment."""
    physical = []
    for m in PERCENT_DONE.finditer(text):
        if "投資" not in m.group(1) and "投资" not in m.group(1):
            label = re.sub(either_script(r"^其中"), "", m.group(1).strip(",，已"))
            label = label or ("工程量" if "工程" in m.group(0) else name)
            if label:
                physical.append({"label": label, "percent": number(m.group(2))})
    return physical


def _length_done(text: str) -> list[dict]:
    """Physical progress as a length or a count done (「完成路基12公里」)."""
    physical = []
    for m in LENGTH_DONE.finditer(text):
        label = re.sub(either_script(r"^(?:累計|計|已|共)+"), "", m.group(1))
        if label and not SIZE_WORDS.search(label):  # 全長3.6公里 is the size, not the progress
            physical.append({"label": label, "amount": number(m.group(2)), "unit": m.group(3)})
    return physical


def _stage(text: str) -> str | None:
    """The project's stage, from the first stage whose words the text uses."""
    return next((stage for stage, words in STAGE_WORDS if any(w in text for w in words)), None)


RESPECTIVE_AMOUNTS = rule(
    rf"分[別别](?:完成了?|實現)(?:投資)?((?:{NUM}(?:{MONEY_UNIT})?[、和及與与]?)+)"
)


RESPECTIVE_SHARES = rule(
    rf"分[別别](?:[占佔]|完成|為)({PLAN_WORD}|總投資)的?((?:{NUM}%?[、和及與与]?)+)"
    # 「佔年度計劃的比例分別為92%和80%」
    rf"|[占佔]({PLAN_WORD}|總投資)的?比[例重]分[別别](?:為|是|達)?((?:{NUM}%?[、和及與与]?)+)"
)


def respective_facts(names: list[str], sentence: str) -> list[dict] | None:
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
            {"amounts": [{"amount": number(value), "unit": written or unit, "basis": "本年完成"}]}
        )
    shares = RESPECTIVE_SHARES.search(written_numbers(sentence))
    if shares:
        whole = shares.group(1) or shares.group(3)
        percents = re.findall(NUM, shares.group(2) or shares.group(4))
        if len(percents) == len(names):
            for fact, percent in zip(facts, percents, strict=True):
                fact["amounts"][0]["share"] = {"percent": number(percent), "of": share_of(whole)}
    return facts
