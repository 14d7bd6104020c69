"""Benchmark programs (perf_bench protocol); run them with `jitvm bench`, not by import."""
