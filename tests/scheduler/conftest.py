"""Scheduler fixtures: a seeded world on each database backend."""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.scheduler.world import World


@pytest.fixture
def world(services: Services) -> World:
    return World(services)
