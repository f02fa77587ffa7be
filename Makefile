# One command does all set-up: `make test` creates .venv, installs pyjank with its test
# extras and runs the whole suite. `make nrepl` starts the daemon the same way.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: test lint format bench repl nrepl clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m bench.fib

repl: $(STAMP)
	$(BIN)/pyjank

nrepl: $(STAMP)
	$(BIN)/pyjank-nrepl --port 7888

clean:
	rm -rf $(VENV) build *.egg-info
