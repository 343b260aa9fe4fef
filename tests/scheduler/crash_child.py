"""A dispatcher process for the crash test: one pass at argv[1], one message at a time."""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime

from bot import notifiers
from bot.app import build_services, make_tick
from bot.config import Settings
from scheduler.dispatcher import DispatchConfig


async def main(at: datetime) -> None:
    services = build_services(Settings(), auto_migrate=False)
    print("platforms:", notifiers.install(services), flush=True)
    await make_tick(services, DispatchConfig(concurrency=1))(at)


if __name__ == "__main__":
    asyncio.run(main(datetime.fromisoformat(sys.argv[1])))
