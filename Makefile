# PolicyKG — the two commands of the README, and a few more.
#   make app    install, build the bundled corpus and open the Streamlit app
#   make test   install (with test extras) and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PKG     = $(VENV)/bin/policykg

.PHONY: install app demo test bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

app: install
	$(PKG) app

demo: install
	$(PKG) build
	$(PKG) query documents

test: install
	$(PY) -m pytest -q $(PYTEST_ARGS)

bench: install
	$(PY) -m bench run --docs 1000

clean:
	rm -rf .policykg .pytest_cache
