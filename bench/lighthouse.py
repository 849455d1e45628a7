"""Lighthouse on the main pages: accessibility 100 and performance at least 95 (issue 8, item 7).

Runs Google's Lighthouse from the npm registry (``npx --yes lighthouse@12``, cached by npm after
the first run) on the system Chromium, headless, against a running portal, and prints the
accessibility and performance score of each main page with the goals. Lighthouse's defaults
apply: a mobile device with simulated throttling (slow 4G, a CPU four times slower), the harder
case.

Two ways to run it:

- ``make bench`` calls :func:`lighthouse_benchmark` (bench/targets.py, ``CUSTOM_BENCHMARKS``)
  against the benchmark's gunicorn server with production settings and the demo data;
- by hand against any running server::

      .venv/bin/python bench/lighthouse.py --base-url http://127.0.0.1:8000 [--page home ...]

Needs ``npx`` (Node.js 18 or newer) and Chromium (``CHROME_PATH``, default /usr/bin/chromium).
Requests carry ``X-Forwarded-Proto: https``, as the TLS proxy in front of the portal sends it, so
the production settings serve the pages instead of redirecting to HTTPS.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

LIGHTHOUSE = "lighthouse@12"
GOALS = {"accessibility": 100, "performance": 95}
HEADERS = {"X-Forwarded-Proto": "https"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
TIMEOUT_SECONDS = 180

# name, path; ``None`` paths are found on the participation pages (their slugs are demo data).
PAGES: list[tuple[str, str | None]] = [
    ("home", "/"),
    ("catalogue", "/dienstleistungen/"),
    ("service", "/dienstleistungen/wohnsitz-anmelden/"),
    ("office", "/dienststellen/buergerbuero-ruppertstrasse/"),
    ("participation", "/beteiligung/"),
    ("process", None),
    ("event", None),
    ("login", "/konto/login/"),
    ("barrier report", "/barriere-melden/"),
]


@dataclass
class PageScore:
    name: str
    path: str
    scores: dict[str, float | None] = field(default_factory=dict)
    failed_audits: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def goal_met(self) -> bool:
        return not self.error and all(
            (self.scores.get(category) or 0) >= goal for category, goal in GOALS.items()
        )


def _get(base_url: str, path: str) -> str:
    request = urllib.request.Request(base_url + path, headers=HEADERS)  # noqa: S310 (local server)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read().decode("utf-8", "replace")


def _first_link(html: str, pattern: str) -> str | None:
    match = re.search(rf'href="({pattern})"', html)
    return match[1] if match else None


def resolve_pages(base_url: str, names: set[str] | None = None) -> list[tuple[str, str]]:
    """The pages to audit; a process and an event are the first ones the list pages link to."""
    resolved: list[tuple[str, str]] = []
    process = event = None
    for name, path in PAGES:
        if names and name not in names:
            continue
        if path is None:
            if process is None:
                process = _first_link(_get(base_url, "/beteiligung/"), r"/beteiligung/[\w-]+/")
            if name == "process":
                path = process
            else:
                if event is None and process:
                    event = _first_link(_get(base_url, process), r"/veranstaltungen/[\w-]+/")
                path = event
            if path is None:
                raise RuntimeError(f"No {name} page found on {base_url}/beteiligung/.")
        resolved.append((name, path))
    return resolved


def find_npx() -> str:
    npx = shutil.which("npx")
    if npx is None:
        raise RuntimeError(
            "npx not found: Lighthouse runs from the npm registry. Install Node.js 18 or newer "
            "(`apt-get install -y nodejs npm`)."
        )
    return npx


def find_chrome() -> str:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not (Path(chrome).is_file() and os.access(chrome, os.X_OK)):
        raise RuntimeError(
            f"Chromium not found at {chrome}: `apt-get install -y chromium` or set CHROME_PATH."
        )
    return chrome


def audit(base_url: str, name: str, path: str, *, npx: str, chrome: str, preset: str) -> PageScore:
    """Run Lighthouse once on ``path`` and read the two category scores (0-100)."""
    result = PageScore(name=name, path=path)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [
            npx,
            "--yes",
            LIGHTHOUSE,
            base_url + path,
            "--output=json",
            f"--output-path={report}",
            "--only-categories=accessibility,performance",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--extra-headers={json.dumps(HEADERS)}",
            "--quiet",
        ]
        if preset == "desktop":
            command.append("--preset=desktop")
        environment = {**os.environ, "CHROME_PATH": chrome}
        try:
            completed = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                env=environment,
                check=False,
            )
        except subprocess.TimeoutExpired:
            result.error = f"Lighthouse took longer than {TIMEOUT_SECONDS} s"
            return result
        if completed.returncode != 0 or not report.exists():
            tail = (completed.stderr or completed.stdout).strip().splitlines()[-5:]
            result.error = f"Lighthouse failed ({completed.returncode}): " + " | ".join(tail)
            return result
        data = json.loads(report.read_text())
    if data.get("runtimeError"):
        result.error = f"{data['runtimeError'].get('code')}: {data['runtimeError'].get('message')}"
    for category in GOALS:
        score = data["categories"].get(category, {}).get("score")
        result.scores[category] = None if score is None else round(score * 100)
    for category in GOALS:
        for reference in data["categories"].get(category, {}).get("auditRefs", []):
            audit_result = data["audits"].get(reference["id"], {})
            score = audit_result.get("score")
            if reference.get("weight") and score is not None and score < 1:
                result.failed_audits.append(f"{category}:{reference['id']} ({score:.2f})")
    return result


def run(base_url: str, *, names: set[str] | None = None, preset: str = "mobile") -> list[PageScore]:
    npx, chrome = find_npx(), find_chrome()
    results = []
    for name, path in resolve_pages(base_url, names):
        print(f"  lighthouse: {name} ({path}) …", flush=True)
        results.append(audit(base_url, name, path, npx=npx, chrome=chrome, preset=preset))
    return results


def print_table(results: list[PageScore], preset: str) -> None:
    print(f"\nLighthouse ({LIGHTHOUSE}, {preset}) — goals: accessibility 100, performance ≥ 95")
    header = f"{'page':<16}{'path':<46}{'a11y':>6}{'perf':>6}  result"
    print(header)
    print("-" * len(header))
    for result in results:
        a11y = result.scores.get("accessibility")
        perf = result.scores.get("performance")
        verdict = "ERROR" if result.error else ("ok" if result.goal_met else "MISSED")
        print(
            f"{result.name:<16}{result.path[:45]:<46}"
            f"{'—' if a11y is None else a11y:>6}{'—' if perf is None else perf:>6}  {verdict}"
        )
        if result.error:
            print(f"    {result.error}")
        elif not result.goal_met:
            for failed in result.failed_audits[:8]:
                print(f"    {failed}")


def lighthouse_benchmark(context) -> dict:
    """``make bench`` hook (bench/targets.py CUSTOM_BENCHMARKS): Lighthouse on the main pages of
    the benchmark server; ``goal_met`` is False when a page misses a goal or Lighthouse fails."""
    results = run(context.base_url)
    print_table(results, "mobile")
    return {
        "lighthouse": LIGHTHOUSE,
        "goals": GOALS,
        "pages": [{**asdict(result), "goal_met": result.goal_met} for result in results],
        "goal_met": all(result.goal_met for result in results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="a running portal")
    parser.add_argument(
        "--page", action="append", choices=[name for name, _path in PAGES], help="only these"
    )
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    try:
        results = run(args.base_url.rstrip("/"), names=set(args.page or []), preset=args.preset)
    except RuntimeError as error:
        print(f"lighthouse: {error}", file=sys.stderr)
        return 2
    print_table(results, args.preset)
    if args.json:
        args.json.write_text(
            json.dumps([asdict(result) for result in results], indent=2, ensure_ascii=False)
        )
    if any(result.error for result in results):
        return 2
    return 0 if all(result.goal_met for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
