"""A proof-of-work challenge against bulk booking, without any third-party service.

The booking form carries a signed challenge (random nonce, difficulty, time). The browser's script
(``static/js/appointments-pow.js``) searches a number ``n`` such that
``SHA-256("<challenge>:<n>")`` starts with ``bits`` zero bits — a second or two for one person,
hours of CPU for someone booking thousands of slots. It runs in the background while the person
fills in the form: nothing to see, solve or hear, so it works the same with a screen reader,
a magnifier or a keyboard.

Without JavaScript the form still works (the portal promises that): the booking is accepted, but
counts three times against the per-client rate limit, and a guest's booking stays a *hold* until
the e-mail link is clicked — the e-mail confirmation is the real gate. Limits of the measure are
written down in docs/appointments.md.

Each solved challenge is accepted once (the kernel's limiter with a limit of one, for as long as
the challenge is valid).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings

from munich_portal.core import ratelimit, signed_links

__all__ = ["MAX_AGE", "bits", "new_challenge", "solve", "verify"]

SALT = "appointments.pow"
MAX_AGE = timedelta(hours=1)


def bits() -> int:
    return max(min(int(settings.APPOINTMENTS_POW_BITS), 28), 0)


def new_challenge() -> str:
    """A signed challenge ``<nonce>.<bits>:<timestamp>:<signature>`` for one form."""
    return signed_links.sign(f"{secrets.token_hex(8)}.{bits()}", salt=SALT)


def _leading_zero_bits(digest: bytes) -> int:
    count = 0
    for byte in digest:
        if byte == 0:
            count += 8
            continue
        return count + (8 - byte.bit_length())
    return count


def _difficulty(challenge: str) -> int | None:
    try:
        raw = signed_links.unsign(challenge, salt=SALT, max_age=MAX_AGE)
    except signed_links.Expired:
        return None
    if raw is None:
        return None
    _nonce, _dot, difficulty = raw.rpartition(".")
    return int(difficulty) if difficulty.isdigit() else None


def is_solution(challenge: str, solution: str) -> bool:
    difficulty = _difficulty(challenge)
    if difficulty is None or not solution.isdigit() or len(solution) > 12:
        return False
    digest = hashlib.sha256(f"{challenge}:{solution}".encode()).digest()
    return _leading_zero_bits(digest) >= difficulty


def verify(challenge, solution) -> bool:
    """True for a genuine, fresh, correctly solved challenge used for the first time."""
    if not isinstance(challenge, str) or not isinstance(solution, str):
        return False
    challenge, solution = challenge.strip()[:200], solution.strip()[:20]
    if not challenge or not is_solution(challenge, solution):
        return False
    # Accepted once: a limit of one use per challenge for as long as it is valid.
    key = "appointments.pow:" + hashlib.sha256(challenge.encode()).hexdigest()
    return ratelimit.hit(key, limit=1, period=MAX_AGE)


def solve(challenge: str) -> str:
    """Solve a challenge in Python (tests and the benchmark; the browser does it in script)."""
    n = 0
    while not is_solution(challenge, str(n)):
        n += 1
    return str(n)
