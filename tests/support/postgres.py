"""Start a private PostgreSQL server from the machine's binaries in a temporary directory."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SEARCH = ["/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/usr/local/bin", "/usr/bin"]


def find_bin(name: str) -> Path | None:
    found = shutil.which(name)
    if found:
        return Path(found)
    for pattern in SEARCH:
        for candidate in sorted(Path("/").glob(pattern.lstrip("/")), reverse=True):
            if (candidate / name).exists():
                return candidate / name
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    root: Path
    port: int
    runas: str | None
    pg_ctl: Path

    @property
    def admin_url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new, empty database (no tables yet), as an operator creates one; its URL."""
        self._client("createdb", name)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self._client("dropdb", "--if-exists", "--force", name)

    def _client(self, tool: str, *args: str) -> None:
        binary = find_bin(tool)
        if binary is None:
            raise RuntimeError(f"PostgreSQL's {tool} not found")
        argv = [str(binary), "-h", "127.0.0.1", "-p", str(self.port)]
        done = subprocess.run(
            [*argv, "-U", "postgres", *args], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(args)} failed: {done.stderr.strip()}")

    def stop(self) -> None:
        _run(
            self.runas, [str(self.pg_ctl), "-D", str(self.root / "data"), "-m", "immediate", "stop"]
        )
        shutil.rmtree(self.root, ignore_errors=True)


def _run(runas: str | None, argv: list[str]) -> subprocess.CompletedProcess[str]:
    # PostgreSQL refuses to run as root, so as root we drop to an unprivileged account.
    if runas:
        argv = ["runuser", "-u", runas, "--", *argv]
    return subprocess.run(argv, capture_output=True, text=True, check=False)


def start() -> PgServer:
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: install them "
            "(`apt-get install postgresql`) or run ./dev test, which does."
        )
    runas = None
    if os.geteuid() == 0:
        runas = "postgres" if _user_exists("postgres") else "nobody"
    root = Path(tempfile.mkdtemp(prefix="quotabot-pg-"))
    os.chmod(root, 0o755)
    if runas:
        entry = pwd.getpwnam(runas)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data = root / "data"
    done = _run(
        runas,
        [str(initdb), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"],
    )
    if done.returncode != 0:
        raise RuntimeError(f"initdb failed: {done.stderr.strip()}")
    port = _free_port()
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    started = _run(
        runas,
        [
            str(pg_ctl),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(root / "log"),
            "-w",
            "-t",
            "60",
            "start",
        ],
    )
    if started.returncode != 0:
        log = (root / "log").read_text() if (root / "log").exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {started.stderr.strip()} {log[-2000:]}")
    server = PgServer(root=root, port=port, runas=runas, pg_ctl=pg_ctl)
    _wait_ready(port)
    return server


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _wait_ready(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("PostgreSQL did not accept connections within 30 s")
