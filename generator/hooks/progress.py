"""MkDocs hook: a long build shows its progress (pages done of total) instead of silence."""

from __future__ import annotations

import logging
import os
import time

log = logging.getLogger("mkdocs.bulletin")
_state = {"total": 0, "done": 0, "step": 1, "told": 0, "start": 0.0}


def on_files(files, config, **kwargs):
    pages = sum(1 for f in files if f.is_documentation_page())
    _state.update(total=pages, done=0, step=max(pages // 10, 100), told=0, start=time.monotonic())
    return files


def on_page_context(context, page, config, nav, **kwargs):
    _state["done"] += 1
    done, total = _state["done"], _state["total"]
    worker, workers = map(int, os.environ.get("BULLETIN_PAGES_SHARE", "0 1").split())
    if worker:  # several processes build the pages (generator/mkbuild.py): the first tells
        return context
    done = min(total, done * workers)  # about as many done by each
    if total >= 500 and (done // _state["step"] > _state["told"] or done == total):
        _state["told"] = done // _state["step"]
        log.info(f"pages {done} of {total} ({time.monotonic() - _state['start']:.0f} s)")
    return context
