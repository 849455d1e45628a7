"""Demo services: residence registration (Meldewesen), ID documents and certificates."""

from services.demo_content_base import BUERGERBUEROS, CONTACT_BUERGERBUERO, service

_MELDE_LEGAL = (
    "Bundesmeldegesetz (BMG), insbesondere §§ 17, 19 und 23 BMG",
    "Federal Registration Act (Bundesmeldegesetz, BMG), in particular sections 17, 19 and 23",
)

SERVICES = [
    service(
        slug="wohnsitz-anmelden",
        leika_key="99115001001000",
        name=("Wohnsitz anmelden", "Register your address"),
        short_text=(
            "Wenn Sie nach München ziehen, müssen Sie sich innerhalb von zwei Wochen anmelden.",
            "If you move to Munich, you must register your address within two weeks.",
        ),
        full_text=(
            "Wer eine Wohnung in München bezieht, muss sich bei der Meldebehörde anmelden. Das "
            "gilt für Ihre Hauptwohnung und für jede Nebenwohnung. Sie melden sich persönlich "
            "in einem Bürgerbüro an oder online mit der Online-Ausweisfunktion Ihres "
            "Personalausweises. Ihre bisherige Wohnung in Deutschland müssen Sie nicht "
            "abmelden: Die alte Meldebehörde erfährt automatisch von Ihrem Umzug.",
            "If you move into a home in Munich, you must register with the registration "
            "authority. This applies to your main home and to any second home. You register in "
            "person at a citizens' office, or online with the online ID function of your German "
            "identity card. You do not need to deregister your previous address in Germany: "
            "your old registration office is told automatically.",
        ),
        prerequisites=(
            "Sie sind in eine Wohnung in München eingezogen. Sie können sich nicht im Voraus "
            "anmelden, erst ab dem Tag des Einzugs.",
            "You have moved into a home in Munich. You cannot register in advance, only from "
            "the day you move in.",
        ),
        required_documents=(
            [
                "Personalausweis, Reisepass oder Passersatz für jede Person, die sich anmeldet",
                "Wohnungsgeberbestätigung (vom Vermieter oder der Vermieterin unterschrieben)",
                "Ausgefüllter Meldeschein (Anmeldung bei der Meldebehörde)",
                "Für Kinder ohne Ausweis: Geburtsurkunde",
                "Wenn jemand anderes Sie anmeldet: schriftliche Vollmacht und Ihr Ausweis",
            ],
            [
                "Identity card, passport or substitute passport for everyone who registers",
                "Landlord's confirmation (Wohnungsgeberbestätigung), signed by your landlord",
                "Completed registration form (Meldeschein)",
                "For children without an ID document: birth certificate",
                "If someone else registers for you: written authorisation and your ID document",
            ],
        ),
        fees=(
            "Die Anmeldung ist kostenlos.",
            "Registration is free of charge.",
        ),
        processing_time=(
            "Die Anmeldung erledigen Sie im Termin in etwa 15 Minuten. Sie erhalten sofort eine "
            "Meldebestätigung. Online dauert es einige Werktage; den Adressaufkleber für Ihren "
            "Ausweis bekommen Sie per Post.",
            "Registration takes about 15 minutes at your appointment, and you get a "
            "confirmation straight away. Online it takes a few working days; the address "
            "sticker for your ID card is sent by post.",
        ),
        procedure=(
            [
                "1. Lassen Sie sich von Ihrem Vermieter oder Ihrer Vermieterin die "
                "Wohnungsgeberbestätigung geben.",
                "2. Buchen Sie einen Termin in einem Bürgerbüro oder melden Sie sich online an.",
                "3. Bringen Sie alle Unterlagen und die Ausweise aller Personen mit.",
                "4. Sie erhalten eine Meldebestätigung. Ihre neue Adresse wird in Ihren "
                "Personalausweis eingetragen.",
            ],
            [
                "1. Ask your landlord for the landlord's confirmation.",
                "2. Book an appointment at a citizens' office, or register online.",
                "3. Bring all documents and the ID documents of everyone who registers.",
                "4. You receive a registration confirmation. Your new address is added to your "
                "identity card.",
            ],
        ),
        deadlines=(
            "Melden Sie sich innerhalb von zwei Wochen nach dem Einzug an. Wer sich zu spät "
            "oder gar nicht anmeldet, begeht eine Ordnungswidrigkeit und kann ein Bußgeld "
            "bekommen.",
            "Register within two weeks of moving in. Registering late or not at all is an "
            "administrative offence and you may be fined.",
        ),
        legal_basis=_MELDE_LEGAL,
        forms=(
            "Meldeschein (Anmeldung bei der Meldebehörde) und Vordruck Wohnungsgeberbestätigung, "
            "beide auf muenchen.de und in jedem Bürgerbüro erhältlich.",
            "Registration form (Meldeschein) and landlord's confirmation form, both available "
            "on muenchen.de and at every citizens' office.",
        ),
        notes=(
            "Wenn Sie ein Auto haben, können Sie im selben Termin die Adresse in Ihrem "
            "Fahrzeugschein ändern lassen. Bringen Sie dafür die Zulassungsbescheinigung Teil I "
            "mit. Wenn Sie eine Nebenwohnung in München haben, müssen Sie in der Regel "
            "Zweitwohnungsteuer zahlen.",
            "If you own a car, the address in your vehicle registration certificate can be "
            "changed at the same appointment. Bring your registration certificate part I. If "
            "you have a second home in Munich, you usually have to pay second home tax.",
        ),
        further_information=(
            "Auf Englisch: Informationen für neue Münchnerinnen und Münchner im Welcome "
            "Center der Stadt.",
            "The city's welcome centre has information for newcomers in English.",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Anmeldung, anmelden, Wohnung anmelden, Zuzug, Einzug, neue Adresse, Meldeadresse, "
            "Meldeschein, Wohnungsgeberbestätigung, Vermieterbescheinigung, Anmeldeformular, "
            "Wohnungsanmeldung, anmeldung wonung, Anmelung, Wohnsitzanmeldung, Hauptwohnsitz, "
            "Nebenwohnsitz, Zweitwohnsitz",
            "registration, register address, Anmeldung, moving to Munich, new address, "
            "residence registration, landlord confirmation, city registration",
        ),
        synonyms="Ummeldung, Umzug melden, Anmeldung, Wohnungsanmeldung, Adresse anmelden",
        easy_language_de=(
            "Sie ziehen in eine Wohnung in München?\n"
            "Dann müssen Sie sich anmelden.\n"
            "Das heißt: Die Stadt schreibt auf, wo Sie wohnen.\n"
            "\n"
            "Sie haben dafür 2 Wochen Zeit.\n"
            "Die Zeit beginnt am Tag vom Einzug.\n"
            "\n"
            "Das brauchen Sie:\n"
            "- Ihren Ausweis oder Ihren Pass.\n"
            "- Ein Blatt von Ihrem Vermieter.\n"
            "  Das Blatt heißt: Wohnungs-Geber-Bestätigung.\n"
            "  Darauf steht: Sie wohnen jetzt in der Wohnung.\n"
            "\n"
            "So geht es:\n"
            "Sie machen einen Termin im Bürger-Büro.\n"
            "Sie gehen mit den Papieren zum Termin.\n"
            "Die Anmeldung kostet nichts."
        ),
        online_url="https://stadt.muenchen.de/buergerservice/wohnsitz-online-anmelden/",
        ozg_maturity=4,
        life_situations=["umzug"],
        topics=["meldewesen"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="wohnsitz-ummelden",
        leika_key="99115001002000",
        name=("Umzug innerhalb Münchens melden", "Report a move within Munich"),
        short_text=(
            "Wenn Sie innerhalb Münchens umziehen, melden Sie Ihre neue Adresse innerhalb von "
            "zwei Wochen.",
            "If you move within Munich, report your new address within two weeks.",
        ),
        full_text=(
            "Auch bei einem Umzug innerhalb der Stadt müssen Sie Ihre neue Wohnung anmelden. "
            "Die alte Adresse wird dabei automatisch abgemeldet. Im Bürgerbüro wird die neue "
            "Adresse auf Ihren Personalausweis geklebt und auf Wunsch in Ihren Fahrzeugschein "
            "eingetragen.",
            "If you move within the city, you still have to register your new home. Your old "
            "address is removed automatically. At the citizens' office your new address is "
            "added to your identity card and, if you wish, to your vehicle registration "
            "certificate.",
        ),
        prerequisites=(
            "Sie sind bereits in München gemeldet und in eine neue Wohnung in München gezogen.",
            "You are already registered in Munich and have moved into a new home in Munich.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass aller Personen, die umziehen",
                "Wohnungsgeberbestätigung für die neue Wohnung",
                "Ausgefüllter Meldeschein",
                "Wenn Sie ein Fahrzeug haben: Zulassungsbescheinigung Teil I",
            ],
            [
                "Identity card or passport of everyone who is moving",
                "Landlord's confirmation for the new home",
                "Completed registration form",
                "If you own a vehicle: registration certificate part I",
            ],
        ),
        fees=(
            "Die Ummeldung ist kostenlos. Für die Änderung der Adresse im Fahrzeugschein fällt "
            "eine Gebühr nach der Gebührenordnung für Maßnahmen im Straßenverkehr an.",
            "Reporting the move is free. Changing the address in your vehicle registration "
            "certificate costs a fee under the road traffic fee regulations.",
        ),
        processing_time=(
            "Sofort im Termin, etwa 15 Minuten.",
            "Done at your appointment in about 15 minutes.",
        ),
        procedure=(
            "Buchen Sie einen Termin im Bürgerbüro oder melden Sie sich online mit der "
            "Online-Ausweisfunktion um. Bringen Sie alle Unterlagen mit.",
            "Book an appointment at a citizens' office, or report the move online with the "
            "online ID function. Bring all documents.",
        ),
        deadlines=(
            "Innerhalb von zwei Wochen nach dem Einzug.",
            "Within two weeks of moving in.",
        ),
        legal_basis=_MELDE_LEGAL,
        forms=(
            "Meldeschein und Wohnungsgeberbestätigung.",
            "Registration form and landlord's confirmation.",
        ),
        notes=(
            "Denken Sie auch an Ihren Bewohnerparkausweis: Er gilt nur für das "
            "Parklizenzgebiet Ihrer bisherigen Adresse.",
            "Remember your residents' parking permit: it is only valid in the parking zone of "
            "your old address.",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Ummeldung, ummelden, Umzug, umgezogen, Adressänderung, neue Adresse, Adresse "
            "ändern, Umzug innerhalb Münchens, Adress Änderung, umelden",
            "move within Munich, change of address, update address, moving house",
        ),
        synonyms="Ummeldung, Umzug melden, Adressänderung, Adresse ändern",
        online_url="https://stadt.muenchen.de/buergerservice/wohnsitz-online-anmelden/",
        ozg_maturity=4,
        life_situations=["umzug"],
        topics=["meldewesen"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="wohnsitz-abmelden",
        leika_key="99115002001000",
        name=("Wohnsitz abmelden", "Deregister your address"),
        short_text=(
            "Abmelden müssen Sie sich nur, wenn Sie ins Ausland ziehen oder eine Nebenwohnung "
            "aufgeben.",
            "You only need to deregister if you move abroad or give up a second home.",
        ),
        full_text=(
            "Wenn Sie innerhalb Deutschlands umziehen, melden Sie sich nur am neuen Wohnort an. "
            "Eine Abmeldung ist nötig, wenn Sie Deutschland verlassen und keine neue Wohnung in "
            "Deutschland beziehen, oder wenn Sie eine Nebenwohnung in München aufgeben. Die "
            "Abmeldung können Sie schriftlich oder im Bürgerbüro erledigen. Sie erhalten eine "
            "Abmeldebestätigung, die Sie zum Beispiel für Versicherungen, Rundfunkbeitrag oder "
            "Behörden im Ausland brauchen.",
            "If you move within Germany, you only register at your new address. You need to "
            "deregister if you leave Germany and do not move into another home in Germany, or "
            "if you give up a second home in Munich. You can deregister in writing or at a "
            "citizens' office. You receive a deregistration certificate, which you may need "
            "for insurers, the broadcasting fee or authorities abroad.",
        ),
        prerequisites=(
            "Sie ziehen ins Ausland oder geben eine Nebenwohnung auf.",
            "You are moving abroad or giving up a second home.",
        ),
        required_documents=(
            [
                "Ausgefüllter und unterschriebener Abmeldeschein",
                "Kopie des Personalausweises oder Reisepasses",
                "Bei Abmeldung durch eine andere Person: Vollmacht",
            ],
            [
                "Completed and signed deregistration form",
                "Copy of your identity card or passport",
                "If someone else deregisters you: written authorisation",
            ],
        ),
        fees=("Die Abmeldung ist kostenlos.", "Deregistration is free of charge."),
        processing_time=(
            "Im Bürgerbüro sofort. Schriftliche Abmeldungen bearbeiten wir in etwa einer Woche; "
            "die Bestätigung schicken wir Ihnen per Post oder E-Mail.",
            "At a citizens' office straight away. Written deregistrations take about a week; "
            "we send the confirmation by post or email.",
        ),
        procedure=(
            "Schicken Sie den ausgefüllten Abmeldeschein mit einer Ausweiskopie per Post oder "
            "E-Mail an das Kreisverwaltungsreferat, oder kommen Sie mit Termin in ein "
            "Bürgerbüro. Geben Sie eine Adresse an, an die wir die Bestätigung schicken können.",
            "Send the completed form with a copy of your ID by post or email to the "
            "Kreisverwaltungsreferat, or book an appointment at a citizens' office. Give us an "
            "address where we can send the confirmation.",
        ),
        deadlines=(
            "Frühestens eine Woche vor dem Auszug, spätestens zwei Wochen danach.",
            "At the earliest one week before you move out, at the latest two weeks after.",
        ),
        legal_basis=(
            "§ 17 Absatz 2 Bundesmeldegesetz (BMG)",
            "Section 17(2) Federal Registration Act (BMG)",
        ),
        forms=("Abmeldeschein (Abmeldung bei der Meldebehörde).", "Deregistration form."),
        notes=(
            "Denken Sie daran, auch Ihren Hund, Ihr Fahrzeug und den Rundfunkbeitrag abzumelden.",
            "Remember to also deregister your dog, your vehicle and the broadcasting fee.",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Abmeldung, abmelden, Wegzug, Auszug, ins Ausland ziehen, Auswanderung, "
            "Nebenwohnung aufgeben, Abmeldebestätigung, Abmeldebescheinigung, abmeldung ausland",
            "deregistration, moving abroad, leaving Germany, Abmeldung, deregister",
        ),
        synonyms="Abmeldung, Wegzug melden, Auszug melden, Abmeldebestätigung",
        ozg_maturity=3,
        life_situations=["umzug"],
        topics=["meldewesen"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="meldebescheinigung-beantragen",
        leika_key="99115006001000",
        name=("Meldebescheinigung beantragen", "Get a certificate of registration"),
        short_text=(
            "Die Meldebescheinigung bestätigt, wo Sie gemeldet sind. Sie bekommen sie sofort "
            "im Bürgerbüro oder online.",
            "A certificate of registration confirms where you are registered. You get it "
            "straight away at a citizens' office or online.",
        ),
        full_text=(
            "Eine Meldebescheinigung brauchen Sie zum Beispiel für die Bank, einen Handyvertrag, "
            "die Rentenversicherung oder die Anmeldung einer Eheschließung. Die einfache "
            "Meldebescheinigung enthält Ihren Namen, Ihr Geburtsdatum, Ihren Geburtsort und "
            "Ihre Adressen. Auf Wunsch nehmen wir weitere Angaben auf, zum Beispiel "
            "Staatsangehörigkeit, Familienstand oder frühere Adressen (erweiterte "
            "Meldebescheinigung).",
            "You need a certificate of registration for example for a bank, a mobile phone "
            "contract, the pension insurance or to give notice of marriage. The simple "
            "certificate shows your name, date and place of birth and your addresses. If you "
            "ask, we add more details such as nationality, marital status or previous "
            "addresses (extended certificate).",
        ),
        prerequisites=(
            "Sie sind in München gemeldet oder waren es früher.",
            "You are or were registered in Munich.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass",
                "Online: Personalausweis mit Online-Ausweisfunktion oder BundID-Konto",
            ],
            [
                "Identity card or passport",
                "Online: identity card with the online ID function, or a BundID account",
            ],
        ),
        fees=(
            "5 Euro. Für die Rentenversicherung ist die Meldebescheinigung kostenlos.",
            "5 euros. A certificate for the pension insurance is free.",
        ),
        processing_time=(
            "Im Bürgerbüro sofort. Online beantragt: Sie erhalten die Bescheinigung in wenigen "
            "Werktagen per Post.",
            "At a citizens' office straight away. Online: you receive it by post within a few "
            "working days.",
        ),
        procedure=(
            "Stellen Sie den Antrag online auf diesem Portal oder kommen Sie mit Termin in ein "
            "Bürgerbüro. Online zahlen Sie direkt im Antrag.",
            "Apply online on this portal, or book an appointment at a citizens' office. Online "
            "you pay as part of the application.",
        ),
        legal_basis=(
            "§ 18 Bundesmeldegesetz (BMG)",
            "Section 18 Federal Registration Act (BMG)",
        ),
        forms=("Online-Antrag auf diesem Portal.", "Online application on this portal."),
        notes=(
            "Eine andere Person kann die Bescheinigung mit Ihrer schriftlichen Vollmacht und "
            "ihrem eigenen Ausweis abholen.",
            "Someone else can collect the certificate with your written authorisation and their "
            "own ID.",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Meldebescheinigung, Meldebestätigung, Anmeldebescheinigung, Wohnsitzbescheinigung, "
            "Aufenthaltsbescheinigung, Meldenachweis, erweiterte Meldebescheinigung, "
            "Meldebescheinigug, Bescheinigung Wohnsitz",
            "certificate of registration, proof of address, residence certificate, "
            "Meldebescheinigung, registration certificate",
        ),
        synonyms="Meldebestätigung, Wohnsitzbescheinigung, Anmeldebestätigung",
        easy_language_de=(
            "Eine Melde-Bescheinigung ist ein Papier.\n"
            "Darauf steht: Hier wohnen Sie.\n"
            "Darauf stehen auch Ihr Name und Ihr Geburts-Datum.\n"
            "\n"
            "Sie brauchen die Melde-Bescheinigung zum Beispiel:\n"
            "- bei der Bank.\n"
            "- für einen Handy-Vertrag.\n"
            "\n"
            "Die Melde-Bescheinigung kostet 5 Euro.\n"
            "Für die Renten-Versicherung kostet sie nichts.\n"
            "\n"
            "Sie können die Melde-Bescheinigung im Internet beantragen.\n"
            "Oder Sie gehen mit Termin ins Bürger-Büro.\n"
            "Bringen Sie Ihren Ausweis mit."
        ),
        online_url="/dienstleistungen/meldebescheinigung-beantragen/antrag/",
        ozg_maturity=4,
        life_situations=["umzug", "heirat", "arbeit"],
        topics=["meldewesen"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="melderegisterauskunft",
        leika_key="99115008001000",
        name=("Melderegisterauskunft beantragen", "Request information from the register"),
        short_text=(
            "Sie möchten die Adresse einer Person in München erfahren. Dafür beantragen Sie "
            "eine einfache Melderegisterauskunft.",
            "You want to find out a person's address in Munich. To do this, apply for simple "
            "information from the population register.",
        ),
        full_text=(
            "Jede Person kann eine einfache Melderegisterauskunft über eine andere Person "
            "beantragen. Sie erhalten Vor- und Familiennamen, Doktorgrad und die aktuellen "
            "Adressen, oder den Hinweis, dass die Person verstorben ist. Sie müssen die Person "
            "eindeutig bezeichnen, zum Beispiel mit Namen und Geburtsdatum oder früherer "
            "Adresse. Wenn für die Person eine Auskunftssperre eingetragen ist, erhalten Sie "
            "keine Auskunft.",
            "Anyone can request simple information about another person from the population "
            "register. You receive their first and last names, doctoral degree and current "
            "addresses, or the information that the person has died. You must identify the "
            "person clearly, for example by name and date of birth or a previous address. If "
            "the person has an information block, you will not receive any information.",
        ),
        prerequisites=(
            "Sie können die gesuchte Person eindeutig bezeichnen. Wenn Sie die Auskunft für "
            "Werbung oder Adresshandel nutzen wollen, müssen Sie das angeben.",
            "You can identify the person clearly. If you want to use the information for "
            "advertising or address trading, you must say so.",
        ),
        required_documents=(
            [
                "Angaben zur gesuchten Person (Name, Geburtsdatum oder letzte bekannte Adresse)",
                "Ihr Personalausweis oder Reisepass",
            ],
            [
                "Details of the person (name, date of birth or last known address)",
                "Your identity card or passport",
            ],
        ),
        fees=(
            "Es fällt eine Gebühr an. Online ist die Auskunft günstiger als schriftlich.",
            "A fee is charged. Online requests cost less than written ones.",
        ),
        processing_time=(
            "Online meist sofort, schriftlich etwa zwei Wochen.",
            "Online usually immediately, in writing about two weeks.",
        ),
        procedure=(
            "Beantragen Sie die Auskunft online über das Melderegisterportal oder schriftlich "
            "beim Kreisverwaltungsreferat.",
            "Apply online through the register portal, or in writing to the "
            "Kreisverwaltungsreferat.",
        ),
        legal_basis=(
            "§§ 44 und 51 Bundesmeldegesetz (BMG)",
            "Sections 44 and 51 Federal Registration Act (BMG)",
        ),
        notes=(
            "Die Auskunft betrifft nur Personen, die in München gemeldet sind oder waren.",
            "Information is only available about people who are or were registered in Munich.",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Melderegisterauskunft, Adresse herausfinden, Adressauskunft, Meldeauskunft, "
            "Adresse suchen, Einwohnermeldeamt Auskunft",
            "address search, register information, find someone's address",
        ),
        synonyms="Adressauskunft, Meldeauskunft, EMA-Auskunft",
        ozg_maturity=4,
        life_situations=["umzug"],
        topics=["meldewesen"],
        offices=["buergerbuero-ruppertstrasse"],
        department_code="KVR",
    ),
    service(
        slug="auskunftssperre-beantragen",
        leika_key="99115010001000",
        name=("Auskunftssperre im Melderegister beantragen", "Block register information"),
        short_text=(
            "Wenn Sie bedroht werden, kann die Stadt Ihre Adresse für Auskünfte sperren.",
            "If you are under threat, the city can block your address from being disclosed.",
        ),
        full_text=(
            "Normalerweise darf jede Person Ihre Adresse beim Melderegister erfragen. Wenn "
            "Ihnen oder einer anderen Person dadurch eine Gefahr für Leben, Gesundheit oder "
            "persönliche Freiheit droht, tragen wir eine Auskunftssperre ein. Dann geben wir "
            "Ihre Adresse nicht mehr an Privatpersonen weiter. Die Sperre gilt zwei Jahre und "
            "kann verlängert werden.",
            "Normally anyone can request your address from the population register. If this "
            "puts your or another person's life, health or personal freedom at risk, we enter "
            "an information block. We will then not give your address to private individuals. "
            "The block lasts two years and can be extended.",
        ),
        prerequisites=(
            "Sie können Tatsachen nennen, die eine Gefahr belegen, zum Beispiel Bedrohungen, "
            "Stalking oder häusliche Gewalt.",
            "You can give facts that show a risk, for example threats, stalking or domestic "
            "violence.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass",
                "Schriftliche Begründung",
                "Nachweise, zum Beispiel Anzeige bei der Polizei, gerichtliche "
                "Schutzanordnung oder Bestätigung einer Beratungsstelle",
            ],
            [
                "Identity card or passport",
                "Written explanation",
                "Evidence, for example a police report, a court protection order or a letter "
                "from a support service",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=(
            "Wir prüfen Ihren Antrag so schnell wie möglich, in dringenden Fällen sofort.",
            "We check your application as quickly as possible, immediately in urgent cases.",
        ),
        procedure=(
            "Stellen Sie den Antrag persönlich im Bürgerbüro Ruppertstraße oder schriftlich. "
            "Legen Sie Ihre Nachweise bei.",
            "Apply in person at the Ruppertstraße citizens' office or in writing. Include your "
            "evidence.",
        ),
        deadlines=(
            "Die Sperre endet nach zwei Jahren. Beantragen Sie die Verlängerung rechtzeitig.",
            "The block ends after two years. Apply for an extension in good time.",
        ),
        legal_basis=(
            "§ 51 Bundesmeldegesetz (BMG)",
            "Section 51 Federal Registration Act (BMG)",
        ),
        notes=(
            "Wenn Sie akut bedroht werden, rufen Sie die Polizei unter 110.",
            "If you are in immediate danger, call the police on 110.",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Auskunftssperre, Adresse sperren, Stalking, Bedrohung, häusliche Gewalt, "
            "Adressschutz, Meldesperre",
            "information block, protect my address, stalking, threat, domestic violence",
        ),
        synonyms="Adresssperre, Meldesperre",
        life_situations=["umzug", "soziales"],
        topics=["meldewesen"],
        offices=["buergerbuero-ruppertstrasse"],
        department_code="KVR",
    ),
    service(
        slug="uebermittlungssperre-einrichten",
        leika_key="99115011001000",
        name=(
            "Widerspruch gegen die Weitergabe von Meldedaten",
            "Object to the disclosure of your registration data",
        ),
        short_text=(
            "Sie können der Weitergabe Ihrer Daten an Parteien, Adressbuchverlage, die "
            "Bundeswehr und bei Jubiläen widersprechen.",
            "You can object to your data being passed to political parties, address book "
            "publishers, the armed forces and for anniversary announcements.",
        ),
        full_text=(
            "Die Meldebehörde darf bestimmte Daten ohne Ihre Einwilligung weitergeben: an "
            "Parteien vor Wahlen, an Adressbuchverlage, an Presse und Mandatsträger bei "
            "Alters- und Ehejubiläen, an das Bundesamt für das Personalmanagement der "
            "Bundeswehr und an Religionsgemeinschaften für Familienangehörige. Gegen jede "
            "dieser Übermittlungen können Sie widersprechen. Der Widerspruch gilt, bis Sie ihn "
            "zurücknehmen.",
            "The registration authority may pass on certain data without your consent: to "
            "political parties before elections, to address book publishers, to the press and "
            "elected officials for birthday and wedding anniversaries, to the armed forces' "
            "personnel office and to religious communities about family members. You can "
            "object to each of these. Your objection applies until you withdraw it.",
        ),
        required_documents=(
            [
                "Ausgefülltes Formular Übermittlungssperren",
                "Personalausweis oder Reisepass (bei persönlicher Abgabe)",
            ],
            [
                "Completed objection form",
                "Identity card or passport (if you hand it in in person)",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=("Wenige Tage.", "A few days."),
        procedure=(
            "Kreuzen Sie auf dem Formular an, welcher Weitergabe Sie widersprechen, und "
            "schicken Sie es unterschrieben an das Kreisverwaltungsreferat. Sie können es auch "
            "bei der Anmeldung im Bürgerbüro abgeben.",
            "Tick the disclosures you object to on the form and send it, signed, to the "
            "Kreisverwaltungsreferat. You can also hand it in when you register.",
        ),
        legal_basis=(
            "§ 36 Absatz 2, § 42 Absatz 3 und § 50 Absatz 5 Bundesmeldegesetz (BMG)",
            "Sections 36(2), 42(3) and 50(5) Federal Registration Act (BMG)",
        ),
        forms=("Formular Übermittlungssperren.", "Objection form (Übermittlungssperren)."),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Übermittlungssperre, Widerspruch Datenweitergabe, Wahlwerbung, Parteien, "
            "Bundeswehr Post, Adressbuch, Jubiläum Zeitung, Datenschutz Meldedaten, "
            "Uebermittlungssperre",
            "opt out, data sharing objection, election advertising, armed forces letter",
        ),
        synonyms="Datensperre, Werbesperre, Widerspruch Wahlwerbung",
        ozg_maturity=2,
        life_situations=["umzug"],
        topics=["meldewesen"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="personalausweis-beantragen",
        leika_key="99102013001000",
        name=("Personalausweis beantragen", "Apply for an identity card"),
        short_text=(
            "Ab 16 Jahren brauchen Sie einen gültigen Personalausweis oder Reisepass. Sie "
            "beantragen ihn persönlich im Bürgerbüro.",
            "From the age of 16 you need a valid identity card or passport. You apply in "
            "person at a citizens' office.",
        ),
        full_text=(
            "Der Personalausweis ist Ihr Ausweis in Deutschland und Reisedokument in der EU und "
            "einigen weiteren Ländern. Sie beantragen ihn persönlich, weil wir Ihre "
            "Fingerabdrücke aufnehmen. Ihr Foto muss digital vorliegen: Sie lassen es im "
            "Bürgerbüro machen oder bei einem Fotostudio, das es elektronisch an uns schickt. "
            "Der neue Ausweis wird bei der Bundesdruckerei hergestellt. Sie holen ihn im "
            "Bürgerbüro ab oder lassen ihn sich nach Hause schicken. Die Online-Ausweisfunktion "
            "ist von Anfang an eingeschaltet.",
            "The identity card is your ID in Germany and a travel document within the EU and "
            "some other countries. You apply in person because we take your fingerprints. "
            "Your photo must be digital: have it taken at the citizens' office or at a photo "
            "studio that sends it to us electronically. The card is produced by the Federal "
            "Printing Office. You collect it at the citizens' office or have it sent to your "
            "home. The online ID function is switched on from the start.",
        ),
        prerequisites=(
            "Sie sind Deutsche oder Deutscher und in München mit Hauptwohnung gemeldet. Kinder "
            "unter 16 Jahren brauchen die Zustimmung aller Sorgeberechtigten.",
            "You are a German citizen and your main home is registered in Munich. Children "
            "under 16 need the consent of everyone with parental custody.",
        ),
        required_documents=(
            [
                "Bisheriger Personalausweis oder Reisepass",
                "Wenn Sie noch keinen Ausweis hatten: Geburtsurkunde",
                "Digitales biometrisches Foto (im Bürgerbüro oder vom Fotostudio übermittelt)",
                "Bei Kindern unter 16: Ausweise und Zustimmung aller Sorgeberechtigten",
            ],
            [
                "Your current identity card or passport",
                "If you have never had an ID: birth certificate",
                "Digital biometric photo (taken at the office or sent by a photo studio)",
                "For children under 16: ID and consent of everyone with parental custody",
            ],
        ),
        fees=(
            [
                "Ab 24 Jahren: 46 Euro (gültig 10 Jahre)",
                "Unter 24 Jahren: 27,60 Euro (gültig 6 Jahre)",
                "Foto im Bürgerbüro: 6 Euro",
                "Versand nach Hause: 15 Euro zusätzlich",
            ],
            [
                "Aged 24 or over: 46 euros (valid for 10 years)",
                "Under 24: 27.60 euros (valid for 6 years)",
                "Photo taken at the citizens' office: 6 euros",
                "Delivery to your home: 15 euros extra",
            ],
        ),
        processing_time=(
            "Etwa drei bis vier Wochen. Sie erhalten eine Nachricht, wenn der Ausweis abholbereit "
            "ist.",
            "About three to four weeks. We tell you when the card is ready to collect.",
        ),
        procedure=(
            [
                "1. Buchen Sie einen Termin in einem Bürgerbüro.",
                "2. Lassen Sie Ihr Foto im Bürgerbüro oder in einem Fotostudio machen.",
                "3. Im Termin nehmen wir Ihre Fingerabdrücke auf. Sie unterschreiben und zahlen.",
                "4. Holen Sie den Ausweis ab oder lassen Sie ihn sich schicken. Ihr alter "
                "Ausweis wird dann ungültig gemacht.",
            ],
            [
                "1. Book an appointment at a citizens' office.",
                "2. Have your photo taken at the office or at a photo studio.",
                "3. At the appointment we take your fingerprints. You sign and pay.",
                "4. Collect the card or have it sent to you. Your old card is then cancelled.",
            ],
        ),
        deadlines=(
            "Beantragen Sie den neuen Ausweis einige Wochen, bevor der alte abläuft. Wer ab 16 "
            "Jahren keinen gültigen Ausweis hat, kann ein Bußgeld bekommen.",
            "Apply a few weeks before your old card expires. If you are 16 or over and have no "
            "valid ID, you may be fined.",
        ),
        legal_basis=(
            "Personalausweisgesetz (PAuswG), Personalausweisverordnung (PAuswV), "
            "Personalausweisgebührenverordnung (PAuswGebV)",
            "Identity Card Act (PAuswG), Identity Card Regulation (PAuswV), Identity Card Fees "
            "Regulation (PAuswGebV)",
        ),
        notes=(
            "Seit 7. Februar 2026 gelten die oben genannten Gebühren. Wenn Sie den Ausweis "
            "dringend brauchen, können Sie zusätzlich einen vorläufigen Personalausweis "
            "beantragen.",
            "The fees above apply since 7 February 2026. If you need ID urgently, you can also "
            "apply for a temporary identity card.",
        ),
        further_information=(
            "Informationen zur Online-Ausweisfunktion: personalausweisportal.de",
            "About the online ID function: personalausweisportal.de",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Personalausweis, Perso, Ausweis, Persnalausweis, Personalausweiß, Personalausweis "
            "verlängern, neuer Ausweis, Ausweis abgelaufen, Ausweis beantragen, ID-Karte, "
            "Identitätskarte, eID, Ausweisdokument",
            "identity card, ID card, German ID, Personalausweis, renew ID, new ID card",
        ),
        synonyms="Perso, Ausweis, ID, Personalausweis verlängern, Ausweis beantragen",
        easy_language_de=(
            "Ein Personal-Ausweis ist eine kleine Karte.\n"
            "Auf der Karte stehen Ihr Name und Ihr Foto.\n"
            "Mit der Karte zeigen Sie: Das bin ich.\n"
            "\n"
            "Ab 16 Jahren brauchen Sie einen Ausweis.\n"
            "Oder einen Reise-Pass.\n"
            "\n"
            "So bekommen Sie einen neuen Ausweis:\n"
            "- Sie machen einen Termin im Bürger-Büro.\n"
            "- Sie bringen Ihren alten Ausweis mit.\n"
            "- Im Bürger-Büro wird ein Foto gemacht.\n"
            "- Man nimmt Ihre Finger-Abdrücke.\n"
            "\n"
            "Der Ausweis kostet 46 Euro.\n"
            "Wenn Sie jünger als 24 Jahre sind: 27 Euro und 60 Cent.\n"
            "\n"
            "Nach 3 bis 4 Wochen ist der Ausweis fertig.\n"
            "Dann holen Sie ihn im Bürger-Büro ab."
        ),
        ozg_maturity=2,
        life_situations=["ausweis-und-pass"],
        topics=["ausweise"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="vorlaeufigen-personalausweis-beantragen",
        leika_key="99102014001000",
        name=("Vorläufigen Personalausweis beantragen", "Apply for a temporary identity card"),
        short_text=(
            "Wenn Sie kurzfristig einen Ausweis brauchen, bekommen Sie sofort einen vorläufigen "
            "Personalausweis. Er gilt höchstens drei Monate.",
            "If you need ID at short notice, you can get a temporary identity card straight "
            "away. It is valid for up to three months.",
        ),
        full_text=(
            "Der vorläufige Personalausweis ist ein Papierdokument. Wir stellen ihn sofort im "
            "Termin aus, zum Beispiel wenn Ihr Ausweis abgelaufen ist, verloren ging oder Sie "
            "kurz vor einer Reise stehen. Er hat keine Online-Ausweisfunktion und wird nicht von "
            "allen Staaten für die Einreise anerkannt. Informieren Sie sich vor der Reise beim "
            "Auswärtigen Amt.",
            "The temporary identity card is a paper document. We issue it at your appointment, "
            "for example if your card has expired or been lost, or you are about to travel. It "
            "has no online ID function and not every country accepts it for entry. Check with "
            "the Federal Foreign Office before you travel.",
        ),
        prerequisites=(
            "Sie brauchen den Ausweis sofort und beantragen in der Regel gleichzeitig einen "
            "regulären Personalausweis.",
            "You need ID immediately and usually apply for a regular identity card at the same "
            "time.",
        ),
        required_documents=(
            [
                "Bisheriger Ausweis oder Reisepass, falls vorhanden",
                "Biometrisches Foto",
                "Bei Verlust: Verlustanzeige",
            ],
            [
                "Your current ID or passport, if you have one",
                "Biometric photo",
                "If lost: report of loss",
            ],
        ),
        fees=("10 Euro.", "10 euros."),
        processing_time=("Sofort im Termin.", "Issued at your appointment."),
        procedure=(
            "Buchen Sie einen Termin im Bürgerbüro und sagen Sie, dass Sie einen vorläufigen "
            "Ausweis brauchen. Für Notfälle halten die Bürgerbüros jeden Tag Termine frei.",
            "Book an appointment at a citizens' office and say you need a temporary card. The "
            "offices keep appointments free every day for urgent cases.",
        ),
        legal_basis=(
            "§ 3 Personalausweisgesetz (PAuswG)",
            "Section 3 Identity Card Act (PAuswG)",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "vorläufiger Personalausweis, Notausweis, Ersatzausweis, Ausweis sofort, "
            "Ausweis schnell, Ausweis Reise morgen, vorlaeufiger Ausweis",
            "temporary ID, emergency ID card, ID today, urgent identity card",
        ),
        synonyms="Notausweis, vorläufiger Perso, Ersatzausweis",
        life_situations=["ausweis-und-pass"],
        topics=["ausweise"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="reisepass-beantragen",
        leika_key="99089003001000",
        name=("Reisepass beantragen", "Apply for a passport"),
        short_text=(
            "Für Reisen außerhalb der EU brauchen Sie meist einen Reisepass. Sie beantragen ihn "
            "persönlich im Bürgerbüro.",
            "For travel outside the EU you usually need a passport. You apply in person at a "
            "citizens' office.",
        ),
        full_text=(
            "Deutsche Staatsangehörige erhalten einen elektronischen Reisepass mit Chip, auf dem "
            "Ihr Foto und zwei Fingerabdrücke gespeichert sind. Auch Kinder brauchen einen "
            "eigenen Reisepass oder Personalausweis. Wenn es eilt, können Sie den Pass im "
            "Expressverfahren bestellen oder einen vorläufigen Reisepass bekommen.",
            "German citizens receive an electronic passport with a chip that stores your photo "
            "and two fingerprints. Children also need their own passport or identity card. If "
            "you are in a hurry, you can order an express passport or get a temporary passport.",
        ),
        prerequisites=(
            "Sie sind Deutsche oder Deutscher und in München mit Hauptwohnung gemeldet.",
            "You are a German citizen and your main home is registered in Munich.",
        ),
        required_documents=(
            [
                "Bisheriger Reisepass oder Personalausweis",
                "Digitales biometrisches Foto",
                "Bei Kindern: Zustimmung aller Sorgeberechtigten und deren Ausweise",
                "Wenn Sie noch kein Dokument hatten: Geburtsurkunde",
            ],
            [
                "Your current passport or identity card",
                "Digital biometric photo",
                "For children: consent and ID of everyone with parental custody",
                "If you have never had a document: birth certificate",
            ],
        ),
        fees=(
            [
                "Ab 24 Jahren: 70 Euro (gültig 10 Jahre)",
                "Unter 24 Jahren: 37,50 Euro (gültig 6 Jahre)",
                "Pass mit 48 statt 32 Seiten: 22 Euro zusätzlich",
                "Expressverfahren: 32 Euro zusätzlich",
                "Vorläufiger Reisepass: 26 Euro",
            ],
            [
                "Aged 24 or over: 70 euros (valid for 10 years)",
                "Under 24: 37.50 euros (valid for 6 years)",
                "48 instead of 32 pages: 22 euros extra",
                "Express service: 32 euros extra",
                "Temporary passport: 26 euros",
            ],
        ),
        processing_time=(
            "Etwa vier Wochen, im Expressverfahren wenige Werktage. Einen vorläufigen "
            "Reisepass erhalten Sie sofort.",
            "About four weeks; a few working days with the express service. A temporary "
            "passport is issued straight away.",
        ),
        procedure=(
            "Buchen Sie einen Termin im Bürgerbüro. Wir nehmen Ihre Fingerabdrücke auf. Sie "
            "holen den Pass persönlich ab oder schicken eine bevollmächtigte Person.",
            "Book an appointment at a citizens' office. We take your fingerprints. You collect "
            "the passport yourself or send someone with your written authorisation.",
        ),
        deadlines=(
            "Prüfen Sie vor der Reise, wie lange Ihr Pass noch gültig sein muss. Viele Länder "
            "verlangen mindestens sechs Monate.",
            "Before you travel, check how long your passport must still be valid. Many "
            "countries require at least six months.",
        ),
        legal_basis=(
            "Passgesetz (PassG), Passverordnung (PassV)",
            "Passport Act (PassG), Passport Regulation (PassV)",
        ),
        notes=(
            "Der vorläufige Reisepass wird nicht von allen Staaten anerkannt, zum Beispiel "
            "nicht für die visumfreie Einreise in die USA.",
            "Not every country accepts the temporary passport; for example, it is not valid for "
            "visa-free entry to the USA.",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Reisepass, Pass, Reisepaß, Reisepas, ePass, Pass verlängern, Expresspass, "
            "Express-Reisepass, vorläufiger Reisepass, Pass abgelaufen, Urlaub Pass, "
            "Pass für Kinder, Kinderpass",
            "passport, German passport, renew passport, express passport, temporary passport, "
            "passport for children",
        ),
        synonyms="Pass, ePass, Reisepaß, Expresspass",
        easy_language_de=(
            "Ein Reise-Pass ist ein kleines Heft.\n"
            "Sie brauchen ihn für Reisen in viele Länder.\n"
            "\n"
            "So bekommen Sie einen Reise-Pass:\n"
            "- Sie machen einen Termin im Bürger-Büro.\n"
            "- Sie bringen Ihren alten Pass oder Ihren Ausweis mit.\n"
            "- Im Bürger-Büro wird ein Foto gemacht.\n"
            "- Man nimmt Ihre Finger-Abdrücke.\n"
            "\n"
            "Der Pass kostet 70 Euro.\n"
            "Wenn Sie jünger als 24 Jahre sind: 37 Euro und 50 Cent.\n"
            "\n"
            "Der Pass ist nach ungefähr 4 Wochen fertig.\n"
            "Planen Sie genug Zeit vor Ihrer Reise ein."
        ),
        ozg_maturity=2,
        life_situations=["ausweis-und-pass"],
        topics=["ausweise"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="kinderreisepass",
        leika_key="99089005001000",
        name=(
            "Kinderreisepass (wird nicht mehr ausgestellt)",
            "Children's passport (no longer issued)",
        ),
        short_text=(
            "Seit 1. Januar 2024 gibt es keine neuen Kinderreisepässe mehr. Kinder bekommen "
            "einen Reisepass oder Personalausweis.",
            "Since 1 January 2024 children's passports are no longer issued. Children get a "
            "regular passport or identity card instead.",
        ),
        full_text=(
            "Der Kinderreisepass wurde abgeschafft. Bereits ausgestellte Kinderreisepässe "
            "bleiben bis zum aufgedruckten Datum gültig, können aber nicht mehr verlängert oder "
            "geändert werden. Für Reisen beantragen Sie für Ihr Kind einen elektronischen "
            "Reisepass oder einen Personalausweis. Beide gelten sechs Jahre.",
            "The children's passport has been abolished. Existing children's passports stay "
            "valid until the printed expiry date but can no longer be extended or changed. For "
            "travel, apply for an electronic passport or identity card for your child. Both are "
            "valid for six years.",
        ),
        prerequisites=(
            "Ihr Kind ist Deutsche oder Deutscher und in München gemeldet.",
            "Your child is a German citizen and registered in Munich.",
        ),
        required_documents=(
            [
                "Geburtsurkunde oder bisheriges Dokument des Kindes",
                "Digitales biometrisches Foto",
                "Zustimmung und Ausweise aller Sorgeberechtigten",
            ],
            [
                "Birth certificate or the child's existing document",
                "Digital biometric photo",
                "Consent and ID of everyone with parental custody",
            ],
        ),
        fees=(
            "Reisepass für Kinder: 37,50 Euro. Personalausweis für Kinder: 27,60 Euro.",
            "Passport for a child: 37.50 euros. Identity card for a child: 27.60 euros.",
        ),
        processing_time=("Etwa vier Wochen.", "About four weeks."),
        procedure=(
            "Buchen Sie einen Termin im Bürgerbüro. Ihr Kind muss mitkommen. Ab sechs Jahren "
            "nehmen wir Fingerabdrücke auf.",
            "Book an appointment at a citizens' office. Your child must come with you. From "
            "age six we take fingerprints.",
        ),
        legal_basis=("Passgesetz (PassG)", "Passport Act (PassG)"),
        notes=(
            "Einige Länder akzeptieren auch bei Kindern nur Reisepässe. Prüfen Sie die "
            "Einreisebestimmungen beim Auswärtigen Amt.",
            "Some countries only accept passports, including for children. Check the entry "
            "rules with the Federal Foreign Office.",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Kinderreisepass, Kinderpass, Kinder Reisepass, Kinderausweis, Pass Baby, "
            "Kinderreisepass verlängern, Kinderreisepaß",
            "children's passport, child passport, baby passport, Kinderreisepass",
        ),
        synonyms="Kinderpass, Kinderausweis",
        life_situations=["ausweis-und-pass", "geburt", "familie-und-kinder"],
        topics=["ausweise", "familie"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="ausweis-verlust-melden",
        leika_key="99102019001000",
        name=(
            "Verlust von Personalausweis oder Reisepass melden",
            "Report a lost identity card or passport",
        ),
        short_text=(
            "Melden Sie einen verlorenen oder gestohlenen Ausweis sofort, damit niemand ihn "
            "missbrauchen kann.",
            "Report a lost or stolen ID document straight away so no one can misuse it.",
        ),
        full_text=(
            "Wenn Ihr Personalausweis oder Reisepass verloren geht oder gestohlen wird, melden "
            "Sie das dem Bürgerbüro. Der Ausweis wird dann gesperrt und im Fahndungssystem "
            "eingetragen. Sperren Sie außerdem sofort die Online-Ausweisfunktion über den "
            "Sperr-Notruf 116 116. Bei einem Diebstahl erstatten Sie auch Anzeige bei der "
            "Polizei. Im selben Termin können Sie einen neuen Ausweis beantragen.",
            "If your identity card or passport is lost or stolen, report it to a citizens' "
            "office. The document is then cancelled and flagged in the police search system. "
            "Also block the online ID function straight away by calling 116 116. If it was "
            "stolen, report it to the police as well. You can apply for a new document at the "
            "same appointment.",
        ),
        required_documents=(
            [
                "Ein anderes Ausweisdokument, falls vorhanden",
                "Bei Diebstahl: Bestätigung der Polizei",
                "Für den neuen Ausweis: biometrisches Foto",
            ],
            [
                "Another ID document, if you have one",
                "If stolen: police report",
                "For the new document: biometric photo",
            ],
        ),
        fees=(
            "Die Verlustmeldung ist kostenlos. Für den neuen Ausweis zahlen Sie die normale "
            "Gebühr.",
            "Reporting the loss is free. You pay the normal fee for the new document.",
        ),
        processing_time=("Sofort im Termin.", "Done at your appointment."),
        procedure=(
            "Sperren Sie die Online-Ausweisfunktion telefonisch unter 116 116. Buchen Sie dann "
            "einen Termin im Bürgerbüro. Wenn Sie den Ausweis wiederfinden, bringen Sie ihn ins "
            "Bürgerbüro: Er bleibt ungültig.",
            "Block the online ID function by calling 116 116. Then book an appointment at a "
            "citizens' office. If you find the document again, bring it to the citizens' "
            "office: it stays cancelled.",
        ),
        deadlines=("Melden Sie den Verlust unverzüglich.", "Report the loss without delay."),
        legal_basis=(
            "§ 27 Personalausweisgesetz (PAuswG), § 15 Passgesetz (PassG)",
            "Section 27 Identity Card Act (PAuswG), section 15 Passport Act (PassG)",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Ausweis verloren, Ausweis gestohlen, Pass verloren, Perso weg, Verlustanzeige, "
            "Diebstahl Ausweis, Ausweis sperren, Geldbeutel verloren",
            "lost ID, stolen passport, lost passport, report loss, wallet stolen",
        ),
        synonyms="Verlustmeldung, Verlustanzeige, Ausweis weg",
        life_situations=["ausweis-und-pass", "verlust-und-fund"],
        topics=["ausweise", "fundsachen"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="online-ausweisfunktion-pin",
        leika_key="99102021001000",
        name=(
            "Online-Ausweisfunktion einschalten oder neue PIN setzen",
            "Activate the online ID function or set a new PIN",
        ),
        short_text=(
            "Im Bürgerbüro können Sie die Online-Ausweisfunktion einschalten, entsperren oder "
            "eine neue PIN setzen.",
            "At a citizens' office you can switch on or unblock the online ID function and set "
            "a new PIN.",
        ),
        full_text=(
            "Mit der Online-Ausweisfunktion weisen Sie sich im Internet aus, zum Beispiel für "
            "Anträge auf diesem Portal. Wenn Sie Ihre PIN vergessen haben oder die Funktion "
            "gesperrt ist, setzen wir im Bürgerbüro eine neue PIN. Sie brauchen dafür Ihren "
            "Personalausweis.",
            "The online ID function lets you prove your identity on the internet, for example "
            "for applications on this portal. If you have forgotten your PIN or the function "
            "is blocked, we set a new PIN at the citizens' office. Bring your identity card.",
        ),
        required_documents=(["Personalausweis"], ["Identity card"]),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=("Etwa 10 Minuten im Termin.", "About 10 minutes at your appointment."),
        procedure=(
            "Buchen Sie einen Termin im Bürgerbüro. Sie wählen vor Ort am Terminal eine neue "
            "sechsstellige PIN.",
            "Book an appointment at a citizens' office. You choose a new six-digit PIN at a "
            "terminal there.",
        ),
        legal_basis=(
            "§ 18 Personalausweisgesetz (PAuswG)",
            "Section 18 Identity Card Act (PAuswG)",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "PIN vergessen, eID, Online-Ausweis, Ausweis PIN, PIN gesperrt, PUK, AusweisApp, "
            "Onlineausweis aktivieren, Ausweisfunktion",
            "forgot PIN, eID, online ID, AusweisApp, PIN blocked",
        ),
        synonyms="eID, PIN-Rücksetzung, Online-Ausweis",
        life_situations=["ausweis-und-pass"],
        topics=["ausweise"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="fuehrungszeugnis-beantragen",
        leika_key="99025001001000",
        name=("Führungszeugnis beantragen", "Apply for a certificate of good conduct"),
        short_text=(
            "Ein Führungszeugnis zeigt, ob Sie Vorstrafen haben. Arbeitgeber und Behörden "
            "verlangen es oft.",
            "A certificate of good conduct shows whether you have a criminal record. Employers "
            "and authorities often ask for one.",
        ),
        full_text=(
            "Das Führungszeugnis stellt das Bundesamt für Justiz aus. Sie beantragen es im "
            "Bürgerbüro oder online beim Bundesamt für Justiz. Es gibt verschiedene Arten: das "
            "private Führungszeugnis für Sie selbst, das Führungszeugnis zur Vorlage bei einer "
            "Behörde, das direkt an die Behörde geschickt wird, und das erweiterte "
            "Führungszeugnis für Tätigkeiten mit Kindern und Jugendlichen.",
            "Certificates of good conduct are issued by the Federal Office of Justice. You "
            "apply at a citizens' office or online with the Federal Office of Justice. There "
            "are different types: a private certificate sent to you, a certificate for an "
            "authority that is sent directly to that authority, and an extended certificate for "
            "work with children and young people.",
        ),
        prerequisites=(
            "Sie sind mindestens 14 Jahre alt und in München gemeldet. Für ein erweitertes "
            "Führungszeugnis brauchen Sie eine schriftliche Aufforderung, zum Beispiel vom "
            "Arbeitgeber oder Verein.",
            "You are at least 14 and registered in Munich. For an extended certificate you "
            "need a written request, for example from your employer or club.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass",
                "Für ein erweitertes Führungszeugnis: schriftliche Aufforderung",
                "Für eine Behörde: Anschrift und Aktenzeichen der Behörde",
            ],
            [
                "Identity card or passport",
                "For an extended certificate: the written request",
                "For an authority: its address and reference number",
            ],
        ),
        fees=(
            "13 Euro. Für ehrenamtliche Tätigkeiten können Sie eine Befreiung von der Gebühr "
            "beantragen.",
            "13 euros. For voluntary work you can apply to have the fee waived.",
        ),
        processing_time=(
            "In der Regel ein bis zwei Wochen. Das Bundesamt für Justiz schickt das "
            "Führungszeugnis per Post.",
            "Usually one to two weeks. The Federal Office of Justice sends the certificate by "
            "post.",
        ),
        procedure=(
            "Kommen Sie mit Termin ins Bürgerbüro, oder beantragen Sie das Führungszeugnis "
            "online beim Bundesamt für Justiz mit der Online-Ausweisfunktion.",
            "Book an appointment at a citizens' office, or apply online with the Federal "
            "Office of Justice using the online ID function.",
        ),
        legal_basis=(
            "§§ 30, 30a und 31 Bundeszentralregistergesetz (BZRG)",
            "Sections 30, 30a and 31 Federal Central Criminal Register Act (BZRG)",
        ),
        notes=(
            "Das Führungszeugnis wird nur an Sie oder direkt an die Behörde geschickt, nicht an "
            "Arbeitgeber.",
            "The certificate is only sent to you or directly to the authority, never to an "
            "employer.",
        ),
        further_information=(
            "Online-Antrag beim Bundesamt für Justiz: bundesjustizamt.de",
            "Online application with the Federal Office of Justice: bundesjustizamt.de",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Führungszeugnis, polizeiliches Führungszeugnis, Fuehrungszeugnis, Fürungszeugnis, "
            "erweitertes Führungszeugnis, Vorstrafen, Strafregister, Leumundszeugnis, "
            "Führungszeugnis Ehrenamt",
            "certificate of good conduct, criminal record check, police certificate, "
            "background check, Führungszeugnis",
        ),
        synonyms="polizeiliches Führungszeugnis, Leumundszeugnis, Strafregisterauszug",
        easy_language_de=(
            "Ein Führungs-Zeugnis ist ein Papier.\n"
            "Darauf steht:\n"
            "Haben Sie eine Straf-Tat gemacht?\n"
            "Und hat ein Gericht Sie deshalb bestraft?\n"
            "\n"
            "Manche Arbeit-Geber wollen das Papier sehen.\n"
            "\n"
            "So bekommen Sie ein Führungs-Zeugnis:\n"
            "Sie gehen mit Termin ins Bürger-Büro.\n"
            "Sie bringen Ihren Ausweis mit.\n"
            "Das Führungs-Zeugnis kostet 13 Euro.\n"
            "\n"
            "Sie bekommen das Führungs-Zeugnis mit der Post.\n"
            "Das dauert 1 bis 2 Wochen."
        ),
        ozg_maturity=4,
        life_situations=["arbeit"],
        topics=["meldewesen"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
    service(
        slug="beglaubigung",
        leika_key="99006001001000",
        name=("Kopien und Unterschriften beglaubigen lassen", "Get copies or signatures certified"),
        short_text=(
            "Im Bürgerbüro beglaubigen wir Kopien von Zeugnissen und Urkunden sowie Ihre "
            "Unterschrift für Behörden.",
            "At a citizens' office we certify copies of certificates and documents, and your "
            "signature for use with authorities.",
        ),
        full_text=(
            "Eine amtliche Beglaubigung bestätigt, dass eine Kopie mit dem Original "
            "übereinstimmt oder dass eine Unterschrift von Ihnen stammt. Amtliche "
            "Beglaubigungen gelten für Behörden und Stellen, die sie verlangen. Manche "
            "Dokumente darf nur ein Notar oder die ausstellende Stelle beglaubigen, zum "
            "Beispiel für das Grundbuch, das Handelsregister oder Personenstandsurkunden.",
            "An official certification confirms that a copy matches the original or that a "
            "signature is yours. Official certifications are accepted by authorities and "
            "bodies that ask for them. Some documents can only be certified by a notary or "
            "the issuing body, for example for the land register, the commercial register or "
            "civil status certificates.",
        ),
        required_documents=(
            [
                "Original und Kopie des Dokuments",
                "Personalausweis oder Reisepass",
                "Bei Unterschriften: das unausgefüllte Schriftstück, Sie unterschreiben vor Ort",
            ],
            [
                "Original document and copy",
                "Identity card or passport",
                "For signatures: the document; you sign it in front of us",
            ],
        ),
        fees=(
            "Die Gebühr richtet sich nach der Anzahl der Seiten und Beglaubigungen und liegt in "
            "der Regel bei wenigen Euro.",
            "The fee depends on the number of pages and certifications and is usually a few euros.",
        ),
        processing_time=("Sofort im Termin.", "Done at your appointment."),
        procedure=(
            "Buchen Sie einen Termin im Bürgerbüro und bringen Sie Original und Kopie mit.",
            "Book an appointment at a citizens' office and bring the original and the copy.",
        ),
        legal_basis=(
            "Art. 33 und 34 Bayerisches Verwaltungsverfahrensgesetz (BayVwVfG)",
            "Articles 33 and 34 Bavarian Administrative Procedure Act (BayVwVfG)",
        ),
        notes=(
            "Für Behörden im Ausland brauchen Sie oft zusätzlich eine Apostille oder "
            "Legalisation. Wir beglaubigen keine Personenstandsurkunden; bestellen Sie dafür "
            "eine neue Urkunde beim Standesamt.",
            "Authorities abroad often also need an apostille or legalisation. We do not "
            "certify civil status certificates; order a new certificate from the register "
            "office instead.",
        ),
        contact=CONTACT_BUERGERBUERO,
        keywords=(
            "Beglaubigung, beglaubigte Kopie, Abschrift beglaubigen, Unterschrift beglaubigen, "
            "Zeugnis beglaubigen, amtliche Beglaubigung, Beglaubigng",
            "certified copy, certification, certify signature, attested copy",
        ),
        synonyms="beglaubigte Kopie, Beglaubigung, Unterschriftsbeglaubigung",
        life_situations=["arbeit"],
        topics=["meldewesen"],
        offices=BUERGERBUEROS,
        department_code="KVR",
    ),
]
