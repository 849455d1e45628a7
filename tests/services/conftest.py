"""Fixtures of the catalogue tests: an empty page cache per test, and a small catalogue."""

import datetime as dt

import pytest

from munich_portal.core import page_cache
from services import actions
from services.selectors import catalogue_token
from tests.services.factories import (
    LifeSituationFactory,
    OfficeFactory,
    ServiceFactory,
    TopicFactory,
)


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no cached page and no remembered catalogue version. The test
    settings read the version on every request (``PAGE_CACHE_VERSION_SECONDS=0``): tests that
    change rows with ``update()`` send no signal."""
    page_cache.clear()
    catalogue_token.forget()
    yield
    page_cache.clear()
    catalogue_token.forget()


@pytest.fixture
def catalogue(db):
    """Real-looking services in two life situations at two offices."""
    return build_catalogue()


def build_catalogue() -> dict:
    """Six published services and a draft, two offices, two life situations, a topic."""
    moving = LifeSituationFactory(slug="umzug", name_de="Umzug", name_en="Moving house")
    documents = LifeSituationFactory(
        slug="ausweis-und-pass", name_de="Ausweis und Pass", name_en="ID card and passport"
    )
    ids = TopicFactory(slug="ausweise", name_de="Ausweise", name_en="Identity documents")
    ruppert = OfficeFactory(
        slug="buergerbuero-ruppertstrasse",
        name_de="Bürgerbüro Ruppertstraße",
        name_en="Citizens' Office Ruppertstraße",
    )
    pasing = OfficeFactory(
        slug="buergerbuero-pasing",
        name_de="Bürgerbüro Pasing",
        name_en="Citizens' Office Pasing",
        street="Landsberger Straße 486",
        postal_code="81241",
        weekday_hours=[(day, dt.time(7, 30), dt.time(12)) for day in range(5)]
        + [(3, dt.time(14), dt.time(18))],
    )
    services = {
        "anmeldung": ServiceFactory(
            slug="wohnsitz-anmelden",
            name_de="Wohnsitz anmelden",
            name_en="Registering your address",
            short_text_de="Wer nach München zieht, muss sich innerhalb von zwei Wochen anmelden.",
            short_text_en="If you move to Munich, you must register within two weeks.",
            full_text_de="Die Anmeldung erfolgt im Bürgerbüro. Bringen Sie die "
            "Wohnungsgeberbestätigung mit.",
            full_text_en="You register at a citizens' office. Bring the landlord's confirmation.",
            synonyms="Ummeldung, Meldeadresse",
            keywords_de="Umzug, Zuzug, Meldebehörde",
            keywords_en="moving, new address",
            life_situations=[moving],
            offices=[ruppert, pasing],
            popular_rank=1,
            easy_language_de="Sie ziehen nach München?\n\nDann melden Sie sich an.",
        ),
        "perso": ServiceFactory(
            slug="personalausweis-beantragen",
            name_de="Personalausweis beantragen",
            name_en="Applying for an identity card",
            short_text_de="Den Personalausweis beantragen Sie persönlich im Bürgerbüro.",
            short_text_en="You apply for an identity card in person.",
            full_text_de="Der Personalausweis ist zehn Jahre gültig.",
            full_text_en="The identity card is valid for ten years.",
            synonyms="Perso, Ausweis, ID card",
            life_situations=[documents],
            topics=[ids],
            offices=[ruppert],
            popular_rank=2,
        ),
        "pass": ServiceFactory(
            slug="reisepass-beantragen",
            name_de="Reisepass beantragen",
            name_en="Applying for a passport",
            short_text_de="Für Reisen außerhalb der EU brauchen Sie einen Reisepass.",
            short_text_en="",
            full_text_de="Bringen Sie ein biometrisches Passfoto und Ihren Personalausweis mit.",
            full_text_en="Bring a biometric photo and your identity card.",
            life_situations=[documents],
            topics=[ids],
            offices=[ruppert],
        ),
        "fuehrerschein": ServiceFactory(
            slug="fuehrerschein-umschreiben",
            name_de="Führerschein umschreiben",
            name_en="Exchanging a foreign driving licence",
            short_text_de="Ausländische Fahrerlaubnis in eine deutsche umschreiben lassen.",
            synonyms="Fahrerlaubnis",
            offices=[pasing],
        ),
        "kfz": ServiceFactory(
            slug="fahrzeug-zulassen",
            name_de="Fahrzeug zulassen",
            name_en="Registering a vehicle",
            short_text_de="Neues oder gebrauchtes Kraftfahrzeug zulassen.",
            synonyms="Kfz-Zulassung, Autozulassung",
            online_url="https://www.muenchen.de/kfz-online",
            ozg_maturity=3,
            life_situations=[moving],
        ),
        "abmeldung": ServiceFactory(
            slug="wohnsitz-abmelden",
            name_de="Wohnsitz abmelden",
            name_en="Deregistering your address",
            short_text_de="Wer ins Ausland zieht, meldet sich ab.",
            full_text_de="Die Abmeldung ist frühestens eine Woche vor dem Auszug möglich. "
            "Beim Umzug innerhalb Deutschlands genügt die Anmeldung am neuen Wohnort.",
            life_situations=[moving],
        ),
        "draft": ServiceFactory(
            slug="entwurf-dienstleistung",
            name_de="Geheimer Entwurf Bescheinigung",
            status="draft",
        ),
    }
    # What actions.save_service does after each change: the word list for typo correction.
    actions.refresh_search_words()
    return {
        "services": services,
        "offices": {"ruppert": ruppert, "pasing": pasing},
        "life_situations": {"moving": moving, "documents": documents},
        "topics": {"ids": ids},
    }
