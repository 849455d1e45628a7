"""Every printed registration sheet is one piece of A4 paper: exactly two pages per person.

Every demo event and every demo process is printed in every language a batch can have (German,
English, Leichte Sprache), and a process sheet with the most events it may list, filled with the
longest demo titles, places, process title and department, as well. Pages are counted with
poppler's ``pdfinfo``.
"""

import pytest
from django.utils import timezone, translation

from munich_portal.core.numbers import make_number
from munich_portal.portal.demo import load_all
from paper import actions
from paper.models import FormBatch, FormSheet
from paper.pdf import (
    EASY_GERMAN,
    FormsDocument,
    batch_pdf,
    catalogue_language,
    form_sheets_pdf,
    sheet_event,
)
from participation.consent import current_consent
from participation.models import Event, Process
from tests.pdf_tools import pdf_pages, text

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _label in FormBatch.Language.choices]


def _max_events(language):
    if language == EASY_GERMAN:
        return actions.MAX_EVENTS_PER_EASY_SHEET
    return actions.MAX_EVENTS_PER_PROCESS_SHEET


def test_every_batch_language_is_tested_leichte_sprache_included():
    assert LANGUAGES == ["de", "en", EASY_GERMAN]


SHEETS = 2  # two sheets per batch: the page count per person is checked, not only the first


def _issue(process, event, language):
    batch = actions.issue_batch(
        process=process,
        event=event,
        place="Bürgerbüro Pasing",
        sheets=SHEETS,
        issued_by=None,
        language=language,
    )
    return batch_pdf(batch)


def test_every_demo_event_and_process_sheet_is_two_pages_per_person_in_every_language():
    """A process with more upcoming events than a sheet in a language lists is refused, with
    the message next to the event field, before any number is drawn."""
    load_all()
    events = list(Event.objects.select_related("process").order_by("starts_at"))
    processes = [
        (process, process.events.filter(ends_at__gt=timezone.now()).count())
        for process in Process.objects.order_by("pk")
    ]
    processes = [(process, count) for process, count in processes if count > 0]
    assert len(events) >= 8 and len(processes) >= 3, "the demo data is loaded"
    pages, refused = {}, {}
    for language in LANGUAGES:
        for event in events:
            pages[(language, event.title_de)] = pdf_pages(_issue(event.process, event, language))
        for process, count in processes:
            if count <= _max_events(language):
                pages[(language, process.title_de)] = pdf_pages(_issue(process, None, language))
                continue
            sheets_before = FormSheet.objects.count()
            with pytest.raises(actions.PaperError) as caught:
                _issue(process, None, language)
            assert caught.value.field == "event"
            assert FormSheet.objects.count() == sheets_before
            refused[(language, process.title_de)] = count
    assert {key: count for key, count in pages.items() if count != 2 * SHEETS} == {}
    # Every language printed process sheets; Leichte Sprache refused the demo's larger processes.
    titles = {process.title_de for process, _count in processes}
    for language in LANGUAGES:
        assert any(key[0] == language and key[1] in titles for key in pages), language
    assert any(language == EASY_GERMAN for language, _title in refused)


def _longest(values):
    return max(values, key=len)


def test_a_process_sheet_with_the_most_events_and_the_longest_demo_texts_is_two_pages():
    """The worst case the demo data allows: as many events as a sheet may list, each with the
    longest demo title, place and support offered, the longest process title and department;
    the back with the consent version's privacy notice and with the full Art. 13 text."""
    load_all()
    with translation.override("de"):
        # Measured with the German labels, the longer ones: the catalogue must be compiled.
        assert translation.gettext("Signature") == "Unterschrift", "run make translations"
    for language in LANGUAGES:
        with translation.override(catalogue_language(language)):
            demo = [sheet_event(event) for event in Event.objects.select_related("office")]
            worst = sheet_event(Event.objects.select_related("office").first())
            worst = type(worst)(
                title=_longest(event.title for event in demo),
                starts_at=worst.starts_at,
                ends_at=worst.ends_at,
                place=_longest(event.place for event in demo),
                access_support=max((event.access_support for event in demo), key=len),
            )
            processes = list(Process.objects.select_related("department"))
            consent = current_consent(timezone.localdate())
            cases = [
                (count, notice)
                for count in sorted({1, _max_events(language)})
                for notice in (str(consent.privacy_notice), "")
            ]
            assert consent.privacy_notice, "the demo consent has its own privacy notice"
            for count, notice in cases:
                document = FormsDocument(
                    numbers=[make_number(year=2026, serial=4711)],
                    process_title=_longest(process.title for process in processes),
                    events=[worst] * count,
                    issued_at_place=_longest(event.place for event in demo),
                    issued_on=timezone.localdate(),
                    consent_version=consent.version,
                    consent_text=str(consent.text),
                    privacy_notice=notice,
                    department=_longest(
                        process.department.name_en or process.department.name
                        if language == "en"
                        else process.department.name
                        for process in processes
                    ),
                    contact_email="buergerbeteiligung.stadtplanung@muenchen.de",
                    contact_phone="089 233-2 45 67",
                    return_until=timezone.localdate(),
                    language=language,
                )
                pdf = form_sheets_pdf(document)
                case = (language, count, bool(notice))
                assert pdf_pages(pdf) == 2, case
                # The front ends with the signature, the back holds the privacy information.
                front, back = text(pdf).split("\f")[:2]
                signature, privacy = (
                    ("Unterschrift", "Was passiert mit Ihren Angaben?")
                    if language == EASY_GERMAN
                    else (
                        translation.gettext("Signature"),
                        translation.gettext("Privacy information"),
                    )
                )
                assert signature in front, case
                assert privacy in back, case
                assert signature not in back, case
