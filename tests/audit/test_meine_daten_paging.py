"""Meine Daten for a resident with many records (issue 17, round 2): the overview counts the
records of each kind in one query and links to them; each kind, the changes and the records made
without logging in have pages of their own (``?seite=``); the queries do not grow with the
records, and a resident only ever sees their own rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.domains.audit import ensure_resident_records
from munich_portal.accounts.models import EidLogin, User
from munich_portal.audit.actions import pseudonym_for
from munich_portal.audit.models import DataUseEvent
from munich_portal.messaging.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EMAILS = "messaging.outgoingemail"
EMAILS_PAGE = f"/meine-daten/daten/{EMAILS}/"
#: The overview's and a kind's page's queries in the tests (session, user, the own use's write,
#: the counts, one page of rows, the display preferences...), whatever the number of records.
MAX_QUERIES = 12


def resident_with(records: int, *, uses: int = 3, email: str = "viele.daten@example.org"):
    """A resident with ``records`` records (60 % e-mails, 40 % eID sign-ins) and ``uses`` uses."""
    ensure_resident_records(email, records=records, uses=uses)
    return User.objects.get(email=email)


def shown_pks(response) -> list:
    (group,) = response.context["records"]
    return [record.pk for record in group.records]


# --- The overview ---------------------------------------------------------------------------------


def test_the_overview_counts_each_kind_and_links_to_its_page(client):
    """Counts and links, in English and German; no record itself is rendered on the overview."""
    user = resident_with(45)
    client.force_login(user)

    english = client.get("/en/meine-daten/")
    german = client.get("/meine-daten/").content.decode()

    counts = english.context["counts"]
    assert {group.label: group.count for group in counts.groups}[EMAILS] == 27
    assert {group.label: group.count for group in counts.groups}["accounts.eidlogin"] == 18
    text = english.content.decode()
    assert f"We hold {counts.total} records about you in this portal." in text
    assert f'<a href="/en{EMAILS_PAGE}">E-mails (outbox)</a>: 27 records' in text
    assert 'href="/en/meine-daten/aenderungen/"' in text
    assert 'href="/en/meine-daten/ohne-konto/"' in text
    assert "data-record" not in text
    assert f"Wir speichern {counts.total} Datensätze über Sie in diesem Portal." in german
    assert f'<a href="{EMAILS_PAGE}">E-Mails (Postausgang)</a>: 27 Datensätze' in german


def test_the_overview_counts_only_the_residents_own_records(client):
    mine = resident_with(10)
    resident_with(30, email="andere.person@example.org")
    client.force_login(mine)
    counts = client.get("/meine-daten/").context["counts"]
    assert {group.label: group.count for group in counts.groups}[EMAILS] == 6
    assert counts.uses == DataUseEvent.objects.filter(subject_pseudonym=pseudonym_for(mine)).count()


@pytest.mark.parametrize(("seite", "number"), [("abc", 1), ("0", 1), ("2", 2), ("999", 2)])
def test_the_uses_page_of_the_overview_never_fails(client, seite, number):
    """Not a number: page 1; past the last: the last page (as before issue 17, round 2)."""
    user = resident_with(5, uses=25)
    client.force_login(user)
    response = client.get("/meine-daten/", {"seite": seite})
    assert response.status_code == 200
    assert response.context["page"].number == number


# --- One kind of record ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "number", "shown"),
    [
        ({}, 1, 20),
        ({"seite": "1"}, 1, 20),
        ({"seite": "2"}, 2, 7),
        ({"seite": "abc"}, 1, 20),
        ({"seite": "0"}, 1, 20),
        ({"seite": "-3"}, 1, 20),
        ({"seite": "1.5"}, 1, 20),
    ],
)
def test_a_kind_is_paged_by_twenty_and_a_bad_page_is_page_one(client, query, number, shown):
    client.force_login(resident_with(45))
    response = client.get(EMAILS_PAGE, query)
    assert response.status_code == 200
    assert response.context["page"].number == number
    assert len(shown_pks(response)) == shown


@pytest.mark.parametrize("seite", ["3", "99999999999999999999"])
def test_a_page_past_the_last_is_404(client, seite):
    client.force_login(resident_with(45))
    assert client.get(EMAILS_PAGE, {"seite": seite}).status_code == 404


def test_the_pages_show_the_newest_first_and_every_record_once(client):
    user = resident_with(45)
    client.force_login(user)
    first = client.get("/en" + EMAILS_PAGE)
    second = client.get("/en" + EMAILS_PAGE, {"seite": 2})
    newest_first = OutgoingEmail.objects.filter(recipient=user).order_by("-pk")
    assert shown_pks(first) + shown_pks(second) == list(newest_first.values_list("pk", flat=True))
    text = " ".join(first.content.decode().split())
    assert "We hold 27 records of this kind about you, newest first. Showing 1 to 20." in text
    assert 'href="?seite=2" rel="next"' in text and 'rel="prev"' not in text
    assert 'href="?seite=1" rel="prev"' in second.content.decode()


def test_a_kind_shows_only_the_residents_own_rows(client):
    mine = resident_with(10)
    other = resident_with(30, email="andere.person@example.org")
    client.force_login(mine)
    response = client.get(EMAILS_PAGE)
    assert set(shown_pks(response)) == set(
        OutgoingEmail.objects.filter(recipient=mine).values_list("pk", flat=True)
    )
    assert response.context["page"].paginator.count == 6
    assert other.email not in response.content.decode()


@pytest.mark.parametrize("label", ["gibt.es-nicht", "MESSAGING.OUTGOINGEMAIL", "messaging"])
def test_an_unknown_kind_is_404(client, label):
    client.force_login(UserFactory())
    assert client.get(f"/meine-daten/daten/{label}/").status_code == 404


def test_a_kind_without_rows_says_so(client):
    client.force_login(UserFactory())
    response = client.get("/en" + EMAILS_PAGE)
    assert response.status_code == 200
    assert "We hold no records of this kind about you." in response.content.decode()


def test_reading_a_kind_is_logged_and_described(client):
    user = resident_with(5)
    client.force_login(user)
    client.get(EMAILS_PAGE)
    event = DataUseEvent.objects.filter(subject_pseudonym=pseudonym_for(user)).latest("seq")
    assert (event.actor_pseudonym, event.purpose) == ("self", "data_subject_rights")
    assert event.details == {"view": "meine_daten_records", "record_kind": EMAILS}
    assert "A page of your records (Meine Daten): viewed" in client.get("/en/meine-daten/").text


# --- The changes ----------------------------------------------------------------------------------


def test_the_changes_are_paged_by_fifty(client):
    user = resident_with(150)  # 60 sign-ins, each with its creation in the history
    client.force_login(user)
    first = client.get("/en/meine-daten/aenderungen/")
    second = client.get("/en/meine-daten/aenderungen/", {"seite": 2})
    total = first.context["page"].paginator.count
    assert total >= EidLogin.objects.filter(user=user).count() > 50
    assert len(first.context["history"]) == 50
    assert len(second.context["history"]) == total - 50
    assert f"Showing changes 1 to 50 of {total}." in first.content.decode()
    assert client.get("/meine-daten/aenderungen/", {"seite": "x"}).context["page"].number == 1
    assert client.get("/meine-daten/aenderungen/", {"seite": 3}).status_code == 404


# --- Queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/meine-daten/", "/meine-daten/?seite=2", EMAILS_PAGE])
def test_the_queries_do_not_grow_with_the_records(client, django_assert_max_num_queries, path):
    """5 records and 5 uses or 200 records and 200 uses: the same queries."""
    few = resident_with(5, uses=45, email="wenige.daten@example.org")
    many = resident_with(200, uses=200, email="viele.daten@example.org")
    counted = []
    for user in (few, many):
        client.force_login(user)
        client.get(path)  # a first visit makes the pseudonym
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counted.append(len(queries))
    assert counted[0] == counted[1]
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(path)
