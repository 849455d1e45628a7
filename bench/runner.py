"""``make bench``: the portal under load on a production-like server, compared with a baseline.

Steps: a fresh benchmark database (migrate, cache table, demo data), static files collected into a
temporary folder, 10,000 services (bench.domains.services.ensure_services) and the bench resident
(bench/residents.py); then every page of bench/targets.py in its modes: "uncached" on a gunicorn
started with PAGE_CACHE_PAGES=false, then "cached" (anonymous) and "logged_in" (the resident's
session cookie) on a gunicorn with the production settings as they are. Each server run measures
the baseline view before its first page and after each page; a page's ratio is against the mean
of the two baselines right before and after it. Then the home page's weight, and the custom
benchmarks on the production server. The figures are printed as one table (a row per page,
columns per mode) and written to bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench import page_weight, targets, wrk
from bench.server import (
    REPO,
    GunicornServer,
    fetch,
    prepare,
    production_environment,
    recreate_database,
)
from bench.targets import CACHED, LOGGED_IN, MODE_TITLES, MODES, UNCACHED

RESULTS = REPO / "bench" / "results" / "latest.json"
# As a browser sends them through the TLS-terminating proxy.
REQUEST_HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}


@dataclass
class BenchContext:
    """What a custom benchmark gets: the running server and the environment it runs with."""

    port: int
    env: dict[str, str]
    duration: float
    args: argparse.Namespace
    # The bench resident's Cookie header (bench/residents.py), once made.
    resident_cookie: str = ""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def fetch(self, path: str, **kwargs):
        return fetch(self.port, path, **kwargs)

    def setup_django(self) -> None:
        """Configure Django in this process against the benchmark database (for ORM benchmarks)."""
        os.environ.update(self.env)
        import django

        django.setup()


@dataclass
class TargetResult:
    target: targets.HttpTarget
    mode: str = CACHED
    wrk: wrk.WrkResult | None = None
    ratio: float | None = None
    weight: page_weight.PageWeight | None = None
    errors: list[str] = field(default_factory=list)
    # The baseline's rate the ratio is against (ServerRun.compute_ratios).
    baseline_rate: float | None = None
    # Every round's ratio of this page and mode (ServerRun.median_of); the result is the median's.
    round_ratios: list[float] = field(default_factory=list)

    @property
    def goal(self) -> float | None:
        return self.target.goals.get(self.mode)

    @property
    def ratio_met(self) -> bool | None:
        if self.goal is None or self.ratio is None:
            return None
        return self.ratio >= self.goal

    @property
    def weight_met(self) -> bool | None:
        if self.target.page_weight_goal is None or self.weight is None:
            return None
        return (
            self.weight.total_bytes < self.target.page_weight_goal
            and self.html_met is not False
            and not self.weight.third_party
            and not self.weight.errors
        )

    @property
    def html_met(self) -> bool | None:
        if self.target.html_bytes_goal is None or self.weight is None:
            return None
        return 0 < self.weight.html_bytes < self.target.html_bytes_goal

    @property
    def verdict(self) -> str:
        return "ERROR" if self.errors else _verdict(self.ratio_met)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.target.name,
            "path": self.target.path,
            "mode": self.mode,
            "requests_per_second": self.wrk.requests_per_second if self.wrk else None,
            "ratio_to_baseline": self.ratio,
            "round_ratios": self.round_ratios,
            "baseline_requests_per_second": self.baseline_rate,
            "goal_ratio": self.goal,
            "ratio_met": self.ratio_met,
            "wrk": self.wrk.as_dict() if self.wrk else None,
            "page_weight": self.weight.as_dict() if self.weight else None,
            "page_weight_goal_bytes": self.target.page_weight_goal,
            "page_weight_met": self.weight_met,
            "html_bytes_goal": self.target.html_bytes_goal,
            "html_bytes_met": self.html_met,
            "errors": self.errors,
        }


@dataclass
class ServerRun:
    """One gunicorn server's measurements: its pages, and the baseline before, between and after
    them (``baselines[i]`` and ``baselines[i + 1]`` were measured right before and after
    ``results[i]``)."""

    name: str
    baselines: list[TargetResult] = field(default_factory=list)
    results: list[TargetResult] = field(default_factory=list)
    # How many rounds the results are the median of (ServerRun.median_of).
    rounds: int = 1

    @staticmethod
    def _mean(baselines: list[TargetResult]) -> float:
        rates = [b.wrk.requests_per_second for b in baselines if b.wrk and not b.errors]
        return sum(rates) / len(rates) if rates else 0.0

    @property
    def baseline_rate(self) -> float:
        return self._mean(self.baselines)

    def compute_ratios(self) -> None:
        """Each page against the mean of the baselines measured right before and after it: the
        load of a shared machine moves within a run."""
        for index, result in enumerate(self.results):
            result.baseline_rate = self._mean(self.baselines[index : index + 2])
        for baseline in self.baselines:
            baseline.baseline_rate = self.baseline_rate
        for result in [*self.baselines, *self.results]:
            if result.wrk and result.baseline_rate:
                result.ratio = result.wrk.requests_per_second / result.baseline_rate

    @classmethod
    def median_of(cls, rounds: list[ServerRun]) -> ServerRun:
        """One run from several rounds of the same jobs: each page's result is the round whose
        ratio is the median of its rounds' ratios (the lower middle one for an even count; a
        round that failed counts as its error). Every round's baselines are kept."""
        combined = cls(rounds[0].name, rounds=len(rounds))
        combined.baselines = [baseline for run in rounds for baseline in run.baselines]
        for results in zip(*(run.results for run in rounds), strict=True):
            failed = [result for result in results if result.errors or result.ratio is None]
            if failed:
                chosen = failed[0]
            else:
                ordered = sorted(results, key=lambda result: result.ratio or 0.0)
                chosen = ordered[(len(ordered) - 1) // 2]
            chosen.round_ratios = [result.ratio for result in results if result.ratio is not None]
            combined.results.append(chosen)
        return combined

    def as_dict(self) -> dict[str, Any]:
        return {
            "rounds": self.rounds,
            "baseline_requests_per_second": [
                b.wrk.requests_per_second if b.wrk else None for b in self.baselines
            ],
            "baseline_mean": self.baseline_rate,
            "modes": sorted({result.mode for result in self.results}),
        }


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5, help="seconds per measurement (5)")
    parser.add_argument(
        "--warmup", type=float, default=1, help="warm-up seconds per measurement (1)"
    )
    parser.add_argument(
        "--baseline-duration",
        type=float,
        default=2,
        help="seconds of each baseline measured between two pages (2)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds over every page; a page's figures are its median round's (3)",
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--port", type=int, default=None, help="port (default: a free one)")
    parser.add_argument("--database", default="portal_bench", help="embedded database name")
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="migrate the existing benchmark database instead of recreating it",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="measure only these targets: a page's name or a custom benchmark's function name "
        "(repeatable; the baseline is always measured)",
    )
    parser.add_argument(
        "--mode",
        action="append",
        choices=MODES,
        help="measure the pages only in these modes (repeatable; default: every mode of a page)",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="exit 0 when goals are missed (errors still fail)",
    )
    return parser.parse_args(argv)


def _say(message: str) -> None:
    print(message, flush=True)


def mode_headers(mode: str, resident_cookie: str = "") -> dict[str, str]:
    """What wrk sends in ``mode``: a browser's headers through the proxy (and the resident's
    session and CSRF cookies when logged in)."""
    if mode == LOGGED_IN:
        return {**REQUEST_HEADERS, "Cookie": resident_cookie}
    return dict(REQUEST_HEADERS)


def _measure(
    server: GunicornServer,
    target: targets.HttpTarget,
    mode: str,
    args: argparse.Namespace,
    headers: dict[str, str],
) -> TargetResult:
    result = TargetResult(target, mode)
    probe = fetch(server.port, target.path, headers=headers)
    if probe.status != 200:
        # A redirect or error page would be measured at the wrong speed: report, skip.
        result.errors.append(f"{target.path} answered {probe.status}, not 200")
        return result
    url = server.base_url + target.path
    options = {"threads": args.threads, "connections": args.connections, "headers": headers}
    title = f"{target.name} ({MODE_TITLES[mode]})" if target is not targets.BASELINE else "baseline"
    if args.warmup > 0:
        _say(f"  {title}: warming up ({args.warmup:g} s)")
        wrk.run(url, duration=args.warmup, **options)
    _say(f"  {title}: measuring {target.path} ({args.duration:g} s)")
    result.wrk, output = wrk.run(url, duration=args.duration, **options)
    result.errors.extend(result.wrk.errors)
    if result.wrk.errors:
        _say(output)
    if mode == CACHED and target.page_weight_goal is not None:
        site_host = urlsplit(server.env["PORTAL_SITE_URL"]).netloc
        result.weight = page_weight.measure(server.port, target.path, first_party_hosts={site_host})
        result.errors.extend(result.weight.errors)
    return result


def _measure_server(
    name: str,
    server: GunicornServer,
    jobs: list[tuple[targets.HttpTarget, str]],
    args: argparse.Namespace,
    resident_cookie: str = "",
) -> ServerRun:
    """``--rounds`` rounds of: the baseline, then each (page, mode) of ``jobs`` followed by the
    baseline again (``--baseline-duration`` seconds, no warm-up); each ratio against the
    baselines around it, and each page's figures its median round's.

    This machine's speed moves by a factor of two within seconds (docs/performance.md, "Issue
    17, round 3"): one round can catch a page in a slow moment; three rarely catch it in two."""
    headers = mode_headers(CACHED)
    between = argparse.Namespace(**{**vars(args), "duration": args.baseline_duration, "warmup": 0})
    rounds = []
    for number in range(max(args.rounds, 1)):
        if args.rounds > 1:
            _say(f"  round {number + 1} of {args.rounds}")
        # Warmed up in the first round; the later ones find the server warm.
        measured = args if number == 0 else argparse.Namespace(**{**vars(args), "warmup": 0})
        run = ServerRun(name)
        run.baselines.append(_measure(server, targets.BASELINE, CACHED, measured, headers))
        for target, mode in jobs:
            run.results.append(
                _measure(server, target, mode, measured, mode_headers(mode, resident_cookie))
            )
            run.baselines.append(_measure(server, targets.BASELINE, CACHED, between, headers))
        run.compute_ratios()
        rounds.append(run)
    return rounds[0] if len(rounds) == 1 else ServerRun.median_of(rounds)


def select_jobs(
    names: set[str], modes: set[str]
) -> tuple[list[tuple[targets.HttpTarget, str]], list[tuple[targets.HttpTarget, str]]]:
    """(page, mode) pairs to measure: on the uncached server, and on the production server
    (cached, then logged in)."""
    pages = [page for page in targets.PAGES if not names or page.name in names]
    wanted = modes or set(MODES)
    uncached = [(page, UNCACHED) for page in pages if UNCACHED in page.modes and UNCACHED in wanted]
    production = [
        (page, mode)
        for mode in (CACHED, LOGGED_IN)
        if mode in wanted
        for page in pages
        if mode in page.modes
    ]
    return uncached, production


def _prepare_data(context: BenchContext, *, services: bool, resident: bool) -> dict[str, Any]:
    """10,000 services for the search and the catalogue, and the bench resident's session."""
    figures: dict[str, Any] = {}
    if not (services or resident):
        return figures
    context.setup_django()
    from django.db import connections

    if services:
        from bench.domains.services import ensure_services

        started = time.monotonic()
        figures["services_published"] = ensure_services(10_000)
        _say(
            f"  {figures['services_published']:,} published services "
            f"({time.monotonic() - started:.0f} s)"
        )
    if resident:
        from bench import residents

        user = residents.ensure_resident()
        figures["resident"] = residents.EMAIL
        figures["resident_records"] = residents.ensure_records()
        context.resident_cookie = residents.session_cookie(user)
        _say(f"  bench resident {residents.EMAIL}: {figures['resident_records']}")
    connections.close_all()
    return figures


def _run_custom(context: BenchContext, selected: list[str]) -> tuple[dict[str, Any], list[str]]:
    figures: dict[str, Any] = {}
    errors: list[str] = []
    for dotted in selected:
        module_name, _, function_name = dotted.partition(":")
        _say(f"\n{dotted}")
        try:
            function = getattr(importlib.import_module(module_name), function_name)
            figures[dotted] = function(context) or {}
        except Exception as error:  # one broken benchmark must not hide the others' figures
            errors.append(f"{dotted}: {type(error).__name__}: {error}")
            figures[dotted] = {"error": str(error)}
    return figures, errors


def _verdict(met: bool | None) -> str:
    return {True: "ok", False: "MISSED", None: ""}[met]


CELL = 42  # characters of a mode's columns


def _cell(result: TargetResult | None) -> str:
    """A mode's columns of a page's row: req/s, ratio, goal, p50, p99, result."""
    if result is None:
        return " " * CELL
    figures = result.wrk
    rate = f"{figures.requests_per_second:7.0f}" if figures else f"{'—':>7}"
    ratio = f"{result.ratio:6.2f}" if result.ratio is not None else f"{'—':>6}"
    goal = f"{'≥' + format(result.goal, '.2f'):>6}" if result.goal is not None else " " * 6
    p50 = _milliseconds(figures.latency_p50_ms if figures else None, 7)
    p99 = _milliseconds(figures.latency_p99_ms if figures else None, 8)
    return f"{rate}{ratio}{goal}{p50}{p99}  {result.verdict:<6}"


def _milliseconds(value: float | None, width: int) -> str:
    if not value:
        return " " * width
    return f"{value:{width}.0f}" if value >= 100 else f"{value:{width}.1f}"


def report_table(runs: list[ServerRun]) -> list[str]:
    """The table: one row per page; per mode req/s, ratio to the baseline, goal, latency p50 and
    p99 in ms, and ok / MISSED (ERROR: the page answered other than 200, or wrk lost requests)."""
    results = [result for run in runs for result in run.results]
    modes = [mode for mode in MODES if any(result.mode == mode for result in results)]
    by_page: dict[str, dict[str, TargetResult]] = {}
    for result in results:
        by_page.setdefault(result.target.name, {})[result.mode] = result
    first = f"{'':<14}" + "".join(f"{MODE_TITLES[mode]:<{CELL}}" for mode in modes)
    second = f"{'page':<14}" + (
        f"{'req/s':>7}{'ratio':>6}{'goal':>6}{'p50':>7}{'p99':>8}  {'result':<6}" * len(modes)
    )
    lines = [first.rstrip(), second.rstrip(), "-" * len(second.rstrip())]
    for page in targets.PAGES:
        row = by_page.get(page.name)
        if row:
            cells = "".join(_cell(row.get(mode)) for mode in modes)
            lines.append(f"{page.name:<14}{cells}".rstrip())
    for run in runs:
        rates = [b.wrk.requests_per_second for b in run.baselines if b.wrk]
        spread = f"{min(rates):.0f} to {max(rates):.0f}" if rates else "—"
        lines.append(
            f"baseline of the {run.name} server: {len(run.baselines)} measurements before, "
            f"between and after its pages, {spread} req/s (mean {run.baseline_rate:.0f}); "
            "each ratio is against the two around the page"
            + (f", the median of {run.rounds} rounds" if run.rounds > 1 else "")
        )
    return lines


def _print_report(runs: list[ServerRun], args: argparse.Namespace) -> None:
    _say("")
    _say(
        f"gunicorn {args.workers} workers · wrk {args.duration:g} s, {args.threads} threads, "
        f"{args.connections} connections · {os.cpu_count()} CPUs"
    )
    for line in report_table(runs):
        _say(line)
    results = [result for run in runs for result in run.results]
    for result in results:
        if result.weight is None:
            continue
        weight = result.weight
        goal_kb = result.target.page_weight_goal / 1024
        _say("")
        _say(
            f"Page weight of {result.target.name} ({result.target.path}): "
            f"{weight.total_bytes / 1024:.1f} KB in {len(weight.resources)} files "
            f"(goal < {goal_kb:.0f} KB) {_verdict(result.weight_met)}"
        )
        for resource in weight.resources:
            _say(
                f"  {resource.bytes / 1024:7.1f} KB  {resource.status}  "
                f"{resource.content_encoding:<8}  {resource.content_type:<16}  {resource.url}"
            )
        _say(
            f"  HTML gzip-compressed (if the proxy compresses): "
            f"{weight.html_gzip_bytes / 1024:.1f} KB"
        )
        if result.target.html_bytes_goal is not None:
            _say(
                f"  HTML as rendered, uncompressed: {weight.html_bytes / 1024:.1f} KB "
                f"(goal < {result.target.html_bytes_goal / 1024:.0f} KB) "
                f"{_verdict(result.html_met)}"
            )
        third_party = ", ".join(weight.third_party) or "none"
        _say(f"  Third-party resources: {third_party}")
    for result in results:
        if result.target.html_bytes_goal is None or result.weight is None:
            continue
        # The page as anonymous visitors get it (no session cookie): served from the page cache.
        ratio = f"{result.ratio:.2f}" if result.ratio is not None else "—"
        goal = result.goal or 0.0
        _say(
            f"\nGoals of {result.target.name} ({result.target.path}): cached "
            f"{ratio} of the baseline (goal ≥ {goal:.2f}) "
            f"{_verdict(result.ratio_met)} · HTML {result.weight.html_bytes / 1024:.1f} KB "
            f"uncompressed (goal < {result.target.html_bytes_goal / 1024:.0f} KB) "
            f"{_verdict(result.html_met)}"
        )
    errors = _errors(runs)
    if errors:
        _say("\nErrors:")
        for error in errors:
            _say(f"  {error}")


def _errors(runs: list[ServerRun]) -> list[str]:
    return [
        f"{result.target.name} ({MODE_TITLES[result.mode]}, {run.name}): {error}"
        for run in runs
        for result in [*run.baselines, *run.results]
        for error in result.errors
    ]


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except RuntimeError as error:
        # A failed setup step or server start: its output says why; no traceback of ours.
        print(f"\nmake bench failed: {error}", file=sys.stderr)
        return 2


def _main(argv: list[str] | None) -> int:
    args = _arguments(argv)
    wrk.find_wrk()  # before minutes of setup, not after
    names = set(args.only or [])
    custom_names = {dotted: dotted.partition(":")[2] for dotted in targets.CUSTOM_BENCHMARKS}
    known = (
        {target.name for target in targets.PAGES} | set(custom_names) | set(custom_names.values())
    )
    if unknown := names - known:
        raise SystemExit(f"Unknown target(s): {', '.join(sorted(unknown))}")
    uncached_jobs, production_jobs = select_jobs(names, set(args.mode or []))
    selected_custom = [
        dotted
        for dotted, function in custom_names.items()
        if not names or dotted in names or function in names
    ]
    jobs = [*uncached_jobs, *production_jobs]
    started_at = datetime.now(UTC)
    clock = time.monotonic()
    load_before = os.getloadavg()[0]
    runs: list[ServerRun] = []
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as folder:
        tmp = Path(folder)
        env = production_environment(
            args.database,
            DJANGO_STATIC_ROOT=str(tmp / "static"),
            PORTAL_MEDIA_ROOT=str(tmp / "media"),
            PORTAL_BENCH_BASELINE="true",
            DJANGO_LOG_LEVEL="WARNING",
            # A worker recycled mid-run spends a second starting Django: noise, not the page.
            GUNICORN_MAX_REQUESTS="0",
            # Links built from it (e-mails, canonical URLs) are the portal's own, not third-party.
            PORTAL_SITE_URL="https://digitales.muenchen.de",
            # Behind the proxy, as in production (.env.example): the client's address is the
            # X-Forwarded-For entry the proxy adds (the booking benchmarks' clients each have one).
            DJANGO_TRUSTED_PROXY_COUNT="1",
        )
        _say(f"Preparing the benchmark database {args.database} and static files …")
        if not args.keep_database:
            recreate_database(args.database)
        prepare(env, demo=True)
        context = BenchContext(port=0, env=env, duration=args.duration, args=args)
        data = _prepare_data(
            context,
            services=bool(jobs) or any(name.startswith("bench.peak:") for name in selected_custom),
            resident=any(mode == LOGGED_IN for _page, mode in production_jobs),
        )
        logs = []
        if uncached_jobs:
            server = _server({**env, "PAGE_CACHE_PAGES": "false"}, args, tmp / "uncached.log")
            _say(f"Starting gunicorn with PAGE_CACHE_PAGES=false on {server.base_url} …")
            with server:
                runs.append(_measure_server("uncached", server, uncached_jobs, args))
                logs.append(server.log())
        server = _server(env, args, tmp / "gunicorn.log")
        _say(f"Starting gunicorn on {server.base_url} …")
        with server:
            if production_jobs:
                runs.append(
                    _measure_server(
                        "production", server, production_jobs, args, context.resident_cookie
                    )
                )
            context.port = server.port
            custom, custom_errors = _run_custom(context, selected_custom)
            logs.append(server.log())
        server_log = "\n".join(logs)
    _print_report(runs, args)
    custom_missed = [name for name, figures in custom.items() if figures.get("goal_met") is False]
    results = [result for run in runs for result in run.results]
    errors = _errors(runs) + custom_errors
    goals_met = (
        all(result.ratio_met is not False for result in results)
        and all(result.weight_met is not False for result in results)
        and not custom_missed
    )
    if "Traceback" in server_log:
        errors.append("the server logged an exception (see gunicorn_log in latest.json)")
    report = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "duration_seconds": round(time.monotonic() - clock, 1),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": {
            "workers": args.workers,
            "duration": args.duration,
            "warmup": args.warmup,
            "wrk_threads": args.threads,
            "wrk_connections": args.connections,
        },
        "data": data,
        "servers": {run.name: run.as_dict() for run in runs},
        # One entry per page and mode, the servers' baselines first ("mode" says which).
        "targets": [result.as_dict() for run in runs for result in [*run.baselines, *run.results]],
        "pages": pages_summary(runs),
        "custom": custom,
        "goals_met": goals_met,
        "errors": errors,
        "gunicorn_log": server_log if errors else "",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if custom_missed:
        _say(f"\nCustom benchmarks that missed their goal: {', '.join(custom_missed)}")
    _say(
        f"\nAll goals met: {'yes' if goals_met else 'NO'} · {report['duration_seconds']} s · "
        f"figures in {RESULTS.relative_to(REPO)}"
    )
    if errors:
        return 2
    return 0 if goals_met or args.report_only else 1


def _server(env: dict[str, str], args: argparse.Namespace, log_path: Path) -> GunicornServer:
    return GunicornServer(
        env, port=args.port, workers=args.workers, log_path=log_path, access_log=False
    )


def pages_summary(runs: list[ServerRun]) -> dict[str, dict[str, Any]]:
    """``{page: {"path": …, mode: {requests_per_second, ratio, goal, met, p50_ms, p99_ms}}}``."""
    pages: dict[str, dict[str, Any]] = {}
    for run in runs:
        for result in run.results:
            entry = pages.setdefault(result.target.name, {"path": result.target.path})
            figures = result.wrk
            entry[result.mode] = {
                "server": run.name,
                "requests_per_second": figures.requests_per_second if figures else None,
                "ratio": round(result.ratio, 3) if result.ratio is not None else None,
                "goal": result.goal,
                "met": result.ratio_met if not result.errors else False,
                "p50_ms": figures.latency_p50_ms if figures else None,
                "p99_ms": figures.latency_p99_ms if figures else None,
                "errors": result.errors,
            }
    return pages


if __name__ == "__main__":
    sys.exit(main())
