"""The live preview: one loop from a saved file to one rebuild, in time with the change.

    a file saved in data/, templates/, site_overrides/, bulletin.yml or a hand-written page
      -> (0.2 s without further saves) -> for saved reports published before: their own
         pages (the report's, its region's, its projects') first, written and built at once
         (pipeline.first_pages: the pages the whole generation makes, or none)
      -> generate content/: only what the change touches is made again
         (generator/incremental.py), with the data files loaded before remembered; an error
         puts the first pages back
      -> if any file changed: one MkDocs build -> the open page reloads

The build is of the changed files alone when the generator changed pages in place: MkDocs'
own steps for one page (read, render, write with the theme) run on the files, navigation and
theme that the last whole build made, which this process keeps. A new or removed file, a
theme or configuration change, or a hand-written page builds the whole site again (dirty:
only pages whose Markdown changed are rendered).

Only writes, creations, moves and deletions count: opening or reading a file (which the
generator and MkDocs do all the time) is no change, so an idle preview does nothing. MkDocs
does not watch content/ itself (it would start building while the generator is still
writing, then build again): the generator asks it, once, when a generation has finished.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import traceback
from pathlib import Path

from .errors import BulletinError
from .i18n import _, tr
from .incremental import Memory
from .layout import OWN_TEMPLATES, OWN_THEME
from .messages import load as messages
from .pages import MANIFEST, read_manifest
from .pipeline import Paths, first_pages, generate, items_cache, put_back
from .scripts import tree_config
from .site import primary_script

CHANGES = {"created", "modified", "moved", "deleted"}  # not "opened", "closed", "closed_no_write"
QUIET = 0.2  # seconds without a further save before one generation runs


class Built:
    """What the last whole MkDocs build made (its configuration, files, navigation and theme
    environment), kept through MkDocs' plugin events, so that a page the generator changed
    in place can be built again alone."""

    def __init__(self):
        self.config = self.files = self.nav = self.env = None

    def plugin(self):
        from mkdocs.plugins import BasePlugin

        built = self

        class Keep(BasePlugin):
            def on_files(self, files, config, **kwargs):
                built.files = files
                return files

            def on_nav(self, nav, config, files, **kwargs):
                built.nav = nav
                return nav

            def on_env(self, env, config, files, **kwargs):
                built.config, built.env = config, env
                return env

        return Keep()

    def update(self, changed: set[str]) -> bool:
        """Build these files of content/ again, alone (MkDocs' steps for a page and for a
        static file); False when that cannot be (no whole build yet, or a file new to it)."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import InclusionLevel

        if self.env is None:
            return False
        found = [self.files.get_file_from_path(rel) for rel in sorted(changed)]
        if not found or None in found:
            return False
        pages = [f for f in found if f.is_documentation_page()]
        for file in pages:
            _populate_page(file.page, self.config, self.files)
        doc_files = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for file in pages:
            _build_page(file.page, self.config, doc_files, self.nav, self.env)
        for file in found:
            if not file.is_documentation_page():
                file.copy_file()
        return True


class Preview:
    """Generates on saves and asks the MkDocs live-reload server for one build after each."""

    def __init__(self, paths: Paths, report=print):
        self.paths = paths
        self.report = report
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()
        self.generating = threading.Lock()  # one generation at a time
        self.site_changed = False  # a save MkDocs reads itself (a theme file, a page, bulletin.yml)
        self.memory = Memory(kept=True)  # what a generation keeps for the next
        self.memory.restore(items_cache(paths.root))  # what the last build kept
        self.built = Built()
        self.events: set[str] = set()  # what the saves since the last generation were
        self.saved: set[str] = set()  # the files the generator reads that they saved (root/)
        self.changed: set[str] = set()  # files of content/ to build again
        self.whole = False  # the whole site to build again
        self.request_build = lambda: None  # set by `serve`

    # --- reacting to saves --------------------------------------------------------------------
    def owned(self) -> set[str]:
        try:
            return set(read_manifest(self.paths.content))
        except BulletinError:  # damaged: the generation says so
            return set()

    def kind(self, event) -> str | None:
        """What a file event is: a save the generator reads ("data": data/, templates/,
        bulletin.yml), one MkDocs reads ("site": site_overrides/), a file of content/ (the
        generator's own output, or a hand-written page: told apart when the generation that
        may be writing it is over), or nothing that matters (None: a read, a folder, an
        editor's backup or temporary file)."""
        if event.event_type not in CHANGES or event.is_directory:
            return None
        path = Path(getattr(event, "dest_path", "") or event.src_path).resolve()
        if path.name.endswith(("~", ".tmp", ".swp")) or path.name.startswith(".#"):
            return None
        root = self.paths.root.resolve()
        if path.parent == root:
            return "data" if path.name == "bulletin.yml" else None
        for folder in (self.paths.data, self.paths.root / OWN_TEMPLATES):
            if path.is_relative_to(folder.resolve()):
                return "data"
        if path.is_relative_to(self.paths.content.resolve()):
            return path.relative_to(self.paths.content.resolve()).as_posix()
        return "site"

    def on_any_event(self, event) -> None:
        kind = self.kind(event)
        if kind is not None:
            with self.lock:  # debounce: a burst of saves is one generation
                self.events.add(kind)
                if kind == "data":  # both ends of a move: one is gone
                    root = self.paths.root.resolve()
                    for name in (event.src_path, getattr(event, "dest_path", "")):
                        path = Path(name).resolve() if name else None
                        if path is not None and path.is_relative_to(root):
                            self.saved.add(path.relative_to(root).as_posix())
                if self.timer is not None:
                    self.timer.cancel()
                self.timer = threading.Timer(QUIET, self.refresh)
                self.timer.daemon = True
                self.timer.start()

    def refresh(self, force: bool = False) -> None:
        """One generation (if a save asked for one, or `force`); one build if it changed
        anything (or a hand-written page did). Files of content/ that the generator wrote
        itself are no change."""
        with self.generating:  # after the generation that may have written them
            with self.lock:
                events, self.events = self.events, set()
                saved, self.saved = self.saved, set()
            owned = self.owned() if events - {"data", "site"} else set()
            for kind in events - {"data"}:
                if kind not in owned and kind != MANIFEST:
                    self.site_changed = True  # site_overrides/ or a hand-written page
            if force or "data" in events or self.site_changed:
                self._refresh(saved if not self.site_changed else set())

    def _refresh(self, saved: set[str] = frozenset()) -> None:
        first = self._first(saved)
        started = time.perf_counter()
        timings: dict[str, float] = {}
        try:  # the primary tree only
            result = generate(self.paths, timings, both_trees=False, memory=self.memory)
        except BulletinError as exc:  # the preview goes on showing the last good pages
            self.report(str(exc))
            if first:
                put_back(self.paths.content, first)
                self._build(first)
            return
        for problem in result.problems:
            self.report(problem.text())
        self.report(
            tr(
                "content/: {written} file(s) written, {removed} removed in {seconds:.2f} s "
                "(load and check {check:.2f} s, render {render:.2f} s, write {write:.2f} s; "
                "{made:.0f} made again)",
                written=len(result.written),
                removed=len(result.removed),
                seconds=time.perf_counter() - started,
                check=timings.get("load_check", 0),
                render=timings.get("render", 0),
                write=timings.get("write", 0),
                made=timings.get("made", 0),
            )
        )
        if result.written or result.removed or self.site_changed:
            self._build(result.written, bool(result.removed) or self.site_changed)

    def _first(self, saved: set[str]) -> dict[str, bytes]:
        """The saved reports' own pages, written and built before the whole generation
        (pipeline.first_pages); what was written, with the bytes before."""
        started = time.perf_counter()
        try:
            first = first_pages(self.paths, self.memory, saved)
        except (BulletinError, OSError):  # the whole generation says what is wrong
            return {}
        except Exception:  # noqa: BLE001 - shown whole: the whole generation still runs
            self.report(
                _(
                    "first pages: making the saved report's pages first failed; the whole "
                    "generation makes them instead (slower). This is a fault of the preview, "
                    "not of the data; please report it with what follows:"
                )
                + "\n"
                + traceback.format_exc().rstrip()
            )
            return {}
        if first:
            self.report(
                tr(
                    "first: {count} page(s) of the saved report(s) written in {seconds:.2f} s",
                    count=len(first),
                    seconds=time.perf_counter() - started,
                )
            )
            self._build(first)
        return first

    def _build(self, written, whole: bool = False) -> None:
        """One MkDocs build, now, of these files of content/ (or, `whole`, the site)."""
        with self.lock:
            self.changed.update(written)
            self.whole |= whole
            self.site_changed = False
        self.request_build()

    def build(self, build_whole) -> None:
        """What the generator changed: the changed files alone when they can be, else the
        whole site (`build_whole`)."""
        with self.lock:
            changed, whole = self.changed, self.whole
            self.changed, self.whole = set(), False
        started = time.perf_counter()
        if not whole and changed:
            try:
                if self.built.update(changed):
                    self.report(
                        tr(
                            "site: {count} file(s) built in {seconds:.2f} s",
                            count=len(changed),
                            seconds=time.perf_counter() - started,
                        )
                    )
                    return
            except Exception:  # noqa: BLE001 - shown whole: a bug here would only slow saves
                self.report(
                    _(
                        "site: building the changed files alone failed, so the whole site is "
                        "built instead (slower). This is a fault of the preview, not of the "
                        "data; please report it with what follows:"
                    )
                    + "\n"
                    + traceback.format_exc().rstrip()
                )
        build_whole()

    # --- serving --------------------------------------------------------------------------------
    def serve(self, host: str, port: int) -> int:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.livereload import LiveReloadServer
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        site_dir = tempfile.mkdtemp(prefix="bulletin-preview-")

        def load():  # the primary tree's configuration, made again for each whole build
            script = primary_script(self.paths.root)
            config_file = tree_config(
                self.paths.root, script, script, Path("content"), messages(self.paths.templates)
            )
            config = load_config(config_file=str(config_file), site_dir=site_dir, strict=False)
            config.site_url = f"http://{host}:{port}/"
            config.plugins["bulletin-preview"] = self.built.plugin()
            return config

        def build_whole():
            # dirty: only pages whose Markdown changed are built again (a preview, not a
            # release: `build` makes the strict, whole site)
            build(load(), serve_url=f"http://{host}:{port}/", dirty=True)

        server = LiveReloadServer(
            builder=lambda: self.build(build_whole), host=host, port=port, root=site_dir
        )

        def request_build():  # what LiveReloadServer does when a watched file changes
            with server._rebuild_cond:
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

        self.request_build = request_build
        handler = FileSystemEventHandler()
        handler.on_any_event = self.on_any_event  # type: ignore[method-assign]
        observer = Observer()
        for path in (
            self.paths.data,
            self.paths.root / OWN_TEMPLATES,
            self.paths.root / OWN_THEME,
            self.paths.content,
        ):
            if path.is_dir():
                observer.schedule(handler, str(path), recursive=True)
        observer.schedule(handler, str(self.paths.root), recursive=False)  # bulletin.yml
        self.changed, self.whole = set(), False  # the first build is whole
        build_whole()
        observer.start()
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            observer.stop()
            server.shutdown()
            shutil.rmtree(site_dir, ignore_errors=True)
        return 0
