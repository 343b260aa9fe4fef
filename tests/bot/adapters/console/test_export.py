"""In the console, `/quotabot my data` leaves a file where the person runs QuotaBot."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from bot.adapters.console.chat import ConsoleSession
from bot.services import Services
from tests.support.world import make_world


async def test_my_data_is_saved_to_a_file_only_its_owner_reads(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await make_world(services)
    monkeypatch.chdir(tmp_path)
    rita = ConsoleSession(services, "rita", "acme")
    await rita.say("3 calls with Acme")

    shown = await rita.say("/quotabot my data")
    again = await rita.say("/quotabot my data")

    first = tmp_path / "quotabot-my-data-2026-11-18.json"
    assert f"Saved to {first}" in shown
    assert f"Saved to {tmp_path / 'quotabot-my-data-2026-11-18-2.json'}" in again
    data = json.loads(first.read_text(encoding="utf-8"))
    assert [a["count"] for a in data["activities"]] == [3]
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
