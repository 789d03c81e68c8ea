"""How many of a report's header fields and lists `extract` gets right, field by field.

    python benchmarks/header_score.py [--corpus DIR ...] [--verbose]

`extract_score.py` scores figures and projects; this scores what an editor otherwise fixes
by hand at the top and the end of a draft: the title, issuer, addressee, date and period, and
the problems and next-steps lists. A field is right when the draft gives what the hand-made
file gives, or gives nothing where the hand-made file has nothing (a list: the same items,
their closing punctuation aside). Printed as figures, not asserted.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.extract_score import CORPORA, own_cases  # noqa: E402
from generator.extract import extract_document  # noqa: E402

FIELDS = ("title", "issuer", "addressee", "published", "period", "problems", "next_steps")
END_MARKS = " 。；;，,"


def same_form(value):
    """Full-width and half-width punctuation alike (the draft writes what clean() gives)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value).strip(END_MARKS)
    if isinstance(value, list):
        return [same_form(v) for v in value] or None
    return value


def drafted(draft, field: str):
    """The draft's value for one field, in the form it is compared in."""
    if field in ("problems", "next_steps"):
        return same_form(getattr(draft, field))
    value = draft.fields.get(field)
    if field == "period" and value:
        return value["start"], value["end"]
    return same_form(value)


def handmade(hand, field: str):
    """The hand-made file's value for one field, in the same form."""
    if field in ("problems", "next_steps"):
        return same_form(getattr(hand, field) or [])
    value = getattr(hand, field, None)
    if field == "period" and value:
        return value.start, value.end
    return same_form(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, action="append", default=[])
    parser.add_argument("--verbose", action="store_true", help="print each wrong field")
    args = parser.parse_args()
    right = dict.fromkeys(FIELDS, 0)
    unstated = 0  # wrong only because the hand-made file leaves the field out
    cases = own_cases(args.corpus or CORPORA)
    print(f"{'case':30} " + " ".join(f"{f[:9]:>9}" for f in FIELDS))
    for name, part, doc, hand in cases:
        draft = extract_document(doc, part=part)
        marks = []
        for field in FIELDS:
            got, want = drafted(draft, field), handmade(hand, field)
            right[field] += got == want
            unstated += got != want and want is None
            marks.append("ok" if got == want else "WRONG")
            if got != want and args.verbose:
                print(f"  {name} {field}: drafted {got!r}, hand-made {want!r}")
        case = f"{name} {part or ''}".strip()
        print(f"{case:30} " + " ".join(f"{m:>9}" for m in marks))
    total = sum(right.values())
    print(f"{'all':30} " + " ".join(f"{right[f]:>9}" for f in FIELDS))
    print(f"right: {total}/{len(cases) * len(FIELDS)} fields of {len(cases)} cases")
    print(f"of the wrong ones, drafted where the hand-made file leaves the field out: {unstated}")


if __name__ == "__main__":
    main()
