"""Which project a sentence is about: the name it gives, the heading above it, or the project
the sentence before told of; the facts join that project."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import tr
from .draft import Draft
from .facts import project_facts, respective_facts
from .figures import extract_figures
from .lexicon import either_script, rule
from .names import (
    ENUMERATOR,
    HEADING_LINE,
    INLINE_ITEM,
    LEAD_IN,
    NAME_ONLY,
    NAMED_AS,
    PART_ONLY,
    PART_SUFFIX,
    SHORT_NAME,
    TIME_CLAUSE,
    abbreviates,
    find_names,
    same_project,
    slug,
    title_name,
)
from .render import scalar

CONTINUES = rule(
    r"^(?:累計|開累|開工以來|本年|今年|年初|其中|總投資|完成投資|"
    r"[占佔]|項目已|項目總|項目累"
    # 「該工程全長46.3公里,總投資21.4億元」: the project named before
    r"|(?:該|此)(?:項目|工程|電站|水庫|公路|醫院|學校|園區|基地)"
    # 「…;路基成型21.5公里,完成橋梁4座」: its works, told after its amounts
    r"|(?:目前|現已|已完成)?(?:路基|路面|主體|橋梁|隧道|設備|土建|廠房|"
    r"大壩|管網|主塔|樁基)(?!.*(?:全[市縣县區区州省]|各[縣县區区市])))"
)


# what a clause says of the whole county, not of the project named before it
WHOLE_SCOPE = rule(
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
        and not re.match(either_script(r"^[\u4e00-\u9fff]{2,8}(?:[類类])?(?:項目)"), sentence)
    )


def _sentences(line: str):
    """A paragraph's sentences: split at 。;；, after 「如下:」 and before items numbered inside
    it, each without its own enumerator, and whether it had one."""
    for whole in re.split(either_script(r"(?<=[。;；])|(?<=如下[:：])"), line):
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
    written = f"{amount.get('basis') or ''} {scalar(amount['amount'])}{amount['unit']}"
    note = tr(
        "{written} in 「{sentence}」 (the project has another)",
        written=written.strip(),
        sentence=sentence[:40],
    )
    if note not in project.setdefault("unsure", []):
        project["unsure"].append(note)
    return True


def _known(draft: Draft, name: str) -> dict | None:
    """The draft's project of that name; or one named in a list (nothing said of it yet) whose
    name begins the new one: 「楓渡大橋、…等項目」 then 「楓渡大橋及接線工程:…」 is one project, under
    the longer name, the listed one kept as an alias."""
    key = re.sub(either_script(r"(?:項目)$"), "", name)
    same = next(
        (
            p
            for p in draft.projects
            if key
            in {
                re.sub(either_script(r"(?:項目)$"), "", n)
                for n in (p["name"], *p.get("aliases", []))
            }
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
            and abbreviates(p["name"], name)
            and not any(k in p for k in ("amounts", "physical_progress", "progress"))
            and not PART_SUFFIX.search(name)
        ),
        None,
    )
    if listed is not None:
        listed.setdefault("aliases", []).append(listed["name"])
        listed["name"] = name
    return listed


def _before_named(sentence: str, names: list[str]) -> str:
    """The headline part of a sentence that goes on to name the one project of a count:
    「其中省重點項目1個,為X工程,總投資…」: what follows 「為X工程」 is the project's."""
    if len(names) != 1:
        return sentence
    at = sentence.find(names[0])
    clause = max(sentence.rfind(c, 0, at) for c in ",，") + 1 if at > 0 else 0
    if at > 0 and NAMED_AS.match(re.split(r"[,，;；。]", sentence[clause:])[0]):
        return sentence[:clause].rstrip(",，")
    return sentence


def _about_one_project(sentence: str, names: list[str]) -> bool:
    """The sentence tells of one project: it starts with the name (after a time clause), or it
    states the project's own shares and cumulative amounts."""
    if len(names) != 1:
        return not names and False
    lead = re.sub(
        either_script(r"^[^,，]*?(?:月(?:份|底)?|季度|上半年|今年以來)[,，]"), "", sentence
    )
    first, comma, rest = lead.partition(",")
    if comma and TIME_CLAUSE.match(first):  # 「市本級項目中,X工程完成投資…」: a lead-in
        lead = rest
    return (
        lead.startswith(names[0])
        or bool(PART_ONLY.match(lead))
        or bool(re.search(either_script(r"[占佔]總投資|[占佔]总投资|累計完成投資"), sentence))
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


def _under_heading(
    headed: dict | None, names: list[str], sentence: str, facts_wanted: bool
) -> bool:
    """Under the heading 「數字經濟產業園」, 「鷺汀數字經濟產業園由…建設」 tells of the same project:
    its facts go there, the other form of the name kept as an alias. True if so."""
    if headed is None or len(names) != 1 or not same_project(headed["name"], names[0]):
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


@dataclass
class Cursor:
    """Which project the sentences of a paragraph are about, as they are read."""

    # the project a sentence that is only its name put at the paragraph's head, or the line
    # before named alone
    headed: dict | None = None
    last_named: dict | None = None  # the project the previous sentence told of, if only one
    last_project: dict | None = None  # the last project a sentence of this paragraph told of alone
    previous: str = ""  # the sentence before

    def target(self) -> dict | None:
        """The project a sentence naming none goes on about: the one told of just before,
        else the paragraph's head."""
        return self.last_named or self.headed

    def told_of(self, project: dict | None, sentence: str, first: bool) -> None:
        """A sentence told of `project` (None: of none, or of several); a first sentence that
        is only the name heads the paragraph."""
        self.last_named = project
        self.last_project = project or self.last_project
        if project is not None and first and NAME_ONLY.match(sentence):
            self.headed = project


@dataclass
class _Reader:
    """Reads paragraphs into the draft: figures if `figures`, projects' facts if `facts_wanted`
    (the names are always read)."""

    draft: Draft
    figures: bool
    facts_wanted: bool

    def paragraph(self, line: str, heading: dict | None) -> dict | None:
        """One line's sentences, under the project the line before was the heading of; the
        project this line is the heading of, if it is one."""
        cursor = Cursor(headed=heading)
        pieces = list(_sentences(line))
        for k in range(len(pieces)):
            self.sentence(cursor, pieces, k)
        if len(pieces) == 1 and _names_the_line(line, cursor.last_named):
            return cursor.last_named
        return None

    def sentence(self, cursor: Cursor, pieces: list[tuple[str, bool]], k: int) -> None:
        """The k-th sentence of a paragraph: a part of the project at its head, the headed
        project by another name, more of the project told of before, or the projects it
        names (and its figures)."""
        sentence = pieces[k][0]
        before, cursor.previous = cursor.previous, sentence
        names = _names_in(sentence, self.draft, cursor.last_project) or self.item_title(pieces, k)
        if self.component_of_head(cursor, names, sentence):
            return
        if _under_heading(cursor.headed, names, sentence, self.facts_wanted):
            cursor.last_named = cursor.last_project = cursor.headed
            return
        if not names and self.goes_on(cursor, sentence, before):
            return
        if self.figures:
            carry = self.draft.figures[-1] if self.draft.figures and k else None
            headline = _before_named(sentence, names)
            self.draft.figures += extract_figures(
                headline, _about_one_project(headline, names), carry
            )
        project = _add_named(self.draft, names, sentence, self.facts_wanted)
        cursor.told_of(project, sentence, k == 0)

    def item_title(self, pieces: list[tuple[str, bool]], k: int) -> list[str]:
        """A numbered item's title, its paragraph after it: 「4. 白渡現代物流港。總投資……」."""
        sentence, numbered = pieces[k]
        if (
            numbered
            and self.facts_wanted
            and k + 1 < len(pieces)
            and not pieces[k + 1][1]
            and (title := title_name(sentence))
        ):
            return [title]
        return []

    def component_of_head(self, cursor: Cursor, names: list[str], sentence: str) -> bool:
        """A new name under the paragraph's head that is a part of that project (_component).
        True if so."""
        return bool(
            cursor.headed is not None
            and self.facts_wanted
            and len(names) == 1
            and _known(self.draft, names[0]) is None
            and _component(cursor.headed, names[0], sentence)
        )

    def goes_on(self, cursor: Cursor, sentence: str, before: str) -> bool:
        """A sentence naming no project that goes on about the one told of before (_goes_on):
        its short name and facts join that project. True if so."""
        target = cursor.target()
        if target is None or not _goes_on(sentence, before, cursor.headed):
            return False
        if (short := SHORT_NAME.search(sentence)) and short.group(1) != target["name"]:
            target.setdefault("aliases", []).append(short.group(1))  # 該項目(以下簡稱…)
        if self.facts_wanted:  # 「……;累計完成投資26400萬元,占總投資60000萬元的44%。」
            follows = bool(before) and target.get("quote", "").endswith(before)
            _add_facts(target, project_facts("", sentence), sentence, follows=follows)
        return True


def _names_the_line(line: str, project: dict | None) -> bool:
    """A line that is only a project's name: the paragraph after it tells of that project."""
    return (
        project is not None
        and bool(HEADING_LINE.match(line.strip()))
        and len(line.strip()) - len(project["name"]) <= 4  # the line is the name
    )


def read_facts(
    draft: Draft, lines: list[str], *, figures: bool = True, facts_wanted: bool = True
) -> None:
    """The lines' figures (if `figures`) and projects (with their facts if `facts_wanted`)
    into the draft, each sentence's facts joining the project it is about."""
    reader = _Reader(draft, figures, facts_wanted)
    heading = None  # a line that is only a project's name: the paragraph after it tells of it
    for line in lines:
        heading = reader.paragraph(line, heading)


def _add_named(draft: Draft, names: list[str], sentence: str, facts_wanted: bool) -> dict | None:
    """The projects a sentence names, with what it says of each; the project if only one."""
    if len(names) == 1 and (short := SHORT_NAME.search(sentence)):  # 「X(以下簡稱「Y」)」
        project, _ = _project_named(draft, names[0], sentence)
        if short.group(1) not in project.setdefault("aliases", []):
            project["aliases"].append(short.group(1))
    respective = respective_facts(names, sentence) if facts_wanted else None
    if respective is not None:  # several projects, their figures in order
        for name, facts in zip(names, respective, strict=True):
            project, _ = _project_named(draft, name, sentence)
            _add_facts(project, facts, sentence)
        return None
    for name in names:
        own = len(names) == 1 or re.search(either_script(rf"{re.escape(name)}[^、等]"), sentence)
        facts = project_facts(name, sentence) if facts_wanted and own else {}
        project, new = _project_named(draft, name, sentence)
        if new or len(names) == 1:  # named again alone: what this sentence adds
            _add_facts(project, facts, sentence)
    return project if len(names) == 1 else None
