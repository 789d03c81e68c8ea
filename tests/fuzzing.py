"""A mutation fuzzer over every door a user's bytes come through.

Each door takes one input (bytes, or a command line) through the real command, in this
process: `check` of a report, of `regions.yaml` and of `bulletin.yml`; `extract` of a .txt (any
encoding), .docx, .xlsx, .pdf and .csv (mutated copies of the corpus's real files, and of the
members inside the Word and Excel zips); and the command line's arguments. An input may end
in a clear message and any exit code; it fails if it prints a Python traceback (an exception
the command did not turn into a message), runs past the time limit, writes outside its
project folder, or changes `site/`.

`tests/test_fuzz.py` runs a bounded number of inputs per door with fixed seeds (the same
inputs every run); `make fuzz` (benchmarks/fuzz.py) runs for minutes with fresh seeds and
prints what it tried, the distinct failures and the slowest input.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import shutil
import signal
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.__main__ import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed"
REPORT = "data/reports/tiancheng/2005-q2.yaml"  # where a fuzzed report is put
LIMIT = 20.0  # seconds an input may take before it counts as a hang

WORDS = (
    "全县固定资产投资完成3.21亿元，同比增长22%，完成年度计划的74.8%。"
    "巡檢司電廠總投資41162萬元，占總投資的15.5%。篇一 篇二 一、 （一） 1—9月 二〇〇五年四月二十七日"
    "项目名称：城东污水处理厂 总投资：2.8亿元 ; : 、 region: title: period: {start: 2005-01-01} "
    "- id: x\n  name: y\n amount: 1e309 !!python/object &a *a [[[[ {{{{ "
    "\t\r\n\x00\u2028\u202e\ufeff"
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5", "latin-1")


class Hang(Exception):
    """An input ran past LIMIT."""


@dataclass
class Failure:
    door: str
    kind: str  # traceback | hang | wrote outside | changed site
    where: str  # the exception's type and the innermost frame of the project's code
    sample: bytes | list[str]


@dataclass
class Stats:
    tried: dict[str, int] = field(default_factory=dict)
    failures: dict[tuple[str, str, str], Failure] = field(default_factory=dict)
    slowest: tuple[float, str, bytes | list[str]] = (0.0, "", b"")

    def distinct(self) -> list[Failure]:
        return list(self.failures.values())


# --- inputs ---------------------------------------------------------------------------------
def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """A few random edits: flip bits, delete, duplicate or insert runs, cut short."""
    out = bytearray(data)
    for _ in range(rounds or rng.randint(1, 8)):
        op = rng.randrange(7)
        at = rng.randrange(len(out) + 1)
        if op == 0 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:
            del out[at : at + rng.randint(1, 64)]
        elif op == 2 and out:
            start = rng.randrange(len(out))
            out[at:at] = out[start : start + rng.randint(1, 256)]
        elif op == 3:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 4:
            start = rng.randrange(len(WORDS))
            out[at:at] = WORDS[start : start + rng.randint(1, 40)].encode()
        elif op == 5:
            out = out[:at]
        else:
            interesting = rng.choice([b"\xff\xfe", b"\xef\xbb\xbf", b"\x00" * 8, b"9" * 400])
            out[at:at] = interesting
    return bytes(out)


def mutate_zip(data: bytes, rng: random.Random) -> bytes:
    """A copy of a Word or Excel file with one member's bytes mutated, or one left out."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = [(i, source.read(i)) for i in source.infolist()]
    victim = rng.randrange(len(members))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for n, (info, body) in enumerate(members):
            if n == victim and rng.random() < 0.2:
                continue
            target.writestr(info.filename, mutate(body, rng) if n == victim else body)
    return buffer.getvalue()


def chinese_text(rng: random.Random) -> bytes:
    """Report-like text in some encoding, sometimes cut or damaged."""
    source = rng.choice(sorted((FIXTURES / "reports").glob("*.txt")))
    text = source.read_text("utf-8")
    encoding = rng.choice(ENCODINGS)
    raw = text.encode(encoding, errors="replace")
    return mutate(raw, rng) if rng.random() < 0.8 else raw


def corpus(suffix: str) -> list[Path]:
    return sorted((FIXTURES / "schedules").glob(f"*{suffix}"))


def binary(suffix: str) -> Callable[[random.Random], bytes]:
    def draw(rng: random.Random) -> bytes:
        data = rng.choice(corpus(suffix)).read_bytes()
        if suffix in (".docx", ".xlsx") and rng.random() < 0.6:
            return mutate_zip(data, rng)
        return mutate(data, rng)

    return draw


def yaml_text(kind: str) -> Callable[[random.Random], bytes]:
    def draw(rng: random.Random) -> bytes:
        if rng.random() < 0.15:
            return bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
        if kind == "report":
            source = rng.choice(sorted((SEED / "data/reports").rglob("*.yaml")))
        elif kind == "regions":
            source = SEED / "data/regions.yaml"
        else:
            source = SEED / "bulletin.yml"
        return mutate(source.read_bytes(), rng)

    return draw


OPTIONS = (
    "--root", ".", "..", "data", "site", "--strict", "--format", "github", "text",
    "--region", "tiancheng", "../x", "/x", "--period", "2005-Q2", "2005-Q9", "--part", "篇二",
    "--name", "河西县", "--kind", "县", "--script", "hans", "hant", "--tool", "x.whl", "-o",
    "--list", "--split", "--out", "out", "--addr", "report", "r.txt", "\x00", "-", "", "篇九",
)  # fmt: skip
COMMANDS = ("check", "extract", "review", "new", "schema", "verify", "province", "init", "x")


def argv(rng: random.Random) -> list[str]:
    args = [rng.choice(COMMANDS)]
    for _ in range(rng.randint(0, 7)):
        if rng.random() < 0.85:
            args.append(rng.choice(OPTIONS))
        else:
            start = rng.randrange(len(WORDS))
            args.append(WORDS[start : start + rng.randint(0, 12)])
    if rng.random() < 0.3:
        args.insert(0, rng.choice(["--root", "--root=.", "--help"]))
    return args


# --- doors ----------------------------------------------------------------------------------
@dataclass
class Door:
    name: str
    draw: Callable[[random.Random], bytes | list[str]]
    run: Callable[[Path, bytes | list[str]], object]


def run_check_of(rel: str) -> Callable[[Path, bytes], object]:
    def run(project: Path, data: bytes) -> object:
        (project / rel).write_bytes(data)
        return main(["--root", str(project), "check"])

    return run


def run_generate_with_settings(project: Path, data: bytes) -> object:
    (project / "bulletin.yml").write_bytes(data)
    return main(["--root", str(project), "check"]) or main(["--root", str(project), "schema"])


def run_extract(suffix: str) -> Callable[[Path, bytes], object]:
    def run(project: Path, data: bytes) -> object:
        source = project / f"report{suffix}"
        source.write_bytes(data)
        return main(["--root", str(project), "extract", str(source), "--region", "tiancheng"])

    return run


def run_argv(project: Path, args: list[str]) -> object:
    return main(args)


DOORS = [
    Door("check: a report", yaml_text("report"), run_check_of(REPORT)),
    Door("check: regions.yaml", yaml_text("regions"), run_check_of("data/regions.yaml")),
    Door("check: bulletin.yml", yaml_text("settings"), run_generate_with_settings),
    Door("extract: .txt", chinese_text, run_extract(".txt")),
    Door("extract: .docx", binary(".docx"), run_extract(".docx")),
    Door("extract: .xlsx", binary(".xlsx"), run_extract(".xlsx")),
    Door("extract: .pdf", binary(".pdf"), run_extract(".pdf")),
    Door("extract: .csv", binary(".csv"), run_extract(".csv")),
    Door("command line", argv, run_argv),
]


# --- running --------------------------------------------------------------------------------
def snapshot(folder: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def fresh_project(work: Path) -> tuple[Path, Path]:
    """A project (the seed's settings, the base data and a built-looking site/) and a folder
    beside it that nothing may touch."""
    shutil.rmtree(work, ignore_errors=True)
    project, outside = work / "project", work / "outside"
    shutil.copytree(FIXTURES / "base", project / "data")
    shutil.copy(SEED / "bulletin.yml", project / "bulletin.yml")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<p>the last good site</p>\n", "utf-8")
    outside.mkdir()
    (outside / "keep.txt").write_text("not the project's\n", "utf-8")
    return project, outside


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/generator/" in f.filename]
    frame = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"


def _alarm(signum, frame):
    raise Hang()


def try_one(door: Door, data, work: Path, stats: Stats) -> None:
    """One input through one door, in a fresh project whose cwd it runs in."""
    import os

    project, outside = fresh_project(work)
    site_before, outside_before = snapshot(project / "site"), snapshot(outside)
    cwd = os.getcwd()
    os.chdir(project)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    started = time.perf_counter()
    failure = None
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            door.run(project, data)
    except SystemExit:
        pass  # argparse's usage line, with code 2: a clear message
    except Hang:
        failure = ("hang", f"over {LIMIT:.0f} s")
    except Exception as exc:  # noqa: BLE001 - what the fuzzer is here to find
        failure = ("traceback", _where(exc))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        took = time.perf_counter() - started
        os.chdir(cwd)
    if failure is None and snapshot(outside) != outside_before:
        failure = ("wrote outside", "the folder beside the project changed")
    if failure is None and snapshot(project / "site") != site_before:
        failure = ("changed site", "site/ changed")
    stats.tried[door.name] = stats.tried.get(door.name, 0) + 1
    if took > stats.slowest[0]:
        stats.slowest = (took, door.name, data)
    if failure is not None:
        key = (door.name, *failure)
        stats.failures.setdefault(key, Failure(door.name, failure[0], failure[1], data))


def campaign(work: Path, seed: int, per_door: int | None, seconds: float | None) -> Stats:
    """Inputs through every door: `per_door` each, or for `seconds` in all (shared evenly)."""
    stats = Stats()
    for n, door in enumerate(DOORS):
        rng = random.Random(seed * 1000 + n)
        deadline = time.monotonic() + seconds / len(DOORS) if seconds else None
        count = 0
        while (per_door is None or count < per_door) and (
            deadline is None or time.monotonic() < deadline
        ):
            try_one(door, door.draw(rng), work / "run", stats)
            count += 1
    shutil.rmtree(work / "run", ignore_errors=True)
    return stats
