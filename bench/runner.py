"""``make bench``: the portal under load on a production-like server, compared with a baseline.

Steps: a fresh benchmark database (migrate, cache table, demo data), static files collected into a
temporary folder, gunicorn with the production settings on 127.0.0.1, then wrk against the
baseline view and every target in bench/targets.py, each page's weight, and the custom
benchmarks. The figures are printed as a table and written to bench/results/latest.json.
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
    wrk: wrk.WrkResult | None = None
    ratio: float | None = None
    weight: page_weight.PageWeight | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ratio_met(self) -> bool | None:
        if self.target.goal_ratio is None or self.ratio is None:
            return None
        return self.ratio >= self.target.goal_ratio

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

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.target.name,
            "path": self.target.path,
            "requests_per_second": self.wrk.requests_per_second if self.wrk else None,
            "ratio_to_baseline": self.ratio,
            "goal_ratio": self.target.goal_ratio,
            "ratio_met": self.ratio_met,
            "wrk": self.wrk.as_dict() if self.wrk else None,
            "page_weight": self.weight.as_dict() if self.weight else None,
            "page_weight_goal_bytes": self.target.page_weight_goal,
            "page_weight_met": self.weight_met,
            "html_bytes_goal": self.target.html_bytes_goal,
            "html_bytes_met": self.html_met,
            "errors": self.errors,
        }


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per target (10)")
    parser.add_argument("--warmup", type=float, default=2, help="warm-up seconds per target (2)")
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
        "--report-only",
        action="store_true",
        help="exit 0 when goals are missed (errors still fail)",
    )
    return parser.parse_args(argv)


def _say(message: str) -> None:
    print(message, flush=True)


def _measure_http(
    server: GunicornServer, selected: list[targets.HttpTarget], args: argparse.Namespace
) -> list[TargetResult]:
    results = []
    for target in [targets.BASELINE, *selected]:
        result = TargetResult(target)
        results.append(result)
        probe = fetch(server.port, target.path)
        if probe.status != 200:
            # A redirect or error page would be measured at the wrong speed: report, skip.
            result.errors.append(f"{target.path} answered {probe.status}, not 200")
            continue
        url = server.base_url + target.path
        options = {
            "threads": args.threads,
            "connections": args.connections,
            "headers": REQUEST_HEADERS,
        }
        if args.warmup > 0:
            _say(f"  {target.name}: warming up ({args.warmup:g} s)")
            wrk.run(url, duration=args.warmup, **options)
        _say(f"  {target.name}: measuring {target.path} ({args.duration:g} s)")
        result.wrk, output = wrk.run(url, duration=args.duration, **options)
        result.errors.extend(result.wrk.errors)
        if result.wrk.errors:
            _say(output)
        if target.page_weight_goal is not None:
            site_host = urlsplit(server.env["PORTAL_SITE_URL"]).netloc
            result.weight = page_weight.measure(
                server.port, target.path, first_party_hosts={site_host}
            )
            result.errors.extend(result.weight.errors)
    baseline_rate = results[0].wrk.requests_per_second if results[0].wrk else 0
    for result in results:
        if result.wrk and baseline_rate:
            result.ratio = result.wrk.requests_per_second / baseline_rate
    return results


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


def _print_report(results: list[TargetResult], args: argparse.Namespace) -> None:
    _say("")
    _say(
        f"gunicorn {args.workers} workers · wrk {args.duration:g} s, {args.threads} threads, "
        f"{args.connections} connections · {os.cpu_count()} CPUs"
    )
    header = (
        f"{'target':<12}{'path':<22}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'ratio':>8}{'goal':>8}  result"
    )
    _say(header)
    _say("-" * len(header))
    for result in results:
        figures = result.wrk
        rate = f"{figures.requests_per_second:9.1f}" if figures else f"{'—':>9}"
        p50 = f"{figures.latency_p50_ms:9.1f}" if figures and figures.latency_p50_ms else " " * 9
        p99 = f"{figures.latency_p99_ms:9.1f}" if figures and figures.latency_p99_ms else " " * 9
        ratio = f"{result.ratio:8.2f}" if result.ratio is not None else f"{'—':>8}"
        goal = (
            f"{'≥' + format(result.target.goal_ratio, '.2f'):>8}"
            if result.target.goal_ratio is not None
            else f"{'':>8}"
        )
        verdict = "ERROR" if result.errors else _verdict(result.ratio_met)
        name, path = result.target.name, result.target.path
        _say(f"{name:<12}{path:<22}{rate}{p50}{p99}{ratio}{goal}  {verdict}")
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
        goal = result.target.goal_ratio or 0.0
        _say(
            f"\nGoals of {result.target.name} ({result.target.path}): cached "
            f"{ratio} of the baseline (goal ≥ {goal:.2f}) "
            f"{_verdict(result.ratio_met)} · HTML {result.weight.html_bytes / 1024:.1f} KB "
            f"uncompressed (goal < {result.target.html_bytes_goal / 1024:.0f} KB) "
            f"{_verdict(result.html_met)}"
        )
    errors = [f"{result.target.name}: {error}" for result in results for error in result.errors]
    if errors:
        _say("\nErrors:")
        for error in errors:
            _say(f"  {error}")


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
        {target.name for target in targets.TARGETS} | set(custom_names) | set(custom_names.values())
    )
    if unknown := names - known:
        raise SystemExit(f"Unknown target(s): {', '.join(sorted(unknown))}")
    selected = [target for target in targets.TARGETS if not names or target.name in names]
    selected_custom = [
        dotted
        for dotted, function in custom_names.items()
        if not names or dotted in names or function in names
    ]
    started_at = datetime.now(UTC)
    clock = time.monotonic()
    load_before = os.getloadavg()[0]
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
        )
        _say(f"Preparing the benchmark database {args.database} and static files …")
        if not args.keep_database:
            recreate_database(args.database)
        prepare(env, demo=True)
        server = GunicornServer(
            env,
            port=args.port,
            workers=args.workers,
            log_path=tmp / "gunicorn.log",
            access_log=False,
        )
        _say(f"Starting gunicorn on {server.base_url} …")
        with server:
            results = _measure_http(server, selected, args)
            context = BenchContext(port=server.port, env=env, duration=args.duration, args=args)
            custom, custom_errors = _run_custom(context, selected_custom)
            server_log = server.log()
    _print_report(results, args)
    custom_missed = [name for name, figures in custom.items() if figures.get("goal_met") is False]
    errors = [f"{result.target.name}: {error}" for result in results for error in result.errors]
    errors += custom_errors
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
        "targets": [result.as_dict() for result in results],
        "custom": custom,
        "goals_met": goals_met,
        "errors": errors,
        "gunicorn_log": server_log if errors else "",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    _say(
        f"\nAll goals met: {'yes' if goals_met else 'NO'} · {report['duration_seconds']} s · "
        f"figures in {RESULTS.relative_to(REPO)}"
    )
    if errors:
        return 2
    return 0 if goals_met or args.report_only else 1


if __name__ == "__main__":
    sys.exit(main())
