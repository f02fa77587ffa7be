# One command does all set-up: `make test` creates .venv, installs pyjank with its test
# extras, installs the system packages the tests use and runs the whole suite. `make nrepl`
# starts the daemon the same way.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the tests use (elsewhere, their tests skip): the reference Clojure nREPL
# client, which tests/server/test_reference_client.py drives the daemon with, and emacs-nox,
# which byte-compiles editors/emacs/pyjank.el in tests/editors/test_emacs.py.
SYSTEM_PACKAGES := clojure libnrepl-clojure emacs-nox
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: test deps-system lint format bench repl nrepl clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

test: $(STAMP) deps-system
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

# A no-op when the packages are installed, or without apt-get (not Debian) or root or sudo.
deps-system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null 2>&1 && \
		{ [ -z "$(SUDO)" ] || command -v sudo >/dev/null 2>&1; }; then \
		echo installing $$missing; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $$missing; \
	elif [ -n "$$missing" ]; then \
		echo "not installing" $$missing "(needs apt-get, and root or sudo); their tests skip"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m bench.jit
	$(BIN)/python -m bench.reload
	$(BIN)/python -m bench.nrepl_latency

repl: $(STAMP)
	$(BIN)/pyjank

nrepl: $(STAMP)
	$(BIN)/pyjank-nrepl --port 7888

clean:
	rm -rf $(VENV) build *.egg-info
