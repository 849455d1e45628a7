"""The log is append-only and tamper-evident: triggers, hash chain, anchors, verifier."""

import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from munich_portal.audit import actions
from munich_portal.audit.chain import (
    GENESIS_HASH,
    canonical_json,
    event_row,
    parse_anchor_file,
    verify_chain,
)
from munich_portal.audit.models import AuditAnchor, DataUseEvent
from munich_portal.audit.progress import Progress

pytestmark = pytest.mark.django_db


def _verify(*args) -> str:
    out = io.StringIO()
    call_command("verify_audit_log", "--no-progress", *args, stdout=out)
    return out.getvalue()


def _broken(*args) -> str:
    with pytest.raises(CommandError) as error:
        _verify(*args)
    assert error.value.returncode == 1
    return str(error.value)


# --- The chain itself -----------------------------------------------------------------------------


def test_events_chain_from_the_genesis_hash(resident, make_events):
    events = make_events(3, subject=resident)
    assert events[0].seq == 1
    assert events[0].prev_hash == GENESIS_HASH
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    stored = DataUseEvent.objects.get(seq=2)
    assert stored.hash == hashlib.sha256(canonical_json(event_row(stored)).encode()).hexdigest()


def test_canonical_form_is_json_with_sorted_keys(resident, make_events):
    """The hand-built canonical text equals json.dumps(sort_keys=True, no whitespace)."""
    event = make_events(1, subject=resident)[0]
    row = event_row(event)
    keys = [
        "seq", "occurred_at", "actor_pseudonym", "actor_role", "actor_department",
        "subject_pseudonym", "action", "record_type", "record_id", "purpose", "legal_basis",
        "case_number", "channel", "request_id", "batch", "details", "prev_hash",
    ]  # fmt: skip
    expected = json.dumps(
        dict(zip(keys, row, strict=True)), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert canonical_json(row) == expected
    assert json.loads(canonical_json(row))["details"] == '{"i":0}'


def test_an_empty_log_verifies():
    assert _verify().startswith("OK: 0 events verified")


def test_an_intact_log_verifies_and_the_command_names_the_head(resident, make_events):
    events = make_events(4, subject=resident)
    output = _verify()
    assert f"OK: 4 events verified, 0 anchors checked; head seq=4 hash={events[-1].hash}" in output


# --- The database refuses changes -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_datauseevent SET purpose = 'security' WHERE seq = 1",
        "DELETE FROM audit_datauseevent WHERE seq = 1",
        "TRUNCATE audit_datauseevent",
        "UPDATE audit_auditanchor SET seq = 0",
        "DELETE FROM audit_auditanchor",
        "TRUNCATE audit_auditanchor",
    ],
)
def test_the_database_refuses_changes_to_the_log(resident, make_events, sql):
    make_events(1, subject=resident)
    actions.create_anchor()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert DataUseEvent.objects.filter(seq=1, purpose="resident_support").exists()


def test_truncating_an_empty_log_is_allowed():
    """Nothing to lose: test runners empty every table with one TRUNCATE."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_datauseevent, audit_auditanchor")
    assert verify_chain().ok


def test_the_orm_refuses_changes_to_events(resident, make_events):
    event = make_events(1, subject=resident)[0]
    with pytest.raises(TypeError, match="append-only"):
        DataUseEvent.objects.filter(seq=event.seq).update(purpose="security")
    with pytest.raises(TypeError, match="append-only"):
        DataUseEvent.objects.all().delete()
    with pytest.raises(TypeError, match="record_use"):
        event.save()


# --- Tampering as a database superuser (triggers off) ---------------------------------------------


def test_a_changed_field_is_a_hash_mismatch(resident, make_events, superuser_sql):
    make_events(5, subject=resident)
    superuser_sql("UPDATE audit_datauseevent SET purpose = 'security' WHERE seq = 3")
    message = _broken()
    assert "BROKEN at seq 3 (hash_mismatch)" in message


def test_a_changed_timestamp_is_a_hash_mismatch(resident, make_events, superuser_sql):
    make_events(3, subject=resident)
    superuser_sql(
        "UPDATE audit_datauseevent SET occurred_at = occurred_at - interval '1 microsecond' "
        "WHERE seq = 2"
    )
    assert "BROKEN at seq 2 (hash_mismatch)" in _broken()


def test_a_deleted_row_is_a_sequence_gap(resident, make_events, superuser_sql):
    make_events(5, subject=resident)
    superuser_sql("DELETE FROM audit_datauseevent WHERE seq = 2")
    assert "BROKEN at seq 2 (seq_gap)" in _broken()


def test_deleting_the_oldest_rows_is_a_sequence_gap(resident, make_events, superuser_sql):
    make_events(3, subject=resident)
    superuser_sql("DELETE FROM audit_datauseevent WHERE seq = 1")
    result = verify_chain()
    assert (result.ok, result.problem, result.broken_seq) == (False, "seq_gap", 1)


def test_reordered_rows_are_caught(resident, make_events, superuser_sql):
    """Swapping two events' content (order of events changed, seq kept) breaks both hashes."""
    make_events(5, subject=resident)
    columns = [f.column for f in DataUseEvent._meta.fields if f.column != "seq"]
    assignments = ", ".join(f"{c} = other.{c}" for c in columns)
    superuser_sql(
        f"UPDATE audit_datauseevent AS e SET {assignments} "  # noqa: S608
        "FROM audit_datauseevent AS other "
        "WHERE (e.seq, other.seq) IN ((2, 3), (3, 2))"
    )
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 2)
    assert result.problem in {"hash_mismatch", "prev_hash_mismatch"}


def test_a_rewritten_chain_is_caught_by_the_anchor(resident, make_events, superuser_sql):
    """Changing an event and recomputing every hash after it fools the chain, not the anchor."""
    make_events(4, subject=resident)
    actions.create_anchor()
    superuser_sql("UPDATE audit_datauseevent SET purpose = 'security' WHERE seq = 2")
    _rehash_from(2, superuser_sql)
    # Without anchors the forged chain is self-consistent...
    assert verify_chain().ok
    # ...but the anchor taken before disagrees.
    assert "BROKEN at seq 4 (anchor_hash_mismatch)" in _broken()


def _rehash_from(seq, superuser_sql):
    previous = DataUseEvent.objects.get(seq=seq - 1).hash if seq > 1 else GENESIS_HASH
    for event in DataUseEvent.objects.filter(seq__gte=seq).order_by("seq"):
        event.prev_hash = previous
        digest = hashlib.sha256(canonical_json(event_row(event)).encode()).hexdigest()
        superuser_sql(
            "UPDATE audit_datauseevent SET prev_hash = %s, hash = %s WHERE seq = %s",
            [previous, digest, event.seq],
        )
        previous = digest


def test_truncating_the_log_is_caught_by_the_anchor(resident, make_events, superuser_sql):
    make_events(3, subject=resident)
    actions.create_anchor()
    superuser_sql("TRUNCATE audit_datauseevent")
    assert "(empty_log_with_anchors)" in _broken()


def test_replaying_an_old_head_is_caught_by_the_anchor(resident, make_events, superuser_sql):
    """Deleting the newest events leaves a valid but shorter chain; the anchor remembers more."""
    make_events(6, subject=resident)
    actions.create_anchor()
    superuser_sql("DELETE FROM audit_datauseevent WHERE seq > 4")
    assert verify_chain().ok
    message = _broken()
    assert "BROKEN at seq 5 (head_older_than_anchor)" in message


def test_an_anchor_file_outside_the_database_catches_what_database_anchors_cannot(
    resident, make_events, superuser_sql, tmp_path
):
    """An attacker who also deletes the database's anchors is still caught by the file."""
    anchor_file = tmp_path / "anchors.txt"
    make_events(3, subject=resident)
    out = io.StringIO()
    call_command("audit_anchor", "--file", str(anchor_file), "--no-progress", stdout=out)
    line = out.getvalue().strip()
    assert line.startswith("audit-anchor ") and " seq=3 hash=" in line
    assert anchor_file.read_text().strip() == line
    assert parse_anchor_file(anchor_file)[0].seq == 3
    make_events(2, subject=resident)
    call_command("audit_anchor", "--file", str(anchor_file), "--no-progress", stdout=io.StringIO())
    assert len(parse_anchor_file(anchor_file)) == 2

    superuser_sql("DELETE FROM audit_datauseevent WHERE seq > 2")
    superuser_sql("DELETE FROM audit_auditanchor")
    assert _verify().startswith("OK: 2 events verified")
    message = _broken("--anchor-file", str(anchor_file))
    assert "head_older_than_anchor" in message
    assert str(anchor_file) in message


def test_audit_anchor_refuses_to_anchor_a_broken_chain(resident, make_events, superuser_sql):
    make_events(3, subject=resident)
    superuser_sql("UPDATE audit_datauseevent SET record_id = 'x' WHERE seq = 2")
    with pytest.raises(CommandError, match="Not anchored: the chain is broken at seq 2"):
        call_command("audit_anchor", "--no-progress", stdout=io.StringIO())
    assert not AuditAnchor.objects.exists()


def test_anchoring_verifies_only_what_is_new(resident, make_events, superuser_sql):
    """The daily anchor starts at the previous anchor, whose event must still match it."""
    make_events(3, subject=resident)
    first, _line = actions.create_anchor()
    make_events(2, subject=resident)
    second, _line = actions.create_anchor()
    assert (first.seq, second.seq) == (3, 5)
    superuser_sql("UPDATE audit_datauseevent SET record_id = 'x' WHERE seq = 5")
    with pytest.raises(actions.ChainBroken) as error:
        actions.create_anchor()
    assert error.value.result.problem == "hash_mismatch"


def test_a_missing_anchor_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read the anchor file"):
        _verify("--anchor-file", str(tmp_path / "missing.txt"))


def test_progress_is_plain_lines_without_a_terminal(resident, make_events):
    make_events(25, subject=resident)
    stream = io.StringIO()
    result = verify_chain(progress=Progress("Verifying", stream=stream), chunk_size=5)
    assert result.ok
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Verifying: 0 of 25"
    assert "Verifying: 10 of 25" in lines
    assert lines[-1].startswith("Verifying: 25 of 25 in ")


def test_progress_is_a_bar_on_a_terminal():
    stream = io.StringIO()
    progress = Progress("Verifying", stream=stream, tty=True)
    progress.start(10)
    progress.update(10)
    progress.finish()
    text = stream.getvalue()
    assert "\rVerifying [##############################] 100% 10/10" in text
    assert text.endswith("\n")
