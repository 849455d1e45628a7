"""Personal data inside free text: the automatic scrub and history rewrites (issue 14).

A resident who deletes their account may keep their public contributions (ideas, comments) as
anonymised text (:attr:`munich_portal.audit.registry.Erasure.contributions` is ``KEEP``). The
text fields of such contributions are declared ``public_text``; the model's erasure hook

- replaces every one of the resident's personal values (name, e-mail, phone, street … — the
  ``Erasure.personal_values``, current and historical) in them with :data:`REDACTED_TEXT`
  (:func:`scrub`, case-insensitive),
- makes every history row of the row carry at most that final text (:func:`rewrite_history`), so
  that versions the resident edited away are gone too,
- and puts the row on the domain's staff redaction queue: a moderator edits out what the scrub
  could not know (a neighbour's name, a differently written phone number), the data-protection
  officer reviews it. Each redaction rewrites the history again.

When the resident chose ``DELETE``, the hook deletes the rows or blanks the text and calls
:func:`rewrite_history` with ``blank=True``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from munich_portal.audit.guard import allow_untracked_writes
from munich_portal.audit.registry import Declaration

__all__ = ["MIN_SCRUB_LENGTH", "REDACTED_TEXT", "rewrite_history", "scrub", "scrub_values"]

#: What the automatic scrub puts in place of a personal value inside free text.
REDACTED_TEXT = "[entfernt]"
#: Shorter values (initials, "Li", a house number) would match unrelated words.
MIN_SCRUB_LENGTH = 4


def scrub_values(values: Iterable[str]) -> list[str]:
    """The values worth scrubbing, longest first (a street before its house number)."""
    found = {value.strip() for value in values if isinstance(value, str)}
    return sorted(
        (value for value in found if len(value) >= MIN_SCRUB_LENGTH),
        key=lambda value: (-len(value), value),
    )


def _pattern(value: str) -> str:
    # Case-insensitive, and "ß" is "ss" in capitals ("QUIRINSTRASSE" is "Quirinstraße").
    return re.escape(value.casefold()).replace("ss", "(?:ss|ß|ẞ)")


def scrub(text: str, values: Iterable[str], *, replacement: str = REDACTED_TEXT) -> str:
    """``text`` with every occurrence of one of ``values`` replaced (case-insensitive)."""
    if not text:
        return text
    for value in scrub_values(values):
        text = re.sub(_pattern(value), lambda _match: replacement, text, flags=re.IGNORECASE)
    return text


def rewrite_history(
    declaration: Declaration, pks: Sequence, names: Sequence[str], *, blank: bool = False
) -> int:
    """Make every history row of the rows ``pks`` carry the rows' current values of ``names``.

    Rows that no longer exist (and every row with ``blank``) get ``""`` in all their history rows.
    Returns the number of history rows rewritten.
    """
    history = declaration.history_model
    names = [name for name in names if name not in declaration.history_excluded]
    if history is None or not names or not pks:
        return 0
    pk_name = declaration.model._meta.pk.attname
    current = {}
    if not blank:
        current = {
            row[0]: row[1:]
            for row in declaration.model._base_manager.filter(pk__in=pks).values_list("pk", *names)
        }
    changed = 0
    with allow_untracked_writes():
        for pk in pks:
            values = current.get(pk) or ("",) * len(names)
            changed += history.objects.filter(**{pk_name: pk}).update(
                **dict(zip(names, values, strict=True))
            )
    return changed
