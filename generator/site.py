"""Building the static site with MkDocs and its search index with Pagefind, atomically."""

from __future__ import annotations

import base64
import calendar
import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .errors import BulletinError
from .hooks.search_tokens import index_copy
from .i18n import tr


def build_env(latest: dt.date | None) -> dict[str, str]:
    # the search hook writes each page's tokens for the index (hooks/search_tokens.py)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BULLETIN_SEARCH_TOKENS="1")
    # MkDocs runs as `python -m generator.mkbuild` from the bulletin's folder: the tool
    # importable there too, installed or not
    tool = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([tool] + [p for p in [env.get("PYTHONPATH")] if p])
    if latest is not None:  # sitemap dates follow the data, so the same data gives the same site
        env["SOURCE_DATE_EPOCH"] = str(calendar.timegm(latest.timetuple()))
    return env


def primary_script(root: Path, bulletin=None) -> str:
    """The script the bulletin is published in: bulletin.yml's `script`, or the
    one most of the data's text is written in (of the loaded bulletin, else loaded here)."""
    from .chinese import script_of
    from .pipeline import Paths, load_bulletin
    from .settings import read_settings

    chosen = read_settings(root).script
    if chosen != "auto":
        return chosen
    if bulletin is None:
        bulletin, _ = load_bulletin(Paths(root))
    if bulletin is None:  # data with errors: the build stops before this matters
        return "hant"
    return script_of(_texts(bulletin))


def _texts(bulletin):
    """What the editors named: report titles and summaries, figures' labels, project names
    (enough to tell the script, and far less to convert than every sentence)."""
    for entry in bulletin.reports:
        r = entry.report
        yield r.title
        yield r.summary or ""
        yield from (f.label for f in r.figures)
        yield from (u.name for u in r.projects)


PIECE_BYTES = 20 * 2**20  # the most of the pages' text one Pagefind indexes (about 550 MB)


def index_site(site: Path, copies: list[tuple[Path, str]], jobs: int = 1) -> None:
    """The search index of the site's trees, one language each (each page's <html lang>),
    made by Pagefind into site/pagefind/ from `copies`: for each tree, the folder of the files
    of lines hooks/search_tokens.py wrote as its pages were built (what Pagefind reads of each
    page, with its path in the tree) and the tree's prefix under the site ("" at its root).
    The folders are removed; the published pages are as MkDocs wrote them.

    Each tree is indexed by Pagefinds of its own (`jobs` at once), in pieces of at most
    PIECE_BYTES of pages (BULLETIN_INDEX_PIECE_BYTES overrides it), so that a Pagefind's
    memory does not grow with the site. The first pieces of the trees are put together at
    site/pagefind/ (the files of each language are its own, named by language and content
    hash; the entry lists every language); any further piece of a language is a bundle of
    its own, site/pagefind/<language>-<n>/, listed in site/pagefind/pieces.json, which the
    search box merges (Pagefind's mergeIndex) with the first."""
    limit = int(os.environ.get("BULLETIN_INDEX_PIECE_BYTES") or PIECE_BYTES)
    pieces: list[list[tuple[str, str]]] = []
    first: list[int] = []  # each tree's first piece
    bundles: list[Path] = []
    try:
        for copy, prefix in copies:
            records = _records(copy, prefix)
            if records:
                first.append(len(pieces))
                pieces += _split(records, limit)
        bundles = [site.with_name(f"{site.name}.pagefind-{k}") for k in range(len(pieces))]
        _pagefind(pieces, bundles, jobs)
        merge_bundles([bundles[k] for k in first], site)
        more: dict[str, list[str]] = {}
        for k, bundle in enumerate(bundles):
            if k not in first:
                entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
                (lang,) = entry["languages"]  # a tree's pages are all in its language
                more.setdefault(lang, []).append(f"{lang}-{len(more.get(lang, [])) + 2}/")
                for path in bundle.iterdir():  # a merged index uses the first's scripts
                    if path.is_file() and path.suffix not in (".json", ".pf_meta"):
                        path.unlink()
                bundle.rename(site / "pagefind" / more[lang][-1])
        if first:
            (site / "pagefind" / "pieces.json").write_text(
                json.dumps(dict(sorted(more.items())), separators=(",", ":")), "utf-8"
            )
    finally:
        for folder in [copy for copy, _ in copies] + bundles:
            shutil.rmtree(folder, ignore_errors=True)


def _records(copy: Path, prefix: str) -> list[tuple[str, str]]:
    """A tree's pages, (path under the site, what Pagefind reads), in path order."""
    records = []
    for lines in sorted(copy.glob("*.jsonl")):
        with lines.open(encoding="utf-8") as f:
            for line in f:
                path, page = json.loads(line)
                records.append((f"{prefix}/{path}" if prefix else path, page))
    return sorted(records)


def _split(records: list[tuple[str, str]], limit: int) -> list[list[tuple[str, str]]]:
    """The pages as pieces of about equal size, in path order, none much over `limit` bytes."""
    sizes = [len(page.encode("utf-8")) for _, page in records]
    count = max(1, -(-sum(sizes) // limit))
    share, done = sum(sizes) / count, 0
    out: list[list[tuple[str, str]]] = [[] for _ in range(count)]
    for record, size in zip(records, sizes, strict=True):
        out[min(count - 1, int(done // share))].append(record)
        done += size
    return [piece for piece in out if piece]


def _pagefind(pieces: list[list[tuple[str, str]]], bundles: list[Path], jobs: int) -> None:
    """Each piece indexed by a Pagefind of its own into its bundle, `jobs` at once."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max(1, jobs)) as pool:
        for done in [
            pool.submit(_pagefind_one, p, b) for p, b in zip(pieces, bundles, strict=True)
        ]:
            done.result()


def _pagefind_one(piece: list[tuple[str, str]], out: Path) -> None:
    """One Pagefind, run as a service (`pagefind --service`, as its Python and Node packages
    run it) and fed the pages from memory: no file per page to write, read and remove. Its
    protocol: requests and responses as base64 of JSON, each followed by a comma; a new index,
    a file added per page (with its path, from which Pagefind makes the URL, as `--site` does),
    and the bundle's files asked for."""
    import threading

    from pagefind.service import get_executable

    def message(n: int, payload: dict) -> bytes:
        text = json.dumps({"message_id": n, "payload": payload}, ensure_ascii=False)
        return base64.b64encode(text.encode("utf-8")) + b","

    with tempfile.TemporaryFile() as log:
        service = subprocess.Popen(
            [str(get_executable()), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            cwd=out.parent,
        )
        replies = _replies(service.stdout)
        try:
            service.stdin.write(message(0, {"type": "NewIndex", "config": None}))
            service.stdin.flush()
            index = next(replies)[1]["index_id"]
            requests = [
                {"type": "AddFile", "index_id": index, "file_path": path, "file_contents": page}
                for path, page in piece
            ] + [{"type": "GetFiles", "index_id": index}]

            def feed() -> None:  # while the answers are read, or the pipes fill up and stall
                try:
                    for n, request in enumerate(requests, 1):
                        service.stdin.write(message(n, request))
                    service.stdin.flush()  # open: at its end the service stops, done or not
                except OSError:  # the service stopped: its answer says why
                    pass

            writer = threading.Thread(target=feed, daemon=True)
            writer.start()
            while True:
                n, answer = next(replies)
                if n == len(requests):
                    break
            writer.join()
            # the bundle's files come in the answer and are written here: a service stopped
            # right after writing them itself may leave a file it had not finished empty
            for file in answer["files"]:
                target = out / file["path"]
                if Path(file["path"]).is_absolute() or ".." in Path(file["path"]).parts:
                    raise ValueError(file["path"])  # a file outside the bundle
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(base64.b64decode(file["content"]))
        except (StopIteration, KeyError, ValueError) as exc:
            service.kill()
            log.seek(0)
            said = log.read().decode("utf-8", "replace").strip()[-2000:]
            error = said or str(exc) or repr(exc)
            raise BulletinError(tr("search index: Pagefind failed: {error}", error=error)) from None
        finally:
            if service.poll() is None:
                service.kill()
            service.wait()
            for pipe in (service.stdin, service.stdout):
                with contextlib.suppress(OSError):  # a pipe the service broke
                    pipe.close()


def _replies(stream):
    """The service's answers, (message id, payload); an error's message raises ValueError."""
    buffer, seen = bytearray(), 0
    while chunk := stream.read1(1 << 20):
        buffer += chunk
        while (end := buffer.find(b",", seen)) >= 0:
            answer = json.loads(base64.b64decode(buffer[:end]))
            del buffer[: end + 1]
            seen = 0
            payload = answer.get("payload") if isinstance(answer, dict) else None
            if not isinstance(payload, dict):
                continue
            if payload.get("type") == "Error":
                raise ValueError(payload.get("message"))
            yield answer.get("message_id"), payload
        seen = len(buffer)


def merge_bundles(bundles: list[Path], site: Path) -> None:
    """Pagefind's bundles of several trees as one, at site/pagefind/: every file of each (a
    file two bundles both have, Pagefind's own scripts, must be the same bytes), and one
    entry listing every language."""
    dest = site / "pagefind"
    shutil.rmtree(dest, ignore_errors=True)
    entry: dict | None = None
    for bundle in bundles:
        own = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        if entry is None:
            entry = own
        elif own.get("version") != entry.get("version"):
            raise BulletinError(tr("{path}: made by another Pagefind", path=bundle))
        else:
            entry["languages"] |= own["languages"]
        for path in sorted(bundle.rglob("*")):
            target = dest / path.relative_to(bundle)
            if path.is_dir() or path.name == "pagefind-entry.json":
                continue
            if target.exists():
                if target.read_bytes() != path.read_bytes():
                    raise BulletinError(tr("{path}: two search indexes disagree", path=target))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
    if entry is not None:
        entry["languages"] = dict(sorted(entry["languages"].items()))
        (dest / "pagefind-entry.json").write_text(
            json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8"
        )


def build_site(
    root: Path,
    latest: dt.date | None = None,
    script: str | None = None,
    *,
    strict: bool = True,
    precompress: bool | None = None,
    jobs: int | None = None,
    timings: dict[str, float] | None = None,
) -> Path:
    """Build every script's tree with MkDocs into a temporary folder (the primary script, in
    content/, at its root; the other, written by the generator under .cache/, under its
    prefix); replace site/ only when all succeed. `timings`, when given, receives the
    seconds of each stage (mkdocs, styles, index, precompress, swap)."""
    from .layout import template_dirs
    from .messages import load
    from .pipeline import both_scripts, other_tree
    from .scripts import SCRIPTS, other, tree_config
    from .settings import read_settings

    primary = script or primary_script(root)
    messages = load(template_dirs(root))
    scripts = [primary] + ([other(primary)] if both_scripts(read_settings(root)) else [])
    site = root / "site"
    clear_litter(root)
    tmp = Path(tempfile.mkdtemp(prefix=f"{NEW}{os.getpid()}-", dir=root))
    trees = [tmp if script == primary else tmp / SCRIPTS[script].prefix for script in scripts]
    jobs = jobs or read_settings(root).jobs or cores()
    # the other tree is built by its own MkDocs in a folder of its own (MkDocs cleans the
    # primary's folder as it starts; the trees may be built at once), moved under its prefix
    # when both are done; what the index reads of each tree's pages is written beside it
    aside = Path(tempfile.mkdtemp(prefix=f"{NEW}{os.getpid()}-", dir=root))
    dests = [tmp] + [aside / tree.name for tree in trees[1:]]
    copies = [(index_copy(tmp), "")] + [(index_copy(d), d.name) for d in dests[1:]]
    commands = []
    try:
        for script, dest in zip(scripts, dests, strict=True):
            docs = root / "content" if script == primary else other_tree(root, primary)
            if not docs.is_dir():
                raise BulletinError(
                    tr("{docs}: not generated; run `python -m generator build`", docs=docs)
                )
            config = tree_config(root, script, primary, docs.relative_to(root), messages)
            # the trees at once, each tree's pages by its share of the jobs (generator/mkbuild.py)
            cmd = [sys.executable, "-m", "generator.mkbuild", str(max(1, jobs // len(trees)))]
            cmd += ["build", "--clean", "-f", config.name, "-d", str(dest)]
            if strict:
                cmd.insert(5, "--strict")
            commands.append(cmd)
        clock = _Clock(timings)
        run_all(commands, root, build_env(latest), jobs)
        clock.lap("mkdocs")
        for tree, dest in zip(trees[1:], dests[1:], strict=True):
            dest.rename(tree)
        from .critical import inline_styles

        inline_styles(tmp, jobs)
        clock.lap("styles")
        index_site(tmp, copies, jobs)
        clock.lap("index")
        if read_settings(root).precompress if precompress is None else precompress:
            from .precompress import precompress as compress

            compress(tmp, jobs)
            clock.lap("precompress")
    except BaseException:
        shutil.rmtree(index_copy(tmp), ignore_errors=True)  # the others are under aside/
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    swap_in(tmp, site, jobs)
    clock.lap("swap")
    return site


class _Clock:
    """The seconds since the last lap, into `timings` under each lap's name."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings, self.last = timings, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[name] = now - self.last
        self.last = now


def cores() -> int:
    """The cores this process may run on (its affinity mask, as a CI runner sets it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def in_parts(work, items: list, jobs: int, least: int = 200) -> list:
    """`work(part)` for up to `jobs` contiguous parts of `items` (at least `least` items a
    part), each in a process of its own, forked, so that `work` may be any function; the
    results in the parts' order. One part, or no fork (not Linux): in this process."""
    import multiprocessing

    parts = max(1, min(jobs, len(items) // least))
    if parts == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(items)]
    size = -(-len(items) // parts)
    global _work
    _work = work
    try:
        with multiprocessing.get_context("fork").Pool(parts) as pool:
            return pool.map(_do_work, [items[i : i + size] for i in range(0, len(items), size)])
    finally:
        _work = None


_work = None  # what in_parts's forked processes do


def _do_work(part: list):
    return _work(part)


def run_all(commands: list[list[str]], cwd: Path, env: dict, jobs: int) -> None:
    """Run the commands, `jobs` at a time; the first that fails stops the others and raises
    CalledProcessError (its own messages are above).
    Each runs in a process group of its own, which is stopped whole: a command's own workers
    never outlive it to write into a folder the failed build has already removed."""
    pending, running, started = list(commands), [], []
    try:
        while pending or running:
            while pending and len(running) < jobs:
                cmd = pending.pop(0)
                proc = subprocess.Popen(cmd, cwd=cwd, env=env, start_new_session=True)
                running.append((cmd, proc))
                started.append(proc)
            cmd, proc = running[0]
            code = proc.wait()
            running.pop(0)
            if code != 0:
                raise subprocess.CalledProcessError(code, cmd)
    except BaseException:
        for proc in started:  # the groups of those done too: a worker may be left of them
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        raise
    finally:
        for _, proc in running:
            proc.kill()
            proc.wait()


NEW = ".site-new-"  # a build's copy of the site, beside it: .site-new-<pid>-<random>
OLD = ".site-old"  # the last site, for a moment, where paths cannot be exchanged


def clear_litter(root: Path) -> None:
    """Remove what builds that were killed left beside the site (a whole site each): copies
    whose build is no longer running, and the last site of a swap that was cut short (put
    back as site/ when there is no site/)."""
    for path in root.glob(f"{NEW}*"):
        pid = path.name[len(NEW) :].split("-", 1)[0].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and _running(int(pid)):
            continue  # another build's, still under way
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    old, site = root / OLD, root / "site"
    if old.is_dir() and not site.exists():
        old.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def swap_in(new: Path, site: Path, jobs: int = 1) -> None:
    """Put the folder `new` in the place of `site` with no moment without a site: the two are
    exchanged in one step (Linux's renameat2 with RENAME_EXCHANGE), then the old one, now at
    `new`, is removed. Where the system cannot exchange, two renames (the old site waits at
    .site-old, which the next build puts back if this one is cut short between them)."""
    if site.is_dir() and _exchange(new, site):
        remove_tree(new, jobs)
        return
    old = site.with_name(OLD)
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    new.rename(site)
    remove_tree(old, jobs)


def remove_tree(folder: Path, jobs: int = 1) -> None:
    """shutil.rmtree, its folders two levels down (a page's own folder) removed in `jobs`
    processes first: a large site's tens of thousands of files go faster several at once."""
    if jobs > 1 and folder.is_dir():
        inner = [d for top in folder.iterdir() if top.is_dir() for d in top.iterdir() if d.is_dir()]
        in_parts(lambda part: [shutil.rmtree(d, ignore_errors=True) for d in part], inner, jobs)
    shutil.rmtree(folder, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two paths atomically; False where the system has no such call."""
    import ctypes
    import errno

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not Linux, or a C library without it
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # the kernel or file system
        return False
    raise OSError(code, os.strerror(code), str(b))
