"""MkDocs hook: a long build shows its progress (pages done of total) instead of silence."""

from __future__ import annotations

import logging
import time

log = logging.getLogger("mkdocs.bulletin")
_state = {"total": 0, "done": 0, "step": 1, "start": 0.0}


def on_files(files, config, **kwargs):
    pages = sum(1 for f in files if f.is_documentation_page())
    _state.update(total=pages, done=0, step=max(pages // 10, 100), start=time.monotonic())
    return files


def on_page_context(context, page, config, nav, **kwargs):
    _state["done"] += 1
    done, total = _state["done"], _state["total"]
    if total >= 500 and (done % _state["step"] == 0 or done == total):
        log.info(f"pages {done} of {total} ({time.monotonic() - _state['start']:.0f} s)")
    return context
