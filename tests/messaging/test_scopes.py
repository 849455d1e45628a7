"""Who sees which letters: decided by the roles each kind is registered with."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from munich_portal.audit.registry import declaration_for
from munich_portal.core import scopes
from munich_portal.core.roles import ROLE_PERMISSIONS, Role
from munich_portal.messaging import actions, registry
from munich_portal.messaging.models import Letter
from tests.factories import UserFactory
from tests.messaging.conftest import idea_letter, registration_letter, staff
from tests.participation.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

PARTICIPATION_KINDS = {
    "participation.confirmation",
    "participation.waitlisted",
    "participation.promotion",
    "participation.cancellation",
}
IDEA_KINDS = {"ideas.answer", "ideas.status"}


def _seen(user) -> set[str]:
    return set(scopes.for_staff(Letter.objects.all(), user).values_list("kind", flat=True))


def test_the_apps_register_their_kinds_with_todays_roles():
    """Participation letters: clerks, organisers, the data-protection officer (as registrations);
    idea letters: organisers, the data-protection officer and clerks (as ideas)."""
    kinds = {kind.key: kind for kind in registry.letter_kinds()}
    assert set(kinds) >= PARTICIPATION_KINDS | IDEA_KINDS
    team = {Role.DATA_ENTRY, Role.EVENTS, Role.DATA_PROTECTION}
    for key in PARTICIPATION_KINDS | IDEA_KINDS:
        assert set(kinds[key].roles) == team, key
    assert {kinds[key].purpose for key in PARTICIPATION_KINDS} == {"participation_events"}
    assert {kinds[key].purpose for key in IDEA_KINDS} == {"participation_ideas"}


@pytest.mark.parametrize("role", list(ROLE_PERMISSIONS))
def test_each_role_sees_the_letters_of_its_kinds(role):
    registration_letter()
    idea_letter()
    expected = (
        {"participation.confirmation", "ideas.answer"}
        if role in {Role.DATA_ENTRY, Role.EVENTS, Role.DATA_PROTECTION}
        else set()
    )
    assert _seen(staff(role)) == expected


def test_the_public_and_residents_see_no_letter():
    registration_letter(user=(resident := UserFactory()))
    assert not scopes.public(Letter).exists()
    assert not _seen(resident)


def test_a_superuser_sees_letters_through_the_roles_but_the_officers():
    registration_letter()
    root = UserFactory(staff=True, mfa=True, is_superuser=True)
    assert _seen(root) == {"participation.confirmation"}


@pytest.fixture
def editorial_kind():
    """A kind only editors see, registered for this test (with a purpose both message models
    already declare: a purpose joins a declaration for good)."""
    kind = registry.register_letter_kind(
        "tests.notice", label="notice", roles=[Role.EDITORIAL], purpose="participation_events"
    )
    yield kind
    registry.unregister_letter_kind(kind.key)


def test_the_rule_follows_the_registered_kinds(editorial_kind):
    """A role sees the kinds registered for it and nothing else: editors see the test kind, clerks
    do not, and the rule reads the registry when the query runs."""
    registration_letter()
    actions.queue_letter(
        kind="tests.notice",
        source=RegistrationFactory(),
        recipient=None,
        address=actions.PostalAddress("Anna", "Weg 1", "80331", "München"),
        sender=actions.Sender("Referat"),
        subject="Hinweis",
        body="Text",
        language="de",
    )
    editor = staff(Role.EDITORIAL)
    clerk = staff(Role.DATA_ENTRY)
    assert _seen(editor) == {"tests.notice"}
    assert _seen(clerk) == {"participation.confirmation"}
    registry.unregister_letter_kind("tests.notice")
    editor = staff(Role.EDITORIAL)  # a fresh user object: roles are cached per request user
    assert _seen(editor) == set()


def test_the_scope_is_declared_for_every_role_a_kind_names():
    scope = scopes.scope_for(Letter)
    assert set(scope.staff) == {Role.DATA_ENTRY, Role.DATA_PROTECTION, Role.EVENTS}
    assert scope.public.kind == "nothing"


def test_the_declaration_names_the_letters_purpose_and_every_kinds_purpose():
    declaration = declaration_for(Letter)
    assert set(declaration.purposes) == {
        "letters",
        "appointments",  # confirmations and reminders of clerks' bookings (issue 15)
        "participation_events",
        "participation_ideas",
        "data_subject_rights",
    }
    assert declaration.subject == "recipient"
    assert declaration.on_erasure == "delete"
    assert {"recipient_name", "street", "postal_code", "city", "subject", "body"} <= set(
        declaration.fields
    )


@pytest.mark.parametrize(
    ("key", "options"),
    [
        ("Confirmation", {}),
        ("participation.confirmation", {"purpose": "participation_ideas"}),
        ("tests.other", {"roles": ["Hausmeister"]}),
        ("tests.other", {"purpose": "no_such_purpose"}),
    ],
)
def test_a_wrong_registration_is_refused(key, options):
    values = {"label": "x", "roles": [Role.EDITORIAL], "purpose": "letters", **options}
    if key == "participation.confirmation":
        values["roles"] = list(registry.letter_kind(key).roles)
        values["label"] = registry.letter_kind(key).label
    with pytest.raises(ImproperlyConfigured):
        registry.register_letter_kind(key, **values)
    assert "tests.other" not in {kind.key for kind in registry.letter_kinds()}


def test_email_only_kinds_stay_out_of_the_letters_scope_and_declaration():
    """Online requests and barrier reports write e-mails only: their purposes are the outbox's,
    not the letters', their roles see no letters, and no letter of an e-mail-only kind is taken
    (an appointment's hold: its link only works from an e-mail)."""
    from munich_portal.messaging.actions import LetterError, PostalAddress, Sender, queue_letter
    from munich_portal.messaging.models import OutgoingEmail

    email_only = {"online_requests", "barrier_reports"}
    assert email_only <= set(declaration_for(OutgoingEmail).purposes)
    assert not email_only & set(declaration_for(Letter).purposes)
    assert Role.ACCESSIBILITY not in scopes.scope_for(Letter).staff
    assert Role.ACCESSIBILITY in scopes.scope_for(OutgoingEmail).staff
    with pytest.raises(LetterError):
        queue_letter(
            kind="appointments.hold",
            source=UserFactory(),
            recipient=None,
            address=PostalAddress("A", "Marienplatz 8", "80331", "München"),
            sender=Sender("KVR"),
            subject="x",
            body="x",
            language="de",
        )
