"""The first accessibility statement and the placeholder sign-language video, as plain data.

The data migration ``0002_initial_statement`` creates them on every system (the statement is
legally required from the first day), and
:func:`munich_portal.portal.demo.accessibility.load_accessibility` recreates them after tests have
emptied the database. Plain data, so the migration does not import today's models. The English
texts are those of the interim statement page (issue 1); the German ones say the same.
"""

import datetime as dt

STATEMENT = {
    "conformance": "partial",
    "conformance_text_de": (
        "Die öffentlichen Seiten erfüllen die Anforderungen nach unserem Kenntnisstand; die "
        "unten genannten Teile noch nicht, oder sie sind noch nicht vollständig geprüft."
    ),
    "conformance_text_en": (
        "The public pages meet the requirements as far as we know; the parts listed below do "
        "not yet, or have not yet been checked completely."
    ),
    "alternatives_de": (
        "Wenn Sie einen Teil des Portals nicht nutzen können, melden Sie uns die Barriere und "
        "bitten Sie um die Inhalte in barrierefreier Form, rufen Sie die Behördennummer 115 an "
        "oder besuchen Sie ein Bürgerbüro. Jeden Dienst des Portals können Sie auch persönlich, "
        "am Telefon oder auf Papier nutzen."
    ),
    "alternatives_en": (
        "If you cannot use a part of the portal, you can report the barrier and ask for the "
        "content in an accessible form, call the authorities' number 115, or visit a Bürgerbüro. "
        "Every service of the portal can also be used in person, by phone or on paper."
    ),
    "assessment_date": dt.date(2026, 11, 26),
    "assessment_method": "self",
    "assessment_details_de": (
        "Automatische Tests mit axe-core im Browser Chromium auf jeder Seite, die Gäste, "
        "angemeldete Bürgerinnen und Bürger und Beschäftigte über Links erreichen, für die "
        "WCAG-Regeln der Stufen A und AA, dazu bei 320 Pixeln Breite und 200 % Textgröße. Diese "
        "Tests laufen bei jeder Änderung der Software.\n"
        "Manuelle Prüfungen: Bedienung nur mit der Tastatur, mit einem Screenreader, bei 200 % "
        "Textgröße und bei einer Bildschirmbreite von 320 Pixeln; Prüfung von Überschriften, "
        "Landmarks, Formular-Beschriftungen, Fehlermeldungen und Sprachangaben."
    ),
    "assessment_details_en": (
        "Automated tests with axe-core in the Chromium browser on every page that guests, "
        "logged-in residents and staff reach by following links, for the WCAG rules of levels A "
        "and AA, also at a width of 320 pixels and at 200 % text size. These tests run with every "
        "change to the software.\n"
        "Manual checks: use with the keyboard alone, with a screen reader, at 200 % text size and "
        "at a screen width of 320 pixels; checks of headings, landmarks, form labels, error "
        "messages and language attributes."
    ),
    "prepared_on": dt.date(2026, 11, 26),
    "reviewed_on": dt.date(2026, 11, 26),
    "feedback_email": "barrierefreiheit@muenchen.de",
    "feedback_phone": "115",
    "feedback_postal_address": (
        "Landeshauptstadt München\nIT-Referat, Barrierefreiheit\nAgnes-Pockels-Bogen 21\n"
        "80992 München"
    ),
    "enforcement_body": (
        "Landesamt für Digitalisierung, Breitband und Vermessung (LDBV)\n"
        "Durchsetzungs- und Überwachungsstelle für barrierefreie Informationstechnik\n"
        "Alexandrastraße 4\n80538 München"
    ),
    "enforcement_phone": "089 2129-1111",
    "enforcement_email": "service@geodaten.bayern.de",
    "enforcement_website": "",
}

# description, reason, fixed_by, alternative — per language.
BARRIERS = [
    {
        "description_de": (
            "Der Mitarbeiterbereich (die Verwaltungsoberfläche, in der die Beschäftigten der "
            "Stadt arbeiten) ist noch nicht vollständig mit Screenreadern und der Tastatur "
            "geprüft."
        ),
        "description_en": (
            "The staff area (the administration interface city staff work in) has not yet been "
            "tested completely with screen readers and keyboard."
        ),
        "reason": "being_fixed",
        "fixed_by": dt.date(2027, 6, 30),
        "alternative_de": "Bürgerinnen und Bürger brauchen diesen Bereich nicht.",
        "alternative_en": "Residents do not need it.",
    },
    {
        "description_de": (
            "PDF-Dokumente – gedruckte Beteiligungsformulare, Briefe und Unterlagen von "  # noqa: RUF001
            "Beteiligungsverfahren – sind noch nicht nach PDF/UA geprüft."  # noqa: RUF001
        ),
        "description_en": (
            "PDF documents — printed participation forms, letters and documents of participation "
            "processes — have not yet been checked against PDF/UA."
        ),
        "reason": "being_fixed",
        "fixed_by": dt.date(2027, 3, 31),
        "alternative_de": (
            "Wenn ein PDF für Sie nicht funktioniert, schicken wir Ihnen den Inhalt in einer "
            "anderen Form."
        ),
        "alternative_en": (
            "If a PDF does not work for you, we send you its content in another form."
        ),
    },
    {
        "description_de": (
            "Dokumente, die Referate für Beteiligungsverfahren veröffentlichen (Pläne, Berichte, "
            "Studien), stammen von vielen Autorinnen und Autoren und sind möglicherweise nicht "
            "barrierefrei."
        ),
        "description_en": (
            "Documents that departments publish for participation processes (plans, reports, "
            "studies) come from many authors and may not be accessible."
        ),
        "reason": "being_fixed",
        "fixed_by": dt.date(2027, 12, 31),
        "alternative_de": "Auf Anfrage stellen wir sie in barrierefreier Form bereit.",
        "alternative_en": "We provide them in an accessible form on request.",
    },
    {
        "description_de": (
            "Die Informationen in Deutscher Gebärdensprache werden noch als Video produziert; "
            "bis dahin zeigt die Seite in Gebärdensprache einen Platzhalter, den Text und die "
            "Kontaktwege."
        ),
        "description_en": (
            "The information in German Sign Language is still being produced as a video; until "
            "then the page in sign language shows a placeholder, the text and the ways to "
            "contact us."
        ),
        "reason": "being_fixed",
        "fixed_by": dt.date(2027, 3, 31),
        "alternative_de": (
            "Die Seite in Gebärdensprache nennt die Kontaktwege ohne Telefonanruf, auch über "
            "einen Vermittlungsdienst für gehörlose Menschen."
        ),
        "alternative_en": (
            "The sign-language page lists ways to contact us without a voice call, also through "
            "a relay service for deaf people."
        ),
    },
]

SIGN_LANGUAGE_VIDEO = {
    "title_de": "Digitales München in Deutscher Gebärdensprache",
    "title_en": "Digitales München in German Sign Language",
    "transcript_de": (
        "Willkommen bei Digitales München, dem Portal der Landeshauptstadt München.\n\n"
        "Hier finden Sie die Dienstleistungen der Stadt: was Sie brauchen, was es kostet und "
        "welches Amt zuständig ist. Viele Anträge stellen Sie online, und Termine buchen Sie im "
        "Bürgerbüro.\n\n"
        "Sie können bei der Planung der Stadt mitmachen: Lesen Sie über Beteiligungsverfahren, "
        "melden Sie sich zu Veranstaltungen an und teilen Sie Ihre Ideen.\n\n"
        "Sie brauchen eine Gebärdensprach-Dolmetscherin oder einen Dolmetscher für einen Termin "
        "oder eine Veranstaltung? Sagen Sie es uns bei der Buchung oder Anmeldung. Die Stadt "
        "bezahlt die Dolmetschung.\n\n"
        "Schreiben Sie uns eine E-Mail oder nutzen Sie das Formular „Barriere melden“, wenn "
        "etwas auf dem Portal für Sie nicht funktioniert."
    ),
    "transcript_en": (
        "Welcome to Digitales München, the portal of the City of Munich.\n\n"
        "Here you find the city's services: what you need, what it costs and which office is "
        "responsible. You can submit many requests online and book appointments at a "
        "Bürgerbüro.\n\n"
        "You can take part in the city's planning: read about participation processes, register "
        "for events and share your ideas.\n\n"
        "Do you need a sign-language interpreter for an appointment or an event? Tell us when "
        "you book or register. The city pays for the interpreter.\n\n"
        "Write us an e-mail or use the form “Report a barrier” if something on the portal does "
        "not work for you."
    ),
    "duration_seconds": 30,
    "is_published": True,
}
