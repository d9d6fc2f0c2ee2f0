"""The story's fact store: articles, curated facts, validation, ingest and rendering.

This package never imports telegram or aiosqlite: it is the domain, the bot is the transport.
"""
