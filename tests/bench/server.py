"""The server the bench measures: gunicorn started and stopped here, its workers' memory."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

from common import (
    BASE_DIR,
    GUNICORN_WORKERS,
    HOST,
    REQUEST_TIMEOUT_SECONDS,
    SERVER_START_TIMEOUT_SECONDS,
    SERVER_STOP_TIMEOUT_SECONDS,
    TRIVIAL_PATH,
    WARMUP_REQUESTS,
    BenchError,
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, server_env: dict[str, str], log: IO[str]) -> subprocess.Popen:
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={GUNICORN_WORKERS}",
        f"--graceful-timeout={SERVER_STOP_TIMEOUT_SECONDS}",
    ]
    return subprocess.Popen(  # noqa: S603 - fixed program, arguments built here
        args, cwd=BASE_DIR, env=server_env, stdout=log, stderr=subprocess.STDOUT
    )


def wait_until_answering(server: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(
                f"gunicorn exited with code {server.returncode}. Its log:\n{tail(log_path)}"
            )
        try:
            status = get_status(port, TRIVIAL_PATH)
        except OSError:
            time.sleep(0.2)
            continue
        if status != 200:
            raise BenchError(f"GET {TRIVIAL_PATH} answered {status} instead of 200")
        return
    raise BenchError(
        f"gunicorn did not answer within {SERVER_START_TIMEOUT_SECONDS} s. "
        f"Its log:\n{tail(log_path)}"
    )


def warm_up(port: int, label: str, path: str, headers: dict | None = None) -> None:
    for _ in range(WARMUP_REQUESTS):
        status = get_status(port, path, headers)
        if status != 200:
            raise BenchError(f"warm-up: GET {path} ({label}) answered {status} instead of 200")


def get_status(port: int, path: str, headers: dict | None = None) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_SECONDS)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def worker_peak_rss_kb(master_pid: int) -> dict[int, int]:
    """VmHWM (peak resident set size, kB) of each child process of the gunicorn master."""
    peaks = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = read_proc_status(entry / "status")
        except OSError:  # the process ended meanwhile
            continue
        if status.get("PPid") == str(master_pid) and "VmHWM" in status:
            peaks[int(entry.name)] = int(status["VmHWM"].split()[0])
    return peaks


def read_proc_status(path: Path) -> dict[str, str]:
    fields = {}
    for line in path.read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.strip()
    return fields


def stop_gunicorn(server: subprocess.Popen) -> None:
    """Graceful stop (SIGTERM); kill the master and its workers if that takes too long."""
    if server.poll() is not None:
        return
    worker_pids = list(worker_peak_rss_kb(server.pid))
    server.terminate()
    try:
        server.wait(timeout=SERVER_STOP_TIMEOUT_SECONDS + 5)
    except subprocess.TimeoutExpired:
        print("gunicorn did not stop in time; killing it", file=sys.stderr)
        server.kill()
        for pid in worker_pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        server.wait()


def tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
