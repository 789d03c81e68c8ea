"""First paint on a slow phone, through the portal's nginx (make bench-paint).

    python benchmarks/paint.py [--runs 5]

The frozen seed bulletin (tests/fixtures/seed) is built with precompressed copies, served by
Debian's nginx on 127.0.0.1 with the block `python -m generator nginx --brotli` prints, under
/tzgb/, and loaded in Debian's Chromium on a slow mobile profile: a 360-pixel screen, 150 ms
added to every response, 1.6 Mbit/s down and 750 kbit/s up (Chromium's network emulation), a
cold cache each run. For the home, a report and a project page, in each script tree: the first
contentful paint and the bytes transferred before it (the page and every file that finished
loading by then, headers included), the median of RUNS. Goal: <= 0.6 s and <= 50 KB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import copy_seed  # noqa: E402
from tests.servers import build_column, nginx  # noqa: E402

PAGES = {
    "home": "",
    "report": "reports/tiancheng/2005-q1/",
    "project": "projects/xunjiansi-power-expansion/",
}
PROFILE = {"latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
GOAL_SECONDS, GOAL_KB = 0.6, 50
MEASURE = """() => new Promise(done => {
  const look = () => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    if (!paint) return setTimeout(look, 50);
    const at = paint.startTime;
    const [page] = performance.getEntriesByType("navigation");
    let bytes = page.transferSize;
    for (const r of performance.getEntriesByType("resource"))
      if (r.responseEnd <= at) bytes += r.transferSize;
    done({fcp: at, bytes});
  };
  look();
})"""


def measure(browser, url: str) -> tuple[float, int]:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, device_scale_factor=2
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **PROFILE})
    page.goto(url, wait_until="load")
    result = page.evaluate(MEASURE)
    context.close()
    return result["fcp"] / 1000, result["bytes"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        root = copy_seed(work / "bulletin")
        block = build_column(root, ROOT)
        print(f"first paint, slow phone (150 ms, 1.6 Mbit/s, 360 px), median of {args.runs}")
        print(
            f"{'page':<16}{'paint':>9}{'bytes before':>15}"
            f"   goal <= {GOAL_SECONDS} s, <= {GOAL_KB} KB"
        )
        met = True
        with nginx(work, block) as column, sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"],
            )
            for tree in ("", "hans/"):
                for name, path in PAGES.items():
                    runs = [measure(browser, column + tree + path) for _ in range(args.runs)]
                    fcp = statistics.median(r[0] for r in runs)
                    kb = statistics.median(r[1] for r in runs) / 1000
                    ok = fcp <= GOAL_SECONDS and kb <= GOAL_KB
                    met &= ok
                    label = (tree or "/") + name
                    print(f"{label:<16}{fcp:>8.2f}s{kb:>12.1f} KB   {'meets' if ok else 'MISSES'}")
            browser.close()
        print("goal met" if met else "goal missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
