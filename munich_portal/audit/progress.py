"""A small progress display for long management commands (no dependency).

On a terminal it redraws one line — a bar, the count, the rate and the time left — at most ten times
a second; elsewhere (cron, CI, a pipe) it writes a plain line every 10 %, so logs stay readable.
"""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, *, stream=None, tty: bool | None = None, width: int = 30):
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.tty = tty if tty is not None else bool(getattr(self.stream, "isatty", lambda: False)())
        self.width = width
        self.total = 0
        self.done = 0
        self._started = 0.0
        self._last_draw = 0.0
        self._next_report = 0

    def start(self, total: int) -> None:
        self.total = max(int(total), 0)
        self.done = 0
        self._started = self._last_draw = time.monotonic()
        self._next_report = self._step()
        if not self.tty:
            self.stream.write(f"{self.label}: 0 of {self.total:,}\n")
            self.stream.flush()

    def _step(self) -> int:
        return max(self.total // 10, 1)

    def update(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.tty:
            if now - self._last_draw >= 0.1 or self.done >= self.total:
                self._draw(now)
        elif self.done >= self._next_report and self.done < self.total:
            self.stream.write(f"{self.label}: {self.done:,} of {self.total:,}\n")
            self.stream.flush()
            while self._next_report <= self.done:
                self._next_report += self._step()

    def _draw(self, now: float) -> None:
        self._last_draw = now
        fraction = min(self.done / self.total, 1.0) if self.total else 1.0
        filled = int(self.width * fraction)
        elapsed = max(now - self._started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate and self.total > self.done else 0.0
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {fraction:4.0%} {self.done:,}/{self.total:,} "
            f"{rate:,.0f}/s {left:4.0f}s left "
        )
        self.stream.flush()

    def finish(self) -> None:
        elapsed = time.monotonic() - self._started
        if self.tty:
            self._draw(time.monotonic())
            self.stream.write("\n")
        else:
            self.stream.write(f"{self.label}: {self.done:,} of {self.total:,} in {elapsed:.1f} s\n")
        self.stream.flush()


class RawCommandStream:
    """A management command's ``self.stderr`` without its styling and automatic newlines
    (``OutputWrapper`` would colour every redraw and end it with a line break)."""

    def __init__(self, wrapper):
        self._wrapper = wrapper

    def write(self, text: str) -> None:
        self._wrapper.write(text, style_func=str, ending="")

    def flush(self) -> None:
        self._wrapper.flush()

    def isatty(self) -> bool:
        return self._wrapper.isatty()
