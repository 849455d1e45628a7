"""Open data: the catalogue and the offices as CSV and JSON, published records only, cacheable."""

import csv
import io
import json

import pytest

from services.opendata import OFFICE_COLUMNS, SERVICE_COLUMNS
from tests.services.factories import OfficeFactory

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_open_data_page_documents_datasets_fields_and_licence(client, catalogue):
    html = client.get("/open-data/").content.decode()
    assert "dl-de/by-2-0" in html
    assert "Datenlizenz Deutschland" in html
    for path in [
        "/open-data/dienstleistungen.csv",
        "/open-data/dienstleistungen.json",
        "/open-data/dienststellen.csv",
        "/open-data/dienststellen.json",
    ]:
        assert f'href="{path}"' in html
    for name, _description in SERVICE_COLUMNS + OFFICE_COLUMNS:
        assert f"<code>{name}</code>" in html


def test_services_csv_has_a_header_and_published_services_only(client, catalogue):
    response = client.get("/open-data/dienstleistungen.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert list(rows[0]) == [name for name, _ in SERVICE_COLUMNS]
    slugs = {row["slug"] for row in rows}
    assert "wohnsitz-anmelden" in slugs
    assert "entwurf-dienstleistung" not in slugs
    assert len(rows) == 6
    row = next(row for row in rows if row["slug"] == "wohnsitz-anmelden")
    assert row["url"].endswith("/dienstleistungen/wohnsitz-anmelden/")
    assert row["life_situations"] == "umzug"
    assert row["offices"] == "buergerbuero-pasing|buergerbuero-ruppertstrasse"
    assert row["name_en"] == "Registering your address"


def test_services_json_is_valid_with_licence_and_lists(client, catalogue):
    response = client.get("/open-data/dienstleistungen.json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(body(response))
    assert data["licence"]["id"] == "dl-de/by-2-0"
    services = {service["slug"]: service for service in data["services"]}
    assert set(services) == {
        "wohnsitz-anmelden",
        "personalausweis-beantragen",
        "reisepass-beantragen",
        "fuehrerschein-umschreiben",
        "fahrzeug-zulassen",
        "wohnsitz-abmelden",
    }
    assert services["personalausweis-beantragen"]["topics"] == ["ausweise"]
    assert services["fahrzeug-zulassen"]["ozg_maturity"] == 3
    assert list(services["fahrzeug-zulassen"]) == [name for name, _ in SERVICE_COLUMNS]


def test_offices_csv_and_json(client, catalogue):
    OfficeFactory(slug="entwurf-amt", status="draft")
    rows = list(csv.DictReader(io.StringIO(body(client.get("/open-data/dienststellen.csv")))))
    assert {row["slug"] for row in rows} == {"buergerbuero-pasing", "buergerbuero-ruppertstrasse"}
    pasing = next(row for row in rows if row["slug"] == "buergerbuero-pasing")
    assert pasing["opening_hours"].startswith("Mo 07:30-12:00; Tu 07:30-12:00")
    assert pasing["step_free_entrance"] == "true"
    assert pasing["induction_loop"] == "false"
    assert pasing["disabled_parking"] == ""
    assert pasing["latitude"] == "48.123456"
    assert "exceptions" not in pasing
    data = json.loads(body(client.get("/open-data/dienststellen.json")))
    office = next(item for item in data["offices"] if item["slug"] == "buergerbuero-pasing")
    assert office["latitude"] == 48.123456
    assert office["disabled_parking"] is None
    assert office["exceptions"] == []


def test_open_data_is_cacheable_with_etag_and_last_modified(client, catalogue):
    """Clients may keep the files an hour and ask cheaply whether anything changed."""
    response = client.get("/open-data/dienstleistungen.csv")
    assert "max-age=3600" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    etag = response["ETag"]
    assert response["Last-Modified"]
    again = client.get("/open-data/dienstleistungen.csv", headers={"if-none-match": etag})
    assert again.status_code == 304
    since = client.get(
        "/open-data/dienstleistungen.csv",
        headers={"if-modified-since": response["Last-Modified"]},
    )
    assert since.status_code == 304


def test_etag_changes_when_the_catalogue_changes(client, catalogue):
    etag = client.get("/open-data/dienstleistungen.json")["ETag"]
    service = catalogue["services"]["pass"]
    service.name_de = "Reisepass neu beantragen"
    service.save()
    response = client.get("/open-data/dienstleistungen.json", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Reisepass neu beantragen" in body(response)


def test_each_dataset_has_its_own_etag(client, catalogue):
    etags = {
        client.get(path)["ETag"]
        for path in [
            "/open-data/dienstleistungen.csv",
            "/open-data/dienstleistungen.json",
            "/open-data/dienststellen.csv",
            "/open-data/dienststellen.json",
        ]
    }
    assert len(etags) == 4


def test_csv_cells_that_look_like_formulas_are_still_plain_values(client, catalogue):
    """Commas, quotes and line breaks survive the CSV round trip."""
    service = catalogue["services"]["kfz"]
    service.short_text_de = 'Zeile eins, mit "Zitat"\nZeile zwei'
    service.save()
    rows = list(csv.DictReader(io.StringIO(body(client.get("/open-data/dienstleistungen.csv")))))
    row = next(row for row in rows if row["slug"] == "fahrzeug-zulassen")
    assert row["short_text_de"] == 'Zeile eins, mit "Zitat"\nZeile zwei'
