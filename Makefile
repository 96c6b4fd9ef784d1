# OWES Portal — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install browser pdf-libs pg-polish-dict lint format check migrate seed messages bench bench-mail bench-pdf clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed pdf-libs

## Set up, migrate, load demo content and serve the site on SQLite (no other service),
## with the mail worker beside it (e-mails are printed on this console) and the events'
## periodic job (reminders, waiting-list offers passed on) every minute.
run: install
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py seed_demo
	@export DEBUG=1 SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}"; \
	$(PY) manage.py deliver_mail & worker=$$!; \
	$(PY) manage.py event_jobs --every 60 & jobs=$$!; \
	trap 'kill $$worker $$jobs 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## Debian's Chromium for the browser tests (installed when missing; never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## Debian's Pango and DejaVu fonts for the PDF documents (WeasyPrint), installed when missing.
pdf-libs:
	@{ ldconfig -p | grep -q libpango-1.0 && fc-list | grep -qi dejavu; } || { \
		echo "Installing Debian's Pango and DejaVu fonts for the PDF documents…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fontconfig libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; }

## Polish dictionary for PostgreSQL full-text search (on the database server, as root):
## Debian's hunspell-pl, converted by postgresql-common, then an ASCII-folded copy so that
## queries without Polish letters ("spoldzielnie") find inflected forms too.
pg-polish-dict:
	@command -v pg_config >/dev/null 2>&1 || { echo "pg_config not found: run this on the PostgreSQL server"; exit 1; }
	@D=$$(pg_config --sharedir)/tsearch_data; \
	SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	if [ ! -e $$D/pl_pl.dict ]; then \
		dpkg -s hunspell-pl >/dev/null 2>&1 || { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq hunspell-pl >/dev/null; }; \
		$$SUDO pg_updatedicts >/dev/null; \
	fi; \
	if [ ! -e $$D/pl_pl_ascii.dict ] || [ $$D/pl_pl.dict -nt $$D/pl_pl_ascii.dict ]; then \
		LC_ALL=C.UTF-8 sed 'y/ąćęłńóśźżĄĆĘŁŃÓŚŹŻ/acelnoszzACELNOSZZ/' $$D/pl_pl.dict | $$SUDO tee $$D/pl_pl_ascii.dict >/dev/null; \
		LC_ALL=C.UTF-8 sed -e 'y/ąćęłńóśźżĄĆĘŁŃÓŚŹŻ/acelnoszzACELNOSZZ/' -e '/^SET /d' $$D/pl_pl.affix | $$SUDO tee $$D/pl_pl_ascii.affix >/dev/null; \
	fi; \
	echo "Polish dictionary ready in $$D (pl_pl_ascii.dict, pl_pl_ascii.affix)"

## Run the whole test suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise). With
## PostgreSQL, the Polish dictionary is prepared first when the server is on this machine;
## for a server elsewhere the tests stop at once with the command to run there.
test: install browser
	@if [ -n "$$DATABASE_URL" ] && ! $(PY) tests/polish_dictionary.py 2>/dev/null; then \
		case "$$DATABASE_URL" in \
			*@127.0.0.1[:/]*|*@localhost[:/]*|*@\[::1\][:/]*) $(MAKE) --no-print-directory pg-polish-dict ;; \
		esac; \
		$(PY) tests/polish_dictionary.py || exit 1; \
	fi
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	DEBUG=1 $(PY) manage.py check
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

## Extract and compile the Polish catalogue (needs Debian's gettext).
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l pl --ignore=.venv --ignore=staticfiles --no-obsolete
	DEBUG=1 $(PY) manage.py compilemessages -l pl --ignore=.venv

## Benchmark through gunicorn against the configured database.
bench: install
	$(PY) tests/bench/run.py

## Sign-up latency with a fast and a slow (2 s per message) mail server.
bench-mail: install
	$(PY) tests/bench/mail.py

## Size and render time of each PDF document (a throwaway SQLite database).
bench-pdf: install
	$(PY) tests/bench/pdf.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache
