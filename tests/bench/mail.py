"""Sign-up latency with a fast and with a slow mail server (`make bench-mail`).

Boots gunicorn and the mail worker (`manage.py deliver_mail`) on a throwaway SQLite file
(or DATABASE_URL) with the demo content, then signs BENCH_SIGN_UPS people up for events
one after another, first with a local SMTP sink that answers at once, then with one that
takes 2 s per message, and reports each run's p50/p95 next to each other (and whether
every message arrived). A request only queues its message, so both columns should match.
"""

import asyncio
import http.client
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BASE_DIR, HOST, BenchError, env_int, run_command  # noqa: E402
from load import percentiles_ms  # noqa: E402
from run import make_server_env, manage, prepare_database  # noqa: E402
from server import (  # noqa: E402
    free_port,
    start_gunicorn,
    stop_gunicorn,
    tail,
    wait_until_answering,
)


class Sink:
    def __init__(self, delay: float):
        self.delay, self.received = delay, 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        await asyncio.sleep(self.delay)
        self.received += 1
        return "250 OK"


def event_paths(server_env: dict[str, str], count: int) -> list[str]:
    script = (
        "from events.models import EventPage; "
        "print('\\n'.join(e.url for e in EventPage.objects.live().filter(capacity__gt=0)"
        f"[:{count}]))"
    )
    completed = run_command(
        [sys.executable, "manage.py", "shell", "-c", script], env=server_env, timeout=120
    )
    paths = [line for line in completed.stdout.splitlines() if line.startswith("/")]
    if not paths:
        raise BenchError(f"no event pages found:\n{completed.stderr}")
    return paths


def sign_up(port: int, path: str, number: int) -> float:
    """GET the form (its CSRF cookie and token), POST a sign-up; the POST's time in ms."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", f"{path}?formularz=1")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not token:
        raise BenchError(f"no sign-up form on {path}")
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "first_name": "Maria",
            "last_name": f"Bench{number}",
            "email": f"bench{number}-{time.time_ns()}@example.org",
            "participant_type": "individual",
            "consent": "on",
        }
    )
    began = time.perf_counter()
    connection.request(
        "POST",
        path,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": f"http://{HOST}:{port}{path}",
        },
    )
    answer = connection.getresponse()
    answer.read()
    elapsed = (time.perf_counter() - began) * 1000
    connection.close()
    if answer.status >= 400:
        raise BenchError(f"sign-up answered {answer.status} on {path}")
    return elapsed


def run(server_env, tmp_dir: Path, paths: list[str], delay: float, count: int) -> dict:
    smtp_port, web_port = free_port(), free_port()
    sink = Sink(delay)
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    env = {
        **server_env,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "EMAIL_TIMEOUT_SECONDS": "10",
    }
    log_path = tmp_dir / f"gunicorn-{delay}.log"
    with open(log_path, "w") as log:
        server = start_gunicorn(web_port, env, log)
        worker = subprocess.Popen(  # noqa: S603 - fixed program
            [sys.executable, "manage.py", "deliver_mail", f"--lockfile={tmp_dir / 'mail'}"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            wait_until_answering(server, web_port, log_path)
            try:
                latencies = [sign_up(web_port, paths[n % len(paths)], n) for n in range(count)]
            except BenchError as error:
                raise BenchError(f"{error}\n{tail(log_path)}") from error
            deadline = time.monotonic() + count * (delay + 1) + 30
            while sink.received < count and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
            stop_gunicorn(server)
            controller.stop()
    p50, p95, _ = percentiles_ms(latencies)
    return {"p50": p50, "p95": p95, "received": sink.received}


def main() -> int:
    count = env_int("BENCH_SIGN_UPS", 30)
    with tempfile.TemporaryDirectory(prefix="owes-bench-mail-") as tmp:
        tmp_dir = Path(tmp)
        try:
            database = prepare_database(tmp_dir)
            server_env = make_server_env(database)
            manage("migrate", "--no-input", env=server_env)
            manage("seed_demo", "--force", env=server_env)
            manage("collectstatic", "--no-input", env=server_env)
            paths = event_paths(server_env, 5)
            fast = run(server_env, tmp_dir, paths, 0.0, count)
            slow = run(server_env, tmp_dir, paths, 2.0, count)
        except BenchError as error:
            print(f"\nbench-mail: {error}", file=sys.stderr)
            return 1
    lines = [
        f"Sign-ups one after another ({count} each), {database.description}:",
        f"{'mail server':<28}{'p50 ms':>10}{'p95 ms':>10}{'delivered':>12}",
        f"{'answers at once':<28}{fast['p50']:>10.1f}{fast['p95']:>10.1f}"
        f"{fast['received']:>8}/{count}",
        f"{'takes 2 s per message':<28}{slow['p50']:>10.1f}{slow['p95']:>10.1f}"
        f"{slow['received']:>8}/{count}",
    ]
    report = "\n".join(lines)
    print("\n" + report)
    output = Path(os.environ.get("BENCH_OUTPUT") or BASE_DIR / "bench-results-mail.txt")
    output.write_text(report + "\n", encoding="utf-8")
    return 0 if fast["received"] == slow["received"] == count else 1


if __name__ == "__main__":
    sys.exit(main())
