"""Run wrk and read its figures, counting every response status.

wrk itself counts only responses outside 2xx and 3xx as errors, so a page that redirects (to the
login, to HTTPS) would be measured as if it were served. The Lua script counts each status; the
runner reports anything but 200 as an error.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

_STATUS_SCRIPT = """
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("STATUS %s %d\\n", status, count))
  end
end
"""

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def find_wrk() -> str:
    path = shutil.which("wrk") or ("/usr/bin/wrk" if Path("/usr/bin/wrk").exists() else None)
    if path is None:
        raise SystemExit(
            "wrk is not installed. Install it with `apt-get install -y wrk` (Debian/Ubuntu) or "
            "`brew install wrk` (macOS) and run `make bench` again."
        )
    return path


@dataclass
class WrkResult:
    requests_per_second: float = 0.0
    requests: int = 0
    latency_p50_ms: float | None = None
    latency_p99_ms: float | None = None
    statuses: dict[str, int] = field(default_factory=dict)
    socket_errors: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * _UNITS[unit]


def parse(output: str) -> WrkResult:
    result = WrkResult()
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result.requests_per_second = float(match.group(1))
    if match := re.search(r"(\d+) requests in", output):
        result.requests = int(match.group(1))
    for percentile, attribute in (("50", "latency_p50_ms"), ("99", "latency_p99_ms")):
        if match := re.search(rf"^\s+{percentile}%\s+(\S+)$", output, re.MULTILINE):
            setattr(result, attribute, _milliseconds(match.group(1)))
    result.statuses = {
        status: int(count) for status, count in re.findall(r"^STATUS (\d+) (\d+)$", output, re.M)
    }
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        result.socket_errors = dict(
            zip(("connect", "read", "write", "timeout"), map(int, match.groups()), strict=True)
        )
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        result.errors.append(f"{match.group(1)} responses outside 2xx/3xx")
    unexpected = {status: count for status, count in result.statuses.items() if status != "200"}
    if unexpected:
        listed = ", ".join(f"{count} x {status}" for status, count in sorted(unexpected.items()))
        result.errors.append(f"responses other than 200: {listed}")
    # Connection timeouts and resets mean requests were lost, not merely slow.
    lost = {kind: count for kind, count in result.socket_errors.items() if count}
    if lost:
        listed = ", ".join(f"{kind} {count}" for kind, count in lost.items())
        result.errors.append(f"socket errors: {listed}")
    if not result.requests:
        result.errors.append("wrk completed no request")
    return result


def run(
    url: str,
    *,
    duration: float,
    threads: int,
    connections: int,
    headers: dict[str, str],
) -> tuple[WrkResult, str]:
    """Load ``url`` for ``duration`` seconds; return the figures and wrk's own output."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_STATUS_SCRIPT)
    command = [
        find_wrk(),
        f"--duration={max(1, round(duration))}s",
        f"--threads={threads}",
        f"--connections={connections}",
        "--timeout=10s",
        "--latency",
        f"--script={script.name}",
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    try:
        completed = subprocess.run(
            [*command, url],
            capture_output=True,
            text=True,
            timeout=duration + 60,
            check=False,
        )
    finally:
        Path(script.name).unlink(missing_ok=True)
    output = completed.stdout + completed.stderr
    result = parse(output)
    if completed.returncode != 0:
        result.errors.append(f"wrk exited with status {completed.returncode}")
    return result, output
