"""A backup made as deploy/backup.sh makes it, restored into an empty database, serves
the same pages."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.portal import LocationFactory, LocationIndexPageFactory, StandardPageFactory

PROJECT = Path(__file__).resolve().parents[2]
RESTORED = "owes_restore_check"

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="pg_dump/pg_restore back up PostgreSQL; CI runs this with DATABASE_URL set",
    ),
]

SNAPSHOT_SCRIPT = """
import json, re, sys
from django.test import Client
client = Client(HTTP_HOST="localhost")
pages = {}
for url in sys.argv[1:]:
    response = client.get(url)
    html = response.content.decode()
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    pages[url] = [response.status_code, title.group(1).strip() if title else ""]
print(json.dumps(pages))
"""


def _postgres(*command):
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    base = ["-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432)]
    base += ["-U", settings["USER"] or "postgres"]
    return subprocess.run(  # noqa: S603 - PostgreSQL's own tools with fixed arguments
        [command[0], *base, *command[1:]], env=env, check=True, capture_output=True, text=True
    )


def _snapshot(database_name, urls):
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}:{settings.get('PASSWORD') or ''}@"
        f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{database_name}"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": url,
        # DEBUG serves static files from their sources: no collectstatic needed for this.
        "DEBUG": "1",
        "SECRET_KEY": "restore-check",
        "ALLOWED_HOSTS": "localhost",
        "SECURE_SSL_REDIRECT": "0",
        "PAGE_CACHE_SECONDS": "0",
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "-c", _runner(), *urls],
        cwd=PROJECT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _runner():
    return (
        "import django, os, sys; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
        "'portal.settings'); django.setup(); exec(" + repr(SNAPSHOT_SCRIPT) + ")"
    )


def test_a_restored_backup_serves_the_same_pages(home_page, tmp_path):
    StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Nabór dotacji", slug="nabor")
    LocationIndexPageFactory(parent=home_page)
    LocationFactory(name="LOEiIS Kożuchów")
    urls = ["/", "/o-nas/", "/aktualnosci/", "/aktualnosci/nabor/", "/lokalne-osrodki/"]
    dump = tmp_path / "owes.dump"

    _postgres(
        "pg_dump",
        "--format=custom",
        "--no-owner",
        "-f",
        str(dump),
        connection.settings_dict["NAME"],
    )
    _postgres("dropdb", "--if-exists", RESTORED)
    _postgres("createdb", RESTORED)
    try:
        _postgres("pg_restore", "--no-owner", "--dbname", RESTORED, str(dump))
        restored = _snapshot(RESTORED, urls)
        original = _snapshot(connection.settings_dict["NAME"], urls)
    finally:
        _postgres("dropdb", "--if-exists", RESTORED)

    assert restored == original
    assert original["/aktualnosci/nabor/"] == [200, "Nabór dotacji"]
