"""Demo content for the service catalogue (issue #4): life situations, topics, offices, services.

Plain data, no Django imports, so the demo loader, the benchmark generator and tests can all
read it. The texts follow the FIM/LeiKa text modules and are written in plain language
("Sie"/"you", short sentences). They describe Munich's services to the best of our knowledge in
2026; where a detail varies or changes often, the text stays general instead of guessing.
LeiKa keys have the right shape (14 digits) but are not verified against the FIM catalogue.

Shapes:

* ``LIFE_SITUATIONS``: ``{slug, name_de, name_en, description_de, description_en}``
* ``TOPICS``: ``{slug, name_de, name_en}``
* ``OFFICES``: address, Stadtbezirk, coordinates, contact, public transport, ``accessibility``
  (dict of booleans plus notes), ``opening_hours`` (``(weekday, "HH:MM", "HH:MM")`` with
  0 = Monday) and ``exceptions`` (``{date, closed, opens, closes, note_de, note_en}``; ``opens``
  and ``closes`` are ``None`` on closed days)
* ``SERVICES``: see :func:`services.demo_content_base.service` for the keys
"""

from services.demo_content_base import BUERGERBUEROS, SOZIALBUERGERHAEUSER
from services.demo_content_services_buerger import SERVICES as _BUERGER
from services.demo_content_services_familie import SERVICES as _FAMILIE
from services.demo_content_services_soziales import SERVICES as _SOZIALES
from services.demo_content_services_verkehr import SERVICES as _VERKEHR
from services.demo_content_services_wirtschaft import SERVICES as _WIRTSCHAFT

__all__ = [
    "BUERGERBUEROS",
    "LIFE_SITUATIONS",
    "OFFICES",
    "SERVICES",
    "SOZIALBUERGERHAEUSER",
    "TOPICS",
]

LIFE_SITUATIONS = [
    {
        "slug": "umzug",
        "name_de": "Umzug",
        "name_en": "Moving house",
        "description_de": (
            "Sie ziehen nach München, innerhalb der Stadt um oder ziehen weg. Hier finden Sie, "
            "was Sie melden müssen: Wohnsitz, Fahrzeug, Hund, Parkausweis und Halteverbot für "
            "den Umzugstag."
        ),
        "description_en": (
            "You are moving to Munich, within the city or away from it. Find out what you have "
            "to report: your address, your vehicle, your dog, your parking permit and a "
            "no-parking zone for moving day."
        ),
    },
    {
        "slug": "geburt",
        "name_de": "Geburt",
        "name_en": "Having a baby",
        "description_de": (
            "Ihr Kind ist geboren oder kommt bald zur Welt. Sie brauchen eine Geburtsurkunde, "
            "klären Vaterschaft, Sorgerecht und Namen und beantragen Elterngeld."
        ),
        "description_en": (
            "Your child has been born or is due soon. You need a birth certificate, may need to "
            "settle paternity, custody and the child's name, and can apply for parental "
            "allowance."
        ),
    },
    {
        "slug": "heirat",
        "name_de": "Heirat",
        "name_en": "Getting married",
        "description_de": (
            "Sie möchten heiraten. Melden Sie die Eheschließung beim Standesamt an, wählen Sie "
            "Ihren Namen und ändern Sie danach Ihre Dokumente."
        ),
        "description_en": (
            "You want to get married. Give notice of marriage at the register office, choose "
            "your married name and update your documents afterwards."
        ),
    },
    {
        "slug": "ausweis-und-pass",
        "name_de": "Ausweis und Pass",
        "name_en": "ID card and passport",
        "description_de": (
            "Personalausweis, Reisepass, vorläufige Dokumente und was Sie tun, wenn ein "
            "Ausweis verloren geht."
        ),
        "description_en": (
            "Identity cards, passports, emergency documents and what to do if you lose one."
        ),
    },
    {
        "slug": "auto-und-parken",
        "name_de": "Auto und Parken",
        "name_en": "Cars and parking",
        "description_de": (
            "Fahrzeug zulassen, umschreiben oder abmelden, Führerschein beantragen oder "
            "umtauschen und Parkausweise für Bewohnerinnen, Bewohner und Menschen mit "
            "Behinderung."
        ),
        "description_en": (
            "Register, transfer or deregister a vehicle, apply for or exchange a driving "
            "licence, and get a parking permit for residents or disabled people."
        ),
    },
    {
        "slug": "hund",
        "name_de": "Hund",
        "name_en": "Dogs",
        "description_de": (
            "Sie haben einen Hund aufgenommen oder geben ihn ab. Melden Sie ihn zur "
            "Hundesteuer an oder ab."
        ),
        "description_en": (
            "You have taken in a dog or no longer keep one. Register it for dog tax or "
            "deregister it."
        ),
    },
    {
        "slug": "bauen",
        "name_de": "Bauen",
        "name_en": "Building",
        "description_de": (
            "Sie planen einen Neubau, einen Umbau oder möchten einen Baum fällen. Hier erfahren "
            "Sie, welche Genehmigungen Sie brauchen."
        ),
        "description_en": (
            "You are planning a new building or an alteration, or want to fell a tree. Find "
            "out which permits you need."
        ),
    },
    {
        "slug": "arbeit",
        "name_de": "Arbeit",
        "name_en": "Work",
        "description_de": (
            "Sie suchen Arbeit, brauchen ein Führungszeugnis für einen neuen Job oder kommen "
            "als Fachkraft nach München."
        ),
        "description_en": (
            "You are looking for work, need a certificate of good conduct for a new job or "
            "are coming to Munich as a skilled worker."
        ),
    },
    {
        "slug": "soziales",
        "name_de": "Soziale Unterstützung",
        "name_en": "Social support",
        "description_de": (
            "Sie haben wenig Geld, brauchen Hilfe bei der Miete oder Unterstützung im Alter. "
            "Das Sozialbürgerhaus in Ihrem Viertel berät Sie."
        ),
        "description_en": (
            "You have little money, need help with your rent or support in old age. The "
            "social services centre in your area can advise you."
        ),
    },
    {
        "slug": "familie-und-kinder",
        "name_de": "Familie und Kinder",
        "name_en": "Family and children",
        "description_de": (
            "Kita-Platz, Unterhaltsvorschuss, Leistungen für Bildung und Teilhabe und "
            "Dokumente für Ihre Kinder."
        ),
        "description_en": (
            "Childcare places, advance maintenance payments, education and participation "
            "benefits, and documents for your children."
        ),
    },
    {
        "slug": "todesfall",
        "name_de": "Todesfall",
        "name_en": "When someone dies",
        "description_de": (
            "Ein Mensch ist gestorben. Hier finden Sie, was Angehörige in den ersten Tagen "
            "erledigen müssen und welche Urkunden Sie brauchen."
        ),
        "description_en": (
            "Someone has died. Find out what relatives have to do in the first days and which "
            "certificates you need."
        ),
    },
    {
        "slug": "gewerbe",
        "name_de": "Gewerbe und Selbstständigkeit",
        "name_en": "Business and self-employment",
        "description_de": (
            "Sie gründen ein Unternehmen, eröffnen eine Gaststätte oder geben Ihr Gewerbe auf."
        ),
        "description_en": (
            "You are starting a business, opening a restaurant or bar, or closing your business."
        ),
    },
    {
        "slug": "gesundheit",
        "name_de": "Gesundheit",
        "name_en": "Health",
        "description_de": (
            "Belehrung nach dem Infektionsschutzgesetz, Schwerbehindertenausweis und "
            "Gesundheitsangebote der Stadt."
        ),
        "description_en": (
            "Food hygiene instruction under the Infection Protection Act, severe disability "
            "cards and the city's health services."
        ),
    },
    {
        "slug": "aufenthalt-und-einbuergerung",
        "name_de": "Aufenthalt und Einbürgerung",
        "name_en": "Residence and citizenship",
        "description_de": (
            "Aufenthaltstitel, Verpflichtungserklärung für Besuch aus dem Ausland und die "
            "Einbürgerung in Deutschland."
        ),
        "description_en": (
            "Residence permits, formal obligations for visitors from abroad and becoming a "
            "German citizen."
        ),
    },
    {
        "slug": "wohnen",
        "name_de": "Wohnen",
        "name_en": "Housing",
        "description_de": (
            "Wohngeld, geförderte Wohnungen, Zweitwohnungsteuer, Grundsteuer und Sperrmüll."
        ),
        "description_en": (
            "Housing benefit, subsidised flats, second home tax, property tax and bulky waste."
        ),
    },
    {
        "slug": "verlust-und-fund",
        "name_de": "Verloren und gefunden",
        "name_en": "Lost and found",
        "description_de": (
            "Sie haben etwas verloren oder gefunden, zum Beispiel Ihren Ausweis, Schlüssel "
            "oder ein Fahrrad."
        ),
        "description_en": (
            "You have lost or found something, for example an ID card, keys or a bicycle."
        ),
    },
]

TOPICS = [
    {"slug": "meldewesen", "name_de": "Meldewesen", "name_en": "Residence registration"},
    {"slug": "ausweise", "name_de": "Ausweise und Pässe", "name_en": "ID cards and passports"},
    {"slug": "kfz-zulassung", "name_de": "Kfz-Zulassung", "name_en": "Vehicle registration"},
    {"slug": "fuehrerschein", "name_de": "Führerschein", "name_en": "Driving licences"},
    {"slug": "parken", "name_de": "Parken", "name_en": "Parking"},
    {"slug": "standesamt", "name_de": "Standesamt", "name_en": "Register office"},
    {
        "slug": "steuern-und-abgaben",
        "name_de": "Steuern und Abgaben",
        "name_en": "Taxes and charges",
    },
    {"slug": "soziale-leistungen", "name_de": "Soziale Leistungen", "name_en": "Social benefits"},
    {"slug": "bauen-und-wohnen", "name_de": "Bauen und Wohnen", "name_en": "Building and housing"},
    {"slug": "gewerbe", "name_de": "Gewerbe", "name_en": "Trade and business"},
    {"slug": "umwelt", "name_de": "Umwelt", "name_en": "Environment"},
    {"slug": "tiere", "name_de": "Tiere", "name_en": "Animals"},
    {
        "slug": "auslaenderangelegenheiten",
        "name_de": "Ausländerangelegenheiten",
        "name_en": "Immigration",
    },
    {"slug": "familie", "name_de": "Familie", "name_en": "Family"},
    {"slug": "gesundheit", "name_de": "Gesundheit", "name_en": "Health"},
    {"slug": "fundsachen", "name_de": "Fundsachen", "name_en": "Lost property"},
    {
        "slug": "oeffentlicher-raum",
        "name_de": "Straßen und öffentlicher Raum",
        "name_en": "Streets and public space",
    },
]


# Opening hours -----------------------------------------------------------------------------

# The Bürgerbüros' regular week: long Tuesday for people who work, short Friday.
BUERGERBUERO_HOURS = [
    (0, "07:30", "12:00"),
    (1, "08:30", "12:00"),
    (1, "14:00", "18:00"),
    (2, "07:30", "12:00"),
    (3, "08:30", "15:00"),
    (4, "07:30", "12:00"),
]

KFZ_HOURS = [
    (0, "07:00", "12:00"),
    (1, "08:30", "12:00"),
    (1, "14:00", "17:30"),
    (2, "07:00", "12:00"),
    (3, "08:30", "15:00"),
    (4, "07:00", "12:00"),
]

STANDESAMT_HOURS = [
    (0, "08:00", "12:00"),
    (1, "08:00", "12:00"),
    (2, "08:00", "12:00"),
    (3, "08:00", "12:00"),
    (3, "14:00", "17:00"),
    (4, "08:00", "12:00"),
]

# Weddings only: Tuesday to Friday and some Saturdays.
TRAUSAAL_HOURS = [
    (1, "09:00", "15:00"),
    (2, "09:00", "15:00"),
    (3, "09:00", "15:00"),
    (4, "09:00", "13:00"),
    (5, "09:00", "13:00"),
]

AUSLAENDERBEHOERDE_HOURS = [
    (0, "07:30", "12:00"),
    (1, "07:30", "12:00"),
    (3, "07:30", "12:00"),
    (3, "14:00", "17:30"),
    (4, "07:30", "12:00"),
]

SBH_HOURS = [
    (0, "08:00", "12:00"),
    (1, "08:00", "12:00"),
    (2, "08:00", "12:00"),
    (3, "14:00", "17:30"),
    (4, "08:00", "12:00"),
]

OFFICE_HOURS_MORNINGS = [
    (0, "09:00", "12:00"),
    (1, "09:00", "12:00"),
    (2, "09:00", "12:00"),
    (3, "09:00", "12:00"),
    (3, "14:00", "16:00"),
    (4, "09:00", "12:00"),
]

FUNDBUERO_HOURS = [
    (0, "08:00", "12:00"),
    (1, "08:00", "12:00"),
    (1, "14:00", "18:00"),
    (3, "08:00", "12:00"),
    (4, "08:00", "12:00"),
]


def _closed(date, note_de, note_en):
    return {
        "date": date,
        "closed": True,
        "opens": None,
        "closes": None,
        "note_de": note_de,
        "note_en": note_en,
    }


def _changed(date, opens, closes, note_de, note_en):
    return {
        "date": date,
        "closed": False,
        "opens": opens,
        "closes": closes,
        "note_de": note_de,
        "note_en": note_en,
    }


# Public holidays in Munich (Bavaria, including Mariä Himmelfahrt) from December 2026 to the end
# of 2027, plus Christmas Eve and New Year's Eve, when city offices close as well.
PUBLIC_HOLIDAYS = [
    _closed("2026-12-24", "Heiligabend", "Christmas Eve"),
    _closed("2026-12-25", "1. Weihnachtsfeiertag", "Christmas Day"),
    _closed("2026-12-26", "2. Weihnachtsfeiertag", "Boxing Day (St Stephen's Day)"),
    _closed("2026-12-31", "Silvester", "New Year's Eve"),
    _closed("2027-01-01", "Neujahr", "New Year's Day"),
    _closed("2027-01-06", "Heilige Drei Könige", "Epiphany"),
    _closed("2027-03-26", "Karfreitag", "Good Friday"),
    _closed("2027-03-29", "Ostermontag", "Easter Monday"),
    _closed("2027-05-01", "Tag der Arbeit", "Labour Day"),
    _closed("2027-05-06", "Christi Himmelfahrt", "Ascension Day"),
    _closed("2027-05-17", "Pfingstmontag", "Whit Monday"),
    _closed("2027-05-27", "Fronleichnam", "Corpus Christi"),
    _closed("2027-08-15", "Mariä Himmelfahrt", "Assumption Day"),
    _closed("2027-10-03", "Tag der Deutschen Einheit", "Day of German Unity"),
    _closed("2027-11-01", "Allerheiligen", "All Saints' Day"),
    _closed("2027-12-24", "Heiligabend", "Christmas Eve"),
    _closed("2027-12-25", "1. Weihnachtsfeiertag", "Christmas Day"),
    _closed("2027-12-26", "2. Weihnachtsfeiertag", "Boxing Day (St Stephen's Day)"),
    _closed("2027-12-31", "Silvester", "New Year's Eve"),
]

FASCHINGSDIENSTAG = _changed(
    "2027-02-09",
    "08:30",
    "12:00",
    "Faschingsdienstag: nachmittags geschlossen",
    "Shrove Tuesday (Fasching): closed in the afternoon",
)

STAFF_MEETING = _changed(
    "2027-06-16",
    "10:00",
    "12:00",
    "Personalversammlung: Öffnung erst um 10 Uhr",
    "Staff meeting: opens at 10 am",
)

STANDARD_EXCEPTIONS = [*PUBLIC_HOLIDAYS, FASCHINGSDIENSTAG]
BUERGERBUERO_EXCEPTIONS = [*STANDARD_EXCEPTIONS, STAFF_MEETING]


def _accessibility(
    *,
    step_free_entrance,
    lift,
    accessible_toilet,
    induction_loop,
    disabled_parking,
    notes_de="",
    notes_en="",
):
    return {
        "step_free_entrance": step_free_entrance,
        "lift": lift,
        "accessible_toilet": accessible_toilet,
        "induction_loop": induction_loop,
        "disabled_parking": disabled_parking,
        "notes_de": notes_de,
        "notes_en": notes_en,
    }


FULLY_ACCESSIBLE = _accessibility(
    step_free_entrance=True,
    lift=True,
    accessible_toilet=True,
    induction_loop=True,
    disabled_parking=True,
    notes_de="Stufenloser Zugang, Aufzug in alle Etagen. Induktive Höranlage an Schalter 1.",
    notes_en="Step-free access, lift to all floors. Induction loop at counter 1.",
)


def _office(
    slug,
    *,
    name,
    kind,
    department_code,
    street,
    postal_code,
    stadtbezirk_number,
    latitude,
    longitude,
    phone,
    email,
    transport,
    accessibility,
    opening_hours,
    exceptions,
):
    return {
        "slug": slug,
        "name_de": name[0],
        "name_en": name[1],
        "kind": kind,
        "department_code": department_code,
        "street": street,
        "postal_code": postal_code,
        "city": "München",
        "stadtbezirk_number": stadtbezirk_number,
        "latitude": latitude,
        "longitude": longitude,
        "phone": phone,
        "email": email,
        "transport_de": transport[0],
        "transport_en": transport[1],
        "accessibility": accessibility,
        "opening_hours": list(opening_hours),
        "exceptions": list(exceptions),
    }


OFFICES = [
    _office(
        "buergerbuero-ruppertstrasse",
        name=(
            "Bürgerbüro Ruppertstraße (KVR-Hauptgebäude)",
            "Citizens' Office Ruppertstraße (KVR main building)",
        ),
        kind="buergerbuero",
        department_code="KVR",
        street="Ruppertstraße 19",
        postal_code="80466",
        stadtbezirk_number=2,
        latitude=48.12447,
        longitude=11.55482,
        phone="+49 89 233-96000",
        email="buergerbuero.kvr@muenchen.de",
        transport=(
            "U3 und U6 bis Poccistraße, dann etwa 5 Minuten zu Fuß. "
            "Bus 62 bis Haltestelle Poccistraße.",
            "U3 or U6 to Poccistraße, then about 5 minutes on foot. "
            "Bus 62 to the Poccistraße stop.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=True,
            disabled_parking=True,
            notes_de=(
                "Eigener stufenloser Eingang des Bürgerbüros an der Ruppertstraße. Das "
                "Bürgerbüro liegt im 1. Stock, Aufzüge direkt am Eingang. Zwei "
                "Behindertenparkplätze vor dem Gebäude. Mehrsprachiges Leitsystem."
            ),
            notes_en=(
                "The citizens' office has its own step-free entrance on Ruppertstraße. The "
                "office is on the first floor; lifts are next to the entrance. Two disabled "
                "parking spaces in front of the building. Multilingual signage."
            ),
        ),
        opening_hours=BUERGERBUERO_HOURS,
        exceptions=BUERGERBUERO_EXCEPTIONS,
    ),
    _office(
        "buergerbuero-pasing",
        name=("Bürgerbüro Pasing", "Citizens' Office Pasing"),
        kind="buergerbuero",
        department_code="KVR",
        street="Landsberger Straße 486",
        postal_code="81241",
        stadtbezirk_number=21,
        latitude=48.14695,
        longitude=11.46121,
        phone="+49 89 233-96000",
        email="buergerbuero.kvr@muenchen.de",
        transport=(
            "S-Bahn S3, S4, S6, S8 und S20 bis München-Pasing, dann etwa 5 Minuten zu Fuß. "
            "Tram 19 bis Pasinger Marienplatz.",
            "S-Bahn S3, S4, S6, S8 or S20 to München-Pasing, then about 5 minutes on foot. "
            "Tram 19 to Pasinger Marienplatz.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=False,
            disabled_parking=True,
            notes_de=(
                "Im Pasinger Rathaus. Stufenloser Seiteneingang an der Bäckerstraße mit "
                "Klingel; der Haupteingang hat drei Stufen."
            ),
            notes_en=(
                "In Pasing town hall. Step-free side entrance on Bäckerstraße with a bell; the "
                "main entrance has three steps."
            ),
        ),
        opening_hours=BUERGERBUERO_HOURS,
        exceptions=BUERGERBUERO_EXCEPTIONS,
    ),
    _office(
        "buergerbuero-orleansplatz",
        name=("Bürgerbüro Orleansplatz", "Citizens' Office Orleansplatz"),
        kind="buergerbuero",
        department_code="KVR",
        street="Orleansplatz 11",
        postal_code="81667",
        stadtbezirk_number=5,
        latitude=48.12872,
        longitude=11.60257,
        phone="+49 89 233-96000",
        email="buergerbuero.kvr@muenchen.de",
        transport=(
            "S-Bahn (alle Linien der Stammstrecke) und U5 bis Ostbahnhof, Ausgang "
            "Orleansplatz. Tram 19 und 21 bis Haltestelle Ostbahnhof.",
            "S-Bahn (all lines through the city centre) and U5 to Ostbahnhof, exit "
            "Orleansplatz. Tram 19 or 21 to the Ostbahnhof stop.",
        ),
        accessibility=FULLY_ACCESSIBLE,
        opening_hours=BUERGERBUERO_HOURS,
        exceptions=BUERGERBUERO_EXCEPTIONS,
    ),
    _office(
        "buergerbuero-scheidplatz",
        name=("Bürgerbüro Scheidplatz", "Citizens' Office Scheidplatz"),
        kind="buergerbuero",
        department_code="KVR",
        street="Belgradstraße 77",
        postal_code="80804",
        stadtbezirk_number=4,
        latitude=48.17195,
        longitude=11.57262,
        phone="+49 89 233-96000",
        email="buergerbuero.kvr@muenchen.de",
        transport=(
            "U2 und U3 bis Scheidplatz. Tram 12 und 28 bis Scheidplatz oder "
            "Karl-Theodor-Straße. Mehrere Buslinien halten am Scheidplatz.",
            "U2 or U3 to Scheidplatz. Tram 12 or 28 to Scheidplatz or Karl-Theodor-Straße. "
            "Several bus lines stop at Scheidplatz.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=True,
            disabled_parking=False,
            notes_de=(
                "Neubau, seit 2025 in Betrieb; ersetzt das Bürgerbüro Riesenfeldstraße. "
                "Barrierefreier Schalter direkt im Eingangsbereich. Keine eigenen Parkplätze."
            ),
            notes_en=(
                "New building, open since 2025; it replaces the Riesenfeldstraße office. "
                "Accessible counter right by the entrance. No parking of its own."
            ),
        ),
        opening_hours=BUERGERBUERO_HOURS,
        exceptions=BUERGERBUERO_EXCEPTIONS,
    ),
    _office(
        "buergerbuero-forstenrieder-allee",
        name=("Bürgerbüro Forstenrieder Allee", "Citizens' Office Forstenrieder Allee"),
        kind="buergerbuero",
        department_code="KVR",
        street="Forstenrieder Allee 61a",
        postal_code="81476",
        stadtbezirk_number=19,
        latitude=48.09232,
        longitude=11.51432,
        phone="+49 89 233-96000",
        email="buergerbuero.kvr@muenchen.de",
        transport=(
            "U3 bis Forstenrieder Allee, dann etwa 3 Minuten zu Fuß. "
            "Bus 134 bis Forstenrieder Allee.",
            "U3 to Forstenrieder Allee, then about 3 minutes on foot. "
            "Bus 134 to Forstenrieder Allee.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=False,
            accessible_toilet=True,
            induction_loop=False,
            disabled_parking=True,
            notes_de="Alle Schalter im Erdgeschoss. Ein Behindertenparkplatz im Hof.",
            notes_en="All counters on the ground floor. One disabled parking space in the yard.",
        ),
        opening_hours=BUERGERBUERO_HOURS,
        exceptions=BUERGERBUERO_EXCEPTIONS,
    ),
    _office(
        "buergerbuero-leonrodstrasse",
        name=("Bürgerbüro Leonrodstraße", "Citizens' Office Leonrodstraße"),
        kind="buergerbuero",
        department_code="KVR",
        street="Leonrodstraße 21",
        postal_code="80634",
        stadtbezirk_number=9,
        latitude=48.15962,
        longitude=11.55091,
        phone="+49 89 233-96000",
        email="buergerbuero.kvr@muenchen.de",
        transport=(
            "Tram 20 und 21 bis Leonrodplatz. Bus 53 bis Leonrodplatz.",
            "Tram 20 or 21 to Leonrodplatz. Bus 53 to Leonrodplatz.",
        ),
        accessibility=_accessibility(
            step_free_entrance=False,
            lift=False,
            accessible_toilet=False,
            induction_loop=False,
            disabled_parking=False,
            notes_de=(
                "Kleinster Standort. Zwei Stufen am Eingang, eine mobile Rampe ist auf Anfrage "
                "verfügbar (bitte klingeln). Keine barrierefreie Toilette. Wenn Sie einen "
                "barrierefreien Standort brauchen, wählen Sie die Ruppertstraße oder den "
                "Orleansplatz."
            ),
            notes_en=(
                "The smallest office. Two steps at the entrance; a mobile ramp is available on "
                "request (please ring). No accessible toilet. If you need a fully accessible "
                "office, choose Ruppertstraße or Orleansplatz."
            ),
        ),
        opening_hours=BUERGERBUERO_HOURS,
        exceptions=[
            *BUERGERBUERO_EXCEPTIONS,
            _closed(
                "2027-07-12",
                "Geschlossen wegen Umbauarbeiten",
                "Closed for building work",
            ),
        ],
    ),
    _office(
        "kfz-zulassungsstelle",
        name=("Kfz-Zulassungsstelle", "Vehicle Registration Office"),
        kind="kfz",
        department_code="KVR",
        street="Eichstätter Straße 2",
        postal_code="80686",
        stadtbezirk_number=25,
        latitude=48.13958,
        longitude=11.51003,
        phone="+49 89 233-96010",
        email="kfz-zulassung.kvr@muenchen.de",
        transport=(
            "S-Bahn bis Hirschgarten, dann etwa 10 Minuten zu Fuß. U5 bis Friedenheimer "
            "Straße, weiter mit Bus 51 bis Haltestelle Eichstätter Straße.",
            "S-Bahn to Hirschgarten, then about 10 minutes on foot. U5 to Friedenheimer "
            "Straße, then bus 51 to the Eichstätter Straße stop.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=False,
            disabled_parking=True,
            notes_de=(
                "Kundenparkplatz mit vier Behindertenparkplätzen. Schilderprägestellen liegen "
                "gegenüber dem Eingang."
            ),
            notes_en=(
                "Customer car park with four disabled spaces. Number plate makers are opposite "
                "the entrance."
            ),
        ),
        opening_hours=KFZ_HOURS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "fuehrerscheinstelle",
        name=("Fahrerlaubnisbehörde (Führerscheinstelle)", "Driving Licence Office"),
        kind="other",
        department_code="KVR",
        street="Garmischer Straße 19-21",
        postal_code="81373",
        stadtbezirk_number=7,
        latitude=48.12285,
        longitude=11.52451,
        phone="+49 89 233-96010",
        email="fuehrerschein.kvr@muenchen.de",
        transport=(
            "U6 bis Partnachplatz, dann etwa 7 Minuten zu Fuß. Bus 53 und 130 bis "
            "Haltestelle Garmischer Straße.",
            "U6 to Partnachplatz, then about 7 minutes on foot. Bus 53 or 130 to the "
            "Garmischer Straße stop.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=True,
            disabled_parking=True,
        ),
        opening_hours=KFZ_HOURS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "auslaenderbehoerde",
        name=("Ausländerbehörde München", "Munich Immigration Office"),
        kind="auslaenderbehoerde",
        department_code="KVR",
        street="Ruppertstraße 19",
        postal_code="80466",
        stadtbezirk_number=2,
        latitude=48.12452,
        longitude=11.55521,
        phone="+49 89 233-96030",
        email="auslaenderbehoerde.kvr@muenchen.de",
        transport=(
            "U3 und U6 bis Poccistraße, dann etwa 5 Minuten zu Fuß. "
            "Bus 62 bis Haltestelle Poccistraße.",
            "U3 or U6 to Poccistraße, then about 5 minutes on foot. "
            "Bus 62 to the Poccistraße stop.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=True,
            disabled_parking=True,
            notes_de="Nur mit Termin. Eingang über den Haupteingang des KVR, Aufzüge im Foyer.",
            notes_en="By appointment only. Use the KVR main entrance; lifts in the foyer.",
        ),
        opening_hours=AUSLAENDERBEHOERDE_HOURS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "kvr-gewerbe",
        name=(
            "Kreisverwaltungsreferat - Gewerbeangelegenheiten",
            "Department of Public Order - Trade and Business",
        ),
        kind="other",
        department_code="KVR",
        street="Ruppertstraße 19",
        postal_code="80466",
        stadtbezirk_number=2,
        latitude=48.12461,
        longitude=11.55503,
        phone="+49 89 233-96040",
        email="gewerbe.kvr@muenchen.de",
        transport=(
            "U3 und U6 bis Poccistraße, dann etwa 5 Minuten zu Fuß.",
            "U3 or U6 to Poccistraße, then about 5 minutes on foot.",
        ),
        accessibility=FULLY_ACCESSIBLE,
        opening_hours=OFFICE_HOURS_MORNINGS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "standesamt-muenchen",
        name=("Standesamt München", "Munich Register Office"),
        kind="standesamt",
        department_code="KVR",
        street="Ruppertstraße 11",
        postal_code="80337",
        stadtbezirk_number=2,
        latitude=48.12492,
        longitude=11.55701,
        phone="+49 89 233-96020",
        email="standesamt.kvr@muenchen.de",
        transport=(
            "U3 und U6 bis Poccistraße oder Goetheplatz, dann etwa 5 Minuten zu Fuß.",
            "U3 or U6 to Poccistraße or Goetheplatz, then about 5 minutes on foot.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=True,
            disabled_parking=False,
            notes_de=(
                "Die Trausäle liegen im 5. Stock und sind mit dem Aufzug erreichbar. "
                "Behindertenparkplätze am KVR-Hauptgebäude, Ruppertstraße 19."
            ),
            notes_en=(
                "The wedding rooms are on the fifth floor and can be reached by lift. Disabled "
                "parking at the KVR main building, Ruppertstraße 19."
            ),
        ),
        opening_hours=STANDESAMT_HOURS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "standesamt-pasing",
        name=("Standesamt München-Pasing", "Register Office Munich-Pasing"),
        kind="standesamt",
        department_code="KVR",
        street="Landsberger Straße 486",
        postal_code="81241",
        stadtbezirk_number=21,
        latitude=48.14702,
        longitude=11.46143,
        phone="+49 89 233-96025",
        email="standesamt.pasing.kvr@muenchen.de",
        transport=(
            "S-Bahn bis München-Pasing, dann etwa 5 Minuten zu Fuß. "
            "Tram 19 bis Pasinger Marienplatz.",
            "S-Bahn to München-Pasing, then about 5 minutes on foot. "
            "Tram 19 to Pasinger Marienplatz.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=False,
            disabled_parking=True,
            notes_de=(
                "Im Pasinger Rathaus. Zuständig für die Stadtbezirke Pasing-Obermenzing, "
                "Aubing-Lochhausen-Langwied und Allach-Untermenzing."
            ),
            notes_en=(
                "In Pasing town hall. Responsible for the districts Pasing-Obermenzing, "
                "Aubing-Lochhausen-Langwied and Allach-Untermenzing."
            ),
        ),
        opening_hours=STANDESAMT_HOURS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "standesamt-mandlstrasse",
        name=("Standesamt München - Trausaal Mandlstraße", "Wedding venue Mandlstraße"),
        kind="standesamt",
        department_code="KVR",
        street="Mandlstraße 14",
        postal_code="80802",
        stadtbezirk_number=12,
        latitude=48.15864,
        longitude=11.59037,
        phone="+49 89 233-96020",
        email="standesamt.kvr@muenchen.de",
        transport=(
            "U3 und U6 bis Giselastraße, dann etwa 10 Minuten zu Fuß durch den Englischen "
            "Garten. Bus 54 bis Haltestelle Mandlstraße.",
            "U3 or U6 to Giselastraße, then about 10 minutes on foot through the English "
            "Garden. Bus 54 to the Mandlstraße stop.",
        ),
        accessibility=_accessibility(
            step_free_entrance=False,
            lift=False,
            accessible_toilet=False,
            induction_loop=False,
            disabled_parking=False,
            notes_de=(
                "Nur Trauungen, keine Beratung. Historisches Gebäude mit Stufen am Eingang. "
                "Wenn Sie oder Gäste einen barrierefreien Trausaal brauchen, heiraten Sie in "
                "der Ruppertstraße 11."
            ),
            notes_en=(
                "Weddings only, no advice desk. Historic building with steps at the entrance. "
                "If you or your guests need an accessible wedding room, marry at "
                "Ruppertstraße 11."
            ),
        ),
        opening_hours=TRAUSAAL_HOURS,
        exceptions=PUBLIC_HOLIDAYS,
    ),
    _office(
        "sbh-laim-schwanthalerhoehe",
        name=(
            "Sozialbürgerhaus Laim-Schwanthalerhöhe",
            "Social Services Centre Laim-Schwanthalerhöhe",
        ),
        kind="sozialbuergerhaus",
        department_code="SOZ",
        street="Ridlerstraße 75",
        postal_code="80339",
        stadtbezirk_number=8,
        latitude=48.13362,
        longitude=11.53021,
        phone="+49 89 233-96801",
        email="sbh-laim-schwanthalerhoehe.soz@muenchen.de",
        transport=(
            "U4 und U5 bis Heimeranplatz, dann etwa 8 Minuten zu Fuß. "
            "Bus 62 bis Haltestelle Ridlerstraße.",
            "U4 or U5 to Heimeranplatz, then about 8 minutes on foot. "
            "Bus 62 to the Ridlerstraße stop.",
        ),
        accessibility=FULLY_ACCESSIBLE,
        opening_hours=SBH_HOURS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "sbh-pasing",
        name=("Sozialbürgerhaus Pasing", "Social Services Centre Pasing"),
        kind="sozialbuergerhaus",
        department_code="SOZ",
        street="Landsberger Straße 486",
        postal_code="81241",
        stadtbezirk_number=21,
        latitude=48.14688,
        longitude=11.46098,
        phone="+49 89 233-96802",
        email="sbh-pasing.soz@muenchen.de",
        transport=(
            "S-Bahn bis München-Pasing, dann etwa 5 Minuten zu Fuß. "
            "Tram 19 bis Pasinger Marienplatz.",
            "S-Bahn to München-Pasing, then about 5 minutes on foot. "
            "Tram 19 to Pasinger Marienplatz.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=False,
            disabled_parking=True,
        ),
        opening_hours=SBH_HOURS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "sbh-milbertshofen-am-hart",
        name=(
            "Sozialbürgerhaus Milbertshofen-Am Hart und Feldmoching-Hasenbergl",
            "Social Services Centre Milbertshofen-Am Hart and Feldmoching-Hasenbergl",
        ),
        kind="sozialbuergerhaus",
        department_code="SOZ",
        street="Knorrstraße 101-103",
        postal_code="80807",
        stadtbezirk_number=11,
        latitude=48.18528,
        longitude=11.57288,
        phone="+49 89 233-96803",
        email="sbh-nord.soz@muenchen.de",
        transport=(
            "U2 bis Dülferstraße oder Am Hart, dann Bus 140 bis Haltestelle Knorrstraße.",
            "U2 to Dülferstraße or Am Hart, then bus 140 to the Knorrstraße stop.",
        ),
        accessibility=FULLY_ACCESSIBLE,
        opening_hours=SBH_HOURS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "sbh-neuhausen-moosach",
        name=("Sozialbürgerhaus Neuhausen-Moosach", "Social Services Centre Neuhausen-Moosach"),
        kind="sozialbuergerhaus",
        department_code="SOZ",
        street="Ehrenbreitsteiner Straße 24",
        postal_code="80993",
        stadtbezirk_number=10,
        latitude=48.17958,
        longitude=11.52431,
        phone="+49 89 233-96804",
        email="sbh-neuhausen-moosach.soz@muenchen.de",
        transport=(
            "U1 bis Westfriedhof oder Georg-Brauchle-Ring, dann etwa 10 Minuten zu Fuß. "
            "Tram 20 bis Haltestelle Baldurstraße.",
            "U1 to Westfriedhof or Georg-Brauchle-Ring, then about 10 minutes on foot. "
            "Tram 20 to the Baldurstraße stop.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=False,
            disabled_parking=False,
        ),
        opening_hours=SBH_HOURS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "sbh-ramersdorf-perlach",
        name=("Sozialbürgerhaus Ramersdorf-Perlach", "Social Services Centre Ramersdorf-Perlach"),
        kind="sozialbuergerhaus",
        department_code="SOZ",
        street="Thomas-Dehler-Straße 16",
        postal_code="81737",
        stadtbezirk_number=16,
        latitude=48.10392,
        longitude=11.64613,
        phone="+49 89 233-96805",
        email="sbh-ramersdorf-perlach.soz@muenchen.de",
        transport=(
            "U5 und U8 bis Therese-Giehse-Allee oder Neuperlach Zentrum, dann etwa 5 "
            "Minuten zu Fuß.",
            "U5 or U8 to Therese-Giehse-Allee or Neuperlach Zentrum, then about 5 minutes on foot.",
        ),
        accessibility=FULLY_ACCESSIBLE,
        opening_hours=SBH_HOURS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "amt-fuer-wohnen-und-migration",
        name=("Amt für Wohnen und Migration", "Office for Housing and Migration"),
        kind="other",
        department_code="SOZ",
        street="Franziskanerstraße 8",
        postal_code="81669",
        stadtbezirk_number=5,
        latitude=48.12614,
        longitude=11.59183,
        phone="+49 89 233-96840",
        email="wohnen.soz@muenchen.de",
        transport=(
            "S-Bahn bis Rosenheimer Platz, dann etwa 5 Minuten zu Fuß. "
            "Tram 15 und 25 bis Rosenheimer Platz.",
            "S-Bahn to Rosenheimer Platz, then about 5 minutes on foot. "
            "Tram 15 or 25 to Rosenheimer Platz.",
        ),
        accessibility=FULLY_ACCESSIBLE,
        opening_hours=OFFICE_HOURS_MORNINGS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "lokalbaukommission",
        name=(
            "Lokalbaukommission (Bauaufsicht) - Beratungszentrum",
            "Local Building Commission (building control) - advice centre",
        ),
        kind="other",
        department_code="PLAN",
        street="Blumenstraße 19",
        postal_code="80331",
        stadtbezirk_number=1,
        latitude=48.13362,
        longitude=11.57151,
        phone="+49 89 233-96484",
        email="plan.lbk-beratung@muenchen.de",
        transport=(
            "U1, U2, U3 und U6 bis Sendlinger Tor, dann etwa 5 Minuten zu Fuß. "
            "Bus 52 und 62 bis Blumenstraße.",
            "U1, U2, U3 or U6 to Sendlinger Tor, then about 5 minutes on foot. "
            "Bus 52 or 62 to Blumenstraße.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=False,
            disabled_parking=False,
            notes_de="Persönliche Beratung nur mit Termin.",
            notes_en="Face-to-face advice by appointment only.",
        ),
        opening_hours=OFFICE_HOURS_MORNINGS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "baumschutz",
        name=(
            "Referat für Stadtplanung und Bauordnung - Baumschutz",
            "Department of Urban Planning - Tree protection",
        ),
        kind="other",
        department_code="PLAN",
        street="Blumenstraße 28b",
        postal_code="80331",
        stadtbezirk_number=1,
        latitude=48.13315,
        longitude=11.57042,
        phone="+49 89 233-96490",
        email="plan.baumschutz@muenchen.de",
        transport=(
            "U1, U2, U3 und U6 bis Sendlinger Tor, dann etwa 4 Minuten zu Fuß.",
            "U1, U2, U3 or U6 to Sendlinger Tor, then about 4 minutes on foot.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=False,
            disabled_parking=False,
        ),
        opening_hours=[(day, "09:00", "12:00") for day in range(5)],
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "mobilitaetsreferat-parken",
        name=(
            "Mobilitätsreferat - Parkausweise und Verkehrsanordnungen",
            "Department of Mobility - Parking permits and traffic orders",
        ),
        kind="other",
        department_code="MOR",
        street="Implerstraße 9",
        postal_code="81371",
        stadtbezirk_number=6,
        latitude=48.12032,
        longitude=11.55296,
        phone="+49 89 233-96050",
        email="parkausweise.mor@muenchen.de",
        transport=(
            "U3 und U6 bis Implerstraße, dann etwa 2 Minuten zu Fuß.",
            "U3 or U6 to Implerstraße, then about 2 minutes on foot.",
        ),
        accessibility=FULLY_ACCESSIBLE,
        opening_hours=OFFICE_HOURS_MORNINGS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "fundbuero",
        name=("Städtisches Fundbüro", "City Lost Property Office"),
        kind="other",
        department_code="KVR",
        street="Implerstraße 11",
        postal_code="81371",
        stadtbezirk_number=6,
        latitude=48.12011,
        longitude=11.55249,
        phone="+49 89 233-96045",
        email="fundbuero.kvr@muenchen.de",
        transport=(
            "U3 und U6 bis Implerstraße, dann etwa 2 Minuten zu Fuß.",
            "U3 or U6 to Implerstraße, then about 2 minutes on foot.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=False,
            disabled_parking=False,
            notes_de="Schlüssel können Sie ohne Termin im Erdgeschoss ansehen.",
            notes_en="You can look through found keys on the ground floor without an appointment.",
        ),
        opening_hours=FUNDBUERO_HOURS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "stadtkaemmerei-steueramt",
        name=(
            "Stadtkämmerei - Kassen- und Steueramt",
            "City Treasury - Cash and Tax Office",
        ),
        kind="other",
        department_code="SKA",
        street="Herzog-Wilhelm-Straße 11",
        postal_code="80331",
        stadtbezirk_number=1,
        latitude=48.13652,
        longitude=11.56651,
        phone="+49 89 233-96060",
        email="steueramt.ska@muenchen.de",
        transport=(
            "U1, U2, U3 und U6 bis Sendlinger Tor oder S-Bahn und U4, U5 bis Karlsplatz "
            "(Stachus), dann etwa 5 Minuten zu Fuß.",
            "U1, U2, U3 or U6 to Sendlinger Tor, or S-Bahn, U4 or U5 to Karlsplatz "
            "(Stachus), then about 5 minutes on foot.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=False,
            disabled_parking=False,
        ),
        opening_hours=[(day, "08:30", "12:00") for day in range(5)],
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "gesundheitsreferat",
        name=("Gesundheitsreferat - Bürgerservice", "Department of Health - Public desk"),
        kind="other",
        department_code="GSR",
        street="Bayerstraße 28a",
        postal_code="80335",
        stadtbezirk_number=2,
        latitude=48.13961,
        longitude=11.55953,
        phone="+49 89 233-96070",
        email="gesundheitsreferat@muenchen.de",
        transport=(
            "S-Bahn, U-Bahn und Tram bis Hauptbahnhof oder Karlsplatz (Stachus), dann etwa "
            "5 Minuten zu Fuß.",
            "S-Bahn, U-Bahn or tram to Hauptbahnhof or Karlsplatz (Stachus), then about "
            "5 minutes on foot.",
        ),
        accessibility=FULLY_ACCESSIBLE,
        opening_hours=[(day, "08:00", "12:00") for day in range(5)],
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "rbs-kita-elternberatung",
        name=(
            "Referat für Bildung und Sport - Kita-Elternberatung",
            "Department of Education and Sports - Childcare advice for parents",
        ),
        kind="other",
        department_code="RBS",
        street="Bayerstraße 28",
        postal_code="80335",
        stadtbezirk_number=2,
        latitude=48.13975,
        longitude=11.55991,
        phone="+49 89 233-96771",
        email="kita-elternberatung.rbs@muenchen.de",
        transport=(
            "S-Bahn, U-Bahn und Tram bis Hauptbahnhof oder Karlsplatz (Stachus), dann etwa "
            "5 Minuten zu Fuß.",
            "S-Bahn, U-Bahn or tram to Hauptbahnhof or Karlsplatz (Stachus), then about "
            "5 minutes on foot.",
        ),
        accessibility=FULLY_ACCESSIBLE,
        opening_hours=OFFICE_HOURS_MORNINGS,
        exceptions=STANDARD_EXCEPTIONS,
    ),
    _office(
        "awm-kundenservice",
        name=(
            "Abfallwirtschaftsbetrieb München (AWM) - Kundenservice",
            "Munich Waste Management (AWM) - Customer service",
        ),
        kind="other",
        department_code="KR",
        street="Georg-Brauchle-Ring 29",
        postal_code="80992",
        stadtbezirk_number=10,
        latitude=48.17712,
        longitude=11.53264,
        phone="+49 89 233-96200",
        email="awm-kundenservice@muenchen.de",
        transport=(
            "U1 bis Georg-Brauchle-Ring, dann etwa 3 Minuten zu Fuß.",
            "U1 to Georg-Brauchle-Ring, then about 3 minutes on foot.",
        ),
        accessibility=_accessibility(
            step_free_entrance=True,
            lift=True,
            accessible_toilet=True,
            induction_loop=False,
            disabled_parking=True,
        ),
        opening_hours=[(day, "08:00", "16:00") for day in range(5)],
        exceptions=STANDARD_EXCEPTIONS,
    ),
]

SERVICES = [*_BUERGER, *_VERKEHR, *_FAMILIE, *_SOZIALES, *_WIRTSCHAFT]
