"""Demo services: building, trees, business, dog tax and local taxes, lost property, waste."""

from services.demo_content_base import service

_CONTACT_LBK = (
    "Lokalbaukommission, Beratungszentrum, Blumenstraße 19.\n"
    "Telefonische Beratung: +49 89 233-96484 (Montag bis Freitag 10 bis 12 Uhr, Dienstag und "
    "Donnerstag auch 14 bis 16 Uhr)\n"
    "E-Mail: plan.lbk-beratung@muenchen.de",
    "Local Building Commission, advice centre, Blumenstraße 19.\n"
    "Phone advice: +49 89 233-96484 (Monday to Friday 10 am to 12 noon, Tuesday and Thursday "
    "also 2 pm to 4 pm)\n"
    "Email: plan.lbk-beratung@muenchen.de",
)

_CONTACT_GEWERBE = (
    "Kreisverwaltungsreferat, Gewerbeangelegenheiten, Ruppertstraße 19.\n"
    "Telefon: +49 89 233-96040\n"
    "E-Mail: gewerbe.kvr@muenchen.de",
    "Kreisverwaltungsreferat, trade and business, Ruppertstraße 19.\n"
    "Phone: +49 89 233-96040\n"
    "Email: gewerbe.kvr@muenchen.de",
)

_CONTACT_STEUERAMT = (
    "Stadtkämmerei, Kassen- und Steueramt, Herzog-Wilhelm-Straße 11.\n"
    "Telefon: +49 89 233-96060\n"
    "E-Mail: steueramt.ska@muenchen.de",
    "City Treasury, Cash and Tax Office, Herzog-Wilhelm-Straße 11.\n"
    "Phone: +49 89 233-96060\n"
    "Email: steueramt.ska@muenchen.de",
)

_CONTACT_FUNDBUERO = (
    "Städtisches Fundbüro, Implerstraße 11.\n"
    "Telefon: +49 89 233-96045\n"
    "E-Mail: fundbuero.kvr@muenchen.de",
    "City Lost Property Office, Implerstraße 11.\n"
    "Phone: +49 89 233-96045\n"
    "Email: fundbuero.kvr@muenchen.de",
)

_GEWERBE_LEGAL = (
    "§§ 14 und 15 Gewerbeordnung (GewO)",
    "Sections 14 and 15 Trade Regulation Act (GewO)",
)

SERVICES = [
    service(
        slug="baugenehmigung-beantragen",
        leika_key="99106001001000",
        name=("Baugenehmigung beantragen", "Apply for planning and building permission"),
        short_text=(
            "Für die meisten Neubauten, Anbauten und Nutzungsänderungen brauchen Sie eine "
            "Baugenehmigung der Lokalbaukommission.",
            "Most new buildings, extensions and changes of use need a permit from the Local "
            "Building Commission.",
        ),
        full_text=(
            "Die Lokalbaukommission ist die Bauaufsichtsbehörde der Stadt München. Sie prüft, "
            "ob Ihr Vorhaben dem Bauplanungsrecht und dem Bauordnungsrecht entspricht. Den "
            "Bauantrag muss eine bauvorlageberechtigte Person erstellen, meist eine "
            "Architektin oder ein Architekt. Kleine Vorhaben wie manche Gartenhäuser oder "
            "Terrassenüberdachungen sind verfahrensfrei; auch sie müssen aber alle Vorschriften "
            "einhalten. Lassen Sie sich im Zweifel im Beratungszentrum beraten.",
            "The Local Building Commission is Munich's building control authority. It checks "
            "that your project complies with planning and building law. Plans must be "
            "prepared by a qualified person, usually an architect. Small projects such as some "
            "garden sheds or patio roofs do not need a permit, but they must still comply with "
            "all rules. If in doubt, ask the advice centre.",
        ),
        prerequisites=(
            "Sie sind Eigentümerin oder Eigentümer des Grundstücks oder haben deren Zustimmung.",
            "You own the land or have the owner's consent.",
        ),
        required_documents=(
            [
                "Bauantragsformular",
                "Lageplan und amtlicher Auszug aus dem Liegenschaftskataster",
                "Bauzeichnungen (Grundrisse, Schnitte, Ansichten)",
                "Baubeschreibung und Berechnungen (Flächen, Stellplätze)",
                "Baumbestandsplan und Freiflächengestaltungsplan",
                "Nachweise zu Standsicherheit, Brandschutz und Energie, soweit nötig",
            ],
            [
                "Building application form",
                "Site plan and official cadastral extract",
                "Drawings (floor plans, sections, elevations)",
                "Description of works and calculations (floor areas, parking spaces)",
                "Tree survey plan and landscaping plan",
                "Structural, fire safety and energy evidence, where required",
            ],
        ),
        fees=(
            "Die Gebühr richtet sich nach den Baukosten und der Art des Verfahrens. Die "
            "Lokalbaukommission teilt sie Ihnen mit dem Bescheid mit.",
            "The fee depends on the construction costs and the type of procedure. The Local "
            "Building Commission sets it in the decision.",
        ),
        processing_time=(
            "Je nach Vorhaben drei Monate oder länger. Für Wohngebäude im vereinfachten "
            "Verfahren gilt die Genehmigung unter bestimmten Voraussetzungen als erteilt, wenn "
            "nicht innerhalb von drei Monaten nach Eingang des vollständigen Antrags "
            "entschieden wird.",
            "Three months or longer, depending on the project. For residential buildings in "
            "the simplified procedure, permission is deemed granted under certain conditions "
            "if no decision is made within three months of a complete application.",
        ),
        procedure=(
            [
                "1. Lassen Sie sich früh beraten und klären Sie das Baurecht, gegebenenfalls "
                "mit einem Vorbescheid.",
                "2. Ihre Entwurfsverfasserin oder Ihr Entwurfsverfasser erstellt den Bauantrag.",
                "3. Beteiligen Sie die Nachbarn: Sie unterschreiben die Pläne oder werden "
                "benachrichtigt.",
                "4. Reichen Sie den Antrag digital oder auf Papier ein.",
                "5. Nach der Genehmigung zeigen Sie den Baubeginn an.",
            ],
            [
                "1. Get advice early and check what you may build, if necessary with a "
                "preliminary decision.",
                "2. Your architect or designer prepares the application.",
                "3. Involve your neighbours: they sign the plans or are notified.",
                "4. Submit the application digitally or on paper.",
                "5. Once approved, report the start of building work.",
            ],
        ),
        deadlines=(
            "Die Baugenehmigung erlischt, wenn Sie nicht innerhalb von vier Jahren mit dem Bau "
            "beginnen.",
            "The permit lapses if you do not start building within four years.",
        ),
        legal_basis=(
            "Bayerische Bauordnung (BayBO), insbesondere Art. 55 bis 69; Baugesetzbuch (BauGB)",
            "Bavarian Building Code (BayBO), in particular Articles 55 to 69; Federal "
            "Building Code (BauGB)",
        ),
        forms=(
            "Bauantragsformulare des Freistaats Bayern und Formulare der Lokalbaukommission.",
            "Bavarian building application forms and Local Building Commission forms.",
        ),
        notes=(
            "Wenn geschützte Bäume betroffen sind, beantragen Sie die Fällgenehmigung "
            "zusammen mit dem Bauantrag.",
            "If protected trees are affected, apply for felling permission together with the "
            "building application.",
        ),
        contact=_CONTACT_LBK,
        keywords=(
            "Baugenehmigung, Bauantrag, bauen, Neubau, Anbau, Umbau, Dachausbau, "
            "Nutzungsänderung, Lokalbaukommission, LBK, Bauamt, Baugenemigung, Garage bauen",
            "building permit, planning permission, construction, extension, loft "
            "conversion, building control",
        ),
        synonyms="Bauantrag, Baugenehmigung, LBK, Bauamt",
        ozg_maturity=3,
        life_situations=["bauen"],
        topics=["bauen-und-wohnen"],
        offices=["lokalbaukommission"],
        department_code="PLAN",
    ),
    service(
        slug="vorbescheid-beantragen",
        leika_key="99106005001000",
        name=("Vorbescheid beantragen (Bauvoranfrage)", "Apply for a preliminary decision"),
        short_text=(
            "Mit einem Vorbescheid klären Sie einzelne Fragen zu Ihrem Bauvorhaben, bevor Sie "
            "den vollständigen Bauantrag stellen.",
            "A preliminary decision answers specific questions about your project before you "
            "submit a full application.",
        ),
        full_text=(
            "Sie können zum Beispiel fragen lassen, ob ein Grundstück überhaupt bebaubar ist, "
            "wie groß ein Gebäude werden darf oder ob eine bestimmte Nutzung zulässig ist. Der "
            "Vorbescheid bindet die Behörde für das spätere Genehmigungsverfahren.",
            "You can ask, for example, whether a plot can be built on at all, how large a "
            "building may be, or whether a particular use is allowed. The preliminary decision "
            "binds the authority in the later permit procedure.",
        ),
        required_documents=(
            [
                "Antrag mit konkreten Fragen",
                "Lageplan",
                "Skizzen oder Pläne, soweit für die Fragen nötig",
            ],
            [
                "Application with specific questions",
                "Site plan",
                "Sketches or plans as needed for the questions",
            ],
        ),
        fees=(
            "Die Gebühr richtet sich nach dem Umfang der Fragen und dem Vorhaben.",
            "The fee depends on the questions and the project.",
        ),
        processing_time=("In der Regel zwei bis vier Monate.", "Usually two to four months."),
        procedure=(
            "Reichen Sie den Antrag bei der Lokalbaukommission ein. Die Nachbarn werden wie "
            "beim Bauantrag beteiligt.",
            "Submit the application to the Local Building Commission. Neighbours are involved "
            "as for a building application.",
        ),
        deadlines=(
            "Der Vorbescheid gilt befristet, in Bayern in der Regel drei Jahre. Er kann auf "
            "Antrag verlängert werden.",
            "The decision is valid for a limited time, in Bavaria usually three years. It can "
            "be extended on application.",
        ),
        legal_basis=("Art. 71 Bayerische Bauordnung (BayBO)", "Article 71 BayBO"),
        contact=_CONTACT_LBK,
        keywords=(
            "Vorbescheid, Bauvoranfrage, Voranfrage, Grundstück bebaubar, Baurecht klären, "
            "Bauvorbescheid",
            "preliminary decision, outline planning, pre-application, can I build",
        ),
        synonyms="Bauvoranfrage, Bauvorbescheid",
        ozg_maturity=3,
        life_situations=["bauen"],
        topics=["bauen-und-wohnen"],
        offices=["lokalbaukommission"],
        department_code="PLAN",
    ),
    service(
        slug="baumfaellung-beantragen",
        leika_key="99106020001000",
        name=("Baum fällen: Genehmigung beantragen", "Apply to fell a protected tree"),
        short_text=(
            "Größere Bäume in München sind durch die Baumschutzverordnung geschützt. Sie "
            "dürfen sie nur mit Genehmigung fällen oder stark zurückschneiden.",
            "Larger trees in Munich are protected by the Tree Protection Regulation. You may "
            "only fell them or cut them back heavily with permission.",
        ),
        full_text=(
            "Geschützt sind Laub- und Nadelbäume mit einem Stammumfang von mindestens 80 "
            "Zentimetern, gemessen in einem Meter Höhe. Bei mehrstämmigen Bäumen genügt es, "
            "wenn ein Stamm mindestens 40 Zentimeter misst und alle Stämme zusammen mindestens "
            "80 Zentimeter. Obstbäume sind meist ausgenommen, nicht aber zum Beispiel Walnuss "
            "und Vogelkirsche. Die Genehmigung gibt es, wenn der Baum krank ist, eine Gefahr "
            "darstellt oder eine zulässige Nutzung des Grundstücks unzumutbar erschwert. Oft "
            "müssen Sie eine Ersatzpflanzung leisten.",
            "Protected trees are deciduous and coniferous trees with a trunk circumference of "
            "at least 80 centimetres, measured one metre above the ground. For trees with "
            "several trunks, one trunk of at least 40 centimetres and 80 centimetres in total "
            "is enough. Fruit trees are mostly exempt, but not walnut or wild cherry, for "
            "example. Permission is given if the tree is diseased, dangerous or makes a "
            "permitted use of the land unreasonably difficult. You often have to plant a "
            "replacement tree.",
        ),
        prerequisites=(
            "Sie sind Eigentümerin oder Eigentümer des Grundstücks oder haben deren Zustimmung.",
            "You own the land or have the owner's consent.",
        ),
        required_documents=(
            [
                "Antrag mit Lage, Art und Stammumfang des Baums",
                "Fotos des Baums",
                "Begründung, gegebenenfalls Baumgutachten",
                "Zustimmung der Eigentümer",
            ],
            [
                "Application with location, species and trunk circumference",
                "Photos of the tree",
                "Reasons, and an arborist's report if available",
                "Owner's consent",
            ],
        ),
        fees=(
            "Zwischen 25 und 3.500 Euro, je nach Aufwand.",
            "Between 25 and 3,500 euros, depending on the work involved.",
        ),
        processing_time=(
            "Etwa vier bis acht Wochen. Der Bezirksausschuss wird angehört.",
            "About four to eight weeks. The district committee is consulted.",
        ),
        procedure=(
            "Stellen Sie den Antrag online auf diesem Portal. Wir prüfen den Baum "
            "gegebenenfalls vor Ort und schicken Ihnen den Bescheid.",
            "Apply online on this portal. We may inspect the tree and then send you the decision.",
        ),
        deadlines=(
            "Bäume dürfen zum Schutz brütender Vögel nur vom 1. Oktober bis 28. Februar "
            "gefällt werden. Ausnahmen gibt es nur bei akuter Gefahr.",
            "To protect nesting birds, trees may only be felled between 1 October and "
            "28 February. Exceptions apply only in case of immediate danger.",
        ),
        legal_basis=(
            "Baumschutzverordnung der Landeshauptstadt München, §§ 29 und 39 "
            "Bundesnaturschutzgesetz (BNatSchG)",
            "Munich Tree Protection Regulation, sections 29 and 39 Federal Nature "
            "Conservation Act (BNatSchG)",
        ),
        forms=("Online-Antrag auf diesem Portal.", "Online application on this portal."),
        notes=(
            "Wer einen geschützten Baum ohne Genehmigung fällt, muss mit einem hohen Bußgeld "
            "rechnen. Bei akuter Gefahr rufen Sie die Feuerwehr unter 112.",
            "Felling a protected tree without permission can lead to a heavy fine. In case of "
            "immediate danger, call the fire brigade on 112.",
        ),
        contact=(
            "Referat für Stadtplanung und Bauordnung, Baumschutz, Blumenstraße 28b.\n"
            "Telefon: +49 89 233-96490\n"
            "E-Mail: plan.baumschutz@muenchen.de",
            "Department of Urban Planning, tree protection, Blumenstraße 28b.\n"
            "Phone: +49 89 233-96490\n"
            "Email: plan.baumschutz@muenchen.de",
        ),
        keywords=(
            "Baum fällen, Baumfällung, Fällgenehmigung, Baumschutz, Baumschutzverordnung, "
            "Baum schneiden, Baum entfernen, Baumfällgenehmigung, Baum fälen",
            "tree felling, cut down a tree, tree protection, tree removal permit",
        ),
        synonyms="Fällgenehmigung, Baumfällung, Baum fällen",
        online_url="/dienstleistungen/baumfaellung-beantragen/antrag/",
        ozg_maturity=3,
        life_situations=["bauen"],
        topics=["umwelt", "bauen-und-wohnen"],
        offices=["baumschutz"],
        department_code="PLAN",
    ),
    service(
        slug="gewerbe-anmelden",
        leika_key="99050012104000",
        name=("Gewerbe anmelden", "Register a business"),
        short_text=(
            "Wenn Sie ein Gewerbe beginnen, müssen Sie es gleichzeitig beim "
            "Kreisverwaltungsreferat anmelden. Das geht online.",
            "When you start a trade or business, you must register it with the "
            "Kreisverwaltungsreferat at the same time. You can do this online.",
        ),
        full_text=(
            "Ein Gewerbe ist jede selbstständige Tätigkeit, die auf Dauer angelegt ist und mit "
            "der Sie Gewinn erzielen wollen, auch im Nebenerwerb. Freie Berufe wie Ärztinnen, "
            "Anwälte, Künstlerinnen oder Journalisten melden kein Gewerbe an, sondern nur beim "
            "Finanzamt. Nach der Anmeldung informieren wir automatisch Finanzamt, Industrie- "
            "und Handelskammer oder Handwerkskammer und Berufsgenossenschaft. Manche Gewerbe "
            "brauchen zusätzlich eine Erlaubnis, zum Beispiel Makler, Bewachung, Gaststätten "
            "mit Alkoholausschank oder zulassungspflichtige Handwerke.",
            "A trade or business is any independent, ongoing activity intended to make a "
            "profit, including as a side business. Liberal professions such as doctors, "
            "lawyers, artists or journalists do not register a trade, only with the tax "
            "office. After you register, we automatically inform the tax office, the Chamber "
            "of Commerce or Chamber of Crafts and the employers' liability insurance. Some "
            "trades also need a licence, for example estate agents, security services, bars "
            "and restaurants serving alcohol, or licensed crafts.",
        ),
        prerequisites=(
            "Ihr Betrieb liegt in München. Ausländische Staatsangehörige brauchen einen "
            "Aufenthaltstitel, der die selbstständige Tätigkeit erlaubt.",
            "Your business is located in Munich. Foreign nationals need a residence permit "
            "that allows self-employment.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass",
                "Bei erlaubnispflichtigen Tätigkeiten: die Erlaubnis",
                "Bei Handwerk: Eintragung in die Handwerksrolle",
                "Bei Firmen im Handelsregister: Registerauszug",
                "Ausländische Staatsangehörige: Aufenthaltstitel",
            ],
            [
                "Identity card or passport",
                "For licensed activities: the licence",
                "For crafts: entry in the register of craftspeople",
                "For companies in the commercial register: register extract",
                "Foreign nationals: residence permit",
            ],
        ),
        fees=(
            "Es fällt eine Gebühr an; die genaue Höhe sehen Sie im Online-Antrag.",
            "A fee is charged; the exact amount is shown in the online application.",
        ),
        processing_time=(
            "Online erhalten Sie die Bestätigung meist innerhalb weniger Werktage.",
            "Online you usually receive confirmation within a few working days.",
        ),
        procedure=(
            "Melden Sie das Gewerbe online mit der Online-Ausweisfunktion oder einem "
            "Unternehmenskonto an. Danach schickt Ihnen das Finanzamt den Fragebogen zur "
            "steuerlichen Erfassung über ELSTER.",
            "Register online with the online ID function or a business account. The tax "
            "office then asks you to complete the tax registration questionnaire via ELSTER.",
        ),
        deadlines=(
            "Gleichzeitig mit dem Beginn der Tätigkeit.",
            "At the same time as you start trading.",
        ),
        legal_basis=_GEWERBE_LEGAL,
        forms=(
            "Gewerbeanmeldung (bundeseinheitliches Formular), auch online.",
            "Business registration form (nationwide standard form), also online.",
        ),
        contact=_CONTACT_GEWERBE,
        keywords=(
            "Gewerbe anmelden, Gewerbeanmeldung, Gewerbeschein, selbstständig machen, "
            "Firma gründen, Kleingewerbe, Nebengewerbe, Existenzgründung, Gewerbeamt, "
            "Gewerbeanmeldung online, Gewerbe anmeldung",
            "register a business, trade licence, start a business, self-employed, sole trader",
        ),
        synonyms="Gewerbeschein, Gewerbeanmeldung, Kleingewerbe",
        online_url="https://stadt.muenchen.de/buergerservice/gewerbe-online/",
        ozg_maturity=4,
        life_situations=["gewerbe", "arbeit"],
        topics=["gewerbe"],
        offices=["kvr-gewerbe"],
        department_code="KVR",
    ),
    service(
        slug="gewerbe-ummelden",
        leika_key="99050012105000",
        name=("Gewerbe ummelden", "Report changes to a registered business"),
        short_text=(
            "Wenn sich bei Ihrem Gewerbe etwas ändert, zum Beispiel Adresse oder Tätigkeit, "
            "melden Sie das um.",
            "If something changes in your business, for example its address or activity, "
            "report the change.",
        ),
        full_text=(
            "Eine Ummeldung ist nötig, wenn Sie den Betrieb innerhalb Münchens verlegen, die "
            "Tätigkeit wechseln oder erweitern, oder wenn sich der Name ändert. Ziehen Sie in "
            "eine andere Gemeinde, melden Sie das Gewerbe hier ab und dort an.",
            "You need to report a change if you move the business within Munich, change or "
            "extend the activity, or change the name. If you move to another municipality, "
            "deregister here and register there.",
        ),
        required_documents=(
            [
                "Personalausweis oder Reisepass",
                "Bisherige Gewerbeanmeldung",
                "Bei neuen erlaubnispflichtigen Tätigkeiten: die Erlaubnis",
            ],
            [
                "Identity card or passport",
                "Your current business registration",
                "For new licensed activities: the licence",
            ],
        ),
        fees=(
            "Es fällt eine Gebühr an; die genaue Höhe sehen Sie im Online-Antrag.",
            "A fee is charged; the exact amount is shown in the online application.",
        ),
        processing_time=("Wenige Werktage.", "A few working days."),
        procedure=(
            "Melden Sie die Änderung online oder schriftlich.",
            "Report the change online or in writing.",
        ),
        deadlines=("Gleichzeitig mit der Änderung.", "At the same time as the change."),
        legal_basis=_GEWERBE_LEGAL,
        contact=_CONTACT_GEWERBE,
        keywords=(
            "Gewerbeummeldung, Gewerbe ändern, Betrieb verlegen, Gewerbe Adresse ändern, "
            "Tätigkeit erweitern",
            "change business address, change of business activity, amend registration",
        ),
        synonyms="Gewerbeummeldung, Gewerbeänderung",
        online_url="https://stadt.muenchen.de/buergerservice/gewerbe-online/",
        ozg_maturity=4,
        life_situations=["gewerbe"],
        topics=["gewerbe"],
        offices=["kvr-gewerbe"],
        department_code="KVR",
    ),
    service(
        slug="gewerbe-abmelden",
        leika_key="99050012106000",
        name=("Gewerbe abmelden", "Deregister a business"),
        short_text=(
            "Wenn Sie Ihr Gewerbe aufgeben oder München verlassen, melden Sie es ab.",
            "If you close your business or leave Munich, deregister it.",
        ),
        full_text=(
            "Mit der Abmeldung endet Ihr Gewerbe bei der Stadt. Wir informieren Finanzamt und "
            "Kammern. Steuerliche Pflichten, etwa die letzte Steuererklärung, bleiben bestehen.",
            "Deregistering ends your business with the city. We inform the tax office and the "
            "chambers. Tax obligations, such as your final tax return, remain.",
        ),
        required_documents=(
            ["Personalausweis oder Reisepass", "Bisherige Gewerbeanmeldung"],
            ["Identity card or passport", "Your current business registration"],
        ),
        fees=(
            "Die Gebühr sehen Sie im Online-Antrag.",
            "The fee is shown in the online application.",
        ),
        processing_time=("Wenige Werktage.", "A few working days."),
        procedure=(
            "Melden Sie das Gewerbe online oder schriftlich ab.",
            "Deregister online or in writing.",
        ),
        deadlines=(
            "Gleichzeitig mit der Aufgabe des Betriebs.",
            "At the same time as you stop trading.",
        ),
        legal_basis=_GEWERBE_LEGAL,
        contact=_CONTACT_GEWERBE,
        keywords=(
            "Gewerbeabmeldung, Gewerbe abmelden, Betrieb aufgeben, Firma schließen, "
            "Selbstständigkeit beenden",
            "close business, deregister business, stop trading",
        ),
        synonyms="Gewerbeabmeldung, Betriebsaufgabe",
        online_url="https://stadt.muenchen.de/buergerservice/gewerbe-online/",
        ozg_maturity=4,
        life_situations=["gewerbe"],
        topics=["gewerbe"],
        offices=["kvr-gewerbe"],
        department_code="KVR",
    ),
    service(
        slug="gaststaettenerlaubnis-beantragen",
        leika_key="99050020001000",
        name=("Gaststättenerlaubnis beantragen", "Apply for a licence to serve alcohol"),
        short_text=(
            "Wenn Sie in Ihrer Gaststätte alkoholische Getränke ausschenken, brauchen Sie "
            "eine Gaststättenerlaubnis.",
            "If you serve alcoholic drinks in your bar or restaurant, you need a licence.",
        ),
        full_text=(
            "Die Erlaubnis gilt für eine bestimmte Person und bestimmte Räume. Wir prüfen Ihre "
            "Zuverlässigkeit und ob die Räume geeignet sind, zum Beispiel baurechtlich, beim "
            "Lärmschutz und bei der Hygiene. Ohne Alkoholausschank genügt die "
            "Gewerbeanmeldung. Für ein Fest oder eine einzelne Veranstaltung gibt es eine "
            "vorübergehende Gestattung.",
            "The licence is for a specific person and specific premises. We check that you are "
            "reliable and that the premises are suitable, for example under building, noise "
            "and hygiene rules. Without alcohol, business registration is enough. For a "
            "festival or a single event, there is a temporary permit.",
        ),
        required_documents=(
            [
                "Antrag auf Gaststättenerlaubnis",
                "Personalausweis oder Reisepass",
                "Führungszeugnis und Auskunft aus dem Gewerbezentralregister",
                "Unterrichtungsnachweis der Industrie- und Handelskammer",
                "Unbedenklichkeitsbescheinigung des Finanzamts",
                "Miet- oder Pachtvertrag, Grundriss und Baugenehmigung für die Nutzung",
            ],
            [
                "Licence application",
                "Identity card or passport",
                "Certificate of good conduct and extract from the central trade register",
                "Chamber of Commerce instruction certificate",
                "Tax clearance certificate",
                "Lease, floor plan and building permit for the use",
            ],
        ),
        fees=(
            "Die Gebühr richtet sich nach Art und Größe des Betriebs.",
            "The fee depends on the type and size of the business.",
        ),
        processing_time=(
            "Mehrere Wochen. Stellen Sie den Antrag frühzeitig vor der Eröffnung.",
            "Several weeks. Apply well before you open.",
        ),
        procedure=(
            "Reichen Sie den Antrag mit allen Unterlagen beim Kreisverwaltungsreferat ein. "
            "Melden Sie das Gewerbe zusätzlich an.",
            "Submit the application with all documents to the Kreisverwaltungsreferat. Also "
            "register the business.",
        ),
        legal_basis=("§§ 2 bis 4 Gaststättengesetz (GastG)", "Sections 2 to 4 Restaurant Act"),
        contact=_CONTACT_GEWERBE,
        keywords=(
            "Gaststättenerlaubnis, Konzession, Schankerlaubnis, Bar eröffnen, Restaurant "
            "eröffnen, Kneipe, Alkohol ausschenken, Gaststaettenerlaubnis, Gestattung",
            "alcohol licence, liquor licence, open a bar, open a restaurant",
        ),
        synonyms="Konzession, Schankerlaubnis, Schanklizenz",
        ozg_maturity=2,
        life_situations=["gewerbe"],
        topics=["gewerbe"],
        offices=["kvr-gewerbe"],
        department_code="KVR",
    ),
    service(
        slug="schanigarten-beantragen",
        leika_key="99050025001000",
        name=(
            "Freischankfläche (Schanigarten) beantragen",
            "Apply for outdoor seating on public ground",
        ),
        short_text=(
            "Wenn Sie Tische und Stühle vor Ihrem Lokal auf den Gehweg stellen möchten, "
            "brauchen Sie eine Sondernutzungserlaubnis.",
            "If you want to put tables and chairs on the pavement outside your premises, you "
            "need a special use permit.",
        ),
        full_text=(
            "Der Gehweg ist öffentlicher Grund. Für eine Freischankfläche prüfen wir, ob "
            "genug Platz für Fußgängerinnen und Fußgänger, Kinderwagen und Rollstühle bleibt "
            "und ob die Fläche zur Umgebung passt. Der Bezirksausschuss wird angehört. Die "
            "Sommersaison dauert in der Regel von März bis Oktober; für die Wintermonate "
            "gelten eigene Regeln.",
            "The pavement is public ground. For outdoor seating we check that enough space "
            "remains for pedestrians, prams and wheelchairs and that the area suits its "
            "surroundings. The district committee is consulted. The summer season usually runs "
            "from March to October; separate rules apply in winter.",
        ),
        prerequisites=(
            "Sie betreiben eine Gaststätte oder einen Imbiss direkt an der Fläche.",
            "You run a restaurant, bar or snack bar directly next to the area.",
        ),
        required_documents=(
            [
                "Lageplan mit Maßen der gewünschten Fläche und Restgehwegbreite",
                "Fotos der Fläche",
                "Gaststättenerlaubnis oder Gewerbeanmeldung",
            ],
            [
                "Site plan with the dimensions of the area and the remaining pavement width",
                "Photos of the area",
                "Restaurant licence or business registration",
            ],
        ),
        fees=(
            "Sondernutzungsgebühr je Quadratmeter und Saison. Die Höhe hängt von der Lage ab.",
            "A special use fee per square metre and season. The amount depends on the location.",
        ),
        processing_time=("Etwa sechs bis acht Wochen.", "About six to eight weeks."),
        procedure=(
            "Stellen Sie den Antrag online auf diesem Portal. Nach der Erlaubnis markieren Sie "
            "die Fläche wie genehmigt.",
            "Apply online on this portal. Once approved, mark out the area as permitted.",
        ),
        deadlines=(
            "Beantragen Sie die Fläche mindestens acht Wochen vor Saisonbeginn.",
            "Apply at least eight weeks before the season starts.",
        ),
        legal_basis=(
            "Art. 18 Bayerisches Straßen- und Wegegesetz (BayStrWG), "
            "Sondernutzungsrichtlinien und Sondernutzungsgebührensatzung der "
            "Landeshauptstadt München",
            "Article 18 Bavarian Roads Act (BayStrWG), Munich special use guidelines and fee "
            "statute",
        ),
        forms=("Online-Antrag auf diesem Portal.", "Online application on this portal."),
        contact=_CONTACT_GEWERBE,
        keywords=(
            "Schanigarten, Freischankfläche, Außengastronomie, Gehweg Tische, Terrasse "
            "Restaurant, Sondernutzung, Freischankflaeche, Biergarten Gehweg",
            "outdoor seating, pavement cafe, sidewalk seating, terrace permit",
        ),
        synonyms="Freischankfläche, Außenbewirtung, Sondernutzung Gehweg",
        online_url="/dienstleistungen/schanigarten-beantragen/antrag/",
        ozg_maturity=3,
        life_situations=["gewerbe"],
        topics=["gewerbe", "oeffentlicher-raum"],
        offices=["kvr-gewerbe"],
        department_code="KVR",
    ),
    service(
        slug="hund-anmelden",
        leika_key="99108001001000",
        name=("Hund anmelden (Hundesteuer)", "Register a dog for dog tax"),
        short_text=(
            "Wenn Sie in München einen Hund halten, melden Sie ihn bei der Stadtkämmerei zur "
            "Hundesteuer an.",
            "If you keep a dog in Munich, register it with the City Treasury for dog tax.",
        ),
        full_text=(
            "Die Hundesteuer beträgt 100 Euro im Jahr, für Kampfhunde 800 Euro. Nach der "
            "Anmeldung erhalten Sie einen Steuerbescheid und eine Hundemarke. Ihr Hund muss "
            "die Marke außerhalb Ihrer Wohnung tragen. Für einen Kampfhund der Kategorie 1 "
            "brauchen Sie außerdem eine Erlaubnis des Kreisverwaltungsreferats.",
            "Dog tax is 100 euros a year, or 800 euros for fighting dogs. After you register "
            "you receive a tax notice and a dog tag. Your dog must wear the tag outside your "
            "home. For a category 1 fighting dog you also need a licence from the "
            "Kreisverwaltungsreferat.",
        ),
        prerequisites=(
            "Sie wohnen in München und halten einen Hund, der älter als vier Monate ist.",
            "You live in Munich and keep a dog older than four months.",
        ),
        required_documents=(
            [
                "Angaben zum Hund: Rasse, Geburtsdatum, Datum der Aufnahme",
                "Bei Befreiung: Nachweis, zum Beispiel für einen Assistenzhund",
            ],
            [
                "Details of the dog: breed, date of birth, date you took it in",
                "For an exemption: evidence, for example for an assistance dog",
            ],
        ),
        fees=(
            "Die Anmeldung ist kostenlos. Die Hundesteuer beträgt 100 Euro pro Jahr, für "
            "Kampfhunde 800 Euro pro Jahr.",
            "Registration is free. Dog tax is 100 euros a year, or 800 euros a year for "
            "fighting dogs.",
        ),
        processing_time=(
            "Bescheid und Hundemarke erhalten Sie in etwa zwei Wochen per Post.",
            "You receive the notice and tag by post in about two weeks.",
        ),
        procedure=(
            "Melden Sie den Hund online auf diesem Portal an. Die Steuer zahlen Sie jährlich "
            "bis 15. Januar, bei neuen Hunden einen Monat nach dem Bescheid.",
            "Register the dog online on this portal. Tax is due each year by 15 January; for "
            "a new dog, one month after the notice.",
        ),
        deadlines=(
            "Melden Sie den Hund spätestens zwei Wochen nach der Aufnahme an. Die Steuer "
            "beginnt mit dem Monat nach der Aufnahme.",
            "Register the dog within two weeks of taking it in. Tax starts from the month "
            "after you took it in.",
        ),
        legal_basis=(
            "Hundesteuersatzung der Landeshauptstadt München, Art. 3 Kommunalabgabengesetz (KAG)",
            "Munich Dog Tax Statute, Article 3 Bavarian Local Taxes Act (KAG)",
        ),
        forms=("Online-Antrag auf diesem Portal.", "Online application on this portal."),
        notes=(
            "Blindenführhunde und andere Assistenzhunde sind auf Antrag steuerfrei.",
            "Guide dogs and other assistance dogs are exempt on application.",
        ),
        contact=_CONTACT_STEUERAMT,
        keywords=(
            "Hund anmelden, Hundesteuer, Hundemarke, Hundeanmeldung, Welpe, neuer Hund, "
            "Kampfhund, Listenhund, Hundesteuer München, Hund anmeldung, Hundsteuer",
            "register dog, dog tax, dog tag, new puppy",
        ),
        synonyms="Hundesteuer, Hundeanmeldung, Hundemarke",
        easy_language_de=(
            "Sie haben einen Hund?\n"
            "Dann müssen Sie den Hund bei der Stadt anmelden.\n"
            "\n"
            "Für den Hund zahlen Sie Steuern.\n"
            "Das heißt: Hunde-Steuer.\n"
            "Die Hunde-Steuer kostet 100 Euro im Jahr.\n"
            "\n"
            "Melden Sie den Hund in 2 Wochen an.\n"
            "Das geht im Internet.\n"
            "\n"
            "Danach bekommen Sie eine Hunde-Marke.\n"
            "Die Marke hängen Sie an das Hals-Band vom Hund."
        ),
        online_url="/dienstleistungen/hund-anmelden/antrag/",
        ozg_maturity=4,
        life_situations=["hund", "umzug"],
        topics=["tiere", "steuern-und-abgaben"],
        offices=["stadtkaemmerei-steueramt"],
        department_code="SKA",
    ),
    service(
        slug="hund-abmelden",
        leika_key="99108002001000",
        name=("Hund abmelden", "Deregister a dog"),
        short_text=(
            "Wenn Sie keinen Hund mehr halten oder wegziehen, melden Sie ihn bei der "
            "Stadtkämmerei ab.",
            "If you no longer keep a dog or move away, deregister it with the City Treasury.",
        ),
        full_text=(
            "Die Hundesteuer endet mit dem Ende des Monats, in dem Sie den Hund abgeben, er "
            "stirbt oder Sie aus München wegziehen. Zu viel gezahlte Steuer erstatten wir.",
            "Dog tax ends at the end of the month in which you give the dog away, it dies or "
            "you leave Munich. We refund any tax you have overpaid.",
        ),
        required_documents=(
            [
                "Steuernummer oder Kassenzeichen",
                "Grund und Datum, zum Beispiel Bestätigung der Tierärztin oder Adresse der "
                "neuen Halterin oder des neuen Halters",
            ],
            [
                "Tax or payment reference number",
                "Reason and date, for example a vet's confirmation or the new owner's address",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=("Etwa zwei Wochen.", "About two weeks."),
        procedure=(
            "Melden Sie den Hund online auf diesem Portal ab. Sie erhalten einen "
            "Änderungsbescheid.",
            "Deregister the dog online on this portal. You receive an amended tax notice.",
        ),
        deadlines=(
            "Innerhalb von zwei Wochen nach dem Ende der Haltung.",
            "Within two weeks after you stop keeping the dog.",
        ),
        legal_basis=(
            "Hundesteuersatzung der Landeshauptstadt München",
            "Munich Dog Tax Statute",
        ),
        forms=("Online-Antrag auf diesem Portal.", "Online application on this portal."),
        contact=_CONTACT_STEUERAMT,
        keywords=(
            "Hund abmelden, Hundesteuer abmelden, Hund gestorben, Hund abgegeben, Hund "
            "verkauft, Hundeabmeldung",
            "deregister dog, dog died, dog rehomed, cancel dog tax",
        ),
        synonyms="Hundeabmeldung, Hundesteuer kündigen",
        online_url="/dienstleistungen/hund-abmelden/antrag/",
        ozg_maturity=4,
        life_situations=["hund", "umzug"],
        topics=["tiere", "steuern-und-abgaben"],
        offices=["stadtkaemmerei-steueramt"],
        department_code="SKA",
    ),
    service(
        slug="zweitwohnungsteuer",
        leika_key="99108010001000",
        name=("Zweitwohnungsteuer", "Second home tax"),
        short_text=(
            "Wenn Sie in München eine Nebenwohnung haben, zahlen Sie in der Regel "
            "Zweitwohnungsteuer.",
            "If you have a second home in Munich, you usually pay second home tax.",
        ),
        full_text=(
            "Die Zweitwohnungsteuer beträgt 18 Prozent der jährlichen Nettokaltmiete. Bei "
            "Eigentumswohnungen gilt die ortsübliche Miete. Wenn Sie sich mit Nebenwohnung "
            "anmelden, schicken wir Ihnen eine Steuererklärung. Verheiratete oder verpartnerte "
            "Berufspendler, deren gemeinsame Familienwohnung außerhalb Münchens liegt, sind "
            "befreit. Unter bestimmten Einkommensgrenzen können Sie auf Antrag befreit "
            "werden.",
            "Second home tax is 18 per cent of the annual net rent excluding service charges. "
            "For owner-occupied flats the usual local rent is used. When you register a second "
            "home, we send you a tax return. Married commuters or those in a civil partnership "
            "whose joint family home is outside Munich are exempt. Below certain income "
            "limits you can apply for an exemption.",
        ),
        prerequisites=(
            "Sie sind in München mit Nebenwohnung gemeldet oder haben eine Wohnung, die Sie "
            "neben Ihrer Hauptwohnung nutzen.",
            "Your second home is registered in Munich, or you use a flat here in addition to "
            "your main home.",
        ),
        required_documents=(
            [
                "Ausgefüllte Steuererklärung",
                "Mietvertrag mit Angabe der Nettokaltmiete",
                "Für eine Befreiung: Heiratsurkunde und Meldebescheinigung des Ehepartners "
                "oder Einkommensnachweise",
            ],
            [
                "Completed tax return",
                "Rental contract showing the net rent",
                "For an exemption: marriage certificate and spouse's certificate of "
                "registration, or proof of income",
            ],
        ),
        fees=(
            "18 Prozent der Jahresnettokaltmiete.",
            "18 per cent of the annual net rent.",
        ),
        processing_time=(
            "Den Steuerbescheid erhalten Sie einige Wochen nach der Erklärung.",
            "You receive the tax notice a few weeks after your return.",
        ),
        procedure=(
            "Füllen Sie die Steuererklärung aus, die wir Ihnen schicken, und senden Sie sie "
            "mit den Nachweisen zurück. Wenn Sie die Nebenwohnung zur Hauptwohnung machen, "
            "endet die Steuer.",
            "Complete the tax return we send you and return it with the evidence. If you make "
            "the second home your main home, the tax ends.",
        ),
        deadlines=(
            "Geben Sie die Steuererklärung innerhalb eines Monats nach Erhalt ab.",
            "Return the tax return within one month of receiving it.",
        ),
        legal_basis=(
            "Zweitwohnungsteuersatzung der Landeshauptstadt München (ZwStS), Art. 3 "
            "Kommunalabgabengesetz (KAG)",
            "Munich Second Home Tax Statute (ZwStS), Article 3 Bavarian Local Taxes Act (KAG)",
        ),
        contact=_CONTACT_STEUERAMT,
        keywords=(
            "Zweitwohnungsteuer, Zweitwohnsitzsteuer, Nebenwohnung Steuer, Zweitwohnsitz, "
            "Pendler Wohnung, Zweitwohnungssteuer, Studentenwohnung Steuer",
            "second home tax, secondary residence tax, commuter flat",
        ),
        synonyms="Zweitwohnsitzsteuer, Zweitwohnungssteuer",
        ozg_maturity=2,
        life_situations=["umzug", "wohnen"],
        topics=["steuern-und-abgaben", "meldewesen"],
        offices=["stadtkaemmerei-steueramt"],
        department_code="SKA",
    ),
    service(
        slug="grundsteuer",
        leika_key="99108020001000",
        name=("Grundsteuer", "Property tax"),
        short_text=(
            "Für Grundstücke und Gebäude in München zahlen die Eigentümerinnen und Eigentümer "
            "Grundsteuer. Die Stadt schickt den Bescheid.",
            "Owners of land and buildings in Munich pay property tax. The city sends the tax "
            "notice.",
        ),
        full_text=(
            "Seit 2025 gilt in Bayern ein eigenes Grundsteuermodell, das sich vor allem nach "
            "den Flächen von Grundstück und Gebäude richtet. Das Finanzamt setzt den "
            "Grundsteuermessbetrag fest. Die Stadt multipliziert ihn mit dem Hebesatz, den der "
            "Stadtrat beschließt, und schickt Ihnen den Grundsteuerbescheid. Mieterinnen und "
            "Mieter zahlen die Grundsteuer meist über die Nebenkosten.",
            "Since 2025 Bavaria has had its own property tax model, based mainly on the floor "
            "and land areas. The tax office sets the assessment amount. The city multiplies it "
            "by the rate set by the city council and sends you the property tax notice. "
            "Tenants usually pay property tax through their service charges.",
        ),
        required_documents=(
            [
                "Keine. Bei Fragen halten Sie Ihr Kassenzeichen bereit.",
            ],
            [
                "None. If you have questions, have your payment reference ready.",
            ],
        ),
        fees=(
            "Die Höhe steht in Ihrem Bescheid. Sie zahlen in vier Raten am 15. Februar, "
            "15. Mai, 15. August und 15. November, oder auf Antrag einmal im Jahr am 1. Juli.",
            "The amount is shown on your notice. You pay in four instalments on 15 February, "
            "15 May, 15 August and 15 November, or on request once a year on 1 July.",
        ),
        processing_time=(
            "Der Bescheid kommt automatisch, wenn das Finanzamt den Messbetrag festgesetzt hat.",
            "The notice is sent automatically once the tax office has set the assessment amount.",
        ),
        procedure=(
            "Erteilen Sie am besten ein SEPA-Lastschriftmandat. Einwände gegen die Flächen "
            "oder den Messbetrag richten Sie an das Finanzamt, nicht an die Stadt.",
            "It is easiest to set up a SEPA direct debit. Objections to the areas or the "
            "assessment amount go to the tax office, not the city.",
        ),
        deadlines=(
            "Gegen den Grundsteuerbescheid können Sie innerhalb eines Monats einen "
            "Rechtsbehelf einlegen. Wie, steht in der Rechtsbehelfsbelehrung.",
            "You can challenge the property tax notice within one month. The notice explains how.",
        ),
        legal_basis=(
            "Bayerisches Grundsteuergesetz (BayGrStG), Grundsteuergesetz (GrStG), "
            "Hebesatzsatzung der Landeshauptstadt München",
            "Bavarian Property Tax Act (BayGrStG), Property Tax Act (GrStG), Munich rate statute",
        ),
        contact=_CONTACT_STEUERAMT,
        keywords=(
            "Grundsteuer, Grundsteuerbescheid, Hebesatz, Grundsteuerreform, Grundsteuer B, "
            "Grundsteuer Bayern, Grundbesitzabgaben, Grundsteur",
            "property tax, land tax, council tax, Grundsteuer",
        ),
        synonyms="Grundbesitzabgaben, Grundsteuerbescheid",
        ozg_maturity=2,
        life_situations=["wohnen", "bauen"],
        topics=["steuern-und-abgaben", "bauen-und-wohnen"],
        offices=["stadtkaemmerei-steueramt"],
        department_code="SKA",
    ),
    service(
        slug="verlust-melden-fundbuero",
        leika_key="99047001001000",
        name=("Verlust beim Fundbüro melden", "Report a lost item to the lost property office"),
        short_text=(
            "Wenn Sie in München etwas verloren haben, melden Sie den Verlust online beim "
            "städtischen Fundbüro.",
            "If you have lost something in Munich, report it online to the city's lost "
            "property office.",
        ),
        full_text=(
            "Wir gleichen Ihre Meldung bis zu vier Monate lang mit den abgegebenen Fundsachen "
            "ab und melden uns, wenn wir Ihren Gegenstand finden. Oft dauert es einige Tage, "
            "bis etwas abgegeben wird. Ausweise, Pässe und Handys mit SIM-Karte ordnen wir "
            "selbst zu und benachrichtigen Sie schriftlich. Schlüssel können Sie nicht online "
            "melden; sehen Sie sie ohne Termin im Erdgeschoss an.",
            "We compare your report with handed-in items for up to four months and contact you "
            "if we find your item. It often takes a few days for something to be handed in. We "
            "match ID cards, passports and phones with SIM cards ourselves and write to you. "
            "Keys cannot be reported online; look through them on the ground floor without an "
            "appointment.",
        ),
        required_documents=(
            [
                "Genaue Beschreibung des Gegenstands",
                "Ort und Zeit des Verlusts",
                "Bei der Abholung: Personalausweis und Eigentumsnachweis",
            ],
            [
                "Exact description of the item",
                "Where and when you lost it",
                "When collecting: ID and proof of ownership",
            ],
        ),
        fees=(
            "Die Verlustmeldung ist kostenlos. Bei der Abholung zahlen Sie eine Gebühr, die "
            "sich nach dem Wert richtet, und gegebenenfalls Finderlohn.",
            "Reporting a loss is free. When you collect an item, you pay a fee based on its "
            "value and, if claimed, a finder's reward.",
        ),
        processing_time=(
            "Wir prüfen bis zu vier Monate. Wenn Sie nichts hören, wurde der Gegenstand nicht "
            "gefunden.",
            "We keep checking for up to four months. If you hear nothing, the item has not "
            "been found.",
        ),
        procedure=(
            "Melden Sie den Verlust online auf diesem Portal. Wertgegenstände sehen Sie nur mit "
            "Termin an.",
            "Report the loss online on this portal. Valuables can only be viewed by appointment.",
        ),
        legal_basis=(
            "§§ 965 bis 984 Bürgerliches Gesetzbuch (BGB)",
            "Sections 965 to 984 Civil Code (BGB)",
        ),
        forms=("Online-Verlustmeldung auf diesem Portal.", "Online loss report on this portal."),
        notes=(
            "Für Verluste in U-Bahn, Bus und Tram ist das Fundbüro der MVG zuständig, für "
            "S-Bahn und Züge das Fundbüro der Deutschen Bahn.",
            "For items lost on the U-Bahn, buses or trams, contact the MVG lost property "
            "office; for the S-Bahn and trains, Deutsche Bahn's lost property office.",
        ),
        contact=_CONTACT_FUNDBUERO,
        keywords=(
            "Fundbüro, verloren, Verlust melden, Fundsache, Handy verloren, Geldbeutel "
            "verloren, Schlüssel verloren, Fahrrad verloren, Wiesn Fundbüro, Fundbuero",
            "lost property, lost and found, lost wallet, lost phone, lost keys",
        ),
        synonyms="Fundbüro, Verlustmeldung, Fundsachen",
        online_url="/dienstleistungen/verlust-melden-fundbuero/antrag/",
        ozg_maturity=3,
        life_situations=["verlust-und-fund"],
        topics=["fundsachen"],
        offices=["fundbuero"],
        department_code="KVR",
    ),
    service(
        slug="fundsache-abgeben",
        leika_key="99047002001000",
        name=("Fundsache abgeben", "Hand in a found item"),
        short_text=(
            "Wenn Sie etwas gefunden haben, geben Sie es beim Fundbüro ab. Sie haben Anspruch "
            "auf Finderlohn.",
            "If you have found something, hand it in at the lost property office. You are "
            "entitled to a finder's reward.",
        ),
        full_text=(
            "Wer etwas findet, muss es abgeben oder melden, wenn es mehr als 10 Euro wert ist. "
            "Meldet sich die Eigentümerin oder der Eigentümer, können Sie Finderlohn "
            "verlangen: 5 Prozent des Werts bis 500 Euro, darüber 3 Prozent. Meldet sich "
            "niemand, können Sie die Sache nach sechs Monaten bekommen, wenn Sie das wünschen.",
            "If you find something worth more than 10 euros, you must hand it in or report it. "
            "If the owner comes forward, you can claim a finder's reward: 5 per cent of the "
            "value up to 500 euros and 3 per cent above that. If nobody comes forward, you can "
            "have the item after six months if you wish.",
        ),
        required_documents=(
            ["Die Fundsache", "Ihr Personalausweis, wenn Sie Rechte als Finder wahren wollen"],
            ["The item", "Your ID if you want to keep your rights as the finder"],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=("Sofort.", "Immediately."),
        procedure=(
            "Bringen Sie die Sache während der Öffnungszeiten ins Fundbüro oder geben Sie sie "
            "bei einer Polizeiinspektion ab.",
            "Bring the item to the lost property office during opening hours, or hand it in at "
            "a police station.",
        ),
        legal_basis=(
            "§§ 965 bis 977 Bürgerliches Gesetzbuch (BGB)",
            "Sections 965 to 977 Civil Code (BGB)",
        ),
        contact=_CONTACT_FUNDBUERO,
        keywords=(
            "Fundsache abgeben, etwas gefunden, Finderlohn, Geldbeutel gefunden, Handy "
            "gefunden, Fund melden",
            "found item, hand in, finder's reward, found wallet",
        ),
        synonyms="Fund abgeben, Finderlohn",
        life_situations=["verlust-und-fund"],
        topics=["fundsachen"],
        offices=["fundbuero"],
        department_code="KVR",
    ),
    service(
        slug="sperrmuell-entsorgen",
        leika_key="99062001001000",
        name=("Sperrmüll entsorgen", "Get rid of bulky waste"),
        short_text=(
            "Sperrmüll bringen Sie kostenlos zum Wertstoffhof oder lassen ihn gegen Gebühr "
            "abholen.",
            "Take bulky waste to a recycling centre for free, or have it collected for a fee.",
        ),
        full_text=(
            "Sperrmüll sind große Gegenstände aus dem Haushalt, die nicht in die Restmülltonne "
            "passen, zum Beispiel Möbel, Matratzen oder Teppiche. Private Haushalte können "
            "haushaltsübliche Mengen kostenlos an den Wertstoffhöfen des "
            "Abfallwirtschaftsbetriebs München abgeben. Wenn Sie kein Auto haben, bestellen "
            "Sie die Sperrmüllabholung. Gut erhaltene Gegenstände können Sie an vielen "
            "Wertstoffhöfen für das Gebrauchtwarenkaufhaus Halle 2 des AWM abgeben.",
            "Bulky waste means large household items that do not fit in the residual waste "
            "bin, such as furniture, mattresses or carpets. Private households can take normal "
            "household quantities to the Munich Waste Management recycling centres for free. "
            "If you have no car, book a bulky waste collection. At many recycling centres you "
            "can leave items in good condition for Halle 2, AWM's second-hand store.",
        ),
        required_documents=(
            ["Für die Abholung: Liste der Gegenstände"],
            ["For a collection: a list of the items"],
        ),
        fees=(
            "Abgabe am Wertstoffhof in haushaltsüblichen Mengen kostenlos. Die Abholung kostet "
            "eine Gebühr, die sich nach der Menge richtet.",
            "Dropping off normal household quantities at a recycling centre is free. "
            "Collection costs a fee based on the volume.",
        ),
        processing_time=(
            "Abholtermine gibt es meist innerhalb von zwei bis vier Wochen.",
            "Collection dates are usually available within two to four weeks.",
        ),
        procedure=(
            "Bestellen Sie die Abholung online oder telefonisch beim AWM. Stellen Sie die "
            "Gegenstände am Abholtag bereit, wie in der Bestätigung beschrieben.",
            "Book a collection online or by phone with AWM. Put the items out on the day as "
            "described in the confirmation.",
        ),
        legal_basis=(
            "Abfallwirtschaftssatzung und Abfallgebührensatzung der Landeshauptstadt München, "
            "Kreislaufwirtschaftsgesetz (KrWG)",
            "Munich Waste Management Statute and Waste Fees Statute, Circular Economy Act (KrWG)",
        ),
        contact=(
            "Abfallwirtschaftsbetrieb München, Kundenservice.\n"
            "Telefon: +49 89 233-96200\n"
            "E-Mail: awm-kundenservice@muenchen.de",
            "Munich Waste Management, customer service.\n"
            "Phone: +49 89 233-96200\n"
            "Email: awm-kundenservice@muenchen.de",
        ),
        keywords=(
            "Sperrmüll, Sperrmuell, Wertstoffhof, Möbel entsorgen, Matratze entsorgen, "
            "Sperrmüllabholung, Entrümpelung, AWM, Sperrmüll München",
            "bulky waste, furniture disposal, recycling centre, mattress disposal",
        ),
        synonyms="Sperrmüllabholung, Wertstoffhof, Entrümpelung",
        online_url="https://stadt.muenchen.de/buergerservice/sperrmuell-online/",
        ozg_maturity=3,
        life_situations=["umzug", "wohnen"],
        topics=["umwelt"],
        offices=["awm-kundenservice"],
        department_code="KR",
    ),
]
