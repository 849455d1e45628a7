"""The participation demo types phone and on-site registrations in through the clerks' action."""

import pytest

from munich_portal.messaging.models import Letter
from munich_portal.portal.demo import load_accounts, load_city_structure
from munich_portal.portal.demo.participation import CALLS, load_participation
from participation.models import Registration

pytestmark = pytest.mark.django_db


def test_the_demo_enters_callers_and_counter_visits_once():
    load_city_structure()
    load_accounts()
    load_participation()
    calls = Registration.objects.filter(channel__in=["phone", "on_site"])
    phone, on_site = calls.filter(channel="phone"), calls.filter(channel="on_site")
    assert phone.exists() and on_site.exists()
    per_event = sum(count for _channel, count in CALLS)
    events = calls.values("event").distinct().count()
    assert calls.count() == per_event * events
    # Through the action: the demo clerk, the moment of entry, and a letter to each of them
    # (the demo callers give no e-mail address).
    assert set(calls.values_list("entered_by__email", flat=True)) == {"erfassung@example.org"}
    assert not calls.filter(received_at__isnull=True).exists()
    letters = Letter.objects.filter(source_id__in=calls.values("pk"))
    assert letters.count() == calls.count()
    before = Registration.objects.count()
    load_participation()
    assert Registration.objects.count() == before
