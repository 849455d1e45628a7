"""The booking page's first step (/dienststellen/<slug>/termin/, the office's types with their next
free day) from its fragment (issue 17): the same for everyone, each resident's own layout, a day
taken in another process gone at once, by language, and without the types' queries when kept."""

import re

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation

from munich_portal.core import page_cache
from munich_portal.core.timezone import MUNICH
from services.selectors import catalogue_token
from tests.appointments.factories import AppointmentTypeFactory, SlotFactory, in_days
from tests.appointments.helpers import book_from_another_connection, count_calls, hold_the_minute
from tests.factories import UserFactory
from tests.services.factories import OfficeFactory, ServiceFactory

PAGE = "/dienststellen/mitte/termin/"


@pytest.fixture(autouse=True)
def one_minute(monkeypatch):
    hold_the_minute(monkeypatch)


def build_office():
    page_cache.clear()
    catalogue_token.forget()
    office = OfficeFactory(slug="mitte", name_de="Bürgerbüro Mitte")
    passport = AppointmentTypeFactory(office=office, name_de="Reisepass", position=1)
    passport.services.add(ServiceFactory(slug="reisepass", name_de="Reisepass beantragen"))
    AppointmentTypeFactory(office=office, name_de="Meldewesen", position=2)
    return {
        "passport": passport,
        "first": SlotFactory(appointment_type=passport, starts_at=in_days(2, 9), capacity=1),
        "later": SlotFactory(appointment_type=passport, starts_at=in_days(5, 9), capacity=1),
    }


def next_free_day(html):
    return re.search(r"Nächster freier Tag: [^<]*", html).group(0)


def german_day(slot):
    with translation.override("de"):
        return formats.date_format(timezone.localtime(slot.starts_at, MUNICH), "DATE_FORMAT")


def _count_rows(monkeypatch):
    from appointments import selectors

    return count_calls(monkeypatch, selectors, "next_free_day")


@pytest.mark.django_db(transaction=True)
def test_residents_share_the_types_but_each_gets_their_own_layout(monkeypatch, token_source):
    calls = _count_rows(monkeypatch)
    data = build_office()
    anna, bert = Client(), Client()
    anna.force_login(UserFactory(full_name="Anna Amsel"))
    bert.force_login(UserFactory(full_name="Bert Buntspecht"))
    anna_page, bert_page = anna.get(PAGE).content.decode(), bert.get(PAGE).content.decode()
    assert len(calls) == 2  # once per type, for Anna's page; Bert's came from the fragment
    assert german_day(data["first"]) in next_free_day(anna_page) == next_free_day(bert_page)
    assert "Reisepass beantragen" in bert_page and "Meldewesen" in bert_page
    for client, page in ((anna, anna_page), (bert, bert_page)):
        assert (
            _unmask_cipher_token(
                re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            )
            == client.cookies["csrftoken"].value
        )
    assert "Abmelden" not in Client().get(PAGE).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_day_taken_in_another_process_is_gone_at_once(monkeypatch, token_source):
    calls = _count_rows(monkeypatch)
    data = build_office()
    client = Client()
    client.force_login(UserFactory())
    assert german_day(data["first"]) in next_free_day(client.get(PAGE).content.decode())
    client.get(PAGE)
    assert len(calls) == 2

    book_from_another_connection(data["first"].pk)
    again = next_free_day(client.get(PAGE).content.decode())
    assert german_day(data["first"]) not in again
    assert german_day(data["later"]) in again


@pytest.mark.django_db(transaction=True)
def test_the_fragment_varies_by_language(monkeypatch, token_source):
    calls = _count_rows(monkeypatch)
    build_office()
    client = Client()
    client.force_login(UserFactory())
    assert "Nächster freier Tag" in client.get(PAGE).content.decode()
    assert "Next free day" in client.get(f"/en{PAGE}").content.decode()
    assert "Nächster freier Tag" in client.get(PAGE).content.decode()
    assert len(calls) == 4


@pytest.mark.django_db
def test_a_kept_fragment_needs_one_query_for_the_office_and_its_types(client, settings):
    settings.APPOINTMENTS_LISTEN = False
    build_office()
    client.force_login(UserFactory())
    with CaptureQueriesContext(connection) as first:
        client.get(PAGE)
    with CaptureQueriesContext(connection) as kept:
        response = client.get(PAGE)
    assert response.status_code == 200
    # The session with its account and display preferences (one query since issue 17, round 2),
    # the office with its types, and the token: the catalogue's version (read on every request in
    # the tests) and the types' counters.
    assert len(kept) == 4, [query["sql"][:80] for query in kept.captured_queries]
    assert len(first) > len(kept)


@pytest.mark.django_db
def test_unknown_offices_and_offices_without_types_are_not_found(client):
    OfficeFactory(slug="leer")
    assert client.get("/dienststellen/leer/termin/").status_code == 404
    assert client.get("/dienststellen/gibt-es-nicht/termin/").status_code == 404
