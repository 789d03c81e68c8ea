"""`python -m generator publish --to DEST`: a folder, a real SFTP server (Debian's sshd, started
here on 127.0.0.1 with keys made for the test) and an S3-compatible server (moto's, here) each end
up holding exactly the built site, twice over with a report changed in between; a publish killed
part-way leaves every file of the previous site whole; a missing or refusing remote is named."""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.publish import MANIFEST
from tests.conftest import ROOT
from tests.servers import free_port

TEXT = ROOT / "tests" / "fixtures" / "county" / "hexi-2026-m09.txt"
SSHD = Path("/usr/sbin/sshd")


def quiet(argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(argv)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """A small county's site as first built (two reports), and again after its September
    report's title was corrected and its August report was withdrawn."""
    root = tmp_path_factory.mktemp("publish") / "hexi"
    assert quiet(["init", str(root), "--region", "hexi", "--name", "河西县", "--kind", "县"]) == 0
    draft = io.StringIO()
    with contextlib.redirect_stdout(draft):
        assert main(["--root", str(root), "extract", str(TEXT), "--region", "hexi"]) == 0
    reports = root / "data/reports/hexi"
    september = draft.getvalue()
    (reports / "2026-m09.yaml").write_text(september, "utf-8")
    august = september.replace("1—9月", "1—8月").replace("2026-09-30", "2026-08-31")
    (reports / "2026-m08.yaml").write_text(august, "utf-8")
    assert quiet(["--root", str(root), "build"]) == 0
    first = Path(shutil.copytree(root / "site", root.parent / "first"))
    (reports / "2026-m08.yaml").unlink()
    assert "运行情况的报告" in september
    corrected = september.replace("运行情况的报告", "运行情况的报告（更正）")
    (reports / "2026-m09.yaml").write_text(corrected, "utf-8")
    assert quiet(["--root", str(root), "build"]) == 0
    return first, Path(shutil.copytree(root / "site", root.parent / "second"))


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def remote_files(folder: Path, whole: bool = True) -> dict[str, bytes]:
    """What a remote target holds, the manifest the publish leaves there aside; after a whole
    publish, that manifest lists exactly those files, with their sizes and SHA-256."""
    held = files(folder)
    manifest = json.loads(held.pop(MANIFEST))["files"]
    if whole:
        assert manifest == {p: [len(b), hashlib.sha256(b).hexdigest()] for p, b in held.items()}
    return held


def publish(site: Path, dest: str, *more: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["publish", "--site", str(site), "--to", dest, *more])
    return code, out.getvalue(), err.getvalue()


def changes(old: Path, new: Path) -> list[tuple[str, str]]:
    before, after = files(old), files(new)
    return (
        [("+", p) for p in after.keys() - before.keys()]
        + [("*", p) for p in after.keys() & before.keys() if after[p] != before[p]]
        + [("-", p) for p in before.keys() - after.keys()]
    )


def publish_twice(sites, dest: str, read, kill: bool) -> None:
    """Publish the first site, then the second: each time the target holds exactly it. With
    `kill`, a publish of the second is first killed as soon as it starts on the pages: every
    file the first site had is still there, whole (the old bytes or the new), and the next
    publish completes it."""
    first, second = sites
    code, _, err = publish(first, dest)
    assert code == 0, err
    assert read() == files(first)
    code, listing, err = publish(second, dest, "--dry-run")
    assert code == 0, err
    assert read() == files(first), "a dry run changed the target"
    lines = listing.splitlines()
    assert "- reports/hexi/2026-m08/index.html" in lines  # the withdrawn report's page
    assert "* reports/hexi/2026-m09/index.html" in lines  # the corrected one's
    expected = {f"{mark} {path}" for mark, path in changes(first, second)}
    assert set(lines) == expected
    if kill:
        killed_part_way(sites, dest, read)
    code, _, err = publish(second, dest)
    assert code == 0, err
    assert read() == files(second)
    assert "0 new, 0 changed, 0 removed" in publish(second, dest)[2]


def killed_part_way(sites, dest: str, read) -> None:
    first, second = sites
    old, new = files(first), files(second)
    run = subprocess.Popen(
        [sys.executable, "-m", "generator", "publish", "--site", str(second), "--to", dest],
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        start_new_session=True,  # as a CI runner cancels a job: the whole process group
    )
    for line in run.stderr:
        if line.startswith("publish: 2/4"):
            os.killpg(run.pid, signal.SIGKILL)
            break
    run.wait()
    run.stderr.close()
    assert run.returncode == -signal.SIGKILL, "the publish ended before it could be killed"
    held = read(whole=False)
    for path, data in old.items():
        assert path in held, f"{path}: served before the publish, gone after it was killed"
        assert held[path] in (data, new.get(path)), f"{path}: cut short"


def test_a_folder_holds_exactly_the_site_and_a_killed_publish_leaves_it_served(sites, tmp_path):
    target = tmp_path / "srv" / "tzgb"
    publish_twice(sites, str(target), lambda whole=True: files(target), kill=True)


def test_a_folder_that_is_not_a_bulletin_is_left_alone(sites, tmp_path):
    portal = tmp_path / "portal"
    portal.mkdir()
    (portal / "index.html").write_text("the portal's own front page")
    code, _, err = publish(sites[0], str(portal))
    assert code == 1
    assert "holds 1 file(s) and no bulletin" in err and "--replace" in err
    assert files(portal) == {"index.html": b"the portal's own front page"}
    assert publish(sites[0], str(portal), "--replace")[0] == 0
    assert files(portal) == files(sites[0])


def test_the_settings_say_where_to_publish(sites, tmp_path, capsys):
    root = tmp_path / "hexi"
    shutil.copytree(sites[0], root / "site")
    settings = root / "bulletin.yml"
    settings.write_text("site_name: 河西县固定资产投资公报\n", "utf-8")
    assert main(["--root", str(root), "publish"]) == 1
    assert "publish: where to? give --to DEST, or set publish_to" in capsys.readouterr().err
    assert main(["--root", str(root), "publish", "--where"]) == 0
    assert capsys.readouterr().out == "\n"  # CI reads "nothing" as: not published here
    settings.write_text("site_name: 河西县固定资产投资公报\npublish_to: www/tzgb\n", "utf-8")
    assert main(["--root", str(root), "publish", "--where"]) == 0
    assert capsys.readouterr().out == "www/tzgb\n"
    assert main(["--root", str(root), "publish"]) == 0  # a relative folder: the bulletin's
    assert files(root / "www" / "tzgb") == files(sites[0])
    capsys.readouterr()
    settings.write_text("site_name: 河西县\npublish_to: --config=/etc/passwd\n", "utf-8")
    assert main(["--root", str(root), "publish"]) == 1
    assert capsys.readouterr().err.startswith("bulletin.yml:2:13: publish_to: ")


def test_an_unbuilt_site_is_refused(tmp_path):
    code, _, err = publish(tmp_path, str(tmp_path / "out"))
    assert code == 1 and "no built site there" in err and "make site" in err


def wait_for(port: int, server: subprocess.Popen) -> None:
    for _ in range(100):
        assert server.poll() is None, "the server stopped"
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    """Debian's OpenSSH server on 127.0.0.1, with a host key and a user key made here; yields
    the rclone variables of a remote `county` that reaches it, and the key folder."""
    if not SSHD.exists():
        pytest.fail("Debian's openssh-server is missing: apt-get install -y openssh-server")
    keys = tmp_path_factory.mktemp("sshd")
    for name in ("host", "user", "stranger"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys / name], check=True
        )
    shutil.copy(keys / "user.pub", keys / "authorized_keys")
    port = free_port()
    (keys / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'host'}\n"
        f"AuthorizedKeysFile {keys / 'authorized_keys'}\nPidFile {keys / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        f"StrictModes no\nPermitRootLogin prohibit-password\nAllowUsers {getpass.getuser()}\n"
        "Subsystem sftp internal-sftp\n"
    )
    host_key = (keys / "host.pub").read_text().split()
    (keys / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}\n")
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    log = (keys / "sshd.log").open("wb")
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", keys / "sshd_config"], stderr=log)
    try:
        wait_for(port, server)
        yield (
            {
                "RCLONE_CONFIG_COUNTY_TYPE": "sftp",
                "RCLONE_CONFIG_COUNTY_HOST": "127.0.0.1",
                "RCLONE_CONFIG_COUNTY_PORT": str(port),
                "RCLONE_CONFIG_COUNTY_USER": getpass.getuser(),
                "RCLONE_CONFIG_COUNTY_KEY_FILE": str(keys / "user"),
                "RCLONE_CONFIG_COUNTY_KNOWN_HOSTS_FILE": str(keys / "known_hosts"),
            },
            keys,
        )
    finally:
        server.terminate()
        server.wait(10)
        log.close()


def test_an_sftp_server_holds_exactly_the_site(sites, sshd, tmp_path, monkeypatch):
    remote, _ = sshd
    for name, value in remote.items():
        monkeypatch.setenv(name, value)
    target = tmp_path / "www" / "tzgb"  # the server's folder: sshd runs on this machine
    # rclone 1.60 (Debian 12's) writes an SFTP file in place: a kill can cut the one in flight
    publish_twice(sites, f"county:{target}", lambda: remote_files(target), kill=False)


def test_a_refusing_or_missing_remote_is_named(sites, sshd, tmp_path, monkeypatch):
    remote, keys = sshd
    for name, value in remote.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("RCLONE_CONFIG_COUNTY_KEY_FILE", str(keys / "stranger"))
    code, _, err = publish(sites[0], f"county:{tmp_path}/x")
    assert code == 1
    assert err.startswith(f"county:{tmp_path}/x: remote 'county' refused or could not be reached")
    assert "unable to authenticate" in err and "RCLONE_CONFIG_COUNTY_*" in err
    assert not (tmp_path / "x").exists()
    code, _, err = publish(sites[0], "nowhere:tzgb")
    assert code == 1
    assert "remote 'nowhere' is not configured" in err and "RCLONE_CONFIG_NOWHERE_TYPE" in err


@pytest.fixture(scope="module")
def s3():
    """An S3-compatible server (moto's) on 127.0.0.1 with a bucket; the rclone variables of a
    remote `oss` that reaches it."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    remote = {
        "RCLONE_CONFIG_OSS_TYPE": "s3",
        "RCLONE_CONFIG_OSS_PROVIDER": "Other",
        "RCLONE_CONFIG_OSS_ENDPOINT": f"http://{host}:{port}",
        "RCLONE_CONFIG_OSS_ACCESS_KEY_ID": "county-ci",
        "RCLONE_CONFIG_OSS_SECRET_ACCESS_KEY": "not-a-real-secret",
        "RCLONE_CONFIG_OSS_REGION": "us-east-1",
    }
    env = dict(os.environ, **remote)
    env.pop("AWS_CA_BUNDLE", None)  # the server is plain http, here
    subprocess.run(["rclone", "mkdir", "oss:bulletin"], check=True, env=env, capture_output=True)
    try:
        yield remote
    finally:
        server.stop()


def bucket_reader(prefix: str, env: dict[str, str], into: Path):
    def read(whole: bool = True) -> dict[str, bytes]:
        shutil.rmtree(into, ignore_errors=True)
        subprocess.run(["rclone", "copy", prefix, str(into)], check=True, env=env)
        return remote_files(into, whole) if into.exists() else {}

    return read


def test_object_storage_holds_exactly_the_site_and_a_killed_publish_leaves_it_served(
    sites, s3, tmp_path, monkeypatch
):
    """rclone's configuration as a CI secret gives it: the text of an rclone.conf in
    RCLONE_CONF, handed to rclone as its variables: no copy of it is written to disk, not
    even by the publish that is killed."""
    monkeypatch.delenv("AWS_CA_BUNDLE", raising=False)
    conf = "[oss]\n" + "".join(
        f"{name.removeprefix('RCLONE_CONFIG_OSS_').lower()} = {value}\n"
        for name, value in s3.items()
    )
    monkeypatch.setenv("RCLONE_CONF", conf)
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where the private copy goes, to look at
    monkeypatch.setattr(tempfile, "tempdir", None)
    env = dict(os.environ, **s3)
    env.pop("RCLONE_CONF")
    read = bucket_reader("oss:bulletin/tzgb", env, tmp_path / "copy")
    publish_twice(sites, "oss:bulletin/tzgb", read, kill=True)
    assert not list(tmp_path.glob("rclone-*.conf")), "the secret was left on disk"


def test_a_secret_that_is_no_rclone_conf_is_named(sites, monkeypatch):
    monkeypatch.setenv("RCLONE_CONF", "host = 127.0.0.1\n")  # a line without its [remote]
    code, _, err = publish(sites[0], "county:/srv/www/tzgb")
    assert code == 1
    assert err.startswith("RCLONE_CONF: not the text of an rclone.conf"), err
    monkeypatch.setenv("RCLONE_CONF", "[county-web]\ntype = sftp\n")
    code, _, err = publish(sites[0], "county-web:/srv/www/tzgb")
    assert code == 1 and "remote [county-web]: a remote given in a secret needs a name" in err
