"""Run wrk and read its figures, counting every response status.

wrk itself counts only responses outside 2xx and 3xx as errors, so a page that redirects (to the
login, to HTTPS) would be measured as if it were served. The Lua script counts each status; the
runner reports anything but the expected statuses (200 unless told) as an error.

Scripts of their own (bench/lua/replay.lua: prepared POST bodies, the 7:00 peak) print the same
``STATUS <code> <count>`` lines, and ``REPLAY <name> <number>`` lines that :func:`parse` collects
into :attr:`WrkResult.replay`. :func:`run` can stop wrk early (SIGINT, as Ctrl-C) once ``until()``
says so: wrk itself always waits for the whole duration.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

LUA = Path(__file__).resolve().parent / "lua"

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
    # Figures a replay script printed as ``REPLAY <name> <number>``.
    replay: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * _UNITS[unit]


def parse(output: str, expected: Iterable[str] = ("200",)) -> WrkResult:
    """wrk's figures from its ``output``; every status but ``expected`` is an error."""
    expected = set(expected)
    result = WrkResult()
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result.requests_per_second = float(match.group(1))
    if match := re.search(r"(\d+) requests in", output):
        result.requests = int(match.group(1))
    for percentile, attribute in (("50", "latency_p50_ms"), ("99", "latency_p99_ms")):
        # wrk pads a figure in seconds with a space ("1.11s "): a p99 over a second is common.
        if match := re.search(rf"^\s+{percentile}%\s+(\S+)\s*$", output, re.MULTILINE):
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
    result.replay = {
        name: float(value)
        for name, value in re.findall(r"^REPLAY (\w+) (-?[\d.]+(?:e[-+]?\d+)?)$", output, re.M)
    }
    unexpected = {
        status: count for status, count in result.statuses.items() if status not in expected
    }
    if unexpected:
        listed = ", ".join(f"{count} x {status}" for status, count in sorted(unexpected.items()))
        result.errors.append(f"responses other than {'/'.join(sorted(expected))}: {listed}")
    # Connection timeouts and resets mean requests were lost, not merely slow.
    lost = {kind: count for kind, count in result.socket_errors.items() if count}
    if lost:
        listed = ", ".join(f"{kind} {count}" for kind, count in lost.items())
        result.errors.append(f"socket errors: {listed}")
    if not result.requests:
        result.errors.append("wrk completed no request")
    return result


def command(
    url: str,
    *,
    duration: float,
    threads: int,
    connections: int,
    headers: dict[str, str],
    script: str | Path,
    script_args: Sequence[str] = (),
    timeout: float = 10,
) -> list[str]:
    """wrk's command line (``script``: the path of a Lua script)."""
    arguments = [
        find_wrk(),
        f"--duration={max(1, round(duration))}s",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--timeout={max(1, round(timeout))}s",
        "--latency",
        f"--script={script}",
    ]
    for name, value in headers.items():
        arguments += ["--header", f"{name}: {value}"]
    arguments.append(url)
    if script_args:
        arguments += ["--", *script_args]
    return arguments


def run(
    url: str,
    *,
    duration: float,
    threads: int,
    connections: int,
    headers: dict[str, str],
    script: str | Path | None = None,
    script_args: Sequence[str] = (),
    expected: Iterable[str] = ("200",),
    until: Callable[[], bool] | None = None,
    timeout: float = 10,
) -> tuple[WrkResult, str]:
    """Load ``url`` for ``duration`` seconds; return the figures and wrk's own output.

    ``script``: a Lua script of ours instead of the status counter; ``until``: polled every
    0.05 s, stops wrk as soon as it returns true (``duration`` is then the longest it may run).
    """
    written = None
    if script is None:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
            file.write(_STATUS_SCRIPT)
        written = script = file.name
    arguments = command(
        url,
        duration=duration,
        threads=threads,
        connections=connections,
        headers=headers,
        script=script,
        script_args=script_args,
        timeout=timeout,
    )
    try:
        with tempfile.TemporaryFile("w+") as out:
            process = subprocess.Popen(arguments, stdout=out, stderr=subprocess.STDOUT, text=True)
            deadline = time.monotonic() + duration + 60
            while process.poll() is None:
                if until is not None and until():
                    process.send_signal(signal.SIGINT)  # wrk prints its figures and exits
                    until = None
                if time.monotonic() > deadline:
                    process.kill()
                time.sleep(0.05)
            out.seek(0)
            output = out.read()
    finally:
        if written:
            Path(written).unlink(missing_ok=True)
    result = parse(output, expected)
    if process.returncode != 0:
        result.errors.append(f"wrk exited with status {process.returncode}")
    return result, output
