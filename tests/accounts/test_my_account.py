"""Mein Konto: for logged-in people only, with the way to every account setting."""

import pytest

pytestmark = pytest.mark.django_db


def test_my_account_requires_login(client):
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response.url == "/konto/login/?next=/konto/"


def test_my_account_links_to_email_password_mfa_and_deletion(client, log_in, resident):
    log_in(resident)
    response = client.get("/konto/")
    assert response.status_code == 200
    for href in ("/konto/email/", "/konto/password/change/", "/konto/2fa/", "/konto/loeschen/"):
        assert f'href="{href}"' in response.text


def test_my_account_shows_whether_mfa_is_active(client, log_in, mfa_user, resident):
    """The MFA entry tells whether two-factor authentication is set up."""
    log_in(resident)
    without = client.get("/en/konto/").text
    client.post("/konto/logout/")
    log_in(mfa_user)
    with_mfa = client.get("/en/konto/").text
    assert "not set up" in without
    assert "not set up" not in with_mfa
    assert "active" in with_mfa


def test_manage_pages_lead_back_to_my_account(client, log_in, resident):
    """Password, e-mail and MFA pages have a breadcrumb trail back to Mein Konto."""
    log_in(resident)
    for path in ("/konto/email/", "/konto/password/change/", "/konto/2fa/"):
        html = client.get(path).text
        assert 'class="breadcrumbs container"' in html
        assert 'href="/konto/"' in html.split('class="breadcrumbs container"', 1)[1]


def test_my_account_lists_the_residents_own_ideas_only(client, log_in, resident):
    """Mein Konto shows one's own ideas with their state, never another resident's."""
    from tests.factories import UserFactory
    from tests.ideas.conftest import make_idea, make_process

    process = make_process()
    make_idea(process, author=resident, title="Sitzbänke am Gärtnerplatz", status="accepted")
    make_idea(process, author=resident, title="Trinkbrunnen", moderation="pending")
    make_idea(process, author=UserFactory(), title="Fremde Idee")

    log_in(resident)
    text = client.get("/konto/").content.decode()

    assert "Sitzbänke am Gärtnerplatz" in text
    assert "angenommen" in text  # the status of a published idea
    assert "Trinkbrunnen" in text
    assert "wartet auf Moderation" in text  # not yet published: its moderation state
    assert "Fremde Idee" not in text


def test_my_account_lists_only_the_residents_upcoming_active_appointments(
    client, log_in, resident, django_assert_max_num_queries
):
    """One query for the appointments section, whatever the resident's history holds."""
    import datetime as dt

    from django.utils import timezone

    from appointments.models import BookingStatus
    from tests.appointments.factories import BookingFactory, SlotFactory
    from tests.factories import UserFactory

    def booking(type_name, *, days, **kwargs):
        starts = timezone.now() + dt.timedelta(days=days)
        slot = SlotFactory(
            appointment_type__name_de=type_name,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=20),
        )
        return BookingFactory(slot=slot, **kwargs)

    booking("Kommender Termin", days=3, user=resident)
    booking("Vergangener Termin", days=-3, user=resident)
    booking("Abgesagter Termin", days=4, user=resident, status=BookingStatus.CANCELLED)
    booking("Fremder Termin", days=5, user=UserFactory())
    log_in(resident)
    client.get("/konto/")
    for days in range(6, 16):
        booking("Weiterer Termin", days=days, user=resident)
    with django_assert_max_num_queries(12):
        text = client.get("/konto/").text
    section = text.split('id="account-appointments"', 1)[1].split("</section>", 1)[0]
    assert "Kommender Termin" in section and section.count("Weiterer Termin") == 10
    for absent in ("Vergangener Termin", "Abgesagter Termin", "Fremder Termin"):
        assert absent not in section
