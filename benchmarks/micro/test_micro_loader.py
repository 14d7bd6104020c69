"""Loader hot paths: parsing real mpy-cross output with mpy.reader.read_mpy."""

from __future__ import annotations

from mpy.reader import read_mpy


def test_read_mpy_class_heavy_module(benchmark, compiled):
    data = compiled["bm_tokenizer"]
    module = benchmark(read_mpy, data, "bm_tokenizer.mpy")
    assert module.source_file.endswith("bm_tokenizer.py")


def test_read_mpy_small_module(benchmark, compiled):
    data = compiled["bm_fib"]
    module = benchmark(read_mpy, data, "bm_fib.mpy")
    assert module.source_file.endswith("bm_fib.py")


def test_read_mpy_all_programs(benchmark, compiled):
    blobs = list(compiled.items())

    def read_all():
        return [read_mpy(data, name + ".mpy") for name, data in blobs]

    modules = benchmark(read_all)
    assert len(modules) == len(blobs)
