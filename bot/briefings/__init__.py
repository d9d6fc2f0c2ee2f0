"""Briefings as the bot serves them: the loaded edition, live reload, buttons and keyboards."""
