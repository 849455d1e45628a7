"""The service-first page /dienstleistungen/<slug>/termin/: what it shows, bad input, its page
cache (correct the moment a slot is taken, also by another connection), the preselection in the
booking flow, and "Termin vereinbaren" on the service page and its office cards."""

import re

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext

from appointments import finder
from appointments.models import Slot
from munich_portal.core.models import Stadtbezirk
from tests.appointments.factories import AppointmentTypeFactory, SlotFactory, in_days
from tests.appointments.helpers import book_from_another_connection, count_calls, hold_the_minute
from tests.factories import UserFactory
from tests.services.factories import OfficeFactory, ServiceFactory

pytestmark = pytest.mark.django_db

PAGE = "/dienstleistungen/reisepass/termin/"


@pytest.fixture
def passport():
    return build_passport()


def build_passport():
    district = Stadtbezirk.objects.create(number=5, name="Au-Haidhausen", slug="au-haidhausen")
    service = ServiceFactory(slug="reisepass", name_de="Reisepass beantragen")
    step_free = AppointmentTypeFactory(
        office=OfficeFactory(
            slug="ost", name_de="Bürgerbüro Ost", stadtbezirk=district, step_free_entrance=True,
            lift=False, accessible_toilet=True, induction_loop=True,
        ),
        name_de="Ausweis und Pass",
    )  # fmt: skip
    steps = AppointmentTypeFactory(
        office=OfficeFactory(
            slug="mitte", name_de="Bürgerbüro Mitte", step_free_entrance=False, lift=None,
            accessible_toilet=None, induction_loop=None,
        ),
        name_de="Pass",
    )  # fmt: skip
    for appointment_type in (step_free, steps):
        appointment_type.services.add(service)
    return {
        "service": service,
        "district": district,
        "step_free": step_free,
        "steps": steps,
        "ost_early": SlotFactory(appointment_type=step_free, starts_at=in_days(2, 9), capacity=1),
        "ost_late": SlotFactory(appointment_type=step_free, starts_at=in_days(2, 15)),
        "mitte": SlotFactory(appointment_type=steps, starts_at=in_days(1, 8)),
    }


def time_links(html):
    return re.findall(r'href="(/dienststellen/[^"]+&amp;zeit=[^"]+)"', html)


def test_the_page_lists_the_earliest_times_by_day_and_office(client, passport):
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Termin vereinbaren: Reisepass beantragen" in html
    first, second, third = time_links(html)
    service, mitte = passport["service"], passport["mitte"]
    day = f"{mitte.starts_at.date():%Y-%m-%d}"
    assert first == (
        f"/dienststellen/mitte/termin/?art={passport['steps'].pk}&amp;tag={day}"
        f"&amp;zeit={mitte.pk}&amp;leistung={service.pk}"
    )
    assert f"zeit={passport['ost_early'].pk}&amp;" in second
    assert f"zeit={passport['ost_late'].pk}&amp;" in third
    assert html.index("Bürgerbüro Mitte") < html.index("Bürgerbüro Ost")
    assert 'href="/dienststellen/ost/"' in html
    assert "Stadtbezirk 5, Au-Haidhausen" in html
    ost = html[html.index("Bürgerbüro Ost") :]
    for word in ("Stufenloser Eingang", "Barrierefreie Toilette", "Induktionsschleife"):
        assert word in ost
    assert '<span class="tag">Aufzug</span>' not in html


def test_the_filters_narrow_the_list_and_the_waiting_list_gets_them(client, passport):
    html = client.get(f"{PAGE}?stufenlos=on&tageszeit=nachmittag").content.decode()
    assert [f"zeit={passport['ost_late'].pk}&amp;" in link for link in time_links(html)] == [True]
    html = client.get(
        f"{PAGE}?bezirk={passport['district'].pk}&aufzug=on&wc=on&tageszeit=vormittag"
    ).content.decode()
    assert time_links(html) == []
    assert "Keine freien Termine mit diesen Filtern." in html
    assert f'href="{PAGE}"' in html  # widen: every office and time
    assert (
        f'href="{PAGE}warteliste/?bezirk={passport["district"].pk}&amp;aufzug=on&amp;wc=on"' in html
    )


def test_more_offices_on_a_day_link_to_that_day_with_the_filters(client, passport):
    for n in range(5):
        appointment_type = AppointmentTypeFactory(office=OfficeFactory(slug=f"weitere-{n}"))
        appointment_type.services.add(passport["service"])
        SlotFactory(appointment_type=appointment_type, starts_at=in_days(2, 7))
    html = client.get(f"{PAGE}?stufenlos=on").content.decode()
    day = f"{in_days(2, 7).date():%Y-%m-%d}"
    assert "1 weitere Dienststelle mit freien Terminen an diesem Tag" in html
    day_url = f"{PAGE}?stufenlos=on&amp;tag={day}"
    assert f'href="{day_url}"' in html
    html = client.get(day_url.replace("&amp;", "&")).content.decode()
    assert "/dienststellen/ost/termin/" in html
    assert "Die nächsten Tage anzeigen" in html
    assert {link.split("tag=")[1][:10] for link in time_links(html)} == {day}


def test_nothing_free_at_all_says_so_and_offers_the_waiting_list(client, passport):
    Slot.objects.update(taken=1, capacity=1)
    html = client.get(PAGE).content.decode()
    assert time_links(html) == []
    assert "Alle Termine für diese Leistung sind zurzeit vergeben." in html
    assert f'href="{PAGE}warteliste/"' in html


def test_english(client, passport):
    html = client.get(f"/en{PAGE}").content.decode()
    assert "Make an appointment: " in html
    assert time_links(html) == []  # English links carry the /en/ prefix
    assert "/en/dienststellen/mitte/termin/?art=" in html


@pytest.mark.parametrize(
    "query",
    [
        "?bezirk=abc&tageszeit=x&stufenlos=zzz",
        "?bezirk=99999999999999999999&tageszeit=%00",
        "?bezirk=1&bezirk=%00&tageszeit=vormittag&tageszeit=morgens",
        "?aufzug=" + "x" * 5000,
        "?tageszeit=%C3%BC%F0%9F%98%80",
    ],
)
def test_bad_query_values_never_fail(client, passport, query):
    response = client.get(PAGE + query)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "Filter" in html or "Termin" in html
    if response.status_code == 400:
        assert 'class="error-summary"' in html
        assert "Fehler:" in html


def test_an_invalid_filter_is_named_next_to_the_field_and_the_rest_still_filters(client, passport):
    response = client.get(f"{PAGE}?bezirk=abc&tageszeit=x&stufenlos=zzz")
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Wählen Sie einen Stadtbezirk aus der Liste.") == 2  # summary and field
    assert "Wählen Sie eine Tageszeit aus der Liste." in html
    # stufenlos=zzz counts as ticked: only the step-free office's times.
    assert all("/dienststellen/ost/" in link for link in time_links(html))
    assert len(time_links(html)) == 2


def test_unknown_and_draft_services_are_not_found(client, passport):
    assert client.get("/dienstleistungen/gibt-es-nicht/termin/").status_code == 404
    ServiceFactory(slug="entwurf", status="draft")
    assert client.get("/dienstleistungen/entwurf/termin/").status_code == 404
    assert client.post(PAGE).status_code == 405


def test_the_page_extends_a_lagging_horizon_without_a_query_per_type(client, passport):
    from appointments.models import AppointmentType

    AppointmentType.objects.filter(pk=passport["steps"].pk).update(slots_generated_until=None)
    with CaptureQueriesContext(connection) as lagging:
        client.get(PAGE + "?x=1")
    AppointmentType.objects.filter(pk=passport["steps"].pk).update(slots_generated_until=None)
    passport["steps"].refresh_from_db()
    with CaptureQueriesContext(connection) as current:
        client.get(PAGE + "?x=2")
    assert passport["steps"].__class__.objects.get(pk=passport["steps"].pk).slots_generated_until
    assert len(current) <= len(lagging)


# --- the page cache -----------------------------------------------------------------------------
def _count_renders(monkeypatch):
    hold_the_minute(monkeypatch)
    return count_calls(monkeypatch, finder, "earliest_times")


@pytest.mark.django_db(transaction=True)
def test_a_time_taken_by_another_process_is_gone_from_the_cached_page(monkeypatch, token_source):
    renders = _count_renders(monkeypatch)
    data = _passport_without_fixture_db()
    client = Client()
    url = f"{PAGE}?stufenlos=on"
    first = client.get(url).content.decode()
    assert client.get(url).content.decode() == first
    assert len(renders) == 1  # the second was served from the cache
    earliest = time_links(first)[0]
    assert f"zeit={data['ost_early'].pk}&amp;" in earliest
    book_from_another_connection(data["ost_early"].pk)
    again = client.get(url).content.decode()
    assert len(renders) == 2
    assert earliest not in again
    assert f"zeit={data['ost_late'].pk}&amp;" in time_links(again)[0]


@pytest.mark.django_db(transaction=True)
def test_a_time_booked_through_the_booking_form_is_gone_from_the_cached_page(
    monkeypatch, token_source
):
    renders = _count_renders(monkeypatch)
    data = _passport_without_fixture_db()
    reader, booker = Client(), Client()
    url = f"{PAGE}?stufenlos=on"
    earliest = time_links(reader.get(url).content.decode())[0]
    reader.get(url)
    assert len(renders) == 1
    form_url = earliest.replace("&amp;", "&")
    response = booker.post(
        form_url,
        {"slot": data["ost_early"].pk, "service": data["service"].pk, "name": "Anna Huber",
         "email": "anna@example.org"},
    )  # fmt: skip
    assert response.status_code == 302
    again = reader.get(url).content.decode()
    assert len(renders) == 2
    assert earliest not in again


@pytest.mark.django_db(transaction=True)
def test_a_freed_place_shows_again_and_a_new_slot_too(monkeypatch, token_source):
    renders = _count_renders(monkeypatch)
    data = _passport_without_fixture_db()
    client = Client()
    Slot.objects.filter(pk=data["ost_early"].pk).update(taken=1)
    assert f"zeit={data['ost_early'].pk}&amp;" not in client.get(PAGE).content.decode()
    Slot.objects.filter(pk=data["ost_early"].pk).update(taken=0)
    assert f"zeit={data['ost_early'].pk}&amp;" in client.get(PAGE).content.decode()
    new = SlotFactory(appointment_type=data["steps"], starts_at=in_days(1, 7))
    assert f"zeit={new.pk}&amp;" in client.get(PAGE).content.decode()
    client.get(PAGE)
    assert len(renders) == 3


@pytest.mark.django_db(transaction=True)
def test_the_cached_page_varies_by_language(monkeypatch, token_source):
    renders = _count_renders(monkeypatch)
    _passport_without_fixture_db()
    client = Client()
    german = client.get(PAGE).content.decode()
    english = client.get(f"/en{PAGE}").content.decode()
    assert 'lang="de"' in german and "Termin vereinbaren" in german
    assert 'lang="en"' in english and "Make an appointment" in english
    assert client.get(f"/en{PAGE}").content.decode() == english
    assert client.get(PAGE).content.decode() == german
    assert len(renders) == 2


# --- the fragments: the page for logged-in residents and visitors with a cookie ------------------
def _csrf_token(html):
    """The CSRF token of the page's log-out form."""
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.django_db(transaction=True)
def test_residents_share_the_times_but_each_gets_their_own_layout(monkeypatch, token_source):
    renders = _count_renders(monkeypatch)
    _passport_without_fixture_db()
    url = f"{PAGE}?stufenlos=on"
    anonymous = Client().get(url).content.decode()
    anna, bert = Client(), Client()
    anna.force_login(UserFactory(full_name="Anna Amsel"))
    bert.force_login(UserFactory(full_name="Bert Buntspecht"))
    anna_page, bert_page = anna.get(url).content.decode(), bert.get(url).content.decode()
    assert len(renders) == 1  # the residents' pages took the times from the fragments
    assert time_links(anonymous) == time_links(anna_page) == time_links(bert_page)
    assert "Abmelden" not in anonymous and "csrfmiddlewaretoken" not in anonymous
    assert "Abmelden" in anna_page and "Abmelden" in bert_page
    # Each page carries its own visitor's CSRF token (the layout's, outside the fragments).
    for client, page in ((anna, anna_page), (bert, bert_page)):
        assert _unmask_cipher_token(_csrf_token(page)) == client.cookies["csrftoken"].value
    assert anna.cookies["csrftoken"].value != bert.cookies["csrftoken"].value


@pytest.mark.django_db(transaction=True)
def test_a_time_booked_by_one_resident_is_gone_for_another_at_once(monkeypatch, token_source):
    renders = _count_renders(monkeypatch)
    data = _passport_without_fixture_db()
    reader, booker = Client(), Client()
    reader.force_login(UserFactory())
    booker.force_login(UserFactory(full_name="Anna Amsel"))
    url = f"{PAGE}?stufenlos=on"
    earliest = time_links(reader.get(url).content.decode())[0]
    assert f"zeit={data['ost_early'].pk}&amp;" in earliest
    reader.get(url)
    assert len(renders) == 1
    response = booker.post(
        earliest.replace("&amp;", "&"),
        {"slot": data["ost_early"].pk, "service": data["service"].pk, "name": "Anna Amsel"},
    )
    assert response.status_code == 302
    again = reader.get(url).content.decode()
    assert len(renders) == 2
    assert earliest not in again and "Anna Amsel" not in again


@pytest.mark.django_db(transaction=True)
def test_a_time_taken_by_another_process_is_gone_for_a_resident(monkeypatch, token_source):
    renders = _count_renders(monkeypatch)
    data = _passport_without_fixture_db()
    client = Client()
    client.force_login(UserFactory())
    client.cookies["messages"] = "x"  # no page cache at all: only the fragments
    url = f"{PAGE}?stufenlos=on"
    first = time_links(client.get(url).content.decode())
    assert time_links(client.get(url).content.decode()) == first
    assert len(renders) == 1
    assert f"zeit={data['ost_early'].pk}&amp;" in first[0]
    book_from_another_connection(data["ost_early"].pk)
    again = time_links(client.get(url).content.decode())
    assert len(renders) == 2
    assert first[0] not in again
    assert f"zeit={data['ost_late'].pk}&amp;" in again[0]


@pytest.mark.django_db(transaction=True)
def test_the_fragments_vary_by_language_display_settings_and_filters(monkeypatch, token_source):
    renders = _count_renders(monkeypatch)
    _passport_without_fixture_db()
    client = Client()
    client.force_login(UserFactory())
    german = client.get(PAGE).content.decode()
    english = client.get(f"/en{PAGE}").content.decode()
    filtered = client.get(f"{PAGE}?stufenlos=on").content.decode()
    assert len(renders) == 3
    assert "Termin vereinbaren" in german and "Make an appointment" in english
    assert len(time_links(filtered)) == 2 and len(time_links(german)) == 3
    client.cookies["portal_display"] = "contrast:high"
    client.get(PAGE)
    assert len(renders) == 4
    client.cookies["portal_display"] = ""
    assert time_links(client.get(PAGE).content.decode()) == time_links(german)
    assert "Make an appointment" in client.get(f"/en{PAGE}").content.decode()
    assert len(renders) == 4


def test_an_invalid_filter_keeps_its_status_from_the_fragments(client, passport, settings):
    client.force_login(UserFactory())
    for _ in range(2):
        response = client.get(f"{PAGE}?bezirk=999")
        assert response.status_code == 400
        assert "<title>Fehler:" in response.content.decode()


def test_no_time_is_shown_that_starts_before_the_end_of_the_minute(client, monkeypatch, passport):
    import datetime as dt

    from django.utils import timezone

    now = timezone.now().replace(second=10, microsecond=0) + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: now)
    end_of_minute = now.replace(second=0) + dt.timedelta(minutes=1)
    at_the_end = SlotFactory(appointment_type=passport["steps"], starts_at=end_of_minute)
    after = SlotFactory(
        appointment_type=passport["steps"], starts_at=end_of_minute + dt.timedelta(minutes=20)
    )
    client.force_login(UserFactory())
    response = client.get(PAGE)
    html = response.content.decode()
    assert f"zeit={at_the_end.pk}&amp;" not in html
    assert f"zeit={after.pk}&amp;" in time_links(html)[0]


def _passport_without_fixture_db():
    from munich_portal.core import page_cache
    from services.selectors import catalogue_token

    page_cache.clear()
    catalogue_token.forget()
    return build_passport()


# --- the booking flow's preselection ------------------------------------------------------------
def test_the_details_step_preselects_the_time_and_the_service(client, passport):
    other = ServiceFactory(slug="personalausweis")
    passport["step_free"].services.add(other)
    link = time_links(client.get(f"{PAGE}?stufenlos=on").content.decode())[1]
    html = client.get(link.replace("&amp;", "&")).content.decode()
    late, service = passport["ost_late"], passport["service"]
    assert re.search(rf'<input[^>]*value="{late.pk}"[^>]*checked', html)
    assert re.search(rf'<input[^>]*value="{service.pk}"[^>]*checked', html)
    assert not re.search(rf'<input[^>]*value="{other.pk}"[^>]*checked', html)


def test_the_details_step_ignores_times_and_services_that_are_not_choices(client, passport):
    steps = passport["steps"]
    day = f"{passport['mitte'].starts_at.date():%Y-%m-%d}"
    foreign = ServiceFactory(slug="fremd")
    url = (
        f"/dienststellen/mitte/termin/?art={steps.pk}&tag={day}"
        f"&zeit={passport['ost_early'].pk}&leistung={foreign.pk}"
    )
    response = client.get(url)
    assert response.status_code == 200
    times = response.content.decode().split('name="slot"', 1)[1].split("</fieldset>")[0]
    assert "checked" not in times
    bad = url.replace(f"zeit={passport['ost_early'].pk}", "zeit=x%00")
    assert client.get(bad).status_code == 200


# --- "Termin vereinbaren" on the service page ---------------------------------------------------
def test_the_service_page_has_the_button_and_each_office_card_a_booking_link(client, passport):
    service = passport["service"]
    service.offices.add(passport["step_free"].office, passport["steps"].office)
    html = client.get("/dienstleistungen/reisepass/").content.decode()
    assert f'class="button" href="{PAGE}"' in html
    assert html.index(f'href="{PAGE}"') < html.index('id="contents-heading"')
    for appointment_type in (passport["step_free"], passport["steps"]):
        office = appointment_type.office
        assert (
            f'href="/dienststellen/{office.slug}/termin/?art={appointment_type.pk}'
            f'&amp;leistung={service.pk}"' in html
        )


def test_no_button_without_an_active_type(client, passport):
    ServiceFactory(slug="ohne-termin")
    assert "/termin/" not in client.get("/dienstleistungen/ohne-termin/").content.decode()
    passport["step_free"].__class__.objects.update(active=False)
    assert f'href="{PAGE}"' not in client.get("/dienstleistungen/reisepass/").content.decode()


def test_the_service_page_needs_one_query_for_all_offices(client, passport):
    service = passport["service"]
    service.offices.add(passport["step_free"].office)
    with CaptureQueriesContext(connection) as one:
        client.get("/dienstleistungen/reisepass/?a=1")
    for n in range(4):
        appointment_type = AppointmentTypeFactory(office=OfficeFactory(slug=f"weitere-{n}"))
        appointment_type.services.add(service)
        service.offices.add(appointment_type.office)
    with CaptureQueriesContext(connection) as five:
        html = client.get("/dienstleistungen/reisepass/?a=2").content.decode()
    assert html.count("leistung=") == 5
    assert len(one) == len(five)
