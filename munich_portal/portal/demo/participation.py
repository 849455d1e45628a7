"""Demo participation data for ``make run``: four real Munich processes with phases, events at
real places, documents, and registrations from the online and the paper channel; idempotent.

Dates are laid around the day of loading so that every status shows: Innenstadtkonzept and Freiham
are running, Freiraumnutzung is upcoming, the Hochhausstudie is finished. Online registrations are
written as rows (no e-mails go out while loading); paper registrations go through the paper
channel's own actions (a batch of printed forms, sheets typed in), so batches, letters and the
shared capacity look as they do in real use.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum

from munich_portal.core.models import Department, Stadtbezirk
from munich_portal.core.timezone import MUNICH, today_in_munich
from participation.models import (
    Channel,
    ConsentText,
    Event,
    Phase,
    Process,
    ProcessDocument,
    ProcessStatus,
    Registration,
    RegistrationStatus,
    Topic,
)

CONSENT = {
    "version": "2026-1",
    "valid_from": dt.date(2026, 1, 1),
    "text_de": (
        "Ich willige ein, dass die Landeshauptstadt München meine Angaben verwendet, um diese "
        "Veranstaltung zu organisieren: meinen Platz zu bestätigen, die Warteliste zu führen, "
        "mich am Einlass einzuchecken und die Unterstützung vorzubereiten, die ich angegeben "
        "habe. Angaben zu meinem Unterstützungsbedarf werden nur dafür verwendet. Die Angaben "
        "werden sechs Monate nach der Veranstaltung gelöscht. Ich kann meine Einwilligung "
        "jederzeit widerrufen, indem ich die Anmeldung storniere."
    ),
    "text_en": (
        "I agree that the City of Munich uses my details to organise this event: to confirm my "
        "place, keep the waiting list, check me in at the entrance and prepare the support I "
        "asked for. Details about the support I need are used only for this. The details are "
        "deleted six months after the event. I can withdraw my consent at any time by cancelling "
        "the registration."
    ),
    "privacy_notice_de": (
        "Verantwortlich: Landeshauptstadt München, Marienplatz 8, 80331 München. "
        "Datenschutzbeauftragter: datenschutz@muenchen.de. Zweck: Organisation der "
        "Beteiligungsveranstaltung. Rechtsgrundlage: Art. 6 Abs. 1 lit. e DSGVO, für Angaben zum "
        "Unterstützungsbedarf Ihre Einwilligung (Art. 9 Abs. 2 lit. a DSGVO). Empfänger: das "
        "veranstaltende Referat. Speicherdauer: sechs Monate nach der Veranstaltung. Sie haben "
        "das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung und Widerspruch sowie auf "
        "Beschwerde beim Bayerischen Landesbeauftragten für den Datenschutz."
    ),
    "privacy_notice_en": (
        "Controller: City of Munich, Marienplatz 8, 80331 München. Data-protection officer: "
        "datenschutz@muenchen.de. Purpose: organising the participation event. Legal basis: "
        "Art. 6 (1) (e) GDPR; for the support you need, your consent (Art. 9 (2) (a) GDPR). "
        "Recipient: the organising department. Retention: six months after the event. You have "
        "the right of access, rectification, erasure, restriction and objection, and may lodge a "
        "complaint with the Bavarian Data Protection Commissioner."
    ),
}

# (slug, department code, topic, district numbers, phases as (kind, first day, last day) relative
# to today, image colours)
PROCESSES = [
    {
        "slug": "innenstadtkonzept",
        "department": "PLAN",
        "topic": Topic.URBAN_DEVELOPMENT,
        "districts": [1, 2, 3],
        "title_de": "Innenstadtkonzept",
        "title_en": "City centre concept",
        "summary_de": (
            "Wie soll sich Münchens Innenstadt in den nächsten zwanzig Jahren entwickeln? Mehr "
            "Grün, weniger Leerstand, Platz zum Wohnen, Einkaufen und Verweilen: Die Stadt "
            "erarbeitet ein Konzept für die Altstadt und die angrenzenden Viertel und fragt Sie."
        ),
        "summary_en": (
            "How should Munich's city centre develop over the next twenty years? More green, "
            "fewer empty shops, room to live, shop and linger: the city is drafting a concept for "
            "the old town and the neighbouring quarters and asks for your views."
        ),
        "description_de": (
            "Die Münchner Innenstadt verändert sich: Der Handel zieht sich teilweise zurück, "
            "Hitzesommer machen schattige Plätze wichtiger, und viele Menschen wünschen sich mehr "
            "Aufenthaltsqualität ohne Konsumzwang.\n\n"
            "Das Referat für Stadtplanung und Bauordnung erarbeitet deshalb ein "
            "Innenstadtkonzept. Es soll Leitlinien für die Nutzung von Erdgeschossen, für Grün "
            "und Wasser, für den Verkehr und für das Wohnen in der Altstadt festlegen.\n\n"
            "In der Beteiligungsphase können Sie in Werkstätten, bei einem Stadtspaziergang und "
            "in einem Online-Dialog mitreden. Die Ergebnisse fließen in den Entwurf ein, den der "
            "Stadtrat im kommenden Jahr berät."
        ),
        "description_en": (
            "Munich's city centre is changing: some retail is moving out, hot summers make shady "
            "squares more important, and many people want places to spend time without having "
            "to buy something.\n\n"
            "The Department of Urban Planning is therefore drafting a city centre concept with "
            "guidelines for ground floors, green and water, traffic and housing in the old "
            "town.\n\n"
            "During the participation phase you can take part in workshops, a city walk and an "
            "online dialogue. The results feed into the draft the city council discusses next "
            "year."
        ),
        "easy_language": (
            "Die Stadt München plant die Innen-Stadt neu.\n"
            "Die Innen-Stadt ist die Mitte von München.\n"
            "Zum Beispiel der Marien-Platz.\n\n"
            "Die Stadt will wissen:\n"
            "Was ist Ihnen in der Innen-Stadt wichtig?\n"
            "Zum Beispiel: mehr Bäume. Mehr Bänke. Weniger Autos.\n\n"
            "Sie können zu einem Treffen kommen.\n"
            "Dort können Sie Ihre Meinung sagen.\n"
            "Sie können sich im Internet anmelden.\n"
            "Oder mit einem Papier-Formular im Bürger-Büro."
        ),
        "image_alt_de": "Skizze der Münchner Altstadt mit Frauenkirche, Rathausturm und Bäumen",
        "image_alt_en": "Sketch of the old town with the Frauenkirche, town hall tower and trees",
        "contact_email": "innenstadt.plan@muenchen.de",
        "contact_phone": "089 233-22222",
        "phases": [
            ("information", -60, -31),
            ("participation", -30, 30),
            ("evaluation", 31, 90),
            ("results", 91, 150),
        ],
        "colours": ("#e6f0f8", "#005a9f", "#1e6b34"),
        "documents": [
            ("Innenstadtkonzept - Bestandsanalyse", "de"),
            ("City centre concept - summary", "en"),
        ],
    },
    {
        "slug": "freiraumnutzung",
        "department": "BAU",
        "topic": Topic.OPEN_SPACES,
        "districts": [2, 5, 8, 9],
        "title_de": "Freiraumnutzung: Parks, Plätze und Straßen",
        "title_en": "Using open spaces: parks, squares and streets",
        "summary_de": (
            "Wem gehören Münchens Parks, Plätze und Straßen? Die Stadt entwickelt Regeln und "
            "Ideen für eine faire Nutzung öffentlicher Räume - vom Grillen an der Isar bis zu "
            "Sommerstraßen im Viertel."
        ),
        "summary_en": (
            "Who do Munich's parks, squares and streets belong to? The city is developing rules "
            "and ideas for the fair use of public spaces - from barbecues on the Isar to summer "
            "streets in the neighbourhood."
        ),
        "description_de": (
            "Öffentliche Räume sind knapp und begehrt: Familien, Sport, Gastronomie, Kultur, "
            "Lieferverkehr und Erholung teilen sich denselben Platz. Das Baureferat und das "
            "Mobilitätsreferat wollen gemeinsam mit Ihnen klären, wie Konflikte gelöst und neue "
            "Nutzungen ermöglicht werden können.\n\n"
            "Die Beteiligung beginnt mit einem Informationsabend und Rundgängen in vier "
            "Stadtbezirken."
        ),
        "description_en": (
            "Public space is scarce and in demand: families, sport, cafés, culture, deliveries "
            "and recreation share the same places. The Department of Public Works and the "
            "Department of Mobility want to work out with you how conflicts can be solved and "
            "new uses made possible.\n\n"
            "Participation starts with an information evening and walks in four districts."
        ),
        "easy_language": "",
        "image_alt_de": "Zeichnung eines Platzes mit Bäumen, Bänken und spielenden Kindern",
        "image_alt_en": "Drawing of a square with trees, benches and children playing",
        "contact_email": "freiraum.baureferat@muenchen.de",
        "contact_phone": "",
        "phases": [
            ("information", 10, 40),
            ("participation", 41, 100),
            ("evaluation", 101, 160),
        ],
        "colours": ("#e8f4ec", "#1e6b34", "#005a9f"),
        "documents": [],
    },
    {
        "slug": "hochhausstudie",
        "department": "PLAN",
        "topic": Topic.URBAN_DEVELOPMENT,
        "districts": [],
        "title_de": "Hochhausstudie",
        "title_en": "High-rise study",
        "summary_de": (
            "Wo können in München Hochhäuser entstehen, und wo nicht? Die Hochhausstudie "
            "beschreibt Eignungsräume und Kriterien. Die Beteiligung ist abgeschlossen, die "
            "Ergebnisse liegen vor."
        ),
        "summary_en": (
            "Where may high-rise buildings be built in Munich, and where not? The high-rise "
            "study describes suitable areas and criteria. Participation has ended; the results "
            "are published."
        ),
        "description_de": (
            "Die Hochhausstudie legt fest, an welchen Orten Gebäude über 60 Meter das Stadtbild "
            "nicht beeinträchtigen. Sie berücksichtigt Sichtachsen auf die Altstadt, den "
            "Denkmalschutz, die Verkehrsanbindung und das Stadtklima.\n\n"
            "Über 1.200 Beiträge aus der Öffentlichkeitsbeteiligung sind in die Studie "
            "eingeflossen. Der Ergebnisbericht steht unten zum Herunterladen bereit."
        ),
        "description_en": (
            "The high-rise study sets out where buildings over 60 metres do not harm the "
            "cityscape. It considers views of the old town, listed buildings, public transport "
            "and the urban climate.\n\n"
            "More than 1,200 contributions from the public consultation went into the study. The "
            "results report can be downloaded below."
        ),
        "easy_language": (
            "Hoch-Häuser sind sehr hohe Häuser.\n"
            "Die Stadt hat untersucht: Wo dürfen in München Hoch-Häuser stehen?\n"
            "Viele Menschen haben ihre Meinung gesagt.\n"
            "Jetzt gibt es ein Ergebnis.\n"
            "Das Ergebnis können Sie unten lesen."
        ),
        "image_alt_de": "Skizze der Münchner Silhouette mit wenigen hohen Gebäuden am Stadtrand",
        "image_alt_en": "Sketch of Munich's skyline with a few tall buildings on the outskirts",
        "contact_email": "hochhausstudie.plan@muenchen.de",
        "contact_phone": "",
        "phases": [
            ("information", -400, -330),
            ("participation", -329, -240),
            ("evaluation", -239, -120),
            ("results", -119, -30),
        ],
        "colours": ("#f3f5f8", "#4a5360", "#005a9f"),
        "documents": [
            ("Hochhausstudie - Ergebnisbericht", "de"),
            ("Hochhausstudie in Leichter Sprache", "de-x-ls"),
        ],
    },
    {
        "slug": "freiham",
        "department": "PLAN",
        "topic": Topic.HOUSING,
        "districts": [22],
        "title_de": "Freiham - Quartiersmitte Freiham-Nord",
        "title_en": "Freiham - the centre of Freiham-Nord",
        "summary_de": (
            "In Freiham entsteht Münchens größtes Neubaugebiet. Für die Quartiersmitte im "
            "zweiten Realisierungsabschnitt sucht die Stadt Ihre Ideen: Plätze, Treffpunkte, "
            "Läden und Wege."
        ),
        "summary_en": (
            "Freiham is Munich's largest new neighbourhood. For the centre of its second "
            "section, the city wants your ideas: squares, meeting places, shops and paths."
        ),
        "description_de": (
            "Im Westen Münchens wachsen Wohnungen für rund 30.000 Menschen, Schulen, ein "
            "Bildungscampus und ein Landschaftspark. Für die Quartiersmitte Freiham-Nord werden "
            "jetzt die Grundlagen für den städtebaulichen Wettbewerb gelegt.\n\n"
            "Ob Sie schon in Freiham wohnen, bald hinziehen oder in Aubing und Neuaubing zu "
            "Hause sind: Ihre Erfahrungen helfen, die Mitte des neuen Stadtteils gut zu "
            "gestalten."
        ),
        "description_en": (
            "In the west of Munich, homes for about 30,000 people are being built, with schools, "
            "an education campus and a landscape park. The brief for the urban design "
            "competition for the centre of Freiham-Nord is being prepared now.\n\n"
            "Whether you already live in Freiham, are moving there soon or live in Aubing and "
            "Neuaubing: your experience helps to design the centre of the new district well."
        ),
        "easy_language": (
            "Freiham ist ein neuer Stadt-Teil im Westen von München.\n"
            "Dort werden viele neue Wohnungen gebaut.\n"
            "In der Mitte soll ein Platz entstehen.\n"
            "Mit Läden und Treff-Punkten.\n\n"
            "Die Stadt fragt Sie: Was brauchen Sie dort?"
        ),
        "image_alt_de": "Plan des Neubaugebiets Freiham mit Wohnblöcken, Park und S-Bahn",
        "image_alt_en": "Plan of the new Freiham district with housing blocks, park and S-Bahn",
        "contact_email": "freiham.plan@muenchen.de",
        "contact_phone": "089 233-24444",
        "phases": [
            ("information", -90, -46),
            ("participation", -45, 15),
            ("evaluation", 16, 75),
            ("results", 76, 120),
        ],
        "colours": ("#fff4d6", "#005a9f", "#b00020"),
        "documents": [("Freiham-Nord - Rahmenplan (Auszug)", "de")],
    },
]

# process slug, event slug, kind, day offset, start, duration hours, place (office slug or
# (name, address, accessibility de, accessibility en) or None for online), capacity, extra
EVENTS = [
    {
        "process": "innenstadtkonzept",
        "slug": "innenstadt-auftakt",
        "kind": Event.Kind.INFO_EVENING,
        "day": -25,
        "start": (18, 0),
        "hours": 2.5,
        "title_de": "Auftaktveranstaltung Innenstadtkonzept",
        "title_en": "Kick-off: city centre concept",
        "place": (
            "Altes Rathaus, Festsaal",
            "Marienplatz 15, 80331 München",
            "Stufenloser Zugang über den Aufzug im Innenhof; rollstuhlgerechtes WC im Erdgeschoss.",
            "Step-free access by the lift in the courtyard; accessible toilet on the ground floor.",
        ),
        "capacity": 150,
        "support": ["sign_language", "induction_loop", "step_free"],
        "registrations": 38,
    },
    {
        "process": "innenstadtkonzept",
        "slug": "innenstadt-werkstatt-altstadt",
        "kind": Event.Kind.WORKSHOP,
        "day": 6,
        "start": (17, 30),
        "hours": 3,
        "title_de": "Werkstatt: Wohnen und Arbeiten in der Altstadt",
        "title_en": "Workshop: living and working in the old town",
        "description_de": (
            "In kleinen Gruppen arbeiten Sie an Plänen der Altstadt: Wo fehlt Grün, wo Platz zum "
            "Sitzen, wo könnten Wohnungen über Läden entstehen? Moderiert von einem "
            "Planungsbüro, mit Fachleuten aus dem Referat."
        ),
        "description_en": (
            "In small groups you work on maps of the old town: where is green missing, where are "
            "places to sit, where could flats be built above shops? Facilitated by a planning "
            "office, with experts from the department."
        ),
        "place": "buergerbuero-ruppertstrasse",
        "capacity": 40,
        "support": ["sign_language", "induction_loop", "step_free", "childcare"],
        "registrations": 34,
    },
    {
        "process": "innenstadtkonzept",
        "slug": "innenstadt-stadtspaziergang",
        "kind": Event.Kind.WALK,
        "day": 10,
        "start": (14, 0),
        "hours": 2,
        "title_de": "Stadtspaziergang: Vom Sendlinger Tor zum Viktualienmarkt",
        "title_en": "City walk: from Sendlinger Tor to the Viktualienmarkt",
        "description_de": (
            "Ein Rundgang von etwa zwei Kilometern mit Stationen an Plätzen, die sich verändern "
            "sollen. Der Weg ist eben und ohne Stufen; es gibt Pausen mit Sitzgelegenheit."
        ),
        "description_en": (
            "A walk of about two kilometres with stops at squares that are to change. The route "
            "is level and without steps; there are breaks with seating."
        ),
        "place": (
            "Treffpunkt: Sendlinger Tor, am Brunnen",
            "Sendlinger-Tor-Platz, 80336 München",
            "Ebener Weg ohne Stufen, etwa 2 km; U-Bahnhof Sendlinger Tor mit Aufzug.",
            "Level route without steps, about 2 km; Sendlinger Tor underground station has a lift.",
        ),
        "capacity": 25,
        "support": ["step_free", "easy_language"],
        "registrations": 29,
    },
    {
        "process": "innenstadtkonzept",
        "slug": "innenstadt-online-dialog",
        "kind": Event.Kind.ONLINE,
        "day": 14,
        "start": (18, 0),
        "hours": 1.5,
        "title_de": "Online-Dialog Innenstadt",
        "title_en": "Online dialogue: the city centre",
        "place": None,
        "online_url": "https://beteiligung.muenchen.de/innenstadt/online-dialog",
        "capacity": 200,
        "support": ["sign_language", "easy_language"],
        "registrations": 12,
    },
    {
        "process": "freiraumnutzung",
        "slug": "freiraum-infoabend",
        "kind": Event.Kind.INFO_EVENING,
        "day": 21,
        "start": (19, 0),
        "hours": 2,
        "title_de": "Informationsabend: Parks, Plätze und Straßen",
        "title_en": "Information evening: parks, squares and streets",
        "place": "buergerbuero-orleansplatz",
        "capacity": 60,
        "support": ["induction_loop", "step_free"],
        "opens_in_days": 3,
        "registrations": 0,
    },
    {
        "process": "hochhausstudie",
        "slug": "hochhausstudie-ergebnisse",
        "kind": Event.Kind.INFO_EVENING,
        "day": -45,
        "start": (18, 30),
        "hours": 2,
        "title_de": "Vorstellung der Ergebnisse der Hochhausstudie",
        "title_en": "Presentation of the high-rise study's results",
        "place": (
            "Alte Kongresshalle",
            "Theresienhöhe 15, 80339 München",
            "Stufenloser Eingang, Aufzug zu allen Ebenen, induktive Höranlage im Saal.",
            "Step-free entrance, lift to all floors, induction loop in the hall.",
        ),
        "capacity": 300,
        "support": ["sign_language", "induction_loop", "step_free"],
        "registrations": 20,
    },
    {
        "process": "freiham",
        "slug": "freiham-werkstatt-quartiersmitte",
        "kind": Event.Kind.WORKSHOP,
        "day": 3,
        "start": (18, 0),
        "hours": 3,
        "title_de": "Werkstatt Freiham-Nord: die Quartiersmitte",
        "title_en": "Workshop Freiham-Nord: the neighbourhood centre",
        "description_de": (
            "Wie soll die Mitte von Freiham-Nord aussehen? Welche Läden, Treffpunkte und Wege "
            "brauchen Sie im Alltag? Bringen Sie Ihre Erfahrungen mit; Kinderbetreuung vor Ort."
        ),
        "description_en": (
            "What should the centre of Freiham-Nord look like? Which shops, meeting places and "
            "paths do you need every day? Bring your experience; childcare on site."
        ),
        "place": "buergerbuero-pasing",
        "capacity": 30,
        "support": ["sign_language", "step_free", "childcare", "easy_language"],
        "registrations": 22,
        "paper": 8,
    },
    {
        "process": "freiham",
        "slug": "freiham-rundgang",
        "kind": Event.Kind.WALK,
        "day": 12,
        "start": (15, 0),
        "hours": 2,
        "title_de": "Rundgang durch Freiham",
        "title_en": "Walk through Freiham",
        "place": (
            "Treffpunkt: S-Bahnhof Freiham, Ausgang Nord",
            "Hans-Steinkohl-Straße, 81249 München",
            "Der Bahnhof hat Aufzüge; der Weg ist asphaltiert und eben.",
            "The station has lifts; the route is paved and level.",
        ),
        "capacity": 20,
        "support": ["step_free"],
        "waiting_list": False,
        "registrations": 6,
    },
]

FIRST_NAMES = [
    "Anna", "Lukas", "Sophie", "Maximilian", "Marie", "Felix", "Emilia", "Jonas", "Lea", "Paul",
    "Hannah", "Leon", "Mia", "Elias", "Zeynep", "Mehmet", "Olga", "Dragan", "Fatima", "Giulia",
    "Theresa", "Korbinian", "Josefine", "Quirin", "Aylin", "Nikola", "Marta", "Xaver",
]  # fmt: skip
LAST_NAMES = [
    "Huber", "Bauer", "Wagner", "Müller", "Schmid", "Mayer", "Hofmann", "Weber", "Fischer",
    "Gruber", "Brunner", "Yilmaz", "Kovačević", "Rossi", "Nowak", "Schneider", "Lechner",
    "Obermaier", "Demir", "Pichler", "Steiner", "Zimmermann",
]  # fmt: skip
STREETS = [
    ("Landsberger Straße 300", "80687"),
    ("Bodenseestraße 12", "81241"),
    ("Limesstraße 77", "81243"),
    ("Fürstenrieder Straße 5", "80686"),
    ("Sendlinger Straße 40", "80331"),
    ("Zweibrückenstraße 8", "80331"),
]
NEEDS_CYCLE = [
    [],
    [],
    ["wheelchair"],
    [],
    ["sign_language"],
    [],
    ["childcare"],
    [],
    ["induction_loop"],
    ["easy_language", "wheelchair"],
]


def _svg(colours: tuple[str, str, str], label: str) -> bytes:
    """A small abstract illustration (a few kilobytes: light pages)."""
    background, main, accent = colours
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 400" width="960" height="400" '
        f'role="img"><title>{label}</title>'
        f'<rect width="960" height="400" fill="{background}"/>'
        f'<path d="M0 330 L160 250 L300 290 L470 200 L640 260 L800 180 L960 240 V400 H0 Z" '
        f'fill="{main}" opacity="0.85"/>'
        f'<rect x="420" y="90" width="44" height="170" fill="{main}"/>'
        f'<rect x="480" y="60" width="36" height="200" fill="{main}"/>'
        f'<circle cx="220" cy="230" r="46" fill="{accent}"/>'
        f'<circle cx="720" cy="200" r="38" fill="{accent}"/>'
        f'<rect x="0" y="360" width="960" height="40" fill="{accent}" opacity="0.6"/>'
        "</svg>"
    ).encode()


def _pdf(title: str) -> bytes:
    """A one-page PDF with the document's title (a stand-in for the real report)."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 20 Tf 60 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return output


def _local(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=MUNICH)


def load_consent() -> ConsentText:
    consent, _created = ConsentText.objects.update_or_create(
        version=CONSENT["version"], defaults={k: v for k, v in CONSENT.items() if k != "version"}
    )
    return consent


def _load_process(spec: dict, today: dt.date) -> Process:
    department = Department.objects.filter(code=spec["department"]).first()
    if department is None:
        department, _created = Department.objects.get_or_create(
            code=spec["department"], defaults={"name": spec["department"]}
        )
    process, _created = Process.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            "title_de": spec["title_de"],
            "title_en": spec["title_en"],
            "summary_de": spec["summary_de"],
            "summary_en": spec["summary_en"],
            "description_de": spec["description_de"],
            "description_en": spec["description_en"],
            "easy_language_summary": spec["easy_language"],
            "topic": spec["topic"],
            "department": department,
            "image_alt_de": spec["image_alt_de"],
            "image_alt_en": spec["image_alt_en"],
            "contact_email": spec["contact_email"],
            "contact_phone": spec["contact_phone"],
            "status": ProcessStatus.PUBLISHED,
        },
    )
    if not process.image:
        process.image.save(
            f"{spec['slug']}.svg", ContentFile(_svg(spec["colours"], spec["image_alt_de"]))
        )
    process.stadtbezirke.set(Stadtbezirk.objects.filter(number__in=spec["districts"]))
    # Phases move with the day of loading: replace them.
    process.phases.all().delete()
    Phase.objects.bulk_create(
        Phase(
            process=process,
            kind=kind,
            starts_on=today + dt.timedelta(days=first),
            ends_on=today + dt.timedelta(days=last),
        )
        for kind, first, last in spec["phases"]
    )
    for position, (title, language) in enumerate(spec["documents"]):
        document = ProcessDocument.objects.filter(process=process, title=title).first()
        if document is None:
            document = ProcessDocument(
                process=process, title=title, language=language, position=position
            )
            document.file.save(
                f"{spec['slug']}-{position + 1}.pdf", ContentFile(_pdf(title)), save=False
            )
            document.save()
    return process


def _load_event(spec: dict, process: Process, today: dt.date) -> Event:
    from services.models import Office

    day = today + dt.timedelta(days=spec["day"])
    starts_at = _local(day, *spec["start"])
    ends_at = starts_at + dt.timedelta(hours=spec["hours"])
    defaults = {
        "process": process,
        "title_de": spec["title_de"],
        "title_en": spec["title_en"],
        "description_de": spec.get("description_de", ""),
        "description_en": spec.get("description_en", ""),
        "kind": spec["kind"],
        "starts_at": starts_at,
        "ends_at": ends_at,
        "online_url": spec.get("online_url", ""),
        "waiting_list_enabled": spec.get("waiting_list", True),
        "registration_opens_at": (
            _local(today + dt.timedelta(days=spec["opens_in_days"]), 8, 0)
            if spec.get("opens_in_days")
            else None
        ),
        "registration_closes_at": starts_at - dt.timedelta(hours=2),
        "office": None,
        "place_name": "",
        "place_address": "",
        "place_accessibility_de": "",
        "place_accessibility_en": "",
        **{name: name in spec["support"] for name in (
            "sign_language", "induction_loop", "step_free", "childcare", "easy_language",
        )},
    }  # fmt: skip
    place = spec["place"]
    if isinstance(place, str):
        defaults["office"] = Office.objects.filter(slug=place).first()
        if defaults["office"] is None:
            defaults["place_name"] = place.replace("-", " ").title()
    elif place is not None:
        name, address, access_de, access_en = place
        defaults.update(
            place_name=name,
            place_address=address,
            place_accessibility_de=access_de,
            place_accessibility_en=access_en,
        )
    event = Event.objects.filter(slug=spec["slug"]).first()
    if event is None:
        event = Event(slug=spec["slug"], capacity=spec["capacity"], **defaults)
        event.save()
    else:
        for name, value in defaults.items():
            setattr(event, name, value)
        event.save()
    return event


def _person(event_index: int, n: int, *, with_email: bool) -> dict:
    seed = event_index * 7 + n
    first = FIRST_NAMES[seed % len(FIRST_NAMES)]
    last = LAST_NAMES[(seed * 3 + event_index) % len(LAST_NAMES)]
    street, postal_code = STREETS[seed % len(STREETS)]
    local = f"{first}.{last}".lower().replace("č", "c").replace("ü", "ue")
    return {
        "first_name": first,
        "last_name": last,
        "email": f"{local}.{event_index}{n}@example.org" if with_email else "",
        "phone": "" if with_email else f"089 {5500000 + seed * 37}",
        "street": "" if with_email else street,
        "postal_code": "" if with_email else postal_code,
        "city": "" if with_email else "München",
    }


def _load_online_registrations(spec: dict, event: Event, index: int, consent: ConsentText):
    """Online registrations as rows (idempotent by reference); the counter is recomputed."""
    from django.contrib.auth import get_user_model

    resident = get_user_model().objects.filter(email="resident@example.org").first()
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    free = event.capacity - (confirmed.aggregate(n=Sum("number_of_people"))["n"] or 0)
    received = event.starts_at - dt.timedelta(days=20)
    for n in range(spec.get("registrations", 0)):
        reference = f"D{index:02d}-{n:04d}"
        people = 2 if n % 5 == 0 else 1
        user = resident if (n == 0 and index in (1, 6)) else None
        values = _person(index, n, with_email=True)
        if user is not None:
            values.update(first_name="Anna", last_name="Bürger", email=user.email)
        if Registration.objects.filter(reference=reference).exists():
            continue
        if people <= free:
            status = RegistrationStatus.CONFIRMED
            free -= people
        elif event.waiting_list_enabled:
            status = RegistrationStatus.WAITLISTED
        else:
            continue
        Registration.objects.create(
            event=event,
            channel=Channel.ONLINE,
            status=status,
            user=user,
            number_of_people=people,
            access_needs=NEEDS_CYCLE[n % len(NEEDS_CYCLE)],
            consent_version=consent.version,
            consented_at=received + dt.timedelta(hours=n * 3),
            received_at=received + dt.timedelta(hours=n * 3),
            confirmed_at=(
                received + dt.timedelta(hours=n * 3)
                if status == RegistrationStatus.CONFIRMED
                else None
            ),
            checked_in_at=(
                event.starts_at - dt.timedelta(minutes=10)
                if status == RegistrationStatus.CONFIRMED and event.ends_at < _now() and n % 4
                else None
            ),
            reference=reference,
            **values,
        )


def _now():
    from django.utils import timezone

    return timezone.now()


def _recount(event: Event) -> None:
    """The counter is what the confirmed registrations hold (rows were written directly)."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    people = (
        Registration.objects.filter(event=locked, status=RegistrationStatus.CONFIRMED).aggregate(
            n=Sum("number_of_people")
        )["n"]
        or 0
    )
    Event.objects.filter(pk=locked.pk).update(
        confirmed_places=people, capacity=max(locked.capacity, people)
    )


def _load_paper_registrations(spec: dict, event: Event, index: int) -> int:
    """A batch of printed forms at the venue's Bürgerbüro, some typed in by the demo clerk."""
    count = spec.get("paper", 0)
    if not count or event.ends_at < _now():
        return 0
    try:
        from paper import actions as paper_actions
        from paper.models import FormBatch
    except ImportError:
        return 0
    if FormBatch.objects.filter(event=event).exists():
        return 0
    from django.contrib.auth import get_user_model

    clerk = get_user_model().objects.filter(email="erfassung@example.org").first()
    if clerk is None:
        return 0  # the demo clerk (core.demo.load_accounts) enters the sheets
    place = event.office.name_de if event.office else "Bürgerbüro Pasing"
    batch = paper_actions.issue_batch(
        process=event.process, event=event, place=place, sheets=50, issued_by=clerk
    )
    sheets = list(batch.form_sheets.order_by("number")[:count])
    for n, sheet in enumerate(sheets):
        paper_actions.enter_sheet(
            number=sheet.number,
            entered_by=clerk,
            person=_person(index, 100 + n, with_email=False),
            number_of_people=1 + (n % 3 == 0),
            access_needs=NEEDS_CYCLE[(n + 3) % len(NEEDS_CYCLE)],
            event=event,
        )
    return len(sheets)


@transaction.atomic
def load_participation() -> str:
    """Load the demo processes, events and registrations (idempotent)."""
    today = today_in_munich()
    consent = load_consent()
    processes = {spec["slug"]: _load_process(spec, today) for spec in PROCESSES}
    paper = 0
    registrations = 0
    for index, spec in enumerate(EVENTS):
        event = _load_event(spec, processes[spec["process"]], today)
        _load_online_registrations(spec, event, index, consent)
        _recount(event)
        event.refresh_from_db()
        paper += _load_paper_registrations(spec, event, index)
        registrations += Registration.objects.filter(event=event).count()
    return (
        f"{len(processes)} participation processes, {len(EVENTS)} events, "
        f"{registrations} registrations ({paper} new from paper forms)"
    )
