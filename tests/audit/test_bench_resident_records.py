"""The benchmark's resident with 200 records and 2,000 uses (bench.domains.audit, issue 17)."""

import pytest

from bench.domains.audit import ensure_resident_records
from munich_portal.accounts.models import EidLogin, User
from munich_portal.audit.actions import pseudonym_for
from munich_portal.audit.chain import verify_chain
from munich_portal.audit.models import DataUseEvent
from munich_portal.audit.selectors import records_for_subject
from munich_portal.messaging.models import OutgoingEmail

pytestmark = pytest.mark.django_db

EMAIL = "viele.daten@example.org"


def _counts(user) -> tuple[int, int, int]:
    return (
        OutgoingEmail.objects.filter(recipient=user).count(),
        EidLogin.objects.filter(user=user).count(),
        DataUseEvent.objects.filter(subject_pseudonym=pseudonym_for(user)).count(),
    )


def test_a_missing_resident_is_created_with_200_records_and_2000_uses():
    ensure_resident_records(EMAIL)
    user = User.objects.get(email=EMAIL)
    assert _counts(user) == (120, 80, 2000)
    shown = {group.label: len(group.records) for group in records_for_subject(user)}
    assert shown["messaging.outgoingemail"] == 120
    assert shown["accounts.eidlogin"] == 80
    assert verify_chain().ok


def test_a_second_call_adds_nothing():
    ensure_resident_records(EMAIL, records=20, uses=30)
    user = User.objects.get(email=EMAIL)
    first = _counts(user)
    head = DataUseEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    ensure_resident_records(EMAIL, records=20, uses=30)
    assert _counts(user) == first == (12, 8, 30)
    assert DataUseEvent.objects.order_by("-seq").values_list("seq", flat=True).first() == head


def test_an_existing_resident_gets_only_what_is_missing():
    user = User.objects.create(email=EMAIL, full_name="Viele Daten")
    ensure_resident_records(EMAIL, records=10, uses=5)
    ensure_resident_records(EMAIL, records=20, uses=8)
    assert _counts(user) == (12, 8, 8)
    assert verify_chain().ok
