# Two commands set everything up on a fresh machine with Python >= 3.11: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench book lint clean

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

run: $(STAMP)
	@mkdir -p $(VERIFY_OUT)
	@$(BIN)/ifsod verify --json $(VERIFY_OUT)/verify.json --markdown $(VERIFY_OUT)/verify.md; \
	status=$$?; [ $$status -le 1 ] || exit $$status; \
	$(BOOK_BUILD) || exit $$?; \
	echo "$(CURDIR)/book/_build/html/index.html"; exit $$status

test: $(STAMP)
	$(BIN)/python -m pytest

$(VERIFY_OUT)/verify.json: $(STAMP) $(VERIFIED_SOURCES)
	@mkdir -p $(VERIFY_OUT)
	$(BIN)/ifsod verify --quick --json $@ --markdown $(VERIFY_OUT)/verify.md || [ $$? -eq 1 ]

book: $(VERIFY_OUT)/verify.json
	$(BOOK_BUILD)

bench: $(STAMP)
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check toolkit tests benchmarks proofs book/_ext

clean:
	rm -rf $(VENV) book/_build $(VERIFY_OUT)
