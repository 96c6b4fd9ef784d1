"""Benchmark the portal through gunicorn: `make bench`.

What it does, in order:

1. Picks the database: DATABASE_URL when set (a missing PostgreSQL database is created;
   it persists between runs, so it keeps the project's media/ directory), otherwise a
   throwaway SQLite file and media directory in a temporary directory.
2. Runs `manage.py migrate`, `manage.py seed_demo --force --entities 10000 --news 500
   --events 300` (BENCH_ENTITIES, BENCH_NEWS, BENCH_EVENTS) and `manage.py collectstatic`
   (into the git-ignored staticfiles/) with production-like settings: DEBUG=0, a random
   SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,localhost, SECURE_SSL_REDIRECT=0 and
   BENCHMARK_VIEWS=1 (which turns on the trivial view at /_bench/trivial/); then ANALYZE,
   so the planner knows the tables' sizes as autovacuum would have told it.
3. Starts gunicorn (2 sync workers, portal.wsgi:application) on a free port of 127.0.0.1,
   waits for it to answer and warms every URL in `URLS` (any answer but 200 stops the run).
4. Loads each URL in turn from a second process: Debian's wrk with tests/bench/report.lua
   (installed with apt-get when missing and running as root), or else a Python load
   generator (processes with keep-alive http.client connections). The trivial view is
   loaded first and last; the "% trivial" column is of the mean of the two.
5. Runs the sign-up scenario (tests/bench/signups.py) on a gunicorn of its own with the
   page cache on: a mix of public pages read alone, then while people sign up at 2 and 5
   a second (twice over), then alone again, and the trivial view.
6. Prints a table (requests/s, p50/p95/p99 latency, requests/s as % of the trivial view,
   errors), the peak RSS (VmHWM) of the gunicorn workers, and writes the same report with
   the date, git commit, database, concurrency and duration to bench-results.txt.
7. Stops gunicorn whatever happened, and exits 1 if any URL had errors or non-2xx/3xx
   answers, a sign-up was not accepted (or the setup failed).

Environment variables:

    DATABASE_URL       database to benchmark against (default: a throwaway SQLite file)
    BENCH_SECONDS      load duration per URL, in seconds (default 10)
    BENCH_CONCURRENCY  concurrent connections (default 8)
    BENCH_OUTPUT       report file (default: bench-results.txt in the project root)
    BENCH_TOOL         "wrk" (default; falls back to python when wrk is unavailable)
    BENCH_PAGE_CACHE_SECONDS  0 (default: measure rendering) or e.g. 60 (anonymous page cache)
    BENCH_FRAGMENT_CACHE_SECONDS  600 (default, as in production: cached fragments and routes)
                       or 0 (every fragment rendered and every route walked: the cold cost)
                       or "python" to force the Python load generator
    BENCH_SKIP_SETUP   1: reuse the database of an earlier run (no migrate, no seeding)
    BENCH_SCENARIOS    which parts run, comma-separated (default "pages,signups"):
                       pages    every URL in turn (the table above; the trivial view too)
                       signups  reads with the page cache on while people sign up
                                (tests/bench/signups.py: BENCH_SIGNUP_SECONDS per phase,
                                default 15; BENCH_SIGNUP_RATES, default "2,5" a second;
                                BENCH_SIGNUP_ROUNDS, default 2; BENCH_SIGNUP_CONCURRENCY,
                                default 32)
    BENCH_PEOPLE, BENCH_CONSULTATIONS  volume behind the indicators (default 10000, 50000;
                       `seed_volume` adds them once, with 2000 entities)

Examples:

    make bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/owes_bench make bench
    BENCH_SECONDS=3 BENCH_CONCURRENCY=4 .venv/bin/python tests/bench/run.py
    BENCH_SCENARIOS=signups BENCH_SIGNUP_SECONDS=5 BENCH_SKIP_SETUP=1 make bench

Only 127.0.0.1 is ever targeted.
"""

import datetime
import os
import secrets
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import environ
import psycopg
import signups
from common import (
    BASE_DIR,
    GUNICORN_WORKERS,
    HOST,
    TRIVIAL_PATH,
    BenchError,
    Database,
    Result,
    env_int,
    run_command,
)
from load import find_or_install_wrk, load_url
from psycopg import sql
from server import (
    free_port,
    start_gunicorn,
    stop_gunicorn,
    wait_until_answering,
    warm_up,
    worker_peak_rss_kb,
)

# The URLs measured, as (label, path). Extend this list to benchmark more pages.
BENCH_ENTITIES = int(os.environ.get("BENCH_ENTITIES", "10000"))
BENCH_NEWS = int(os.environ.get("BENCH_NEWS", "500"))
BENCH_EVENTS = int(os.environ.get("BENCH_EVENTS", "300"))

URLS = [
    ("home", "/"),
    ("standard page", "/o-nas/"),
    ("news index", "/aktualnosci/"),
    ("news page", "/aktualnosci/rusza-nabor-na-dotacje-dla-nowych-spoldzielni-socjalnych/"),
    ("events index", "/wydarzenia/"),
    ("event page", "/wydarzenia/lubuski-pakt-na-rzecz-es/"),
    ("directory listing", "/katalog/"),
    ("directory text query", "/katalog/?q=catering"),
    ("directory two facets", "/katalog/?forma=foundation&powiat=gorzowski"),
    ("entity profile", "/katalog/pes-00001/"),
    ("search", "/szukaj/?q=doradztwo"),
    ("static file", "/static/css/site.css"),
    ("trivial view", "/_bench/trivial/"),
]
# Intranet screens measured as a logged-in Kadra member (demo account kadra@…; the bench
# server runs with STAFF_REQUIRE_MFA=0 so that a session cookie is enough). {year}: this year.
BENCH_PEOPLE = int(os.environ.get("BENCH_PEOPLE", "10000"))
BENCH_CONSULTATIONS = int(os.environ.get("BENCH_CONSULTATIONS", "50000"))
STAFF_URLS = [
    ("indicators, a year (Kadra)", "/intranet/kadra/wskazniki/?rok={year}"),
]
STAFF_EMAIL = "kadra@owes.example.org"
SCENARIOS = ("pages", "signups")


def main() -> int:
    seconds = env_int("BENCH_SECONDS", 10)
    concurrency = env_int("BENCH_CONCURRENCY", 8)
    scenarios = chosen_scenarios()
    signup_options = signups.settings_from_env()
    output = Path(os.environ.get("BENCH_OUTPUT") or BASE_DIR / "bench-results.txt")
    load_before = os.getloadavg()[0]
    if load_before > (os.cpu_count() or 1) / 2:
        print(f"Note: load average {load_before:.2f} — other work is running, expect noise")
    with tempfile.TemporaryDirectory(prefix="owes-bench-") as tmp:
        tmp_dir = Path(tmp)
        try:
            database = prepare_database(tmp_dir)
            server_env = make_server_env(database)
            prepare_site(server_env)
            wrk = None if os.environ.get("BENCH_TOOL") == "python" else find_or_install_wrk()
            results, worker_rss = [], {}
            if "pages" in scenarios:
                results, worker_rss = benchmark(server_env, tmp_dir, wrk, seconds, concurrency)
            signup_report = None
            if "signups" in scenarios:
                signup_report = signups.run(server_env, tmp_dir, wrk, signup_options)
        except BenchError as error:
            print(f"\nbench: {error}", file=sys.stderr)
            return 1
    report = format_report(
        results=results,
        signup_report=signup_report,
        worker_rss=worker_rss,
        database=database,
        tool="wrk" if wrk else "python (http.client, multiprocessing)",
        load_before=load_before,
        seconds=seconds,
        concurrency=concurrency,
    )
    print("\n" + report)
    output.write_text(report + "\n", encoding="utf-8")
    print(f"Report written to {output}")
    failed = [result.label for result in results if result.error_count]
    failed += signups.failures(signup_report) if signup_report else []
    if failed:
        print(f"bench: FAILED, errors or refusals: {'; '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def chosen_scenarios() -> set[str]:
    value = os.environ.get("BENCH_SCENARIOS") or ",".join(SCENARIOS)
    chosen = {name.strip() for name in value.split(",") if name.strip()}
    if not chosen or not chosen <= set(SCENARIOS):
        raise SystemExit(f"bench: BENCH_SCENARIOS takes {', '.join(SCENARIOS)}, not {value!r}")
    return chosen


# --- Database and site preparation -------------------------------------------------------


def prepare_database(tmp_dir: Path) -> Database:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        media_root = tmp_dir / "media"
        media_root.mkdir()
        return Database(
            url=f"sqlite:///{tmp_dir / 'bench.sqlite3'}",
            description=f"SQLite {sqlite3.sqlite_version} (throwaway file)",
            media_root=media_root,
        )
    config = environ.Env.db_url_config(url)
    if "postgresql" not in config["ENGINE"]:
        return Database(url=url, description=f"{config['ENGINE']} {config['NAME']}")
    server_version = create_postgres_database_if_missing(config)
    location = f"{config['HOST'] or 'local socket'}:{config['PORT'] or 5432}"
    return Database(
        url=url,
        description=f"PostgreSQL {server_version}, database {config['NAME']} on {location}",
    )


def create_postgres_database_if_missing(config: dict) -> str:
    """Create the database named in DATABASE_URL when it does not exist yet."""
    name = config["NAME"]
    try:
        connection = psycopg.connect(
            dbname="postgres",
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            host=config["HOST"] or None,
            port=config["PORT"] or None,
            autocommit=True,
        )
    except psycopg.OperationalError as error:
        raise BenchError(f"cannot connect to PostgreSQL: {error}") from error
    with connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            print(f"Creating PostgreSQL database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        version = connection.info.server_version  # e.g. 150020 for 15.20
    return f"{version // 10000}.{version % 10000}"


def make_server_env(database: Database) -> dict[str, str]:
    """Production-like settings for manage.py and gunicorn."""
    server_env = dict(os.environ)
    server_env.update(
        DATABASE_URL=database.url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        BENCHMARK_VIEWS="1",
        # 0: every request renders (the default); e.g. 60: anonymous whole-page cache on.
        PAGE_CACHE_SECONDS=os.environ.get("BENCH_PAGE_CACHE_SECONDS", "0"),
        FRAGMENT_CACHE_SECONDS=os.environ.get("BENCH_FRAGMENT_CACHE_SECONDS", "600"),
        # The staff screens are measured with a session cookie, without a TOTP step.
        STAFF_REQUIRE_MFA="0",
    )
    if database.media_root:
        server_env["MEDIA_ROOT"] = str(database.media_root)
    return server_env


# Lines added to the report by the set-up (e.g. how long indexing took).
SETUP_NOTES: list[str] = []


def prepare_site(server_env: dict[str, str]) -> None:
    if os.environ.get("BENCH_SKIP_SETUP") == "1":
        SETUP_NOTES.append("set-up skipped (BENCH_SKIP_SETUP=1): the database as a run left it")
        manage("collectstatic", "--no-input", env=server_env)
        analyze(server_env)
        return
    manage("migrate", "--no-input", env=server_env)
    manage(
        "seed_demo",
        "--force",
        "--entities",
        str(BENCH_ENTITIES),
        "--news",
        str(BENCH_NEWS),
        "--events",
        str(BENCH_EVENTS),
        env=server_env,
    )
    manage(
        "seed_volume",
        "--force",
        "--people",
        str(BENCH_PEOPLE),
        "--consultations",
        str(BENCH_CONSULTATIONS),
        env=server_env,
    )
    manage("collectstatic", "--no-input", env=server_env)
    analyze(server_env)
    if server_env.get("ELASTICSEARCH_URL"):
        for command, what in (
            (("rebuild_directory_index",), f"{BENCH_ENTITIES} entities (directory)"),
            (("update_index", "--backend", "default"), "pages (site search)"),
        ):
            began = time.perf_counter()
            manage(*command, env=server_env)
            SETUP_NOTES.append(
                f"Elasticsearch indexing of {what}: {time.perf_counter() - began:.1f} s"
            )
    else:
        SETUP_NOTES.append("search: the database (ELASTICSEARCH_URL not set)")


def analyze(server_env: dict[str, str]) -> None:
    """Table statistics for the query planner, as autovacuum keeps them on a production
    server (on this machine's PostgreSQL autovacuum is off: a freshly seeded database would
    be planned as if its tables were empty — the news index's query took 86 ms, not 3)."""
    manage(
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('ANALYZE')",
        env=server_env,
    )
    SETUP_NOTES.append("ANALYZE run after the set-up (planner statistics, as autovacuum keeps)")


def staff_cookie(server_env: dict[str, str]) -> dict[str, str]:
    """A session of the demo Kadra account, as the Cookie header of the staff URLs."""
    code = (
        "from django.test import Client; from portal.models import User; c = Client(); "
        f"c.force_login(User.objects.get(email={STAFF_EMAIL!r})); "
        "print('sessionid=' + c.cookies['sessionid'].value)"
    )
    completed = run_command(
        [sys.executable, "manage.py", "shell", "-c", code], env=server_env, timeout=120
    )
    cookie = completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else ""
    if completed.returncode != 0 or not cookie.startswith("sessionid="):
        raise BenchError(f"could not log in {STAFF_EMAIL}:\n{completed.stderr}")
    return {"Cookie": cookie}


def manage(*args: str, env: dict[str, str]) -> None:
    print(f"manage.py {' '.join(args)}")
    completed = run_command([sys.executable, "manage.py", *args], env=env, timeout=300)
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr).strip()
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{output}")


# --- The server -------------------------------------------------------------------------


def benchmark(
    server_env: dict[str, str], tmp_dir: Path, wrk: str | None, seconds: int, concurrency: int
) -> tuple[list[Result], dict[int, int]]:
    """Start gunicorn, load every URL, return the results and the workers' peak RSS (kB)."""
    port = free_port()
    log_path = tmp_dir / "gunicorn.log"
    print(f"Starting gunicorn on http://{HOST}:{port}/ ({GUNICORN_WORKERS} workers)")
    with log_path.open("w") as log:
        server = start_gunicorn(port, server_env, log)
        try:
            wait_until_answering(server, port, log_path)
            year = datetime.date.today().year
            headers = staff_cookie(server_env)
            # The trivial view first as well as last: the shares are of the mean of the two,
            # as this machine's speed drifts within a run.
            targets = [("trivial view, first", TRIVIAL_PATH, {})]
            targets += [(label, path, {}) for label, path in URLS] + [
                (label, path.format(year=year), headers) for label, path in STAFF_URLS
            ]
            for label, path, extra in targets:
                warm_up(port, label, path, extra)
            results = [
                load_url(wrk, port, label, path, seconds, concurrency, extra)
                for label, path, extra in targets
            ]
            worker_rss = worker_peak_rss_kb(server.pid)
        finally:
            stop_gunicorn(server)
    return results, worker_rss


# --- Load generators --------------------------------------------------------------------


def format_report(
    *,
    results: list[Result],
    signup_report: dict | None,
    worker_rss: dict[int, int],
    database: Database,
    tool: str,
    seconds: int,
    concurrency: int,
    load_before: float,
) -> str:
    header = [
        "OWES Portal benchmark",
        f"date:         {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"git commit:   {git_commit()}",
        f"database:     {database.description}",
        f"server:       gunicorn, {GUNICORN_WORKERS} sync workers, DEBUG=0, page cache "
        f"{os.environ.get('BENCH_PAGE_CACHE_SECONDS', '0')} s (BENCH_PAGE_CACHE_SECONDS), "
        f"fragments {os.environ.get('BENCH_FRAGMENT_CACHE_SECONDS', '600')} s "
        "(BENCH_FRAGMENT_CACHE_SECONDS)",
        f"load:         {tool}, concurrency {concurrency}, {seconds} s per URL",
        f"machine:      {os.cpu_count()} CPUs, load average {load_before:.2f} before the run",
        "",
    ]
    body = []
    if results:
        peaks = ", ".join(
            f"{kb / 1024:.1f} MB (pid {pid})" for pid, kb in sorted(worker_rss.items())
        )
        body = [
            *format_table(results),
            "% trivial: of the mean of the trivial view's runs, first and last",
            "",
            f"peak RSS of gunicorn workers (VmHWM): {peaks or 'unknown'}",
        ]
    if signup_report:
        body += signups.format_report(signup_report)
    return "\n".join(header + body + ["", *SETUP_NOTES])


def format_table(results: list[Result]) -> list[str]:
    trivial = [result.requests_per_second for result in results if result.path == TRIVIAL_PATH]
    trivial_rps = sum(trivial) / len(trivial) if trivial else 0.0
    rows = [("URL", "path", "req/s", "p50 ms", "p95 ms", "p99 ms", "% trivial", "errors")]
    for result in results:
        rps = result.requests_per_second
        rows.append(
            (
                result.label,
                result.path,
                f"{rps:.1f}",
                f"{result.p50_ms:.1f}",
                f"{result.p95_ms:.1f}",
                f"{result.p99_ms:.1f}",
                f"{100 * rps / trivial_rps:.1f}%" if trivial_rps else "-",
                result.errors_text(),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(width) if column < 2 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "-" * len(lines[0]))
    return lines


def git_commit() -> str:
    git = shutil.which("git")
    if not git:
        return "unknown"
    completed = run_command([git, "rev-parse", "--short", "HEAD"], timeout=10)
    return completed.stdout.strip() if completed.returncode == 0 else "unknown"


if __name__ == "__main__":
    sys.exit(main())
