"""Layering rules: platform SDKs live only under bot/adapters/; modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLATFORM_SDKS = ("slack_bolt", "slack_sdk", "microsoft_teams", "microsoft_agents", "botbuilder")
NEUTRAL = ("handlers", "nlp", "storage", "scheduler")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def python_files(*packages: str) -> list[Path]:
    return [p for pkg in packages for p in sorted((ROOT / pkg).rglob("*.py"))]


def test_platform_sdks_are_imported_only_by_adapters() -> None:
    leaks = []
    for path in python_files(*NEUTRAL, "bot"):
        relative = path.relative_to(ROOT)
        if relative.parts[:2] == ("bot", "adapters"):
            continue
        for module in imported_modules(path):
            if module.split(".")[0] in PLATFORM_SDKS:
                leaks.append(f"{relative}: {module}")
    assert leaks == []


def test_the_rule_itself_catches_a_leak(tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.py"
    leaky.write_text("from slack_sdk.web import WebClient\n")
    assert "slack_sdk.web" in imported_modules(leaky)


def test_no_catch_all_utils_modules() -> None:
    assert not [p for p in python_files(*NEUTRAL, "bot") if p.stem in ("utils", "helpers", "misc")]


def test_modules_are_small() -> None:
    big = [
        f"{p.relative_to(ROOT)} ({n} lines)"
        for p in python_files(*NEUTRAL, "bot")
        # Alembic revisions are generated, reviewed once and never edited again.
        if "versions" not in p.parts
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert big == []
