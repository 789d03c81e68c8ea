"""Real servers the tests and benchmarks start on 127.0.0.1: Debian's nginx serving a built
site as the column of a portal, with the block `python -m generator nginx` prints."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def build_column(root: Path, checkout: Path) -> str:
    """Build the bulletin at `root` as the column /tzgb/ of a portal (its address under it,
    precompressed copies) with the tool of `checkout`; the nginx block that serves it."""
    with (root / "bulletin.yml").open("a", encoding="utf-8") as settings:
        settings.write("site_url: https://www.example.gov.cn/tzgb/\nprecompress: true\n")
    env = dict(os.environ, PYTHONPATH=str(checkout), NO_MKDOCS_2_WARNING="1")
    tool = [sys.executable, "-m", "generator", "--root", str(root)]
    subprocess.run([*tool, "build"], check=True, capture_output=True, env=env)
    return subprocess.run(
        [*tool, "nginx", "--prefix", "/tzgb/", "--root", str(root / "site"), "--brotli"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def nginx(work: Path, block: str, prefix: str = "/tzgb/"):
    """nginx on 127.0.0.1 with `block` pasted into its server { } beside the portal's own
    pages (any other path is a 404); yields the column's address."""
    if not Path(NGINX).exists():
        raise RuntimeError("Debian's nginx is missing: apt-get install -y nginx-light")
    port = free_port()
    temp = "\n".join(
        f"    {kind}_temp_path {work}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = work / "nginx.conf"
    config.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + (f"load_module {BROTLI};\n" if "brotli_static" in block else "")
        + f"pid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
        + "http {\n    access_log off;\n"
        + temp
        + f"\n    server {{\n        listen 127.0.0.1:{port};\n"
        + "        location / { return 404; }  # the portal's own pages\n"
        + block
        + "    }\n}\n",
        "utf-8",
    )
    log = (work / "nginx.stderr").open("w")
    server = subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(config), "-g", "daemon off;"], stderr=log
    )
    url = f"http://127.0.0.1:{port}{prefix}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None:
                    raise RuntimeError(
                        "nginx did not start: " + (work / "nginx.stderr").read_text()
                    ) from None
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
