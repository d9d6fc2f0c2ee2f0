# Two commands on a fresh machine: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench check clean messages

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m bot auto

lint: $(STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# PYTHONDONTWRITEBYTECODE is cleared for the test run: with it set (as on some CI images) every
# worker and every bot subprocess compiles bot/, briefs/ and the rewritten tests from source.
test: lint
	PYTHONDONTWRITEBYTECODE= $(PY) -m briefs check
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q -n 2

bench: $(STAMP)
	$(PY) tests/bench/run.py

check: $(STAMP)
	$(PY) -m briefs check

# The bot's texts in other languages: after changing a template or labels.yaml, `make messages`
# extracts every text (briefs/locale/messages.pot), merges it into each language's .po (new
# texts come in untranslated), and compiles the .mo files the bot reads. Translate the new
# entries in the .po, run it again, and commit the .pot, .po and .mo.
BABEL := $(VENV)/bin/pybabel
LOCALE := locale
messages: $(STAMP)
	cd briefs && ../$(BABEL) extract -F babel.cfg --project storybrief --no-wrap --sort-by-file \
		--copyright-holder "the storybrief maintainers" \
		-o $(LOCALE)/messages.pot .
	cd briefs && ../$(BABEL) update -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages \
		--no-wrap --ignore-obsolete --previous
	cd briefs && ../$(BABEL) compile -d $(LOCALE) -D messages --statistics

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
