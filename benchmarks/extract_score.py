"""How much of the hand-made data `extract` reproduces from the seed reports' text.

    python benchmarks/extract_score.py      (or: make bench-extract)

For each seed report part: the share of headline figures reproduced exactly (every stated
number of the figure: value and unit, plan, share, each change), the share of project numbers
reproduced (invested amount with unit, share of total, capacity, physical progress) on the
right project, and the share of projects found by name. Printed as figures, not asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import Paths, load_bulletin  # noqa: E402
from generator.extract import extract  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "000_56acd2ca6796b9a8.txt"
CASES = [("篇一", "tiancheng/2005-q1"), ("篇二", "unnamed-district/2023-08"),
         ("篇三", "unnamed-district/2023-08")]


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


def score(part: str, key: str, text: str, bulletin) -> dict:
    hand = next(e.report for e in bulletin.reports if e.key == key)
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
    return {"part": part, "figures": (exact, len(hand.figures)),
            "project_numbers": (got, numbers), "projects": (found, len(hand.projects)),
            "drafted_projects": len(draft.projects), "drafted_figures": len(draft.figures)}


def main() -> None:
    bulletin, _ = load_bulletin(Paths(ROOT))
    text = SEED.read_text("utf-8")
    totals = {"figures": [0, 0], "project_numbers": [0, 0], "projects": [0, 0]}
    print(f"{'part':6} {'headline figures exact':>24} {'project numbers':>18} "
          f"{'projects found':>16} {'drafted (figures/projects)':>28}")
    for part, key in CASES:
        s = score(part, key, text, bulletin)
        for k in totals:
            totals[k][0] += s[k][0]
            totals[k][1] += s[k][1]
        cells = [f"{s[k][0]}/{s[k][1]} ({100 * s[k][0] / max(s[k][1], 1):.0f}%)"
                 for k in ("figures", "project_numbers", "projects")]
        print(f"{part:6} {cells[0]:>24} {cells[1]:>18} {cells[2]:>16} "
              f"{s['drafted_figures']:>14}/{s['drafted_projects']}")
    cells = [f"{v[0]}/{v[1]} ({100 * v[0] / max(v[1], 1):.0f}%)" for v in totals.values()]
    print(f"{'all':6} {cells[0]:>24} {cells[1]:>18} {cells[2]:>16}")


if __name__ == "__main__":
    main()
