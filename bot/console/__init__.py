"""The offline console and the local Bot API it (and the tests) run the real bot against."""
