"""Command line: python -m generator init | check | build | verify | serve | extract | review |
new | schema | upgrade | nginx | publish | province."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from .errors import BulletinError, format_problems
from .i18n import _, choose, tr
from .pipeline import Generated, Paths, generate, load_bulletin, report_files


def cmd_check(paths: Paths, args) -> int:
    _bulletin, problems = load_bulletin(paths)
    failing = [p for p in problems if p.severity == "error" or args.strict]
    if problems or args.format == "text":
        print(format_problems(problems, args.format), file=sys.stderr if failing else sys.stdout)
    return 1 if failing else 0


def _generate(paths: Paths, show_timings: bool = False, jobs: int | None = None) -> Generated:
    """Check and write content/; raises DataErrors (nothing written) on any error. The pages
    are rendered by `jobs` processes (default: bulletin.yml's jobs, else the cores)."""
    from .settings import read_settings
    from .site import cores

    timings: dict[str, float] = {}
    result = generate(paths, timings, jobs=jobs or read_settings(paths.root).jobs or cores())
    problems, written, removed = result.problems, result.written, result.removed
    for p in problems:
        print(p.text(), file=sys.stderr)
    print(
        tr(
            "content/: {written} of {files} file(s) written, {removed} removed",
            written=len(written),
            files=timings["files"],
            removed=len(removed),
        )
    )
    if not report_files(paths.data):
        regions = sorted(p.name for p in (paths.data / "reports").glob("*") if p.is_dir())
        region = regions[0] if regions else "REGION"
        print(
            tr(
                "no reports yet: draft one from the report you received with\n"
                "  python -m generator extract REPORT.docx --region {region} "
                "> data/reports/{region}/2026-q3.yaml\n"
                "or start an empty one: python -m generator new report --region {region} "
                "--period 2026-Q3",
                region=region,
            )
        )
    if show_timings:
        print(
            _("timings:")
            + " "
            + " ".join(f"{k}={v:.3f}" for k, v in timings.items() if k != "files")
        )
    return result


def cmd_generate(paths: Paths, args) -> int:
    """Check and write content/ without building the site (the generator stage alone)."""
    _generate(paths, show_timings=args.timings, jobs=args.jobs)
    return 0


def cmd_build(paths: Paths, args) -> int:
    from .site import build_site

    started = time.perf_counter()
    generated = _generate(paths, jobs=args.jobs)
    timings = {"generate": time.perf_counter() - started}
    try:
        print(_("mkdocs: building the site ..."), flush=True)
        site = build_site(
            paths.root,
            generated.latest,
            generated.script,
            precompress=True if args.precompress else None,
            jobs=args.jobs,
            timings=timings,
        )
    except subprocess.CalledProcessError:
        raise BulletinError(
            _("mkdocs build failed (its message is above); site/ is as it was.")
        ) from None
    except OSError as exc:
        raise BulletinError(
            tr(
                "cannot write the site: {file} {why}; site/ is as it was.",
                file=exc.filename or "",
                why=exc.strerror or exc,
            )
        ) from None
    print(tr("site built: {page}", page=f"{site}/index.html"))
    if args.timings:
        print(_("timings:") + " " + " ".join(f"{k}={v:.3f}" for k, v in timings.items()))
    return 0


def cmd_serve(paths: Paths, args) -> int:
    """Live preview: a save in data/ or templates/ regenerates content/, then one MkDocs build."""
    from .preview import Preview

    host, _colon, port = args.addr.rpartition(":")
    if not port.isdigit():
        raise BulletinError(
            tr("--addr {addr!r}: expected host:port, e.g. 127.0.0.1:8000", addr=args.addr)
        )
    preview = Preview(paths, report=lambda text: print(text, file=sys.stderr, flush=True))
    preview.refresh(force=True)  # the preview starts on errors too, and shows the last good pages
    return preview.serve(host or "127.0.0.1", int(port))


def cmd_schema(paths: Paths, args) -> int:
    from .schema import write_schemas

    for path in write_schemas(paths.root):
        print(tr("wrote {path}", path=path.relative_to(paths.root)))
    return 0


def cmd_extract(paths: Paths, args) -> int:
    from .extract import extract_document, to_yaml
    from .readers import read_document

    document = read_document(args.report)
    draft = extract_document(document, part=args.part, region=args.region)
    sys.stdout.write(to_yaml(draft))
    return 0


def cmd_review(paths: Paths, args) -> int:
    from .review import review_page

    page, counts = review_page(args.draft, args.source)
    target = args.output or args.draft.with_suffix(".review.html")
    try:
        target.write_text(page, "utf-8")
    except OSError as exc:
        raise BulletinError(
            tr("{target}: cannot be written ({why})", target=target, why=exc.strerror or exc)
        ) from None
    print(
        tr(
            "wrote {target}: {used} numbers used, {unused} not used, {invented} draft values "
            "not written in the source; open it in a browser",
            target=target,
            **counts,
        )
    )
    return 0


def cmd_new(paths: Paths, args) -> int:
    from .scaffold import new_report

    path = new_report(paths.root, args.region, args.period)
    print(
        tr(
            "wrote {path}: fill it in, then run python -m generator check",
            path=path.relative_to(paths.root),
        )
    )
    return 0


def cmd_verify(paths: Paths, args) -> int:
    """Check a built site before it is published: one line a fault, non-zero if any."""
    from .verify import verify

    site = (args.site or paths.site).resolve()
    if not site.is_dir():
        raise BulletinError(
            tr("{site}: no such folder; expected a built site (make site)", site=site)
        )
    faults = verify(site)
    for fault in faults:
        print(fault, file=sys.stderr)
    pages = sum(1 for _page in site.rglob("*.html"))
    print(
        tr(
            "verify: {faults} fault(s) in {pages} pages of {site}",
            faults=len(faults),
            pages=pages,
            site=site,
        )
    )
    return 1 if faults else 0


def cmd_init(paths: Paths, args) -> int:
    from .init import init

    folder = init(args.folder, args.region, args.name, args.kind, args.script, args.tool)
    print(tr("wrote a new bulletin in {folder}; next: cd {folder} && make site", folder=folder))
    return 0


def cmd_nginx(paths: Paths, args) -> int:
    from .nginx import nginx_config

    site = (args.site or paths.site).resolve()
    sys.stdout.write(nginx_config(site, args.prefix, args.served_from, brotli=args.brotli))
    return 0


def cmd_publish(paths: Paths, args) -> int:
    """Put the built site at DEST (--to, or bulletin.yml's publish_to); --dry-run lists the
    changes; --where prints the configured DEST (nothing if there is none), for CI."""
    from .publish import is_remote, publish
    from .settings import read_settings

    if args.where:
        print(read_settings(paths.root).publish_to)
        return 0
    dest = args.to if args.to is not None else read_settings(paths.root).publish_to
    if not dest:
        raise BulletinError(
            tr(
                "publish: where to? give --to DEST, or set publish_to in bulletin.yml "
                "(a folder, or an rclone remote and its path such as county:/srv/www/tzgb)"
            )
        )
    if "\0" in dest or "\n" in dest or not dest.strip() or dest.startswith("-"):
        raise BulletinError(
            tr("--to {dest!r}: expected a folder or an rclone remote (name:path)", dest=dest)
        )
    if not is_remote(dest) and not Path(dest).is_absolute():
        dest = str(paths.root / dest)
    site = (args.site or paths.site).resolve()
    plan = publish(site, dest, dry_run=args.dry_run, replace=args.replace)
    if args.dry_run:
        for line in plan.listing():
            print(line)
        print(
            tr("publish --dry-run: {summary}; nothing was sent", summary=plan.summary()),
            file=sys.stderr,
        )
    else:
        print(
            tr(
                "publish: {site} is at {dest}: {summary}",
                site=site,
                dest=dest,
                summary=plan.summary(),
            ),
            file=sys.stderr,
        )
    return 0


def cmd_upgrade(paths: Paths, args) -> int:
    from .init import pin

    pin(paths.root, args.tool)
    print(_("wrote tool.txt, requirements.lock and schemas/; next: make site"))
    return 0


def cmd_province(paths: Paths, args) -> int:
    from . import province

    if args.list:
        print(json.dumps(province.shard_ids(args.list.resolve())))
    if args.split:
        for shard in province.split(args.split.resolve(), args.out.resolve()):
            print(tr("shard: {shard}", shard=shard))
    for shard in args.build or []:
        print(tr("built: {site}", site=province.build(shard.resolve())))
    if args.assemble:
        # a shard's name: its folder's (SHARD/site: SHARD's)
        sites = {
            (s.parent.name if s.name == "site" else s.name): s
            for s in (site.resolve() for site in args.assemble)
        }
        site = province.assemble(args.out.resolve(), sites, paths.root)
        print(tr("province built: {page}", page=f"{site}/index.html"))
    return 0


def jobs_arg(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 256:
        raise argparse.ArgumentTypeError(
            tr("{text!r}: expected a number of jobs, 1 to 256", text=text)
        )
    return int(text)


def path_arg(text: str) -> Path:
    """A file or folder named on the command line (argparse says what is wrong with it)."""
    if "\0" in text:
        raise argparse.ArgumentTypeError(_("a file name cannot hold a NUL character"))
    return Path(text)


def choose_language(argv: list[str] | None) -> None:
    """The editor's language, before any help or error is worded: the locale, else the
    settings of the bulletin that --root (before the command) names, else the current one's."""
    words = list(sys.argv[1:] if argv is None else argv)
    root = Path.cwd()
    for i, word in enumerate(words):
        if not word.startswith("-"):
            break  # the command: its own options (nginx --root) are not the bulletin's
        if word == "--root" and i + 1 < len(words):
            root = Path(words[i + 1])
        elif word.startswith("--root="):
            root = Path(word.removeprefix("--root="))
    choose(root if "\0" not in str(root) and root.is_dir() else None)
    argparse._ = _  # argparse's own words (usage, options, its errors) through the catalogue


def main(argv: list[str] | None = None) -> int:
    choose_language(argv)
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description=_(
            "The investment bulletin: check the data, build the site, draft a report, publish."
        ),
    )
    parser.add_argument("--root", type=path_arg, default=Path.cwd(), help=_("project folder"))
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help=_("validate data/ without building"))
    check.add_argument("--format", choices=["text", "github"], default="text")
    check.add_argument("--strict", action="store_true", help=_("warnings fail too"))
    build = sub.add_parser("build", help=_("check, generate content/, build site/"))
    build.add_argument(
        "--precompress",
        action="store_true",
        help=_(
            "also write .gz and .br copies of every text file (bulletin.yml: precompress: true)"
        ),
    )
    build.add_argument(
        "--jobs",
        type=jobs_arg,
        help=_("builds at once (default: the cores this process may use; bulletin.yml: jobs)"),
    )
    build.add_argument("--timings", action="store_true", help=_("print the seconds of each stage"))
    gen = sub.add_parser("generate", help=_("check and write content/ only"))
    gen.add_argument("--timings", action="store_true", help=_("print the seconds of each stage"))
    gen.add_argument("--jobs", type=jobs_arg, help=_("pages rendered at once (default: the cores)"))
    serve = sub.add_parser("serve", help=_("live preview"))
    serve.add_argument("--addr", default="127.0.0.1:8000")
    sub.add_parser("schema", help=_("write the JSON Schemas of the data files to schemas/"))
    ext = sub.add_parser("extract", help=_("print a draft report YAML from a report's text"))
    ext.add_argument(
        "report",
        type=path_arg,
        help=_(
            "the report: .txt (UTF-8, GB18030, Big5), .docx, .pdf with a text "
            "layer, or a project schedule as .xlsx or .csv"
        ),
    )
    ext.add_argument("--region", help=_("region id from data/regions.yaml"))
    ext.add_argument("--part", help=_("which part of a document with several (篇一, 篇二 …)"))
    rev = sub.add_parser("review", help=_("the source with every number the draft uses marked"))
    rev.add_argument("draft", type=path_arg, help=_("the draft (or report) YAML file"))
    rev.add_argument(
        "source", type=path_arg, help=_("the report it was made from (any kind extract reads)")
    )
    rev.add_argument(
        "-o", "--output", type=path_arg, help=_("the HTML file (default: DRAFT.review.html)")
    )
    new = sub.add_parser("new", help=_("write a new data file with every field commented"))
    new.add_argument("kind", choices=["report"])
    new.add_argument("--region", required=True, help=_("region id from data/regions.yaml"))
    new.add_argument("--period", required=True, help=_("2005-Q2, 2005-H1, 2005-M08 or 2005"))
    ver = sub.add_parser("verify", help=_("check a built site: links, assets, hosts, XML, data"))
    ver.add_argument("site", type=path_arg, nargs="?", help=_("the built site (default: site/)"))
    ini = sub.add_parser("init", help=_("write a new bulletin in an empty folder"))
    ini.add_argument("folder", type=path_arg, help=_("the new bulletin's folder (empty or new)"))
    ini.add_argument("--region", required=True, help=_("the region's id: a slug such as hexi"))
    ini.add_argument("--name", required=True, help=_("the region's name, e.g. 河西县"))
    ini.add_argument("--kind", required=True, help=_("what the region is: 县, 区, 市 …"))
    ini.add_argument("--script", default="hans", help=_("hans (Simplified, default) or hant"))
    ini.add_argument("--tool", help=_("the pip requirement of the tool (a wheel's path or URL)"))
    ngx = sub.add_parser("nginx", help=_("print the nginx location block that serves the site"))
    ngx.add_argument(
        "--prefix", default="/", help=_("the column's path on the portal, e.g. /tzgb/")
    )
    ngx.add_argument(
        "--root", required=True, dest="served_from", help=_("where the server keeps the files")
    )
    ngx.add_argument(
        "--site", type=path_arg, help=_("the built site it is made from (default site/)")
    )
    ngx.add_argument("--brotli", action="store_true", help=_("also brotli_static (its module)"))
    pub = sub.add_parser("publish", help=_("put the built site at a folder or an rclone remote"))
    pub.add_argument(
        "--to",
        help=_("a folder, or an rclone remote: name:path (default: bulletin.yml's publish_to)"),
    )
    pub.add_argument("--where", action="store_true", help=_("print publish_to of bulletin.yml"))
    pub.add_argument("--site", type=path_arg, help=_("the built site to publish (default site/)"))
    pub.add_argument(
        "--dry-run", action="store_true", help=_("list what would change, send nothing")
    )
    pub.add_argument(
        "--replace",
        action="store_true",
        help=_("let it remove a target's files that are no bulletin's"),
    )
    upg = sub.add_parser("upgrade", help=_("pin another version of the tool (make upgrade)"))
    upg.add_argument("--tool", required=True, help=_("the new tool's wheel, URL or name==version"))
    prov = sub.add_parser("province", help=_("shards of a province and their common site"))
    prov.add_argument("--out", type=path_arg, default=Path(".province"), help=_("where it goes"))
    prov.add_argument(
        "--list", type=path_arg, help=_("print this root's shards (its region ids), JSON")
    )
    prov.add_argument(
        "--split", type=path_arg, help=_("make one shard per region of this root's data")
    )
    prov.add_argument(
        "--build", type=path_arg, nargs="*", help=_("build these shards (their roots)")
    )
    prov.add_argument(
        "--assemble",
        type=path_arg,
        nargs="*",
        help=_("the built shard sites (SHARD/site) to put together"),
    )
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(
            tr("--root {root}: no such folder; expected the project folder", root=args.root)
        )
    paths = Paths(args.root.resolve())
    command = {
        "check": cmd_check,
        "build": cmd_build,
        "serve": cmd_serve,
        "schema": cmd_schema,
        "extract": cmd_extract,
        "new": cmd_new,
        "review": cmd_review,
        "generate": cmd_generate,
        "province": cmd_province,
        "verify": cmd_verify,
        "init": cmd_init,
        "upgrade": cmd_upgrade,
        "nginx": cmd_nginx,
        "publish": cmd_publish,
    }[args.command]
    try:
        return command(paths, args)
    except BulletinError as exc:  # the one error type a user fixes: its message, no traceback
        print(exc, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(
            _("interrupted; content/ and site/ are whole (each is replaced only when done)"),
            file=sys.stderr,
        )
        return 130


if __name__ == "__main__":
    sys.exit(main())
