"""Benchmarks of the audit trail for ``make bench`` (call them with Django set up).

- :func:`generate_events` appends ``n`` valid, chained events (COPY, about a minute for 1,000,000
  on the 2-core machine) spread over a year, 10,000 pseudonymous residents and 50 staff members,
  plus a few hundred for one real resident (``bench-resident@example.org``);
- :func:`bench_verify` verifies the whole chain and returns the seconds taken (target: 1,000,000
  events in under 10 s);
- :func:`bench_events_for_subject` returns the milliseconds of one Meine Daten events page for that
  resident (target: under 50 ms with 1,000,000 events in the log);
- :func:`ensure_resident_records` gives a resident 200 records and 2,000 uses (idempotent), for
  measuring ``/meine-daten/`` logged in (issue 17).

The log is append-only: generated events stay in the database for good. Run these only against a
benchmark database, never against one whose log matters.
"""

from __future__ import annotations

import hashlib
import random
import time
import uuid
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from munich_portal.audit.chain import CHAIN_LOCK_ID, canonical_json, chain_head, verify_chain
from munich_portal.audit.models import DataUseEvent

BENCH_RESIDENT_EMAIL = "bench-resident@example.org"

_ACTIONS = ("view", "view", "view", "list", "search", "change", "export", "print", "send")
_PURPOSES = (
    ("resident_support", "Art. 6 Abs. 1 lit. e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG"),
    ("user_account", "Art. 6 Abs. 1 lit. e DSGVO i. V. m. Art. 4 Abs. 1 BayDSG"),
    ("security", "Art. 6 Abs. 1 lit. c und e DSGVO i. V. m. Art. 32 DSGVO"),
)
_ROLES = ("Sachbearbeitung", "Erfassung", "Veranstaltungsorganisation", "Redaktion")
_DEPARTMENTS = ("KVR", "SOZ", "PLAN", "MOR", "RBS")
_COLUMNS = (
    "seq, occurred_at, actor_pseudonym, actor_role, actor_department, subject_pseudonym, action, "
    "record_type, record_id, purpose, legal_basis, case_number, channel, request_id, batch, "
    "details, prev_hash, hash"
)


def bench_resident():
    """The resident whose Meine Daten the benchmark reads (created if missing)."""
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        email=BENCH_RESIDENT_EMAIL, defaults={"full_name": "Bench Resident"}
    )
    return user


def generate_events(n: int, *, residents: int = 10_000, resident_share: int = 5_000) -> dict:
    """Append ``n`` chained events; every ``resident_share``-th is about the bench resident.

    Returns ``{"events": n, "seconds": ..., "head_seq": ...}``.
    """
    from munich_portal.audit.actions import pseudonym_for

    started = time.perf_counter()
    rng = random.Random(20260101)  # the same data every run
    resident_pseudonym = str(pseudonym_for(bench_resident()))
    subjects = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(residents)]
    staff = [f"staff-{rng.getrandbits(64):016x}" for _ in range(50)]
    first = timezone.now() - timedelta(days=365)
    step = timedelta(days=365) / max(n, 1)
    seq = _copy_staff_uses(
        n,
        rng=rng,
        staff=staff,
        occurred=lambda index: first + step * index,
        subject=lambda index: (
            resident_pseudonym if index % resident_share == 0 else rng.choice(subjects)
        ),
        case_number=lambda index: "",
    )
    return {"events": n, "seconds": time.perf_counter() - started, "head_seq": seq}


def bench_verify() -> float:
    """Seconds to verify the whole chain; raises if it does not verify."""
    started = time.perf_counter()
    result = verify_chain()
    seconds = time.perf_counter() - started
    if not result.ok:
        raise AssertionError(result.message)
    return seconds


def bench_events_for_subject(repeat: int = 50) -> float:
    """Milliseconds per call of one Meine Daten events page (with its count) for the resident."""
    from munich_portal.audit.selectors import events_for_subject

    user = bench_resident()
    list(events_for_subject(user).object_list)  # warm the caches once
    started = time.perf_counter()
    for _ in range(repeat):
        page = events_for_subject(user, page=1)
        list(page.object_list)
        page.paginator.count  # noqa: B018 - the page shows the total
    return (time.perf_counter() - started) * 1000 / repeat


# --- A resident with many records and uses (issue 17: Meine Daten logged in) ---------------------

#: Of the records: e-mails the portal sent (no history) and BayernID sign-ins (with history).
_EMAIL_SHARE = 0.6
_BENCH_MAIL_KIND = "accounts.other"


def ensure_resident_records(email: str, records: int = 200, uses: int = 2000) -> None:
    """Give the user with ``email`` (created if missing) ``records`` records and ``uses`` data-use
    events; idempotent: what is there already counts, a second call adds nothing.

    The records are e-mails the portal sent them (60 %) and BayernID/BundID sign-ins with their
    creation history (40 %); the uses are staff views, lists and searches over the last year,
    chained like every event. A verified e-mail address is not added (the guest-records lookup
    stays as for most residents).
    """
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from munich_portal.accounts.models import EidIdentity, EidLogin
    from munich_portal.audit.actions import bulk_create_with_history, pseudonym_for
    from munich_portal.audit.guard import allow_untracked_writes
    from munich_portal.messaging.models import EmailStatus, OutgoingEmail

    user, _created = get_user_model().objects.get_or_create(
        email=email, defaults={"full_name": "Bench Resident"}
    )
    now = timezone.now()
    wanted_emails = round(records * _EMAIL_SHARE)
    emails = OutgoingEmail.objects.filter(recipient=user).count()
    logins = EidLogin.objects.filter(user=user).count()
    missing_emails = max(0, wanted_emails - emails)
    missing_logins = max(0, records - wanted_emails - logins)
    with transaction.atomic():
        if missing_emails:
            source_type = ContentType.objects.get_for_model(user)
            with allow_untracked_writes():  # e-mails keep no history (messaging.models)
                OutgoingEmail.objects.bulk_create(
                    OutgoingEmail(
                        kind=_BENCH_MAIL_KIND,
                        source_type=source_type,
                        source_id=user.pk,
                        recipient=user,
                        to_address=email,
                        subject=f"Ihre Nachricht Nr. {emails + index + 1}",
                        body="Guten Tag,\n\nIhr Anliegen ist bei uns eingegangen.\n",
                        message_id=f"<bench-{user.pk}-{emails + index}@example.org>",
                        status=EmailStatus.SENT,
                        created_at=now - timedelta(days=index % 300, hours=index % 24),
                        sent_at=now - timedelta(days=index % 300, hours=index % 24),
                        next_attempt_at=now - timedelta(days=index % 300, hours=index % 24),
                        give_up_at=now - timedelta(days=index % 300 - 2, hours=index % 24),
                    )
                    for index in range(missing_emails)
                )
        if missing_logins:
            identity, _new = EidIdentity.objects.get_or_create(
                user=user, issuer="https://id.bayernportal.de", name_id=f"bench-{user.pk}"
            )
            bulk_create_with_history(
                [
                    EidLogin(
                        user=user,
                        identity=identity,
                        logged_in_at=now - timedelta(days=index % 300),
                        level="substantial",
                        assertion_id=f"bench-{user.pk}-{logins + index}",
                        given_name="Bench",
                        family_name="Resident",
                        street="Marienplatz 8",
                        postal_code="80331",
                        city="München",
                    )
                    for index in range(missing_logins)
                ]
            )
    pseudonym = pseudonym_for(user)
    present = DataUseEvent.objects.filter(subject_pseudonym=pseudonym).count()
    if present < uses:
        _append_uses(str(pseudonym), uses - present)


def _append_uses(pseudonym: str, n: int) -> None:
    """Append ``n`` chained staff uses of the resident with ``pseudonym``, over the last year."""
    rng = random.Random(20261207)
    staff = [f"staff-{rng.getrandbits(64):016x}" for _ in range(20)]
    now = timezone.now()
    # Spread over the year before now, oldest first, so new visits come on top.
    _copy_staff_uses(
        n,
        rng=rng,
        staff=staff,
        occurred=lambda index: now - timedelta(days=365) * (n - index) / n - timedelta(minutes=1),
        subject=lambda index: pseudonym,
        case_number=lambda index: f"KVR-{index % 97}" if index % 5 == 0 else "",
    )


def _copy_staff_uses(n: int, *, rng, staff, occurred, subject, case_number) -> int:
    """Append ``n`` chained staff uses with COPY under the chain lock; return the new head's seq.

    ``occurred``, ``subject`` and ``case_number`` give each index's time, subject pseudonym and
    case number; ``rng`` draws the actor, record id and request id (in that order, after the
    subject).
    """
    sha256 = hashlib.sha256
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_ID])
        seq, previous = chain_head()
        # COPY is several times faster than INSERT; the Django cursor wraps a psycopg one.
        with cursor.cursor.copy(f"COPY audit_datauseevent ({_COLUMNS}) FROM STDIN") as copy:
            for index in range(n):
                seq += 1
                when = occurred(index)
                about = subject(index)
                actor = rng.randrange(len(staff))
                purpose, basis = _PURPOSES[index % len(_PURPOSES)]
                row = (
                    seq,
                    when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    staff[actor],
                    _ROLES[actor % len(_ROLES)],
                    _DEPARTMENTS[actor % len(_DEPARTMENTS)],
                    about,
                    _ACTIONS[index % len(_ACTIONS)],
                    "accounts.user",
                    str(rng.randrange(1, 200_000)),
                    purpose,
                    basis,
                    case_number(index),
                    "admin",
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    None,
                    "{}",
                    previous,
                )
                digest = sha256(canonical_json(row).encode()).hexdigest()
                copy.write_row((seq, when, *row[2:], digest))
                previous = digest
    return seq
