"""The full-feature erasure: a resident uses the portal, deletes their account, and a dump of the
whole database holds none of their strings and no event leads to a row that is still theirs.

The parts of other apps (ideas and comments, paper, guest booking, barrier report) join this test
as they are built; see docs/data-protection.md, "Erasure".
"""

import pytest
from django.contrib.auth import get_user_model

from accessibility.actions import save_display_preferences
from accessibility.preferences import Preferences
from appointments import actions as appointments
from munich_portal.accounts.actions import delete_account
from munich_portal.audit import actions
from munich_portal.audit.chain import verify_chain
from munich_portal.audit.context import processing_context
from munich_portal.audit.models import SubjectPseudonym
from munich_portal.audit.registry import declarations
from online_requests import actions as requests
from online_requests import files
from online_requests import selectors as request_selectors
from online_requests.models import RequestUpload
from participation import actions as participation
from tests.appointments.factories import SlotFactory
from tests.audit.dump_search import join_paths, search_dump
from tests.factories import UserFactory
from tests.online_requests.factories import (
    PAGE_DATA,
    VALID_IBAN,
    caseworker,
    pdf_file,
    published_service,
)
from tests.participation.factories import ConsentTextFactory, EventFactory

User = get_user_model()

NAME = "Wendelgard Quastenhuber"
EMAIL = "wendelgard.quastenhuber@example.org"
PHONE = "0176 90817263"
STREET = "Zwetschgenweg 17"
DOG = "Schnuffelbert"
STRINGS = (NAME, EMAIL, PHONE, "90817263", STREET, "Zwetschgenweg", DOG, "Quastenhuber")


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path):
    settings.PORTAL_PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"


def _online_request(resident):
    service = published_service()
    version = request_selectors.current_version(service)
    draft = requests.start_request(user=resident, service=service, version=version)
    answers = {
        **PAGE_DATA[1],
        **PAGE_DATA[2],
        **PAGE_DATA[3],
        "full_name": NAME,
        "home__street": STREET,
        "email": EMAIL,
        "phone": PHONE,
        "details": f"Hundesteuer für meinen Hund {DOG}.",
        "iban": VALID_IBAN,
    }
    draft = requests.save_answers(
        online_request=draft, page=3, answers=answers, uploads={"proof": pdf_file()}
    )
    submitted = requests.submit_request(online_request=draft)
    worker = caseworker()
    with processing_context(actor=worker, purpose="online_requests"):
        actions.record_use(action="view", subject=resident, record=submitted)
        requests.send_message(
            online_request=submitted, body="Wie heißt der Hund genau?", author=worker
        )
    requests.answer_request(
        online_request=submitted, body=f"Er heißt {DOG}, wir wohnen {STREET}.", user=resident
    )
    return submitted


def _registration(resident):
    ConsentTextFactory()
    first, last = NAME.split()
    return participation.register(
        event=EventFactory(),
        channel="online",
        person={
            "first_name": first,
            "last_name": last,
            "email": EMAIL,
            "phone": PHONE,
            "street": STREET,
            "postal_code": "80331",
            "city": "München",
        },
        number_of_people=1,
        access_needs=[],
        access_needs_note=f"Ich komme mit meinem Hund {DOG}.",
        consent_version="2026-11",
        user=resident,
    )


def test_after_account_deletion_nothing_of_the_resident_is_left(committed_db):
    resident = UserFactory(email=EMAIL, full_name=NAME)
    online_request = _online_request(resident)
    stored_as = RequestUpload.objects.get(request=online_request).storage_name
    assert files.path_of(stored_as).exists()
    _registration(resident)
    appointments.book(
        slot=SlotFactory(), name=NAME, email=EMAIL, phone=PHONE, user=resident, verified=True
    )
    save_display_preferences(user=resident, preferences=Preferences(text="large"))
    user_id = resident.pk
    # The rows that are the resident's, before the erasure: the join-path check needs them.
    records = {
        declaration.label: list(declaration.rows_for(resident).values_list("pk", flat=True))
        for declaration in declarations()
    }
    assert set(search_dump(STRINGS)) == set(STRINGS)  # the dump does see them while they exist

    with processing_context(actor=resident):
        delete_account(user=resident)

    assert search_dump(STRINGS) == {}
    leading = [path for path in join_paths(records, user_id) if path.links_user or path.personal]
    assert leading == []
    assert not User.objects.filter(pk=user_id).exists()
    assert not SubjectPseudonym.objects.filter(user_id=user_id).exists()
    assert not RequestUpload.objects.filter(storage_name=stored_as).exists()
    assert not files.path_of(stored_as).exists()  # at the commit, not by the nightly job
    result = verify_chain()
    assert result.ok, result.message
