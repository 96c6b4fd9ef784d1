"""Profile cold public pages (nothing cached) through Django's test client with pyinstrument.

    FRAGMENT_CACHE_SECONDS=0 PAGE_CACHE_SECONDS=0 DEBUG=0 DATABASE_URL=... \
        .venv/bin/python tests/bench/profile_cold.py [requests per page, default 20]

Run it on a database seeded as the bench seeds it (`seed_demo --news 500 --events 300`);
pyinstrument is not a dependency (`pip install pyinstrument`). For each page it prints the
SQL queries of one request and two top tens over the requests: the project's functions by
the share of time spent inside them (callees included), and any function by its own time.
"""

import os
import sys
import time
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

PROJECT = str(BASE_DIR)
VENV = str(BASE_DIR / ".venv")


def urls() -> dict[str, str]:
    from events.models import EventIndexPage, EventPage
    from news.models import NewsIndexPage, NewsPage

    return {
        "home": "/",
        "news index": NewsIndexPage.objects.live().first().url,
        "news page": NewsPage.objects.live().order_by("-date").first().url,
        "events index": EventIndexPage.objects.live().first().url,
        "event page": EventPage.objects.live().order_by("start").last().url,
    }


def _own(path: str) -> bool:
    return path.startswith(PROJECT) and not path.startswith(VENV)


def _walk(frame, inclusive: Counter, own_time: Counter, on_stack: set) -> None:
    name = f"{frame.function} ({Path(frame.file_path or '?').name}:{frame.line_no})"
    if _own(frame.file_path or "") and name not in on_stack:
        inclusive[name] += frame.time  # counted once per stack (recursion)
        on_stack = on_stack | {name}
    if not frame.function.startswith("["):
        own_time[name] += frame.total_self_time
    for child in frame.children:
        _walk(child, inclusive, own_time, on_stack)


def profile(client: Client, url: str, requests: int) -> str:
    client.get(url)  # per-process caches (content types, site root paths), renditions
    queries = []

    def record(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append({"sql": sql, "time": f"{time.perf_counter() - began:.4f}"})

    with connection.execute_wrapper(record):
        assert client.get(url).status_code == 200
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(requests):
        client.get(url)
    profiler.stop()
    root = profiler.last_session.root_frame()
    inclusive, own_time = Counter(), Counter()
    total = root.time
    _walk(root, inclusive, own_time, set())
    lines = [
        f"### {url} — {len(queries)} queries, {1000 * total / requests:.1f} ms a request",
        "",
        "project functions, time inside (callees included):",
        "",
    ]
    # The request's own chain (middleware, the serve view) is in every stack: left out.
    inside = [(name, t) for name, t in inclusive.most_common() if t < 0.9 * total]
    lines += [f"- {100 * t / total:.1f} % {name}" for name, t in inside[:10]]
    lines += ["", "any function, own time:", ""]
    slowest = sorted(queries, key=lambda query: -float(query["time"]))[:3]
    lines += [f"- {100 * t / total:.1f} % {name}" for name, t in own_time.most_common(10)]
    lines += ["", "slowest queries of one request:", ""]
    lines += [f"- {query['time']} s {query['sql'][:300]}" for query in slowest]
    if os.environ.get("PROFILE_SQL"):
        lines += ["", "queries:", ""] + [f"- {query['sql'][:160]}" for query in queries]
    return "\n".join(lines)


def main() -> None:
    # One connection throughout, as Django's test runner does (the queries are counted).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    client = Client()
    for page, url in urls().items():
        print(f"## {page}\n\n{profile(client, url, requests)}\n", flush=True)


if __name__ == "__main__":
    main()
