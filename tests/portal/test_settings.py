"""Production settings are safe by default and fail loudly when misconfigured."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    unset = ("SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")  # test-run variables
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    environment = {k: v for k, v in environment.items() if v is not None}  # None: unset
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("site_url", "passes"),
    [("https://example.org", True), ("http://127.0.0.1:8000", False)],
    ids=["public-site-url", "e-mail-links-to-this-machine"],
)
def test_deploy_check_with_production_settings(site_url, passes):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64)[:64],
        ALLOWED_HOSTS="example.org",
        SITE_URL=site_url,
    )

    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    assert ("portal.W001" in result.stdout + result.stderr) is not passes


def test_missing_secret_key_in_production_is_a_clear_start_up_error():
    result = manage("check", DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("LANGUAGE_CODE", "pl"),
        ("TIME_ZONE", "Europe/Warsaw"),
        ("AUTH_USER_MODEL", "portal.User"),
        ("ACCOUNT_EMAIL_VERIFICATION", "mandatory"),
    ],
    ids=str,
)
def test_site_speaks_polish_in_warsaw_time_with_verified_accounts(settings, name, expected):
    assert getattr(settings, name) == expected


def test_logs_can_be_one_json_object_per_line():
    import json

    result = manage(
        "shell",
        "-c",
        "import logging; logging.getLogger('intranet').error('Nie udało się wysłać e-maila')",
        DEBUG="1",
        LOG_FORMAT="json",
    )
    line = [line for line in result.stderr.splitlines() if line.startswith("{")][-1]
    record = json.loads(line)
    assert record["level"] == "ERROR" and record["logger"] == "intranet"
    assert record["message"] == "Nie udało się wysłać e-maila"
    assert "time" in record


def test_a_purge_endpoint_turns_on_wagtails_frontend_cache_invalidation():
    code = (
        "from django.conf import settings; "
        "print('wagtail.contrib.frontend_cache' in settings.INSTALLED_APPS); "
        "print(settings.WAGTAILFRONTENDCACHE['proxy']['LOCATION'])"
    )
    result = manage(
        "shell", "-c", code, DEBUG="1", FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081"
    )
    assert result.stdout.split()[-2:] == ["True", "http://127.0.0.1:6081"], result.stderr


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="prepared statements are PostgreSQL's; CI runs this with DATABASE_URL set",
)
@pytest.mark.parametrize(
    ("switch", "prepared"), [(None, True), ("1", True), ("0", False)], ids=["default", "on", "off"]
)
def test_postgresql_prepares_a_repeated_query_unless_told_not_to(switch, prepared):
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    for _ in range(7):\n"
        "        cursor.execute('SELECT %s::int + 41', [1])\n"
        "    cursor.execute('SELECT count(*) FROM pg_prepared_statements "
        "WHERE statement LIKE %s', ['%+ 41'])\n"
        "    print(cursor.fetchone()[0] > 0)\n"
    )
    # The server's own database: the check needs no table of the project.
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    result = manage(
        "shell", "-c", code, DEBUG="1", DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS=switch
    )
    assert result.stdout.split()[-1:] == [str(prepared)], result.stderr
