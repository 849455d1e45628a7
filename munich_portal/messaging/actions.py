"""Writes of the messages: the e-mail outbox, and the letters.

E-mails (the outbox, issue 13; docs/architecture.md, "The outbox")

- :func:`queue_email` — called by an app inside the transaction of the change that causes the
  e-mail, with the text it rendered in the recipient's language: the row is written in that
  transaction (or not at all if it rolls back), and after commit a task delivers it;
- :func:`deliver_email` — what the task runs: sends one queued e-mail at most once (see its
  docstring for the exact guarantee), records the data-use ``send`` event only when the relay
  accepted it, and on failure schedules the next attempt with exponential back-off until
  ``OUTBOX_MAX_AGE_HOURS``, when the message is marked failed (at once when the relay refuses the
  address itself);
- :func:`deliver_due_emails` — the sweep: gives back messages whose worker died, and delivers
  every queued message that is due (after a lost task, a deferred retry, a restart);
- :func:`retry_emails` — staff put failed messages back into the queue (the outbox admin).

Letters

- :func:`queue_letter` — called by an app inside the transaction of the change that causes the
  letter (a registration confirmed, an idea answered), with the text it rendered in the
  recipient's language: the letter is stored as it will be printed, or not at all if the change
  rolls back;
- :func:`print_letters` — one PDF of letters (one per page, the address in the window of a
  DIN 5008 form B envelope), marks first prints with the day's batch, and writes one data-use
  ``print`` event per letter under its kind's purpose.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import logging
import re
import smtplib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.backend import DatabaseBackend

from munich_portal.audit.actions import record_batch_use, record_system_send, update_with_history
from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging.models import EmailStatus, Letter, OutgoingEmail
from munich_portal.messaging.registry import letter_kind

__all__ = [
    "PRINT_PERMISSION",
    "RETRY_PERMISSION",
    "Attachment",
    "EmailError",
    "LetterError",
    "PostalAddress",
    "Sender",
    "deliver_due_emails",
    "deliver_email",
    "print_letters",
    "queue_email",
    "queue_letter",
    "retry_emails",
]

logger = logging.getLogger(__name__)

#: Who may put failed e-mails back into the queue (the outbox admin's action).
RETRY_PERMISSION = "messaging.retry_outgoingemail"


#: Who may print letters (and so mark them printed): the clerks' page and the staff area check it.
PRINT_PERMISSION = "messaging.print_letter"


class LetterError(ValueError):
    """A letter that cannot be queued or printed; the message is shown to staff."""


class EmailError(ValueError):
    """An e-mail that cannot be queued (a programming error of the caller)."""


@dataclass(frozen=True)
class Attachment:
    """A file sent with an e-mail, e.g. a calendar file (``text/calendar``)."""

    filename: str
    content: bytes
    mimetype: str

    def as_json(self) -> dict[str, str]:
        return {
            "filename": self.filename,
            "mimetype": self.mimetype,
            "content": base64.b64encode(self.content).decode("ascii"),
        }


def _message_fields(kind: str, source: models.Model, recipient, language: str, error) -> dict:
    """The fields every message has (:class:`~munich_portal.messaging.models.Message`), checked:
    a registered kind (:class:`UnknownLetterKind` otherwise), a saved source, a known language."""
    letter_kind(kind)
    if source.pk is None:
        raise error("A message is about a saved record.")
    if language not in dict(settings.LANGUAGES):
        raise error(f"Unknown language {language!r}.")
    return {
        "kind": kind,
        "source_type": ContentType.objects.get_for_model(source),
        "source_id": source.pk,
        "recipient": recipient,
        "language": language,
    }


# --- E-mails: the outbox --------------------------------------------------------------------------


def _message_id() -> str:
    """A ``Message-ID`` unique to the row and kept for every attempt (RFC 5322, 3.6.4)."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


def queue_email(
    *,
    kind: str,
    source: models.Model,
    recipient,
    to: str,
    subject: str,
    body: str,
    language: str,
    html_body: str = "",
    reply_to: str = "",
    attachments: Sequence[Attachment] = (),
) -> OutgoingEmail:
    """Store an e-mail of ``kind`` about ``source`` in the outbox; deliver it after commit.

    Call it inside the transaction of the change that causes the e-mail: the row is part of that
    transaction, so a change that rolls back sends nothing, and a committed change always has its
    e-mail stored, whatever the mail relay does. ``recipient`` is the person's account (``None``
    for guests); ``subject`` and ``body`` are rendered in ``language``.
    """
    email = OutgoingEmail(
        **_message_fields(kind, source, recipient, language, EmailError),
        to_address=to.strip(),
        reply_to=reply_to.strip(),
        subject=" ".join(subject.split()),
        body=body,
        html_body=html_body,
        attachments=[attachment.as_json() for attachment in attachments],
        message_id=_message_id(),
        give_up_at=timezone.now() + _max_age(),
    )
    # Lengths, the address and the kind; the database checks the constraints and the unique
    # Message-ID (a query for it would cost every change that writes an e-mail a round trip).
    email.full_clean(
        exclude=["source_type", "recipient"], validate_unique=False, validate_constraints=False
    )
    # No savepoint: inside the change's transaction (the usual case) an e-mail that cannot be
    # stored fails the whole change, as it must; the savepoint's two round trips buy nothing.
    with transaction.atomic(savepoint=False):
        email.save()
        _enqueue_with_change(email.pk)
    return email


def _enqueue_with_change(pk: int) -> None:
    """Have the message ``pk`` delivered once the current transaction commits.

    django-tasks-db keeps its tasks in this database: the task row is written in the change's
    transaction, so it commits or rolls back with the e-mail, and the change pays no second
    commit after its own (measured: bench/domains/messaging.py). A backend that runs the task
    at once (development, tests) is called after commit, or it would send before the change is
    saved; ``robust``: a task that cannot be enqueued then must not turn a committed change into
    an error page; the sweep sends it.
    """
    from munich_portal.messaging.tasks import deliver_email_task

    if isinstance(deliver_email_task.get_backend(), DatabaseBackend):
        _enqueue(pk)
    else:
        transaction.on_commit(functools.partial(_enqueue, pk), robust=True)


def _enqueue(pk: int, *, run_after: dt.datetime | None = None) -> None:
    from munich_portal.messaging.tasks import deliver_email_task

    task = deliver_email_task
    if run_after is not None:
        if not task.get_backend().supports_defer:
            # A backend that runs tasks at once (development, tests) cannot wait: the sweep
            # (deliver_due_emails) sends the message when it is due.
            return
        task = task.using(run_after=run_after)
    task.enqueue(pk)


def _now() -> dt.datetime:
    return timezone.now()


def _max_age() -> dt.timedelta:
    return dt.timedelta(hours=settings.OUTBOX_MAX_AGE_HOURS)


def _backoff(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failed attempt: the base, doubled each time, capped."""
    seconds = settings.OUTBOX_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_MAX_SECONDS))


def _save(email: OutgoingEmail, reason: str, fields: list[str]) -> None:
    # The row is its own log (no history rows): the step is only worth a debug line.
    logger.debug("%s: %s", email.message_id, reason)
    email.save(update_fields=fields)


_STATE_FIELDS = ["status", "attempts", "next_attempt_at", "claimed_at", "last_error", "failed_at"]


def _build_message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        to=[email.to_address],
        reply_to=[email.reply_to] if email.reply_to else [],
        # The same Message-ID and Date on every attempt: a relay or a mail client that sees the
        # message twice can tell it is one message (RFC 5322, 3.6.4).
        headers={
            "Message-ID": email.message_id,
            "Date": format_datetime(email.created_at),
        },
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return message


def _claim(pk: int, now: dt.datetime) -> OutgoingEmail | None:
    """Mark the message ``sending`` (one attempt more) if it is queued and due; else ``None``.

    ``skip_locked``: a message another worker holds is that worker's; this one does nothing.
    A message past its maximum age is marked failed instead.
    """
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=EmailStatus.QUEUED, next_attempt_at__lte=now)
            .first()
        )
        if email is None:
            return None
        if email.give_up_at <= now:
            email.status = EmailStatus.FAILED
            email.failed_at = now
            # Technical errors stay in English, as the relay's own (SMTP) errors are.
            given_up = f"Not sent within {settings.OUTBOX_MAX_AGE_HOURS} hours of being written."
            email.last_error = "\n".join(filter(None, [email.last_error, given_up + " Given up."]))
            _save(email, "outbox: too old, failed", _STATE_FIELDS)
            logger.error("E-mail %s (%s) failed: not sent within the maximum age", pk, email.kind)
            return None
        email.status = EmailStatus.SENDING
        email.claimed_at = now
        email.attempts += 1
        _save(email, "outbox: sending", _STATE_FIELDS)
        return email


def deliver_email(pk: int) -> bool:
    """Send the outbox message ``pk`` if it is queued and due; ``True`` when it was sent now.

    The guarantee: a message is handed to the relay again only if no earlier attempt recorded
    that the relay accepted it. Step by step:

    1. *Claim* (one short transaction): lock the row with ``SKIP LOCKED``; only a message that is
       ``queued`` and due is taken; it becomes ``sending`` with one attempt more. A message that
       is sent, failed, sending, or locked by another worker is left alone, so a second task for
       the same message, or a retry of a sent one, sends nothing.
    2. *Send* inside a second transaction that holds the row lock (``SELECT … FOR UPDATE``) for
       the whole SMTP conversation, and marks the row ``sent`` (with the data-use ``send`` event)
       in the same transaction, committed as soon as the relay answered. While the lock is held
       nobody else can take the message; if the worker dies, PostgreSQL drops its connection and
       its transaction: the message stays ``sending`` without a lock and the sweep
       (:func:`deliver_due_emails`) queues it again after ``OUTBOX_ABANDONED_SECONDS``.
    3. On an error (relay down or hanging) the row goes back to ``queued`` with the error and the
       next attempt after an exponential back-off; a task is deferred to then. An address the relay
       refuses for good (5xx for the recipient) fails at once.

    The one window: the relay accepted the message, and the worker died (or the database was
    lost) before the ``sent`` commit reached PostgreSQL — milliseconds. Then the message is sent
    again, with the same ``Message-ID`` and ``Date``, so the relay or the recipient's client can
    drop the copy. Outside that window a message is sent exactly once.
    """
    now = _now()
    claimed = _claim(pk, now)
    if claimed is None:
        return False
    with transaction.atomic():
        # The claim committed, so this row is ours; a sweep skips it while this lock is held.
        email = OutgoingEmail.objects.select_for_update().get(pk=pk)
        if email.status != EmailStatus.SENDING or email.claimed_at != claimed.claimed_at:
            return False  # the sweep took it back between the two transactions: not ours now
        try:
            # Everything that can fail is done before the relay is asked: after its "accepted"
            # only the row's update and the event remain before the commit.
            purpose = letter_kind(email.kind).purpose
            message = _build_message(email)
            message.send()
        except Exception as error:
            _failed_attempt(email, error)
            return False
        email.status = EmailStatus.SENT
        email.sent_at = _now()
        email.claimed_at = None
        email.last_error = ""
        _save(email, "outbox: sent", [*_STATE_FIELDS, "sent_at"])
        if email.recipient_id is not None:
            record_system_send(
                subject=email.recipient_id,
                purpose=purpose,
                record=email,
                channel=DataUseEvent.Via.EMAIL,
                details={"message": email.kind},
            )
    return True


def _is_permanent(error: Exception) -> bool:
    """The relay refused the address itself (a 5xx reply for the recipient): trying again later
    cannot help. Other 5xx replies (a refused login, say) are the city's to fix: retried."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reply in error.recipients.values())
    return False


def _failed_attempt(email: OutgoingEmail, error: Exception) -> None:
    now = _now()
    email.claimed_at = None
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if _is_permanent(error):
        email.status = EmailStatus.FAILED
        email.failed_at = now
        _save(email, "outbox: refused by the relay, failed", _STATE_FIELDS)
        logger.error("E-mail %s (%s) failed: the relay refused the address", email.pk, email.kind)
        return
    email.status = EmailStatus.QUEUED
    email.next_attempt_at = now + _backoff(email.attempts)
    _save(email, "outbox: attempt failed", _STATE_FIELDS)
    logger.warning(
        "E-mail %s (%s), attempt %s failed: %s; next attempt at %s",
        email.pk,
        email.kind,
        email.attempts,
        type(error).__name__,
        email.next_attempt_at.isoformat(),
    )
    pk = email.pk
    run_after = email.next_attempt_at
    transaction.on_commit(functools.partial(_enqueue, pk, run_after=run_after), robust=True)


def deliver_due_emails(*, limit: int = 1000) -> int:
    """The sweep: queue again what a dead worker left ``sending``, then deliver every message
    that is queued and due (oldest first) or too old (failed). Returns how many were sent."""
    now = _now()
    abandoned_before = now - dt.timedelta(seconds=settings.OUTBOX_ABANDONED_SECONDS)
    with transaction.atomic():
        # A live worker holds the row lock while it sends: SKIP LOCKED leaves its rows out.
        for email in OutgoingEmail.objects.select_for_update(skip_locked=True).filter(
            status=EmailStatus.SENDING, claimed_at__lt=abandoned_before
        ):
            email.status = EmailStatus.QUEUED
            email.claimed_at = None
            email.next_attempt_at = now
            email.last_error = (
                "The worker stopped during a send; the relay may or may not have accepted it."
            )
            _save(email, "outbox: worker stopped, queued again", _STATE_FIELDS)
    due = list(
        OutgoingEmail.objects.filter(status=EmailStatus.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(deliver_email(pk) for pk in due)


def retry_emails(emails: Iterable[OutgoingEmail]) -> int:
    """Queue failed ``emails`` again (a new maximum age from now on); returns how many."""
    now = _now()
    pks = [email.pk for email in emails]
    retried = []
    with transaction.atomic():
        for email in OutgoingEmail.objects.select_for_update().filter(
            pk__in=pks, status=EmailStatus.FAILED
        ):
            email.status = EmailStatus.QUEUED
            email.failed_at = None
            email.next_attempt_at = now
            # A new maximum age from the retry on; the text and Message-ID stay.
            email.give_up_at = now + _max_age()
            _save(email, "outbox: retried by staff", [*_STATE_FIELDS, "give_up_at"])
            retried.append(email.pk)
        for pk in retried:
            transaction.on_commit(functools.partial(_enqueue, pk), robust=True)
    return len(retried)


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
    if not address.is_complete:
        raise LetterError(_("A letter needs a street, a postal code and a city."))
    if not letter_kind(kind).letters:
        raise LetterError(f"The kind {kind!r} is an e-mail only, never a letter.")
    letter = Letter(
        **_message_fields(kind, source, recipient, language, LetterError),
        recipient_name=address.name.strip(),
        street=address.street.strip(),
        postal_code=address.postal_code.strip(),
        city=address.city.strip(),
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
