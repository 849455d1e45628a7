"""The figures as open data: aggregates only, small counts withheld, no personal data."""

import csv
import io
import json

import pytest

from munich_portal.core.channels import Channel
from tests.factories import UserFactory
from tests.participation.factories import EventFactory, RegistrationFactory
from tests.results.factories import IdeaFactory, SupportFactory, results_process

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    process = results_process(slug="freiraum-ergebnisse")
    author = UserFactory(email="erika.mustermann@example.org", full_name="Erika Mustermann")
    for n in range(12):
        IdeaFactory(
            process=process,
            author=author,
            author_name="Erika Mustermann",
            contact_email="erika@example.org",
            channel=Channel.ONLINE if n < 9 else Channel.PAPER,
        )
    event = EventFactory(process=process)
    RegistrationFactory(event=event, first_name="Max", last_name="Geheim", channel=Channel.PHONE)
    return process


def _csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_process_csv_has_the_figures_with_small_counts_withheld(client, process):
    response = client.get(f"/beteiligung/{process.slug}/ergebnisse/statistik.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv_rows(response)
    total = next(
        row
        for row in rows
        if row["measure"] == "ideas" and row["district_number"] == "" and row["channel"] == ""
    )
    assert total["value"] == "12"
    paper = next(
        row
        for row in rows
        if row["measure"] == "ideas" and row["district_number"] == "" and row["channel"] == "paper"
    )
    assert paper["value"] == "" and paper["withheld"] == "small"
    online = next(
        row
        for row in rows
        if row["measure"] == "ideas" and row["district_number"] == "" and row["channel"] == "online"
    )
    # 12 - 3 would reveal the paper count: online is withheld as well.
    assert online["value"] == "" and online["withheld"] == "secondary"
    for row in rows:
        assert row["value"] == "" or int(row["value"]) == 0 or int(row["value"]) >= 5


def test_no_personal_data_is_in_the_files(client, process):
    for path in (
        f"/beteiligung/{process.slug}/ergebnisse/statistik.csv",
        f"/beteiligung/{process.slug}/ergebnisse/statistik.json",
        "/open-data/beteiligung/statistik.csv",
        "/open-data/beteiligung/statistik.json",
    ):
        text = client.get(path).content.decode()
        for personal in ("Mustermann", "erika", "Geheim", "Max"):
            assert personal not in text, (path, personal)


def test_the_json_file_names_licence_threshold_and_uses_null(client, process):
    data = json.loads(client.get("/open-data/beteiligung/statistik.json").content)
    assert data["threshold"] == 5
    assert data["licence"]["id"] == "dl-de/by-2-0"
    phone = next(
        record
        for record in data["records"]
        if record["process"] == process.slug
        and record["measure"] == "registrations"
        and record["channel"] == "phone"
        and record["district_number"] is None
    )
    assert phone["value"] is None and phone["withheld"] == "small"


def test_only_processes_in_their_results_phase_are_published(client, process):
    later = results_process(slug="noch-nicht", days_into_results=-3)
    SupportFactory(idea=IdeaFactory(process=later))
    text = client.get("/open-data/beteiligung/statistik.csv").content.decode()
    assert process.slug in text
    assert "noch-nicht" not in text
    assert client.get("/beteiligung/noch-nicht/ergebnisse/statistik.csv").status_code == 404
    assert client.get("/beteiligung/noch-nicht/ergebnisse/statistik.json").status_code == 404


def test_the_open_data_page_links_the_participation_files(client, process):
    html = client.get("/en/open-data/").content.decode()
    assert "/en/open-data/beteiligung/statistik.csv" in html
    assert "/en/open-data/beteiligung/statistik.json" in html
