"""The deployment files agree with the code: every variable documented, one image everywhere."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import AliasChoices

from bot.config import Settings
from bot.frontends import TEAMS_DEV_NO_AUTH

ROOT = Path(__file__).resolve().parents[2]


def documented() -> set[str]:
    # Commented entries count: an unset optional variable is written "# NAME=default".
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_env_example_lists_every_settings_field_with_a_comment() -> None:
    names = documented()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        first = alias.choices[0] if isinstance(alias, AliasChoices) else alias
        assert first in names, f"{name} ({first}) is missing from .env.example"
    assert TEAMS_DEV_NO_AUTH in names
    lines = (ROOT / ".env.example").read_text().splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^(# )?[A-Z][A-Z0-9_]+=", line):
            above = lines[i - 1]
            assert above.startswith("#"), f"no comment says what {line} is for"


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return loaded


def test_compose_runs_postgres_a_migration_replicas_a_proxy_and_schedulers() -> None:
    services = compose()["services"]
    postgres = services["postgres"]
    assert postgres["image"].startswith("postgres:")
    assert "pgdata:/var/lib/postgresql/data" in postgres["volumes"]
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    assert services["migrate"]["command"] == ["db", "upgrade"]
    assert services["migrate"]["restart"] == "no"
    serve = services["serve"]
    assert serve["deploy"]["replicas"] == 2 and "--no-scheduler" in serve["command"]
    assert serve["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["scheduler"]["command"][0] == "scheduler"
    assert services["scheduler"]["deploy"]["replicas"] in (1, 2)
    mounted = services["proxy"]["volumes"][0].split(":")[0]
    assert (ROOT / mounted).is_file()
    assert {"pgdata", "caddy_data"} <= set(compose()["volumes"])
    images = {s.get("image") for n, s in services.items() if n not in ("postgres", "proxy")}
    assert images == {"${QUOTABOT_IMAGE:-quotabot:latest}"}


def test_every_variable_compose_reads_is_in_env_example() -> None:
    used = set(re.findall(r"\$\{([A-Z_]+)", (ROOT / "compose.yaml").read_text()))
    assert used - documented() == set()


def test_dockerfile_is_multi_stage_slim_pinned_non_root_with_a_healthcheck() -> None:
    text = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)", text, flags=re.MULTILINE)
    assert len(stages) == 2 and all("-slim" in s for s in stages)
    assert (
        "constraints.txt" in text
        and "--constraint constraints.txt" in (ROOT / "deploy" / "install.sh").read_text()
    )
    user = re.findall(r"^USER (\S+)", text, flags=re.MULTILINE)
    assert user and user[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*\n.*?/healthz", text, flags=re.MULTILINE)
    assert '\nENTRYPOINT ["quotabot"]' in text
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert {".env", ".venv", ".git", "*.db"} <= set(ignored)


def test_kubernetes_manifests_use_the_image_and_the_probes() -> None:
    docs = [
        doc
        for path in sorted((ROOT / "deploy" / "k8s").glob("*.yaml"))
        if path.name != "kustomization.yaml"
        for doc in yaml.safe_load_all(path.read_text())
    ]
    kinds = sorted(d["kind"] for d in docs)
    assert kinds == ["Deployment", "Deployment", "Ingress", "Job", "Service"]
    pods = [d["spec"]["template"]["spec"] for d in docs if d["kind"] in ("Deployment", "Job")]
    for pod in pods:
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert all(c["image"] == "quotabot" for c in pod["containers"])
    args = [c["args"] for pod in pods for c in pod["containers"]]
    assert ["db", "upgrade"] in args
    assert any(a[0] == "serve" and "--no-scheduler" in a for a in args)
    assert any(a[0] == "scheduler" for a in args)
    kustomization = yaml.safe_load((ROOT / "deploy" / "k8s" / "kustomization.yaml").read_text())
    listed = set(kustomization["resources"])
    assert listed == {p.name for p in (ROOT / "deploy" / "k8s").glob("*.yaml")} - {
        "kustomization.yaml"
    }
