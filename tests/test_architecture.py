"""Layering rules: imports go only down the house; platform SDKs only under bot/adapters/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLATFORM_SDKS = ("slack_bolt", "slack_sdk", "microsoft_teams", "microsoft_agents", "botbuilder")
NEUTRAL = ("core", "handlers", "nlp", "storage", "scheduler")
# Higher floors may import lower ones; never up, never sideways between nlp and storage.
FLOOR = {"core": 0, "nlp": 1, "storage": 1, "handlers": 2, "scheduler": 3, "bot": 4}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (function-level imports count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.level:
                raise AssertionError(f"{path}: relative import {node.module!r}; write it out")
            # `from handlers import quota` imports the module handlers.quota.
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def layer_violations(root: Path) -> list[str]:
    """Imports that go up a floor, sideways between floors, or between handler modules."""
    bad = []
    for package, floor in FLOOR.items():
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root)
            for module in sorted(imported_modules(path)):
                top = module.split(".")[0]
                if top not in FLOOR or top == package:
                    if top == package == "handlers":
                        bad.extend(_sibling_handler(rel, module, root))
                    continue
                if FLOOR[top] >= floor:
                    bad.append(f"{rel} -> {module}")
    return bad


def _sibling_handler(rel: Path, module: str, root: Path) -> list[str]:
    """Handler modules share handlers.shared and handlers.contract; never each other."""
    parts = module.split(".")
    if len(parts) < 2 or parts[1] in ("shared", "contract"):
        return []
    if not (root / "handlers" / f"{parts[1]}.py").exists():
        return []  # a name imported from a module, not a module
    if rel.parts[1] == "shared" or rel.stem != parts[1]:
        return [f"{rel} -> {module}"]
    return []


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


def test_imports_go_only_down_the_house() -> None:
    assert layer_violations(ROOT) == []


def test_the_layer_rule_catches_upward_sideways_and_sibling_imports(tmp_path: Path) -> None:
    for package in FLOOR:
        (tmp_path / package).mkdir()
    (tmp_path / "handlers" / "shared").mkdir()
    (tmp_path / "handlers" / "quota.py").write_text("from bot.router import Router\n")
    (tmp_path / "handlers" / "team.py").write_text("from handlers.quota import targets\n")
    (tmp_path / "handlers" / "pipeline.py").write_text("from handlers import team\n")
    (tmp_path / "handlers" / "shared" / "a.py").write_text("from handlers.shared import b\n")
    (tmp_path / "handlers" / "shared" / "c.py").write_text("import handlers.quota\n")
    (tmp_path / "core" / "money.py").write_text("def f() -> None:\n    import storage.db\n")
    (tmp_path / "nlp" / "x.py").write_text("from storage.models import User\n")
    (tmp_path / "scheduler" / "y.py").write_text("from handlers.shared.context import Context\n")
    assert layer_violations(tmp_path) == [
        "core/money.py -> storage.db",
        "nlp/x.py -> storage.models",
        "nlp/x.py -> storage.models.User",
        "handlers/pipeline.py -> handlers.team",
        "handlers/quota.py -> bot.router",
        "handlers/quota.py -> bot.router.Router",
        "handlers/shared/c.py -> handlers.quota",
        "handlers/team.py -> handlers.quota",
        "handlers/team.py -> handlers.quota.targets",
    ]


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
