"""manifest.yml is what Slack accepts and matches what the code listens for."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml

from bot.adapters.slack.bolt_app import BOT_SCOPES
from bot.adapters.slack.inbound import COMMANDS
from bot.adapters.slack.listeners import SHORTCUTS

ROOT = Path(__file__).resolve().parents[4]
MANIFEST = ROOT / "manifest.yml"
# Vendored from shared/schemas so the check runs in any checkout.
SCHEMA = ROOT / "tests" / "fixtures" / "slack" / "slack-app-manifest.schema.1.0.0.json"


def test_manifest_validates_against_slacks_schema() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text())
    jsonschema.validate(manifest, json.loads(SCHEMA.read_text()))


def test_every_command_we_answer_is_declared_with_a_usage_hint() -> None:
    text = MANIFEST.read_text()
    declared = re.findall(r"^\s*- command: (/\S+)\s*$", text, re.MULTILINE)
    assert sorted(declared) == sorted(COMMANDS)
    assert text.count("usage_hint:") == len(COMMANDS)


def test_scopes_are_exactly_the_ones_the_code_uses() -> None:
    text = MANIFEST.read_text()
    bot = text.split("bot:\n", 1)[1].split("settings:", 1)[0]
    scopes = re.findall(r"^\s*- ([a-z_:.]+)", bot, re.MULTILINE)
    assert sorted(scopes) == sorted(BOT_SCOPES)


def test_shortcuts_match_their_listeners() -> None:
    declared = re.findall(r"callback_id: (\S+)", MANIFEST.read_text())
    assert sorted(declared) == sorted(SHORTCUTS)
