"""The accessibility statement at /barrierefreiheit/ from the database (issue 8, item 2)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from accessibility import actions, selectors
from accessibility.models import AccessibilityStatement, KnownBarrier, add_months
from tests.accessibility.factories import KnownBarrierFactory, StatementFactory

pytestmark = pytest.mark.django_db

URL = "/barrierefreiheit/"


def test_migration_publishes_the_interim_statement():
    """Every system starts with the interim page's statement, published, with its barriers."""
    statement = AccessibilityStatement.objects.published().get()
    assert statement.conformance == "partial"
    assert statement.barriers.count() == 4
    assert "LDBV" in statement.enforcement_body
    assert "Durchsetzungs- und Überwachungsstelle" in statement.enforcement_body
    assert statement.enforcement_phone == "089 2129-1111"
    assert statement.enforcement_email == "service@geodaten.bayern.de"


def test_statement_page_shows_every_required_part_in_english(client):
    """Compliance status, barriers with reason, fix date and alternative, assessment, feedback
    and the enforcement body — the parts of the EU model statement."""
    response = client.get("/en" + URL)
    text = response.text
    assert response.status_code == 200
    assert "<strong>partially compliant</strong>" in text
    assert "The staff area (the administration interface city staff work in)" in text
    assert '<time datetime="2027-06-30">' in text
    assert "Residents do not need it." in text
    assert "Self-assessment" in text
    assert "Automated tests with axe-core" in text
    assert 'href="mailto:barrierefreiheit@muenchen.de"' in text
    assert 'href="/barriere-melden/"' not in text  # English links stay English
    assert 'href="/en/barriere-melden/"' in text
    assert 'id="enforcement"' in text
    assert "Durchsetzungs- und Überwachungsstelle für barrierefreie Informationstechnik" in text
    assert 'href="tel:+498921291111"' in text


def test_statement_page_uses_the_german_texts_in_german(client):
    text = client.get(URL).text
    assert "Der Mitarbeiterbereich (die Verwaltungsoberfläche" in text
    assert "The staff area (the administration" not in text


def test_german_text_without_english_translation_is_marked_german(client):
    """An English page that falls back to German text says so with lang="de" (WCAG 3.1.2)."""
    statement = AccessibilityStatement.objects.published().get()
    KnownBarrierFactory(statement=statement, description_en="", position=99)
    text = client.get("/en" + URL).text
    assert '<p lang="de">Die Karte der Bürgerbüros' in text


def test_only_the_published_version_is_shown(client):
    StatementFactory(conformance_text_de="ENTWURF: noch nicht veröffentlicht")
    text = client.get(URL).text
    assert "ENTWURF" not in text


def test_page_without_a_published_statement_still_names_the_contacts(client):
    """Should the statement be unpublished, people still find how to report and complain."""
    AccessibilityStatement.objects.update(is_published=False)
    response = client.get("/en" + URL)
    assert response.status_code == 200
    assert "being revised" in response.text
    assert "Durchsetzungs- und Überwachungsstelle" in response.text


def test_statement_page_queries_do_not_grow_with_the_barriers(client, django_assert_num_queries):
    statement = AccessibilityStatement.objects.published().get()
    KnownBarrierFactory.create_batch(10, statement=statement)
    with django_assert_num_queries(2):
        client.get(URL)


def test_publishing_replaces_the_published_version_and_keeps_history():
    old = AccessibilityStatement.objects.published().get()
    new = StatementFactory()
    actions.publish_statement(statement=new)
    old.refresh_from_db()
    new.refresh_from_db()
    assert new.is_published and new.published_at is not None
    assert not old.is_published
    assert selectors.published_statement() == new
    assert old.history.first().history_change_reason == "replaced"
    assert new.history.first().history_change_reason == "published"


def test_database_allows_only_one_published_statement():
    with pytest.raises(IntegrityError), transaction.atomic():
        StatementFactory(published=True)


def test_review_copy_keeps_the_published_version_and_copies_the_barriers():
    """The yearly review starts from a copy; the site shows the old one until it is published."""
    published = AccessibilityStatement.objects.published().get()
    draft = actions.copy_statement(statement=published)
    assert draft.pk != published.pk
    assert not draft.is_published
    assert draft.barriers.count() == published.barriers.count() == 4
    assert published.barriers.count() == 4
    assert selectors.published_statement() == published


def test_a_barrier_being_fixed_needs_a_date():
    statement = StatementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        KnownBarrier.objects.create(
            statement=statement, description_de="x", reason="being_fixed", fixed_by=None
        )
    KnownBarrier.objects.create(
        statement=statement, description_de="x", reason="disproportionate", fixed_by=None
    )


def test_reviewed_date_cannot_precede_the_prepared_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        StatementFactory(prepared_on=dt.date(2026, 5, 1), reviewed_on=dt.date(2026, 4, 1))


def test_yearly_review_is_due_a_year_after_the_last_review():
    statement = StatementFactory(prepared_on=dt.date(2026, 1, 1), reviewed_on=dt.date(2026, 3, 15))
    assert statement.review_due_on == dt.date(2027, 3, 15)
    assert not statement.review_is_due(today=dt.date(2027, 3, 14))
    assert statement.review_is_due(today=dt.date(2027, 3, 15))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28)),
    ],
)
def test_add_months_clips_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_initial_statement_is_restored_when_none_exists():
    """The demo loader (and tests that empty the database) get the initial statement back."""
    AccessibilityStatement.objects.all().delete()
    statement = actions.ensure_statement()
    assert statement.is_published
    assert statement.barriers.count() == 4
    assert actions.ensure_statement() == statement
