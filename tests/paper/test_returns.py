"""Sheet accounting: returned piles by count or by number, void and lost sheets, the overview."""

import pytest
from django.contrib.admin.models import LogEntry
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from munich_portal.core.numbers import format_number, make_number
from paper import actions, selectors
from paper.models import FormBatch, FormSheet, SheetReturn
from tests.factories import UserFactory
from tests.paper.test_actions import _enter
from tests.paper.test_views import _client, en_reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(event):
    return actions.issue_batch(
        process=event.process, event=event, place="Bürgerbüro Pasing", sheets=10, issued_by=None
    )


def _sheets(batch):
    return list(batch.form_sheets.order_by("number"))


def _counts(batch):
    counts = selectors.counts_for_batch(batch)
    return {key: counts[key] for key in ("returned", "entered", "void", "waiting", "missing")}


# --- the accounting -------------------------------------------------------------------------------


def test_without_recorded_piles_returned_is_entered_plus_void(batch, clerk):
    sheets = _sheets(batch)
    _enter(sheets[0], clerk, 0)
    actions.void_sheets(sheets=[sheets[1]], by=clerk)
    assert _counts(batch) == {"returned": 2, "entered": 1, "void": 1, "waiting": 0, "missing": 8}


def test_a_pile_by_count_is_waiting_until_it_is_typed_in(batch, clerk):
    """23 sheets back from Pasing, in small: 6 of 10 back, then 4 typed in and 1 voided blank."""
    actions.record_returns(batch=batch, by=clerk, count=6)
    assert _counts(batch) == {"returned": 6, "entered": 0, "void": 0, "waiting": 6, "missing": 4}
    sheets = _sheets(batch)
    for n, sheet in enumerate(sheets[:4]):
        _enter(sheet, clerk, n)
    actions.void_sheets(sheets=[sheets[4]], by=clerk)
    assert _counts(batch) == {"returned": 6, "entered": 4, "void": 1, "waiting": 1, "missing": 4}
    # The rest is declared lost: not missing any more, and not part of the pile.
    actions.void_sheets(sheets=sheets[6:], by=clerk, lost=True)
    assert _counts(batch) == {"returned": 6, "entered": 4, "void": 5, "waiting": 1, "missing": 0}


def test_a_pile_by_number_and_a_lost_sheet_that_came_back_after_all(batch, clerk):
    sheets = _sheets(batch)
    actions.void_sheets(sheets=[sheets[2]], by=clerk, lost=True)
    assert _counts(batch)["missing"] == 9
    returns = actions.record_returns(
        batch=batch,
        by=clerk,
        numbers=[sheets[0].printed_number, sheets[1].number, f" {sheets[2].printed_number} "],
    )
    assert [row.sheet_id for row in returns] == [sheets[0].pk, sheets[1].pk, sheets[2].pk]
    assert all(row.count == 1 and row.recorded_by == clerk for row in returns)
    sheets[2].refresh_from_db()
    assert (sheets[2].status, sheets[2].lost) == (FormSheet.Status.VOID, False)
    batch.refresh_from_db()
    assert batch.returned_sheets == 3
    assert _counts(batch) == {"returned": 3, "entered": 0, "void": 1, "waiting": 2, "missing": 7}
    # A sheet recorded as returned and voided afterwards is never "lost".
    actions.void_sheets(sheets=[sheets[0]], by=clerk, lost=True)
    sheets[0].refresh_from_db()
    assert sheets[0].lost is False


def test_bad_numbers_are_each_named_and_nothing_is_recorded(batch, event, clerk):
    sheets = _sheets(batch)
    other = actions.issue_batch(
        process=event.process, event=event, place="Stadtbibliothek", sheets=1, issued_by=None
    )
    actions.record_returns(batch=batch, by=clerk, numbers=[sheets[0].number])
    good = sheets[1].number
    wrong_check = good[:-1] + str((int(good[-1]) + 1) % 10)
    unknown = make_number(year=2026, serial=9_999_998).digits
    with translation.override("en"), pytest.raises(actions.BadReturnNumbers) as caught:
        actions.record_returns(
            batch=batch,
            by=clerk,
            numbers=[
                good,
                wrong_check,
                "12345",
                good,
                unknown,
                other.form_sheets.get().number,
                sheets[0].printed_number,
            ],
        )
    messages = [message for _line, message in caught.value.errors]
    assert messages == [
        f"{wrong_check}: the check digit does not match.",
        "12345: a form number has at least eleven digits.",
        f"{good} is in the list twice.",
        f"{format_number(unknown)}: no sheet has this number.",
        f"{other.form_sheets.get().printed_number} belongs to another batch: {other}.",
        f"{sheets[0].printed_number} was recorded as returned on "
        f"{timezone.localtime(SheetReturn.objects.get().recorded_at).strftime('%d.%m.%Y %H:%M')}"
        " by Klara Klerk.",
    ]
    assert SheetReturn.objects.count() == 1
    batch.refresh_from_db()
    assert batch.returned_sheets == 1


def test_more_sheets_back_than_issued_is_refused(batch, clerk):
    actions.record_returns(batch=batch, by=clerk, count=8)
    with translation.override("en"), pytest.raises(actions.PaperError) as caught:
        actions.record_returns(batch=batch, by=clerk, count=3)
    assert caught.value.field == "count"
    assert str(caught.value) == (
        "Only 2 of the 10 sheets of this batch are not recorded as returned yet; 3 is too many."
    )
    actions.record_returns(batch=batch, by=clerk, count=2)
    batch.refresh_from_db()
    assert batch.returned_sheets == 10
    with pytest.raises(actions.PaperError):
        actions.record_returns(batch=batch, by=clerk, numbers=[_sheets(batch)[0].number])


def test_the_database_keeps_returns_within_the_sheets_issued(batch, clerk):
    with pytest.raises(IntegrityError), transaction.atomic():
        FormBatch.objects.filter(pk=batch.pk).update(returned_sheets=11)
    sheet = _sheets(batch)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        SheetReturn.objects.create(batch=batch, count=2, sheet=sheet, recorded_by=clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        SheetReturn.objects.create(batch=batch, count=0, recorded_by=clerk)
    SheetReturn.objects.create(batch=batch, count=1, sheet=sheet, recorded_by=clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        SheetReturn.objects.create(batch=batch, count=1, sheet=sheet, recorded_by=clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        FormSheet.objects.filter(pk=_sheets(batch)[1].pk).update(lost=True)


def test_a_count_and_numbers_at_once_or_neither_is_refused(batch, clerk):
    with pytest.raises(actions.PaperError):
        actions.record_returns(batch=batch, by=clerk)
    with pytest.raises(actions.PaperError):
        actions.record_returns(batch=batch, by=clerk, count=1, numbers=[_sheets(batch)[0].number])


def test_scanned_lines_are_split_on_line_breaks_commas_and_semicolons():
    assert actions.split_numbers("2026-004711-1\r\n\n 20260047128 ;2026,") == [
        "2026-004711-1",
        "20260047128",
        "2026",
    ]


def test_the_event_overview_counts_returned_not_entered(batch, event, clerk):
    actions.record_returns(batch=batch, by=clerk, count=4)
    _enter(_sheets(batch)[0], clerk, 0)
    (row,) = selectors.batches_of_event(event)
    assert {key: row[key] for key in ("issued", "returned", "entered", "waiting", "missing")} == {
        "issued": 10,
        "returned": 4,
        "entered": 1,
        "waiting": 3,
        "missing": 6,
    }


# --- the staff area -------------------------------------------------------------------------------


def test_a_clerk_records_a_pile_by_count_and_it_is_logged(batch, clerk):
    url = en_reverse("admin:paper_formbatch_returns", args=[batch.pk])
    client = _client(clerk)
    page = client.get(url).content.decode()
    assert "Number of sheets that came back" in page
    response = client.post(url, {"c-count": "7", "record_count": "1"}, follow=True)
    html = response.content.decode()
    assert "7 sheets recorded as returned for Bürgerbüro Pasing." in html
    assert SheetReturn.objects.get().count == 7
    entry = LogEntry.objects.get(content_type__model="sheetreturn")
    assert entry.user_id == clerk.pk
    changelist = client.get(en_reverse("admin:paper_formbatch_changelist")).content.decode()
    assert "Returned, not entered" in changelist
    assert '<td class="field-sheets_waiting">7</td>' in changelist


def test_a_bad_number_is_named_next_to_the_field_and_the_input_kept(batch, clerk):
    sheets = _sheets(batch)
    bad = sheets[1].number[:-1] + str((int(sheets[1].number[-1]) + 1) % 10)
    typed = f"{sheets[0].printed_number}\n{bad}"
    response = _client(clerk).post(
        en_reverse("admin:paper_formbatch_returns", args=[batch.pk]),
        {"n-numbers": typed, "record_numbers": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{bad}: the check digit does not match." in html
    assert 'href="#id_n-numbers"' in html  # the error summary links to the field
    assert 'aria-invalid="true"' in html
    assert typed in html
    assert not SheetReturn.objects.exists()


@pytest.mark.parametrize("count", ["", "0", "-3", "abc", "9" * 40, "11"])
def test_bad_counts_never_cause_a_server_error(batch, clerk, count):
    response = _client(clerk).post(
        en_reverse("admin:paper_formbatch_returns", args=[batch.pk]),
        {"c-count": count, "record_count": "1"},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not SheetReturn.objects.exists()


def test_only_staff_who_may_record_returns_open_the_page(batch):
    url = en_reverse("admin:paper_formbatch_returns", args=[batch.pk])
    organiser = UserFactory(staff=True, roles=["Veranstaltungsorganisation"], mfa=True)
    assert _client(organiser).get(url).status_code == 200
    editor = UserFactory(staff=True, roles=["Redaktion"], mfa=True)
    assert _client(editor).get(url).status_code == 403
    assert _client(UserFactory()).get(url).status_code == 302
