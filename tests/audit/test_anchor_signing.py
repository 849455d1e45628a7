"""Anchor lines outside the database are signed; the owner's tail rewrite and forged lines fail.

The owner of the tables (here the test database's owner) can disable the append-only triggers,
rewrite the newest events, recompute their hashes so that the chain verifies, and delete the
database's anchors. Only the anchor file, signed with a key that is not in the database, still
remembers the old head — and an edited line in it no longer carries a valid signature.
"""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from munich_portal.audit.anchor_signing import sign_line
from munich_portal.audit.chain import GENESIS_HASH, canonical_details, event_hash, verify_chain
from munich_portal.audit.checks import check_anchor_key
from munich_portal.audit.models import DataUseEvent

pytestmark = pytest.mark.django_db

KEY = "test-anchor-key-0123456789abcdefghijklmnop"
OTHER_KEY = "another-anchor-key-0123456789abcdefghijklm"


@pytest.fixture(autouse=True)
def _anchor_key(settings):
    settings.AUDIT_ANCHOR_KEY = KEY
    settings.AUDIT_ANCHOR_KEY_FILE = ""


def _anchor(path) -> str:
    out = io.StringIO()
    call_command("audit_anchor", "--no-progress", "--file", str(path), stdout=out)
    return out.getvalue().strip()


def _verify(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_audit_log", "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _broken(*args) -> str:
    with pytest.raises(CommandError) as error:
        _verify(*args)
    assert error.value.returncode == 1
    return str(error.value)


def _rewrite_tail_as_owner(from_seq: int) -> None:
    """What the tables' owner can do: triggers off, new details for every event from
    ``from_seq``, hashes recomputed so the chain links up, the database's anchors deleted."""
    with connection.cursor() as cursor:
        for table in ("audit_datauseevent", "audit_auditanchor"):
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        previous = DataUseEvent.objects.get(seq=from_seq - 1).hash if from_seq > 1 else GENESIS_HASH
        for event in DataUseEvent.objects.filter(seq__gte=from_seq).order_by("seq"):
            event.details = {"i": "rewritten"}
            event.prev_hash = previous
            previous = event_hash(event)
            cursor.execute(
                "UPDATE audit_datauseevent SET details = %s, prev_hash = %s, hash = %s "
                "WHERE seq = %s",
                [canonical_details(event.details), event.prev_hash, previous, event.seq],
            )
        cursor.execute("DELETE FROM audit_auditanchor")
        for table in ("audit_datauseevent", "audit_auditanchor"):
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


@pytest.fixture
def anchored_log(resident, make_events, tmp_path):
    """Six events, anchored (signed, in a file) after the fourth and after the sixth."""
    path = tmp_path / "anchors.txt"
    make_events(4, subject=resident)
    _anchor(path)
    make_events(2, subject=resident)
    _anchor(path)
    return path


def test_audit_anchor_writes_signed_lines_that_verify(anchored_log):
    lines = anchored_log.read_text().splitlines()
    assert len(lines) == 2
    assert " seq=4 hash=" in lines[0] and " hmac-sha256=" in lines[0]
    body = lines[0].rpartition(" hmac-sha256=")[0]
    assert lines[0] == sign_line(body, KEY.encode())
    out, err = _verify("--anchor-file", str(anchored_log))
    assert out.startswith("OK: 6 events verified, 4 anchors checked")
    assert err == ""


def test_a_tail_rewritten_by_the_owner_is_caught_by_the_signed_anchor_file(anchored_log):
    """The rewritten chain verifies on its own; the first anchor taken before disagrees."""
    _rewrite_tail_as_owner(3)

    assert verify_chain().ok  # the chain and the (deleted) database anchors do not see it
    assert _verify()[0].startswith("OK: 6 events verified, 0 anchors checked")
    message = _broken("--anchor-file", str(anchored_log))
    assert message.startswith("BROKEN at seq 4 (anchor_hash_mismatch)")
    assert f"{anchored_log}, line 1" in message  # the first broken anchor is named


def test_an_anchor_line_with_a_changed_hash_is_rejected(anchored_log):
    """The forger rewrites the tail and puts the new hashes into the file, keeping the
    signatures: both lines are reported as forged and not used, and verification fails."""
    _rewrite_tail_as_owner(3)
    forged = [
        line.replace(line.split(" hash=")[1].split()[0], DataUseEvent.objects.get(seq=seq).hash)
        for line, seq in zip(anchored_log.read_text().splitlines(), (4, 6), strict=True)
    ]
    anchored_log.write_text("\n".join(forged) + "\n")

    message = _broken("--anchor-file", str(anchored_log))
    assert f"{anchored_log}, line 1: BAD SIGNATURE" in message
    assert f"{anchored_log}, line 2: BAD SIGNATURE" in message
    assert "BROKEN" not in message  # the forged lines were not used as anchors


def test_a_line_signed_with_another_key_is_rejected(anchored_log, settings):
    settings.AUDIT_ANCHOR_KEY = OTHER_KEY
    message = _broken("--anchor-file", str(anchored_log))
    assert "line 1: BAD SIGNATURE" in message and "line 2: BAD SIGNATURE" in message


def test_a_changed_time_breaks_the_signature_too(anchored_log):
    text = anchored_log.read_text()
    anchored_log.write_text(text.replace("audit-anchor 2", "audit-anchor 1", 1))
    assert "line 1: BAD SIGNATURE" in _broken("--anchor-file", str(anchored_log))


def test_unsigned_lines_fail_unless_allowed(resident, make_events, tmp_path):
    """Lines written before signing still serve as anchors, but only --allow-unsigned accepts
    them (with a warning): an unsigned line is what a forger without the key would write."""
    make_events(3, subject=resident)
    path = tmp_path / "old-anchors.txt"
    line = _anchor(path).rpartition(" hmac-sha256=")[0]
    path.write_text(line + "\n")

    assert f"{path}, line 1: UNSIGNED" in _broken("--anchor-file", str(path))
    out, err = _verify("--anchor-file", str(path), "--allow-unsigned")
    assert out.startswith("OK: 3 events verified")
    assert f"Warning: {path}, line 1: UNSIGNED" in err


def test_an_unsigned_old_line_still_catches_a_rewrite(resident, make_events, tmp_path):
    make_events(4, subject=resident)
    path = tmp_path / "old-anchors.txt"
    path.write_text(_anchor(path).rpartition(" hmac-sha256=")[0] + "\n")
    _rewrite_tail_as_owner(2)
    message = _broken("--anchor-file", str(path), "--allow-unsigned")
    assert message.startswith("BROKEN at seq 4 (anchor_hash_mismatch)")


def test_audit_anchor_refuses_an_unsigned_file_without_a_key(
    resident, make_events, settings, tmp_path
):
    settings.AUDIT_ANCHOR_KEY = ""
    make_events(1, subject=resident)
    path = tmp_path / "anchors.txt"
    with pytest.raises(CommandError, match="No anchor key"):
        _anchor(path)
    assert not path.exists()
    call_command(
        "audit_anchor", "--no-progress", "--file", str(path), "--unsigned", stdout=io.StringIO()
    )
    assert "hmac-sha256" not in path.read_text()


def test_the_key_can_come_from_a_file(anchored_log, settings, tmp_path):
    key_file = tmp_path / "anchor.key"
    key_file.write_text(KEY + "\n")
    settings.AUDIT_ANCHOR_KEY = ""
    settings.AUDIT_ANCHOR_KEY_FILE = str(key_file)
    assert _verify("--anchor-file", str(anchored_log))[0].startswith("OK: 6 events verified")

    key_file.write_text("too-short")
    with pytest.raises(CommandError, match="shorter than 32 characters"):
        _verify("--anchor-file", str(anchored_log))
    settings.AUDIT_ANCHOR_KEY_FILE = str(tmp_path / "missing.key")
    with pytest.raises(CommandError, match="Cannot read the anchor key file"):
        _verify("--anchor-file", str(anchored_log))


def test_signed_lines_cannot_be_checked_without_a_key(anchored_log, settings):
    settings.AUDIT_ANCHOR_KEY = ""
    with pytest.raises(CommandError, match="no anchor key is configured"):
        _verify("--anchor-file", str(anchored_log))


def test_check_deploy_warns_without_an_anchor_key(settings):
    settings.AUDIT_ANCHOR_KEY = ""
    assert [warning.id for warning in check_anchor_key(None)] == ["audit.W001"]
    settings.AUDIT_ANCHOR_KEY = "dev-only-anchor-key-not-secret-5d2e8a41c7"
    assert [warning.id for warning in check_anchor_key(None)] == ["audit.W002"]
    settings.AUDIT_ANCHOR_KEY = KEY
    assert check_anchor_key(None) == []
    settings.AUDIT_ANCHOR_KEY = ""
    settings.AUDIT_ANCHOR_KEY_FILE = "/etc/munich-portal/audit-anchor.key"
    assert check_anchor_key(None) == []
