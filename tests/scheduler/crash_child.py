"""A dispatcher process for the crash test: one pass at argv[1], one message at a time."""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime

from bot.app import build_services
from bot.config import Settings
from scheduler import notifiers
from scheduler.dispatcher import DispatchConfig
from scheduler.runner import Tick


async def main(at: datetime) -> None:
    services = build_services(Settings(), auto_migrate=False)
    print("platforms:", notifiers.install(services), flush=True)
    await Tick(services, DispatchConfig(concurrency=1))(at)


if __name__ == "__main__":
    asyncio.run(main(datetime.fromisoformat(sys.argv[1])))
