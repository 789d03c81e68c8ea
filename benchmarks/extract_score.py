"""How much of what an editor enters `extract` reproduces from a report's text.

    python benchmarks/extract_score.py [--seed FILE]      (or: make bench-extract [SEED=FILE])

Cases are the project's own reports, written for the corpus in our own words and numbers:
texts in `tests/fixtures/reports/` and schedules (.xlsx, GB18030 .csv, .docx, .pdf) in
`tests/fixtures/schedules/`, each `<name>.<ext>` with the hand-made files `<name>*.yaml` it
should give (one per part of a document with several).
`--seed FILE` also scores a seed document against the reports in `data/` whose
`source.document` names it. For each case: the share of headline figures reproduced exactly
(every stated number of the figure: value and unit, plan, share, each change), the share of
project numbers reproduced (amount with unit, share, capacity, physical progress) on the
right project, the share of projects found by name, and the number of invented values: numbers
in the draft that the source does not write, and quotes that are not a piece of it (must be
0). Printed as figures, not asserted.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import Paths, load_bulletin  # noqa: E402
from generator.checks import load_file  # noqa: E402
from generator.extract import Draft, clean, extract_document, written_numbers  # noqa: E402
from generator.model import Report  # noqa: E402
from generator.readers import READERS, Document, read_document  # noqa: E402

CORPORA = [ROOT / "tests" / "fixtures" / "reports", ROOT / "tests" / "fixtures" / "schedules"]
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def figure_numbers(fig: dict | object) -> set:
    get = (lambda k: fig.get(k)) if isinstance(fig, dict) else (lambda k: getattr(fig, k))
    out = set()
    value = get("value")
    if value:
        v = value if isinstance(value, dict) else value.model_dump()
        out.add(("value", v["amount"], v["unit"]))
    plan = get("plan")
    if plan:
        p = plan if isinstance(plan, dict) else plan.model_dump()
        out.add(("plan", p["amount"], p["unit"]))
    if get("share_of_plan") is not None:
        out.add(("share_of_plan", get("share_of_plan")))
    share = get("share")
    if share:
        s = share if isinstance(share, dict) else share.model_dump()
        out.add(("share", s["percent"]))
    for c in get("changes") or []:
        c = c if isinstance(c, dict) else c.model_dump()
        out.add(("change", c["value"], c["unit"]))
    return out


def project_numbers(p: dict | object) -> set:
    data = p if isinstance(p, dict) else p.model_dump()
    out = set()
    for a in data.get("amounts") or []:
        out.add(("amount", a["amount"], a["unit"]))
        if a.get("share"):
            out.add(("share", a["share"]["percent"]))
    if data.get("capacity"):
        out.add(("capacity", data["capacity"]["amount"], data["capacity"]["unit"]))
    for ph in data.get("physical_progress") or []:
        out.add(("physical", ph.get("percent"), ph.get("amount")))
    return out


def same_project(hand, name: str) -> bool:
    """The drafted name is the hand-made one or one of its aliases, or one holds the other
    (full-width and half-width brackets are the same: the draft writes what clean() gives)."""
    name = unicodedata.normalize("NFKC", name)
    names = [unicodedata.normalize("NFKC", n) for n in (hand.name, *hand.aliases)]
    return any(n == name or (len(name) >= 3 and (name in n or n in name)) for n in names)


def source_numbers(doc: Document) -> set[Decimal]:
    """Every number the source writes, in its prose (in digits or in words: 百分之十二點五)
    and its table cells."""
    texts = [written_numbers(p) for p in doc.paragraphs]
    texts += [c for t in doc.tables for row in t.rows for c in row]
    return {
        Decimal(n).normalize()
        for text in texts
        for n in NUMBER.findall(
            text.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
        )
    }


def draft_numbers(draft: Draft) -> list[Decimal]:
    """Every number the draft puts into the data."""
    out = []

    def walk(value) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in ("quote", "id", "place", "places", "progress", "label", "name"):
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, Decimal | int) and not isinstance(value, bool):
            out.append(abs(Decimal(value)).normalize())

    walk(draft.figures)
    walk(draft.projects)
    return out


def draft_quotes(draft: Draft) -> list[str]:
    return [item["quote"] for item in draft.figures + draft.projects if item.get("quote")]


def score(name: str, part: str | None, doc: Document, hand: Report) -> dict:
    draft = extract_document(doc, part=part)
    drafted = [figure_numbers(f) for f in draft.figures]
    exact = sum(1 for f in hand.figures if any(figure_numbers(f) <= d for d in drafted))
    # each number of each figure, found on the drafted figure that holds most of that figure
    wanted_numbers = [figure_numbers(f) for f in hand.figures]
    headline = sum(max((len(w & d) for d in drafted), default=0) for w in wanted_numbers)
    found = 0
    numbers = got = 0
    for p in hand.projects:
        matches = [d for d in draft.projects if same_project(p, d["name"])]
        found += bool(matches)
        wanted = project_numbers(p)
        numbers += len(wanted)
        have = set().union(*(project_numbers(d) for d in matches)) if matches else set()
        got += len(wanted & have)
    written = source_numbers(doc)
    invented = [n for n in draft_numbers(draft) if n not in written]
    text = clean("\n".join(doc.lines()))
    invented += [f"quote {q[:20]}…" for q in draft_quotes(draft) if q not in text]
    return {
        "case": f"{name} {part or ''}".strip(),
        "headline_numbers": (headline, sum(len(w) for w in wanted_numbers)),
        "figures": (exact, len(hand.figures)),
        "project_numbers": (got, numbers),
        "projects": (found, len(hand.projects)),
        "drafted_projects": len(draft.projects),
        "drafted_figures": len(draft.figures),
        "invented": invented,
    }


def own_cases(corpora: list[Path] = CORPORA) -> list[tuple[str, str | None, Document, Report]]:
    cases = []
    for corpus in corpora:
        for path in sorted(p for p in corpus.iterdir() if p.suffix.lower() in READERS):
            doc = read_document(path)
            for expected in sorted(corpus.glob(f"{path.stem}*.yaml")):
                _, hand, problems = load_file(expected, expected.name, Report)
                if hand is None:
                    sys.exit("\n".join(p.text() for p in problems))
                part = hand.source.parts[0] if hand.source and hand.source.parts else None
                cases.append((path.name, part, doc, hand))
    return cases


def seed_cases(seed: Path) -> list[tuple[str, str | None, Document, Report]]:
    bulletin, problems = load_bulletin(Paths(ROOT))
    if bulletin is None:
        sys.exit("\n".join(p.text() for p in problems))
    doc = read_document(seed)
    cases = []
    for entry in bulletin.reports:
        source = entry.report.source
        if source and source.document == seed.name:
            for part in source.parts or [None]:
                cases.append((seed.name, part, doc, entry.report))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=Path, help="a seed document whose reports are in data/")
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        default=[],
        help="a folder of reports with their hand-made drafts (held out: "
        "never used to write the rules); only these are scored",
    )
    args = parser.parse_args()
    cases = own_cases(args.corpus or CORPORA) + (seed_cases(args.seed) if args.seed else [])
    keys = ("headline_numbers", "figures", "project_numbers", "projects")
    totals = {k: [0, 0] for k in keys}
    invented = []
    print(
        f"{'case':30} {'headline numbers':>18} {'whole figures':>16} {'project numbers':>18} "
        f"{'projects found':>16} {'drafted fig/proj':>17} {'invented':>8}"
    )
    for name, part, doc, hand in cases:
        s = score(name, part, doc, hand)
        invented += [(s["case"], n) for n in s["invented"]]
        for k in keys:
            totals[k][0] += s[k][0]
            totals[k][1] += s[k][1]
        cells = [_share(*s[k]) for k in keys]
        drafted = f"{s['drafted_figures']}/{s['drafted_projects']}"
        print(
            f"{s['case']:30} {cells[0]:>18} {cells[1]:>16} {cells[2]:>18} {cells[3]:>16} "
            f"{drafted:>17} {len(s['invented']):>8}"
        )
    cells = [_share(*totals[k]) for k in keys]
    print(
        f"{'all':30} {cells[0]:>18} {cells[1]:>16} {cells[2]:>18} {cells[3]:>16} {'':>17} "
        f"{len(invented):>8}"
    )
    for case, number in invented:
        print(f"invented: {case}: {number} is not in the source")


def _share(got: int, of: int) -> str:
    return f"{got}/{of} ({100 * got / of:.0f}%)" if of else "-"


if __name__ == "__main__":
    main()
