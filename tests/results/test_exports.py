"""Organisers' exports: no personal data by default, a data-use event when there is, permissions."""

import csv
import io

import openpyxl
import pytest
from django.test import Client

from ideas.models import IdeaStatus, Moderation
from munich_portal.audit.models import DataUseEvent
from munich_portal.core.channels import Channel
from results import exports
from tests.factories import UserFactory
from tests.results.factories import CommentFactory, IdeaFactory, results_process

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def organiser():
    return UserFactory(staff=True, roles=["Veranstaltungsorganisation"], mfa=True)


@pytest.fixture
def author():
    return UserFactory(email="erika.mustermann@example.org", full_name="Erika Mustermann")


@pytest.fixture
def process(author):
    process = results_process(slug="radverkehr")
    idea = IdeaFactory(
        process=process,
        title="Radweg an der Landsberger Straße",
        author=author,
        author_name="Erika M.",
        contact_email="erika.antwort@example.org",
        status=IdeaStatus.ACCEPTED,
        answer="Wird umgesetzt.",
    )
    IdeaFactory(
        process=process,
        title='=HYPERLINK("http://evil.example","klick")',
        channel=Channel.PAPER,
        author_name="Hans Papier",
        contact_street="Bahnhofstraße 1",
        contact_postal_code="81241",
        contact_city="München",
        moderation=Moderation.PENDING,
    )
    CommentFactory(process=process, idea=idea, author=author, author_name="Erika M.")
    CommentFactory(process=process, idea=None, channel=Channel.PHONE, text="@SUM(1+1)")
    return process


def _path(process) -> str:
    return f"/en/beteiligung/{process.slug}/export/"


PERSONAL = (
    "Erika",
    "erika",
    "Mustermann",
    "Hans Papier",
    "Bahnhofstraße",
    "81241",
)


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_ideas_as_csv_without_personal_data_by_default(organiser, process):
    response = _client(organiser).post(_path(process), {"content": "ideas", "file_format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ideen-radverkehr-')
    rows = _csv(response)
    assert rows[0][:4] == ["number", "received", "channel", "title"]
    assert len(rows) == 3
    text = response.content.decode()
    for personal in PERSONAL:
        assert personal not in text
    assert "Radweg an der Landsberger Straße" in text
    assert "accepted" in text and "Wird umgesetzt." in text
    assert "paper form" in text  # the channel
    assert DataUseEvent.objects.count() == 0


def test_formulas_are_defused_in_csv_and_xlsx(organiser, process):
    response = _client(organiser).post(_path(process), {"content": "ideas", "file_format": "csv"})
    assert "'=HYPERLINK" in response.content.decode()
    response = _client(organiser).post(
        _path(process), {"content": "comments", "file_format": "xlsx"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    formula = next(cell for cell in cells if cell.value == "@SUM(1+1)")
    assert formula.data_type == "s"


def test_comments_as_xlsx_without_personal_data(organiser, process):
    response = _client(organiser).post(
        _path(process), {"content": "comments", "file_format": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_TYPE
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "number"
    assert len(values) == 3
    flat = " ".join(str(value) for row in values for value in row if value is not None)
    for personal in PERSONAL:
        assert personal not in flat
    assert DataUseEvent.objects.count() == 0


def test_personal_data_needs_a_purpose_and_nothing_is_exported_without(organiser, process):
    response = _client(organiser).post(
        _path(process), {"content": "ideas", "file_format": "csv", "personal_data": "on"}
    )
    assert response.status_code == 400
    assert "Name the purpose" in response.content.decode()
    assert DataUseEvent.objects.count() == 0


def test_an_export_with_personal_data_is_a_data_use_event(organiser, process, author):
    response = _client(organiser).post(
        _path(process),
        {
            "content": "ideas",
            "file_format": "xlsx",
            "personal_data": "on",
            "purpose": "participation_ideas",
            "case_number": "RAD-2026-7",
        },
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    flat = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
    assert "Erika M." in flat and "erika.antwort@example.org" in flat
    assert "Hans Papier" in flat and "Bahnhofstraße 1" in flat
    batch = DataUseEvent.objects.get(subject_pseudonym__isnull=True)
    assert batch.action == "export"
    assert batch.purpose == "participation_ideas"
    assert batch.case_number == "RAD-2026-7"
    assert batch.details["hit_count"] == 2
    assert batch.details["criteria"]["content"] == "ideas"
    assert batch.details["criteria"]["personal_data"] is True
    # The author with an account gets their own event (shown in their Meine Daten).
    assert DataUseEvent.objects.filter(subject_pseudonym__isnull=False).count() == 1


@pytest.mark.parametrize(
    ("who", "get_status", "post_status"),
    [
        ("anonymous", 302, 302),
        ("resident", 403, 403),
        ("staff_without_mfa", 302, 302),
        ("editor", 403, 403),
        ("clerk", 403, 403),
        ("organiser", 200, 200),
    ],
)
def test_permission_matrix(who, get_status, post_status, organiser, process):
    """Only organisers (Veranstaltungsorganisation, with a second factor) export."""
    users = {
        "anonymous": None,
        "resident": UserFactory(),
        "staff_without_mfa": UserFactory(staff=True, roles=["Veranstaltungsorganisation"]),
        "editor": UserFactory(staff=True, roles=["Redaktion"], mfa=True),
        "clerk": UserFactory(staff=True, roles=["Erfassung"], mfa=True),
        "organiser": organiser,
    }
    client = _client(users[who])
    assert client.get(_path(process)).status_code == get_status
    response = client.post(
        _path(process),
        {
            "content": "ideas",
            "file_format": "csv",
            "personal_data": "on",
            "purpose": "participation_ideas",
        },
    )
    assert response.status_code == post_status
    assert DataUseEvent.objects.filter(action="export").exists() == (who == "organiser")


@pytest.mark.parametrize(
    "data",
    [
        {"content": "x" * 10_000, "file_format": "csv"},
        {"content": "ideas", "file_format": "pdf"},
        {"content": "ideas\x00", "file_format": "csv"},
        {"content": ["ideas", "comments"], "file_format": "csv"},
        {"content": "ideas", "file_format": "csv", "personal_data": "on", "purpose": "marketing"},
        {
            "content": "ideas",
            "file_format": "csv",
            "personal_data": "on",
            "purpose": "participation_ideas",
            "case_number": "A\x00B" + "ü" * 200,
        },
        {},
    ],
)
def test_odd_input_never_causes_a_server_error(organiser, process, data):
    response = _client(organiser).post(_path(process), data)
    assert response.status_code in {200, 400}
    if response.status_code == 400:
        assert 'class="error-summary' in response.content.decode()
    assert DataUseEvent.objects.count() == 0


def test_unknown_processes_are_404(organiser):
    assert _client(organiser).get("/en/beteiligung/gibt-es-nicht/export/").status_code == 404
