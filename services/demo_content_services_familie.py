"""Demo services: register office (Standesamt), names, and residence and citizenship."""

from services.demo_content_base import (
    CONTACT_AUSLAENDERBEHOERDE,
    CONTACT_STANDESAMT,
    SOZIALBUERGERHAEUSER,
    service,
)

_STANDESAEMTER = ["standesamt-muenchen", "standesamt-pasing"]

SERVICES = [
    service(
        slug="geburt-beurkunden",
        leika_key="99063001001000",
        name=("Geburt beurkunden lassen", "Register a birth"),
        short_text=(
            "Jede Geburt in München wird beim Standesamt beurkundet. Danach erhalten Sie die "
            "Geburtsurkunden für Ihr Kind.",
            "Every birth in Munich is registered at the register office. You then receive "
            "your child's birth certificates.",
        ),
        full_text=(
            "Wenn Ihr Kind in einer Münchner Klinik geboren wird, meldet die Klinik die Geburt "
            "dem Standesamt. Sie reichen die nötigen Unterlagen ein, meist direkt über die "
            "Klinik. Bei einer Hausgeburt zeigen Sie die Geburt selbst an. Das Standesamt "
            "trägt die Geburt ins Geburtenregister ein und stellt Geburtsurkunden aus. Einige "
            "Urkunden für Elterngeld, Kindergeld und Mutterschaftsgeld sind kostenlos.",
            "If your child is born in a Munich hospital, the hospital reports the birth to the "
            "register office. You submit the required documents, usually through the "
            "hospital. For a home birth you report the birth yourself. The register office "
            "enters the birth in the register of births and issues birth certificates. Some "
            "certificates for parental allowance, child benefit and maternity pay are free.",
        ),
        prerequisites=(
            "Ihr Kind ist in München geboren. Für Geburten in Pasing-Obermenzing, "
            "Aubing-Lochhausen-Langwied und Allach-Untermenzing ist das Standesamt Pasing "
            "zuständig.",
            "Your child was born in Munich. Births in Pasing-Obermenzing, "
            "Aubing-Lochhausen-Langwied and Allach-Untermenzing are handled by the Pasing "
            "register office.",
        ),
        required_documents=(
            [
                "Geburtsanzeige der Klinik oder Hebamme",
                "Personalausweise oder Reisepässe der Eltern",
                "Verheiratete Eltern: Eheurkunde oder beglaubigter Ausdruck aus dem Eheregister",
                "Nicht verheiratete Eltern: Geburtsurkunde der Mutter, gegebenenfalls "
                "Vaterschaftsanerkennung und Sorgeerklärung",
                "Gegebenenfalls Erklärung zum Namen des Kindes",
                "Ausländische Urkunden mit Übersetzung",
            ],
            [
                "Birth notification from the hospital or midwife",
                "Parents' identity cards or passports",
                "Married parents: marriage certificate or certified extract from the marriage "
                "register",
                "Unmarried parents: mother's birth certificate and, if applicable, "
                "acknowledgement of paternity and declaration of joint custody",
                "If applicable: declaration of the child's surname",
                "Foreign documents with a translation",
            ],
        ),
        fees=(
            "Die Beurkundung ist kostenlos. Urkunden für Elterngeld, Kindergeld, "
            "Mutterschaftsgeld und religiöse Zwecke sind kostenlos. Jede weitere "
            "Geburtsurkunde kostet 12 Euro.",
            "Registration is free. Certificates for parental allowance, child benefit, "
            "maternity pay and religious purposes are free. Each additional birth certificate "
            "costs 12 euros.",
        ),
        processing_time=(
            "In der Regel zwei bis vier Wochen nach Eingang aller Unterlagen.",
            "Usually two to four weeks after we have all documents.",
        ),
        procedure=(
            "Geben Sie die Unterlagen in der Klinik ab oder schicken Sie sie an das Standesamt. "
            "Wir schicken Ihnen die Geburtsurkunden per Post.",
            "Hand in the documents at the hospital or send them to the register office. We "
            "send you the birth certificates by post.",
        ),
        deadlines=(
            "Die Geburt muss innerhalb einer Woche angezeigt werden.",
            "The birth must be reported within one week.",
        ),
        legal_basis=(
            "§§ 18 bis 21 Personenstandsgesetz (PStG)",
            "Sections 18 to 21 Civil Status Act (PStG)",
        ),
        notes=(
            "Nach der Beurkundung melden wir Ihr Kind automatisch beim Melderegister an. Die "
            "Steuer-Identifikationsnummer kommt per Post vom Bundeszentralamt für Steuern.",
            "After registration your child is automatically registered at your address. The "
            "tax identification number is sent by post by the Federal Central Tax Office.",
        ),
        contact=CONTACT_STANDESAMT,
        keywords=(
            "Geburt, Geburtsurkunde, Geburt anmelden, Baby anmelden, Kind anmelden, "
            "Geburtsanzeige, Geburtenregister, Neugeborenes, Geburtsurkunden, Geburtsurkunde "
            "Elterngeld, Geburt anzeigen",
            "birth registration, birth certificate, register a baby, newborn",
        ),
        synonyms="Geburtsanzeige, Geburtsurkunde, Baby anmelden",
        easy_language_de=(
            "Ihr Baby ist geboren?\n"
            "Herzlichen Glückwunsch!\n"
            "\n"
            "Das Standes-Amt schreibt die Geburt in ein Register.\n"
            "Danach bekommen Sie eine Geburts-Urkunde.\n"
            "Die Geburts-Urkunde ist ein wichtiges Papier für Ihr Kind.\n"
            "\n"
            "Meistens hilft Ihnen das Kranken-Haus.\n"
            "Sie geben dort die Papiere ab.\n"
            "Zum Beispiel Ihre Ausweise.\n"
            "\n"
            "Das müssen Sie in 1 Woche machen.\n"
            "\n"
            "Einige Geburts-Urkunden kosten nichts.\n"
            "Zum Beispiel für das Eltern-Geld und das Kinder-Geld."
        ),
        ozg_maturity=2,
        life_situations=["geburt", "familie-und-kinder"],
        topics=["standesamt", "familie"],
        offices=_STANDESAEMTER,
        department_code="KVR",
    ),
    service(
        slug="vaterschaft-anerkennen",
        leika_key="99063010001000",
        name=("Vaterschaft anerkennen", "Acknowledge paternity"),
        short_text=(
            "Wenn die Eltern nicht verheiratet sind, kann der Vater die Vaterschaft vor oder "
            "nach der Geburt anerkennen.",
            "If the parents are not married, the father can acknowledge paternity before or "
            "after the birth.",
        ),
        full_text=(
            "Mit der Anerkennung wird der Mann rechtlich der Vater des Kindes. Die Mutter muss "
            "zustimmen. Sie können die Vaterschaft beim Standesamt, beim Jugendamt oder bei "
            "einem Notar anerkennen. Erledigen Sie das am besten schon vor der Geburt; dann "
            "wird der Vater direkt in die Geburtsurkunde eingetragen.",
            "By acknowledging paternity, the man becomes the child's legal father. The mother "
            "must consent. You can acknowledge paternity at the register office, the youth "
            "welfare office or a notary. Ideally do it before the birth; the father is then "
            "entered on the birth certificate straight away.",
        ),
        prerequisites=(
            "Die Mutter ist nicht verheiratet, und kein anderer Mann ist bereits rechtlicher "
            "Vater.",
            "The mother is not married and no other man is already the legal father.",
        ),
        required_documents=(
            [
                "Personalausweise oder Reisepässe beider Eltern",
                "Geburtsurkunden beider Eltern",
                "Vor der Geburt: Mutterpass",
                "Nach der Geburt: Geburtsurkunde des Kindes",
            ],
            [
                "Both parents' identity cards or passports",
                "Both parents' birth certificates",
                "Before the birth: maternity record (Mutterpass)",
                "After the birth: the child's birth certificate",
            ],
        ),
        fees=(
            "Beim Standesamt und beim Jugendamt kostenlos.",
            "Free at the register office and the youth welfare office.",
        ),
        processing_time=("Etwa 30 Minuten im Termin.", "About 30 minutes at the appointment."),
        procedure=(
            "Buchen Sie einen gemeinsamen Termin beim Standesamt. Sie können gleichzeitig beim "
            "Jugendamt die gemeinsame Sorge erklären.",
            "Book a joint appointment at the register office. You can declare joint custody "
            "at the youth welfare office at the same time.",
        ),
        legal_basis=(
            "§§ 1592 und 1594 bis 1598 Bürgerliches Gesetzbuch (BGB), § 44 "
            "Personenstandsgesetz (PStG)",
            "Sections 1592 and 1594 to 1598 Civil Code (BGB), section 44 Civil Status Act (PStG)",
        ),
        contact=CONTACT_STANDESAMT,
        keywords=(
            "Vaterschaftsanerkennung, Vaterschaft anerkennen, unverheiratet Kind, Vater "
            "eintragen, nicht verheiratet Baby, Vaterschaft",
            "acknowledge paternity, unmarried parents, father on birth certificate",
        ),
        synonyms="Vaterschaftsanerkennung, Vater eintragen",
        life_situations=["geburt", "familie-und-kinder"],
        topics=["standesamt", "familie"],
        offices=_STANDESAEMTER,
        department_code="KVR",
    ),
    service(
        slug="sorgeerklaerung-abgeben",
        leika_key="99063015001000",
        name=("Gemeinsame Sorge erklären", "Declare joint parental custody"),
        short_text=(
            "Nicht verheiratete Eltern erhalten die gemeinsame Sorge, wenn beide eine "
            "Sorgeerklärung abgeben.",
            "Unmarried parents get joint custody if both make a declaration of joint custody.",
        ),
        full_text=(
            "Sind die Eltern bei der Geburt nicht verheiratet, hat zunächst die Mutter das "
            "alleinige Sorgerecht. Mit einer Sorgeerklärung erhalten beide Eltern die "
            "gemeinsame Sorge. Die Erklärung wird beim Stadtjugendamt oder bei einem Notar "
            "beurkundet. Sie ist vor und nach der Geburt möglich.",
            "If the parents are not married when the child is born, the mother initially has "
            "sole custody. With a declaration of joint custody both parents share custody. The "
            "declaration is recorded at the city youth welfare office or by a notary. It can "
            "be made before or after the birth.",
        ),
        prerequisites=(
            "Die Vaterschaft ist anerkannt oder wird gleichzeitig anerkannt.",
            "Paternity has been acknowledged or is acknowledged at the same time.",
        ),
        required_documents=(
            [
                "Personalausweise oder Reisepässe beider Eltern",
                "Vaterschaftsanerkennung",
                "Nach der Geburt: Geburtsurkunde des Kindes",
            ],
            [
                "Both parents' identity cards or passports",
                "Acknowledgement of paternity",
                "After the birth: the child's birth certificate",
            ],
        ),
        fees=("Beim Jugendamt kostenlos.", "Free at the youth welfare office."),
        processing_time=("Etwa 30 Minuten im Termin.", "About 30 minutes at the appointment."),
        procedure=(
            "Vereinbaren Sie einen Termin bei der Beurkundungsstelle des Stadtjugendamts. Ihr "
            "Sozialbürgerhaus hilft Ihnen bei Fragen.",
            "Make an appointment at the city youth welfare office's certification unit. Your "
            "social services centre can help with questions.",
        ),
        legal_basis=(
            "§§ 1626a bis 1626e Bürgerliches Gesetzbuch (BGB), § 59 Sozialgesetzbuch Achtes "
            "Buch (SGB VIII)",
            "Sections 1626a to 1626e Civil Code (BGB), section 59 Social Code Book VIII",
        ),
        contact=(
            "Stadtjugendamt München, Beurkundungen.\nTelefon: +49 89 233-96860",
            "Munich City Youth Welfare Office, certifications.\nPhone: +49 89 233-96860",
        ),
        keywords=(
            "Sorgeerklärung, gemeinsames Sorgerecht, Sorgerecht unverheiratet, Sorgerecht "
            "Vater, Jugendamt Sorgerecht",
            "joint custody, parental responsibility, unmarried parents custody",
        ),
        synonyms="gemeinsames Sorgerecht, Sorgerechtserklärung",
        life_situations=["geburt", "familie-und-kinder"],
        topics=["familie"],
        offices=SOZIALBUERGERHAEUSER,
        department_code="SOZ",
    ),
    service(
        slug="eheschliessung-anmelden",
        leika_key="99063020001000",
        name=("Eheschließung anmelden", "Give notice of marriage"),
        short_text=(
            "Bevor Sie heiraten, melden Sie die Eheschließung beim Standesamt an. Das geht "
            "frühestens sechs Monate vor der Trauung.",
            "Before you marry, you give notice of marriage at the register office. You can do "
            "this at the earliest six months before the wedding.",
        ),
        full_text=(
            "Bei der Anmeldung prüft das Standesamt, ob Sie heiraten dürfen. Zuständig ist das "
            "Standesamt, in dessen Bezirk einer von Ihnen wohnt. Heiraten können Sie danach in "
            "München im Standesamt Ruppertstraße 11, im Trausaal Mandlstraße oder in Pasing, "
            "oder bei jedem anderen Standesamt in Deutschland. Wenn einer von Ihnen nicht "
            "Deutsche oder Deutscher ist, brauchen Sie oft weitere Unterlagen. Lassen Sie sich "
            "dann vorher beraten.",
            "When you give notice, the register office checks that you are free to marry. The "
            "register office where one of you lives is responsible. You can then marry in "
            "Munich at Ruppertstraße 11, at the Mandlstraße venue or in Pasing, or at any "
            "other register office in Germany. If one of you is not a German citizen, you "
            "often need more documents. Ask for advice first.",
        ),
        prerequisites=(
            "Sie sind beide volljährig und nicht anderweitig verheiratet oder verpartnert. "
            "Einer von Ihnen wohnt in München.",
            "You are both adults and not married to or in a civil partnership with anyone "
            "else. One of you lives in Munich.",
        ),
        required_documents=(
            [
                "Personalausweise oder Reisepässe",
                "Beglaubigte Ausdrucke aus dem Geburtenregister (nicht älter als sechs Monate)",
                "Erweiterte Meldebescheinigung mit Familienstand",
                "Wenn Sie schon verheiratet waren: Eheurkunde mit Auflösungsvermerk oder "
                "rechtskräftiges Scheidungsurteil",
                "Gemeinsame Kinder: Geburtsurkunden",
                "Ausländische Staatsangehörige: Ehefähigkeitszeugnis und weitere Urkunden "
                "nach Absprache",
            ],
            [
                "Identity cards or passports",
                "Certified extracts from the register of births (not older than six months)",
                "Extended certificate of registration showing marital status",
                "If you were married before: marriage certificate with note of dissolution, or "
                "final divorce decree",
                "Children you have together: birth certificates",
                "Foreign nationals: certificate of no impediment and other documents as agreed",
            ],
        ),
        fees=(
            [
                "Anmeldung: 55 Euro, bei Beteiligung ausländischen Rechts 30 Euro mehr",
                "Eheurkunde: 12 Euro je Urkunde",
                "Trauung bei einem anderen Standesamt: 40 Euro",
                "Trauungen am Samstag kosten einen Zuschlag.",
            ],
            [
                "Notice: 55 euros, 30 euros more if foreign law is involved",
                "Marriage certificate: 12 euros each",
                "Wedding at another register office: 40 euros",
                "Saturday weddings cost extra.",
            ],
        ),
        processing_time=(
            "Bei deutschen Urkunden meist im Termin. Mit ausländischen Urkunden kann die "
            "Prüfung mehrere Wochen dauern.",
            "With German documents usually at the appointment. With foreign documents the "
            "check can take several weeks.",
        ),
        procedure=(
            [
                "1. Reservieren Sie einen Trautermin online.",
                "2. Buchen Sie einen Termin zur Anmeldung. Kommen Sie möglichst zu zweit.",
                "3. Das Standesamt prüft Ihre Unterlagen und bestätigt den Trautermin.",
                "4. Am Hochzeitstag bringen Sie Ihre Ausweise mit. Trauzeugen sind freiwillig.",
            ],
            [
                "1. Reserve a wedding date online.",
                "2. Book an appointment to give notice. Come together if you can.",
                "3. The register office checks your documents and confirms the wedding date.",
                "4. On the day, bring your ID. Witnesses are optional.",
            ],
        ),
        deadlines=(
            "Die Anmeldung ist sechs Monate gültig. Heiraten Sie innerhalb dieser Zeit.",
            "Notice is valid for six months. You must marry within that time.",
        ),
        legal_basis=(
            "§§ 1303 bis 1312 Bürgerliches Gesetzbuch (BGB), §§ 12 bis 16 "
            "Personenstandsgesetz (PStG)",
            "Sections 1303 to 1312 Civil Code (BGB), sections 12 to 16 Civil Status Act (PStG)",
        ),
        notes=(
            "Bei der Anmeldung legen Sie auch Ihren künftigen Ehenamen fest. Seit Mai 2025 sind "
            "auch Doppelnamen aus beiden Familiennamen als gemeinsamer Ehename möglich.",
            "When you give notice you also choose your married name. Since May 2025 a "
            "double-barrelled name made from both surnames can be your joint married name.",
        ),
        contact=CONTACT_STANDESAMT,
        keywords=(
            "Heiraten, Hochzeit, Trauung, Eheschließung, Aufgebot, Standesamt Termin, "
            "Trautermin, Eheanmeldung, heiraten München, Hochzeit Standesamt, Ehe anmelden, "
            "Heirat",
            "getting married, wedding, marriage, civil wedding, register office wedding",
        ),
        synonyms="Aufgebot, Heiraten, Hochzeit anmelden, Trauung",
        ozg_maturity=2,
        life_situations=["heirat"],
        topics=["standesamt", "familie"],
        offices=[*_STANDESAEMTER, "standesamt-mandlstrasse"],
        department_code="KVR",
    ),
    service(
        slug="namenserklaerung-abgeben",
        leika_key="99063030001000",
        name=(
            "Namenserklärung abgeben (Ehename, Kindesname)",
            "Declare a change of surname (married name, child's name)",
        ),
        short_text=(
            "Nach Heirat, Scheidung oder bei Kindern können Sie Ihren Familiennamen durch eine "
            "Erklärung beim Standesamt bestimmen oder ändern.",
            "After marriage, divorce or for a child, you can choose or change a surname by "
            "making a declaration at the register office.",
        ),
        full_text=(
            "Das Namensrecht erlaubt bestimmte Namensänderungen durch eine einfache Erklärung, "
            "zum Beispiel: nachträglich einen Ehenamen bestimmen, nach einer Scheidung den "
            "früheren Namen wieder annehmen oder den Namen eines Kindes neu bestimmen. Seit "
            "1. Mai 2025 gilt ein neues Namensrecht, das zum Beispiel Doppelnamen für Ehepaare "
            "und Kinder ermöglicht. Das Standesamt berät Sie, welche Möglichkeit für Sie "
            "passt.",
            "Naming law allows certain changes by a simple declaration, for example choosing "
            "a married name after the wedding, returning to your previous name after divorce "
            "or redetermining a child's name. New naming rules apply since 1 May 2025; for "
            "example, couples and children can now have double-barrelled names. The register "
            "office advises you which option fits.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass",
                "Eheurkunde oder Geburtsurkunde, je nach Fall",
                "Bei Scheidung: rechtskräftiges Scheidungsurteil",
            ],
            [
                "Identity card or passport",
                "Marriage or birth certificate, depending on the case",
                "After divorce: final divorce decree",
            ],
        ),
        fees=(
            "30 Euro für die Erklärung. Neue Urkunden kosten 12 Euro je Stück.",
            "30 euros for the declaration. New certificates cost 12 euros each.",
        ),
        processing_time=("Etwa 30 Minuten im Termin.", "About 30 minutes at the appointment."),
        procedure=(
            "Buchen Sie einen Termin beim Standesamt. Danach müssen Sie Ausweis, Pass und "
            "Führerschein auf den neuen Namen ändern lassen.",
            "Book an appointment at the register office. Afterwards, update your ID card, "
            "passport and driving licence to the new name.",
        ),
        legal_basis=(
            "§§ 1355, 1617 ff. Bürgerliches Gesetzbuch (BGB), § 45 Personenstandsgesetz (PStG)",
            "Sections 1355 and 1617 et seq. Civil Code (BGB), section 45 Civil Status Act (PStG)",
        ),
        contact=CONTACT_STANDESAMT,
        keywords=(
            "Namenserklärung, Ehename, Doppelname, Geburtsname wieder annehmen, Namen nach "
            "Scheidung, Kindesname, Nachname ändern Heirat, neues Namensrecht",
            "married name, double-barrelled name, maiden name after divorce, child's surname",
        ),
        synonyms="Ehenamen bestimmen, Geburtsname zurück, Doppelname",
        life_situations=["heirat", "familie-und-kinder"],
        topics=["standesamt", "familie"],
        offices=_STANDESAEMTER,
        department_code="KVR",
    ),
    service(
        slug="namensaenderung-beantragen",
        leika_key="99063035001000",
        name=(
            "Namensänderung beantragen (öffentlich-rechtlich)",
            "Apply for a change of name (administrative)",
        ),
        short_text=(
            "Wenn es einen wichtigen Grund gibt, können Sie Ihren Vor- oder Familiennamen "
            "durch die Behörde ändern lassen.",
            "If there is an important reason, you can have your first name or surname "
            "changed by the authorities.",
        ),
        full_text=(
            "Die öffentlich-rechtliche Namensänderung ist die Ausnahme. Sie kommt nur in "
            "Frage, wenn das Namensrecht keine Erklärung vorsieht und ein wichtiger Grund "
            "vorliegt, zum Beispiel ein anstößiger oder lächerlicher Name, ein sehr schwer "
            "auszusprechender Name oder erhebliche seelische Belastung. Der bloße Wunsch nach "
            "einem anderen Namen genügt nicht.",
            "An administrative change of name is the exception. It is only possible if naming "
            "law has no declaration for your case and there is an important reason, for "
            "example an offensive or ridiculous name, a name that is very hard to pronounce, "
            "or significant psychological distress. Simply wanting a different name is not "
            "enough.",
        ),
        prerequisites=(
            "Sie sind Deutsche oder Deutscher, staatenlos oder anerkannter Flüchtling und "
            "wohnen in München. Sie haben einen wichtigen Grund.",
            "You are a German citizen, stateless or a recognised refugee and live in Munich. "
            "You have an important reason.",
        ),
        required_documents=(
            [
                "Schriftlicher Antrag mit Begründung",
                "Geburtsurkunde, gegebenenfalls Eheurkunde",
                "Personalausweis oder Reisepass",
                "Nachweise für den wichtigen Grund, zum Beispiel ärztliche Stellungnahmen",
            ],
            [
                "Written application with reasons",
                "Birth certificate and, if applicable, marriage certificate",
                "Identity card or passport",
                "Evidence of the important reason, for example medical statements",
            ],
        ),
        fees=(
            "Familienname: 2,50 bis 1.022 Euro. Vorname: 2,50 bis 255 Euro. Die Höhe richtet "
            "sich nach Aufwand und Ihren wirtschaftlichen Verhältnissen.",
            "Surname: 2.50 to 1,022 euros. First name: 2.50 to 255 euros. The amount depends "
            "on the work involved and your financial situation.",
        ),
        processing_time=("Mehrere Monate.", "Several months."),
        procedure=(
            "Lassen Sie sich zuerst vom Standesamt beraten. Reichen Sie dann den Antrag "
            "schriftlich ein. Wir holen gegebenenfalls Stellungnahmen ein.",
            "Ask the register office for advice first. Then submit your application in "
            "writing. We may ask other bodies for their views.",
        ),
        legal_basis=(
            "Namensänderungsgesetz (NamÄndG), Allgemeine Verwaltungsvorschrift zum "
            "Namensänderungsgesetz (NamÄndVwV)",
            "Name Change Act (NamÄndG) and its administrative regulation (NamÄndVwV)",
        ),
        notes=(
            "Wenn Sie Vornamen und Geschlechtseintrag ändern möchten, gilt das "
            "Selbstbestimmungsgesetz. Das ist ein eigenes, einfacheres Verfahren.",
            "If you want to change your first names and gender entry, the Self-Determination "
            "Act applies. That is a separate, simpler procedure.",
        ),
        contact=CONTACT_STANDESAMT,
        keywords=(
            "Namensänderung, Namen ändern, Nachnamen ändern, Vornamen ändern, Name ändern "
            "lassen, Namensaenderung, neuer Name",
            "change of name, change surname, change first name, name change",
        ),
        synonyms="Namen ändern, Namensänderung",
        life_situations=["familie-und-kinder"],
        topics=["standesamt"],
        offices=["standesamt-muenchen"],
        department_code="KVR",
    ),
    service(
        slug="geschlechtseintrag-aendern",
        leika_key="99063040001000",
        name=(
            "Geschlechtseintrag und Vornamen ändern (Selbstbestimmungsgesetz)",
            "Change your gender entry and first names (Self-Determination Act)",
        ),
        short_text=(
            "Mit einer Erklärung beim Standesamt können Sie Ihren Geschlechtseintrag und Ihre "
            "Vornamen ändern. Sie melden die Erklärung drei Monate vorher an.",
            "You can change your gender entry and first names by making a declaration at the "
            "register office. You register your intention three months in advance.",
        ),
        full_text=(
            "Seit 1. November 2024 gilt das Selbstbestimmungsgesetz. Sie können den "
            "Geschlechtseintrag als weiblich, männlich oder divers angeben oder streichen "
            "lassen und passende Vornamen wählen. Gutachten oder ein Gericht sind nicht nötig. "
            "Die Erklärung muss drei Monate vorher angemeldet werden.",
            "The Self-Determination Act applies since 1 November 2024. You can have your "
            "gender entry recorded as female, male or diverse, or removed, and choose matching "
            "first names. No expert reports or court decisions are needed. You must register "
            "your intention three months before making the declaration.",
        ),
        prerequisites=(
            "Ihr Geburtseintrag ist in einem deutschen Register, oder Sie wohnen in München. "
            "Ab 14 Jahren geben Sie die Erklärung selbst mit Zustimmung der Sorgeberechtigten "
            "ab; für jüngere Kinder erklären die Sorgeberechtigten.",
            "Your birth is recorded in a German register, or you live in Munich. From age 14 "
            "you make the declaration yourself with your parents' consent; for younger "
            "children the parents declare.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass",
                "Geburtsurkunde",
                "Gegebenenfalls Eheurkunde und Geburtsurkunden Ihrer Kinder",
            ],
            [
                "Identity card or passport",
                "Birth certificate",
                "If applicable: marriage certificate and your children's birth certificates",
            ],
        ),
        fees=(
            "Es fallen Gebühren für die Erklärung und für neue Urkunden an.",
            "Fees are charged for the declaration and for new certificates.",
        ),
        processing_time=(
            "Die Erklärung wird im Termin beurkundet, frühestens drei Monate nach der Anmeldung.",
            "The declaration is recorded at the appointment, at the earliest three months "
            "after registering your intention.",
        ),
        procedure=(
            [
                "1. Melden Sie die Erklärung schriftlich oder online beim Standesamt an.",
                "2. Nach drei Monaten geben Sie die Erklärung persönlich ab.",
                "3. Danach beantragen Sie neue Ausweisdokumente.",
            ],
            [
                "1. Register your intention with the register office in writing or online.",
                "2. After three months, make the declaration in person.",
                "3. Then apply for new ID documents.",
            ],
        ),
        deadlines=(
            "Die Erklärung müssen Sie innerhalb von sechs Monaten nach der Anmeldung abgeben. "
            "Eine erneute Änderung ist frühestens nach einem Jahr möglich.",
            "You must make the declaration within six months of registering. A further change "
            "is possible after one year at the earliest.",
        ),
        legal_basis=(
            "Gesetz über die Selbstbestimmung in Bezug auf den Geschlechtseintrag (SBGG)",
            "Self-Determination Act (SBGG)",
        ),
        contact=CONTACT_STANDESAMT,
        keywords=(
            "Selbstbestimmungsgesetz, SBGG, Geschlechtseintrag, Personenstand ändern, trans, "
            "nicht-binär, divers, Vornamensänderung, Transsexuellengesetz, TSG",
            "self-determination act, gender marker, change gender, trans, non-binary",
        ),
        synonyms="SBGG, Geschlechtseintrag ändern, Vornamensänderung",
        ozg_maturity=2,
        life_situations=["familie-und-kinder"],
        topics=["standesamt"],
        offices=_STANDESAEMTER,
        department_code="KVR",
    ),
    service(
        slug="sterbefall-beurkunden",
        leika_key="99063050001000",
        name=("Sterbefall beurkunden lassen", "Register a death"),
        short_text=(
            "Ein Todesfall muss spätestens am dritten Werktag danach beim Standesamt angezeigt "
            "werden. Oft übernimmt das der Bestatter.",
            "A death must be reported to the register office by the third working day after "
            "it. The undertaker often does this for you.",
        ),
        full_text=(
            "Zuständig ist das Standesamt des Ortes, an dem die Person gestorben ist. Stirbt "
            "jemand im Krankenhaus oder Heim, zeigt die Einrichtung den Tod an. Sonst sind die "
            "Angehörigen verpflichtet. Die meisten Familien beauftragen ein Bestattungsinstitut, "
            "das die Anzeige und die Urkunden für Sie erledigt. Die Sterbeurkunde brauchen Sie "
            "für Rentenversicherung, Versicherungen, Banken und das Nachlassgericht.",
            "The register office where the person died is responsible. If someone dies in a "
            "hospital or care home, the institution reports the death. Otherwise relatives must "
            "report it. Most families ask a funeral director, who handles the report and the "
            "certificates for you. You need the death certificate for the pension insurance, "
            "insurers, banks and the probate court.",
        ),
        required_documents=(
            [
                "Todesbescheinigung der Ärztin oder des Arztes",
                "Personalausweis oder Reisepass der verstorbenen Person",
                "Geburtsurkunde; bei Verheirateten Eheurkunde",
                "Bei Geschiedenen: Scheidungsurteil; bei Verwitweten: Sterbeurkunde des "
                "Ehepartners",
                "Ausweis der anzeigenden Person",
            ],
            [
                "Medical death certificate",
                "Identity card or passport of the deceased",
                "Birth certificate; if married, marriage certificate",
                "If divorced: divorce decree; if widowed: spouse's death certificate",
                "ID of the person reporting the death",
            ],
        ),
        fees=(
            "Die Beurkundung ist kostenlos. Sterbeurkunden kosten 12 Euro je Stück; "
            "Urkunden für die Rentenversicherung sind kostenlos.",
            "Registration is free. Death certificates cost 12 euros each; certificates for "
            "the pension insurance are free.",
        ),
        processing_time=(
            "Wenn alle Unterlagen vorliegen, meist innerhalb weniger Tage.",
            "Usually a few days once all documents are available.",
        ),
        procedure=(
            "Geben Sie die Unterlagen beim Bestatter ab oder kommen Sie mit Termin ins "
            "Standesamt. Die Meldebehörde wird automatisch informiert.",
            "Give the documents to the funeral director or book an appointment at the register "
            "office. The registration authority is informed automatically.",
        ),
        deadlines=(
            "Spätestens am dritten Werktag nach dem Tod.",
            "By the third working day after the death.",
        ),
        legal_basis=(
            "§§ 28 bis 30 Personenstandsgesetz (PStG), Bestattungsgesetz (BestG) Bayern",
            "Sections 28 to 30 Civil Status Act (PStG), Bavarian Burial Act (BestG)",
        ),
        notes=(
            "Wenn Sie Hilfe bei den Bestattungskosten brauchen, wenden Sie sich an Ihr "
            "Sozialbürgerhaus.",
            "If you need help with funeral costs, contact your social services centre.",
        ),
        contact=CONTACT_STANDESAMT,
        keywords=(
            "Todesfall, Sterbefall, Sterbeurkunde, gestorben, Tod melden, Todesanzeige "
            "Standesamt, Beerdigung, Bestattung, Sterbeurkunde beantragen",
            "death registration, death certificate, someone died, bereavement, funeral",
        ),
        synonyms="Todesfall melden, Sterbeurkunde, Sterbefallanzeige",
        life_situations=["todesfall"],
        topics=["standesamt"],
        offices=_STANDESAEMTER,
        department_code="KVR",
    ),
    service(
        slug="personenstandsurkunde-bestellen",
        leika_key="99063060001000",
        name=(
            "Geburts-, Ehe- oder Sterbeurkunde bestellen",
            "Order a birth, marriage or death certificate",
        ),
        short_text=(
            "Urkunden erhalten Sie bei dem Standesamt, in dessen Register der Fall eingetragen "
            "ist. Sie können sie online bestellen.",
            "Certificates are issued by the register office that holds the record. You can "
            "order them online.",
        ),
        full_text=(
            "Das Standesamt München stellt Urkunden für Geburten, Eheschließungen und "
            "Sterbefälle aus, die in München beurkundet wurden. Urkunden erhalten die "
            "betroffenen Personen, ihre Ehegatten, Vorfahren und Abkömmlinge. Andere Personen "
            "müssen ein rechtliches Interesse nachweisen. Ältere Einträge (Geburten vor mehr "
            "als 110 Jahren, Ehen vor mehr als 80 Jahren, Sterbefälle vor mehr als 30 Jahren) "
            "liegen im Stadtarchiv.",
            "Munich Register Office issues certificates for births, marriages and deaths "
            "registered in Munich. Certificates are issued to the people concerned, their "
            "spouses, ancestors and descendants. Others must show a legal interest. Older "
            "records (births more than 110 years ago, marriages more than 80 years ago, deaths "
            "more than 30 years ago) are held by the city archive.",
        ),
        required_documents=(
            [
                "Angaben zum Eintrag: Namen, Datum und Ort",
                "Personalausweis oder Reisepass",
                "Falls nötig: Nachweis Ihres rechtlichen Interesses",
            ],
            [
                "Details of the record: names, date and place",
                "Identity card or passport",
                "If needed: proof of your legal interest",
            ],
        ),
        fees=("12 Euro je Urkunde.", "12 euros per certificate."),
        processing_time=(
            "Online bestellte Urkunden schicken wir meist innerhalb von zwei Wochen.",
            "Certificates ordered online are usually posted within two weeks.",
        ),
        procedure=(
            "Bestellen Sie die Urkunde online und zahlen Sie direkt. Mehrsprachige "
            "internationale Urkunden sind ebenfalls möglich.",
            "Order the certificate online and pay straight away. Multilingual international "
            "certificates are also available.",
        ),
        legal_basis=(
            "§§ 5, 55 und 62 Personenstandsgesetz (PStG)",
            "Sections 5, 55 and 62 Civil Status Act (PStG)",
        ),
        contact=CONTACT_STANDESAMT,
        keywords=(
            "Geburtsurkunde bestellen, Heiratsurkunde, Eheurkunde, Sterbeurkunde, Urkunde "
            "anfordern, Registerauszug, internationale Geburtsurkunde, Geburtsurkunde online",
            "order birth certificate, marriage certificate, death certificate copy",
        ),
        synonyms="Urkunde anfordern, Heiratsurkunde, Geburtsurkunde, Registerausdruck",
        online_url="https://stadt.muenchen.de/buergerservice/urkunden-online/",
        ozg_maturity=4,
        life_situations=["geburt", "heirat", "todesfall"],
        topics=["standesamt"],
        offices=_STANDESAEMTER,
        department_code="KVR",
    ),
    service(
        slug="kirchenaustritt",
        leika_key="99063070001000",
        name=("Aus der Kirche austreten", "Leave a church"),
        short_text=(
            "In Bayern erklären Sie den Kirchenaustritt persönlich beim Standesamt Ihres Wohnorts.",
            "In Bavaria you declare that you are leaving a church in person at the register "
            "office where you live.",
        ),
        full_text=(
            "Der Austritt gilt für Religionsgemeinschaften, die Kirchensteuer erheben. Sie "
            "erhalten eine Bescheinigung. Die Kirchensteuerpflicht endet zum Ende des Monats, "
            "in dem der Austritt wirksam wird. Das Finanzamt wird über das Melderegister "
            "informiert.",
            "This applies to religious communities that levy church tax. You receive a "
            "certificate. Church tax ends at the end of the month in which your departure "
            "takes effect. The tax office is informed through the population register.",
        ),
        prerequisites=(
            "Sie wohnen in München und sind mindestens 14 Jahre alt.",
            "You live in Munich and are at least 14 years old.",
        ),
        required_documents=(
            ["Personalausweis oder Reisepass", "Gegebenenfalls Taufurkunde"],
            ["Identity card or passport", "Baptism certificate, if available"],
        ),
        fees=(
            "Es fällt eine Gebühr nach dem bayerischen Kostenrecht an. Die genaue Höhe nennen "
            "wir Ihnen bei der Terminbuchung.",
            "A fee is charged under Bavarian fee law. We tell you the exact amount when you book.",
        ),
        processing_time=("Etwa 10 Minuten im Termin.", "About 10 minutes at the appointment."),
        procedure=(
            "Buchen Sie einen Termin beim Standesamt. Der Austritt ist nur persönlich oder "
            "über einen Notar möglich, nicht online.",
            "Book an appointment at the register office. You can only leave in person or "
            "through a notary, not online.",
        ),
        legal_basis=(
            "Art. 3 Kirchensteuergesetz Bayern (KirchStG)",
            "Article 3 Bavarian Church Tax Act (KirchStG)",
        ),
        contact=CONTACT_STANDESAMT,
        keywords=(
            "Kirchenaustritt, aus der Kirche austreten, Kirchensteuer sparen, katholisch "
            "austreten, evangelisch austreten, Austritt Kirche, Kirchenaustrit",
            "leave church, church tax, church exit",
        ),
        synonyms="Kirchenaustritt, Austritt",
        life_situations=[],
        topics=["standesamt", "steuern-und-abgaben"],
        offices=_STANDESAEMTER,
        department_code="KVR",
    ),
    # Residence and citizenship --------------------------------------------------------------
    service(
        slug="aufenthaltstitel-beantragen",
        leika_key="99010001001000",
        name=(
            "Aufenthaltstitel beantragen oder verlängern",
            "Apply for or extend a residence permit",
        ),
        short_text=(
            "Wenn Sie nicht aus der EU kommen und länger in München bleiben, brauchen Sie einen "
            "Aufenthaltstitel. Beantragen Sie die Verlängerung vor Ablauf.",
            "If you are not an EU citizen and stay in Munich for longer, you need a residence "
            "permit. Apply to extend it before it expires.",
        ),
        full_text=(
            "Die Ausländerbehörde München erteilt und verlängert Aufenthaltserlaubnisse, "
            "Niederlassungserlaubnisse und Blaue Karten EU, zum Beispiel für Arbeit, Studium "
            "oder Familiennachzug. Welche Unterlagen Sie brauchen, hängt vom Zweck Ihres "
            "Aufenthalts ab. Nehmen Sie zuerst über das Kontaktformular Kontakt auf; wir "
            "schicken Ihnen dann eine Liste der Unterlagen und einen Termin.",
            "Munich Immigration Office issues and extends residence permits, settlement "
            "permits and EU Blue Cards, for example for work, study or family reunification. "
            "The documents you need depend on the purpose of your stay. Contact us through the "
            "contact form first; we then send you a list of documents and an appointment.",
        ),
        prerequisites=(
            "Sie wohnen in München und erfüllen die Voraussetzungen für den jeweiligen Zweck, "
            "zum Beispiel einen Arbeitsvertrag, eine Studienzulassung oder eine "
            "Familienbeziehung.",
            "You live in Munich and meet the conditions for your purpose, for example an "
            "employment contract, a university place or a family relationship.",
        ),
        required_documents=(
            [
                "Gültiger Reisepass",
                "Biometrisches Foto",
                "Nachweis über Krankenversicherung",
                "Nachweise zum Lebensunterhalt, zum Beispiel Gehaltsabrechnungen",
                "Mietvertrag und Meldebescheinigung",
                "Nachweise zum Zweck des Aufenthalts",
            ],
            [
                "Valid passport",
                "Biometric photo",
                "Proof of health insurance",
                "Proof of income, for example payslips",
                "Rental contract and certificate of registration",
                "Documents for the purpose of your stay",
            ],
        ),
        fees=(
            "In der Regel bis zu 100 Euro für eine Aufenthaltserlaubnis und bis zu 147 Euro für "
            "eine Niederlassungserlaubnis. Für einige Staatsangehörige gelten ermäßigte "
            "Gebühren.",
            "Usually up to 100 euros for a residence permit and up to 147 euros for a "
            "settlement permit. Reduced fees apply to some nationalities.",
        ),
        processing_time=(
            "Die Herstellung der Karte dauert nach dem Termin etwa vier bis sechs Wochen. Bis "
            "dahin erhalten Sie bei Bedarf eine Fiktionsbescheinigung.",
            "After the appointment the card takes about four to six weeks to produce. If "
            "needed, you get a provisional certificate (Fiktionsbescheinigung) until then.",
        ),
        procedure=(
            [
                "1. Füllen Sie das Kontaktformular der Ausländerbehörde aus.",
                "2. Sie erhalten eine Liste der Unterlagen und einen Termin.",
                "3. Im Termin nehmen wir Fingerabdrücke auf.",
                "4. Sie holen den elektronischen Aufenthaltstitel ab.",
            ],
            [
                "1. Fill in the immigration office's contact form.",
                "2. You receive a document list and an appointment.",
                "3. At the appointment we take your fingerprints.",
                "4. You collect your electronic residence permit.",
            ],
        ),
        deadlines=(
            "Stellen Sie den Antrag auf Verlängerung vor Ablauf Ihres Titels, am besten acht "
            "Wochen vorher. Dann gilt Ihr bisheriger Titel bis zur Entscheidung fort.",
            "Apply for an extension before your permit expires, ideally eight weeks before. "
            "Your current permit then remains valid until we decide.",
        ),
        legal_basis=(
            "Aufenthaltsgesetz (AufenthG), Aufenthaltsverordnung (AufenthV)",
            "Residence Act (AufenthG), Residence Regulation (AufenthV)",
        ),
        notes=(
            "EU-Bürgerinnen und -Bürger brauchen keinen Aufenthaltstitel; sie melden nur ihren "
            "Wohnsitz an.",
            "EU citizens do not need a residence permit; they only register their address.",
        ),
        contact=CONTACT_AUSLAENDERBEHOERDE,
        keywords=(
            "Aufenthaltstitel, Aufenthaltserlaubnis, Visum verlängern, Niederlassungserlaubnis, "
            "Blaue Karte, Blue Card, Ausländerbehörde, KVR Ausländer, Aufenthaltstitel "
            "verlängern, Fiktionsbescheinigung, eAT, Aufenthalstitel",
            "residence permit, visa extension, blue card, settlement permit, immigration "
            "office, foreigners office, Ausländerbehörde",
        ),
        synonyms="Aufenthaltserlaubnis, Visum, Blaue Karte EU, Niederlassungserlaubnis",
        ozg_maturity=2,
        life_situations=["aufenthalt-und-einbuergerung", "arbeit"],
        topics=["auslaenderangelegenheiten"],
        offices=["auslaenderbehoerde"],
        department_code="KVR",
    ),
    service(
        slug="einbuergerung-beantragen",
        leika_key="99012001001000",
        name=("Einbürgerung beantragen", "Apply for German citizenship"),
        short_text=(
            "Wenn Sie seit mindestens fünf Jahren rechtmäßig in Deutschland leben, können Sie "
            "sich einbürgern lassen.",
            "If you have lived legally in Germany for at least five years, you can apply for "
            "German citizenship.",
        ),
        full_text=(
            "Mit der Einbürgerung werden Sie deutsche Staatsangehörige oder deutscher "
            "Staatsangehöriger. Seit Juni 2024 dürfen Sie Ihre bisherige Staatsangehörigkeit "
            "in der Regel behalten. Sie stellen den Antrag online. Die Einbürgerungsbehörde "
            "prüft die Voraussetzungen. Am Ende erhalten Sie die Einbürgerungsurkunde bei "
            "einer Feier oder einem Termin.",
            "Naturalisation makes you a German citizen. Since June 2024 you can usually keep "
            "your previous citizenship. You apply online. The naturalisation authority checks "
            "the requirements. At the end you receive your naturalisation certificate at a "
            "ceremony or an appointment.",
        ),
        prerequisites=(
            [
                "Mindestens fünf Jahre rechtmäßiger gewöhnlicher Aufenthalt in Deutschland",
                "Unbefristetes oder passendes Aufenthaltsrecht",
                "Deutschkenntnisse auf Niveau B1",
                "Bestandener Einbürgerungstest (Leben in Deutschland)",
                "Sie sichern Ihren Lebensunterhalt in der Regel ohne Sozialleistungen",
                "Bekenntnis zur freiheitlichen demokratischen Grundordnung",
                "Keine Verurteilung wegen einer erheblichen Straftat",
            ],
            [
                "At least five years of lawful habitual residence in Germany",
                "A permanent or suitable right of residence",
                "German at level B1",
                "Passed the naturalisation test (Life in Germany)",
                "You normally support yourself without social benefits",
                "Commitment to the free democratic basic order",
                "No conviction for a serious offence",
            ],
        ),
        required_documents=(
            [
                "Reisepass und Aufenthaltstitel",
                "Geburtsurkunde, gegebenenfalls Eheurkunde",
                "Sprachzertifikat B1 und Zertifikat Einbürgerungstest",
                "Nachweise über Einkommen und Rentenversicherung",
                "Lebenslauf",
            ],
            [
                "Passport and residence permit",
                "Birth certificate and, if applicable, marriage certificate",
                "B1 language certificate and naturalisation test certificate",
                "Proof of income and pension insurance",
                "CV",
            ],
        ),
        fees=(
            "255 Euro für Erwachsene, 51 Euro für jedes minderjährige Kind, das mit "
            "eingebürgert wird.",
            "255 euros per adult, 51 euros for each child under 18 naturalised with a parent.",
        ),
        processing_time=(
            "Wegen der hohen Nachfrage oft mehr als ein Jahr.",
            "Because of high demand, often more than a year.",
        ),
        procedure=(
            [
                "1. Prüfen Sie die Voraussetzungen mit dem Online-Check.",
                "2. Stellen Sie den Antrag online und laden Sie die Unterlagen hoch.",
                "3. Die Behörde meldet sich, wenn Unterlagen fehlen.",
                "4. Sie erhalten die Einbürgerungsurkunde und beantragen danach Ausweis und Pass.",
            ],
            [
                "1. Check the requirements with the online check.",
                "2. Apply online and upload your documents.",
                "3. The authority contacts you if anything is missing.",
                "4. You receive your naturalisation certificate and can then apply for an ID "
                "card and passport.",
            ],
        ),
        legal_basis=(
            "§§ 8 bis 12b Staatsangehörigkeitsgesetz (StAG)",
            "Sections 8 to 12b Nationality Act (StAG)",
        ),
        notes=(
            "Die frühere Möglichkeit einer Einbürgerung schon nach drei Jahren gibt es nicht mehr.",
            "The former option of naturalisation after only three years no longer exists.",
        ),
        contact=(
            "Einbürgerungsbehörde im Kreisverwaltungsreferat, Ruppertstraße 19.\n"
            "E-Mail: einbuergerung.kvr@muenchen.de",
            "Naturalisation authority at the Kreisverwaltungsreferat, Ruppertstraße 19.\n"
            "Email: einbuergerung.kvr@muenchen.de",
        ),
        keywords=(
            "Einbürgerung, Staatsangehörigkeit, deutscher Pass, deutsch werden, "
            "Einbürgerungstest, doppelte Staatsbürgerschaft, Staatsbürgerschaft, Einbuergerung, "
            "Einbürgerungsantrag",
            "naturalisation, German citizenship, dual citizenship, become German, naturalization",
        ),
        synonyms="Staatsbürgerschaft, deutsche Staatsangehörigkeit, Einbürgerungsantrag",
        online_url="https://stadt.muenchen.de/buergerservice/einbuergerung-online/",
        ozg_maturity=3,
        life_situations=["aufenthalt-und-einbuergerung"],
        topics=["auslaenderangelegenheiten"],
        offices=["auslaenderbehoerde"],
        department_code="KVR",
    ),
    service(
        slug="verpflichtungserklaerung",
        leika_key="99010050001000",
        name=("Verpflichtungserklärung abgeben", "Give a formal obligation for a visitor"),
        short_text=(
            "Wenn Sie Besuch aus dem Ausland einladen, der ein Visum braucht, können Sie sich "
            "verpflichten, die Kosten des Aufenthalts zu tragen.",
            "If you invite a visitor from abroad who needs a visa, you can commit to paying "
            "the costs of their stay.",
        ),
        full_text=(
            "Die Verpflichtungserklärung ist ein Nachweis für das Visumverfahren. Sie "
            "verpflichten sich, alle Kosten des Lebensunterhalts Ihres Gastes zu tragen, auch "
            "bei Krankheit oder einer Ausreise. Die Ausländerbehörde prüft, ob Ihr Einkommen "
            "dafür ausreicht.",
            "The formal obligation is evidence for the visa procedure. You commit to paying "
            "all living costs of your guest, including in case of illness or departure. The "
            "immigration office checks that your income is sufficient.",
        ),
        prerequisites=(
            "Sie wohnen in München und haben ein ausreichendes, regelmäßiges Einkommen.",
            "You live in Munich and have a sufficient, regular income.",
        ),
        required_documents=(
            [
                "Personalausweis, Reisepass oder Aufenthaltstitel",
                "Einkommensnachweise der letzten drei Monate",
                "Mietvertrag oder Nachweis über Wohneigentum",
                "Angaben zum Gast: Name, Geburtsdatum, Passnummer, Adresse",
            ],
            [
                "Identity card, passport or residence permit",
                "Proof of income for the last three months",
                "Rental contract or proof of home ownership",
                "Details of your guest: name, date of birth, passport number, address",
            ],
        ),
        fees=("29 Euro.", "29 euros."),
        processing_time=(
            "Sofort im Termin, wenn alle Unterlagen vollständig sind.",
            "At the appointment if all documents are complete.",
        ),
        procedure=(
            "Buchen Sie einen Termin bei der Ausländerbehörde. Schicken Sie das Original der "
            "Erklärung an Ihren Gast; er legt es bei der Botschaft vor.",
            "Book an appointment at the immigration office. Send the original to your guest; "
            "they present it at the embassy.",
        ),
        legal_basis=(
            "§§ 66 bis 68 Aufenthaltsgesetz (AufenthG)",
            "Sections 66 to 68 Residence Act (AufenthG)",
        ),
        notes=(
            "Die Verpflichtung gilt für die Dauer des Aufenthalts und kann Kosten bis zu fünf "
            "Jahre später umfassen.",
            "The obligation covers the whole stay and can include costs up to five years later.",
        ),
        contact=CONTACT_AUSLAENDERBEHOERDE,
        keywords=(
            "Verpflichtungserklärung, Einladung Visum, Besuchervisum, Bürgschaft Visum, "
            "Einladung Ausland, Verpflichtungserklaerung, Schengen Visum Einladung",
            "formal obligation, invitation letter, visitor visa, sponsor visa",
        ),
        synonyms="Einladung, Bürgschaft Visum, Besuchereinladung",
        life_situations=["aufenthalt-und-einbuergerung"],
        topics=["auslaenderangelegenheiten"],
        offices=["auslaenderbehoerde"],
        department_code="KVR",
    ),
]
