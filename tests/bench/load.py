"""The load of `make bench`: wrk when it is there (installed on Debian when missing), a
Python client otherwise; each reports requests/s and latency percentiles."""

import http.client
import multiprocessing
import os
import shutil
import statistics
import time
from collections import Counter

from common import (
    ERROR_KINDS,
    HOST,
    LUA_MIX,
    LUA_REPORT,
    REQUEST_TIMEOUT_SECONDS,
    BenchError,
    Result,
    run_command,
)


def find_or_install_wrk() -> str | None:
    """Debian's wrk, installed with apt-get when missing (as root); None when unavailable."""
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    apt_get = shutil.which("apt-get")
    if os.geteuid() != 0 or not apt_get:
        print("wrk is not installed (and cannot be, without root and apt-get): using Python")
        return None
    print("Installing Debian's wrk")
    apt_env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = [apt_get, "install", "-y", "-qq", "wrk"]
    if run_command(install, env=apt_env, timeout=300).returncode != 0:
        run_command([apt_get, "update", "-qq"], env=apt_env, timeout=300)
        run_command(install, env=apt_env, timeout=300)
    wrk = shutil.which("wrk")
    if not wrk:
        print("wrk could not be installed: using the Python load generator")
    return wrk


def load_url(
    wrk: str | None,
    port: int,
    label: str,
    path: str,
    seconds: int,
    concurrency: int,
    headers: dict | None = None,
) -> Result:
    print(f"Loading {path} ({label}) for {seconds} s with {concurrency} connections")
    if wrk:
        return load_with_wrk(wrk, port, label, path, seconds, concurrency, headers or {})
    return load_with_python(port, label, path, seconds, concurrency, headers or {})


def load_mix(
    wrk: str | None, port: int, label: str, paths: list[str], seconds: int, concurrency: int
) -> Result:
    """Each connection requests the paths in turn; `page_cache_hits` counts answers that
    came from the page cache (those carry Django's `Age` header)."""
    print(f"Loading {len(paths)} URLs ({label}) for {seconds} s with {concurrency} connections")
    if wrk:
        return load_with_wrk(
            wrk, port, label, paths[0], seconds, concurrency, script=LUA_MIX, more_paths=paths
        )
    return load_with_python(port, label, paths, seconds, concurrency)


def load_with_wrk(
    wrk: str,
    port: int,
    label: str,
    path: str,
    seconds: int,
    concurrency: int,
    headers: dict | None = None,
    *,
    script=LUA_REPORT,
    more_paths: list[str] = (),
) -> Result:
    threads = min(concurrency, os.cpu_count() or 1)
    args = [
        wrk,
        f"--threads={threads}",
        f"--connections={concurrency}",
        f"--duration={seconds}s",
        f"--timeout={REQUEST_TIMEOUT_SECONDS}s",
        f"--script={script}",
        *(f"--header={name}: {value}" for name, value in (headers or {}).items()),
        f"http://{HOST}:{port}{path}",
        *more_paths,  # read by mix.lua
    ]
    completed = run_command(args, timeout=seconds + 30)
    values = parse_wrk_report(completed.stdout)
    if completed.returncode != 0 or values is None:
        raise BenchError(f"wrk failed on {path}:\n{completed.stdout}{completed.stderr}")
    return Result(
        label=label,
        path=path,
        requests=int(values["requests"]),
        seconds=values["duration_us"] / 1_000_000,
        p50_ms=values["p50_us"] / 1000,
        p95_ms=values["p95_us"] / 1000,
        p99_ms=values["p99_us"] / 1000,
        errors={kind: int(values[kind]) for kind in ERROR_KINDS},
        page_cache_hits=int(values["hits"]) if "hits" in values else None,
    )


def parse_wrk_report(output: str) -> dict[str, float] | None:
    """Read the `BENCH key=value ...` line printed by report.lua."""
    for line in output.splitlines():
        if line.startswith("BENCH "):
            pairs = (item.split("=", 1) for item in line.split()[1:])
            return {key: float(value) for key, value in pairs}
    return None


def load_with_python(
    port: int,
    label: str,
    path: str | list[str],
    seconds: int,
    concurrency: int,
    headers: dict | None = None,
) -> Result:
    """The fallback: one process per connection, each with a keep-alive http.client client
    (given a list of paths, each client requests them in turn from its own starting point)."""
    paths = [path] if isinstance(path, str) else path
    jobs = [
        (port, paths[number % len(paths) :] + paths[: number % len(paths)], seconds, headers or {})
        for number in range(concurrency)
    ]
    with multiprocessing.Pool(concurrency) as pool:
        outcomes = pool.starmap(python_client, jobs)
    latencies_ms = [latency for latencies, _, _, _ in outcomes for latency in latencies]
    errors = Counter()
    for _, client_errors, _, _ in outcomes:
        errors.update(client_errors)
    p50, p95, p99 = percentiles_ms(latencies_ms)
    return Result(
        label=label,
        path=paths[0],
        requests=len(latencies_ms),
        seconds=max(elapsed for _, _, elapsed, _ in outcomes),
        p50_ms=p50,
        p95_ms=p95,
        p99_ms=p99,
        errors={kind: errors[kind] for kind in ERROR_KINDS},
        page_cache_hits=sum(hits for _, _, _, hits in outcomes),
    )


def python_client(
    port: int, paths: list[str], seconds: int, headers: dict | None = None
) -> tuple[list[float], Counter, float, int]:
    """Send requests one after another for `seconds`, going through `paths` in turn; return
    latencies (ms), errors, time and how many answers came from the page cache (`Age`)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_SECONDS)
    latencies_ms = []
    errors = Counter()
    hits = 0
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        path = paths[len(latencies_ms) % len(paths)]
        sent = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            response.read()  # http.client reconnects by itself after "Connection: close"
        except (OSError, http.client.HTTPException) as error:
            errors[error_kind(error)] += 1
            connection.close()  # start afresh on the next request
            continue
        latencies_ms.append((time.perf_counter() - sent) * 1000)
        hits += response.getheader("Age") is not None
        if not 200 <= response.status < 400:
            errors["status"] += 1
    connection.close()
    return latencies_ms, errors, time.monotonic() - started, hits


def error_kind(error: Exception) -> str:
    if isinstance(error, TimeoutError):
        return "timeout"
    if isinstance(error, ConnectionRefusedError):
        return "connect"
    return "read"


def percentiles_ms(latencies_ms: list[float]) -> tuple[float, float, float]:
    if len(latencies_ms) < 2:
        latency = latencies_ms[0] if latencies_ms else 0.0
        return latency, latency, latency
    cut_points = statistics.quantiles(latencies_ms, n=100, method="inclusive")
    return cut_points[49], cut_points[94], cut_points[98]


# --- Report -----------------------------------------------------------------------------
