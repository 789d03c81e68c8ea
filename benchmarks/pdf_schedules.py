"""How much of a schedule printed to PDF `extract` reads, beside the same schedule as .xlsx.

    python benchmarks/pdf_schedules.py        (or: make bench-pdf)

The layouts are in `tests/fixtures/pdf_schedules/` (made by its make.py: ruled and unruled
tables, wrapped header cells, unit lines, group rows, long names, two pages), each as
`<name>.pdf` and `<name>.xlsx`, with `expected.yaml`: every project and its numbers. For
each file: the share of projects found by name, and the share of their numbers (amount with
unit and basis, each share with what it is a share of) drafted on the right project. Printed
as figures; tests/test_pdf_schedules.py holds the floor.
"""

from __future__ import annotations

import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.extract import extract_document  # noqa: E402
from generator.readers import read_document  # noqa: E402

LAYOUTS = ROOT / "tests" / "fixtures" / "pdf_schedules"


def expected_cases(folder: Path = LAYOUTS) -> dict[str, dict]:
    return yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))


def _key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


UNITS = str.maketrans("万亿", "萬億")  # a unit is the same in either script


def wanted_numbers(project: dict) -> set[tuple]:
    out = set()
    for first, second, third in project["numbers"]:
        if first == "share":
            out.add(("share", second, Decimal(third).normalize()))
        else:
            out.add((first, Decimal(second).normalize(), third.translate(UNITS)))
    return out


def drafted_numbers(project: dict) -> set[tuple]:
    out = set()
    for a in project.get("amounts") or []:
        out.add((a["basis"], Decimal(a["amount"]).normalize(), a["unit"].translate(UNITS)))
        if a.get("share"):
            out.add(("share", a["share"]["of"], Decimal(a["share"]["percent"]).normalize()))
    return out


def drafted_projects(path: Path) -> list[dict]:
    return extract_document(read_document(path)).projects


def score(path: Path, case: dict) -> dict:
    """(found, of) projects and (got, of) numbers of one file against its expected case."""
    drafted = {}
    for p in drafted_projects(path):
        drafted.setdefault(_key(p["name"]), set()).update(drafted_numbers(p))
    found = got = numbers = 0
    missing = []
    for p in case["projects"]:
        wanted = wanted_numbers(p)
        have = drafted.get(_key(p["name"]))
        found += have is not None
        numbers += len(wanted)
        got += len(wanted & (have or set()))
        if have is None:
            missing.append(p["name"])
    return {
        "projects": (found, len(case["projects"])),
        "numbers": (got, numbers),
        "missing": missing,
    }


def _pct(pair: tuple[int, int]) -> str:
    got, of = pair
    return f"{got}/{of} ({got / of:.0%})" if of else "-"


def main() -> None:
    cases = expected_cases()
    totals = {kind: {"projects": [0, 0], "numbers": [0, 0]} for kind in ("pdf", "xlsx")}
    heads = (".pdf projects", ".pdf numbers", ".xlsx projects", ".xlsx numbers")
    print(f"{'layout':24}" + "".join(f" {h:>16}" for h in heads))
    for name, case in cases.items():
        line = f"{name:24}"
        for kind in ("pdf", "xlsx"):
            result = score(LAYOUTS / f"{name}.{kind}", case)
            for key in ("projects", "numbers"):
                totals[kind][key][0] += result[key][0]
                totals[kind][key][1] += result[key][1]
                line += f" {_pct(result[key]):>16}"
        print(line)
    line = f"{'all':24}"
    for kind in ("pdf", "xlsx"):
        for key in ("projects", "numbers"):
            line += f" {_pct(tuple(totals[kind][key])):>16}"
    print(line)


if __name__ == "__main__":
    main()
