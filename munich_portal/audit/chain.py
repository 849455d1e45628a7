"""The hash chain of the data-use log: canonical form, appending under a lock, verification.

Canonical form
    An event's content is serialised as JSON with sorted keys, no whitespace, non-ASCII characters
    as they are (UTF-8), ``occurred_at`` in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``,
    ``subject_pseudonym`` as the lowercase UUID string or ``null``, ``details`` as a string holding
    its own canonical JSON (sorted keys, no whitespace). The keys are every column except
    ``hash``: ``action, actor_department, actor_pseudonym, actor_role, batch, case_number,
    channel, details, legal_basis, occurred_at, prev_hash, purpose, record_id, record_type,
    request_id, seq, subject_pseudonym``. The result is exactly ``json.dumps(content,
    sort_keys=True, separators=(",", ":"), ensure_ascii=False)``; it is built with one format
    string for speed.

Chain
    ``hash = sha256(canonical form)`` in lowercase hex; ``prev_hash`` of the first event (seq 1) is
    64 zeros, every other event's is its predecessor's ``hash``. ``seq`` starts at 1 without gaps.

Appending
    Every chaining takes ``pg_advisory_xact_lock`` and reads the head after it: two writers can
    never build on the same head, so the chain cannot fork. Inside a transaction,
    :func:`append_events` chains there and the lock is held until the caller's transaction ends;
    keep transactions that log short. Outside one (Meine Daten, most logged reads) the events go
    through a queue (:func:`queue_events`, table ``audit_pendinguse``): the writer commits them
    there, waiting for the disk in a flush it shares with the other writers of the moment, and
    then the database function :data:`CHAIN_FUNCTION` moves every queued event into the log in
    queue order, under the lock, in a transaction that does not wait for the disk — so the lock
    is held for the chaining's few statements, never for a flush (issue 17: one flush per event
    under the lock allowed about 200 events/s on this machine's disk).

Verification
    :func:`verify_chain` streams the table in ``seq`` order (``COPY ... TO STDOUT``: one statement,
    one snapshot), has the database put each row's columns into the canonical text (the same
    bytes as the Python writer; see :func:`_canonical_sql`) and recomputes every hash in Python —
    the database computes no hash and compares nothing. Then it checks the anchors
    (:class:`Anchor`): the heads recorded earlier in the database and in files outside it, which
    is what detects a rewritten, truncated or rolled-back chain. Streaming one text per event
    instead of 18 columns makes 1,000,000 events verify in a few seconds.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from json.encoder import encode_basestring as _quote
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

__all__ = [
    "GENESIS_HASH",
    "Anchor",
    "VerificationResult",
    "append_events",
    "canonical_details",
    "canonical_json",
    "chain_head",
    "chain_pending",
    "event_hash",
    "format_time",
    "parse_anchor_file",
    "queue_events",
    "verify_chain",
]

GENESIS_HASH = "0" * 64
# Any constant works; all writers of the log use this one ("auditcha" in ASCII).
CHAIN_LOCK_ID = 0x6175646974636861
TABLE = "audit_datauseevent"

_DETAILS_ENCODER = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
)


def format_time(value) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_details(details) -> str:
    """The canonical JSON of ``details`` (only str, int, bool, None, lists and dicts)."""
    if not details:
        return "{}"
    _check_json_value(details)
    return _DETAILS_ENCODER.encode(details)


def _check_json_value(value, path="details"):
    # jsonb keeps these exactly; floats could come back with other digits and break the hash.
    if value is None or isinstance(value, (str, bool, int)):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(f"{path} contains a NUL character.")
        return
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _check_json_value(item, f"{path}[{index}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path} has a non-string key {key!r}.")
            _check_json_value(item, f"{path}.{key}")
        return
    raise TypeError(f"{path} is a {type(value).__name__}; use str, int, bool, None, list or dict.")


def canonical_json(row: tuple) -> str:
    """The canonical form of a row ``(seq, occurred_at text, actor_pseudonym, actor_role,
    actor_department, subject_pseudonym text|None, action, record_type, record_id, purpose,
    legal_basis, case_number, channel, request_id, batch|None, details canonical text, prev_hash,
    ...)``; extra trailing items (the stored hash) are ignored. ``details`` enters as a string
    holding its canonical JSON."""
    (seq, occurred, actor, role, department, subject, action, record_type, record_id, purpose,
     basis, case_number, channel, request_id, batch, details, prev_hash) = row[:17]  # fmt: skip
    return (
        f'{{"action":{_quote(action)},"actor_department":{_quote(department)},'
        f'"actor_pseudonym":{_quote(actor)},"actor_role":{_quote(role)},'
        f'"batch":{"null" if batch is None else int(batch)},"case_number":{_quote(case_number)},'
        f'"channel":{_quote(channel)},"details":{_quote(details)},"legal_basis":{_quote(basis)},'
        f'"occurred_at":{_quote(occurred)},"prev_hash":{_quote(prev_hash)},'
        f'"purpose":{_quote(purpose)},"record_id":{_quote(record_id)},'
        f'"record_type":{_quote(record_type)},"request_id":{_quote(request_id)},"seq":{int(seq)},'
        f'"subject_pseudonym":{"null" if subject is None else _quote(subject)}}}'
    )


def hash_row(row: tuple) -> str:
    return hashlib.sha256(canonical_json(row).encode()).hexdigest()


def event_row(event) -> tuple:
    """The canonical row tuple of an unsaved or saved :class:`DataUseEvent`."""
    return (
        event.seq,
        format_time(event.occurred_at),
        event.actor_pseudonym,
        event.actor_role,
        event.actor_department,
        None if event.subject_pseudonym is None else str(event.subject_pseudonym),
        event.action,
        event.record_type,
        event.record_id,
        event.purpose,
        event.legal_basis,
        event.case_number,
        event.channel,
        event.request_id,
        event.batch,
        canonical_details(event.details),
        event.prev_hash,
    )


def event_hash(event) -> str:
    return hash_row(event_row(event))


def chain_head() -> tuple[int, str]:
    """``(seq, hash)`` of the newest event; ``(0, GENESIS_HASH)`` for an empty log."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq, hash FROM {TABLE} ORDER BY seq DESC LIMIT 1")  # noqa: S608
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def append_events(events: list, *, durable: bool = True) -> list:
    """Chain and insert unsaved events, in order.

    Inside a transaction (the caller's ``atomic`` block) the events are chained there, under the
    chain lock, which is held until that transaction ends: keep transactions that log short. An
    event whose ``_batch_parent`` is an earlier event of the same call gets that event's ``seq``
    as ``batch``; ``occurred_at`` defaults to the time the lock was taken.

    Outside a transaction the events are first committed to the queue (:class:`PendingUse`; many
    writers' commits share one flush to disk), then this writer takes the chain lock and chains
    every queued event — its own too, unless a writer before it took them along. Either way they
    are in the log when this returns; ``seq`` and ``hash`` are not set on these objects.
    ``occurred_at`` defaults to the time of queueing. ``durable=False`` commits the queue without
    waiting for the disk: a crash of the database server may then lose these events (for the
    resident's own views, docs/decisions.md); the chain stays intact either way.
    """
    if not events:
        return events
    if connection.in_atomic_block or any(
        getattr(event, "_batch_parent", None) is not None for event in events
    ):
        with transaction.atomic():
            _chain_events(events)
        return events
    queue_events(events, durable=durable)
    return events


def _lock_chain(cursor) -> None:
    # The head must be read by a statement after this one: a statement's snapshot is taken when it
    # starts, before the lock was granted.
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_ID])


def _chain_events(events: list) -> None:
    """Chain ``events`` after the head and insert them; within the caller's transaction."""
    from munich_portal.audit.models import DataUseEvent

    with connection.cursor() as cursor:
        _lock_chain(cursor)
    seq, previous = chain_head()
    now = timezone.now()
    for event in events:
        seq += 1
        event.seq = seq
        if event.occurred_at is None:
            event.occurred_at = now
        parent = getattr(event, "_batch_parent", None)
        if parent is not None:
            event.batch = parent.seq
        event.prev_hash = previous
        event.hash = event_hash(event)
        previous = event.hash
    DataUseEvent.objects.bulk_create(events, batch_size=2000)


#: The event's content without ``seq``, ``batch``, ``prev_hash`` and ``hash``: a queued row.
QUEUED_COLUMNS = ("occurred_at", "actor_pseudonym", "actor_role", "actor_department",
                  "subject_pseudonym", "action", "record_type", "record_id", "purpose",
                  "legal_basis", "case_number", "channel", "request_id", "details")  # fmt: skip
PENDING_TABLE = "audit_pendinguse"


def _queue_sql(count: int) -> str:
    row = f"({', '.join(['%s'] * len(QUEUED_COLUMNS))})"
    return (
        f"INSERT INTO {PENDING_TABLE} ({', '.join(QUEUED_COLUMNS)}) "  # noqa: S608
        f"VALUES {', '.join([row] * count)}"
    )


def _queued_row(event, now) -> tuple:
    if event.occurred_at is None:
        event.occurred_at = now
    row = event_row(event)  # (seq, time text, …, request_id, batch, details, prev_hash)
    return (event.occurred_at, *row[2:14], row[15])


def queue_events(events: list, *, durable: bool = True) -> None:
    """Write ``events`` to the queue and chain the queue; outside any transaction.

    Durable: the ``INSERT`` in a transaction of its own, which waits for the disk (its flush
    shared with the other writers' commits of the moment), then :data:`CHAIN_PENDING_SQL` in the
    next. Not durable: both in one transaction that does not wait for the disk. Either way one
    round trip (one query text, psycopg's client-side binding): under load, every round trip
    waits for the CPU.
    """
    import psycopg

    now = timezone.now()
    rows = [value for event in events for value in _queued_row(event, now)]
    insert = _queue_sql(len(events))
    sql = (
        f"BEGIN; {insert}; COMMIT; {CHAIN_PENDING_SQL}"
        if durable
        else f"BEGIN; {insert}; {CHAIN_PENDING_SQL}; COMMIT"
    )
    connection.ensure_connection()
    raw = connection.connection
    try:
        with psycopg.ClientCursor(raw) as cursor:
            cursor.execute(sql, rows)
    except Exception:
        # An error inside the query text's explicit BEGIN leaves that transaction open, aborted.
        if raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            raw.execute("ROLLBACK")
        raise


#: The database function that chains the queue (migration ``audit.0005``; its body is
#: :func:`chain_function_body`, a test keeps the two equal).
CHAIN_FUNCTION = "audit_chain_pending"
CHAIN_PENDING_SQL = f"SELECT {CHAIN_FUNCTION}()"


def chain_function_body() -> str:
    """The PL/pgSQL body of :data:`CHAIN_FUNCTION`: chain every queued event in queue order under
    the chain lock, return how many.

    The database computes the hashes here, of the same canonical text the verifier has it build
    (:func:`_canonical_sql`); the verifier still recomputes every hash in Python, so a database
    that chained wrongly fails verification. Each statement of the function takes a new snapshot
    (READ COMMITTED), so the head is read after the lock was granted. The transaction does not
    wait for the disk: its events were on disk in the queue already, and a crash undoes the
    deletion from the queue with the chaining (they are chained again later, never lost, never
    twice). A function rather than a ``DO`` block: its plans are prepared once per connection.
    """
    columns = ", ".join(QUEUED_COLUMNS)
    queued = ", ".join(f"(queued).{name}" for name in QUEUED_COLUMNS)
    return f"""
DECLARE
    head_seq bigint;
    head_hash text;
    taken {PENDING_TABLE}[];
    queued {PENDING_TABLE};
    canonical text;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock({CHAIN_LOCK_ID});
    PERFORM pg_catalog.set_config('synchronous_commit', 'off', true);
    WITH removed AS (DELETE FROM {PENDING_TABLE} RETURNING {PENDING_TABLE} AS queued_row)
        SELECT pg_catalog.array_agg(queued_row ORDER BY (queued_row).id) INTO taken
        FROM removed;
    IF taken IS NULL THEN
        RETURN 0;
    END IF;
    SELECT seq, hash INTO head_seq, head_hash FROM {TABLE} ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
        head_seq := 0;
        head_hash := '{GENESIS_HASH}';
    END IF;
    FOREACH queued IN ARRAY taken LOOP
        head_seq := head_seq + 1;
        SELECT {_canonical_sql()} INTO canonical
            FROM (SELECT (queued).*, head_seq AS seq, head_hash AS prev_hash,
                         NULL::bigint AS batch) AS event;
        INSERT INTO {TABLE} (seq, prev_hash, batch, hash, {columns})
            VALUES (head_seq, head_hash, NULL,
                    pg_catalog.encode(pg_catalog.sha256(
                        pg_catalog.convert_to(canonical, 'UTF8')), 'hex'),
                    {queued})
            RETURNING hash INTO head_hash;
    END LOOP;
    RETURN pg_catalog.array_length(taken, 1);
END
"""  # noqa: S608 - constants only


def chain_pending() -> int:
    """Chain every queued event (see :func:`chain_function_body`); return how many. Outside any
    transaction (its own commit does not wait for the disk)."""
    with connection.cursor() as cursor:
        cursor.execute(CHAIN_PENDING_SQL)
        return cursor.fetchone()[0]


# --- Verification ---------------------------------------------------------------------------------

_ANCHOR_LINE = re.compile(r"seq=(\d+)\s+hash=([0-9a-f]{64})")


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    source: str

    def __str__(self):
        return f"{self.source} (seq {self.seq})"


def parse_anchor_file(path: str | Path) -> list[Anchor]:
    """Anchors from a file ``audit_anchor --file`` appended to (``... seq=N hash=HEX`` lines)."""
    anchors = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        match = _ANCHOR_LINE.search(line)
        if match:
            anchors.append(Anchor(int(match[1]), match[2], f"{path}, line {number}"))
    return anchors


def database_anchors() -> list[Anchor]:
    from munich_portal.audit.models import AuditAnchor

    return [
        Anchor(seq, hash_, f"anchor #{pk} of {format_time(created)}")
        for pk, seq, hash_, created in AuditAnchor.objects.order_by("seq", "pk").values_list(
            "pk", "seq", "hash", "created_at"
        )
    ]


@dataclass(frozen=True)
class VerificationResult:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    anchors_checked: int
    problem: str = ""  # a code: hash_mismatch, prev_hash_mismatch, seq_gap, ...
    broken_seq: int | None = None
    message: str = ""


#: Columns holding codes, pseudonyms and hashes: the writer refuses other characters.
TOKEN_COLUMNS = ("action", "actor_pseudonym", "channel", "prev_hash", "purpose", "record_type",
                 "request_id")  # fmt: skip
#: Columns holding free text: the writer makes them plain (see :func:`plain_text`).
TEXT_COLUMNS = ("actor_department", "actor_role", "case_number", "legal_basis", "record_id")
_TOKEN = re.compile(r"[A-Za-z0-9_.:@+-]*")
#: What neither kind of column may contain: a double quote, a backslash, a control character.
UNPLAIN = re.compile(r'["\\\x00-\x1f]')


def check_token(name: str, value: str) -> str:
    """Refuse a value with characters a token column must not hold."""
    if not _TOKEN.fullmatch(value):
        raise ValueError(f"{name} must consist of letters, digits and _.:@+- only: {value!r}")
    return value


def plain_text(value: str) -> str:
    """``value`` without double quotes (→ '), backslashes (→ /) and control characters (→ space).

    Free text in events (role names, case numbers typed by staff) is stored plain so that its
    canonical JSON needs no escaping (see :func:`_canonical_sql`); the loss is cosmetic.
    """
    if not UNPLAIN.search(value):
        return value
    return UNPLAIN.sub(lambda match: {'"': "'", "\\": "/"}.get(match[0], " "), value)


def _canonical_sql() -> str:
    r"""SQL building the canonical form of a row: the same bytes as :func:`canonical_json`.

    Every text column is plain (no ``"``, ``\`` or control characters: the writer ensures it), so
    its JSON string is the value in quotes, and only ``details`` — a JSON text itself — needs
    ``to_json`` to escape it. Escaping is what made verification slow; quoting is cheap.

    This stays unambiguous for tampered rows: in an honest row an unescaped ``"`` occurs only
    around values, so the text of a forged row can equal the honest text only if every value has
    its original extent — the literals ``","key":`` must fall where they fell. Functions and
    operators are schema-qualified so that a ``search_path`` cannot substitute them.
    """

    cat = " OPERATOR(pg_catalog.||) "
    when_null = "CASE WHEN {0} IS NULL THEN 'null' ELSE {1} END"
    segments = [
        ('{"action":"', "action"),
        ('","actor_department":"', "actor_department"),
        ('","actor_pseudonym":"', "actor_pseudonym"),
        ('","actor_role":"', "actor_role"),
        ('","batch":', when_null.format("batch", "batch::text")),
        (',"case_number":"', "case_number"),
        ('","channel":"', "channel"),
        (
            '","details":',
            "CASE WHEN details = '{}' THEN '\"{}\"' ELSE pg_catalog.to_json(details)::text END",
        ),
        (',"legal_basis":"', "legal_basis"),
        (
            '","occurred_at":"',
            "pg_catalog.to_char(occurred_at AT TIME ZONE 'UTC', "
            '\'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\')',
        ),
        ('","prev_hash":"', "prev_hash"),
        ('","purpose":"', "purpose"),
        ('","record_id":"', "record_id"),
        ('","record_type":"', "record_type"),
        ('","request_id":"', "request_id"),
        ('","seq":', "seq::text"),
        (
            ',"subject_pseudonym":',
            when_null.format("subject_pseudonym", "'\"' || subject_pseudonym::text || '\"'"),
        ),
    ]
    # Literals hold no single quote; ``||`` is cheaper than concat(), and no operand is NULL.
    return cat.join(f"'{literal}'{cat}({expression})" for literal, expression in segments) + (
        f"{cat}'}}'"
    )


class _Stop(Exception):
    """Ends a COPY early (psycopg then cancels the query)."""


def verify_chain(
    *,
    anchors: Iterable[Anchor] = (),
    progress=None,
    chunk_size: int = 20_000,
    start: Anchor | None = None,
) -> VerificationResult:
    """Check the whole chain (or, from ``start``, a verified anchor, onwards) and ``anchors``.

    The rows stream in ``seq`` order through ``COPY ... TO STDOUT`` (one statement, so one
    consistent snapshot, and far faster than a cursor); the database builds each row's canonical
    text, Python hashes it and checks sequence, links, hashes and anchors. ``progress`` is an object
    with ``start(total)``, ``update(count)`` and ``finish()`` (:mod:`munich_portal.audit.progress`),
    updated every ``chunk_size`` events. Stops at the first broken link.
    """
    anchors_by_seq: dict[int, list[Anchor]] = {}
    for anchor in anchors:
        anchors_by_seq.setdefault(anchor.seq, []).append(anchor)
    if start is not None:
        anchors_by_seq.setdefault(start.seq, []).append(start)
    first_seq = start.seq if start is not None and start.seq > 0 else 1
    head_seq, _head_hash = chain_head()
    if progress is not None:
        progress.start(max(head_seq - first_seq + 1, 0))

    # From an anchor, the link into its event was checked when the anchor was made.
    previous = GENESIS_HASH.encode() if first_seq == 1 else None
    expected_seq = first_seq
    last_hash = GENESIS_HASH.encode()
    failure = None
    sha256 = hashlib.sha256
    pending = 0
    sql = (
        f"COPY (SELECT seq, prev_hash, hash, {_canonical_sql()} FROM {TABLE} "  # noqa: S608
        f"WHERE seq >= {int(first_seq)} ORDER BY seq) TO STDOUT"
    )
    with connection.cursor() as cursor:
        try:
            with cursor.cursor.copy(sql) as copy:
                for data in copy:
                    seq_text, prev_hash, stored_hash, canonical = bytes(data)[:-1].split(b"\t", 3)
                    seq = int(seq_text)
                    if seq != expected_seq:
                        failure = (
                            "seq_gap",
                            expected_seq,
                            f"sequence gap: expected seq {expected_seq}, found seq {seq} "
                            "(events deleted or reordered)",
                        )
                        raise _Stop
                    if previous is not None and prev_hash != previous:
                        failure = (
                            "prev_hash_mismatch",
                            seq,
                            f"prev_hash mismatch at seq {seq}: it names "
                            f"{prev_hash[:16].decode()}…, but the event before has "
                            f"{previous[:16].decode()}…",
                        )
                        raise _Stop
                    if b"\\" in canonical:
                        # COPY's text format doubles backslashes (the only escape that can occur:
                        # the canonical JSON has no raw control characters).
                        canonical = canonical.replace(b"\\\\", b"\\")
                    computed = sha256(canonical).hexdigest().encode()
                    if computed != stored_hash:
                        failure = (
                            "hash_mismatch",
                            seq,
                            f"hash mismatch at seq {seq}: the event's content was changed "
                            f"(stored {stored_hash[:16].decode()}…, "
                            f"computed {computed[:16].decode()}…)",
                        )
                        raise _Stop
                    if seq in anchors_by_seq:
                        for anchor in anchors_by_seq[seq]:
                            if anchor.hash.encode() != computed:
                                failure = (
                                    "anchor_hash_mismatch",
                                    seq,
                                    f"anchor hash mismatch at seq {seq}: {anchor} recorded "
                                    f"{anchor.hash[:16]}…, the log now has "
                                    f"{computed[:16].decode()}… (the chain was rewritten)",
                                )
                                raise _Stop
                    previous = last_hash = computed
                    expected_seq += 1
                    pending += 1
                    if pending == chunk_size and progress is not None:
                        progress.update(pending)
                        pending = 0
        except _Stop:
            pass
    checked = expected_seq - first_seq
    if progress is not None:
        if pending and failure is None:
            progress.update(pending)
        progress.finish()

    last_seq = expected_seq - 1
    if failure is None:
        beyond = [
            anchor for seq, group in anchors_by_seq.items() if seq > last_seq for anchor in group
        ]
        if beyond:
            anchor = max(beyond, key=lambda item: item.seq)
            if last_seq == 0:
                failure = (
                    "empty_log_with_anchors",
                    anchor.seq,
                    f"the log is empty, but {anchor} shows it had events (truncated)",
                )
            else:
                failure = (
                    "head_older_than_anchor",
                    last_seq + 1,
                    f"head older than anchor: the log ends at seq {last_seq}, but {anchor} "
                    "recorded a later head (newest events deleted, an old head replayed)",
                )
    anchor_count = sum(len(group) for group in anchors_by_seq.values())
    head_hash = last_hash.decode() if checked else (start.hash if start else GENESIS_HASH)
    if failure is not None:
        problem, broken_seq, message = failure
        return VerificationResult(
            ok=False,
            checked=checked,
            head_seq=last_seq,
            head_hash=head_hash,
            anchors_checked=anchor_count,
            problem=problem,
            broken_seq=broken_seq,
            message=message,
        )
    return VerificationResult(
        ok=True,
        checked=checked,
        head_seq=last_seq,
        head_hash=head_hash,
        anchors_checked=anchor_count,
        message=f"OK: {checked} events verified, head seq {last_seq}",
    )
