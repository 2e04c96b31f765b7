# Two commands set everything up on a fresh machine with Python >= 3.11: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench book book-pdf lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all,dev]'
	touch $(STAMP)

# The book renders the verifier's output (book/_generated, git-ignored): `make run` writes the
# full report, `make book` a quick one when the report is older than the code it checks.  Exit
# status 1 of `ifsod verify` (a verdict differs from its expectation) still builds the book,
# which shows it; `make run` then returns it.  Any other failure stops.  --all: every build
# executes every notebook afresh.
VERIFY_OUT := book/_generated
VERIFIED_SOURCES := $(shell find toolkit/ifsod proofs -name '*.py')
BOOK_BUILD := $(BIN)/jupyter-book build --all -W -n --keep-going book
BOOK_PDF := book/_build/pdf/ifsod.pdf
# `make run` keeps the verifier's table and the Sphinx log in files and prints a summary; a
# failing step prints the end of its log.
LOGS := book/_build/logs

run: $(STAMP)
	@mkdir -p $(VERIFY_OUT) $(LOGS)
	@echo "ifsod verify (full run; log: $(LOGS)/verify.log) ..."
	@$(BIN)/ifsod verify --json $(VERIFY_OUT)/verify.json --markdown $(VERIFY_OUT)/verify.md \
		> $(LOGS)/verify.log 2>&1; \
	status=$$?; if [ $$status -gt 1 ]; then tail -n 30 $(LOGS)/verify.log; exit $$status; fi; \
	echo "jupyter-book build (log: $(LOGS)/book.log) ..."; \
	$(BOOK_BUILD) > $(LOGS)/book.log 2>&1 || { tail -n 40 $(LOGS)/book.log; exit 2; }; \
	$(BIN)/python book/_ext/run_summary.py $(VERIFY_OUT)/verify.json \
		book/_build/html/index.html $(LOGS)/verify.log $(LOGS)/book.log; \
	exit $$status

test: $(STAMP)
	$(BIN)/python -m pytest

$(VERIFY_OUT)/verify.json: $(STAMP) $(VERIFIED_SOURCES)
	@mkdir -p $(VERIFY_OUT)
	$(BIN)/ifsod verify --quick --json $@ --markdown $(VERIFY_OUT)/verify.md || [ $$? -eq 1 ]

book: $(VERIFY_OUT)/verify.json
	$(BOOK_BUILD)

# One PDF of the whole book, printed from the built pages by Debian's Chromium.
book-pdf: book
	$(BIN)/python book/_ext/book_pdf.py book/_build/html $(BOOK_PDF)

bench: $(STAMP)
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check toolkit tests benchmarks proofs book/_ext
	$(BIN)/mypy

clean:
	rm -rf $(VENV) book/_build $(VERIFY_OUT)
