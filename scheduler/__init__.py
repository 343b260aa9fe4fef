"""Scheduler: due-delivery planning, the SQL outbox and its dispatcher (APScheduler tick)."""
