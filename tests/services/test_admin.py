"""Staff: editors maintain the catalogue in the admin with history, preview, publish/unpublish
and the list of overdue reviews; other roles only look; residents never see drafts."""

import datetime as dt

import pytest
from django.utils import timezone

from munich_portal.core.models import Department
from services.models import OpeningHours, SearchWord, Service
from tests.factories import UserFactory
from tests.services.factories import OfficeFactory, ServiceFactory
from tests.services.text import de

pytestmark = pytest.mark.django_db

DRAFT_URL = "/dienstleistungen/entwurf-dienstleistung/"


@pytest.fixture
def editor():
    return UserFactory(
        email="redaktion@muenchen.example", staff=True, roles=["Redaktion"], mfa=True
    )


@pytest.fixture
def caseworker():
    return UserFactory(
        email="sachbearbeitung@muenchen.example", staff=True, roles=["Sachbearbeitung"], mfa=True
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# --- preview ----------------------------------------------------------------------------------
def test_anonymous_visitor_gets_404_for_a_draft(client, catalogue):
    assert client.get(DRAFT_URL).status_code == 404


def test_resident_gets_404_for_a_draft(client, catalogue):
    client.force_login(UserFactory())
    assert client.get(DRAFT_URL).status_code == 404


def test_staff_without_catalogue_rights_gets_404_for_a_draft(client, catalogue):
    client.force_login(UserFactory(staff=True, mfa=True))
    assert client.get(DRAFT_URL).status_code == 404


def test_editor_previews_a_draft_with_a_banner(editor_client, catalogue):
    response = editor_client.get(DRAFT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="preview-banner"' in html
    assert de("This service is not published. Residents cannot see this page.") in html
    assert '<meta name="robots" content="noindex">' in html


def test_preview_is_never_served_from_the_cache_to_residents(client, editor, catalogue):
    client.force_login(editor)
    assert client.get(DRAFT_URL).status_code == 200
    client.logout()
    assert client.get(DRAFT_URL).status_code == 404


def test_published_page_for_an_editor_has_no_preview_banner(editor_client, catalogue):
    html = editor_client.get("/dienstleistungen/wohnsitz-anmelden/").content.decode()
    assert 'class="preview-banner"' not in html


# --- admin ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/admin/services/service/",
        "/admin/services/service/add/",
        "/admin/services/office/",
        "/admin/services/office/add/",
        "/admin/services/lifesituation/",
        "/admin/services/topic/",
        "/admin/services/searchsynonym/",
    ],
)
def test_editor_opens_the_catalogue_admin(editor_client, catalogue, path):
    assert editor_client.get(path).status_code == 200


def test_editor_sees_the_history_of_a_service(editor_client, catalogue):
    service = catalogue["services"]["perso"]
    response = editor_client.get(f"/admin/services/service/{service.pk}/history/")
    assert response.status_code == 200


def test_publish_and_unpublish_actions_record_history_with_the_user(
    editor_client, editor, catalogue
):
    draft = catalogue["services"]["draft"]
    response = editor_client.post(
        "/admin/services/service/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"
    latest = draft.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == de("Published")
    assert editor_client.get(DRAFT_URL).status_code == 200

    editor_client.post(
        "/admin/services/service/", {"action": "unpublish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_mark_reviewed_action_records_date_and_unit_not_a_person(editor_client, catalogue):
    department = Department.objects.create(code="KVR-RED", name="KVR Redaktion")
    service = catalogue["services"]["pass"]
    service.reviewed_at = None
    service.department = department
    service.save()
    editor_client.post(
        "/admin/services/service/", {"action": "mark_reviewed", "_selected_action": [service.pk]}
    )
    service.refresh_from_db()
    assert service.reviewed_at == timezone.localdate()
    assert service.reviewed_by == department


def test_review_overdue_filter_lists_old_and_missing_reviews(editor_client, catalogue):
    old = ServiceFactory(
        slug="alt", name_de="Alte Prüfung", reviewed_at=dt.date.today() - dt.timedelta(days=400)
    )
    never = ServiceFactory(slug="nie", name_de="Nie geprüft", reviewed_at=None)
    html = editor_client.get("/admin/services/service/?review=overdue").content.decode()
    assert old.name_de in html
    assert never.name_de in html
    assert "Wohnsitz anmelden" not in html  # reviewed 30 days ago


def test_saving_in_the_admin_updates_search_at_once(
    editor_client, catalogue, django_capture_on_commit_callbacks
):
    """An edit is searchable immediately (generated columns) and joins the typo word list."""
    service = catalogue["services"]["kfz"]
    data = {
        "name_de": "Fahrzeug zulassen Oldtimer",
        "name_en": service.name_en,
        "slug": service.slug,
        "status": "published",
        "leika_key": "",
        "ozg_maturity": 3,
        "online_url": service.online_url,
        "synonyms": "Kfz-Zulassung, Historienfahrzeug",
        "life_situations": [situation.pk for situation in service.life_situations.all()],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/services/service/{service.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    from services.search import search_services

    assert [s.slug for s in search_services(query="Oldtimer").results] == ["fahrzeug-zulassen"]
    assert SearchWord.objects.filter(word="historienfahrzeug").exists()


def test_editor_adds_an_office_with_opening_hours_inline(editor_client, catalogue):
    data = {
        "name_de": "Bürgerbüro Forstenrieder Allee",
        "slug": "buergerbuero-forstenrieder-allee",
        "kind": "buergerbuero",
        "status": "published",
        "street": "Forstenrieder Allee 61a",
        "postal_code": "81476",
        "city": "München",
        "opening_hours-TOTAL_FORMS": "2",
        "opening_hours-INITIAL_FORMS": "0",
        "opening_hours-0-weekday": "0",
        "opening_hours-0-opens": "07:30",
        "opening_hours-0-closes": "12:00",
        "opening_hours-1-weekday": "3",
        "opening_hours-1-opens": "14:00",
        "opening_hours-1-closes": "18:00",
        "opening_exceptions-TOTAL_FORMS": "1",
        "opening_exceptions-INITIAL_FORMS": "0",
        "opening_exceptions-0-date": "2026-12-24",
        "opening_exceptions-0-closed": "on",
        "opening_exceptions-0-note_de": "Heiligabend",
    }
    response = editor_client.post("/admin/services/office/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert OpeningHours.objects.filter(office__slug="buergerbuero-forstenrieder-allee").count() == 2


def test_database_refuses_opening_hours_that_close_before_they_open(catalogue):
    from django.db import IntegrityError

    office = OfficeFactory(slug="amt-x", weekday_hours=[])
    with pytest.raises(IntegrityError):
        OpeningHours.objects.create(office=office, weekday=0, opens=dt.time(12), closes=dt.time(8))


def test_caseworker_views_but_cannot_change(client, caseworker, catalogue):
    """Case workers look services up; the publish action is not theirs."""
    client.force_login(caseworker)
    draft = catalogue["services"]["draft"]
    assert client.get("/admin/services/service/").status_code == 200
    assert client.get("/admin/services/service/add/").status_code == 403
    client.post("/admin/services/service/", {"action": "publish", "_selected_action": [draft.pk]})
    assert Service.objects.get(pk=draft.pk).status == "draft"
    # and the preview of drafts is open to them, as the admin is
    assert client.get(DRAFT_URL).status_code == 200


def test_resident_cannot_open_the_admin(client, catalogue):
    client.force_login(UserFactory())
    response = client.get("/admin/services/service/")
    assert response.status_code == 302
