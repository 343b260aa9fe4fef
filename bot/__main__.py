"""`python -m bot` runs the `quotabot` command line."""

from bot.cli import main

main()
