"""A document's parts (篇一…), sections (一、…) and the items of a problems or next-steps section."""

from __future__ import annotations

import re

from .lexicon import either_script, rule


def split_parts(text: str) -> list[tuple[str | None, list[str]]]:
    """A document with 篇一, 篇二 … holds several reports; otherwise one."""
    parts: list[tuple[str | None, list[str]]] = []
    for line in text.split("\n"):
        m = re.match(either_script(r"^(篇[一二三四五六七八九十]+)\s*(.*)$"), line)
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
        m = re.match(either_script(r"^[一二三四五六七八九十]+、(.+)$"), line)
        if m and (opened := numbered_section(line, m.group(1))):
            out.append(opened)
        elif m:
            out[-1][1].append(line)  # 「一、5月當月,全區……」: a numbered paragraph
        elif run_on := run_on_heading(line):
            out.append(run_on)  # 「存在問題:部分項目……」, 「【問題提示】……」
        elif len(line) <= 20 and line[-1:] not in "。;" and re.search(LIST_HEADING, line):
            out.append((line, []))  # an unnumbered heading: 「存在的問題」, 「下一步打算」
        else:
            out[-1][1].append(line)
    return out


def numbered_section(line: str, heading: str) -> tuple[str, list[str]] | None:
    """The section a 一、… line opens, None if the line is a numbered paragraph."""
    # 「一、龍潭水庫工程。總投資……」: a heading that runs on into its paragraph (the heading
    # of a problems or next-steps section is no item of it)
    runs_on = re.match(r"^([^。:]{2,40}?)[。:](.{10,})$", heading)
    if runs_on:
        listed = re.search(LIST_HEADING, runs_on.group(1))
        return runs_on.group(1), [runs_on.group(2) if listed else line]
    if len(heading) > 40 and re.search(r"[,，;；]", heading):
        return None
    return heading, []


def run_on_heading(line: str) -> tuple[str, list[str]] | None:
    """A problems or next-steps section whose unnumbered heading runs on into its text."""
    m = RUN_ON_HEADING.match(line)
    heading = m and (m["bracketed"] or m["plain"])
    return (heading, [m["text"]]) if heading and re.search(LIST_HEADING, heading) else None


PROBLEMS_HEADING = either_script(r"問題|困難|不足")


NEXT_HEADING = either_script(r"今後|下一步|工作意見|打算|建議")


LIST_HEADING = PROBLEMS_HEADING + "|" + NEXT_HEADING


# an unnumbered heading that runs on into its text after a 「:」: 「【問題提示】石牛鄉……」,
# 「存在問題:部分……」; not an item (「(一)項目儲備不足。」)
RUN_ON_HEADING = rule(
    r"^(?:【(?P<bracketed>[^】]{2,10})】|(?P<plain>[^(（\d,，。:：;；][^,，。:：;；]{1,9})[:：])"
    r"(?P<text>.+)$"
)


# the closing words of a report, no item of its last section: 「特此報告。」, 「以上報告,請予審議。」
CLOSING = rule(r"^(?:特此(?:報告|通報|匯報)|以上報告[,，]?請予審議|妥否[,，]?請批示)。?$")


# what a problems section closes with that is no problem: a request to the ones the report is
# sent to (「請各責任單位對照通報……」), or what is to be done (「下一步,縣重點辦將……」)
WHAT_NEXT = rule(r"(?:^|(?<=[。\n]))(?:請(?!示)|下一步[,，:：])")


def split_next_steps(lines: list[str]) -> tuple[list[str], list[str]]:
    """A problems section's lines apart from what it closes with from the first sentence that
    asks for something or says what is to be done next: those are next steps, not problems."""
    text = "\n".join(lines)
    m = WHAT_NEXT.search(text)
    if not m:
        return lines, []
    before, after = text[: m.start()], text[m.start() :]
    return [ln for ln in before.split("\n") if ln], [ln for ln in after.split("\n") if ln]


def section_items(lines: list[str]) -> list[str]:
    """Items of a problems or next-steps section: (一)… parts, or 一是…二是… in running text."""
    body = "".join(ln for ln in lines if not CLOSING.match(ln))
    marked = re.split(either_script(r"(?=\([一二三四五六七八九十]+\))"), body)
    if len([m for m in marked if m.strip()]) >= 2:
        return [m.strip() for m in marked if m.strip()]
    pieces = re.split(either_script(r"(?:^|[;；。:：])\s*[一二三四五六七八九十]+是"), body)
    found = [p.strip(" ;。") for p in pieces[1:] if p.strip()]
    return found or ([body] if body else [])
