"""Benchmarks that print figures (``make bench``, PostgreSQL only). See docs/performance.md."""
