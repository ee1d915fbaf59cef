# `make run` and `make test` set up .venv from the pinned constraints on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test system-deps lint catalog package bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,package]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coach

system-deps:
	bash .ci/system-deps

test: system-deps $(STAMP)
	$(BIN)/ruff check coach ui tests benchmarks
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check coach ui tests benchmarks

catalog: $(STAMP)
	$(BIN)/python -m coach.catalog update

# A one-folder app in dist/trust-coach/ (see "Install as a desktop app" in the README); its
# --smoke check uses a throw-away data folder, so building never creates your database.
package: $(STAMP)
	$(BIN)/python packaging/make_icons.py --check
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build packaging/trust-coach.spec
	QT_QPA_PLATFORM=offscreen COACH_DATA_DIR="$$(mktemp -d)" dist/trust-coach/trust-coach --smoke

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build dist
