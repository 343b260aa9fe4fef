"""Console front end: a local chat with the bot (the embedded default, no platform account)."""
