"""Business logic, one module per capability; each handler returns a Reply and sends nothing."""
