"""Command line: python -m generator init | check | build | verify | serve | extract | review |
new | schema | upgrade | nginx | publish | province."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from .errors import BulletinError, format_problems
from .pipeline import Generated, Paths, generate, load_bulletin, report_files


def cmd_check(paths: Paths, args) -> int:
    _, problems = load_bulletin(paths)
    failing = [p for p in problems if p.severity == "error" or args.strict]
    if problems or args.format == "text":
        print(format_problems(problems, args.format), file=sys.stderr if failing else sys.stdout)
    return 1 if failing else 0


def _generate(paths: Paths, show_timings: bool = False) -> Generated:
    """Check and write content/; raises DataErrors (nothing written) on any error."""
    timings: dict[str, float] = {}
    result = generate(paths, timings)
    problems, written, removed = result.problems, result.written, result.removed
    for p in problems:
        print(p.text(), file=sys.stderr)
    print(f"content/: {len(written)} of {timings['files']} file(s) written, {len(removed)} removed")
    if not report_files(paths.data):
        regions = sorted(p.name for p in (paths.data / "reports").glob("*") if p.is_dir())
        region = regions[0] if regions else "REGION"
        print(
            "no reports yet: draft one from the report you received with\n"
            f"  python -m generator extract REPORT.docx --region {region} "
            f"> data/reports/{region}/2026-q3.yaml\n"
            f"or start an empty one: python -m generator new report --region {region} "
            "--period 2026-Q3"
        )
    if show_timings:
        print("timings: " + " ".join(f"{k}={v:.3f}" for k, v in timings.items() if k != "files"))
    return result


def cmd_generate(paths: Paths, args) -> int:
    """Check and write content/ without building the site (the generator stage alone)."""
    _generate(paths, show_timings=args.timings)
    return 0


def cmd_build(paths: Paths, args) -> int:
    from .site import build_site

    generated = _generate(paths)
    try:
        print("mkdocs: building the site ...", flush=True)
        site = build_site(
            paths.root,
            generated.latest,
            generated.script,
            precompress=True if args.precompress else None,
            jobs=args.jobs,
        )
    except subprocess.CalledProcessError:
        raise BulletinError(
            "mkdocs build failed (its message is above); site/ is as it was."
        ) from None
    except OSError as exc:
        raise BulletinError(
            f"cannot write the site: {exc.filename or ''} "
            f"{exc.strerror or exc}; site/ is as it was."
        ) from None
    print(f"site built: {site}/index.html")
    return 0


def cmd_serve(paths: Paths, args) -> int:
    """Live preview: a save in data/ or templates/ regenerates content/, then one MkDocs build."""
    from .preview import Preview

    host, _, port = args.addr.rpartition(":")
    if not port.isdigit():
        raise BulletinError(f"--addr {args.addr!r}: expected host:port, e.g. 127.0.0.1:8000")
    preview = Preview(paths, report=lambda text: print(text, file=sys.stderr, flush=True))
    preview.refresh(force=True)  # the preview starts on errors too, and shows the last good pages
    return preview.serve(host or "127.0.0.1", int(port))


def cmd_schema(paths: Paths, args) -> int:
    from .schema import write_schemas

    for path in write_schemas(paths.root):
        print(f"wrote {path.relative_to(paths.root)}")
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
        raise BulletinError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    from .i18n import tr

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
    print(f"wrote {path.relative_to(paths.root)}: fill it in, then run python -m generator check")
    return 0


def cmd_verify(paths: Paths, args) -> int:
    """Check a built site before it is published: one line a fault, non-zero if any."""
    from .verify import verify

    site = (args.site or paths.site).resolve()
    if not site.is_dir():
        raise BulletinError(f"{site}: no such folder; expected a built site (make site)")
    faults = verify(site)
    for fault in faults:
        print(fault, file=sys.stderr)
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"verify: {len(faults)} fault(s) in {pages} pages of {site}")
    return 1 if faults else 0


def cmd_init(paths: Paths, args) -> int:
    from .init import init

    folder = init(args.folder, args.region, args.name, args.kind, args.script, args.tool)
    print(f"wrote a new bulletin in {folder}; next: cd {folder} && make site")
    return 0


def cmd_nginx(paths: Paths, args) -> int:
    from .nginx import nginx_config

    site = (args.site or paths.site).resolve()
    sys.stdout.write(nginx_config(site, args.prefix, args.served_from, brotli=args.brotli))
    return 0


def cmd_publish(paths: Paths, args) -> int:
    """Put the built site at DEST (--to, or bulletin.yml's publish_to); --dry-run lists the
    changes; --where prints the configured DEST (nothing if there is none), for CI."""
    from .i18n import tr
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
    print("wrote tool.txt, requirements.lock and schemas/; next: make site")
    return 0


def cmd_province(paths: Paths, args) -> int:
    from . import province

    if args.list:
        print(json.dumps(province.shard_ids(args.list.resolve())))
    if args.split:
        for shard in province.split(args.split.resolve(), args.out.resolve()):
            print(f"shard: {shard}")
    for shard in args.build or []:
        print(f"built: {province.build(shard.resolve())}")
    if args.assemble:
        # a shard's name: its folder's (SHARD/site: SHARD's)
        sites = {
            (s.parent.name if s.name == "site" else s.name): s
            for s in (site.resolve() for site in args.assemble)
        }
        site = province.assemble(args.out.resolve(), sites, paths.root)
        print(f"province built: {site}/index.html")
    return 0


def jobs_arg(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 256:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a number of jobs, 1 to 256")
    return int(text)


def path_arg(text: str) -> Path:
    """A file or folder named on the command line (argparse says what is wrong with it)."""
    if "\0" in text:
        raise argparse.ArgumentTypeError("a file name cannot hold a NUL character")
    return Path(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=path_arg, default=Path.cwd(), help="project folder")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate data/ without building")
    check.add_argument("--format", choices=["text", "github"], default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    build = sub.add_parser("build", help="check, generate content/, build site/")
    build.add_argument(
        "--precompress",
        action="store_true",
        help="also write .gz and .br copies of every text file (bulletin.yml: precompress: true)",
    )
    build.add_argument(
        "--jobs",
        type=jobs_arg,
        help="builds at once (default: the cores this process may use; bulletin.yml: jobs)",
    )
    gen = sub.add_parser("generate", help="check and write content/ only")
    gen.add_argument("--timings", action="store_true", help="print the seconds of each stage")
    serve = sub.add_parser("serve", help="live preview")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    sub.add_parser("schema", help="write the JSON Schemas of the data files to schemas/")
    ext = sub.add_parser("extract", help="print a draft report YAML from a report's text")
    ext.add_argument(
        "report",
        type=path_arg,
        help="the report: .txt (UTF-8, GB18030, Big5), .docx, .pdf with a text "
        "layer, or a project schedule as .xlsx or .csv",
    )
    ext.add_argument("--region", help="region id from data/regions.yaml")
    ext.add_argument("--part", help="which part of a document with several (篇一, 篇二 …)")
    rev = sub.add_parser("review", help="the source with every number the draft uses marked")
    rev.add_argument("draft", type=path_arg, help="the draft (or report) YAML file")
    rev.add_argument(
        "source", type=path_arg, help="the report it was made from (any kind extract reads)"
    )
    rev.add_argument(
        "-o", "--output", type=path_arg, help="the HTML file (default: DRAFT.review.html)"
    )
    new = sub.add_parser("new", help="write a new data file with every field commented")
    new.add_argument("kind", choices=["report"])
    new.add_argument("--region", required=True, help="region id from data/regions.yaml")
    new.add_argument("--period", required=True, help="2005-Q2, 2005-H1, 2005-M08 or 2005")
    ver = sub.add_parser("verify", help="check a built site: links, assets, hosts, XML, data")
    ver.add_argument("site", type=path_arg, nargs="?", help="the built site (default: site/)")
    ini = sub.add_parser("init", help="write a new bulletin in an empty folder")
    ini.add_argument("folder", type=path_arg, help="the new bulletin's folder (empty or new)")
    ini.add_argument("--region", required=True, help="the region's id: a slug such as hexi")
    ini.add_argument("--name", required=True, help="the region's name, e.g. 河西县")
    ini.add_argument("--kind", required=True, help="what the region is: 县, 区, 市 …")
    ini.add_argument("--script", default="hans", help="hans (Simplified, default) or hant")
    ini.add_argument("--tool", help="the pip requirement of the tool (a wheel's path or URL)")
    ngx = sub.add_parser("nginx", help="print the nginx location block that serves the site")
    ngx.add_argument("--prefix", default="/", help="the column's path on the portal, e.g. /tzgb/")
    ngx.add_argument(
        "--root", required=True, dest="served_from", help="where the server keeps the files"
    )
    ngx.add_argument("--site", type=path_arg, help="the built site it is made from (default site/)")
    ngx.add_argument("--brotli", action="store_true", help="also brotli_static (its module)")
    pub = sub.add_parser("publish", help="put the built site at a folder or an rclone remote")
    pub.add_argument(
        "--to", help="a folder, or an rclone remote: name:path (default: bulletin.yml's publish_to)"
    )
    pub.add_argument("--where", action="store_true", help="print publish_to of bulletin.yml")
    pub.add_argument("--site", type=path_arg, help="the built site to publish (default site/)")
    pub.add_argument("--dry-run", action="store_true", help="list what would change, send nothing")
    pub.add_argument(
        "--replace",
        action="store_true",
        help="let it remove a target's files that are no bulletin's",
    )
    upg = sub.add_parser("upgrade", help="pin another version of the tool (make upgrade)")
    upg.add_argument("--tool", required=True, help="the new tool's wheel, URL or name==version")
    prov = sub.add_parser("province", help="shards of a province and their common site")
    prov.add_argument("--out", type=path_arg, default=Path(".province"), help="where it goes")
    prov.add_argument(
        "--list", type=path_arg, help="print this root's shards (its region ids), JSON"
    )
    prov.add_argument(
        "--split", type=path_arg, help="make one shard per region of this root's data"
    )
    prov.add_argument("--build", type=path_arg, nargs="*", help="build these shards (their roots)")
    prov.add_argument(
        "--assemble",
        type=path_arg,
        nargs="*",
        help="the built shard sites (SHARD/site) to put together",
    )
    args = parser.parse_args(argv)
    from .i18n import choose

    choose(args.root)  # the editor's language: the locale, else the bulletin's script
    if not args.root.is_dir():
        parser.error(f"--root {args.root}: no such folder; expected the project folder")
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
            "interrupted; content/ and site/ are whole (each is replaced only when done)",
            file=sys.stderr,
        )
        return 130


if __name__ == "__main__":
    sys.exit(main())
