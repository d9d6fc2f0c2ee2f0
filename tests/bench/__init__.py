"""Benchmarks, run by `make bench` (tests/bench/run.py); never collected by pytest."""
