"""Signed anchor lines: the chain heads kept outside the database carry an HMAC-SHA256.

An anchor file catches a rewrite of the log only if the rewriter cannot rewrite the file too. The
database owner can disable the triggers and recompute every hash; with the anchor lines signed by
a key that is not in the database (``AUDIT_ANCHOR_KEY_FILE`` or ``AUDIT_ANCHOR_KEY``), a line they
edit or add no longer verifies. The line format::

    audit-anchor 2026-12-06T02:50:00.123456Z seq=1234 hash=<64 hex> hmac-sha256=<64 hex>

The signature covers the exact text before `` hmac-sha256=``: time, seq and hash. Lines written
before signing existed have no signature; they still count as anchors, but are reported as
unsigned, and :func:`read_anchor_file` leaves the verdict to the caller (``verify_audit_log``
fails on them unless ``--allow-unsigned``: an unsigned line is exactly what a forger would write).

HMAC rather than Ed25519: one secret, kept by the host that writes the anchors and the
data-protection officer who verifies them (docs/decisions.md).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from pathlib import Path

from munich_portal.audit.chain import Anchor

__all__ = [
    "MIN_KEY_LENGTH",
    "AnchorKeyError",
    "AnchorLine",
    "anchor_key",
    "read_anchor_file",
    "sign_line",
]

SIGNATURE_PREFIX = " hmac-sha256="
#: Characters a key must have at least (``secrets.token_urlsafe(48)`` gives 64).
MIN_KEY_LENGTH = 32
_ANCHOR = re.compile(r"seq=(\d+)\s+hash=([0-9a-f]{64})")
_SIGNATURE = re.compile(r"[0-9a-f]{64}")

SIGNED = "signed"
UNSIGNED = "unsigned"
BAD_SIGNATURE = "bad_signature"
UNVERIFIABLE = "unverifiable"  # signed, but no key to check it with


class AnchorKeyError(Exception):
    """The anchor key is configured wrongly (unreadable file, too short)."""


def anchor_key() -> bytes | None:
    """The key from ``AUDIT_ANCHOR_KEY_FILE`` (first) or ``AUDIT_ANCHOR_KEY``; ``None`` if unset.

    The file is read when a command needs it, not at start-up: only the host that writes or
    verifies anchors needs it, never the database server.
    """
    from django.conf import settings

    path = settings.AUDIT_ANCHOR_KEY_FILE
    if path:
        try:
            key = Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise AnchorKeyError(f"Cannot read the anchor key file {path}: {error}") from error
        source = path
    else:
        key = settings.AUDIT_ANCHOR_KEY.strip()
        source = "AUDIT_ANCHOR_KEY"
        if not key:
            return None
    if len(key) < MIN_KEY_LENGTH:
        raise AnchorKeyError(
            f"The anchor key ({source}) is shorter than {MIN_KEY_LENGTH} characters."
        )
    return key.encode()


def _signature(text: str, key: bytes) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def sign_line(line: str, key: bytes) -> str:
    """``line`` with its signature appended."""
    return f"{line}{SIGNATURE_PREFIX}{_signature(line, key)}"


@dataclass(frozen=True)
class AnchorLine:
    number: int
    anchor: Anchor
    status: str  # SIGNED, UNSIGNED, BAD_SIGNATURE or UNVERIFIABLE

    @property
    def trusted(self) -> bool:
        """Whether the line may serve as an anchor: signed correctly, or unsigned (old lines)."""
        return self.status in (SIGNED, UNSIGNED)

    def describe(self) -> str:
        where = self.anchor.source
        return {
            SIGNED: f"{where}: signed",
            UNSIGNED: f"{where}: UNSIGNED (written without a key, or its signature removed)",
            BAD_SIGNATURE: f"{where}: BAD SIGNATURE — the line was edited or forged (or signed "
            "with another key); it is not used as an anchor",
            UNVERIFIABLE: f"{where}: signed, but no anchor key is configured to check it",
        }[self.status]


def read_anchor_file(path: str | Path, key: bytes | None) -> list[AnchorLine]:
    """Every anchor line of ``path`` with its signature's status (other lines are skipped)."""
    lines = []
    text = Path(path).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        parsed = _parse_line(line.rstrip(), key)
        if parsed is not None:
            anchor, status = parsed
            lines.append(
                AnchorLine(number, Anchor(anchor[0], anchor[1], f"{path}, line {number}"), status)
            )
    return lines


def _parse_line(line: str, key: bytes | None) -> tuple[tuple[int, str], str] | None:
    body, separator, signature = line.rpartition(SIGNATURE_PREFIX)
    if not separator:
        match = _ANCHOR.search(line)
        return ((int(match[1]), match[2]), UNSIGNED) if match else None
    match = _ANCHOR.search(body)
    if match is None:
        return None
    if key is None:
        status = UNVERIFIABLE
    elif _SIGNATURE.fullmatch(signature) and hmac.compare_digest(_signature(body, key), signature):
        status = SIGNED
    else:
        status = BAD_SIGNATURE
    return (int(match[1]), match[2]), status
