"""A guest-only person erased through the data-protection officer's tool leaves nothing behind: a
``pg_dump`` of the whole database holds none of their strings, and the log verifies (issue 14,
acceptance). The data must be committed for pg_dump to see it."""

import pytest

from munich_portal.audit.chain import verify_chain
from munich_portal.audit.context import processing_context
from munich_portal.messaging.actions import queue_email
from munich_portal.rights import actions
from munich_portal.rights.models import RightsRequest
from tests.accessibility.factories import BarrierReportFactory
from tests.appointments.factories import BookingFactory
from tests.audit.conftest import committed_db  # noqa: F401  (the fixture)
from tests.audit.dump_search import dump_database
from tests.factories import UserFactory
from tests.participation.factories import HeldRegistrationFactory

NAME = "Walburga Zirngibl"
EMAIL = "walburga.zirngibl@example.org"
PHONE = "089 99887766"
STREET = "Zirbelweg 3"
STRINGS = (NAME, "Zirngibl", EMAIL, "99887766", STREET, "Zirbelweg")


@pytest.mark.usefixtures("committed_db")
def test_guest_only_person_erased_through_the_tool_leaves_no_string_in_a_dump():
    officer = UserFactory(staff=True, roles=["Datenschutz"], email="dsb@example.org")
    registration = HeldRegistrationFactory(
        channel="paper",
        first_name="Walburga",
        last_name="Zirngibl",
        email=EMAIL,
        phone=PHONE,
        street=STREET,
        postal_code="80999",
        city="München",
    )
    booking = BookingFactory(name=NAME, email=EMAIL, phone=PHONE)
    BarrierReportFactory(name=NAME, email=EMAIL, phone=PHONE, description="Knopf fehlt")
    queue_email(
        kind="participation.confirmation",
        source=registration,
        recipient=None,
        to=EMAIL,
        subject="Anmeldung bestätigt",
        body=f"Guten Tag {NAME}",
        language="de",
    )
    with processing_context(actor=officer, purpose="appointments"):
        booking.phone = "089 99887766 (mobil)"
        booking.save()  # a history row with an older value
    rights_request = RightsRequest.objects.create(
        kind="erasure", name=NAME, email=EMAIL, phone=PHONE
    )
    before = dump_database().casefold()
    assert all(value.casefold() in before for value in STRINGS)

    with processing_context(actor=officer, purpose="data_subject_rights"):
        actions.confirm_identity(rights_request, method="email_reply", by=officer)
        from munich_portal.audit.finders import records_by_label
        from munich_portal.rights.selectors import matches_for

        records = records_by_label(matches_for(rights_request), without_account=True)
        assert set(records) >= {
            "participation.registration",
            "appointments.booking",
            "accessibility.barrierreport",
            "messaging.outgoingemail",
        }
        actions.erase_matches(rights_request, records=records, by=officer)
        # Closing an erasure request erases who asked; what was done stays.
        actions.close_request(rights_request, by=officer)
    rights_request.refresh_from_db()
    assert (rights_request.kind, rights_request.identity_method) == ("erasure", "email_reply")
    assert rights_request.erased_at is not None

    dump = dump_database().casefold()
    for value in STRINGS:
        assert value.casefold() not in dump, value
    assert verify_chain().ok
