"""`quotabot teams-package` builds a zip Teams accepts: a valid manifest and the two icons."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import jsonschema
import pytest
import typer
from typer.testing import CliRunner

from bot.adapters.teams.cli import register
from tests.bot.adapters.teams.harness import FIXTURES
from tests.bot.adapters.teams.tokens import APP_ID


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # typer runs a lone command without its name; keep it a group
        pass

    return app


def build(cli: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLIENT_ID", APP_ID)
    out = tmp_path / "quotabot-teams.zip"
    result = CliRunner().invoke(cli, ["teams-package", "--out", str(out), "--version", "1.2.0"])
    assert result.exit_code == 0, result.output
    return out


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_package_holds_a_manifest_and_both_icons(
    cli: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with zipfile.ZipFile(build(cli, tmp_path, monkeypatch)) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        assert png_size(archive.read("color.png")) == (192, 192)
        assert png_size(archive.read("outline.png")) == (32, 32)


def test_the_manifest_validates_against_the_teams_schema(
    cli: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = json.loads((FIXTURES / "manifest.schema.json").read_text())
    with zipfile.ZipFile(build(cli, tmp_path, monkeypatch)) as archive:
        manifest = json.loads(archive.read("manifest.json"))

    jsonschema.validate(manifest, schema)


def test_the_manifest_names_our_bot_its_scopes_and_commands(
    cli: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with zipfile.ZipFile(build(cli, tmp_path, monkeypatch)) as archive:
        manifest = json.loads(archive.read("manifest.json"))

    [bot] = manifest["bots"]
    assert manifest["id"] == bot["botId"] == APP_ID
    assert manifest["version"] == "1.2.0"
    assert bot["scopes"] == ["personal", "team", "groupChat"]
    titles = [c["title"] for c in bot["commandLists"][0]["commands"]]
    for command in ("log", "quota", "pipeline", "forecast", "team", "leaderboard", "help"):
        assert command in titles


def test_the_schema_catches_a_broken_manifest() -> None:
    schema = json.loads((FIXTURES / "manifest.schema.json").read_text())
    broken = {"manifestVersion": "1.19", "id": "not-a-guid"}

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_without_a_client_id_no_package_is_built(
    cli: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLIENT_ID", raising=False)
    monkeypatch.delenv("TEAMS_CLIENT_ID", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here

    result = CliRunner().invoke(cli, ["teams-package", "--out", str(tmp_path / "x.zip")])

    assert result.exit_code == 2
    assert "CLIENT_ID" in result.output
    assert not (tmp_path / "x.zip").exists()
