"""`make bench`: the bulletin at the seed size, ~1,000 and ~10,000 pages, measured.

    python benchmarks/bench.py [--sizes seed,1k,10k] [--runs 3] [--runs-10k 1] [--out DIR]

For each size: the generator stage (load+check, render, write; files written; a rebuild with no
change; a change to one report), the MkDocs stage (wall time, peak memory, pages/s), the site
(size, largest HTML page, search index raw and gzipped, per page), the same MkDocs figures for
a plain MkDocs + Material build of the same Markdown, and the search options side by side
(full text, titles only, Pagefind when `npx` can fetch it). Whole processes are timed with
/usr/bin/time -v; the median of the runs is printed. Nothing here asserts: it prints figures.
`--only preview` (save -> page, idle CPU) or `--only scripts` (what the second script costs)
measures one stage alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from corpus import generate as make_corpus  # noqa: E402

SIZES = {"seed": None, "1k": (10, 4, 90), "10k": (50, 8, 190)}
COPY = ("templates", "hooks", "search", "site_overrides", "mkdocs.yml")
PLAIN_CONFIG = """site_name: plain
docs_dir: content
theme:
  name: material
  language: zh-Hant
  features: [navigation.prune]
nav:
  - index.md
  - regions/index.md
  - reports/index.md
  - projects/index.md
  - data/index.md
  - about.md
plugins:
  - search
markdown_extensions: [tables, toc, admonition, attr_list, def_list, md_in_html]
"""


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Run a whole process under /usr/bin/time -v: wall seconds, peak RSS MB, its output."""
    full = ["/usr/bin/time", "-v", *cmd] if Path("/usr/bin/time").exists() else cmd
    start = time.perf_counter()
    proc = subprocess.run(full, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return {
        "wall": wall,
        "peak_mb": int(peak.group(1)) / 1024 if peak else float("nan"),
        "out": proc.stdout + proc.stderr,
    }


def prepare(size: str, work: Path) -> Path:
    root = work / size
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for name in COPY:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    (root / "content").mkdir()
    shutil.copytree(ROOT / "content/assets", root / "content/assets")
    if SIZES[size] is None:
        shutil.copytree(ROOT / "data", root / "data")
    else:
        regions, reports, projects = SIZES[size]
        make_corpus(root, regions, reports, projects, seed=1)
    cache = ROOT / ".cache"
    if cache.exists():
        shutil.copytree(cache, root / ".cache")
    return root


def env_for(root: Path, **extra) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1", **extra)
    return env


def generator_stage(root: Path, runs: int, env: dict) -> dict:
    walls, stages = [], []
    for _ in range(runs):
        shutil.rmtree(root / "content", ignore_errors=True)
        (root / "content").mkdir()
            shutil.copytree(ROOT / "content/assets", root / "content/assets")
        r = timed([PY, "-m", "generator", "--root", str(root), "generate", "--timings"], root, env)
        walls.append(r["wall"])
        stages.append(dict(re.findall(r"(\w+)=([\d.]+)", r["out"].split("timings:")[1])))
        files = int(re.search(r"of (\d+) file", r["out"]).group(1))
    again = timed([PY, "-m", "generator", "--root", str(root), "generate"], root, env)
    unchanged = int(re.search(r"(\d+) of \d+ file", again["out"]).group(1))
    report = sorted((root / "data/reports").rglob("*.yaml"))[0]
    text = report.read_text("utf-8")
    report.write_text(text.replace("progress: ", "progress: 本期", 1), "utf-8")
    changed = timed([PY, "-m", "generator", "--root", str(root), "generate"], root, env)
    report.write_text(text, "utf-8")
    timed([PY, "-m", "generator", "--root", str(root), "generate"], root, env)
    one = int(re.search(r"(\d+) of \d+ file", changed["out"]).group(1))
    med = {k: statistics.median(float(s[k]) for s in stages) for k in stages[0]}
    return {
        "wall": statistics.median(walls),
        **med,
        "files": files,
        "rewritten_no_change": unchanged,
        "rewritten_one_report": one,
    }


def mkdocs_stage(root: Path, runs: int, env: dict, config: str, out: str) -> dict:
    results = []
    for _ in range(runs):
        shutil.rmtree(root / out, ignore_errors=True)
        results.append(
            timed([PY, "-m", "mkdocs", "build", "-q", "-f", config, "-d", out], root, env)
        )
    site = root / out
    html = [p for p in site.rglob("*.html")]
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.exists() else b""
    largest = max(html, key=lambda p: p.stat().st_size)
    return {
        "wall": statistics.median(r["wall"] for r in results),
        "peak_mb": statistics.median(r["peak_mb"] for r in results),
        "pages": len(html),
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
        "largest_html_kb": largest.stat().st_size / 1024,
        "largest_html": str(largest.relative_to(site)),
        "over_50kb": sum(1 for p in html if p.stat().st_size > 50 * 1024),
        "index_kb": len(raw) / 1024,
        "index_gz_kb": len(gzip.compress(raw, 6)) / 1024 if raw else 0,
    }


def pagefind(root: Path, site: str) -> dict | None:
    """Pagefind (extended: segments Chinese) over the built site: index size, and what a reader
    downloads for one query (the entry, the wasm, the index chunks and one result fragment)."""
    npx = shutil.which("npx")
    if not npx:
        return None
    start = time.perf_counter()
    proc = subprocess.run(
        [npx, "--yes", "pagefind@1.6.0", "--site", site, "--force-language", "zh"],
        cwd=root,
        capture_output=True,
        text=True,
        env=dict(os.environ, PAGEFIND_EXTENDED="true"),
    )
    if proc.returncode != 0:
        return {"error": proc.stderr[-300:]}
    wall = time.perf_counter() - start
    folder = root / site / "pagefind"
    files = [p for p in folder.rglob("*") if p.is_file()]
    first = 0
    for pattern in ("pagefind-entry.json", "pagefind.js", "wasm.*.pagefind", "pagefind.*.pf_meta"):
        first += sum(p.stat().st_size for p in folder.glob(pattern))
    chunks = sorted((p.stat().st_size for p in folder.glob("index/*.pf_index")), reverse=True)
    frags = sorted(p.stat().st_size for p in folder.glob("fragment/*.pf_fragment"))
    first += (chunks[0] if chunks else 0) + (frags[len(frags) // 2] * 5 if frags else 0)
    return {
        "wall": wall,
        "index_kb": sum(p.stat().st_size for p in files) / 1024,
        "files": len(files),
        "first_result_kb": first / 1024,
    }


def _fetch(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(predicate, seconds: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def preview_stage(root: Path, runs: int, env: dict) -> dict:
    """`python -m generator serve` as an editor uses it: one amount changed and saved, the
    report page polled over HTTP until it shows the new value; then the CPU the idle
    preview uses in 5 s."""
    import signal
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    report = sorted((root / "data/reports").glob("*/*.yaml"))[0]
    url = f"http://127.0.0.1:{port}/reports/{report.parent.name}/{report.stem}/"
    log = (root / "preview.log").open("w")
    proc = subprocess.Popen(
        [PY, "-m", "generator", "--root", str(root), "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        started = _wait(lambda: bool(_fetch(url)), 600)
        if started is None:
            return {"error": "the preview did not start in 600 s"}
        seconds = []
        for _ in range(runs):
            text = report.read_text("utf-8")
            # a headline figure's change (no check ties it to another value): -22 -> -22.7
            m = re.search(r"\{value: -?(\d+(?:\.\d+)?), unit: \"%\"", text)
            new = m.group(1) + ("7" if "." in m.group(1) else ".7")  # not on the page yet
            saved = time.monotonic()
            report.write_text(text[: m.start(1)] + new + text[m.end(1) :], "utf-8")
            seen = _wait(lambda new=new: new in _fetch(url), 300)
            seconds.append(float("nan") if seen is None else time.monotonic() - saved)
            time.sleep(1)
        time.sleep(5)  # the last build done: what follows is the idle preview
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        before = int(fields[11]) + int(fields[12])
        time.sleep(5)
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        idle = int(fields[11]) + int(fields[12]) - before
        return {
            "save_to_page": statistics.median(seconds),
            "runs": seconds,
            "idle_cpu_s": idle / os.sysconf("SC_CLK_TCK"),
        }
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def measure(size: str, work: Path, runs: int, only: str | None = None) -> dict:
    root = prepare(size, work)
    if only == "preview":
        subprocess.run(
            [PY, "-m", "generator", "--root", str(root), "generate"],
            cwd=root,
            env=env_for(root),
            check=True,
            capture_output=True,
        )
        return {"size": size, "preview": preview_stage(root, 3, env_for(root))}
    if only == "scripts":
        return {"size": size, "scripts": scripts_stage(root, env_for(root))}
    full = env_for(root, BULLETIN_SEARCH_SCOPE="full")
    names = env_for(root, BULLETIN_SEARCH_SCOPE="names")
    auto = env_for(root)
    out = {"size": size}
    out["generator"] = generator_stage(root, runs, auto)
    out["bulletin"] = mkdocs_stage(root, runs, auto, "mkdocs.yml", "site")
    (root / "plain.yml").write_text(PLAIN_CONFIG, "utf-8")
    out["plain"] = mkdocs_stage(root, runs, auto, "plain.yml", "site-plain")
    for scope, env in (("full", full), ("names", names)):
        timed([PY, "-m", "generator", "--root", str(root), "generate"], root, env)
        out[f"search_{scope}"] = mkdocs_stage(root, 1, env, "mkdocs.yml", f"site-{scope}")
    out["pagefind"] = pagefind(root, "site-full")
    out["scripts"] = scripts_stage(root, auto)
    out["preview"] = preview_stage(root, 3, auto)
    return out


def scripts_stage(root: Path, env: dict) -> dict:
    """What the second script costs: `python -m generator build` (generation, both trees'
    conversion and MkDocs builds) against the same build with one script."""
    out = {}
    for name, extra in (("one", {"BULLETIN_ONE_SCRIPT": "1"}), ("both", {})):
        shutil.rmtree(root / "site", ignore_errors=True)
        run = timed([PY, "-m", "generator", "--root", str(root), "build"], root, dict(env, **extra))
        size = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
        out[name] = {"wall": run["wall"], "site_mb": size / 2**20}
    return out


def show_scripts(sc: dict) -> None:
    print(
        f"scripts     one script: build {sc['one']['wall']:.1f} s, site "
        f"{sc['one']['site_mb']:.1f} MB | both: {sc['both']['wall']:.1f} s, "
        f"{sc['both']['site_mb']:.1f} MB | "
        f"ratio {sc['both']['wall'] / sc['one']['wall']:.2f} (time), "
        f"{sc['both']['site_mb'] / sc['one']['site_mb']:.2f} (size)"
    )


def show_preview(pv: dict) -> None:
    if "error" in pv:
        print(f"preview     {pv['error']}")
        return
    runs = ", ".join(f"{x:.1f}" for x in pv["runs"])
    print(
        f"preview     save -> new value on the page over HTTP: median "
        f"{pv['save_to_page']:.1f} s ({runs}); idle CPU in 5 s: {pv['idle_cpu_s']:.2f} s"
    )


def show(r: dict) -> None:
    if "generator" not in r:  # --only preview or scripts
        print(f"\n== {r['size']} ==")
        if "scripts" in r:
            show_scripts(r["scripts"])
        if "preview" in r:
            show_preview(r["preview"])
        return
    g, b, p = r["generator"], r["bulletin"], r["plain"]
    pages = b["pages"]
    gen = g["load_check"] + g["render"] + g["write"]
    print(f"\n== {r['size']}: {pages} HTML pages ==")
    print(
        f"generator   load+check {g['load_check']:.2f} s, render {g['render']:.2f} s, "
        f"write {g['write']:.2f} s (process {g['wall']:.2f} s); {g['files']} files; "
        f"rerun with no change rewrites {g['rewritten_no_change']}, "
        f"one report changed rewrites {g['rewritten_one_report']}"
    )
    print(
        f"mkdocs      bulletin {b['wall']:.1f} s ({pages / b['wall']:.0f} pages/s), "
        f"peak {b['peak_mb']:.0f} MB | plain {p['wall']:.1f} s, peak {p['peak_mb']:.0f} MB | "
        f"ratio {b['wall'] / p['wall']:.2f}"
    )
    print(
        f"generator / mkdocs stage: {100 * gen / b['wall']:.1f}% (process: "
        f"{100 * g['wall'] / b['wall']:.1f}%)"
    )
    print(
        f"site        {b['site_mb']:.1f} MB; largest HTML {b['largest_html_kb']:.1f} KB "
        f"({b['largest_html']}); pages over 50 KB: {b['over_50kb']} | plain largest "
        f"{p['largest_html_kb']:.1f} KB"
    )
    print(
        f"search      adopted: {b['index_kb']:.0f} KB ({b['index_gz_kb']:.0f} KB gzipped), "
        f"{1024 * b['index_kb'] / pages:.0f} B/page | plain (no jieba): {p['index_kb']:.0f} KB "
        f"({p['index_gz_kb']:.0f} KB gz)"
    )
    for scope in ("full", "names"):
        s = r[f"search_{scope}"]
        print(
            f"  material {scope:5}: index {s['index_kb']:.0f} KB, {s['index_gz_kb']:.0f} KB "
            f"gzipped = the download before the first result; build {s['wall']:.1f} s"
        )
    pf = r["pagefind"]
    if pf and "error" not in pf:
        print(
            f"  pagefind     : index {pf['index_kb']:.0f} KB in {pf['files']} files, about "
            f"{pf['first_result_kb']:.0f} KB before the first result; "
            f"indexing {pf['wall']:.1f} s"
        )
    elif pf:
        print(f"  pagefind     : {pf['error']}")
    if sc := r.get("scripts"):
        show_scripts(sc)
    if pv := r.get("preview"):
        show_preview(pv)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="seed,1k,10k")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--runs-10k", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / ".bench")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument(
        "--only",
        choices=("preview", "scripts"),
        help="measure one stage: the live preview (save -> page, idle CPU) or what the "
        "second script costs (a one-script build against a both-scripts build)",
    )
    parser.add_argument("--preview-only", action="store_true", help="the same as --only preview")
    args = parser.parse_args()
    subprocess.run(
        [PY, "-m", "generator", "--root", str(ROOT), "generate"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    from generator.site import ensure_jieba_dict

    ensure_jieba_dict(ROOT)
    results = []
    for size in args.sizes.split(","):
        runs = args.runs_10k if size == "10k" else args.runs
        result = measure(size, args.out, runs, "preview" if args.preview_only else args.only)
        show(result)
        results.append(result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), "utf-8")


if __name__ == "__main__":
    main()
