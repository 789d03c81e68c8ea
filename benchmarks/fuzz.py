"""`make fuzz`: the fuzzer of tests/fuzzing.py for a while, with fresh seeds.

    python benchmarks/fuzz.py --seconds 600 [--seed N]

Prints, per door, the inputs tried and their rate; the distinct failures (a traceback, a
hang, a write outside the project, a change of site/), each with a sample input saved under
.cache/fuzz/; and the slowest input. The exit code is 1 when anything failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import DOORS, LIMIT, campaign  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    work = ROOT / ".cache" / "fuzz"
    started = time.monotonic()
    stats = campaign(work, args.seed, per_door=None, seconds=args.seconds)
    took = time.monotonic() - started
    print(f"fuzz: seed {args.seed}, {took:.0f} s, time limit {LIMIT:.0f} s an input")
    for door in DOORS:
        n = stats.tried.get(door.name, 0)
        print(f"  {door.name:22} {n:7,} inputs ({n / (took / len(DOORS)):.1f}/s)")
    print(f"  {'all':22} {sum(stats.tried.values()):7,} inputs")
    failures = stats.distinct()
    kinds = {k: sum(f.kind == k for f in failures) for k in ("traceback", "hang")}
    kinds |= {k: sum(f.kind == k for f in failures) for k in ("wrote outside", "changed site")}
    print("distinct failures: " + ", ".join(f"{v} {k}" for k, v in kinds.items()))
    work.mkdir(parents=True, exist_ok=True)
    for n, f in enumerate(failures):
        sample = work / f"failure-{n}.bin"
        sample.write_bytes(f.sample if isinstance(f.sample, bytes) else repr(f.sample).encode())
        print(f"  {f.door}: {f.kind}: {f.where} (input: {sample.relative_to(ROOT)})")
    slow, door, data = stats.slowest
    unit = "bytes" if isinstance(data, bytes) else "arguments"
    print(f"slowest input: {slow:.2f} s, {door} ({len(data)} {unit})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
