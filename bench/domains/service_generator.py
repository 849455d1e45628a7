"""Many realistic-looking services for benchmarks: ``generate_services(count=10_000)``.

Names are variations of real Munich services ("Personalausweis beantragen, für Minderjährige,
Eilverfahren"), with German and English texts long enough to make the full-text search do real
work. Generated services have slugs starting with ``gen-`` so they can be removed again; they are
published, spread over the existing life situations, topics and offices, and written with
``bulk_create`` in batches (the search columns are computed by PostgreSQL all the same).
"""

from __future__ import annotations

import itertools
import random

from django.db import connection, transaction
from django.utils.text import slugify

from services import actions
from services.models import LifeSituation, Office, PublicationStatus, Service, Topic

PREFIX = "gen-"
DASH = "\u2013"
BATCH_SIZE = 1000

# (German name, English name, German object word for the texts)
BASES = [
    ("Wohnsitz anmelden", "Registering your address", "Anmeldung"),
    ("Wohnsitz abmelden", "Deregistering your address", "Abmeldung"),
    ("Wohnsitz ummelden", "Changing your address", "Ummeldung"),
    ("Personalausweis beantragen", "Applying for an identity card", "Personalausweis"),
    ("Reisepass beantragen", "Applying for a passport", "Reisepass"),
    ("Kinderreisepass beantragen", "Applying for a child's passport", "Kinderreisepass"),
    ("Meldebescheinigung beantragen", "Certificate of registration", "Meldebescheinigung"),
    ("Führungszeugnis beantragen", "Certificate of good conduct", "Führungszeugnis"),
    ("Bewohnerparkausweis beantragen", "Resident parking permit", "Bewohnerparkausweis"),
    ("Fahrzeug zulassen", "Registering a vehicle", "Zulassung"),
    ("Fahrzeug außer Betrieb setzen", "Deregistering a vehicle", "Außerbetriebsetzung"),
    ("Führerschein umschreiben", "Exchanging a foreign driving licence", "Fahrerlaubnis"),
    ("Führerschein ersetzen", "Replacing a driving licence", "Ersatzführerschein"),
    ("Hund anmelden", "Registering a dog", "Hundesteuer"),
    ("Hund abmelden", "Deregistering a dog", "Hundesteuer"),
    ("Gewerbe anmelden", "Registering a business", "Gewerbeanmeldung"),
    ("Gewerbe abmelden", "Closing a business", "Gewerbeabmeldung"),
    ("Geburt beurkunden", "Registering a birth", "Geburtsurkunde"),
    ("Eheschließung anmelden", "Giving notice of marriage", "Eheschließung"),
    ("Sterbefall beurkunden", "Registering a death", "Sterbeurkunde"),
    ("Wohngeld beantragen", "Applying for housing benefit", "Wohngeld"),
    ("Elterngeld beantragen", "Applying for parental allowance", "Elterngeld"),
    ("Kita-Platz suchen", "Finding a childcare place", "Kinderbetreuung"),
    ("Baugenehmigung beantragen", "Applying for planning permission", "Baugenehmigung"),
    ("Sondernutzung öffentlicher Grund", "Using public land", "Sondernutzungserlaubnis"),
    ("Schwerbehindertenausweis beantragen", "Applying for a disability card", "Ausweis"),
    ("Parkausweis für Menschen mit Behinderung", "Disabled parking card", "Parkausweis"),
    ("Aufenthaltstitel verlängern", "Extending a residence permit", "Aufenthaltserlaubnis"),
    ("Einbürgerung beantragen", "Applying for naturalisation", "Einbürgerung"),
    ("Sperrmüll anmelden", "Booking a bulky waste collection", "Sperrmüllabholung"),
    ("Fundsache abholen", "Collecting lost property", "Fundsache"),
    ("Anwohnerparken Besucherausweis", "Visitor parking permit", "Besucherparkausweis"),
    ("Veranstaltung anzeigen", "Notifying an event", "Veranstaltungsanzeige"),
    ("Straßenmusik genehmigen", "Permit for street music", "Straßenmusikgenehmigung"),
    ("Fischereischein beantragen", "Applying for a fishing licence", "Fischereischein"),
    ("Waffenbesitzkarte beantragen", "Applying for a firearms licence", "Waffenbesitzkarte"),
    ("Grundsteuer bezahlen", "Paying property tax", "Grundsteuer"),
    ("Zweitwohnungsteuer erklären", "Second-home tax return", "Zweitwohnungsteuer"),
    ("Lebensbescheinigung ausstellen", "Life certificate for pensions", "Lebensbescheinigung"),
    ("Beglaubigung von Dokumenten", "Certifying copies of documents", "Beglaubigung"),
]
QUALIFIERS_DE = [
    ("für Minderjährige", "for minors"),
    ("im Ausland", "abroad"),
    ("bei Verlust", "after a loss"),
    ("Verlängerung", "renewal"),
    ("Änderung", "change"),
    ("für Unternehmen", "for businesses"),
    ("für Vereine", "for associations"),
    ("nach Namensänderung", "after a change of name"),
    ("Eilverfahren", "express procedure"),
    ("mit Vollmacht", "with a power of attorney"),
    ("für Studierende", "for students"),
    ("für Seniorinnen und Senioren", "for senior citizens"),
    ("Ersatzausstellung", "replacement"),
    ("vorläufig", "provisional"),
    ("Widerspruch", "objection"),
    ("Auskunft", "information"),
    ("Erstantrag", "first application"),
    ("Folgeantrag", "follow-up application"),
    ("Zweitschrift", "duplicate"),
    ("barrierefreie Beratung", "accessible advice"),
]
DISTRICTS = [
    "Altstadt-Lehel",
    "Maxvorstadt",
    "Schwabing",
    "Haidhausen",
    "Sendling",
    "Neuhausen",
    "Moosach",
    "Bogenhausen",
    "Trudering",
    "Perlach",
    "Giesing",
    "Pasing",
    "Laim",
    "Hadern",
    "Freimann",
]
SENTENCES_DE = [
    "Die {word} erledigen Sie persönlich in einem Bürgerbüro oder, wo möglich, online.",
    "Bitte vereinbaren Sie vorab einen Termin, damit Sie nicht warten müssen.",
    "Bringen Sie einen gültigen Personalausweis oder Reisepass mit.",
    "Die Gebühr richtet sich nach der Gebührenordnung der Landeshauptstadt München.",
    "Für die {word} ist das Kreisverwaltungsreferat zuständig.",
    "Die Bearbeitung dauert in der Regel zwei bis vier Wochen.",
    "Minderjährige brauchen die Zustimmung aller Sorgeberechtigten.",
    "Sie können eine andere Person mit einer schriftlichen Vollmacht schicken.",
    "Wenn Sie Unterlagen in einer fremden Sprache einreichen, legen Sie eine Übersetzung bei.",
    "Die Frist beginnt mit dem Tag des Ereignisses.",
    "Bei Fragen hilft Ihnen die Behördennummer 115 weiter.",
    "Die {word} gilt in ganz Deutschland.",
]
SENTENCES_EN = [
    "You can do this in person at a citizens' office or, where possible, online.",
    "Please book an appointment first so that you do not have to wait.",
    "Bring a valid identity card or passport.",
    "The fee follows the City of Munich's schedule of fees.",
    "The Department of Public Order is responsible.",
    "Processing usually takes two to four weeks.",
    "Minors need the consent of everyone with parental responsibility.",
    "You can send someone else with a written power of attorney.",
    "If your documents are in another language, add a translation.",
    "The deadline starts on the day of the event.",
    "Call 115, the public-authority number, if you have questions.",
]


def _variants():
    """Endless distinct (base, qualifier, district) combinations in a fixed pseudo-random order."""
    combinations = list(
        itertools.product(range(len(BASES)), range(len(QUALIFIERS_DE)), range(len(DISTRICTS)))
    )
    random.Random(4).shuffle(combinations)
    yield from combinations


def _ensure_structure():
    situations = list(LifeSituation.objects.all())
    if not situations:
        situations = [
            LifeSituation.objects.create(slug=f"{PREFIX}{slug}", name_de=name, name_en=name_en)
            for slug, name, name_en in [
                ("umzug", "Umzug", "Moving house"),
                ("ausweis", "Ausweis und Pass", "ID and passport"),
                ("auto", "Auto und Parken", "Car and parking"),
                ("familie", "Familie", "Family"),
                ("arbeit", "Arbeit", "Work"),
            ]
        ]
    topics = list(Topic.objects.all())
    offices = list(Office.objects.published())
    if not offices:
        offices = [
            Office.objects.create(
                slug=f"{PREFIX}buergerbuero-{number}",
                name_de=f"Bürgerbüro {district}",
                name_en=f"Citizens' Office {district}",
                kind=Office.Kind.CITIZENS_OFFICE,
                status=PublicationStatus.PUBLISHED,
                street=f"Musterstraße {number}",
                postal_code=f"80{number:03d}",
            )
            for number, district in enumerate(DISTRICTS[:5], start=1)
        ]
    return situations, topics, offices


def delete_generated() -> int:
    """Remove the generated services with plain SQL: the ORM would write a history row and
    send signals for each of them, which takes minutes at 10,000."""
    pattern = f"{PREFIX}%"
    with connection.cursor() as cursor:
        for table in (
            "services_service_life_situations",
            "services_service_topics",
            "services_service_offices",
        ):
            cursor.execute(
                f"DELETE FROM {table} WHERE service_id IN "  # noqa: S608 (fixed table names)
                "(SELECT id FROM services_service WHERE slug LIKE %s)",
                [pattern],
            )
        cursor.execute("DELETE FROM services_service WHERE slug LIKE %s", [pattern])
        return cursor.rowcount


def generate_services(*, count: int, seed: int = 7, replace: bool = True) -> int:
    """Create ``count`` published services (and relations); returns how many were made."""
    rng = random.Random(seed)
    with transaction.atomic():
        if replace:
            delete_generated()
        situations, topics, offices = _ensure_structure()
        existing = set(
            Service.objects.filter(slug__startswith=PREFIX).values_list("slug", flat=True)
        )
        through_situations = Service.life_situations.through
        through_topics = Service.topics.through
        through_offices = Service.offices.through
        made = 0
        variants = _variants()
        while made < count:
            batch = []
            for base_index, qualifier_index, district_index in itertools.islice(
                variants, min(BATCH_SIZE, count - made)
            ):
                name_de, name_en, word = BASES[base_index]
                qualifier_de, qualifier_en = QUALIFIERS_DE[qualifier_index]
                district = DISTRICTS[district_index]
                full_name_de = f"{name_de} {DASH} {qualifier_de} ({district})"
                full_name_en = f"{name_en} {DASH} {qualifier_en} ({district})"
                slug = f"{PREFIX}{slugify(full_name_de)}"[:200]
                if slug in existing:
                    continue
                existing.add(slug)
                text_de = " ".join(
                    sentence.format(word=word) for sentence in rng.sample(SENTENCES_DE, 6)
                )
                text_en = " ".join(rng.sample(SENTENCES_EN, 5))
                batch.append(
                    Service(
                        slug=slug,
                        name_de=full_name_de,
                        name_en=full_name_en,
                        status=PublicationStatus.PUBLISHED,
                        short_text_de=f"{name_de} {qualifier_de} in {district}: so geht es.",
                        short_text_en=f"{name_en} {qualifier_en} in {district}: how it works.",
                        full_text_de=text_de,
                        full_text_en=text_en,
                        prerequisites_de=rng.choice(SENTENCES_DE).format(word=word),
                        required_documents_de="- Personalausweis oder Reisepass\n- Antragsformular",
                        fees_de=f"{rng.randint(0, 12) * 5} Euro",
                        fees_en=f"{rng.randint(0, 12) * 5} euros",
                        processing_time_de=f"{rng.randint(1, 6)} Wochen",
                        keywords_de=f"{word}, {district}",
                        keywords_en=district,
                        ozg_maturity=rng.choice([0, 1, 2, 3, 3, 4]),
                        online_url=(
                            f"https://stadt.muenchen.de/online/{slug}" if rng.random() < 0.4 else ""
                        ),
                    )
                )
            if not batch:
                break
            created = Service.objects.bulk_create(batch, batch_size=BATCH_SIZE)
            links_situations, links_topics, links_offices = [], [], []
            for service in created:
                for situation in rng.sample(situations, min(2, len(situations))):
                    links_situations.append(
                        through_situations(service_id=service.pk, lifesituation_id=situation.pk)
                    )
                if topics:
                    links_topics.append(
                        through_topics(service_id=service.pk, topic_id=rng.choice(topics).pk)
                    )
                for office in rng.sample(offices, min(rng.randint(1, 3), len(offices))):
                    links_offices.append(
                        through_offices(service_id=service.pk, office_id=office.pk)
                    )
            through_situations.objects.bulk_create(links_situations, batch_size=5000)
            through_topics.objects.bulk_create(links_topics, batch_size=5000)
            through_offices.objects.bulk_create(links_offices, batch_size=5000)
            made += len(created)
        actions.refresh_search_words()
    with connection.cursor() as cursor:
        # VACUUM moves the new rows out of the GIN indexes' pending lists, which every search
        # would otherwise scan linearly; it cannot run inside a transaction (tests).
        cursor.execute(
            "ANALYZE services_service"
            if connection.in_atomic_block
            else "VACUUM (ANALYZE) services_service"
        )
    return made
