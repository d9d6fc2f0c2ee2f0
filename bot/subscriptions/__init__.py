"""Subscriptions: the SQLite storage, its schema and records, schedules and time zones."""
