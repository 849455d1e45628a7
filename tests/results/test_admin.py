"""The staff area for results summaries, and the export link for organisers."""

import pytest
from django.test import Client

from results.models import ProcessResult
from tests.factories import UserFactory
from tests.results.factories import ProcessResultFactory, results_process

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@pytest.mark.parametrize(
    ("role", "export_link"), [("Veranstaltungsorganisation", True), ("Redaktion", False)]
)
def test_editors_and_organisers_list_the_results_summaries(role, export_link):
    result = ProcessResultFactory(process=results_process(slug="laim-ergebnisse"))
    client = _client(UserFactory(staff=True, roles=[role], mfa=True))
    html = client.get("/en/admin/results/processresult/").content.decode()
    assert "/en/beteiligung/laim-ergebnisse/ergebnisse/" in html
    assert ("/en/beteiligung/laim-ergebnisse/export/" in html) is export_link
    response = client.get(f"/en/admin/results/processresult/{result.pk}/change/")
    assert response.status_code == 200


def test_an_editor_writes_the_summary_and_it_is_shown():
    process = results_process(slug="pasing-ergebnisse")
    client = _client(UserFactory(staff=True, roles=["Redaktion"], mfa=True))
    response = client.post(
        "/en/admin/results/processresult/add/",
        {
            "process": process.pk,
            "summary_de": "Die Stadt setzt <b>fünf</b> Ideen um.",
            "summary_en": "",
        },
    )
    assert response.status_code == 302
    assert ProcessResult.objects.get(process=process).history.count() == 1
    html = Client().get("/beteiligung/pasing-ergebnisse/ergebnisse/").content.decode()
    assert "Die Stadt setzt &lt;b&gt;fünf&lt;/b&gt; Ideen um." in html


def test_organisers_see_the_export_link_on_the_results_page_and_residents_do_not():
    process = results_process(slug="giesing-ergebnisse")
    path = "/en/beteiligung/giesing-ergebnisse/ergebnisse/"
    organiser = UserFactory(staff=True, roles=["Veranstaltungsorganisation"], mfa=True)
    assert "/export/" in _client(organiser).get(path).content.decode()
    assert "/export/" not in _client(UserFactory()).get(path).content.decode()
    assert "/export/" not in Client().get(path).content.decode()
    assert process.pk
