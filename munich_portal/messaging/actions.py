"""Writes of the letters: queueing one when a decision is taken, printing the daily batch.

- :func:`queue_letter` — called by an app inside the transaction of the change that causes the
  letter (a registration confirmed, an idea answered), with the text it rendered in the
  recipient's language: the letter is stored as it will be printed, or not at all if the change
  rolls back;
- :func:`print_letters` — one PDF of letters (one per page, the address in the window of a
  DIN 5008 form B envelope), marks first prints with the day's batch, and writes one data-use
  ``print`` event per letter under its kind's purpose.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from munich_portal.audit.actions import record_batch_use, update_with_history
from munich_portal.messaging.models import Letter
from munich_portal.messaging.registry import letter_kind

__all__ = [
    "PRINT_PERMISSION",
    "LetterError",
    "PostalAddress",
    "Sender",
    "print_letters",
    "queue_letter",
]


#: Who may print letters (and so mark them printed): the clerks' page and the staff area check it.
PRINT_PERMISSION = "messaging.print_letter"


class LetterError(ValueError):
    """A letter that cannot be queued or printed; the message is shown to staff."""


@dataclass(frozen=True)
class PostalAddress:
    """Where the letter goes, as the person gave it (the name may be empty)."""

    name: str
    street: str
    postal_code: str
    city: str

    @property
    def is_complete(self) -> bool:
        return bool(self.street.strip() and self.postal_code.strip() and self.city.strip())


@dataclass(frozen=True)
class Sender:
    """Who writes: the department's name in the letter's language and its contact."""

    department: str
    phone: str = ""
    email: str = ""


_BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(text: str) -> str:
    """``text`` with Unix line ends, no trailing spaces and at most one empty line in a row
    (rendered templates leave more where a condition was false)."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


@transaction.atomic
def queue_letter(
    *,
    kind: str,
    source: models.Model,
    recipient,
    address: PostalAddress,
    sender: Sender,
    subject: str,
    body: str,
    language: str,
    reference: str = "",
) -> Letter:
    """Store a letter of ``kind`` about ``source`` for the next print batch and return it.

    ``recipient`` is the person's account (``None`` for guests and paper contributors);
    ``subject`` and ``body`` are plain text in ``language`` (an empty line between paragraphs);
    ``reference`` is the code the person quotes ("Your code"), if any.
    """
    letter_kind(kind)  # UnknownLetterKind for a kind no app registered
    if source.pk is None:
        raise LetterError("A letter is about a saved record.")
    if not address.is_complete:
        raise LetterError(_("A letter needs a street, a postal code and a city."))
    if language not in dict(settings.LANGUAGES):
        raise LetterError(f"Unknown language {language!r}.")
    letter = Letter(
        kind=kind,
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        recipient=recipient,
        recipient_name=address.name.strip(),
        street=address.street.strip(),
        postal_code=address.postal_code.strip(),
        city=address.city.strip(),
        language=language,
        sender=sender.department,
        sender_phone=sender.phone,
        sender_email=sender.email,
        reference=reference,
        subject=" ".join(subject.split()),
        body=plain_text(body),
    )
    # Lengths and the kind. The related rows were handed in, and the database checks the
    # constraints: no query for either (this runs inside the caller's write).
    letter.full_clean(exclude=["source_type", "recipient"], validate_constraints=False)
    letter.save()
    return letter


def print_letters(*, letters: Iterable[Letter], by, day: dt.date | None = None) -> bytes:
    """Render ``letters`` as one PDF, mark them printed in the batch of ``day`` and log each.

    Letters printed again (a reprint of a day's batch) keep their first print date and batch;
    every print, first or again, is its own data-use event.
    """
    from munich_portal.messaging.pdf import letters_pdf

    letters = list(letters)
    if not letters:
        raise LetterError(_("There are no letters to print."))
    day = day or timezone.localdate()
    pdf = letters_pdf(letters, day=day)
    now = timezone.now()
    with transaction.atomic():
        first_prints = Letter.objects.filter(
            pk__in=[letter.pk for letter in letters], printed_at__isnull=True
        )
        update_with_history(
            first_prints,
            reason="printed in the daily letters batch",
            printed_at=now,
            printed_batch=day,
        )
        for letter in letters:
            # One event per letter: a recipient with an account also sees it in Meine Daten;
            # guests and paper contributors have none, the batch event stands for them.
            record_batch_use(
                action="print",
                records=Letter.objects.filter(pk=letter.pk),
                criteria={"letter": letter.pk, "kind": letter.kind, "batch": day.isoformat()},
                purpose=letter_kind(letter.kind).purpose,
                channel="letter",
                actor=by,
            )
    return pdf
