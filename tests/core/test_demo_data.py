"""The demo data files under ``demo/``: every file is read by a loader, texts come through in both
languages, and the production packages hold no demo content."""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from munich_portal.portal.demo import data as demo_data
from munich_portal.portal.demo import demo_accounts, load_all, load_city_structure
from munich_portal.portal.demo.services import load_catalogue
from services.models import Office, Service


def _files() -> set[str]:
    root = demo_data.demo_dir()
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def test_the_demo_folder_holds_yaml_files_of_plain_data():
    files = _files()
    assert "services/catalogue-buerger.yaml" in files
    for name in files:
        assert name.endswith(".yaml"), f"demo/{name}: only YAML files belong in demo/"
        # safe_load accepts no Python tags: the files are data, not code.
        with (demo_data.demo_dir() / name).open(encoding="utf-8") as file:
            assert yaml.safe_load(file), f"demo/{name} is empty"


@pytest.mark.django_db
def test_loaddemo_reads_every_file_under_demo(monkeypatch):
    """A file that no loader reads would be content that never reaches the portal."""
    monkeypatch.setattr(demo_data, "READ_FILES", set())
    load_all()
    assert _files() == demo_data.READ_FILES


@pytest.mark.django_db
def test_a_service_comes_through_in_german_and_english():
    load_city_structure()
    load_catalogue()
    service = Service.objects.get(slug="wohnsitz-anmelden")
    assert service.name_de == "Wohnsitz anmelden"
    assert service.name_en == "Register your address"
    assert service.short_text_de == (
        "Wenn Sie nach München ziehen, müssen Sie sich innerhalb von zwei Wochen anmelden."
    )
    assert service.short_text_en == (
        "If you move to Munich, you must register your address within two weeks."
    )
    # A block scalar keeps its lines (one document a line) and gains no trailing newline.
    assert service.required_documents_de.splitlines()[1] == (
        "Wohnungsgeberbestätigung (vom Vermieter oder der Vermieterin unterschrieben)"
    )
    assert not service.required_documents_en.endswith("\n")
    assert service.leika_key == "99115001001000"
    assert service.department.code == "KVR"
    assert service.popular_rank == 1
    assert "umzug" in set(service.life_situations.values_list("slug", flat=True))
    # Offices name their week and holidays in opening-hours.yaml.
    office = Office.objects.get(slug="buergerbuero-ruppertstrasse")
    assert office.name_en == "Citizens' Office Ruppertstraße (KVR main building)"
    assert office.postal_code == "80466"
    assert office.opening_exceptions.filter(closed=True, note_en="Christmas Day").count() == 2
    assert office.opening_exceptions.filter(note_de__startswith="Personalversammlung").exists()


def test_times_must_be_quoted():
    """Unquoted, YAML 1.1 reads 12:00 as the number 720: an error, not a wrong time."""
    assert demo_data.time_of_day("07:30") == dt.time(7, 30)
    with pytest.raises(ValueError, match="quoted"):
        demo_data.time_of_day(yaml.safe_load("12:00"))


def test_the_demo_accounts_name_their_roles_and_departments():
    accounts = {account["email"]: account for account in demo_accounts()}
    assert accounts["resident@example.org"]["role"] is None
    assert accounts["sachbearbeitung@example.org"]["role"] == "Sachbearbeitung"
    assert accounts["sachbearbeitung@example.org"]["departments"] == ["KVR"]
    assert accounts["admin@example.org"]["superuser"] is True


def test_no_demo_content_modules_in_the_packages():
    root = Path(settings.BASE_DIR)
    for package in (
        "munich_portal", "services", "appointments", "online_requests", "participation", "paper",
        "ideas", "results", "accessibility",
    ):  # fmt: skip
        assert not list((root / package).rglob("demo_content*.py"))
