"""The sign-up scenario of `make bench` (BENCH_SCENARIOS=signups): reads while people sign up.

With the anonymous page cache on, 32 connections (BENCH_SIGNUP_CONCURRENCY) read a mix of
public pages (READ_PATHS) for BENCH_SIGNUP_SECONDS (default 15) at a time:

1. reads alone, then the same reads while a second process signs people up at each rate of
   BENCH_SIGNUP_RATES (default "2,5" a second) over real HTTP — the event page's form
   with its CSRF token, a distinct e-mail address each, the answer followed — spread
   over SIGNUP_EVENTS events open for registration, the popular seminar of the read mix
   first and then the next events (the cards of the home page and the events list);
   their places are raised beforehand so that every sign-up is confirmed;
2. that again, BENCH_SIGNUP_ROUNDS times in all (default 2: the machine is shared, and
   each sign-up phase is compared with the reads alone of its own round);
3. reads alone once more (how much the machine drifted), and the trivial view on the
   same server, for comparison with the page table.

Before the first round the read mix runs once, unreported, for WARM_UP_SECONDS: each worker
fills its own page cache (the warm-up requests per URL may all go to one worker), which a
first round otherwise pays in its p99 (103-164 ms for reads alone in round 1, 35-66 in
round 2, on 8 Dec 2026).

Reported: each phase's reads (req/s, p50/p95/p99, share answered from the page cache,
req/s as % of reads alone), the sign-ups accepted/refused and their duration, what the
database holds of them afterwards (confirmed, waiting, e-mails in the outbox) and the
gunicorn workers' peak RSS after all phases. Everything runs against 127.0.0.1 only.
"""

import json
import multiprocessing
import os
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

from common import GUNICORN_WORKERS, TRIVIAL_PATH, BenchError, Result, env_int, run_command
from load import load_mix, load_url
from server import (
    free_port,
    start_gunicorn,
    stop_gunicorn,
    wait_until_answering,
    warm_up,
    worker_peak_rss_kb,
)
from signup_client import ACCEPTED, OUTCOMES, sign_up_at_rate

# The anonymous read mix: the public pages of the page table and a few more of their kind.
READ_EVENT_SLUG = "lubuski-pakt-na-rzecz-es"
READ_PATHS = [
    "/",
    "/o-nas/",
    "/aktualnosci/",
    "/aktualnosci/?page=2",
    "/aktualnosci/rusza-nabor-na-dotacje-dla-nowych-spoldzielni-socjalnych/",
    "/wydarzenia/",
    f"/wydarzenia/{READ_EVENT_SLUG}/",
    "/wydarzenia/spotkanie-w-terenie-20/",
    "/katalog/",
    "/katalog/?q=catering",
    "/katalog/?forma=foundation&powiat=gorzowski",
    "/katalog/pes-00001/",
    "/katalog/pes-00002/",
    "/szukaj/?q=doradztwo",
    "/wydarzenia/?page=2",
]
SIGNUP_EVENTS = 6
WARM_UP_SECONDS = 5
MANAGE_TIMEOUT_SECONDS = 120


def settings_from_env() -> dict:
    rates = os.environ.get("BENCH_SIGNUP_RATES", "2,5")
    try:
        parsed = [float(rate) for rate in rates.split(",") if rate.strip()]
    except ValueError:
        parsed = []
    if not parsed or min(parsed) <= 0:
        raise SystemExit(f"bench: BENCH_SIGNUP_RATES must be rates like 2,5, not {rates!r}")
    return {
        "read_paths": READ_PATHS,
        "seconds": env_int("BENCH_SIGNUP_SECONDS", 15),
        "rounds": env_int("BENCH_SIGNUP_ROUNDS", 2),
        "concurrency": env_int("BENCH_SIGNUP_CONCURRENCY", 32),
        "rates": parsed,
        "page_cache_seconds": page_cache_seconds(),
    }


def page_cache_seconds() -> str:
    """BENCH_PAGE_CACHE_SECONDS when it turns the page cache on, else 60: the scenario is
    about the page cache."""
    value = os.environ.get("BENCH_PAGE_CACHE_SECONDS", "")
    return value if value.isdigit() and int(value) > 0 else "60"


def run(server_env: dict[str, str], tmp_dir: Path, wrk: str | None, options: dict) -> dict:
    """The whole scenario on its own gunicorn; returns what `format_report` shows."""
    seconds, rates = options["seconds"], options["rates"]
    env = dict(server_env, PAGE_CACHE_SECONDS=options["page_cache_seconds"])
    run_id = f"bench-{int(time.time())}"
    places = int(options["rounds"] * sum(rates) * seconds / SIGNUP_EVENTS) + 10
    event_paths = django_call(env, "choose_events", SIGNUP_EVENTS, places, READ_EVENT_SLUG)
    if not event_paths:
        raise BenchError("sign-ups: no upcoming one-off event is open for registration")
    port = free_port()
    log_path = tmp_dir / "gunicorn-signups.log"
    print(f"Sign-up scenario: gunicorn on port {port}, page cache {env['PAGE_CACHE_SECONDS']} s")
    phases = []
    with log_path.open("w") as log:
        server = start_gunicorn(port, env, log)
        try:
            wait_until_answering(server, port, log_path)
            for path in READ_PATHS + event_paths:
                warm_up(port, path, path)
            load_mix(
                wrk, port, "warm-up", options["read_paths"], WARM_UP_SECONDS, options["concurrency"]
            )
            for round_ in range(1, options["rounds"] + 1):
                phases.append(read_phase(wrk, port, f"{round_}: reads alone", options))
                for rate in rates:
                    signups = (event_paths, rate, f"{run_id}-{round_}-r{rate:g}")
                    label = f"{round_}: reads + {rate:g} sign-ups/s"
                    phases.append(read_phase(wrk, port, label, options, signups))
            phases.append(read_phase(wrk, port, "reads alone, at the end", options))
            trivial = load_url(
                wrk, port, "trivial view", TRIVIAL_PATH, seconds, options["concurrency"]
            )
            worker_rss = worker_peak_rss_kb(server.pid)
        finally:
            stop_gunicorn(server)
    stored = django_call(env, "registrations_of_run", run_id)
    return {
        "options": options,
        "page_cache_seconds": env["PAGE_CACHE_SECONDS"],
        "event_paths": event_paths,
        "phases": phases,
        "trivial": trivial,
        "worker_rss": worker_rss,
        "stored": stored,
    }


def read_phase(wrk, port, label, options, signups=None) -> dict:
    """The read mix for `seconds`, with (event paths, rate, e-mail prefix) sign-ups alongside."""
    seconds, concurrency, paths = options["seconds"], options["concurrency"], options["read_paths"]
    if signups is None:
        return {"label": label, "reads": load_mix(wrk, port, label, paths, seconds, concurrency)}
    event_paths, rate, prefix = signups
    with multiprocessing.Pool(1) as pool:
        pending = pool.apply_async(sign_up_at_rate, (port, event_paths, rate, seconds, prefix))
        reads = load_mix(wrk, port, label, paths, seconds, concurrency)
        done = pending.get(timeout=seconds + 120)
    return {"label": label, "reads": reads, "rate": rate, "signups": done}


# --- Inside Django (run through `manage.py shell`) ----------------------------------------


def django_call(env: dict[str, str], name: str, *args):
    """Run one of the functions below in `manage.py shell`; return what it printed (JSON)."""
    code = (
        f"import sys; sys.path.insert(0, 'tests/bench'); import signups; signups.{name}(*{args!r})"
    )
    completed = run_command(
        [sys.executable, "manage.py", "shell", "-c", code], env=env, timeout=MANAGE_TIMEOUT_SECONDS
    )
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        raise BenchError(f"sign-ups: {name} failed:\n{completed.stdout}{completed.stderr}")
    return json.loads(lines[-1])


def choose_events(count: int, places: int, first_slug: str) -> None:
    """Print the paths of `count` upcoming one-off events open for registration (the one
    with `first_slug` first, then by date), each given room for `places` more people."""
    from django.utils import timezone

    from events.live import event_area
    from events.models import EventPage
    from events.recurrence import occurrence_on
    from events.services import HOLDING, registration_refusal, registrations_of
    from portal.versions import areas_changed

    now = timezone.now()
    candidates = EventPage.objects.live().filter(repeat="", is_cancelled=False, start__gt=now)
    chosen = []
    for event in sorted(candidates, key=lambda event: (event.slug != first_slug, event.start)):
        occurrence = occurrence_on(event, None)
        if registration_refusal(occurrence, now=now) is not None:
            continue
        holding = registrations_of(occurrence).filter(status__in=HOLDING).count()
        if event.capacity < holding + places:
            EventPage.objects.filter(pk=event.pk).update(capacity=holding + places)
        chosen.append(event)
        if len(chosen) == count:
            break
    # Set before the server starts; what showed the old capacity is made stale anyway.
    areas_changed(*(event_area(event.pk) for event in chosen), "events", "home:events")
    print(json.dumps([urllib.parse.urlsplit(event.get_url()).path for event in chosen]))


def registrations_of_run(run_id: str) -> None:
    """Print how the run's sign-ups are stored: registrations by status, outbox e-mails."""
    from django.db.models import Count
    from post_office.models import Email

    from events.models import Registration

    registrations = Registration.objects.filter(email__startswith=run_id)
    by_status = dict(registrations.values_list("status").annotate(count=Count("pk")))
    by_status["outbox e-mails"] = Email.objects.filter(to__contains=run_id).count()
    print(json.dumps(by_status))


# --- Report -------------------------------------------------------------------------------


def failures(report: dict) -> list[str]:
    """What makes the run fail: read errors, sign-ups that were not accepted."""
    found = []
    for phase in report["phases"]:
        if phase["reads"].error_count:
            found.append(f"{phase['label']}: {phase['reads'].errors_text()} read errors")
        if "signups" in phase:
            outcomes = phase["signups"]["outcomes"]
            missed = sum(count for outcome, count in outcomes.items() if outcome != ACCEPTED)
            if missed:
                found.append(f"{phase['label']}: {missed} sign-ups not accepted")
    return found


def format_report(report: dict) -> list[str]:
    options, phases = report["options"], report["phases"]
    lines = [
        "",
        f"Sign-ups while reading: gunicorn, {GUNICORN_WORKERS} sync workers, page cache "
        f"{report['page_cache_seconds']} s; {len(options['read_paths'])} anonymous URLs in turn, "
        f"{options['concurrency']} connections, {options['seconds']} s a phase, "
        f"{options['rounds']} rounds; sign-ups to "
        f"{len(report['event_paths'])} events ({', '.join(report['event_paths'])})",
        "",
    ]
    rows = [
        (
            "phase",
            "req/s",
            "% alone",  # sign-ups: of the reads alone before them; reads alone: of the first
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "page cache",
            "errors",
            "sign-ups",
        )
    ]
    ratios: dict[float, list[float]] = {}
    first_alone = phases[0]["reads"].requests_per_second
    for phase in phases:
        reads = phase["reads"]
        if "signups" not in phase:
            # Reads alone are shown against the first ones (the drift of the machine); the
            # sign-up phases against the reads alone just before them.
            compared_with = first_alone
            alone = reads.requests_per_second
        else:
            compared_with = alone
            if alone:
                ratios.setdefault(phase["rate"], []).append(reads.requests_per_second / alone)
        rows.append(
            (
                phase["label"],
                f"{reads.requests_per_second:.1f}",
                f"{100 * reads.requests_per_second / compared_with:.0f}%" if compared_with else "-",
                f"{reads.p50_ms:.1f}",
                f"{reads.p95_ms:.1f}",
                f"{reads.p99_ms:.1f}",
                hit_share(reads),
                reads.errors_text(),
                signups_text(phase.get("signups")),
            )
        )
    trivial = report["trivial"]
    rows.append(
        (
            "trivial view alone",
            f"{trivial.requests_per_second:.1f}",
            "",
            f"{trivial.p50_ms:.1f}",
            f"{trivial.p95_ms:.1f}",
            f"{trivial.p99_ms:.1f}",
            "",
            trivial.errors_text(),
            "",
        )
    )
    lines += table(rows)
    peaks = ", ".join(
        f"{kb / 1024:.1f} MB (pid {pid})" for pid, kb in sorted(report["worker_rss"].items())
    )
    stored = ", ".join(f"{key} {value}" for key, value in sorted(report["stored"].items()))
    summary = "; ".join(
        f"{rate:g}/s: {100 * statistics.median(found):.0f} %" for rate, found in ratios.items()
    )
    lines += [
        "",
        f"reads' req/s while signing up, as a share of reads alone in the same round "
        f"(median of {options['rounds']} rounds): {summary}",
        f"sign-ups as stored afterwards: {stored or 'none'}",
        f"peak RSS of gunicorn workers after the sign-up scenario (VmHWM): {peaks or 'unknown'}",
    ]
    return lines


def hit_share(reads: Result) -> str:
    if reads.page_cache_hits is None or not reads.requests:
        return "-"
    return f"{100 * reads.page_cache_hits / reads.requests:.0f}%"


def signups_text(signups: dict | None) -> str:
    if not signups:
        return ""
    outcomes = signups["outcomes"]
    durations = signups["durations_ms"]
    total = sum(outcomes.values())
    text = f"{outcomes[ACCEPTED]}/{total} accepted ({signups['started_per_second']:.1f}/s)"
    others = [f"{outcomes[o]} {o}" for o in OUTCOMES if o != ACCEPTED and outcomes[o]]
    if others:
        text += ", " + ", ".join(others)
    if len(durations) >= 2:
        text += f", median {statistics.median(durations):.0f} ms"
    return text


def table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(width) if column in (0, len(row) - 1) else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "-" * len(lines[0]))
    return lines
