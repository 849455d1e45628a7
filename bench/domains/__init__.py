"""Benchmark code of each app: data generators and measured scenarios (see bench/targets.py)."""
