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
# full report, `make book` a quick one when none exists.  Exit status 1 of `ifsod verify` (a
# verdict differs from its expectation) still builds the book, which shows it, and is then
# returned; any other failure stops.  --all: every build executes every notebook afresh.
VERIFY_OUT := book/_generated
BOOK_BUILD := $(BIN)/jupyter-book build --all -W -n --keep-going book

run: $(STAMP)
	@mkdir -p $(VERIFY_OUT)
	@$(BIN)/ifsod verify --json $(VERIFY_OUT)/verify.json --markdown $(VERIFY_OUT)/verify.md; \
	status=$$?; [ $$status -le 1 ] || exit $$status; \
	$(BOOK_BUILD) || exit $$?; \
	echo "$(CURDIR)/book/_build/html/index.html"; exit $$status

test: $(STAMP)
	$(BIN)/python -m pytest

book: $(STAMP)
	@mkdir -p $(VERIFY_OUT)
	@[ -f $(VERIFY_OUT)/verify.json ] || $(BIN)/ifsod verify --quick \
	    --json $(VERIFY_OUT)/verify.json --markdown $(VERIFY_OUT)/verify.md || [ $$? -eq 1 ]
	$(BOOK_BUILD)

bench: $(STAMP)
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check toolkit tests benchmarks proofs

clean:
	rm -rf $(VENV) book/_build
