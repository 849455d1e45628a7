"""The full-feature erasure (issue 14, acceptance): a resident uses every feature of the portal —
an online request with a file and messages, a registration online and one on paper, an
appointment, an idea, a comment edited to remove their street, a support, a barrier report, display
preferences, a guest booking with the same e-mail address — and deletes their account. A dump of
the whole database then holds none of their strings, no event leads to a row that is still theirs,
their place went to the waiting list, and the log verifies. See docs/data-protection.md, "Erasure".
"""

import pytest
from django.contrib.auth import get_user_model

from accessibility.actions import save_display_preferences, submit_barrier_report
from accessibility.preferences import Preferences
from appointments import actions as appointments
from appointments.models import Booking
from ideas import actions as ideas
from ideas.models import Comment, Idea, Redaction, Support
from munich_portal.accounts.actions import delete_account
from munich_portal.audit import actions
from munich_portal.audit.chain import verify_chain
from munich_portal.audit.context import processing_context
from munich_portal.audit.models import SubjectPseudonym
from munich_portal.audit.registry import KEEP, declarations
from online_requests import actions as requests
from online_requests import files
from online_requests import selectors as request_selectors
from online_requests.models import RequestUpload
from participation import actions as participation
from participation.models import Registration, RegistrationStatus
from tests.appointments.factories import SlotFactory
from tests.audit.dump_search import join_paths, search_dump
from tests.factories import UserFactory
from tests.ideas.conftest import make_idea, make_process, staff
from tests.online_requests.factories import (
    PAGE_DATA,
    VALID_IBAN,
    caseworker,
    pdf_file,
    published_service,
)
from tests.participation.factories import (
    ConsentTextFactory,
    EventFactory,
    person,
)

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


def _register(event, *, channel="online", **extra):
    """The resident registers (online with ``user=``, on paper with ``entered_by=``)."""
    ConsentTextFactory()
    first, last = NAME.split()
    return participation.register(
        event=event,
        channel=channel,
        person=person(first_name=first, last_name=last, email=EMAIL, phone=PHONE, street=STREET),
        number_of_people=1,
        access_needs=[],
        consent_version="2026-11",
        **extra,
    )


def _contributions(resident):
    """An idea naming the dog, a comment edited to remove the street, a support of another idea."""
    process = make_process("during")
    ideas.create_idea(
        process=process,
        user=resident,
        title=f"Hundewiese für {DOG}",
        text=f"Ich bin {NAME}, erreichbar unter {PHONE}.",
        address=STREET,
        author_name=NAME,
    )
    others = make_idea(process, author=UserFactory())
    comment = ideas.add_comment(
        process=process, user=resident, idea=others, text=f"Treffpunkt vor {STREET}"
    )
    ideas.edit_comment(comment=comment, user=resident, text="Treffpunkt vor dem Haus")
    ideas.toggle_support(idea=others, user=resident)
    return others


def _without_account():
    """What the resident did without logging in, with the same address: a paper registration and
    a guest booking."""
    _register(
        EventFactory(), channel="paper", entered_by=UserFactory(staff=True, roles=["Erfassung"])
    )
    appointments.book(slot=SlotFactory(), name=NAME, email=EMAIL, phone=PHONE)


def test_after_account_deletion_nothing_of_the_resident_is_left(committed_db):
    resident = UserFactory(email=EMAIL, full_name=NAME)
    online_request = _online_request(resident)
    stored_as = RequestUpload.objects.get(request=online_request).storage_name
    assert files.path_of(stored_as).exists()
    # The resident takes the last place; someone else waits for it.
    event = EventFactory(capacity=1)
    _register(event, user=resident, access_needs_note=f"Ich komme mit meinem Hund {DOG}.")
    waiting = participation.register(
        event=event,
        channel="online",
        person=person(7),
        number_of_people=1,
        access_needs=[],
        consent_version="2026-11",
    )
    assert waiting.status == RegistrationStatus.WAITLISTED
    booked = appointments.book(
        slot=SlotFactory(), name=NAME, email=EMAIL, phone=PHONE, user=resident, verified=True
    )
    slot = booked.slot
    others_idea = _contributions(resident)
    submit_barrier_report(
        client_ip="192.0.2.10",
        description=f"Die Schrift ist zu klein; mein Hund {DOG} hilft mir nicht.",
        name=NAME,
        email=EMAIL,
        phone=PHONE,
        reporter=resident,
    )
    save_display_preferences(user=resident, preferences=Preferences(text="large"))
    _without_account()
    user_id = resident.pk
    # The rows that are the resident's, before the erasure: the join-path check needs them.
    records = {
        declaration.label: list(declaration.rows_for(resident).values_list("pk", flat=True))
        for declaration in declarations()
    }
    assert set(search_dump(STRINGS)) == set(STRINGS)  # the dump does see them while they exist

    with processing_context(actor=resident):
        delete_account(user=resident)

    # What lay ahead is cancelled: the place went to the person waiting, the slot is free again.
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert not Registration.objects.filter(email__iexact=EMAIL).exists()
    assert not Booking.objects.filter(slot=slot, status="confirmed").exists()
    slot.refresh_from_db()
    assert slot.taken == 0
    # Contributions deleted (the default choice); the other person's idea lost only the support.
    assert not Idea.objects.filter(author_name=NAME).exists()
    assert Idea.objects.filter(pk=others_idea.pk).exists()
    assert not Support.objects.filter(idea=others_idea, user__isnull=False).exists()
    assert not Comment.objects.filter(text__icontains="Zwetschgenweg").exists()

    assert search_dump(STRINGS) == {}
    leading = [path for path in join_paths(records, user_id) if path.links_user or path.personal]
    assert leading == []
    assert not User.objects.filter(pk=user_id).exists()
    assert not SubjectPseudonym.objects.filter(user_id=user_id).exists()
    assert not RequestUpload.objects.filter(storage_name=stored_as).exists()
    assert not files.path_of(stored_as).exists()  # at the commit, not by the nightly job
    result = verify_chain()
    assert result.ok, result.message


def test_kept_contributions_lose_everything_personal_once_redacted(committed_db):
    """The other choice: the text stays, anonymised. The scrub removes what the declared fields
    knew (name, phone, street); what only the free text knew (the dog's name) waits for the
    moderators' redaction and the officer's review — after that the dump holds nothing of them."""
    resident = UserFactory(email=EMAIL, full_name=NAME)
    others_idea = _contributions(resident)
    records = {
        declaration.label: list(declaration.rows_for(resident).values_list("pk", flat=True))
        for declaration in declarations()
    }
    user_id = resident.pk

    with processing_context(actor=resident):
        delete_account(user=resident, contributions=KEEP)

    kept = Idea.objects.get(title__contains=DOG)
    assert kept.author_id is None and kept.author_name == "" and kept.address == ""
    assert kept.redaction == Redaction.PENDING
    # Left is only what the free text alone knew: the phone number and the dog's name, in the kept
    # idea (its history rows carry nothing but this final text).
    assert set(search_dump(STRINGS)) == {PHONE, "90817263", DOG}
    assert DOG in kept.title and PHONE in kept.text
    assert NAME not in kept.text
    # The comment kept its final words; the street it once named is gone from its history too.
    comment = Comment.objects.get(idea=others_idea)
    assert comment.text == "Treffpunkt vor dem Haus" and comment.author_id is None

    moderator = staff("moderation@muenchen.de", perms=["moderate_idea", "view_idea"])
    officer = staff("datenschutz@muenchen.de", roles=["Datenschutz"])
    with processing_context(actor=moderator, purpose="data_subject_rights"):
        ideas.redact(
            target=kept, by=moderator, title="Hundewiese", text=kept.text.replace(PHONE, "[…]")
        )
    with processing_context(actor=officer, purpose="data_subject_rights"):
        ideas.review_redaction(target=kept, by=officer, approve=True)

    assert search_dump(STRINGS) == {}
    # Events still name the kept rows (the log is append-only), but those rows lead to no one
    # and hold nothing personal.
    assert all(not (path.links_user or path.personal) for path in join_paths(records, user_id))
    result = verify_chain()
    assert result.ok, result.message
