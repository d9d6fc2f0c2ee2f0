"""Shows the question set's score at the end of every run, with or without `-s` or xdist."""

from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the score test_question_set recorded as a user property."""
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, value in getattr(report, "user_properties", []):
                if name == "question_set":
                    terminalreporter.write_line(f"question set: {value}")
