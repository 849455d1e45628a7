"""The barrier report form (issue 1, item 10; stored since issue 8): prefilled, rate limited,
nothing lost on bad input, stored with a one-month deadline, the officer notified by e-mail."""

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from accessibility import actions
from accessibility.forms import DESCRIPTION_MAX_LENGTH, local_page
from accessibility.models import BarrierReport, ReportStatus
from munich_portal.core import ratelimit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/barriere-melden/"
OWN_HOSTS = {"testserver", "digitales.muenchen.de"}


def report(client, *, remote_addr="127.0.0.1", **data):
    """Post the form; the e-mails the outbox sends after commit are sent (in ``mail.outbox``)."""
    payload = {"description": "Der Knopf „Suchen“ ist mit der Tastatur nicht erreichbar."}
    payload.update(data)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(URL, payload, REMOTE_ADDR=remote_addr)


# --- happy path ---------------------------------------------------------------------------------


def test_valid_report_is_stored_with_a_one_month_deadline(client, settings):
    """A valid report is stored as new, with its answer due one calendar month after receipt."""
    response = report(client, page="/kontakt/", assistive_technology="NVDA mit Firefox")

    assert response.status_code == 302
    assert response["Location"] == "/barriere-melden/danke/"
    stored = BarrierReport.objects.get()
    assert stored.page == "/kontakt/"
    assert stored.description == "Der Knopf „Suchen“ ist mit der Tastatur nicht erreichbar."
    assert stored.assistive_technology == "NVDA mit Firefox"
    assert stored.status == ReportStatus.NEW
    assert stored.language == "de"
    assert stored.reporter is None
    # Calendar days in Munich: at 00:30 in Munich it is still yesterday in UTC.
    received = timezone.localdate(stored.received_at)
    assert stored.deadline > received
    assert (stored.deadline - received).days in range(28, 32)
    assert stored.deadline.day == received.day or received.day > 28


def test_officer_is_notified_with_a_link_but_without_text_or_contact(client, settings):
    """The officer's mail names page, deadline and the staff-area link; the report's text and
    the reporter's contact stay in the staff area, where reading them is logged."""
    settings.PORTAL_ACCESSIBILITY_EMAIL = "bf-test@muenchen.example"
    settings.SITE_URL = "https://digitales.muenchen.de"
    report(client, page="/kontakt/", name="Anna Huber", email="anna@example.org")

    stored = BarrierReport.objects.get()
    officer = mail.outbox[0]
    assert officer.to == ["bf-test@muenchen.example"]
    assert "/kontakt/" in officer.subject
    assert str(stored.pk) in officer.subject
    assert "https://digitales.muenchen.de/kontakt/" in officer.body
    assert (
        f"https://digitales.muenchen.de/admin/accessibility/barrierreport/{stored.pk}/change/"
        in officer.body
    )
    assert "Tastatur" not in officer.body
    assert "Anna Huber" not in officer.body
    assert "anna@example.org" not in officer.body
    assert officer.reply_to == []


def test_thank_you_page_promises_an_answer_within_one_month(client):
    """The page after sending says the city answers within one month."""
    response = client.get(report(client)["Location"])
    assert response.status_code == 200
    assert "within one month" in client.get("/en/barriere-melden/danke/").text


def test_reporter_with_email_gets_a_confirmation_without_their_text(client, settings):
    """With an e-mail address, the officer can reply to it and the reporter gets a confirmation.

    The confirmation does not repeat the free text or the name, so the form cannot be used to send
    arbitrary text to arbitrary addresses.
    """
    settings.PORTAL_ACCESSIBILITY_EMAIL = "bf-test@muenchen.example"
    response = report(
        client,
        page="/impressum/",
        email="anna@example.org",
        name="Anna Spam-Werbung",
        wants_accessible_format="on",
    )

    assert response.status_code == 302
    _officer, confirmation = mail.outbox
    assert BarrierReport.objects.get().name == "Anna Spam-Werbung"
    assert confirmation.to == ["anna@example.org"]
    assert confirmation.reply_to == ["bf-test@muenchen.example"]
    assert "/impressum/" in confirmation.body
    assert "Tastatur" not in confirmation.body
    assert "Spam-Werbung" not in confirmation.body


def test_report_without_page_is_accepted(client):
    """The page is optional: a barrier can be reported without knowing the address."""
    response = report(client, page="")
    assert response.status_code == 302
    assert BarrierReport.objects.get().page == ""
    assert len(mail.outbox) == 1


def test_english_report_still_reaches_the_officer(client):
    """A report sent from the English site works the same and names its language."""
    with TestCase.captureOnCommitCallbacks(execute=True):  # the outbox sends after commit
        response = client.post("/en/barriere-melden/", {"description": "Contrast too low."})
    assert response.status_code == 302
    assert response["Location"] == "/en/barriere-melden/danke/"
    stored = BarrierReport.objects.get()
    assert stored.description == "Contrast too low."
    assert stored.language == "en"
    assert ": en" in mail.outbox[0].body


def test_full_own_url_is_shortened_to_its_path(client, settings):
    """An address on the portal's own host (PORTAL_SITE_URL) is accepted and kept as the path."""
    settings.SITE_URL = "https://digitales.muenchen.de"
    response = report(client, page="https://digitales.muenchen.de/dienstleistungen/?q=ausweis")
    assert response.status_code == 302
    assert BarrierReport.objects.get().page == "/dienstleistungen/?q=ausweis"


# --- prefilling from ?seite= --------------------------------------------------------------------


def test_form_is_prefilled_with_a_local_page(client):
    response = client.get(URL, {"seite": "/kontakt/"})
    assert response.status_code == 200
    assert response.context["form"].initial["page"] == "/kontakt/"


@pytest.mark.parametrize(
    "foreign",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:///evil.example",
        "/kontakt/\nBcc: victim@example.org",
        "kontakt",
    ],
)
def test_foreign_or_odd_prefill_is_dropped(client, foreign):
    """?seite= with another host, scheme or control characters leaves the field empty."""
    response = client.get(URL, {"seite": foreign})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["page"] == ""
    assert "value=" not in str(form["page"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/kontakt/", "/kontakt/"),
        ("/en/kontakt/", "/en/kontakt/"),
        ("https://digitales.muenchen.de/impressum/", "/impressum/"),
        ("http://testserver/impressum/#x", "/impressum/"),
        ("https://digitales.muenchen.de.evil.example/", None),
        ("https://evil.example@digitales.muenchen.de/", None),
        ("ftp://digitales.muenchen.de/", None),
        ("/" + "a" * 600, None),
    ],
)
def test_local_page_accepts_only_paths_on_this_portal(value, expected):
    assert local_page(value, allowed_hosts=OWN_HOSTS) == expected


# --- validation ---------------------------------------------------------------------------------


def test_missing_description_shows_error_summary_and_keeps_values(client):
    """Without a description nothing is sent; the form shows the error and keeps the input."""
    response = client.post(
        "/en/barriere-melden/",
        {"page": "/kontakt/", "description": "", "assistive_technology": "ZoomText"},
    )
    assert response.status_code == 200
    assert mail.outbox == []
    assert not BarrierReport.objects.exists()
    assert "description" in response.context["form"].errors
    assert 'class="error-summary"' in response.text
    assert 'href="#id_description"' in response.text
    assert 'value="/kontakt/"' in response.text
    assert 'value="ZoomText"' in response.text


def test_foreign_page_on_post_is_rejected_with_a_field_error(client):
    """A foreign address in the page field is an error; nothing is sent, the text is kept."""
    response = report(client, page="https://evil.example/x")
    assert response.status_code == 200
    assert mail.outbox == []
    assert response.context["form"].errors["page"]
    assert "Tastatur nicht erreichbar" in response.text


def test_oversized_description_is_a_validation_error_and_nothing_is_lost(client):
    """Text over the limit gets a clear error (no 500), and all of it is shown again."""
    text = "x" * (DESCRIPTION_MAX_LENGTH + 1) + "ENDE"
    response = report(client, description=text)
    assert response.status_code == 200
    assert mail.outbox == []
    assert response.context["form"].errors["description"]
    assert text in response.text


def test_description_textarea_has_no_maxlength_that_would_cut_pasted_text(client):
    """Browsers cut pasted text silently at maxlength; the server check says so instead."""
    form = client.get(URL).context["form"]
    assert "maxlength" not in form["description"].as_widget()


def test_nul_byte_is_a_validation_error(client):
    """A NUL character is refused by the form, before it could reach mail or database."""
    response = report(client, description="Text mit \x00 Nullzeichen")
    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    assert mail.outbox == []


def test_accessible_format_without_email_asks_for_the_address(client):
    """Asking for content in an accessible form needs a way to send it: the e-mail address."""
    response = report(client, wants_accessible_format="on")
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mail.outbox == []


def test_invalid_email_is_a_field_error(client):
    response = report(client, email="not an address")
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mail.outbox == []


def test_put_is_not_allowed(client):
    assert client.put(URL).status_code == 405


# --- rate limit ---------------------------------------------------------------------------------


def test_sixth_report_within_ten_minutes_is_refused_and_keeps_the_text(client):
    """Five reports per client address per ten minutes; the sixth shows a clear form error."""
    for number in range(actions.REPORT_LIMIT):
        assert report(client, description=f"Bericht {number}").status_code == 302
    assert len(mail.outbox) == actions.REPORT_LIMIT

    response = report(client, description="Der sechste Bericht bleibt erhalten.")

    assert response.status_code == 429
    assert len(mail.outbox) == actions.REPORT_LIMIT
    assert BarrierReport.objects.count() == actions.REPORT_LIMIT
    assert response.context["form"].non_field_errors()
    assert 'class="error-summary"' in response.text
    assert "Der sechste Bericht bleibt erhalten." in response.text


def test_rate_limit_is_per_client_address(client):
    """Another client address still gets through when one is used up."""
    for _ in range(actions.REPORT_LIMIT):
        assert report(client, remote_addr="192.0.2.1").status_code == 302
    assert report(client, remote_addr="192.0.2.1").status_code == 429
    assert report(client, remote_addr="192.0.2.2").status_code == 302


def test_rate_limit_window_slides(monkeypatch, client):
    """Reports older than ten minutes no longer count."""
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    for _ in range(actions.REPORT_LIMIT):
        assert report(client).status_code == 302
    assert report(client).status_code == 429
    now[0] += actions.REPORT_PERIOD.total_seconds() + 1
    assert report(client).status_code == 302


def test_invalid_posts_do_not_use_up_the_limit(client):
    """Only reports that are sent count; correcting a form several times is never blocked."""
    for _ in range(actions.REPORT_LIMIT + 2):
        assert report(client, description="").status_code == 200
    assert report(client).status_code == 302


def test_the_limiter_holds_no_ip_address(client):
    """The counter key is a keyed hash, not the client's IP address."""
    from munich_portal.core.models import RateLimitWindow

    report(client, remote_addr="198.51.100.77")
    keys = list(RateLimitWindow.objects.values_list("key", flat=True))
    assert keys == [ratelimit.client_key("198.51.100.77", "accessibility.report")]
    assert not any("198.51.100.77" in key for key in keys)


# --- mail server down ---------------------------------------------------------------------------


def test_unreachable_mail_server_still_stores_the_report(client, monkeypatch):
    """When no mail can be sent, the report is stored anyway (the officer's worklist shows it),
    the reporter gets the thank-you page, and both e-mails wait in the outbox to be sent again
    later — no error page."""
    from munich_portal.messaging.models import EmailStatus, OutgoingEmail

    def fail(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    response = report(client, description="Wichtiger Hinweis zur Seite.", email="a@example.org")
    assert response.status_code == 302
    assert BarrierReport.objects.get().description == "Wichtiger Hinweis zur Seite."
    assert sorted(OutgoingEmail.objects.values_list("kind", "status")) == [
        ("accessibility.report_confirmation", EmailStatus.QUEUED),
        ("accessibility.report_to_officer", EmailStatus.QUEUED),
    ]


# --- logged-in reporters ------------------------------------------------------------------------


def test_logged_in_resident_is_linked_and_the_confirmation_is_a_data_use_event(client):
    """A resident's report is linked to their account (Meine Daten shows it), and the e-mail
    confirmation sent to them is logged as a ``send`` of their data by the system."""
    from munich_portal.audit.actions import pseudonym_for
    from munich_portal.audit.models import DataUseEvent

    resident = UserFactory(email="lena@example.org")
    client.force_login(resident)
    response = report(client, email="lena@example.org")

    assert response.status_code == 302
    stored = BarrierReport.objects.get()
    assert stored.reporter == resident
    event = DataUseEvent.objects.get(subject_pseudonym=pseudonym_for(resident))
    assert event.action == "send"
    assert event.purpose == "barrier_reports"
    # Written by the outbox when the relay accepted the e-mail, about the e-mail of the report.
    email = stored.emails.get(kind="accessibility.report_confirmation")
    assert event.record_type == "messaging.outgoingemail"
    assert event.record_id == str(email.pk)
    assert event.actor_pseudonym == "system"


def test_phone_number_is_stored_for_a_call_back(client):
    """A reporter may leave a phone number instead of an e-mail address."""
    assert report(client, phone="089 123456").status_code == 302
    assert BarrierReport.objects.get().phone == "089 123456"
