"""Benchmarks (``make bench``) and the production-server harness the tests share."""
