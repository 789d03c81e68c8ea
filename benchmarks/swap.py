"""A reader polls the site's pages while the site is built again and again (make bench-swap).

    python benchmarks/swap.py [--builds 50]

A small bulletin (`init`'s, with one report) is built BUILDS times with `python -m generator
build`; beside it, another process reads its home page and a report page as fast as it can.
Prints the reads, the misses (a page not there: the moment a server would answer 404) and the
copies left beside the site. The build swaps the new site in with one exchange of paths
(generator/site.py), so the misses must be 0.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_build_safety import POLL  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--builds", type=int, default=50)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    tool = [sys.executable, "-m", "generator"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "hexi"
        subprocess.run(
            [*tool, "init", str(root), "--region", "hexi", "--name", "河西县", "--kind", "县"],
            check=True,
            capture_output=True,
            env=env,
        )
        draft = subprocess.run(
            [*tool, "extract", str(ROOT / "tests/fixtures/county/hexi-2026-m09.txt")]
            + ["--region", "hexi"],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            cwd=root,
        ).stdout
        (root / "data/reports/hexi/2026-m09.yaml").write_text(draft, "utf-8")
        subprocess.run(
            [*tool, "--root", str(root), "build"], check=True, capture_output=True, env=env
        )
        stop = Path(tmp) / "stop"
        reader = subprocess.Popen(
            [
                sys.executable,
                "-c",
                POLL.replace('"regions/index.html"', '"reports/hexi/2026-m09/index.html"'),
                str(root / "site"),
                str(stop),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        started = time.monotonic()
        for _ in range(args.builds):
            subprocess.run(
                [*tool, "--root", str(root), "build"], check=True, capture_output=True, env=env
            )
        took = time.monotonic() - started
        stop.write_text("")
        reads, misses = map(int, reader.communicate(timeout=60)[0].split())
        litter = sorted(p.name for p in root.iterdir() if p.name.startswith(".site"))
    print(
        f"swap: {args.builds} builds in {took:.0f} s; the reader read {reads:,} pages, "
        f"missed {misses}; left beside the site: {len(litter)}"
    )
    return 1 if misses or litter else 0


if __name__ == "__main__":
    sys.exit(main())
