"""`make bench`: the bulletin at the seed size, ~1,000 and ~10,000 pages, and a province of
~100,000, measured.

    python benchmarks/bench.py [--sizes seed,1k,10k,50k,province] [--runs 3] [--runs-10k 1]
                               [--out DIR] [--only preview|scripts|cores]

For each size: the generator stage (load+check, render, write; files written; a rebuild with no
change; a change to one report), the MkDocs stage (wall time, peak memory, pages/s), the site
(size, largest HTML page), the search index (Pagefind: indexing time and size) and, measured in
Chromium over HTTP, the bytes a reader downloads from a report page to the first result of a
query for a word that only one report's text holds; beside them the same MkDocs figures for a
plain MkDocs + Material build of the same Markdown, whose search (Material's, full text) is
downloaded whole before the first result. Whole processes are timed with /usr/bin/time -v;
the median of the runs is printed. Nothing here asserts: it prints figures. `--only preview`
(save -> page, idle CPU), `--only scripts` (what the second script costs) or `--only cores`
(both trees by 1, 2 and every core against plain Material's one tree) measures one stage
alone. At ~10,000 pages the cores are measured too, and each goal of building on every core
is printed beside its figure. The 50k size measures the generator, MkDocs, Pagefind and the
download only. `province`: 10 shards of ~10,000 pages built two at a time and assembled
(province_stage).
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

SIZES = {"seed": None, "1k": (10, 4, 90), "10k": (50, 8, 190), "50k": (250, 8, 190)}
# a word that only one report's text holds (put into the generated corpus; in the seed, the
# report's own), searched for as a reader in the other script would type it
RARE = {"seed": ("投融资渠道", None), "corpus": ("龙蟠湾", "龍蟠灣村的安置房選址未定")}
SEED = ROOT / "tests" / "fixtures" / "seed"  # the frozen seed bulletin (data/ is the editors')
TRASH = [ROOT / ".bench" / ".trash"]  # where set_aside puts trees (main: under --out)


def set_aside(path: Path) -> None:
    """`path` out of the way, deleted when the bench ends, not now. On this machine's ext4
    (no journal) the kernel will not give out an inode freed in the last minute or more
    (fs/ext4/ialloc.c, recently_deleted): right after a tree of 40,000 files was deleted,
    every new file costs a scan past the freed ones (in `perf record` of a generation from
    nothing, recently_deleted took 35% of the samples and the write 2-4x as long). Deleting
    the last run's tree just before a timed run measures that, not the run."""
    if not path.exists():
        return
    trash = TRASH[0]
    trash.mkdir(parents=True, exist_ok=True)
    try:
        path.rename(trash / f"{len(list(trash.iterdir()))}-{path.name}")
    except OSError:  # another device: deleted now
        shutil.rmtree(path, ignore_errors=True)


def empty_trash(settle: bool = False) -> None:
    """Delete what set_aside put aside; `settle`: then wait until the kernel gives out the
    freed inodes again (written out, a minute old), as before a timed run."""
    if not TRASH[0].exists():
        return
    shutil.rmtree(TRASH[0], ignore_errors=True)
    if settle:
        os.sync()
        print("(an earlier bench's trees deleted; 65 s for their inodes to be free again)")
        time.sleep(65)


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
    set_aside(root)
    root.mkdir(parents=True)
    shutil.copy(SEED / "bulletin.yml", root / "bulletin.yml")
    (root / "content").mkdir()
    if SIZES[size] is None:
        shutil.copytree(SEED / "data", root / "data")
    else:
        regions, reports, projects = SIZES[size]
        make_corpus(root, regions, reports, projects, seed=1)
        report = sorted((root / "data/reports").glob("*/*.yaml"))[len(SIZES) // 2]
        text = report.read_text("utf-8")
        report.write_text(text.replace("problems:\n", f"problems:\n  - {RARE['corpus'][1]}\n", 1))
    return root


def primary_config(root: Path) -> str:
    """The MkDocs configuration of the bulletin's primary tree, as a build writes it."""
    from generator.layout import template_dirs
    from generator.messages import load
    from generator.scripts import tree_config
    from generator.site import primary_script

    script = primary_script(root)
    return tree_config(root, script, script, Path("content"), load(template_dirs(root))).name


def rare_word(root: Path, size: str) -> tuple[str, str]:
    """The query and the report page that alone holds it."""
    if SIZES[size] is None:
        return RARE["seed"][0], "reports/tiancheng/2005-q1/"
    for report in sorted((root / "data/reports").glob("*/*.yaml")):
        if RARE["corpus"][1] in report.read_text("utf-8"):
            return RARE["corpus"][0], f"reports/{report.parent.name}/{report.stem.lower()}/"
    raise SystemExit("the rare word is missing from the corpus")


def env_for(root: Path, **extra) -> dict:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        NO_MKDOCS_2_WARNING="1",
        BULLETIN_SEARCH_TOKENS="1",  # as `python -m generator build` runs MkDocs
        LANGUAGE="en",  # the tool's lines in English, which the bench reads
        **extra,
    )
    return env


def preview_env(root: Path) -> dict:
    """As an editor runs `make serve`: no search tokens (only a build indexes)."""
    env = env_for(root)
    env.pop("BULLETIN_SEARCH_TOKENS")
    return env


def generator_stage(root: Path, runs: int, env: dict) -> dict:
    walls, stages = [], []
    for _ in range(runs):  # from nothing: no content/, nothing kept in .cache/
        set_aside(root / "content")
        set_aside(root / ".cache")
        (root / "content").mkdir()
        r = timed([PY, "-m", "generator", "--root", str(root), "generate", "--timings"], root, env)
        walls.append(r["wall"])
        stages.append(dict(re.findall(r"(\w+)=([\d.]+)", r["out"].split("timings:")[1])))
        files = int(re.search(r"of (\d+) file", r["out"]).group(1))
    again = timed([PY, "-m", "generator", "--root", str(root), "generate"], root, env)
    unchanged = int(re.search(r"(\d+) of \d+ file", again["out"]).group(1))
    report = sorted((root / "data/reports").rglob("*.yaml"))[0]
    text = report.read_text("utf-8")
    report.write_text(text.replace("progress: ", "progress: 本期", 1), "utf-8")
    changed = timed(
        [PY, "-m", "generator", "--root", str(root), "generate", "--timings"], root, env
    )
    edit = dict(re.findall(r"(\w+)=([\d.]+)", changed["out"].split("timings:")[1]))
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
        # the stage after one report changed (as a county's next build, with what the first
        # kept in .cache/): only what the change touches is made again
        "one_edit": sum(float(edit[k]) for k in ("load_check", "render", "write")),
        "one_edit_wall": changed["wall"],
    }


def mkdocs_stage(root: Path, runs: int, env: dict, config: str, out: str) -> dict:
    results = []
    for _ in range(runs):
        set_aside(root / out)
        results.append(
            timed([PY, "-m", "mkdocs", "build", "-q", "-f", config, "-d", out], root, env)
        )
    site = root / out
    html = [p for p in site.rglob("*.html")]
    index = site / "search" / "search_index.json"  # Material's (the plain build's)
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


def pagefind_stage(root: Path, site: str) -> dict:
    """Pagefind over a built tree, as `python -m generator build` runs it (over the copy of
    each page with its tokens that the build wrote beside the tree): time and size."""
    code = (
        "from pathlib import Path; from generator.site import index_copy, index_site; "
        f"p = Path({site!r}); index_site(p, [(index_copy(p), '')])"
    )
    run = timed([PY, "-c", code], root, env_for(root))
    files = [p for p in (root / site / "pagefind").rglob("*") if p.is_file()]
    return {
        "wall": run["wall"],
        "peak_mb": run["peak_mb"],
        "index_mb": sum(p.stat().st_size for p in files) / 2**20,
        "files": len(files),
    }


def search_download(site: Path, query: str, expected: str, start_page: str | None = None) -> dict:
    """In Chromium over HTTP: open a page (the expected report's, or `start_page`), type
    `query` into the search box; the bytes received for the page, then for the search until
    the expected page is the first result."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    received: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"],
            )
            page = browser.new_page()
            cdp = page.context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.on(
                "Network.loadingFinished",
                lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]),
            )
            page.goto(url + (expected if start_page is None else start_page))
            page.wait_for_load_state("networkidle")
            before = sum(received.values())
            start = time.perf_counter()
            page.locator("input.md-search__input").fill(query)
            first = page.locator(".md-search-result__item > a").first
            first.wait_for(timeout=60_000)
            seconds = time.perf_counter() - start
            found = first.get_attribute("href") or ""
            page.wait_for_load_state("networkidle")
            after = sum(received.values())
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {
        "query": query,
        "found_first": found.rstrip("/").endswith(expected.rstrip("/")),
        "page_kb": before / 1024,
        "search_kb": (after - before) / 1024,
        "seconds": seconds,
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


def generated(root: Path) -> None:
    """content/ written, for a stage that builds from it."""
    subprocess.run(
        [PY, "-m", "generator", "--root", str(root), "generate"],
        cwd=root,
        env=env_for(root),
        check=True,
        capture_output=True,
    )


def measure(size: str, work: Path, runs: int, only: str | None = None) -> dict:
    root = prepare(size, work)
    if only == "preview":
        generated(root)
        return {"size": size, "preview": preview_stage(root, 3, preview_env(root))}
    if only == "scripts":
        return {"size": size, "scripts": scripts_stage(root, env_for(root))}
    if only == "cores":
        generated(root)
        return {"size": size, "cores": cores_stage(root, env_for(root))}
    auto = env_for(root)
    out = {"size": size}
    out["generator"] = generator_stage(root, runs, auto)
    out["bulletin"] = mkdocs_stage(root, runs, auto, primary_config(root), "site")
    out["index"] = pagefind_stage(root, "site")
    out["download"] = search_download(root / "site", *rare_word(root, size))
    if size == "50k":  # the rest would not fit the time this machine has for it
        return out
    (root / "plain.yml").write_text(PLAIN_CONFIG, "utf-8")
    out["plain"] = mkdocs_stage(root, runs, auto, "plain.yml", "site-plain")
    out["scripts"] = scripts_stage(root, auto)
    out["preview"] = preview_stage(root, 3, preview_env(root))
    if size == "10k":  # the goals of building on every core are set at this size
        out["cores"] = cores_stage(root, auto)
    return out


def scripts_stage(root: Path, env: dict) -> dict:
    """What the second script costs: `python -m generator build` (generation, both trees'
    conversion and MkDocs builds) against the same build with one script."""
    out = {}
    for name, extra in (("one", {"BULLETIN_ONE_SCRIPT": "1"}), ("both", {})):
        set_aside(root / "site")
        run = timed([PY, "-m", "generator", "--root", str(root), "build"], root, dict(env, **extra))
        size = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
        out[name] = {"wall": run["wall"], "site_mb": size / 2**20}
    return out


def cores_stage(root: Path, env: dict) -> dict:
    """Both script trees with their search index, from content/ already generated, by one
    job and by every core (`build --jobs N`), against the plain Material build of one tree
    (same Markdown, MkDocs' own search): wall time, each stage's seconds (`build --timings`),
    and the peak of the largest process (MkDocs or Pagefind: /usr/bin/time reports the
    largest child). Then one script tree alone by 1 and 2 jobs: what converting a tree's
    pages in two processes (generator/mkbuild.py) buys where there is no second tree."""
    from generator.site import cores

    (root / "plain.yml").write_text(PLAIN_CONFIG, "utf-8")
    plain = timed(
        [PY, "-m", "mkdocs", "build", "-q", "-f", "plain.yml", "-d", "site-plain"], root, env
    )
    out = {"plain": plain["wall"], "plain_peak_mb": plain["peak_mb"], "jobs": {}, "one": {}}
    runs = [("jobs", jobs, env) for jobs in sorted({1, 2, cores()})]
    runs += [("one", jobs, dict(env, BULLETIN_ONE_SCRIPT="1")) for jobs in (1, 2)]
    for kind, jobs, run_env in runs:
        set_aside(root / "site")  # as on a fresh clone, like plain's
        cmd = [PY, "-m", "generator", "--root", str(root), "build", "--jobs", str(jobs)]
        run = timed(cmd + ["--timings"], root, run_env)
        stages = re.search(r"^timings: (.*)$", run["out"], re.M)
        out[kind][jobs] = {
            "wall": run["wall"],
            "peak_mb": run["peak_mb"],
            "stages": stages.group(1) if stages else "",
        }
    return out


PROVINCE = {"shards": 10, "size": (25, 8, 190), "at_once": 2}  # 10 x ~10,000 pages (both trees)


def province_stage(work: Path) -> dict:
    """A province of ~100,000 pages as generator/province.py makes one: 10 shards (each a
    county's bulletin of ~5,000 pages a script tree, both trees, its own corpus), built two
    at a time (`build --jobs 1` each: two CI jobs' worth on this machine), then assembled
    under one origin; the total time, each shard's wall time and the peak of its largest
    process, the pages, and in Chromium the bytes from the province's front page to the first
    result of a query for a word only one report of the last shard holds (its index merged
    with the nine others' by the front page's search box)."""
    base = work / "province"
    set_aside(base)
    shards = []
    for k in range(PROVINCE["shards"]):
        shard = base / "shards" / f"shard-{k + 1:02d}"
        shard.mkdir(parents=True)
        shutil.copy(SEED / "bulletin.yml", shard / "bulletin.yml")
        (shard / "content").mkdir()
        make_corpus(shard, *PROVINCE["size"], seed=100 + k)
        shards.append(shard)
    last = sorted((shards[-1] / "data/reports").glob("*/*.yaml"))[-1]
    text = last.read_text("utf-8")
    last.write_text(text.replace("problems:\n", f"problems:\n  - {RARE['corpus'][1]}\n", 1))
    builds: dict[str, dict] = {}
    start = time.perf_counter()
    pending = list(shards)
    while pending:  # two at a time, as two CI runners would
        batch, pending = pending[: PROVINCE["at_once"]], pending[PROVINCE["at_once"] :]
        procs = []
        for shard in batch:
            cmd = [PY, "-m", "generator", "--root", str(shard), "build", "--jobs", "1"]
            procs.append((shard, time.perf_counter(), _start_timed(cmd, shard, env_for(shard))))
        for shard, began, proc in procs:
            builds[shard.name] = _finish_timed(proc, began)
    built = time.perf_counter() - start
    site = base / "site"
    cmd = [PY, "-m", "generator", "province", "--out", str(site), "--assemble"]
    assemble = timed(cmd + [str(s / "site") for s in shards], ROOT, env_for(ROOT))
    pages = sum(1 for _ in site.rglob("*.html"))
    report = f"{shards[-1].name}/reports/{last.parent.name}/{last.stem.lower()}/"
    download = search_download(site, RARE["corpus"][0], report, start_page="")
    return {
        "built": built,
        "assemble": assemble["wall"],
        "builds": builds,
        "pages": pages,
        "download": download,
    }


def _start_timed(cmd: list[str], cwd: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        ["/usr/bin/time", "-v", *cmd],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _finish_timed(proc: subprocess.Popen, began: float) -> dict:
    out, _ = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(proc.args)}\n{out[-3000:]}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out)
    return {
        "wall": time.perf_counter() - began,
        "peak_mb": int(peak.group(1)) / 1024 if peak else float("nan"),
    }


def show_province(pr: dict) -> None:
    walls = [b["wall"] for b in pr["builds"].values()]
    peaks = [b["peak_mb"] for b in pr["builds"].values()]
    dl = pr["download"]
    print(
        f"province    {len(pr['builds'])} shards, {pr['pages']} HTML pages: built two at a time "
        f"in {pr['built']:.0f} s (a shard {min(walls):.0f}-{max(walls):.0f} s), assembled in "
        f"{pr['assemble']:.0f} s; largest process of a shard's build {min(peaks):.0f}-"
        f"{max(peaks):.0f} MB"
    )
    print(
        f"            from the province's front page ({dl['page_kb']:.0f} KB), a word only one "
        f"shard's report holds ({dl['query']}): "
        f"{'first result' if dl['found_first'] else 'NOT first'} after {dl['search_kb']:.0f} KB "
        f"downloaded, {dl['seconds']:.1f} s"
    )


def show_cores(co: dict) -> None:
    plain = co["plain"]
    for jobs, r in sorted(co["jobs"].items()):
        verdict = "meets" if r["wall"] <= plain else f"{r['wall'] / plain:.2f}x"
        print(
            f"cores       both trees + index, --jobs {jobs}: {r['wall']:.1f} s "
            f"({r['wall'] / plain:.2f}x plain Material's one tree, {plain:.1f} s; goal <= 1.0x: "
            f"{verdict}); largest process {r['peak_mb']:.0f} MB (goal <= 800 MB: "
            f"{'meets' if r['peak_mb'] <= 800 else 'over'})"
        )
        print(f"            stages (s): {r['stages']}")
    for jobs, r in sorted(co.get("one", {}).items()):
        print(
            f"cores       one script tree + index, --jobs {jobs}: {r['wall']:.1f} s "
            f"({r['wall'] / plain:.2f}x plain); largest process {r['peak_mb']:.0f} MB"
        )
        print(f"            stages (s): {r['stages']}")


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
    if "province" in r:
        print("\n== province ==")
        show_province(r["province"])
        return
    if "generator" not in r:  # --only preview, scripts or cores
        print(f"\n== {r['size']} ==")
        if "scripts" in r:
            show_scripts(r["scripts"])
        if "preview" in r:
            show_preview(r["preview"])
        if "cores" in r:
            show_cores(r["cores"])
        return
    g, b, ix, dl = r["generator"], r["bulletin"], r["index"], r["download"]
    p = r.get("plain")
    pages = b["pages"]
    gen = g["load_check"] + g["render"] + g["write"]
    print(f"\n== {r['size']}: {pages} HTML pages (one script) ==")
    print(
        f"generator   load+check {g['load_check']:.2f} s, render {g['render']:.2f} s, "
        f"write {g['write']:.2f} s (process {g['wall']:.2f} s); {g['files']} files; "
        f"rerun with no change rewrites {g['rewritten_no_change']}, "
        f"one report changed rewrites {g['rewritten_one_report']}"
    )
    build = b["wall"] + ix["wall"]
    line = (
        f"mkdocs      bulletin {b['wall']:.1f} s ({pages / b['wall']:.0f} pages/s), "
        f"peak {b['peak_mb']:.0f} MB; + pagefind {ix['wall']:.1f} s (peak {ix['peak_mb']:.0f} MB)"
    )
    if p:
        line += (
            f" | plain Material {p['wall']:.1f} s, peak {p['peak_mb']:.0f} MB | "
            f"ratio {build / p['wall']:.2f} (bulletin + search index / plain)"
        )
    print(line)
    print(
        f"generator / mkdocs stage: {100 * gen / b['wall']:.1f}% from nothing (process: "
        f"{100 * g['wall'] / b['wall']:.1f}%); {100 * g['one_edit'] / b['wall']:.1f}% after "
        f"one report changed ({g['one_edit']:.2f} s; process {g['one_edit_wall']:.2f} s)"
    )
    print(
        f"site        {b['site_mb']:.1f} MB; largest HTML {b['largest_html_kb']:.1f} KB "
        f"({b['largest_html']}); pages over 50 KB: {b['over_50kb']}"
        + (f" | plain largest {p['largest_html_kb']:.1f} KB" if p else "")
    )
    print(
        f"search      pagefind: index {ix['index_mb']:.1f} MB in {ix['files']} files; a query "
        f"for a word only one report holds ({dl['query']}): "
        f"{'first result' if dl['found_first'] else 'NOT first'} after {dl['search_kb']:.0f} KB "
        f"downloaded in Chromium (the page before it: {dl['page_kb']:.0f} KB), "
        f"{dl['seconds']:.1f} s"
    )
    if p:
        print(
            f"            material (plain build, full text): the whole index first, "
            f"{p['index_kb']:.0f} KB ({p['index_gz_kb']:.0f} KB gzipped)"
        )
    if sc := r.get("scripts"):
        show_scripts(sc)
    if pv := r.get("preview"):
        show_preview(pv)
    if co := r.get("cores"):
        show_cores(co)
        show_goals(r)


def show_goals(r: dict) -> None:
    """Each goal of building on every core beside its figure from this run."""
    co, g, ix, pv = r["cores"], r["generator"], r["index"], r["preview"]
    jobs = max(co["jobs"])
    both = co["jobs"][jobs]
    mkdocs = float(dict(re.findall(r"(\w+)=([\d.]+)", both["stages"])).get("mkdocs", "nan"))
    gen = g["load_check"] + g["render"] + g["write"]
    ratio = both["wall"] / co["plain"]
    print(f"goals       ({r['size']}, --jobs {jobs}: the cores this machine gives)")
    for name, figure, value, goal, goal_text in (
        (
            "both trees + index / plain Material's one tree",
            f"{both['wall']:.1f} s / {co['plain']:.1f} s = {ratio:.2f}x",
            ratio,
            1.0,
            "1.0x",
        ),
        (
            "generator from nothing / the build's MkDocs stage",
            f"{gen:.1f} s / {mkdocs:.1f} s = {100 * gen / mkdocs:.1f}%",
            gen / mkdocs,
            0.10,
            "10%",
        ),
        (
            "generator after one report changed / the build's MkDocs stage",
            f"{g['one_edit']:.2f} s / {mkdocs:.1f} s = {100 * g['one_edit'] / mkdocs:.1f}%",
            g["one_edit"] / mkdocs,
            0.03,
            "3%",
        ),
        (
            "Pagefind's peak, indexing a tree",
            f"{ix['peak_mb']:.0f} MB",
            ix["peak_mb"],
            800,
            "800 MB",
        ),
        (
            "preview: save -> the figure on the page",
            f"{pv.get('save_to_page', float('nan')):.1f} s",
            pv.get("save_to_page", float("nan")),
            1.0,
            "1.0 s",
        ),
    ):
        verdict = "meets" if value <= goal else f"over by {value / goal - 1:.0%}"
        print(f"            {name}: {figure} (goal <= {goal_text}: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="seed,1k,10k,province")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--runs-10k", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / ".bench")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument(
        "--only",
        choices=("preview", "scripts", "cores"),
        help="measure one stage: the live preview (save -> page, idle CPU) or what the "
        "second script costs (a one-script build against a both-scripts build)",
    )
    parser.add_argument("--preview-only", action="store_true", help="the same as --only preview")
    args = parser.parse_args()
    TRASH[0] = args.out / ".trash"
    empty_trash(settle=True)  # an earlier bench's, before anything is timed
    results = []
    for size in args.sizes.split(","):
        runs = args.runs_10k if size in ("10k", "50k") else args.runs
        if size == "province":
            result = {"size": size, "province": province_stage(args.out)}
        else:
            result = measure(size, args.out, runs, "preview" if args.preview_only else args.only)
        show(result)
        results.append(result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), "utf-8")
    empty_trash()


if __name__ == "__main__":
    main()
