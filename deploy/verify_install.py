"""Run the Dockerfile's build steps in a clean venv with no network, then its run-time checks.

For machines without a container runtime or registry access: the build stage's COPY and RUN
lines are read from the Dockerfile and executed as they are (paths under a temporary root),
with pip limited to a local wheelhouse (PIP_NO_INDEX). The wheelhouse holds the exact
distributions of the venv running this script (the one the test suite passed in), repacked
as wheels, so pip's resolver checks constraints.txt against them. Then, as an unprivileged
user when run as root: db upgrade, serve + the image's HEALTHCHECK command, /metrics, tick,
doctor, pip check.

    .venv/bin/python deploy/verify_install.py [--extra-site DIR]...

--extra-site: another site-packages to take setuptools>=77 and wheel from (the build backend
pyproject.toml asks for), when the running venv's are older.
"""

# ruff: noqa: S603 - it runs the binaries of the venv it just built, with fixed arguments

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {"pip", "quotabot"}


def repack(dist: metadata.Distribution, out: Path) -> Path | None:
    """An installed distribution back into a wheel (RECORD lists its files)."""
    info = Path(str(dist._path))  # type: ignore[attr-defined]
    site = info.parent
    wheel_meta = info / "WHEEL"
    if not wheel_meta.exists() or not (info / "RECORD").exists():
        return None
    tags = [
        line.split(":", 1)[1].strip()
        for line in wheel_meta.read_text().splitlines()
        if line.startswith("Tag:")
    ]
    parts = [sorted({t.split("-")[i] for t in tags}) for i in range(3)]
    tag = "-".join(".".join(p) for p in parts)
    name = dist.metadata["Name"].replace("-", "_").replace(".", "_")
    target = out / f"{name}-{dist.version}-{tag}.whl"
    record = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as whl:
        for row in (info / "RECORD").read_text().splitlines():
            rel = row.rsplit(",", 2)[0]
            if not rel or rel.startswith("..") or "__pycache__" in rel:
                continue  # console scripts are remade by pip; bytecode by Python
            if rel.endswith(("/RECORD", "/INSTALLER", "/direct_url.json", "/REQUESTED")):
                continue
            path = site / rel
            if not path.is_file():
                continue
            data = path.read_bytes()
            whl.writestr(rel, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            record.append(f"{rel},sha256={digest.decode()},{len(data)}")
        record.append(f"{info.name}/RECORD,,")
        whl.writestr(f"{info.name}/RECORD", "\n".join(record) + "\n")
    return target


def wheelhouse(out: Path, extra_sites: list[str]) -> None:
    seen: set[str] = set()
    for site in extra_sites:
        for dist in metadata.distributions(path=[site]):
            if dist.metadata["Name"].lower() in {"setuptools", "wheel"} and repack(dist, out):
                seen.add(dist.metadata["Name"].lower())
    for dist in metadata.distributions():
        name = dist.metadata["Name"].lower()
        if name not in SKIP and name not in seen and repack(dist, out):
            seen.add(name)
    print(f"wheelhouse: {len(seen)} distributions repacked into {out}")


def build_stage(dockerfile: Path) -> list[tuple[str, str]]:
    """(instruction, argument) of the first stage, continuation lines joined."""
    steps, line, stages = [], "", 0
    for raw in dockerfile.read_text().splitlines():
        if raw.strip().startswith("#") or not raw.strip():
            continue
        line += raw.rstrip("\\").strip() + " "
        if raw.endswith("\\"):
            continue
        instruction, _, argument = line.strip().partition(" ")
        line = ""
        if instruction.upper() == "FROM":
            stages += 1
            if stages == 2:
                break
        steps.append((instruction.upper(), argument))
    return steps


def run_build(dockerfile: Path, root: Path, env: dict[str, str]) -> Path:
    workdir = root / "src"
    for instruction, argument in build_stage(dockerfile):
        if instruction == "WORKDIR":
            workdir = root / argument.lstrip("/")
            workdir.mkdir(parents=True, exist_ok=True)
        elif instruction == "ENV":
            for pair in shlex.split(argument):
                key, _, value = pair.partition("=")
                env[key] = value
        elif instruction == "COPY":
            *sources, dest = shlex.split(argument)
            for source in sources:
                target = workdir / dest if not dest.startswith("/") else root / dest[1:]
                if (ROOT / source).is_dir():
                    shutil.copytree(
                        ROOT / source, target, ignore=shutil.ignore_patterns("__pycache__")
                    )
                else:
                    target = target / source if dest.endswith("/") else target
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(ROOT / source, target)
        elif instruction == "RUN":
            command = argument.replace(" /opt/", f" {root}/opt/")
            print(f"RUN {command}")
            subprocess.run(command, shell=True, cwd=workdir, env=env, check=True)  # noqa: S602
    return root / "opt" / "quotabot"


def as_user() -> list[str]:
    # The image runs as an unprivileged user; so do the checks when we can switch.
    if os.geteuid() == 0 and shutil.which("setpriv"):
        return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    return []


def healthcheck_command(dockerfile: Path) -> list[str]:
    for line in dockerfile.read_text().splitlines():
        if line.strip().startswith('CMD ["python", "-c", "import urllib'):
            return list(json.loads(line.strip().removeprefix("CMD ")))
    raise SystemExit("no HEALTHCHECK CMD found in the Dockerfile")


def free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def check_runtime(venv: Path, root: Path, dockerfile: Path, env: dict[str, str]) -> None:
    data = root / "data"
    data.mkdir()
    os.chmod(data, 0o777)  # noqa: S103 - the throwaway home of the unprivileged user
    env = {**env, "PATH": f"{venv / 'bin'}:{env['PATH']}", "HOME": str(data)}
    env["QUOTABOT_DATABASE_URL"] = f"sqlite:///{data / 'quotabot.db'}"
    user = as_user()

    def quotabot(*args: str, ok: tuple[int, ...] = (0,)) -> str:
        done = subprocess.run(
            [*user, str(venv / "bin" / "quotabot"), *args],
            env=env,
            cwd=data,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode not in ok:
            raise SystemExit(f"quotabot {' '.join(args)} -> {done.returncode}\n{done.stderr}")
        print(f"quotabot {' '.join(args)}: exit {done.returncode}")
        return done.stdout + done.stderr

    quotabot("--help")
    assert "Database is up to date." in quotabot("db", "upgrade")
    assert "Run `quotabot db upgrade`" not in quotabot("db", "current")
    assert "nothing due" in quotabot("tick", "--at", "2026-11-18T16:00:00Z")
    assert "reachable" in quotabot("doctor", ok=(0, 1))
    subprocess.run([str(venv / "bin" / "pip"), "check"], env=env, check=True)

    if not free(3000):
        raise SystemExit("port 3000 is taken; the HEALTHCHECK command probes 3000")
    server = subprocess.Popen(
        [*user, str(venv / "bin" / "quotabot"), "serve", "--port", "3000", "--no-scheduler"],
        env=env,
        cwd=data,
    )
    try:
        probe = healthcheck_command(dockerfile)
        probe[0] = str(venv / "bin" / "python")
        deadline = time.monotonic() + 60
        while subprocess.run(probe, env=env, capture_output=True, check=False).returncode:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the HEALTHCHECK never passed")
            time.sleep(0.5)
        print("HEALTHCHECK passed")
        with urllib.request.urlopen("http://127.0.0.1:3000/metrics", timeout=5) as page:
            assert b"quotabot_http_requests_total" in page.read()
        print("/metrics answered")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra-site", action="append", default=[])
    args = parser.parse_args()
    dockerfile = ROOT / "Dockerfile"
    root = Path(tempfile.mkdtemp(prefix="quotabot-image-"))
    os.chmod(root, 0o755)  # noqa: S103 - the unprivileged user reads the venv below
    wheels = root / "wheels"
    wheels.mkdir()
    wheelhouse(wheels, args.extra_site)
    # No index, no proxies: everything comes from the wheelhouse or the build fails.
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.pop("VIRTUAL_ENV", None)
    env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheels), PIP_CONFIG_FILE=os.devnull)
    env["PATH"] = os.pathsep.join(
        p for p in env["PATH"].split(os.pathsep) if not p.startswith(str(ROOT / ".venv"))
    )
    env["PATH"] = f"{Path(sys.base_prefix) / 'bin'}:{env['PATH']}"
    venv = run_build(dockerfile, root, env)
    check_runtime(venv, root, dockerfile, env)
    shutil.rmtree(root)
    print("OK: the Dockerfile's build steps and run-time checks passed offline")


if __name__ == "__main__":
    main()
