"""The results page's fragments (issue 17): kept per participation version, which also changes
with every write to ideas, supports, comments and the city's summary; nothing of a person in them.

The tests run with PAGE_CACHE_VERSION_SECONDS=0 (the token is read on every request) and with the
page cache keeping nothing, so every request is rendered from fragments.
"""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ideas.models import Idea, IdeaStatus
from munich_portal.audit.actions import update_with_history
from participation.models import Phase
from results.models import ProcessResult
from tests.factories import UserFactory
from tests.results.factories import (
    IdeaFactory,
    ProcessResultFactory,
    SupportFactory,
    results_process,
)

pytestmark = pytest.mark.django_db

URL = "/en/beteiligung/hochhausstudie/ergebnisse/"


def main_html(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


def supports_cells(html: str) -> list[str]:
    row = re.search(r'<tr><th scope="row">Supports</th>(.*?)</tr>', html).group(1)
    return re.findall(r"<td>(.*?)</td>", row)


@pytest.fixture
def process():
    process = results_process(slug="hochhausstudie", title_en="High-rise study")
    ProcessResultFactory(process=process)
    IdeaFactory(process=process, title="Grüne Dächer", status=IdeaStatus.ACCEPTED)
    return process


def test_a_second_visit_runs_no_query(client, process, settings, django_assert_num_queries):
    settings.PAGE_CACHE_VERSION_SECONDS = 60  # as in production: the token is remembered
    first = main_html(client.get(URL))
    with django_assert_num_queries(0):
        second = main_html(client.get(URL))
    assert second == first


def test_writes_to_ideas_supports_and_the_summary_show_at_once(client, process):
    assert "Grüne Dächer" in main_html(client.get(URL))
    idea = IdeaFactory(process=process, title="Mehr Schatten", status=IdeaStatus.PARTLY_ACCEPTED)
    assert "Mehr Schatten" in main_html(client.get(URL))
    # Bulk writes send no signal: the database triggers change the token.
    update_with_history(Idea.objects.filter(pk=idea.pk), status=IdeaStatus.UNDER_REVIEW)
    assert "Mehr Schatten" not in main_html(client.get(URL))
    ProcessResult.objects.filter(process=process).update(summary_en="Fourteen ideas are built.")
    html = main_html(client.get(URL))
    assert "Fourteen ideas are built." in html and "120 ideas" not in html
    assert supports_cells(html)[0] == "0"
    SupportFactory(idea=Idea.objects.get(title="Grüne Dächer"))
    assert supports_cells(main_html(client.get(URL)))[0] == "&lt;5"


def test_results_published_by_a_phase_change_show_at_once(client):
    process = results_process(slug="spaeter", days_into_results=-10)
    url = "/en/beteiligung/spaeter/ergebnisse/"
    assert "will be published here from" in main_html(client.get(url))
    Phase.objects.filter(process=process, kind=Phase.Kind.RESULTS).update(
        starts_on=dt.date.today() - dt.timedelta(days=1)
    )
    assert "will be published here from" not in main_html(client.get(url))
    Phase.objects.filter(process=process, kind=Phase.Kind.RESULTS).delete()
    assert client.get(url).status_code == 404


def test_german_and_english_pages_get_their_own_fragments(client, process):
    for _round in range(2):
        german = main_html(client.get("/beteiligung/hochhausstudie/ergebnisse/"))
        english = main_html(client.get(URL))
        assert "Die Stadt hat 120 Ideen ausgewertet" in german
        assert "The city has evaluated 120 ideas" in english
        assert "Die Stadt hat 120 Ideen" not in english


def test_a_resident_s_results_page_does_not_read_permissions(process):
    """The staff link's permission is looked up for staff accounts only: a resident's page makes
    no query for permissions (two queries each request before)."""
    resident = Client()
    resident.force_login(UserFactory(email="resident@example.org"))
    resident.get(URL)
    with CaptureQueriesContext(connection) as queries:
        assert "The city has evaluated 120 ideas" in main_html(resident.get(URL))
    assert queries.captured_queries
    assert not [q for q in queries.captured_queries if "auth_permission" in q["sql"]]


def test_the_staff_link_is_shown_only_to_staff_with_the_permission(process):
    staff = UserFactory(email="auswertung@example.org", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="export_processresult"))
    staff_client, resident_client, guest = Client(), Client(), Client()
    staff_client.force_login(staff)
    resident_client.force_login(UserFactory(email="resident@example.org"))
    for _round in range(2):  # the second round is served from the fragments the first kept
        assert "Export ideas and comments" in main_html(staff_client.get(URL))
        for visitor in (resident_client, guest):
            html = main_html(visitor.get(URL))
            assert "Export ideas and comments" not in html
            assert "The city has evaluated 120 ideas" in html
