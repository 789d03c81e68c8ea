"""How much of what an editor enters `extract` reproduces from a report's text.

    python benchmarks/extract_score.py [--seed FILE]      (or: make bench-extract [SEED=FILE])

Cases are the project's own report texts, `tests/fixtures/reports/<name>.txt`, each with the
hand-made files `<name>*.yaml` it should give (one per part of a document with several).
`--seed FILE` also scores a seed document against the reports in `data/` whose
`source.document` names it. For each case: the share of headline figures reproduced exactly
(every stated number of the figure: value and unit, plan, share, each change), the share of
project numbers reproduced (amount with unit, share, capacity, physical progress) on the
right project, and the share of projects found by name. Printed as figures, not asserted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import Paths, load_bulletin  # noqa: E402
from generator.checks import load_file  # noqa: E402
from generator.extract import extract  # noqa: E402
from generator.model import Report  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "reports"


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
    names = [hand.name, *hand.aliases]
    return any(n == name or (len(name) >= 3 and (name in n or n in name)) for n in names)


def score(name: str, part: str | None, text: str, hand: Report) -> dict:
    draft = extract(text, part=part)
    drafted = [figure_numbers(f) for f in draft.figures]
    exact = sum(1 for f in hand.figures if any(figure_numbers(f) <= d for d in drafted))
    found = 0
    numbers = got = 0
    for p in hand.projects:
        matches = [d for d in draft.projects if same_project(p, d["name"])]
        found += bool(matches)
        wanted = project_numbers(p)
        numbers += len(wanted)
        have = set().union(*(project_numbers(d) for d in matches)) if matches else set()
        got += len(wanted & have)
    return {
        "case": f"{name} {part or ''}".strip(),
        "figures": (exact, len(hand.figures)),
        "project_numbers": (got, numbers),
        "projects": (found, len(hand.projects)),
        "drafted_projects": len(draft.projects),
        "drafted_figures": len(draft.figures),
    }


def own_cases() -> list[tuple[str, str | None, str, Report]]:
    cases = []
    for text_path in sorted(CORPUS.glob("*.txt")):
        text = text_path.read_text("utf-8")
        for expected in sorted(CORPUS.glob(f"{text_path.stem}*.yaml")):
            _, hand, problems = load_file(expected, expected.name, Report)
            if hand is None:
                sys.exit("\n".join(p.text() for p in problems))
            part = hand.source.parts[0] if hand.source and hand.source.parts else None
            cases.append((text_path.name, part, text, hand))
    return cases


def seed_cases(seed: Path) -> list[tuple[str, str | None, str, Report]]:
    bulletin, problems = load_bulletin(Paths(ROOT))
    if bulletin is None:
        sys.exit("\n".join(p.text() for p in problems))
    text = seed.read_text("utf-8")
    cases = []
    for entry in bulletin.reports:
        source = entry.report.source
        if source and source.document == seed.name:
            for part in source.parts or [None]:
                cases.append((seed.name, part, text, entry.report))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=Path, help="a seed document whose reports are in data/")
    args = parser.parse_args()
    cases = own_cases() + (seed_cases(args.seed) if args.seed else [])
    totals = {"figures": [0, 0], "project_numbers": [0, 0], "projects": [0, 0]}
    print(
        f"{'case':28} {'headline figures exact':>24} {'project numbers':>18} "
        f"{'projects found':>16} {'drafted (figures/projects)':>28}"
    )
    for name, part, text, hand in cases:
        s = score(name, part, text, hand)
        for k in totals:
            totals[k][0] += s[k][0]
            totals[k][1] += s[k][1]
        cells = [
            f"{s[k][0]}/{s[k][1]} ({100 * s[k][0] / max(s[k][1], 1):.0f}%)"
            for k in ("figures", "project_numbers", "projects")
        ]
        print(
            f"{s['case']:28} {cells[0]:>24} {cells[1]:>18} {cells[2]:>16} "
            f"{s['drafted_figures']:>14}/{s['drafted_projects']}"
        )
    cells = [f"{v[0]}/{v[1]} ({100 * v[0] / max(v[1], 1):.0f}%)" for v in totals.values()]
    print(f"{'all':28} {cells[0]:>24} {cells[1]:>18} {cells[2]:>16}")


if __name__ == "__main__":
    main()
