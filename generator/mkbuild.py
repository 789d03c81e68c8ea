"""MkDocs' build of one tree, its pages converted and written by several processes.

`python -m generator.mkbuild JOBS build ARGS…` is `mkdocs build ARGS…` (the same command
line, configuration, events and messages) with MkDocs' build replaced by one that reads the
files, the navigation and every page's front matter as MkDocs does, copies the theme's files
and writes its templates (404.html, sitemap.xml), and then forks JOBS processes: each converts
and writes every JOBS-th page (Markdown to HTML, then the theme's template), as MkDocs would.
A page converts the same in any process: what it shows of the others (the navigation, the
previous and next page) is their titles, read from their front matter before the fork (a
page without one is converted first, in the parent, so that its title is the one MkDocs would
give it). The workers send back each page's anchors and links to anchors, which the parent
checks across all pages as MkDocs does, and how many warnings they logged, which fail a
--strict build. With one job, or for anything but a clean build, it is MkDocs' own build.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.commands.build")
MKDOCS_BUILD = mkdocs_build.build
JOBS = 1
_shared: tuple | None = None  # what a forked worker builds from


def build(config, *, serve_url: str | None = None, dirty: bool = False) -> None:
    if JOBS <= 1 or serve_url or dirty or "fork" not in multiprocessing.get_all_start_methods():
        return MKDOCS_BUILD(config, serve_url=serve_url, dirty=dirty)
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(counter)
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        log.info("Cleaning site directory")
        utils.clean_directory(config.site_dir)
        log.info(f"Building documentation to directory: {config.site_dir}")
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        inclusion = InclusionLevel.is_included
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            file.page.read_source(config)
            if "title" not in file.page.meta:  # its title comes from its content
                mkdocs_build._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=inclusion)
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)
        doc_files = files.documentation_pages(inclusion=inclusion)
        warnings, anchors = _in_workers((config, files, doc_files, nav, env))
        for level, count in warnings.items():
            counter.counts[level] += count
        _check_anchors(config, files, doc_files, anchors)
        config.plugins.on_post_build(config=config)
        if counts := counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            log.error(str(e))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)


def _in_workers(shared: tuple) -> tuple[dict[int, int], dict[str, tuple]]:
    """Every page converted and written by JOBS forked processes; their warnings by level and
    each page's anchors (by source path)."""
    global _shared
    _shared = shared
    shares = [range(k, len(shared[2]), JOBS) for k in range(JOBS)]
    try:
        with multiprocessing.get_context("fork").Pool(JOBS) as pool:
            results = pool.map(_share, shares)
    finally:
        _shared = None
    warnings: dict[int, int] = {}
    anchors: dict[str, tuple] = {}
    for result in results:
        if isinstance(result, str):  # a page failed; MkDocs' message is above
            raise Abort(result)
        for level, count in result[0].items():
            warnings[level] = warnings.get(level, 0) + count
        anchors.update(result[1])
    return warnings, anchors


def _share(indexes: range):
    config, files, doc_files, nav, env = _shared
    os.environ["BULLETIN_PAGES_SHARE"] = f"{indexes.start} {JOBS}"  # hooks/progress.py
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    pages = [doc_files[i] for i in indexes]
    try:
        for file in pages:
            if file.page.content is None:
                mkdocs_build._populate_page(file.page, config, files)
        for file in pages:
            excluded = file.inclusion.is_excluded()
            mkdocs_build._build_page(file.page, config, doc_files, nav, env, excluded=excluded)
    except Exception as e:  # noqa: BLE001 - MkDocs has logged it; the parent stops the build
        return f"Aborted: {e}" if not isinstance(e, BuildError) else "Aborted with a BuildError!"
    anchors = {
        file.src_uri: (
            file.page.present_anchor_ids,
            {to.src_uri: links for to, links in (file.page.links_to_anchors or {}).items()},
        )
        for file in pages
    }
    return dict(counter.counts), anchors


def _check_anchors(config, files, doc_files, anchors: dict[str, tuple]) -> None:
    """MkDocs' check of links to anchors on other pages, with every page's anchors."""
    for file in doc_files:
        present, _links = anchors.get(file.src_uri, (None, {}))
        file.page.present_anchor_ids = present
    for file in doc_files:
        _present, links = anchors.get(file.src_uri, (None, {}))
        file.page.links_to_anchors = {
            files.get_file_from_path(uri): targets for uri, targets in links.items()
        }
        file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)


def main(argv: list[str]) -> int:
    global JOBS
    JOBS = max(1, int(argv[0]))
    mkdocs_build.build = build
    from mkdocs.__main__ import cli

    return cli.main(argv[1:], prog_name="mkdocs")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
