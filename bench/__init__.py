"""The benchmark harness: ``make bench`` (full) and ``python -m bench --smoke`` (in make test)."""
