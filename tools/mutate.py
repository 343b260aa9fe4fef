"""`./dev mutate [--quick | --only MODULE ...] [--jobs N]`: mutation testing (mutmut) of the
modules that decide numbers, permissions and delivery. The last line printed is
`mutation score: KILLED/TOTAL`. `--only` runs just the modules named (from the table below).

Each profile (full, quick, only-<modules>) runs in its own directory, `.mutmut/<profile>/`,
from scratch: links to our packages and tests, and a pyproject.toml made of ours
([tool.pytest.ini_options] and the shared [tool.mutmut] settings) plus the profile's modules
(`only_mutate`) and their tests (`pytest_add_cli_args_test_selection`). mutmut copies that
into `mutants/`, runs the selected tests once to learn which tests call which function, and
then runs each mutant against only the tests that call the mutated function, on SQLite only.
See docs/testing.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutmut"

# Module -> the test files that exercise it (mutmut narrows these down per function).
MODULES: dict[str, tuple[str, ...]] = {
    "core/pace.py": (
        "tests/core/test_pace.py",
        "tests/core/test_pace_mutants.py",
        "tests/handlers/test_one_pace_rule.py",
    ),
    "core/periods.py": ("tests/core/test_periods.py", "tests/core/test_periods_mutants.py"),
    "core/money.py": ("tests/core/test_money.py", "tests/core/test_money_mutants.py"),
    "core/clock.py": ("tests/core/test_clock_mutants.py",),
    "handlers/shared/subjects.py": (
        "tests/handlers/test_subjects.py",
        "tests/handlers/test_subjects_mutants.py",
    ),
    "handlers/shared/limits.py": ("tests/handlers/test_limits.py",),
    "handlers/undo.py": (
        "tests/handlers/test_undo_window.py",
        "tests/handlers/test_logging_dialogs.py",
        "tests/handlers/test_undo_history.py",
    ),
    "scheduler/outbox.py": (
        "tests/scheduler/test_outbox_guards.py",
        "tests/scheduler/test_missed_and_retries.py",
        "tests/scheduler/test_in_doubt.py",
    ),
    "scheduler/rules.py": ("tests/scheduler/test_rules.py",),
    "bot/adapters/teams/auth.py": (
        "tests/bot/adapters/teams/test_security.py",
        "tests/bot/adapters/teams/test_auth_keys.py",
    ),
    # In the full run only (each takes minutes).
    "bot/policy.py": (
        "tests/handlers/test_policy_dialogs.py",
        "tests/bot/test_policy_refusals.py",
        "tests/handlers/test_transfer_dialogs.py",
    ),
    "handlers/settings.py": (
        "tests/handlers/test_quiet_hours_settings.py",
        "tests/handlers/test_admin_settings_dialogs.py",
        "tests/handlers/test_settings_dialogs.py",
    ),
    "nlp/amounts.py": (
        "tests/nlp/test_amounts_and_units.py",
        "tests/nlp/test_issue11_values.py",
        "tests/nlp/test_amounts_written.py",
    ),
    "nlp/dates.py": (
        "tests/nlp/test_dates.py",
        "tests/nlp/test_issue11_values.py",
        "tests/nlp/test_contract_v2.py",
        "tests/nlp/test_dates_said.py",
    ),
}
# A fixed subset, one module or two per concern: numbers (pace, quiet hours, limits), a write
# taken back (undo), delivery (outbox claims, due times). Under 10 minutes here with one job.
QUICK: tuple[str, ...] = (
    "core/pace.py",
    "core/clock.py",
    "handlers/shared/limits.py",
    "handlers/undo.py",
    "scheduler/outbox.py",
    "scheduler/rules.py",
)
KILLED = {"killed", "timeout", "caught by type check"}
# Bugs planted by hand where mutmut does not reach (it mutates inside functions only, and
# skips decorated ones: module constants, properties, cached functions): issue 17's five.
# Each: what it is, the module, the text, its replacement, the tests that must notice.
NAMED: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "undo window 24 h -> 1 min",
        "handlers/undo.py",
        "UNDO_WINDOW = timedelta(hours=24)",
        "UNDO_WINDOW = timedelta(minutes=1)",
        ("tests/handlers/test_undo_window.py",),
    ),
    (
        "pace tolerance 90% -> 80%",
        "core/pace.py",
        "PACE_TOLERANCE = 0.9",
        "PACE_TOLERANCE = 0.8",
        ("tests/core/test_pace.py",),
    ),
    (
        "start_sending without its status guard",
        "scheduler/outbox.py",
        '.where(Delivery.id == delivery_id, Delivery.status == "pending")',
        ".where(Delivery.id == delivery_id)",
        ("tests/scheduler/test_outbox_guards.py",),
    ),
    (
        "claim without its lease filter",
        "scheduler/outbox.py",
        "            or_(Delivery.lease_until.is_(None), Delivery.lease_until < now),\n",
        "",
        ("tests/scheduler/test_outbox_guards.py",),
    ),
    (
        "nudges off replies but saves nothing",
        "handlers/settings.py",
        "        user.nudges_enabled = False\n",
        "        pass\n",
        ("tests/handlers/test_quiet_hours_settings.py",),
    ),
)


def _toml(table: str, values: dict[str, object]) -> str:
    # Strings, numbers, booleans and lists of them: their JSON spelling is valid TOML.
    lines = [f"[{table}]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def _ours() -> dict[str, Any]:
    """Our pyproject's [tool] table."""
    tool: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]
    return tool


def prepare(profile: str, modules: tuple[str, ...]) -> Path:
    """A fresh `.mutmut/<profile>/` with links to our code and a profile's pyproject.toml."""
    ours = _ours()
    settings = dict(ours["mutmut"])
    tests = [t for m in modules for t in MODULES[m] if (ROOT / t).exists()]
    settings["only_mutate"] = list(modules)
    settings["pytest_add_cli_args_test_selection"] = list(dict.fromkeys(tests))
    work = WORK / profile
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in [*settings["source_paths"], "tests"]:
        (work / name).symlink_to(ROOT / name, target_is_directory=True)
    # The strict Slack fake reads the app's manifest (the scopes it grants) beside tests/.
    (work / "manifest.yml").symlink_to(ROOT / "manifest.yml")
    settings["also_copy"] = ["manifest.yml"]
    (work / "pyproject.toml").write_text(
        _toml("tool.pytest.ini_options", ours["pytest"]["ini_options"])
        + "\n"
        + _toml("tool.mutmut", settings),
        "utf-8",
    )
    return work


def results(work: Path, modules: tuple[str, ...]) -> dict[str, str]:
    """Every mutant of these modules -> its status ("killed", "survived", "no tests", ...)."""
    from mutmut.stats import status_by_exit_code

    out: dict[str, str] = {}
    for module in modules:
        meta = work / "mutants" / f"{module}.meta"
        if not meta.exists():
            continue
        codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        out.update((name, status_by_exit_code[code]) for name, code in codes.items())
    return out


def _named_keys(module: str) -> set[str]:
    return {f"named: {what}" for what, m, *_ in NAMED if m == module}


def named(work: Path, modules: tuple[str, ...], env: dict[str, str]) -> dict[str, str]:
    """Plant each NAMED bug of these modules in a copy of our code and run its tests."""
    copy = work / "named"
    for name in [*_ours()["mutmut"]["source_paths"], "tests"]:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(work / "pyproject.toml", copy / "pyproject.toml")
    shutil.copy(ROOT / "manifest.yml", copy / "manifest.yml")
    out: dict[str, str] = {}
    for what, module, text, planted, tests in NAMED:
        if module not in modules:
            continue
        source = copy / module
        original = source.read_text("utf-8")
        if original.count(text) != 1:
            print(f"  named bug not planted, {module} changed (update NAMED): {what}")
            continue
        source.write_text(original.replace(text, planted), "utf-8")
        run = subprocess.run(  # noqa: S603 (our own interpreter and fixed arguments)
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
            cwd=copy,
            env=env,
            capture_output=True,
            check=False,
        )
        source.write_text(original, "utf-8")
        out[f"named: {what}"] = {0: "survived", 1: "killed"}.get(run.returncode, "error")
    return out


def main(argv: list[str]) -> int:
    first_paragraph = " ".join((__doc__ or "").split("\n\n")[0].split())
    parser = argparse.ArgumentParser(prog="./dev mutate", description=first_paragraph)
    parser.add_argument("--quick", action="store_true", help="the fixed representative subset")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="MODULE",
        choices=tuple(MODULES),
        help="just these modules, e.g. --only nlp/amounts.py (in .mutmut/only-nlp.amounts/)",
    )
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1)")
    args = parser.parse_args(argv)
    if args.quick and args.only:
        parser.error("--quick and --only do not go together")
    modules = QUICK if args.quick else tuple(dict.fromkeys(args.only or MODULES))
    # One directory per set of modules, so two single-module runs can go side by side.
    profile = (
        "quick"
        if args.quick
        else "full"
        if not args.only
        else "only-" + "+".join(m.removesuffix(".py").replace("/", ".") for m in modules)
    )
    work = prepare(profile, modules)
    log = work / "mutmut.log"
    print(f"mutating {len(modules)} modules ({profile}); mutmut's output: {log}", flush=True)
    env = {**os.environ, "QUOTABOT_TEST_BACKENDS": "sqlite", "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.monotonic()
    with log.open("w") as out:
        run = subprocess.run(  # noqa: S603 (our own interpreter and fixed arguments)
            [sys.executable, "-m", "mutmut", "run", "--max-children", str(args.jobs)],
            cwd=work,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    status = results(work, modules)
    if run.returncode != 0 or not status:
        print(log.read_text("utf-8", errors="replace")[-3000:], file=sys.stderr)
        print(f"mutmut failed (exit {run.returncode}); see {log}", file=sys.stderr)
        return run.returncode or 1
    status |= named(work, modules, env)
    elapsed = time.monotonic() - started
    killed = sum(s in KILLED for s in status.values())
    for module in modules:
        prefix = module.removesuffix(".py").replace("/", ".") + "."
        mine = {k: s for k, s in status.items() if k.startswith(prefix)}
        mine |= {k: s for k, s in status.items() if k in _named_keys(module)}
        done = sum(s in KILLED for s in mine.values())
        print(f"  {module:32} {done:4}/{len(mine):<4}")
    alive = sorted((k, s) for k, s in status.items() if s not in KILLED)
    if alive:
        print(f"not killed ({len(alive)}; `cd {work.relative_to(ROOT)} && mutmut show NAME`):")
        for name, state in alive:
            print(f"  {state:10} {name}")
    print(f"{100 * killed / len(status):.1f}% killed in {elapsed / 60:.1f} min")
    print(f"mutation score: {killed}/{len(status)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
