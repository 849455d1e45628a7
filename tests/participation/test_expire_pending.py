"""``manage.py expire_pending_registrations``: a guest who never confirmed does not block the
address for ever (docs/participation.md, "Guest registration and e-mail confirmation")."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from munich_portal.audit.actions import update_with_history
from participation import actions
from participation.models import Registration, RegistrationStatus
from tests.participation.factories import EventFactory, person

pytestmark = pytest.mark.django_db


def register_guest(event, n=0):
    return actions.register_guest(
        event=event, person=person(n), number_of_people=1, access_needs=[], consent_version="x"
    )


def test_the_command_deletes_expired_pending_registrations_and_frees_the_address(settings):
    """An unconfirmed guest registration older than the window is deleted, so the same address
    may register again; a recent one and a confirmed one stay."""
    settings.PARTICIPATION_GUEST_CONFIRMATION_HOURS = 24
    event = EventFactory(capacity=5)
    expired = register_guest(event, 0)
    recent = register_guest(event, 1)
    confirmed = actions.confirm_guest(registration=register_guest(event, 2))
    update_with_history(
        Registration.objects.filter(pk__in=[expired.pk, confirmed.pk]),
        created_at=timezone.now() - dt.timedelta(hours=25),
    )
    with pytest.raises(actions.AlreadyRegistered):
        register_guest(event, 0)

    out = io.StringIO()
    call_command("expire_pending_registrations", stdout=out)

    assert out.getvalue().strip() == (
        "deleted 1 guest registration(s) not confirmed within 24 hours"
    )
    assert set(Registration.objects.values_list("pk", "status")) == {
        (recent.pk, RegistrationStatus.PENDING),
        (confirmed.pk, RegistrationStatus.CONFIRMED),
    }
    assert register_guest(event, 0).status == RegistrationStatus.PENDING
