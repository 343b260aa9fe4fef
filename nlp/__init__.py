"""Text -> Intent: the offline parser, the slash grammar and an optional LLM fallback."""
