"""Demo services: vehicle registration, driving licences and parking."""

from services.demo_content_base import BUERGERBUEROS, CONTACT_KFZ, service

_KFZ_OFFICES = ["kfz-zulassungsstelle", "buergerbuero-ruppertstrasse", "buergerbuero-pasing"]

_CONTACT_PARKEN = (
    "Mobilitätsreferat, Parkausweise und Verkehrsanordnungen, Implerstraße 9.\n"
    "Telefon: +49 89 233-96050\n"
    "E-Mail: parkausweise.mor@muenchen.de",
    "Department of Mobility, parking permits and traffic orders, Implerstraße 9.\n"
    "Phone: +49 89 233-96050\n"
    "Email: parkausweise.mor@muenchen.de",
)

_KFZ_ONLINE = "https://stadt.muenchen.de/buergerservice/kfz-online/"

SERVICES = [
    service(
        slug="fahrzeug-zulassen",
        leika_key="99036004001000",
        name=("Fahrzeug zulassen", "Register a vehicle"),
        short_text=(
            "Bevor Sie mit einem Auto, Motorrad oder Anhänger fahren dürfen, müssen Sie es "
            "zulassen. Das geht online oder bei der Zulassungsstelle.",
            "Before you can drive a car, motorcycle or trailer on public roads, you must "
            "register it. You can do this online or at the registration office.",
        ),
        full_text=(
            "Die Zulassung gilt für neue Fahrzeuge, für Fahrzeuge aus dem Ausland und für "
            "Fahrzeuge, die vorübergehend abgemeldet waren. Sie erhalten die "
            "Zulassungsbescheinigungen, ein Kennzeichen und die Stempelplaketten. Die "
            "Kfz-Steuer bucht das Hauptzollamt per Lastschrift ab; die Versicherung muss vor "
            "der Zulassung bestehen. Mit der Online-Ausweisfunktion können Sie viele "
            "Fahrzeuge online zulassen (i-Kfz).",
            "Registration applies to new vehicles, vehicles from abroad and vehicles that were "
            "temporarily deregistered. You receive the registration certificates, a number "
            "plate and the official seals. Vehicle tax is collected by direct debit by the "
            "customs office; insurance must be in place before registration. With the online ID "
            "function you can register many vehicles online (i-Kfz).",
        ),
        prerequisites=(
            "Sie haben Ihren Wohnsitz oder Firmensitz in München. Das Fahrzeug ist versichert "
            "und hat eine gültige Hauptuntersuchung, wenn es nicht neu ist.",
            "Your home or business is in Munich. The vehicle is insured and, unless it is new, "
            "has a valid roadworthiness test (HU).",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass mit Meldebescheinigung",
                "Versicherungsbestätigung (eVB-Nummer)",
                "Zulassungsbescheinigung Teil II (Fahrzeugbrief) oder bei Neufahrzeugen die "
                "Übereinstimmungsbescheinigung (COC)",
                "Zulassungsbescheinigung Teil I, falls vorhanden",
                "Nachweis über die Hauptuntersuchung",
                "SEPA-Lastschriftmandat für die Kfz-Steuer",
                "Bei Vertretung: Vollmacht und Ausweis der bevollmächtigten Person",
            ],
            [
                "Identity card, or passport with certificate of registration",
                "Insurance confirmation (eVB number)",
                "Registration certificate part II, or for new vehicles the certificate of "
                "conformity (COC)",
                "Registration certificate part I, if there is one",
                "Proof of the roadworthiness test",
                "SEPA direct debit mandate for vehicle tax",
                "If someone acts for you: written authorisation and their ID",
            ],
        ),
        fees=(
            "Rund 30 Euro für die Zulassung, online etwas weniger. Dazu kommen die Kennzeichen "
            "(beim Schilderhersteller, etwa 20 bis 40 Euro) und gegebenenfalls 10,20 Euro für "
            "ein Wunschkennzeichen.",
            "Around 30 euros for registration, slightly less online. Number plates cost extra "
            "(from a plate maker, about 20 to 40 euros), plus 10.20 euros for a personalised "
            "number if you want one.",
        ),
        processing_time=(
            "Im Termin etwa 20 Minuten. Online erhalten Sie die Papiere und Plaketten per Post "
            "und dürfen bis dahin mit dem vorläufigen Bescheid fahren.",
            "About 20 minutes at your appointment. Online, papers and seals are sent by post; "
            "until then you may drive with the provisional notice.",
        ),
        procedure=(
            [
                "1. Schließen Sie eine Kfz-Versicherung ab und notieren Sie die eVB-Nummer.",
                "2. Reservieren Sie bei Bedarf ein Wunschkennzeichen.",
                "3. Stellen Sie den Antrag online oder buchen Sie einen Termin.",
                "4. Lassen Sie die Kennzeichen prägen und im Termin abstempeln.",
            ],
            [
                "1. Take out vehicle insurance and note the eVB number.",
                "2. Reserve a personalised number if you want one.",
                "3. Apply online or book an appointment.",
                "4. Have the plates made and stamped at your appointment.",
            ],
        ),
        legal_basis=(
            "Fahrzeug-Zulassungsverordnung (FZV), Gebührenordnung für Maßnahmen im "
            "Straßenverkehr (GebOSt)",
            "Vehicle Registration Regulation (FZV), Road Traffic Fees Regulation (GebOSt)",
        ),
        forms=(
            "Antrag auf Zulassung und SEPA-Lastschriftmandat, erhältlich bei der "
            "Zulassungsstelle und online.",
            "Registration application and SEPA mandate, available at the office and online.",
        ),
        notes=(
            "Fahrzeuge aus Nicht-EU-Staaten brauchen zusätzlich ein Gutachten und eine "
            "Zollbescheinigung.",
            "Vehicles from outside the EU also need an expert report and a customs certificate.",
        ),
        contact=CONTACT_KFZ,
        keywords=(
            "Auto anmelden, Zulassung, KFZ, Kfz-Zulassung, Neuzulassung, Fahrzeug anmelden, "
            "Auto zulassen, Motorrad anmelden, Anhänger zulassen, Kennzeichen, Nummernschild, "
            "Zulassungsstelle, Autozulassung, zulasung, i-Kfz",
            "register car, vehicle registration, number plate, licence plate, register "
            "motorbike, car registration office",
        ),
        synonyms="KFZ, Auto anmelden, Zulassung, Autoanmeldung, Kfz-Anmeldung",
        online_url=_KFZ_ONLINE,
        ozg_maturity=4,
        life_situations=["auto-und-parken", "umzug"],
        topics=["kfz-zulassung"],
        offices=_KFZ_OFFICES,
        department_code="KVR",
    ),
    service(
        slug="fahrzeug-umschreiben",
        leika_key="99036006001000",
        name=("Fahrzeug umschreiben (Halterwechsel)", "Transfer a vehicle to a new keeper"),
        short_text=(
            "Wenn Sie ein gebrauchtes Fahrzeug kaufen, lassen Sie es unverzüglich auf sich "
            "umschreiben.",
            "If you buy a used vehicle, transfer it into your name without delay.",
        ),
        full_text=(
            "Beim Halterwechsel wird das Fahrzeug auf die neue Halterin oder den neuen Halter "
            "eingetragen. Ist das Fahrzeug noch zugelassen, können Sie das bisherige "
            "Kennzeichen behalten, wenn Sie es möchten. Die Verkäuferin oder der Verkäufer "
            "sollte den Verkauf ebenfalls der Zulassungsstelle melden.",
            "When a vehicle changes keeper, the new keeper is entered in the records. If the "
            "vehicle is still registered, you can keep the existing number plate if you want "
            "to. The seller should also report the sale to the registration office.",
        ),
        prerequisites=(
            "Sie wohnen in München. Das Fahrzeug ist auf Sie versichert.",
            "You live in Munich. The vehicle is insured in your name.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass",
                "Zulassungsbescheinigung Teil I und Teil II",
                "Versicherungsbestätigung (eVB-Nummer)",
                "Nachweis über die Hauptuntersuchung",
                "SEPA-Lastschriftmandat für die Kfz-Steuer",
                "Bisherige Kennzeichen, wenn Sie neue wollen",
            ],
            [
                "Identity card or passport",
                "Registration certificates part I and part II",
                "Insurance confirmation (eVB number)",
                "Proof of the roadworthiness test",
                "SEPA direct debit mandate for vehicle tax",
                "The old plates, if you want new ones",
            ],
        ),
        fees=(
            "Rund 30 Euro, online etwas weniger. Neue Kennzeichen kosten extra.",
            "Around 30 euros, slightly less online. New plates cost extra.",
        ),
        processing_time=("Etwa 20 Minuten im Termin.", "About 20 minutes at your appointment."),
        procedure=(
            "Stellen Sie den Antrag online mit der Online-Ausweisfunktion oder buchen Sie einen "
            "Termin bei der Zulassungsstelle oder in einem Bürgerbüro mit Kfz-Schalter.",
            "Apply online with the online ID function, or book an appointment at the "
            "registration office or a citizens' office with a vehicle desk.",
        ),
        deadlines=(
            "Unverzüglich nach dem Kauf.",
            "Without delay after buying the vehicle.",
        ),
        legal_basis=(
            "§ 13 Fahrzeug-Zulassungsverordnung (FZV)",
            "Section 13 Vehicle Registration Regulation (FZV)",
        ),
        contact=CONTACT_KFZ,
        keywords=(
            "Halterwechsel, Umschreibung, Auto ummelden, Gebrauchtwagen anmelden, Auto "
            "gekauft, Fahrzeug ummelden, Besitzerwechsel, umschreiben",
            "change of keeper, transfer ownership, bought a used car, re-register car",
        ),
        synonyms="Halterwechsel, Ummeldung Fahrzeug, Besitzerwechsel",
        online_url=_KFZ_ONLINE,
        ozg_maturity=4,
        life_situations=["auto-und-parken"],
        topics=["kfz-zulassung"],
        offices=_KFZ_OFFICES,
        department_code="KVR",
    ),
    service(
        slug="fahrzeug-ausser-betrieb-setzen",
        leika_key="99036010001000",
        name=("Fahrzeug abmelden (außer Betrieb setzen)", "Deregister a vehicle"),
        short_text=(
            "Wenn Sie Ihr Fahrzeug nicht mehr nutzen, melden Sie es ab. Dann enden Steuer und "
            "Versicherungspflicht.",
            "If you no longer use your vehicle, deregister it. Vehicle tax and compulsory "
            "insurance then end.",
        ),
        full_text=(
            "Bei der Außerbetriebsetzung werden die Stempelplaketten von den Kennzeichen "
            "entfernt. Hauptzollamt und Versicherung werden automatisch informiert. Sie können "
            "Ihr Kennzeichen für eine spätere Wiederzulassung reservieren lassen. Online "
            "abmelden können Sie, wenn Ihre Papiere und Plaketten einen Sicherheitscode haben.",
            "When you deregister, the seals are removed from the number plates. The customs "
            "office and your insurer are informed automatically. You can reserve your number "
            "for a later re-registration. You can deregister online if your papers and seals "
            "carry a security code.",
        ),
        required_documents=(
            [
                "Zulassungsbescheinigung Teil I",
                "Beide Kennzeichen",
                "Online: Sicherheitscodes unter den Plaketten und auf dem Fahrzeugschein",
            ],
            [
                "Registration certificate part I",
                "Both number plates",
                "Online: the security codes under the seals and on the registration certificate",
            ],
        ),
        fees=(
            "In der Regel unter 10 Euro, online etwas weniger.",
            "Usually under 10 euros, slightly less online.",
        ),
        processing_time=("Sofort.", "Immediately."),
        procedure=(
            "Melden Sie das Fahrzeug online ab oder kommen Sie mit Termin zur Zulassungsstelle "
            "oder in ein Bürgerbüro. Eine andere Person kann das ohne Vollmacht für Sie "
            "erledigen, wenn sie die Unterlagen mitbringt.",
            "Deregister online, or book an appointment at the registration office or a "
            "citizens' office. Someone else can do it for you without authorisation if they "
            "bring the documents.",
        ),
        legal_basis=(
            "§ 14 Fahrzeug-Zulassungsverordnung (FZV)",
            "Section 14 Vehicle Registration Regulation (FZV)",
        ),
        notes=(
            "Ein abgemeldetes Fahrzeug darf nicht auf öffentlichen Straßen stehen.",
            "A deregistered vehicle must not be parked on public roads.",
        ),
        contact=CONTACT_KFZ,
        keywords=(
            "Auto abmelden, Abmeldung Fahrzeug, Außerbetriebsetzung, stilllegen, Motorrad "
            "abmelden, Kfz abmelden, Auto verschrottet, Auto abmeldung",
            "deregister car, take vehicle off the road, scrap car, cancel registration",
        ),
        synonyms="Auto abmelden, Stilllegung, Kfz-Abmeldung",
        online_url=_KFZ_ONLINE,
        ozg_maturity=4,
        life_situations=["auto-und-parken", "umzug"],
        topics=["kfz-zulassung"],
        offices=_KFZ_OFFICES,
        department_code="KVR",
    ),
    service(
        slug="wunschkennzeichen-reservieren",
        leika_key="99036012001000",
        name=("Wunschkennzeichen reservieren", "Reserve a personalised number plate"),
        short_text=(
            "Sie können sich ein freies Münchner Kennzeichen aussuchen und online reservieren.",
            "You can choose an available Munich number and reserve it online.",
        ),
        full_text=(
            "Münchner Kennzeichen beginnen mit M. Danach folgen ein oder zwei Buchstaben und "
            "eine bis vier Ziffern. Sie prüfen online, ob Ihr Wunsch frei ist, und "
            "reservieren ihn. Bei der Zulassung nennen Sie die Reservierungsnummer.",
            "Munich numbers start with M, followed by one or two letters and one to four "
            "digits. You check online whether your choice is free and reserve it. When you "
            "register the vehicle, you give the reservation number.",
        ),
        required_documents=(
            ["Keine; Sie brauchen nur die Angaben zur Person."],
            ["None; you only need your personal details."],
        ),
        fees=(
            "10,20 Euro für das Wunschkennzeichen, zahlbar bei der Zulassung, plus eine kleine "
            "Gebühr für die Online-Reservierung.",
            "10.20 euros for the personalised number, paid at registration, plus a small fee "
            "for the online reservation.",
        ),
        processing_time=("Sofort.", "Immediately."),
        procedure=(
            "Reservieren Sie das Kennzeichen online und lassen Sie danach die Schilder prägen.",
            "Reserve the number online, then have the plates made.",
        ),
        deadlines=(
            "Die Reservierung gilt in der Regel 90 Tage.",
            "A reservation usually lasts 90 days.",
        ),
        legal_basis=(
            "§ 8 Fahrzeug-Zulassungsverordnung (FZV), GebOSt",
            "Section 8 Vehicle Registration Regulation (FZV), GebOSt",
        ),
        contact=CONTACT_KFZ,
        keywords=(
            "Wunschkennzeichen, Wunsch-Kennzeichen, Kennzeichen reservieren, Nummernschild "
            "aussuchen, Autokennzeichen, M-Kennzeichen, Wunschnummer",
            "personalised plate, custom number plate, reserve licence plate",
        ),
        synonyms="Wunschnummer, Kennzeichenreservierung",
        online_url=_KFZ_ONLINE,
        ozg_maturity=4,
        life_situations=["auto-und-parken"],
        topics=["kfz-zulassung"],
        offices=["kfz-zulassungsstelle"],
        department_code="KVR",
    ),
    service(
        slug="fahrzeugschein-adresse-aendern",
        leika_key="99036014001000",
        name=(
            "Adresse im Fahrzeugschein ändern",
            "Change the address on your vehicle registration certificate",
        ),
        short_text=(
            "Wenn Sie umziehen, muss die neue Adresse in die Zulassungsbescheinigung Teil I.",
            "When you move, your new address must be entered on registration certificate part I.",
        ),
        full_text=(
            "Nach einem Umzug innerhalb Münchens oder nach München wird die Adresse in Ihrer "
            "Zulassungsbescheinigung Teil I geändert. Wenn Sie aus einem anderen Ort nach "
            "München ziehen, können Sie Ihr bisheriges Kennzeichen behalten. Am einfachsten "
            "erledigen Sie beides im selben Termin wie die Anmeldung Ihrer Wohnung.",
            "After moving within Munich or to Munich, your address on registration "
            "certificate part I is updated. If you move to Munich from elsewhere, you may keep "
            "your current number plate. The easiest way is to do this at the same appointment "
            "as registering your new address.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass mit neuer Adresse",
                "Zulassungsbescheinigung Teil I",
            ],
            [
                "Identity card or passport showing your new address",
                "Registration certificate part I",
            ],
        ),
        fees=(
            "Es fällt eine Gebühr nach der Gebührenordnung für Maßnahmen im Straßenverkehr "
            "(GebOSt) an.",
            "A fee is charged under the Road Traffic Fees Regulation (GebOSt).",
        ),
        processing_time=("Sofort.", "Immediately."),
        procedure=(
            "Bringen Sie den Fahrzeugschein zum Termin für die Anmeldung oder Ummeldung im "
            "Bürgerbüro mit.",
            "Bring the registration certificate to your address registration appointment at a "
            "citizens' office.",
        ),
        deadlines=("Unverzüglich nach dem Umzug.", "Without delay after moving."),
        legal_basis=(
            "§ 15 Fahrzeug-Zulassungsverordnung (FZV)",
            "Section 15 Vehicle Registration Regulation (FZV)",
        ),
        contact=CONTACT_KFZ,
        keywords=(
            "Fahrzeugschein Adresse, Umzug Auto, Adressänderung Fahrzeug, Zulassung Umzug, "
            "Kennzeichen mitnehmen, Fahrzeugschein ändern",
            "change address vehicle, moving with car, keep number plate",
        ),
        synonyms="Adressänderung Kfz, Umzug Fahrzeug",
        ozg_maturity=2,
        life_situations=["auto-und-parken", "umzug"],
        topics=["kfz-zulassung"],
        offices=[*BUERGERBUEROS, "kfz-zulassungsstelle"],
        department_code="KVR",
    ),
    service(
        slug="fuehrerschein-ersterteilung",
        leika_key="99088001001000",
        name=("Führerschein beantragen", "Apply for a driving licence"),
        short_text=(
            "Bevor Sie die Führerscheinprüfung machen, beantragen Sie die Fahrerlaubnis bei "
            "der Fahrerlaubnisbehörde. Oft erledigt das Ihre Fahrschule.",
            "Before you take your driving test, you apply for a driving licence at the "
            "driving licence office. Your driving school often does this for you.",
        ),
        full_text=(
            "Die Fahrerlaubnisbehörde prüft, ob Sie die Voraussetzungen erfüllen, und gibt "
            "Ihren Antrag an die Prüfstelle weiter. Nach bestandener Prüfung erhalten Sie den "
            "Führerschein. Mit dem begleiteten Fahren ab 17 dürfen Sie die Klasse B schon "
            "vorher in Begleitung fahren.",
            "The driving licence office checks that you meet the requirements and passes your "
            "application to the testing organisation. Once you have passed, you receive your "
            "licence. With accompanied driving from 17, you can drive class B vehicles earlier "
            "with a companion.",
        ),
        prerequisites=(
            "Sie wohnen in München und haben das Mindestalter für die Klasse (Klasse B: 17 "
            "Jahre mit Begleitung, sonst 18 Jahre).",
            "You live in Munich and have reached the minimum age for the class (class B: 17 "
            "with accompanied driving, otherwise 18).",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass",
                "Biometrisches Foto",
                "Sehtestbescheinigung (nicht älter als zwei Jahre)",
                "Nachweis über einen Erste-Hilfe-Kurs",
                "Bei Berufskraftfahrer-Klassen: ärztliches Gutachten",
            ],
            [
                "Identity card or passport",
                "Biometric photo",
                "Eye test certificate (not older than two years)",
                "First aid course certificate",
                "For professional driver classes: medical report",
            ],
        ),
        fees=(
            "Für Klasse B rund 45 Euro Verwaltungsgebühr. Prüfungsgebühren, Sehtest und "
            "Erste-Hilfe-Kurs zahlen Sie gesondert.",
            "For class B around 45 euros in administrative fees. Test fees, eye test and first "
            "aid course are paid separately.",
        ),
        processing_time=(
            "Vier bis sechs Wochen bis zur Prüfungsfreigabe. Stellen Sie den Antrag früh.",
            "Four to six weeks until you are cleared for the test. Apply early.",
        ),
        procedure=(
            "Geben Sie den Antrag bei Ihrer Fahrschule oder mit Termin bei der "
            "Fahrerlaubnisbehörde ab.",
            "Hand in the application at your driving school or by appointment at the driving "
            "licence office.",
        ),
        legal_basis=(
            "Straßenverkehrsgesetz (StVG), Fahrerlaubnis-Verordnung (FeV)",
            "Road Traffic Act (StVG), Driving Licence Regulation (FeV)",
        ),
        contact=CONTACT_KFZ,
        keywords=(
            "Führerschein, Fahrerlaubnis, Führerschein machen, Führerscheinantrag, BF17, "
            "Fahrschule, Fuehrerschein, Führerschien, Klasse B, Motorradführerschein",
            "driving licence, driver's license, learn to drive, driving test",
        ),
        synonyms="Fahrerlaubnis, Lappen, Führerscheinantrag",
        life_situations=["auto-und-parken"],
        topics=["fuehrerschein"],
        offices=["fuehrerscheinstelle"],
        department_code="KVR",
    ),
    service(
        slug="fuehrerschein-umtauschen",
        leika_key="99088010001000",
        name=("Führerschein umtauschen (Pflichtumtausch)", "Exchange your driving licence"),
        short_text=(
            "Alte Papier- und Kartenführerscheine müssen bis zu einer festen Frist in den "
            "EU-Kartenführerschein umgetauscht werden.",
            "Old paper and card licences must be exchanged for the EU card licence by a fixed "
            "deadline.",
        ),
        full_text=(
            "Alle Führerscheine, die vor dem 19. Januar 2013 ausgestellt wurden, müssen "
            "umgetauscht werden. Ihre Fahrerlaubnis bleibt dabei gleich; Sie machen keine "
            "Prüfung. Der neue Führerschein ist 15 Jahre gültig. Die Frist hängt bei "
            "Papierführerscheinen von Ihrem Geburtsjahr und bei Kartenführerscheinen vom "
            "Ausstellungsjahr ab.",
            "All licences issued before 19 January 2013 must be exchanged. Your entitlement "
            "stays the same and you do not take a test. The new licence is valid for 15 years. "
            "For paper licences the deadline depends on your year of birth, for card licences "
            "on the year of issue.",
        ),
        prerequisites=(
            "Sie wohnen in München und haben einen Führerschein, der vor dem 19. Januar 2013 "
            "ausgestellt wurde.",
            "You live in Munich and have a licence issued before 19 January 2013.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass",
                "Bisheriger Führerschein",
                "Biometrisches Foto",
                "Wenn der Führerschein nicht in München ausgestellt wurde: "
                "Karteikartenabschrift der ausstellenden Behörde",
            ],
            [
                "Identity card or passport",
                "Your current licence",
                "Biometric photo",
                "If the licence was not issued in Munich: a record extract from the issuing office",
            ],
        ),
        fees=(
            "Rund 25 Euro. Wenn Sie sich den Führerschein nach Hause schicken lassen, kommen "
            "Versandkosten dazu.",
            "Around 25 euros. Delivery to your home costs extra.",
        ),
        processing_time=("Etwa vier bis sechs Wochen.", "About four to six weeks."),
        procedure=(
            "Stellen Sie den Antrag mit Termin bei der Fahrerlaubnisbehörde oder in einem "
            "Bürgerbüro. Den alten Führerschein geben Sie erst ab, wenn Sie den neuen abholen.",
            "Apply by appointment at the driving licence office or a citizens' office. You "
            "hand in the old licence only when you collect the new one.",
        ),
        deadlines=(
            [
                "Papierführerscheine, Geburtsjahr vor 1953: bis 19. Januar 2033",
                "Papierführerscheine, Geburtsjahr 1953 bis 1970: Fristen bereits abgelaufen",
                "Papierführerscheine, Geburtsjahr ab 1971: bis 19. Januar 2025 (abgelaufen)",
                "Kartenführerscheine, ausgestellt 1999 bis 2001: bis 19. Januar 2026",
                "Kartenführerscheine, ausgestellt 2002 bis 2004: bis 19. Januar 2027",
                "Kartenführerscheine, ausgestellt 2005 bis 2007: bis 19. Januar 2028",
                "Kartenführerscheine, ausgestellt 2008: bis 19. Januar 2029",
                "Kartenführerscheine, ausgestellt 2009: bis 19. Januar 2030",
                "Kartenführerscheine, ausgestellt 2010: bis 19. Januar 2031",
                "Kartenführerscheine, ausgestellt 2011: bis 19. Januar 2032",
                "Kartenführerscheine, ausgestellt 2012 bis 18. Januar 2013: bis 19. Januar 2033",
            ],
            [
                "Paper licences, born before 1953: by 19 January 2033",
                "Paper licences, born 1953 to 1970: deadlines have passed",
                "Paper licences, born 1971 or later: by 19 January 2025 (passed)",
                "Card licences issued 1999 to 2001: by 19 January 2026",
                "Card licences issued 2002 to 2004: by 19 January 2027",
                "Card licences issued 2005 to 2007: by 19 January 2028",
                "Card licences issued 2008: by 19 January 2029",
                "Card licences issued 2009: by 19 January 2030",
                "Card licences issued 2010: by 19 January 2031",
                "Card licences issued 2011: by 19 January 2032",
                "Card licences issued 2012 to 18 January 2013: by 19 January 2033",
            ],
        ),
        legal_basis=(
            "§ 24a und Anlage 8e Fahrerlaubnis-Verordnung (FeV)",
            "Section 24a and Annex 8e Driving Licence Regulation (FeV)",
        ),
        notes=(
            "Wer nach Ablauf der Frist mit dem alten Führerschein fährt, muss mit einem "
            "Verwarnungsgeld rechnen. Die Fahrerlaubnis selbst bleibt gültig.",
            "If you drive with an old licence after the deadline, you may get a fine. Your "
            "driving entitlement itself remains valid.",
        ),
        contact=CONTACT_KFZ,
        keywords=(
            "Führerschein umtauschen, Pflichtumtausch, Führerscheinumtausch, alter "
            "Führerschein, grauer Lappen, rosa Führerschein, Kartenführerschein, "
            "EU-Führerschein, Fuehrerschein Umtausch",
            "exchange driving licence, old licence, paper licence, mandatory exchange",
        ),
        synonyms="Pflichtumtausch, grauer Lappen, rosa Lappen, Führerscheinumtausch",
        ozg_maturity=3,
        life_situations=["auto-und-parken"],
        topics=["fuehrerschein"],
        offices=["fuehrerscheinstelle", *BUERGERBUEROS],
        department_code="KVR",
    ),
    service(
        slug="internationaler-fuehrerschein",
        leika_key="99088015001000",
        name=(
            "Internationalen Führerschein beantragen",
            "Apply for an international driving permit",
        ),
        short_text=(
            "Für viele Länder außerhalb der EU brauchen Sie zusätzlich einen internationalen "
            "Führerschein.",
            "Many countries outside the EU require an international driving permit in "
            "addition to your licence.",
        ),
        full_text=(
            "Der internationale Führerschein gilt nur zusammen mit Ihrem nationalen "
            "Führerschein. Er ist drei Jahre gültig. Sie erhalten ihn nur, wenn Sie einen "
            "EU-Kartenführerschein haben.",
            "The international driving permit is only valid together with your national "
            "licence. It is valid for three years. You can only get one if you have an EU card "
            "licence.",
        ),
        prerequisites=(
            "Sie wohnen in München und haben einen EU-Kartenführerschein.",
            "You live in Munich and have an EU card driving licence.",
        ),
        required_documents=(
            ["Personalausweis oder Reisepass", "EU-Kartenführerschein", "Biometrisches Foto"],
            ["Identity card or passport", "EU card driving licence", "Biometric photo"],
        ),
        fees=("Rund 16 Euro.", "Around 16 euros."),
        processing_time=("Sofort im Termin.", "Issued at your appointment."),
        procedure=(
            "Buchen Sie einen Termin bei der Fahrerlaubnisbehörde oder in einem Bürgerbüro.",
            "Book an appointment at the driving licence office or a citizens' office.",
        ),
        legal_basis=(
            "§ 25b Fahrerlaubnis-Verordnung (FeV)",
            "Section 25b Driving Licence Regulation (FeV)",
        ),
        contact=CONTACT_KFZ,
        keywords=(
            "internationaler Führerschein, Führerschein USA, Führerschein Ausland, IDP, "
            "Mietwagen Ausland, internationaler Fuehrerschein",
            "international driving permit, IDP, driving abroad, rental car abroad",
        ),
        synonyms="IDP, internationaler Führerschein",
        life_situations=["auto-und-parken"],
        topics=["fuehrerschein"],
        offices=["fuehrerscheinstelle", *BUERGERBUEROS],
        department_code="KVR",
    ),
    service(
        slug="auslaendischen-fuehrerschein-umschreiben",
        leika_key="99088020001000",
        name=(
            "Ausländischen Führerschein umschreiben",
            "Convert a foreign driving licence",
        ),
        short_text=(
            "Mit einem Führerschein aus einem Nicht-EU-Land dürfen Sie in Deutschland sechs "
            "Monate fahren. Danach brauchen Sie einen deutschen Führerschein.",
            "With a licence from a non-EU country you may drive in Germany for six months. "
            "After that you need a German licence.",
        ),
        full_text=(
            "Die sechs Monate beginnen, wenn Sie Ihren Wohnsitz in Deutschland begründen. Ob "
            "Sie Prüfungen ablegen müssen, hängt vom Ausstellungsland ab: Für manche Länder "
            "wird der Führerschein ohne Prüfung umgeschrieben, für andere brauchen Sie eine "
            "theoretische und praktische Prüfung. Führerscheine aus EU- und EWR-Staaten "
            "gelten weiter und müssen nicht umgeschrieben werden.",
            "The six months start when you take up residence in Germany. Whether you have to "
            "take tests depends on the issuing country: licences from some countries are "
            "converted without a test, for others you need a theory and a practical test. "
            "Licences from EU and EEA countries stay valid and do not need converting.",
        ),
        prerequisites=(
            "Sie wohnen in München und Ihr ausländischer Führerschein ist gültig.",
            "You live in Munich and your foreign licence is valid.",
        ),
        required_documents=(
            [
                "Personalausweis, Reisepass oder Aufenthaltstitel",
                "Ausländischer Führerschein im Original",
                "Übersetzung des Führerscheins, wenn er nicht auf Deutsch ist",
                "Biometrisches Foto",
                "Sehtestbescheinigung und Erste-Hilfe-Nachweis, wenn Prüfungen nötig sind",
            ],
            [
                "Identity card, passport or residence permit",
                "Original foreign licence",
                "Translation of the licence if it is not in German",
                "Biometric photo",
                "Eye test and first aid certificate if you need to take tests",
            ],
        ),
        fees=(
            "Rund 35 bis 45 Euro, dazu gegebenenfalls Prüfungsgebühren.",
            "Around 35 to 45 euros, plus test fees if tests are required.",
        ),
        processing_time=(
            "Mehrere Wochen, weil wir die Echtheit des Führerscheins prüfen.",
            "Several weeks, because we check that the licence is genuine.",
        ),
        procedure=(
            "Stellen Sie den Antrag früh, am besten in den ersten Monaten nach dem Zuzug, "
            "mit Termin bei der Fahrerlaubnisbehörde.",
            "Apply early, ideally in your first months after moving, by appointment at the "
            "driving licence office.",
        ),
        deadlines=(
            "Nach sechs Monaten Wohnsitz in Deutschland dürfen Sie mit dem ausländischen "
            "Führerschein nicht mehr fahren. Auf Antrag kann die Frist um bis zu sechs Monate "
            "verlängert werden.",
            "After six months of residence in Germany you may no longer drive with the foreign "
            "licence. On request the period can be extended by up to six months.",
        ),
        legal_basis=(
            "§§ 29 und 31 sowie Anlage 11 Fahrerlaubnis-Verordnung (FeV)",
            "Sections 29 and 31 and Annex 11 Driving Licence Regulation (FeV)",
        ),
        contact=CONTACT_KFZ,
        keywords=(
            "ausländischer Führerschein, Führerschein umschreiben, Umschreibung Führerschein, "
            "Drittstaat Führerschein, Führerschein anerkennen, US Führerschein, "
            "foreign license",
            "foreign driving licence, convert licence, exchange foreign licence, driving in "
            "Germany",
        ),
        synonyms="Führerscheinumschreibung, Umschreibung",
        life_situations=["auto-und-parken", "aufenthalt-und-einbuergerung"],
        topics=["fuehrerschein", "auslaenderangelegenheiten"],
        offices=["fuehrerscheinstelle"],
        department_code="KVR",
    ),
    service(
        slug="fuehrerschein-ersatz",
        leika_key="99088025001000",
        name=(
            "Ersatzführerschein bei Verlust beantragen",
            "Replace a lost or stolen driving licence",
        ),
        short_text=(
            "Wenn Ihr Führerschein verloren geht, beantragen Sie einen Ersatzführerschein.",
            "If you lose your driving licence, apply for a replacement.",
        ),
        full_text=(
            "Bis der neue Führerschein fertig ist, erhalten Sie auf Wunsch eine befristete "
            "Bescheinigung, mit der Sie in Deutschland fahren dürfen. Wurde der Führerschein "
            "gestohlen, zeigen Sie den Diebstahl bei der Polizei an.",
            "Until the new licence is ready, you can get a temporary certificate that allows "
            "you to drive in Germany. If your licence was stolen, report the theft to the "
            "police.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass",
                "Biometrisches Foto",
                "Bei Diebstahl: Anzeige der Polizei",
            ],
            ["Identity card or passport", "Biometric photo", "If stolen: police report"],
        ),
        fees=(
            "Ab rund 40 Euro, je nachdem, ob eine eidesstattliche Versicherung nötig ist.",
            "From around 40 euros, depending on whether a statutory declaration is needed.",
        ),
        processing_time=("Etwa vier bis sechs Wochen.", "About four to six weeks."),
        procedure=(
            "Buchen Sie einen Termin bei der Fahrerlaubnisbehörde.",
            "Book an appointment at the driving licence office.",
        ),
        legal_basis=(
            "§ 25 Fahrerlaubnis-Verordnung (FeV)",
            "Section 25 Driving Licence Regulation (FeV)",
        ),
        contact=CONTACT_KFZ,
        keywords=(
            "Führerschein verloren, Führerschein gestohlen, Ersatzführerschein, "
            "Führerschein weg, Duplikat Führerschein",
            "lost driving licence, stolen licence, replacement licence",
        ),
        synonyms="Ersatzführerschein, Führerscheinverlust",
        life_situations=["auto-und-parken", "verlust-und-fund"],
        topics=["fuehrerschein"],
        offices=["fuehrerscheinstelle"],
        department_code="KVR",
    ),
    service(
        slug="bewohnerparkausweis-beantragen",
        leika_key="99041001001000",
        name=("Bewohnerparkausweis beantragen", "Apply for a residents' parking permit"),
        short_text=(
            "Wenn Sie in einem Parklizenzgebiet wohnen, können Sie einen Parkausweis für Ihr "
            "Viertel beantragen.",
            "If you live in a parking permit zone, you can apply for a parking permit for "
            "your area.",
        ),
        full_text=(
            "In den Münchner Parklizenzgebieten dürfen Bewohnerinnen und Bewohner mit "
            "Parkausweis ohne Parkschein parken. Der Ausweis gilt nur in Ihrem Gebiet. Jede "
            "Person erhält nur einen Ausweis; darin können bis zu drei Fahrzeuge eingetragen "
            "werden. Wenn Sie in ein anderes Gebiet umziehen, brauchen Sie einen neuen Ausweis.",
            "In Munich's parking permit zones, residents with a permit can park without a "
            "ticket. The permit is only valid in your zone. Each person gets only one permit, "
            "which can list up to three vehicles. If you move to a different zone, you need a "
            "new permit.",
        ),
        prerequisites=(
            [
                "Sie sind mit Haupt- oder Nebenwohnung im Parklizenzgebiet gemeldet.",
                "Das Fahrzeug ist auf Sie zugelassen oder Sie nutzen es dauerhaft.",
                "Sie haben keinen eigenen Stellplatz und keine Garage.",
            ],
            [
                "Your main or second home is registered in the permit zone.",
                "The vehicle is registered to you or you use it permanently.",
                "You have no private parking space or garage.",
            ],
        ),
        required_documents=(
            [
                "Zulassungsbescheinigung Teil I (Kopie oder Foto)",
                "Wenn das Fahrzeug nicht auf Sie zugelassen ist: Erklärung der Halterin oder "
                "des Halters",
                "Bei Carsharing: Nachweis der Mitgliedschaft",
            ],
            [
                "Registration certificate part I (copy or photo)",
                "If the vehicle is not registered to you: declaration by the keeper",
                "For car sharing: proof of membership",
            ],
        ),
        fees=("30 Euro pro Jahr.", "30 euros per year."),
        processing_time=(
            "Etwa zwei Wochen. Sie erhalten den Ausweis per Post, sobald Sie bezahlt haben.",
            "About two weeks. We post the permit once you have paid.",
        ),
        procedure=(
            "Stellen Sie den Antrag online auf diesem Portal. Sie erhalten eine Rechnung und "
            "nach der Zahlung den Ausweis per Post. Legen Sie ihn gut sichtbar hinter die "
            "Windschutzscheibe.",
            "Apply online on this portal. You receive an invoice and, after payment, the "
            "permit by post. Display it clearly behind the windscreen.",
        ),
        deadlines=(
            "Der Ausweis gilt höchstens zwölf Monate. Beantragen Sie die Verlängerung etwa "
            "vier Wochen vor Ablauf.",
            "The permit lasts up to twelve months. Apply for renewal about four weeks before "
            "it expires.",
        ),
        legal_basis=(
            "§ 45 Absatz 1b Straßenverkehrs-Ordnung (StVO), Beschlüsse des Stadtrats zum "
            "Parkraummanagement",
            "Section 45(1b) Road Traffic Regulations (StVO), city council decisions on parking "
            "management",
        ),
        forms=("Online-Antrag auf diesem Portal.", "Online application on this portal."),
        notes=(
            "Handwerksbetriebe und soziale Dienste können eine eigene Parkerlaubnis beantragen.",
            "Tradespeople and care services can apply for a separate parking permit.",
        ),
        contact=_CONTACT_PARKEN,
        keywords=(
            "Bewohnerparkausweis, Anwohnerparkausweis, Parklizenz, Anwohnerparken, "
            "Parkausweis, Parkplakette, Bewohnerparken, Lizenzgebiet, Parkausweis verlängern, "
            "Anwohnerparkausweiß",
            "residents' parking permit, resident parking, parking licence, parking zone",
        ),
        synonyms="Anwohnerparkausweis, Parklizenz, Parkausweis, Anwohnerparken",
        easy_language_de=(
            "Sie wohnen in einem Gebiet mit Park-Lizenz?\n"
            "Dort dürfen nur Menschen mit Park-Ausweis lange parken.\n"
            "\n"
            "Sie können einen Park-Ausweis bekommen, wenn:\n"
            "- Sie in dem Gebiet wohnen.\n"
            "- Sie ein Auto haben.\n"
            "- Sie keine eigene Garage haben.\n"
            "\n"
            "Der Park-Ausweis kostet 30 Euro für 1 Jahr.\n"
            "Sie beantragen ihn im Internet.\n"
            "Sie bekommen den Park-Ausweis mit der Post.\n"
            "Legen Sie ihn gut sichtbar ins Auto."
        ),
        online_url="/dienstleistungen/bewohnerparkausweis-beantragen/antrag/",
        ozg_maturity=3,
        life_situations=["auto-und-parken", "umzug"],
        topics=["parken"],
        offices=["mobilitaetsreferat-parken"],
        department_code="MOR",
    ),
    service(
        slug="halteverbotszone-umzug",
        leika_key="99041005001000",
        name=(
            "Halteverbot für einen Umzug beantragen",
            "Apply for a no-parking zone for moving house",
        ),
        short_text=(
            "Damit der Umzugswagen vor dem Haus halten kann, beantragen Sie ein vorübergehendes "
            "Halteverbot.",
            "To make sure your removal van can stop outside the building, apply for a "
            "temporary no-parking zone.",
        ),
        full_text=(
            "Für Umzüge, Möbellieferungen oder Container auf der Straße ordnen wir ein "
            "befristetes Halteverbot an. Die Schilder stellt eine Fachfirma auf, die Sie "
            "beauftragen. Die Schilder müssen mindestens drei volle Tage vor dem Umzug stehen, "
            "damit falsch geparkte Autos abgeschleppt werden dürfen.",
            "For moves, furniture deliveries or skips on the street we order a temporary "
            "no-parking zone. A specialist company you hire puts up the signs. The signs must "
            "be in place at least three full days before moving day so that wrongly parked "
            "cars can be towed.",
        ),
        required_documents=(
            [
                "Adresse und Länge des Halteverbots in Metern",
                "Datum und Uhrzeit",
                "Name der Firma, die die Schilder aufstellt",
            ],
            [
                "Address and length of the zone in metres",
                "Date and times",
                "Name of the company putting up the signs",
            ],
        ),
        fees=(
            "Die Gebühr richtet sich nach Länge und Dauer des Halteverbots. Die Kosten der "
            "Fachfirma für die Schilder kommen hinzu.",
            "The fee depends on the length and duration of the zone. The sign company's "
            "charges come on top.",
        ),
        processing_time=("Etwa eine Woche.", "About one week."),
        procedure=(
            [
                "1. Stellen Sie den Antrag online auf diesem Portal.",
                "2. Sie erhalten die verkehrsrechtliche Anordnung per E-Mail.",
                "3. Die Fachfirma stellt die Schilder spätestens drei Tage vorher auf und "
                "protokolliert die parkenden Fahrzeuge.",
            ],
            [
                "1. Apply online on this portal.",
                "2. You receive the traffic order by email.",
                "3. The sign company puts up the signs at least three days before and records "
                "the parked vehicles.",
            ],
        ),
        deadlines=(
            "Beantragen Sie das Halteverbot mindestens zwei Wochen vor dem Umzug.",
            "Apply at least two weeks before moving day.",
        ),
        legal_basis=(
            "§ 45 Absatz 1 Straßenverkehrs-Ordnung (StVO)",
            "Section 45(1) Road Traffic Regulations (StVO)",
        ),
        forms=("Online-Antrag auf diesem Portal.", "Online application on this portal."),
        contact=_CONTACT_PARKEN,
        keywords=(
            "Halteverbot, Halteverbotszone, Umzug Parkverbot, Parkverbot beantragen, "
            "Halteverbotsschild, Umzugswagen, Möbelwagen, Halteverbot Umzug, Haltverbot",
            "no-parking zone, moving van parking, suspend parking, removal van",
        ),
        synonyms="Parkverbot Umzug, Haltverbot, Halteverbotszone",
        online_url="/dienstleistungen/halteverbotszone-umzug/antrag/",
        ozg_maturity=3,
        life_situations=["umzug", "auto-und-parken"],
        topics=["parken", "oeffentlicher-raum"],
        offices=["mobilitaetsreferat-parken"],
        department_code="MOR",
    ),
    service(
        slug="parkausweis-menschen-mit-behinderung",
        leika_key="99041010001000",
        name=(
            "Parkausweis für Menschen mit Behinderung beantragen",
            "Apply for a disabled parking permit",
        ),
        short_text=(
            "Mit dem blauen EU-Parkausweis dürfen Sie auf Behindertenparkplätzen parken. Für "
            "andere Erleichterungen gibt es den orangefarbenen Parkausweis.",
            "The blue EU parking card lets you park in disabled parking spaces. An orange "
            "card gives other parking concessions.",
        ),
        full_text=(
            "Den blauen Parkausweis erhalten Menschen mit außergewöhnlicher Gehbehinderung "
            "(Merkzeichen aG), blinde Menschen (Merkzeichen Bl) und Menschen mit bestimmten "
            "vergleichbaren Einschränkungen. Er gilt in der ganzen EU. Der orangefarbene "
            "Parkausweis gilt nur in Deutschland und erlaubt zum Beispiel längeres Parken im "
            "eingeschränkten Halteverbot, aber nicht auf Behindertenparkplätzen.",
            "The blue card is for people with an exceptional walking disability (marker aG), "
            "blind people (marker Bl) and people with certain comparable impairments. It is "
            "valid throughout the EU. The orange card is only valid in Germany and allows, for "
            "example, longer parking in limited waiting zones, but not in disabled spaces.",
        ),
        prerequisites=(
            "Sie wohnen in München und haben einen Schwerbehindertenausweis mit dem passenden "
            "Merkzeichen oder Grad der Behinderung.",
            "You live in Munich and have a severe disability card with the relevant marker or "
            "degree of disability.",
        ),
        required_documents=(
            [
                "Schwerbehindertenausweis und Feststellungsbescheid",
                "Personalausweis oder Reisepass",
                "Ein Passfoto",
            ],
            [
                "Severe disability card and assessment notice",
                "Identity card or passport",
                "One passport photo",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=("Etwa zwei Wochen.", "About two weeks."),
        procedure=(
            "Schicken Sie den Antrag mit Kopien der Unterlagen an das Mobilitätsreferat oder "
            "geben Sie ihn persönlich ab.",
            "Send the application with copies of your documents to the Department of Mobility "
            "or hand it in in person.",
        ),
        legal_basis=(
            "§ 46 Absatz 1 Nummer 11 Straßenverkehrs-Ordnung (StVO)",
            "Section 46(1) no. 11 Road Traffic Regulations (StVO)",
        ),
        notes=(
            "Sie können auch einen persönlichen Behindertenparkplatz in der Nähe Ihrer Wohnung "
            "beantragen.",
            "You can also apply for a personal disabled parking space near your home.",
        ),
        contact=_CONTACT_PARKEN,
        keywords=(
            "Behindertenparkausweis, blauer Parkausweis, Schwerbehindertenparkplatz, "
            "orangener Parkausweis, Parkerleichterung, aG, Rollstuhl parken",
            "blue badge, disabled parking, disabled parking permit, wheelchair parking",
        ),
        synonyms="blauer Parkausweis, EU-Parkausweis, Behindertenparkausweis",
        life_situations=["auto-und-parken", "gesundheit"],
        topics=["parken", "soziale-leistungen"],
        offices=["mobilitaetsreferat-parken"],
        department_code="MOR",
    ),
]
