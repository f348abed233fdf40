# Two commands on a fresh machine: `make demo` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-extract bench-dates bench-stories bench-crawl bench-hostile bench-conformance bench-query lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,serve]'
	touch $(STAMP)

demo: $(STAMP)  ## crawl the embedded demo news web into newscrawl.db and query it
	rm -f newscrawl.db newscrawl.db-wal newscrawl.db-shm
	$(BIN)/newscrawl crawl --demo --db newscrawl.db; test $$? -le 3
	$(BIN)/newscrawl stats --db newscrawl.db
	@echo; echo '$$ newscrawl search "Mbemba" --db newscrawl.db'
	$(BIN)/newscrawl search "Mbemba" --db newscrawl.db
	@echo; echo '$$ newscrawl stories --db newscrawl.db'
	$(BIN)/newscrawl stories --db newscrawl.db

test: $(STAMP)  ## run the test suite
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

bench: bench-extract bench-dates bench-stories bench-crawl bench-hostile bench-conformance

bench-crawl: $(STAMP)
	$(BIN)/python bench/crawl.py

bench-extract: $(STAMP)
	$(BIN)/python bench/extraction.py

bench-dates: $(STAMP)
	$(BIN)/python bench/dates.py

bench-stories: $(STAMP)
	$(BIN)/python bench/stories.py

bench-conformance: $(STAMP)  ## pass counts on the peers' test data (../shared/peers)
	$(BIN)/python bench/conformance.py

bench-query: $(STAMP)
	$(BIN)/python bench/query.py

clean:
	rm -rf $(VENV) *.egg-info newscrawl.db newscrawl.db-wal newscrawl.db-shm

bench-hostile: $(STAMP)
	$(BIN)/python bench/hostile.py
