# Two entry points for a newcomer: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test venv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[demo]'
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/jitvm demo --out out

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -n auto -q tests \
		--jitvm-suite conformance/suite --jitvm-known-failures conformance/known_failures.txt
	# differential: the suite again with every function offered to tier 1 at its first call
	# (a file of 150 functions compiles each cold with LLVM: 7 s alone; 30 s per test allows
	# for both cores busy)
	JITVM_TIER=1 JITVM_JIT_THRESHOLD=0 $(BIN)/python -m pytest -n auto -q tests/jit/__init__.py \
		--jitvm-suite conformance/suite --jitvm-known-failures conformance/known_failures.txt \
		--jitvm-timeout 30
	# guard stress: the same, with every guard of compiled code failing (deoptimising) once
	JITVM_TIER=1 JITVM_JIT_THRESHOLD=0 JITVM_JIT_STRESS=1 $(BIN)/python -m pytest -n auto -q \
		tests/jit/__init__.py --jitvm-timeout 30 \
		--jitvm-suite conformance/suite --jitvm-known-failures conformance/known_failures.txt
	# the tests again with every function offered to tier 1 at its first call (~2 min)
	JITVM_TIER=1 JITVM_JIT_THRESHOLD=0 $(BIN)/python -m pytest -n auto -q -p no:jitvm_suite tests

clean:
	rm -rf $(VENV) build *.egg-info
