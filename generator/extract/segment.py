"""A document's parts (篇一…), sections (一、…) and the items of a problems or next-steps section."""

from __future__ import annotations

import re

from .lexicon import either_script, words


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


PROBLEMS_HEADING = either_script(r"問題|困難|不足")


NEXT_HEADING = either_script(r"今後|下一步|工作意見|打算|建議")


def section_items(lines: list[str]) -> list[str]:
    """Items of a problems or next-steps section: (一)… parts, or 一是…二是… in running text."""
    body = "".join(ln for ln in lines if ln not in words("特此報告。"))
    marked = re.split(either_script(r"(?=\([一二三四五六七八九十]+\))"), body)
    if len([m for m in marked if m.strip()]) >= 2:
        return [m.strip() for m in marked if m.strip()]
    pieces = re.split(either_script(r"(?:^|[;；。:：])\s*[一二三四五六七八九十]+是"), body)
    found = [p.strip(" ;。") for p in pieces[1:] if p.strip()]
    return found or ([body] if body else [])
