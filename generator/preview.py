"""The live preview: one loop from a saved file to one rebuild.

    a file saved in data/, templates/, site_overrides/, mkdocs.yml or a hand-written page
      -> (0.3 s without further saves) -> generate content/ (only changed files are written)
      -> if any file changed: exactly one MkDocs build -> the open page reloads

Only writes, creations, moves and deletions count: opening or reading a file (which the
generator and MkDocs do all the time) is no change, so an idle preview does nothing. MkDocs
does not watch content/ itself (it would start building while the generator is still
writing, then build again): the generator tells it, once, when a generation has finished.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
import time
from pathlib import Path

from .errors import BulletinError
from .pages import MANIFEST
from .pipeline import Paths, generate

CHANGES = {"created", "modified", "moved", "deleted"}  # not "opened", "closed", "closed_no_write"
QUIET = 0.3  # seconds without a further save before one generation runs


class Preview:
    """Generates on saves and asks the MkDocs live-reload server for one build after each."""

    def __init__(self, paths: Paths, report=print):
        self.paths = paths
        self.report = report
        self.stamp = paths.root / ".cache" / "preview" / "generated"
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()
        self.site_changed = False  # a save MkDocs reads itself (a theme file, a page, mkdocs.yml)

    # --- reacting to saves --------------------------------------------------------------------
    def owned(self) -> set[str]:
        manifest = self.paths.content / MANIFEST
        try:
            return set(json.loads(manifest.read_text("utf-8")))
        except (OSError, ValueError):
            return set()

    def counts(self, event) -> bool:
        """A save that matters: a write, creation, move or deletion of a file that is not
        the generator's own output, an editor's backup or a temporary file."""
        if event.event_type not in CHANGES or event.is_directory:
            return False
        path = Path(getattr(event, "dest_path", "") or event.src_path).resolve()
        if path.name.endswith(("~", ".tmp", ".swp")) or path.name.startswith(".#"):
            return False
        root = self.paths.root.resolve()
        if path.parent == root:
            self.site_changed |= path.name == "mkdocs.yml"
            return path.name == "mkdocs.yml"
        for folder in (self.paths.data, self.paths.templates):
            if path.is_relative_to(folder.resolve()):
                return True
        if path.is_relative_to(self.paths.content.resolve()):
            rel = path.relative_to(self.paths.content.resolve()).as_posix()
            if rel == MANIFEST or rel in self.owned():
                return False  # the generator's own output
        self.site_changed = True  # site_overrides/ or a hand-written page
        return True

    def on_any_event(self, event) -> None:
        if self.counts(event):
            with self.lock:  # debounce: a burst of saves is one generation
                if self.timer is not None:
                    self.timer.cancel()
                self.timer = threading.Timer(QUIET, self.refresh)
                self.timer.daemon = True
                self.timer.start()

    def refresh(self) -> None:
        """One generation; one build if it changed anything (or a hand-written page did)."""
        started = time.perf_counter()
        try:
            result = generate(self.paths, both_trees=False)  # the primary tree only
        except BulletinError as exc:  # the preview goes on showing the last good pages
            self.report(str(exc))
            return
        for problem in result.problems:
            self.report(problem.text())
        self.report(
            f"content/: {len(result.written)} file(s) written, {len(result.removed)} "
            f"removed in {time.perf_counter() - started:.2f} s"
        )
        if result.written or result.removed or self.site_changed:
            self.site_changed = False
            self.stamp.parent.mkdir(parents=True, exist_ok=True)
            self.stamp.write_text(f"{time.time_ns()}\n", "utf-8")  # MkDocs builds once, now

    # --- serving --------------------------------------------------------------------------------
    def serve(self, host: str, port: int) -> int:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.livereload import LiveReloadServer
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        site_dir = tempfile.mkdtemp(prefix="bulletin-preview-")
        config_file = str(self.paths.root / "mkdocs.yml")

        def load():
            config = load_config(config_file=config_file, site_dir=site_dir, strict=False)
            config.site_url = f"http://{host}:{port}/"
            return config

        def builder(config=None):
            # dirty: only pages whose Markdown changed are built again (a preview, not a
            # release: `build` makes the strict, whole site)
            build(config or load(), serve_url=f"http://{host}:{port}/", dirty=True)

        server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir)
        self.stamp.parent.mkdir(parents=True, exist_ok=True)
        server.watch(str(self.stamp.parent))  # the generator's "done": one build
        handler = FileSystemEventHandler()
        handler.on_any_event = self.on_any_event  # type: ignore[method-assign]
        observer = Observer()
        for path in (
            self.paths.data,
            self.paths.templates,
            self.paths.root / "site_overrides",
            self.paths.content,
        ):
            if path.is_dir():
                observer.schedule(handler, str(path), recursive=True)
        observer.schedule(handler, str(self.paths.root), recursive=False)  # mkdocs.yml
        builder()
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
