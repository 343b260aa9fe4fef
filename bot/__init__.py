"""QuotaBot runtime: composition root, router and the chat-platform adapters."""
