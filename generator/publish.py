"""`python -m generator publish --to DEST`: put the built site at DEST, a local folder or any
remote rclone reaches (SFTP, S3-compatible object storage, WebDAV, FTP …), in an order that never
shows a reader half a site.

1. new and changed assets and data (stylesheets, scripts, pictures, downloads, search pieces);
2. new and changed pages (HTML), which may now use them;
3. what points at pages: the feeds, the sitemaps and the search index's entry file;
4. only then, the files that are gone.

A publish that fails or is killed leaves every file of the previous site in place (a file is
only removed in step 4), and the next publish compares again and completes it. The comparison is
by content: bytes for a folder, the hash both sides know for a remote (without a common hash
every file is sent). A local folder is written by this module, each file to a temporary name
and renamed over the old one; a remote is written by rclone, which brings its credentials from
its own configuration or its environment variables (`RCLONE_CONFIG_<REMOTE>_...`), never from
the bulletin's repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import BulletinError
from .i18n import _, tr

# rclone's syntax: `remote:path`, or a connection string `:sftp,host=…:path`
REMOTE = re.compile(r"^(:?[\w.+@-][\w.+@ -]*)(?:,[^:]*)?:")
# what a bulletin's site holds at its top: a target holding neither is not a bulletin
MARKER = "pagefind/pagefind-entry.json"
# step 3: the files that point at pages (feeds, sitemaps, the search index's entry)
POINTERS = re.compile(
    r"(?:^|/)(?:feed\.xml|sitemap\.xml|sitemap\.xml\.gz|pagefind-entry\.json|pagefind/pieces\.json)$"
)
TEMP = ".publish-tmp"
# what a publish to a remote leaves there last: each file's size and SHA-256
MANIFEST = ".publish-manifest.json"
STEPS = ("assets and data", "pages", "feeds, sitemaps and search entry")


@dataclass
class Plan:
    """What a publish changes at the target: files to send, by step, and files to remove."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    same: int = 0

    def steps(self) -> list[list[str]]:
        """The files to send, in the three steps' order (each step sorted)."""
        steps: list[list[str]] = [[], [], []]
        for path in sorted(self.new + self.changed):
            steps[step_of(path)].append(path)
        return steps

    def summary(self) -> str:
        return tr(
            "{new} new, {changed} changed, {gone} removed, {same} unchanged",
            new=len(self.new),
            changed=len(self.changed),
            gone=len(self.gone),
            same=self.same,
        )

    def listing(self) -> list[str]:
        """One line per change, as --dry-run prints it: `+` new, `*` changed, `-` removed."""
        new = set(self.new)
        lines = [("+ " if p in new else "* ") + p for step in self.steps() for p in step]
        return lines + ["- " + p for p in sorted(self.gone)]


def step_of(path: str) -> int:
    """0 assets and data, 1 pages, 2 what points at pages (a precompressed copy goes with its
    file)."""
    base = re.sub(r"\.(?:gz|br)$", "", path) if not path.endswith("sitemap.xml.gz") else path
    if POINTERS.search(base):
        return 2
    return 1 if PurePosixPath(base).suffix == ".html" else 0


def site_files(site: Path) -> list[str]:
    """Every file of the built site, as a relative POSIX path, sorted."""
    if not (site / "index.html").is_file():
        raise BulletinError(
            tr("{site}: no built site there (no index.html); run make site first", site=site)
        )
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def is_remote(dest: str) -> bool:
    return bool(REMOTE.match(dest)) and not dest.startswith(("/", "."))


def publish(site: Path, dest: str, dry_run: bool = False, replace: bool = False) -> Plan:
    """Make DEST hold exactly the files of SITE; returns what was (or, dry, would be) done."""
    files = site_files(site)
    target: Target = Remote(dest) if is_remote(dest) else Folder(Path(dest))
    plan = target.plan(site, files)
    if target.held and not replace and MARKER not in target.held:
        raise BulletinError(
            tr(
                "{dest}: holds {count} file(s) and no bulletin ({marker} is missing); "
                "publishing would replace or remove them. Publish to the bulletin's own folder "
                "(an empty one the first time), or add --replace to replace what it holds",
                dest=dest,
                count=len(target.held),
                marker=MARKER,
            )
        )
    if dry_run:
        return plan
    for number, (name, paths) in enumerate(zip(STEPS, plan.steps(), strict=True), 1):
        step = tr("{step}: {count} file(s)", step=_(name), count=len(paths))
        print(
            tr("publish: {number}/4 {step}", number=number, step=step), file=sys.stderr, flush=True
        )
        if paths:
            target.send(site, paths)
    step = tr("{step}: {count} file(s)", step=_("removing"), count=len(plan.gone))
    print(tr("publish: {number}/4 {step}", number=4, step=step), file=sys.stderr, flush=True)
    target.remove(plan.gone)
    return plan


class Target:
    held: set[str]

    def plan(self, site: Path, files: list[str]) -> Plan: ...
    def send(self, site: Path, paths: list[str]) -> None: ...
    def remove(self, paths: list[str]) -> None: ...


class Folder(Target):
    """A folder on this machine (the web server's own, or one that is mounted): each file is
    written beside its place and renamed over it, so a reader gets the old file or the new one."""

    def __init__(self, root: Path):
        self.root = root
        if root.exists() and not root.is_dir():
            raise BulletinError(
                tr("{root}: is a file; expected the folder the site is served from", root=root)
            )

    def plan(self, site: Path, files: list[str]) -> Plan:
        held = []
        if self.root.is_dir():
            for path in self.root.rglob("*"):
                if path.name.endswith(TEMP):  # left by a publish that was killed
                    path.unlink()
                elif path.is_file() or path.is_symlink():
                    held.append(path.relative_to(self.root).as_posix())
        self.held = set(held)
        plan = Plan(gone=sorted(self.held - set(files)))
        for rel in files:
            if rel not in self.held:
                plan.new.append(rel)
            elif same_bytes(site / rel, self.root / rel):
                plan.same += 1
            else:
                plan.changed.append(rel)
        return plan

    def send(self, site: Path, paths: list[str]) -> None:
        for rel in paths:
            place = self.root / rel
            try:
                place.parent.mkdir(parents=True, exist_ok=True)
                temp = place.with_name(place.name + TEMP)
                shutil.copyfile(site / rel, temp)
                os.chmod(temp, 0o644)
                os.replace(temp, place)
            except OSError as exc:
                raise BulletinError(
                    tr(
                        "{place}: cannot be written ({reason})",
                        place=place,
                        reason=exc.strerror or exc,
                    )
                ) from None

    def remove(self, paths: list[str]) -> None:
        for rel in paths:
            (self.root / rel).unlink(missing_ok=True)
        folders = sorted({(self.root / rel).parent for rel in paths}, key=lambda p: -len(p.parts))
        for folder in folders:
            while folder != self.root and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


def same_bytes(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            chunk = fa.read(1 << 16)
            if chunk != fb.read(1 << 16):
                return False
            if not chunk:
                return True


class Remote(Target):
    """A remote of rclone's: rclone lists, sends and removes. What the target holds is known from
    one listing (names and sizes) and the manifest the last publish left there
    (`.publish-manifest.json`: each file's size and SHA-256), so a publish does not ask the
    remote to hash each file (an SFTP server runs one command per file for that, and FTP or
    WebDAV cannot at all). A file the manifest does not vouch for is compared by rclone (by a
    hash both sides know) or, if none, sent again."""

    def __init__(self, dest: str):
        self.dest = dest if dest.endswith((":", ":/")) else dest.rstrip("/")
        self.name = REMOTE.match(dest).group(1)
        if not shutil.which("rclone"):
            raise BulletinError(
                tr(
                    "{dest}: publishing to a remote needs rclone, which is not installed "
                    "(Debian: apt-get install rclone); a local folder needs no rclone",
                    dest=dest,
                )
            )
        self.secret = secret_settings()
        features = json.loads(self.rclone("backend", "features", dest, quick=True).stdout)
        self.hashes = set(features.get("Hashes") or [])
        self.buckets = bool(features.get("Features", {}).get("BucketBased"))
        # an SFTP server hashes a file by running one command for it: checking each upload
        # that way costs 25 times the upload (SSH's own integrity check guards the transfer)
        self.ssh = str(features.get("String", "")).startswith("sftp://")

    def path(self, rel: str) -> str:
        return self.dest + ("" if self.dest.endswith((":", "/")) else "/") + rel

    def rclone(self, *args: str, quick: bool = False, check: bool = True, stdin: str = ""):
        """Run rclone; a failure becomes the remote's refusal. `quick`: a read that fails at
        once rather than retrying (nothing has been sent yet)."""
        command = ["rclone", *args, "--contimeout", "20s", "--timeout", "60s"]
        if quick:
            command += ["--retries", "1", "--low-level-retries", "2"]
        run = subprocess.run(command, capture_output=True, text=True, env=self.env(), input=stdin)
        if check and run.returncode != 0:
            raise BulletinError(self.refusal(run.stderr))
        return run

    def env(self) -> dict[str, str]:
        # rclone's notice about a missing config file is noise: remotes may come from the
        # environment alone
        env = dict(os.environ, RCLONE_LOG_LEVEL=os.environ.get("RCLONE_LOG_LEVEL", "ERROR"))
        return env | self.secret

    def refusal(self, stderr: str) -> str:
        # rclone's own lines begin with a timestamp; the last of them says why it stopped
        stamp = re.compile(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d (?:[A-Z]+\s*:\s*)?")
        lines = [ln for ln in stderr.splitlines() if stamp.match(ln) and "NOTICE" not in ln]
        last = stamp.sub("", lines[-1]).strip() if lines else stderr.strip()[-300:]
        variable = "RCLONE_CONFIG_" + re.sub(r"\W", "_", self.name.lstrip(":")).upper()
        if "didn't find section in config file" in stderr:
            return tr(
                "{dest}: remote {name!r} is not configured: define it with `rclone config`, or "
                "with the variables {variable}_TYPE and the others its kind needs (in CI, from "
                "the forge's secrets)",
                dest=self.dest,
                name=self.name,
                variable=variable,
            )
        return tr(
            "{dest}: remote {name!r} refused or could not be reached: {reason}; check its "
            "address and credentials (rclone config, or {variable}_* variables)",
            dest=self.dest,
            name=self.name,
            reason=last or _("no reason given"),
            variable=variable,
        )

    def plan(self, site: Path, files: list[str]) -> Plan:
        sizes = self.listing()
        self.held = set(sizes) - {MANIFEST}
        self.manifest = {rel: fingerprint(site / rel) for rel in files}
        vouched = self.published() if MANIFEST in sizes else {}
        plan = Plan(gone=sorted(self.held - set(files)))
        unsure = []
        for rel in files:
            if rel not in sizes:
                plan.new.append(rel)
            elif rel not in vouched or vouched[rel][0] != sizes[rel]:
                unsure.append(rel)
            elif vouched[rel] == self.manifest[rel]:
                plan.same += 1
            else:
                plan.changed.append(rel)
        if unsure:
            differ = self.compare(site, unsure)
            plan.changed += differ
            plan.same += len(unsure) - len(differ)
        plan.changed.sort()
        return plan

    def listing(self) -> dict[str, int]:
        """The target's files and their sizes (none if its folder does not exist yet)."""
        run = self.rclone(
            "lsjson", "-R", "--files-only", "--no-mimetype", "--no-modtime", self.dest,
            quick=True, check=False,
        )  # fmt: skip
        if run.returncode != 0:
            if "directory not found" in run.stderr:
                return {}
            raise BulletinError(self.refusal(run.stderr))
        return {item["Path"]: item["Size"] for item in json.loads(run.stdout or "[]")}

    def published(self) -> dict[str, tuple[int, str]]:
        """What the last publish's manifest vouches for (nothing, if it cannot be read)."""
        run = self.rclone("cat", self.path(MANIFEST), quick=True, check=False)
        try:
            return {k: (v[0], v[1]) for k, v in json.loads(run.stdout)["files"].items()}
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return {}

    def compare(self, site: Path, paths: list[str]) -> list[str]:
        """Of these files, those that differ at the target (by a hash both sides know; all of
        them without one)."""
        if not self.hashes & {"md5", "sha1", "sha256", "crc32"}:
            return sorted(paths)
        with list_file(paths) as listing:
            out = self.rclone(
                "check", str(site), self.dest, "--one-way", "--files-from-raw", listing,
                "--combined", "-", quick=True, check=False,
            ).stdout  # fmt: skip
        same = {line[2:] for line in out.splitlines() if line.startswith("= ")}
        return sorted(set(paths) - same)

    def send(self, site: Path, paths: list[str]) -> None:
        with list_file(paths) as listing:
            self.rclone(
                "copy", str(site), self.dest, "--files-from-raw", listing,
                "--no-check-dest", "--no-traverse", *(["--ignore-checksum"] if self.ssh else []),
            )  # fmt: skip

    def remove(self, paths: list[str]) -> None:
        if paths:
            with list_file(paths) as listing:
                self.rclone("delete", self.dest, "--files-from-raw", listing)
        if not self.buckets:
            self.rclone("rmdirs", self.dest, "--leave-root")
        # last: the manifest vouches only for what is now there
        record = {"files": {rel: list(v) for rel, v in sorted(self.manifest.items())}}
        self.rclone("rcat", self.path(MANIFEST), stdin=json.dumps(record, indent=0) + "\n")


def secret_settings() -> dict[str, str]:
    """rclone's configuration from the CI secret RCLONE_CONF, as rclone's own variables: the
    path of a file (GitLab's "File" variables) becomes RCLONE_CONFIG; the text of an
    rclone.conf (GitHub's, Gitea's and Forgejo's secrets) becomes RCLONE_CONFIG_<REMOTE>_<KEY>
    for each of its lines, so that no copy of the secret is ever written to disk (a publish
    that is killed leaves none behind). RCLONE_CONFIG, if set, wins."""
    import configparser

    secret = os.environ.get("RCLONE_CONF", "")
    if not secret.strip() or os.environ.get("RCLONE_CONFIG"):
        return {}
    if "\n" not in secret and os.path.isfile(secret):
        return {"RCLONE_CONFIG": secret}
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(secret)
    except configparser.Error as exc:
        raise BulletinError(
            tr(
                "RCLONE_CONF: not the text of an rclone.conf ({reason}); expected [remote] "
                "sections of key = value lines, as `rclone config` writes",
                reason=str(exc).splitlines()[0],
            )
        ) from None
    settings = {"RCLONE_CONFIG": os.devnull}  # remotes from the variables only
    for section in parser.sections():
        if not re.fullmatch(r"\w+", section):
            raise BulletinError(
                tr(
                    "RCLONE_CONF: remote [{section}]: a remote given in a secret needs a name "
                    "of letters, digits and _ only (rclone reads it from variables)",
                    section=section,
                )
            )
        for key, value in parser.items(section):
            settings[f"RCLONE_CONFIG_{section.upper()}_{key.upper()}"] = value
    return settings


def fingerprint(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


class list_file:
    """A temporary file of paths, one per line, for rclone's --files-from-raw."""

    def __init__(self, paths: list[str]):
        self.paths = paths

    def __enter__(self) -> str:
        handle, self.name = tempfile.mkstemp(prefix="publish-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("".join(p + "\n" for p in self.paths))
        return self.name

    def __exit__(self, *exc) -> None:
        os.unlink(self.name)
