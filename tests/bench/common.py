"""What the bench's modules share: where things are, the result of one measurement."""

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
LUA_REPORT = Path(__file__).resolve().with_name("report.lua")
LUA_MIX = Path(__file__).resolve().with_name("mix.lua")
HOST = "127.0.0.1"
REQUEST_TIMEOUT_SECONDS = 10
TRIVIAL_PATH = "/_bench/trivial/"
GUNICORN_WORKERS = 2
WARMUP_REQUESTS = 5  # per URL, so that both workers are likely to have served it
SERVER_START_TIMEOUT_SECONDS = 60
SERVER_STOP_TIMEOUT_SECONDS = 10
ERROR_KINDS = ("connect", "read", "write", "status", "timeout")


class BenchError(Exception):
    """The benchmark cannot go on (setup failed, a page does not answer 200, ...)."""


@dataclass
class Database:
    url: str
    description: str
    media_root: Path | None = None  # None: the project's own MEDIA_ROOT


@dataclass
class Result:
    label: str
    path: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: dict[str, int] = field(default_factory=dict)
    page_cache_hits: int | None = None  # answers with an `Age` header (a URL mix only)

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def errors_text(self) -> str:
        details = ", ".join(f"{kind} {count}" for kind, count in self.errors.items() if count)
        return f"{self.error_count} ({details})" if details else "0"


def run_command(
    args: list[str], *, env: dict[str, str] | None = None, timeout: float
) -> subprocess.CompletedProcess:
    """Run a command built by this script (never from outside input), capturing its output."""
    try:
        return subprocess.run(  # noqa: S603 - fixed programs, arguments built here
            args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{' '.join(args)} did not finish within {timeout} s") from error


def env_int(name: str, default: int) -> int:
    """A positive whole number from the environment variable `name`, or `default`."""
    value = os.environ.get(name, "")
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"bench: {name} must be a positive whole number, not {value!r}")
    return int(value)
