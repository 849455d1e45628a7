"""Demo services: social benefits, families and children, and health."""

from services.demo_content_base import CONTACT_SBH, SOZIALBUERGERHAEUSER, service

SERVICES = [
    service(
        slug="elterngeld-beantragen",
        leika_key="99052001001000",
        name=("Elterngeld beantragen", "Apply for parental allowance"),
        short_text=(
            "Elterngeld ersetzt einen Teil Ihres Einkommens, wenn Sie nach der Geburt Ihr Kind "
            "betreuen. In Bayern ist das Zentrum Bayern Familie und Soziales (ZBFS) zuständig.",
            "Parental allowance replaces part of your income while you care for your child "
            "after the birth. In Bavaria it is handled by the Bavarian Centre for Family and "
            "Social Affairs (ZBFS).",
        ),
        full_text=(
            "Das Elterngeld beträgt in der Regel 65 bis 67 Prozent des Nettoeinkommens vor der "
            "Geburt, mindestens 300 Euro und höchstens 1.800 Euro im Monat (Basiselterngeld). "
            "Mit ElterngeldPlus und dem Partnerschaftsbonus können Sie den Bezug verlängern, "
            "wenn Sie in Teilzeit arbeiten. Die Stadt München zahlt kein Elterngeld aus, Ihr "
            "Sozialbürgerhaus hilft aber beim Ausfüllen.",
            "Parental allowance is usually 65 to 67 per cent of your net income before the "
            "birth, at least 300 and at most 1,800 euros a month (basic parental allowance). "
            "With ElterngeldPlus and the partnership bonus you can receive it for longer if "
            "you work part-time. The City of Munich does not pay parental allowance, but your "
            "social services centre can help you fill in the form.",
        ),
        prerequisites=(
            [
                "Sie wohnen in Deutschland und leben mit Ihrem Kind in einem Haushalt.",
                "Sie betreuen und erziehen das Kind selbst.",
                "Sie arbeiten nicht mehr als 32 Stunden pro Woche.",
                "Ihr zu versteuerndes Einkommen lag im Jahr vor der Geburt nicht über 175.000 "
                "Euro (Paare und Alleinerziehende).",
            ],
            [
                "You live in Germany in the same household as your child.",
                "You care for and bring up the child yourself.",
                "You work no more than 32 hours a week.",
                "Your taxable income in the year before the birth was not more than 175,000 "
                "euros (couples and single parents).",
            ],
        ),
        required_documents=(
            [
                "Geburtsurkunde für Elterngeld (kostenlos vom Standesamt)",
                "Einkommensnachweise der letzten zwölf Monate vor der Geburt",
                "Bescheinigung über Mutterschaftsgeld und Arbeitgeberzuschuss",
                "Steuer-Identifikationsnummern",
            ],
            [
                "Birth certificate for parental allowance (free from the register office)",
                "Proof of income for the twelve months before the birth",
                "Confirmation of maternity pay and employer's supplement",
                "Tax identification numbers",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=(
            "Mehrere Wochen nach Eingang der vollständigen Unterlagen.",
            "Several weeks after all documents have been received.",
        ),
        procedure=(
            "Stellen Sie den Antrag online beim ZBFS oder auf Papier. Beide Elternteile können "
            "einen gemeinsamen Antrag stellen.",
            "Apply online with the ZBFS or on paper. Both parents can submit a joint application.",
        ),
        deadlines=(
            "Elterngeld wird rückwirkend nur für die letzten drei Lebensmonate vor dem Monat "
            "gezahlt, in dem der Antrag eingeht. Stellen Sie den Antrag deshalb bald nach der "
            "Geburt.",
            "Parental allowance is only paid retroactively for the three months of your "
            "child's life before the month in which we receive the application. So apply soon "
            "after the birth.",
        ),
        legal_basis=(
            "Bundeselterngeld- und Elternzeitgesetz (BEEG)",
            "Federal Parental Allowance and Parental Leave Act (BEEG)",
        ),
        further_information=(
            "Zentrum Bayern Familie und Soziales (ZBFS), Region Oberbayern: zbfs.bayern.de",
            "Bavarian Centre for Family and Social Affairs (ZBFS), Upper Bavaria: zbfs.bayern.de",
        ),
        contact=CONTACT_SBH,
        keywords=(
            "Elterngeld, ElterngeldPlus, Elternzeit, Partnerschaftsbonus, Geld nach Geburt, "
            "Elterngeldantrag, ZBFS, Elterngeld Bayern, Eltergeld",
            "parental allowance, Elterngeld, parental leave, money after birth",
        ),
        synonyms="Elterngeld Plus, Basiselterngeld, Elternzeitgeld",
        life_situations=["geburt", "familie-und-kinder"],
        topics=["familie", "soziale-leistungen"],
        offices=SOZIALBUERGERHAEUSER,
        department_code="SOZ",
    ),
    service(
        slug="kita-platz-suchen",
        leika_key="99061001001000",
        name=("Kita-Platz suchen und anmelden", "Find and apply for a childcare place"),
        short_text=(
            "Über den Kita-Finder+ suchen Sie Krippen, Kindergärten und Horte in München und "
            "melden Ihr Kind an.",
            "Use the Kita-Finder+ to search for nurseries, kindergartens and after-school care "
            "in Munich and to apply for a place.",
        ),
        full_text=(
            "Ab dem ersten Geburtstag hat Ihr Kind einen Rechtsanspruch auf einen Platz in "
            "einer Kita oder bei einer Tagesmutter oder einem Tagesvater. Im Kita-Finder+ "
            "sehen Sie städtische und viele freie Einrichtungen. Sie können mehrere "
            "Einrichtungen auswählen und Ihre Wünsche in eine Reihenfolge bringen. Die "
            "Kita-Elternberatung hilft, wenn Sie keinen Platz finden.",
            "From their first birthday your child has a legal right to a place in a daycare "
            "centre or with a childminder. The Kita-Finder+ shows municipal and many "
            "independent facilities. You can choose several and rank them. The childcare "
            "advice service helps if you cannot find a place.",
        ),
        prerequisites=(
            "Ihr Kind wohnt mit Hauptwohnsitz in München.",
            "Your child's main home is in Munich.",
        ),
        required_documents=(
            [
                "Angaben zu Kind und Eltern",
                "Gewünschter Betreuungsbeginn und Betreuungszeiten",
            ],
            [
                "Details of your child and the parents",
                "Preferred start date and hours",
            ],
        ),
        fees=(
            "Die Anmeldung ist kostenlos. Die Elternbeiträge hängen von Einrichtung, "
            "Buchungszeit und Einkommen ab. Für Kinder im Kindergartenalter zahlt der "
            "Freistaat Bayern einen Zuschuss zum Elternbeitrag.",
            "Applying is free. Parents' fees depend on the facility, the hours booked and your "
            "income. For children of kindergarten age the State of Bavaria pays a subsidy "
            "towards the fee.",
        ),
        processing_time=(
            "Die meisten Plätze werden für den Start im September vergeben. Zusagen kommen "
            "ab dem Frühjahr.",
            "Most places are allocated for a September start. Offers are sent from spring onwards.",
        ),
        procedure=(
            [
                "1. Registrieren Sie sich im Kita-Finder+.",
                "2. Wählen Sie Einrichtungen aus und geben Sie Ihre Wünsche an.",
                "3. Die Einrichtungen melden sich mit einer Zusage oder Absage.",
                "4. Nehmen Sie eine Zusage rechtzeitig an.",
            ],
            [
                "1. Register on the Kita-Finder+.",
                "2. Choose facilities and enter your preferences.",
                "3. The facilities reply with an offer or a refusal.",
                "4. Accept an offer in time.",
            ],
        ),
        deadlines=(
            "Melden Sie Ihr Kind möglichst früh an, für einen Start im September am besten bis "
            "Januar.",
            "Apply as early as possible; for a September start ideally by January.",
        ),
        legal_basis=(
            "§ 24 Sozialgesetzbuch Achtes Buch (SGB VIII), Bayerisches Kinderbildungs- und "
            "-betreuungsgesetz (BayKiBiG)",
            "Section 24 Social Code Book VIII, Bavarian Child Education and Care Act (BayKiBiG)",
        ),
        contact=(
            "Kita-Elternberatung des Referats für Bildung und Sport.\n"
            "Telefon: +49 89 233-96771\n"
            "E-Mail: kita-elternberatung.rbs@muenchen.de",
            "Childcare advice service, Department of Education and Sports.\n"
            "Phone: +49 89 233-96771\n"
            "Email: kita-elternberatung.rbs@muenchen.de",
        ),
        keywords=(
            "Kita, Kitaplatz, Kita-Platz, Krippe, Kindergarten, Hort, Kinderbetreuung, "
            "Kita-Finder, Kitafinder, Tagesmutter, Krippenplatz, Kindergartenplatz, Kiga",
            "daycare, nursery, kindergarten, childcare, after-school care, Kita",
        ),
        synonyms="Kindergartenplatz, Krippenplatz, Kitaplatz, Kinderbetreuung",
        easy_language_de=(
            "Sie suchen eine Kita für Ihr Kind?\n"
            "Eine Kita ist zum Beispiel eine Krippe oder ein Kinder-Garten.\n"
            "\n"
            "Ab 1 Jahr hat Ihr Kind ein Recht auf einen Platz.\n"
            "\n"
            "So finden Sie eine Kita:\n"
            "- Sie gehen im Internet auf den Kita-Finder.\n"
            "- Sie suchen Kitas in Ihrer Nähe aus.\n"
            "- Sie melden Ihr Kind dort an.\n"
            "\n"
            "Melden Sie Ihr Kind früh an.\n"
            "Die meisten Plätze gibt es ab September.\n"
            "\n"
            "Sie finden keinen Platz?\n"
            "Dann hilft Ihnen die Kita-Eltern-Beratung."
        ),
        online_url="https://stadt.muenchen.de/buergerservice/kita-finder/",
        ozg_maturity=3,
        life_situations=["familie-und-kinder", "geburt"],
        topics=["familie"],
        offices=["rbs-kita-elternberatung"],
        department_code="RBS",
    ),
    service(
        slug="wohngeld-beantragen",
        leika_key="99107001001000",
        name=("Wohngeld beantragen", "Apply for housing benefit"),
        short_text=(
            "Wohngeld ist ein Zuschuss zur Miete oder zu den Kosten für Ihr Eigenheim, wenn "
            "Ihr Einkommen gering ist.",
            "Housing benefit is a contribution towards your rent or the costs of your own "
            "home if your income is low.",
        ),
        full_text=(
            "Mieterinnen und Mieter erhalten Wohngeld als Mietzuschuss, Eigentümerinnen und "
            "Eigentümer als Lastenzuschuss. Wie viel Sie bekommen, hängt von der Zahl der "
            "Haushaltsmitglieder, dem Einkommen und der Miete ab. Wer Bürgergeld, Sozialhilfe "
            "oder Grundsicherung erhält, bekommt kein Wohngeld; dort sind die Wohnkosten schon "
            "enthalten. Mit dem Wohngeldrechner können Sie vorab prüfen, ob sich ein Antrag "
            "lohnt.",
            "Tenants receive housing benefit as a rent allowance, owners as a charges "
            "allowance. How much you get depends on the size of your household, your income "
            "and your rent. If you receive citizen's income, social assistance or basic "
            "income support, you do not get housing benefit, because housing costs are "
            "already covered. Use the housing benefit calculator to check whether it is worth "
            "applying.",
        ),
        prerequisites=(
            "Sie wohnen in München, zahlen Miete oder Belastungen für Wohneigentum und haben "
            "ein Einkommen, das die Grenzen nicht übersteigt, aber den Mindestbedarf deckt.",
            "You live in Munich, pay rent or costs for your own home, and your income is "
            "below the limits but covers your basic needs.",
        ),
        required_documents=(
            [
                "Ausgefüllter Wohngeldantrag",
                "Mietvertrag und Mietbescheinigung des Vermieters",
                "Einkommensnachweise aller Haushaltsmitglieder",
                "Kontoauszüge der letzten drei Monate",
                "Personalausweis oder Aufenthaltstitel",
            ],
            [
                "Completed housing benefit application",
                "Rental contract and landlord's rent confirmation",
                "Proof of income for everyone in the household",
                "Bank statements for the last three months",
                "Identity card or residence permit",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=(
            "In der Regel sechs bis zwölf Wochen, wenn alle Unterlagen vorliegen.",
            "Usually six to twelve weeks once we have all documents.",
        ),
        procedure=(
            "Stellen Sie den Antrag online über das BayernPortal oder auf Papier bei der "
            "Wohngeldstelle Ihres Sozialbürgerhauses. Wir fordern fehlende Unterlagen nach.",
            "Apply online through the BayernPortal or on paper at the housing benefit desk of "
            "your social services centre. We will ask for any missing documents.",
        ),
        deadlines=(
            "Wohngeld gibt es ab dem Monat, in dem der Antrag eingeht, nicht rückwirkend. "
            "Es wird meist für zwölf Monate bewilligt; stellen Sie den Weiterleistungsantrag "
            "rechtzeitig.",
            "Housing benefit is paid from the month we receive your application, not "
            "retroactively. It is usually granted for twelve months; apply to continue in "
            "good time.",
        ),
        legal_basis=("Wohngeldgesetz (WoGG)", "Housing Benefit Act (WoGG)"),
        forms=(
            "Wohngeldantrag (Mietzuschuss oder Lastenzuschuss), Mietbescheinigung.",
            "Housing benefit application (rent or charges allowance), rent confirmation.",
        ),
        contact=CONTACT_SBH,
        keywords=(
            "Wohngeld, Mietzuschuss, Lastenzuschuss, Wohngeld Plus, Miete zu hoch, Hilfe "
            "Miete, Wohngeldantrag, Wohngeldrechner, Wohngelt",
            "housing benefit, rent allowance, help with rent, Wohngeld",
        ),
        synonyms="Mietzuschuss, Wohngeld Plus, Lastenzuschuss",
        easy_language_de=(
            "Ihre Miete ist sehr hoch?\n"
            "Und Sie haben wenig Geld?\n"
            "Dann bekommen Sie vielleicht Wohn-Geld.\n"
            "\n"
            "Wohn-Geld ist Geld vom Staat für Ihre Miete.\n"
            "Sie müssen das Geld nicht zurück-zahlen.\n"
            "\n"
            "So bekommen Sie Wohn-Geld:\n"
            "Sie füllen einen Antrag aus.\n"
            "Das geht im Internet oder auf Papier.\n"
            "Sie geben den Antrag im Sozial-Bürger-Haus ab.\n"
            "\n"
            "Wichtig:\n"
            "Stellen Sie den Antrag schnell.\n"
            "Sie bekommen das Geld erst ab dem Monat vom Antrag.\n"
            "\n"
            "Das Sozial-Bürger-Haus hilft Ihnen beim Antrag."
        ),
        online_url="https://stadt.muenchen.de/buergerservice/wohngeld-online/",
        ozg_maturity=4,
        life_situations=["soziales", "wohnen"],
        topics=["soziale-leistungen", "bauen-und-wohnen"],
        offices=[*SOZIALBUERGERHAEUSER, "amt-fuer-wohnen-und-migration"],
        department_code="SOZ",
    ),
    service(
        slug="buergergeld-beantragen",
        leika_key="99050001001000",
        name=(
            "Grundsicherung für Arbeitsuchende (Bürgergeld) beantragen",
            "Apply for basic income support for jobseekers (Bürgergeld)",
        ),
        short_text=(
            "Wenn Sie erwerbsfähig sind, aber Ihren Lebensunterhalt nicht selbst sichern "
            "können, erhalten Sie Leistungen vom Jobcenter München.",
            "If you are able to work but cannot support yourself, you can receive benefits "
            "from Jobcenter München.",
        ),
        full_text=(
            "Die Grundsicherung für Arbeitsuchende deckt den Regelbedarf, die angemessenen "
            "Kosten für Wohnung und Heizung sowie Mehrbedarfe. Das Jobcenter unterstützt Sie "
            "auch bei der Suche nach Arbeit und Ausbildung. In München sitzt das Jobcenter in "
            "den Sozialbürgerhäusern. Der Bund reformiert die Grundsicherung; Bezeichnungen "
            "und einzelne Regeln können sich ändern. Aktuelle Auskünfte gibt das Jobcenter.",
            "Basic income support for jobseekers covers the standard needs, reasonable housing "
            "and heating costs and additional needs. The Jobcenter also helps you find work or "
            "training. In Munich the Jobcenter is located in the social services centres. The "
            "federal government is reforming basic income support, so names and some rules "
            "may change. Ask the Jobcenter for current information.",
        ),
        prerequisites=(
            "Sie sind zwischen 15 Jahren und der Regelaltersgrenze, erwerbsfähig, wohnen in "
            "Deutschland und sind hilfebedürftig.",
            "You are between 15 and the statutory retirement age, able to work, live in "
            "Germany and need support.",
        ),
        required_documents=(
            [
                "Hauptantrag und Anlagen",
                "Personalausweis oder Aufenthaltstitel",
                "Mietvertrag und Nachweise über Heizkosten",
                "Kontoauszüge der letzten drei Monate",
                "Nachweise über Einkommen und Vermögen",
            ],
            [
                "Main application form and annexes",
                "Identity card or residence permit",
                "Rental contract and heating cost statements",
                "Bank statements for the last three months",
                "Proof of income and assets",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=(
            "In der Regel einige Wochen. In Notlagen kann ein Vorschuss gezahlt werden.",
            "Usually a few weeks. In an emergency an advance can be paid.",
        ),
        procedure=(
            "Stellen Sie den Antrag online über jobcenter.digital oder im Sozialbürgerhaus. "
            "Der Antrag wirkt auf den Ersten des Monats zurück, in dem Sie ihn stellen.",
            "Apply online through jobcenter.digital or at your social services centre. The "
            "application takes effect from the first day of the month in which you apply.",
        ),
        deadlines=(
            "Leistungen gibt es frühestens ab dem Monat der Antragstellung. Stellen Sie den "
            "Antrag deshalb sofort, auch wenn noch Unterlagen fehlen.",
            "Benefits are paid at the earliest from the month in which you apply. Apply "
            "straight away, even if some documents are still missing.",
        ),
        legal_basis=(
            "Sozialgesetzbuch Zweites Buch (SGB II)",
            "Social Code Book II (SGB II)",
        ),
        contact=(
            "Jobcenter München im Sozialbürgerhaus für Ihre Adresse.\nTelefon: +49 89 453550",
            "Jobcenter München at the social services centre for your address.\n"
            "Phone: +49 89 453550",
        ),
        keywords=(
            "Bürgergeld, Hartz IV, Hartz 4, ALG II, Arbeitslosengeld 2, Grundsicherung, "
            "Jobcenter, arbeitslos, Neue Grundsicherung, Buergergeld, Bürgergeld Antrag",
            "citizen's income, unemployment benefit, jobcentre, basic income support, Bürgergeld",
        ),
        synonyms="Hartz IV, ALG II, Grundsicherung für Arbeitsuchende, Jobcenter",
        ozg_maturity=4,
        life_situations=["soziales", "arbeit"],
        topics=["soziale-leistungen"],
        offices=SOZIALBUERGERHAEUSER,
        department_code="SOZ",
    ),
    service(
        slug="grundsicherung-im-alter",
        leika_key="99051001001000",
        name=(
            "Grundsicherung im Alter und bei Erwerbsminderung beantragen",
            "Apply for basic income support in old age and for reduced earning capacity",
        ),
        short_text=(
            "Wenn Ihre Rente oder Ihr Einkommen im Alter nicht reicht, erhalten Sie "
            "Grundsicherung vom Sozialamt.",
            "If your pension or income in old age is not enough, you can receive basic "
            "income support from the social welfare office.",
        ),
        full_text=(
            "Grundsicherung erhalten Menschen, die die Regelaltersgrenze erreicht haben, und "
            "Volljährige, die dauerhaft voll erwerbsgemindert sind. Sie deckt den "
            "Lebensunterhalt und die angemessenen Wohnkosten. Das Einkommen Ihrer Kinder wird "
            "nur berücksichtigt, wenn es über 100.000 Euro im Jahr liegt.",
            "Basic income support is for people who have reached the statutory retirement "
            "age, and adults who are permanently unable to work. It covers living costs and "
            "reasonable housing costs. Your children's income is only taken into account if "
            "it is over 100,000 euros a year.",
        ),
        prerequisites=(
            "Sie wohnen in München, haben die Regelaltersgrenze erreicht oder sind dauerhaft "
            "voll erwerbsgemindert, und Ihr Einkommen und Vermögen reichen nicht aus.",
            "You live in Munich, have reached retirement age or are permanently unable to "
            "work, and your income and assets are not sufficient.",
        ),
        required_documents=(
            [
                "Antrag auf Grundsicherung",
                "Rentenbescheid",
                "Mietvertrag und aktuelle Nebenkostenabrechnung",
                "Kontoauszüge der letzten drei Monate",
                "Nachweise über Vermögen",
            ],
            [
                "Application for basic income support",
                "Pension notice",
                "Rental contract and latest service charge statement",
                "Bank statements for the last three months",
                "Proof of assets",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=("Einige Wochen.", "A few weeks."),
        procedure=(
            "Stellen Sie den Antrag im Sozialbürgerhaus für Ihre Adresse. Die "
            "Rentenversicherung kann Ihren Antrag weiterleiten.",
            "Apply at the social services centre for your address. The pension insurance can "
            "forward your application.",
        ),
        legal_basis=(
            "§§ 41 bis 46b Sozialgesetzbuch Zwölftes Buch (SGB XII)",
            "Sections 41 to 46b Social Code Book XII (SGB XII)",
        ),
        notes=(
            "Fragen Sie im Sozialbürgerhaus auch nach weiteren Hilfen, zum Beispiel dem "
            "München-Pass.",
            "Ask your social services centre about other support too, for example the "
            "München-Pass.",
        ),
        contact=CONTACT_SBH,
        keywords=(
            "Grundsicherung im Alter, Rente reicht nicht, Altersarmut, Sozialhilfe Rentner, "
            "Erwerbsminderung, Sozialamt, Grundsicherung Rente",
            "pension too low, old age support, social assistance for pensioners",
        ),
        synonyms="Altersgrundsicherung, Sozialhilfe im Alter",
        ozg_maturity=2,
        life_situations=["soziales"],
        topics=["soziale-leistungen"],
        offices=SOZIALBUERGERHAEUSER,
        department_code="SOZ",
    ),
    service(
        slug="gefoerderte-wohnung-beantragen",
        leika_key="99107010001000",
        name=(
            "Geförderte Wohnung (Sozialwohnung) beantragen",
            "Apply for a subsidised flat (social housing)",
        ),
        short_text=(
            "Wenn Ihr Einkommen unter bestimmten Grenzen liegt, können Sie sich beim Amt für "
            "Wohnen und Migration für eine geförderte Wohnung registrieren.",
            "If your income is below certain limits, you can register with the Office for "
            "Housing and Migration for a subsidised flat.",
        ),
        full_text=(
            "Die Stadt vergibt geförderte Wohnungen an registrierte Haushalte. Bei der "
            "Registrierung prüfen wir Ihr Einkommen und Ihre Wohnsituation und vergeben "
            "Rangpunkte. Freie Wohnungen werden im Online-Portal angeboten; Sie können sich "
            "darauf bewerben. Wegen der großen Nachfrage in München dauert die Suche oft "
            "lange.",
            "The city allocates subsidised flats to registered households. When you register "
            "we check your income and housing situation and award priority points. Available "
            "flats are advertised on the online portal, where you can apply. Because demand in "
            "Munich is high, the search often takes a long time.",
        ),
        prerequisites=(
            "Ihr Haushaltseinkommen liegt unter den Einkommensgrenzen der Wohnraumförderung "
            "und Sie haben ein dauerhaftes Aufenthaltsrecht.",
            "Your household income is below the housing subsidy limits and you have a "
            "permanent right of residence.",
        ),
        required_documents=(
            [
                "Antrag auf Registrierung",
                "Einkommensnachweise aller Haushaltsmitglieder",
                "Personalausweis oder Aufenthaltstitel",
                "Mietvertrag der jetzigen Wohnung",
            ],
            [
                "Registration application",
                "Proof of income for everyone in the household",
                "Identity card or residence permit",
                "Rental contract for your current home",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=(
            "Die Registrierung dauert einige Wochen. Sie gilt ein Jahr und muss dann "
            "verlängert werden.",
            "Registration takes a few weeks. It lasts one year and must then be renewed.",
        ),
        procedure=(
            "Registrieren Sie sich online im Wohnungsportal der Stadt oder geben Sie den Antrag "
            "beim Amt für Wohnen und Migration ab.",
            "Register online on the city's housing portal, or hand in the application at the "
            "Office for Housing and Migration.",
        ),
        legal_basis=(
            "Bayerisches Wohnraumförderungsgesetz (BayWoFG)",
            "Bavarian Housing Subsidy Act (BayWoFG)",
        ),
        contact=(
            "Amt für Wohnen und Migration, Franziskanerstraße 8.\n"
            "Telefon: +49 89 233-96840\n"
            "E-Mail: wohnen.soz@muenchen.de",
            "Office for Housing and Migration, Franziskanerstraße 8.\n"
            "Phone: +49 89 233-96840\n"
            "Email: wohnen.soz@muenchen.de",
        ),
        keywords=(
            "Sozialwohnung, geförderte Wohnung, Wohnberechtigungsschein, WBS, "
            "Wohnungsvergabe, SOWON, Wohnung finden, günstige Wohnung, Sozial Wohnung",
            "social housing, council flat, subsidised housing, affordable flat",
        ),
        synonyms="Sozialwohnung, WBS, Wohnberechtigungsschein, geförderter Wohnraum",
        ozg_maturity=3,
        life_situations=["soziales", "wohnen"],
        topics=["bauen-und-wohnen", "soziale-leistungen"],
        offices=["amt-fuer-wohnen-und-migration"],
        department_code="SOZ",
    ),
    service(
        slug="schwerbehindertenausweis",
        leika_key="99055001001000",
        name=(
            "Schwerbehindertenausweis beantragen",
            "Apply for a severe disability card",
        ),
        short_text=(
            "Ab einem Grad der Behinderung von 50 erhalten Sie einen Schwerbehindertenausweis. "
            "In Bayern ist das ZBFS zuständig.",
            "With a degree of disability of 50 or more you get a severe disability card. In "
            "Bavaria it is issued by the ZBFS.",
        ),
        full_text=(
            "Das Zentrum Bayern Familie und Soziales (ZBFS) stellt den Grad der Behinderung "
            "und Merkzeichen fest und stellt den Ausweis aus. Mit dem Ausweis erhalten Sie "
            "Nachteilsausgleiche, zum Beispiel besonderen Kündigungsschutz, Zusatzurlaub oder "
            "Ermäßigungen. Die Sozialbürgerhäuser und Beratungsstellen helfen beim Antrag.",
            "The Bavarian Centre for Family and Social Affairs (ZBFS) assesses the degree of "
            "disability and any markers and issues the card. The card gives you compensations, "
            "for example extra protection against dismissal, extra holiday or discounts. The "
            "social services centres and advice services can help with the application.",
        ),
        prerequisites=(
            "Sie wohnen in Bayern und haben eine Behinderung, die voraussichtlich länger als "
            "sechs Monate dauert.",
            "You live in Bavaria and have a disability expected to last longer than six months.",
        ),
        required_documents=(
            [
                "Antrag auf Feststellung einer Behinderung",
                "Ärztliche Befunde und Berichte",
                "Passfoto (ab 10 Jahren)",
            ],
            [
                "Application for assessment of a disability",
                "Medical findings and reports",
                "Passport photo (from age 10)",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=("Meist drei bis sechs Monate.", "Usually three to six months."),
        procedure=(
            "Stellen Sie den Antrag online oder auf Papier beim ZBFS, Region Oberbayern.",
            "Apply online or on paper with the ZBFS, Upper Bavaria region.",
        ),
        legal_basis=(
            "§§ 152 und 153 Sozialgesetzbuch Neuntes Buch (SGB IX)",
            "Sections 152 and 153 Social Code Book IX (SGB IX)",
        ),
        further_information=(
            "Zentrum Bayern Familie und Soziales: zbfs.bayern.de",
            "Bavarian Centre for Family and Social Affairs: zbfs.bayern.de",
        ),
        contact=CONTACT_SBH,
        keywords=(
            "Schwerbehindertenausweis, Behindertenausweis, GdB, Grad der Behinderung, "
            "Merkzeichen, Schwerbehinderung, ZBFS, Versorgungsamt, Schwerbehinderten Ausweis",
            "severe disability card, disability pass, degree of disability",
        ),
        synonyms="Behindertenausweis, GdB-Antrag, Schwerbehinderung",
        life_situations=["gesundheit", "soziales"],
        topics=["soziale-leistungen", "gesundheit"],
        offices=SOZIALBUERGERHAEUSER,
        department_code="SOZ",
    ),
    service(
        slug="muenchen-pass-beantragen",
        leika_key="99059001001000",
        name=("München-Pass beantragen", "Apply for the München-Pass"),
        short_text=(
            "Mit dem München-Pass erhalten Menschen mit wenig Geld Ermäßigungen, zum Beispiel "
            "für Bus und Bahn, Museen, Bäder und die Volkshochschule.",
            "The München-Pass gives people on a low income discounts, for example on public "
            "transport, museums, swimming pools and adult education classes.",
        ),
        full_text=(
            "Den München-Pass erhalten Menschen, die Bürgergeld, Sozialhilfe, Grundsicherung, "
            "Wohngeld, Kinderzuschlag oder Leistungen nach dem Asylbewerberleistungsgesetz "
            "bekommen, sowie Menschen mit geringem Einkommen. Mit dem Pass können Sie auch "
            "das ermäßigte MVV-Ticket kaufen. Der Pass gilt so lange wie Ihr Leistungsbescheid, "
            "höchstens ein Jahr.",
            "The München-Pass is for people receiving citizen's income, social assistance, "
            "basic income support, housing benefit, child supplement or asylum seekers' "
            "benefits, and people on a low income. With the pass you can also buy the "
            "reduced-price MVV ticket. It is valid as long as your benefit notice, for up to "
            "one year.",
        ),
        prerequisites=(
            "Sie wohnen in München und erhalten eine der genannten Leistungen oder haben ein "
            "geringes Einkommen.",
            "You live in Munich and receive one of these benefits or have a low income.",
        ),
        required_documents=(
            [
                "Aktueller Leistungsbescheid oder Einkommensnachweise",
                "Personalausweis oder Aufenthaltstitel",
                "Passfoto",
            ],
            [
                "Current benefit notice or proof of income",
                "Identity card or residence permit",
                "Passport photo",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=(
            "Im Sozialbürgerhaus meist sofort.",
            "Usually issued straight away at the social services centre.",
        ),
        procedure=(
            "Kommen Sie mit Ihren Unterlagen in das Sozialbürgerhaus für Ihre Adresse.",
            "Bring your documents to the social services centre for your address.",
        ),
        legal_basis=(
            "Beschlüsse des Münchner Stadtrats (freiwillige Leistung der Stadt)",
            "Munich city council decisions (a voluntary benefit of the city)",
        ),
        contact=CONTACT_SBH,
        keywords=(
            "München-Pass, Muenchen Pass, Sozialpass, Ermäßigung, Sozialticket, IsarCard S, "
            "günstig Bus Bahn, Museum ermäßigt, Münchenpass",
            "München-Pass, social pass, discount card, reduced fare ticket",
        ),
        synonyms="Sozialpass, Münchenpass, Sozialticket",
        easy_language_de=(
            "Der München-Pass ist eine Karte.\n"
            "Mit der Karte zahlen Sie weniger Geld.\n"
            "Zum Beispiel:\n"
            "- für Bus und Bahn.\n"
            "- im Schwimm-Bad.\n"
            "- im Museum.\n"
            "\n"
            "Sie bekommen den München-Pass, wenn Sie wenig Geld haben.\n"
            "Zum Beispiel, wenn Sie Bürger-Geld oder Wohn-Geld bekommen.\n"
            "\n"
            "Der München-Pass kostet nichts.\n"
            "Sie bekommen ihn im Sozial-Bürger-Haus.\n"
            "Bringen Sie Ihren Bescheid und ein Foto mit."
        ),
        ozg_maturity=1,
        life_situations=["soziales", "familie-und-kinder"],
        topics=["soziale-leistungen"],
        offices=SOZIALBUERGERHAEUSER,
        department_code="SOZ",
    ),
    service(
        slug="bildung-und-teilhabe",
        leika_key="99053001001000",
        name=(
            "Leistungen für Bildung und Teilhabe beantragen",
            "Apply for education and participation benefits",
        ),
        short_text=(
            "Kinder aus Familien mit wenig Geld erhalten Zuschüsse für Schulausflüge, "
            "Schulbedarf, Mittagessen, Nachhilfe und Freizeitaktivitäten.",
            "Children from families on a low income get help with school trips, school "
            "supplies, lunch, tutoring and leisure activities.",
        ),
        full_text=(
            "Leistungen für Bildung und Teilhabe erhalten Kinder, Jugendliche und junge "
            "Erwachsene, deren Familien Bürgergeld, Sozialhilfe, Wohngeld oder Kinderzuschlag "
            "bekommen. Dazu gehören Ausflüge und Klassenfahrten, ein Zuschuss für Schulbedarf, "
            "das gemeinsame Mittagessen, Lernförderung, Schülerbeförderung und 15 Euro im "
            "Monat für Sport, Musik oder Kultur.",
            "Education and participation benefits are for children, young people and young "
            "adults whose families receive citizen's income, social assistance, housing "
            "benefit or child supplement. They cover day trips and class trips, school "
            "supplies, shared lunches, tutoring, school transport and 15 euros a month for "
            "sport, music or culture.",
        ),
        prerequisites=(
            "Ihre Familie bekommt eine der genannten Leistungen.",
            "Your family receives one of these benefits.",
        ),
        required_documents=(
            [
                "Aktueller Leistungsbescheid",
                "Nachweise der Schule oder des Vereins, zum Beispiel Kosten einer Klassenfahrt",
            ],
            [
                "Current benefit notice",
                "Confirmation from the school or club, for example the cost of a class trip",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=("Einige Wochen.", "A few weeks."),
        procedure=(
            "Bürgergeld-Familien beantragen die Leistungen beim Jobcenter, alle anderen im "
            "Sozialbürgerhaus. Viele Leistungen werden direkt an Schule oder Verein gezahlt.",
            "Families receiving citizen's income apply at the Jobcenter, all others at the "
            "social services centre. Many payments go directly to the school or club.",
        ),
        legal_basis=(
            "§ 28 SGB II, § 34 SGB XII, § 6b Bundeskindergeldgesetz (BKGG)",
            "Section 28 SGB II, section 34 SGB XII, section 6b Federal Child Benefit Act (BKGG)",
        ),
        contact=CONTACT_SBH,
        keywords=(
            "Bildung und Teilhabe, BuT, Bildungspaket, Klassenfahrt Zuschuss, Schulbedarf, "
            "Mittagessen Schule, Nachhilfe bezahlt, Sportverein Zuschuss",
            "education package, school trip grant, school supplies, lunch subsidy",
        ),
        synonyms="BuT, Bildungspaket, Teilhabeleistungen",
        ozg_maturity=2,
        life_situations=["familie-und-kinder", "soziales"],
        topics=["soziale-leistungen", "familie"],
        offices=SOZIALBUERGERHAEUSER,
        department_code="SOZ",
    ),
    service(
        slug="unterhaltsvorschuss-beantragen",
        leika_key="99054001001000",
        name=("Unterhaltsvorschuss beantragen", "Apply for advance maintenance payments"),
        short_text=(
            "Wenn der andere Elternteil keinen oder zu wenig Unterhalt zahlt, erhalten "
            "Alleinerziehende für ihr Kind Unterhaltsvorschuss.",
            "If the other parent pays no or too little maintenance, single parents can get "
            "advance maintenance payments for their child.",
        ),
        full_text=(
            "Unterhaltsvorschuss gibt es für Kinder bis zum 18. Geburtstag. Die Höhe richtet "
            "sich nach dem Alter des Kindes. Das Kindergeld wird angerechnet. Die Stadt holt "
            "sich das Geld später vom unterhaltspflichtigen Elternteil zurück.",
            "Advance maintenance is paid for children up to their 18th birthday. The amount "
            "depends on the child's age. Child benefit is taken into account. The city later "
            "recovers the money from the parent who owes maintenance.",
        ),
        prerequisites=(
            [
                "Das Kind lebt bei Ihnen in München.",
                "Sie sind ledig, verwitwet, geschieden oder leben dauernd getrennt.",
                "Der andere Elternteil zahlt keinen oder zu wenig Unterhalt.",
                "Ab 12 Jahren: Das Kind bezieht kein Bürgergeld oder Sie verdienen mindestens "
                "600 Euro brutto im Monat.",
            ],
            [
                "The child lives with you in Munich.",
                "You are single, widowed, divorced or permanently separated.",
                "The other parent pays no or too little maintenance.",
                "From age 12: the child does not receive citizen's income, or you earn at "
                "least 600 euros gross a month.",
            ],
        ),
        required_documents=(
            [
                "Antrag auf Unterhaltsvorschuss",
                "Geburtsurkunde des Kindes",
                "Nachweise über Unterhaltszahlungen oder deren Ausbleiben",
                "Angaben zum anderen Elternteil",
            ],
            [
                "Application for advance maintenance",
                "Child's birth certificate",
                "Evidence of maintenance payments or that they are missing",
                "Details of the other parent",
            ],
        ),
        fees=("Kostenlos.", "Free of charge."),
        processing_time=("Einige Wochen.", "A few weeks."),
        procedure=(
            "Stellen Sie den Antrag online oder bei der Unterhaltsvorschussstelle Ihres "
            "Sozialbürgerhauses.",
            "Apply online or at the advance maintenance desk of your social services centre.",
        ),
        deadlines=(
            "Unterhaltsvorschuss wird höchstens für den Monat vor der Antragstellung "
            "rückwirkend gezahlt.",
            "Payments can be backdated by one month before the application at most.",
        ),
        legal_basis=("Unterhaltsvorschussgesetz (UVG)", "Advance Maintenance Act (UVG)"),
        contact=CONTACT_SBH,
        keywords=(
            "Unterhaltsvorschuss, UVG, Unterhalt, alleinerziehend, Vater zahlt nicht, "
            "Unterhaltsvorschusskasse, Unterhaltvorschuss",
            "advance maintenance, child maintenance, single parent, UVG",
        ),
        synonyms="UVG, Unterhaltsvorschusskasse",
        ozg_maturity=4,
        life_situations=["familie-und-kinder", "soziales"],
        topics=["familie", "soziale-leistungen"],
        offices=SOZIALBUERGERHAEUSER,
        department_code="SOZ",
    ),
    service(
        slug="belehrung-infektionsschutzgesetz",
        leika_key="99068001001000",
        name=(
            "Belehrung nach dem Infektionsschutzgesetz",
            "Food hygiene instruction under the Infection Protection Act",
        ),
        short_text=(
            "Wer gewerbsmäßig mit Lebensmitteln arbeitet, braucht vor dem ersten Arbeitstag "
            "eine Erstbelehrung durch das Gesundheitsamt.",
            "If you handle food at work, you need initial instruction from the health "
            "authority before your first working day.",
        ),
        full_text=(
            "Die Belehrung informiert über Krankheiten, die über Lebensmittel übertragen "
            "werden, und über Hygieneregeln. Sie ist früher als Gesundheitszeugnis bekannt "
            "gewesen. Das Gesundheitsreferat bietet die Belehrung online an. Sie erhalten "
            "danach eine Bescheinigung für Ihren Arbeitgeber.",
            "The instruction covers diseases spread through food and hygiene rules. It used to "
            "be known as a health certificate (Gesundheitszeugnis). The Department of Health "
            "offers the instruction online. Afterwards you receive a certificate for your "
            "employer.",
        ),
        prerequisites=(
            "Sie beginnen eine Tätigkeit mit Lebensmitteln, zum Beispiel in Gastronomie, "
            "Bäckerei, Kantine oder Kita-Küche.",
            "You are starting work with food, for example in catering, a bakery, a canteen or "
            "a nursery kitchen.",
        ),
        required_documents=(["Personalausweis oder Reisepass"], ["Identity card or passport"]),
        fees=(
            "Es fällt eine Gebühr an. Die aktuelle Höhe finden Sie bei der Online-Buchung.",
            "A fee is charged. The current amount is shown when you book online.",
        ),
        processing_time=(
            "Die Bescheinigung erhalten Sie direkt nach der Belehrung.",
            "You receive the certificate directly after the instruction.",
        ),
        procedure=(
            "Buchen Sie die Online-Belehrung, sehen Sie das Lernvideo an und bestätigen Sie die "
            "Belehrung. Für die Belehrung vor Ort buchen Sie einen Termin.",
            "Book the online instruction, watch the video and confirm it. For instruction in "
            "person, book an appointment.",
        ),
        deadlines=(
            "Die Bescheinigung darf bei Arbeitsbeginn nicht älter als drei Monate sein.",
            "The certificate must not be older than three months when you start work.",
        ),
        legal_basis=(
            "§ 43 Infektionsschutzgesetz (IfSG)",
            "Section 43 Infection Protection Act (IfSG)",
        ),
        contact=(
            "Gesundheitsreferat, Bayerstraße 28a.\n"
            "Telefon: +49 89 233-96070\n"
            "E-Mail: gesundheitsreferat@muenchen.de",
            "Department of Health, Bayerstraße 28a.\n"
            "Phone: +49 89 233-96070\n"
            "Email: gesundheitsreferat@muenchen.de",
        ),
        keywords=(
            "Gesundheitszeugnis, Belehrung, Infektionsschutz, Hygienebelehrung, "
            "Lebensmittel, Gastro, Rote Karte, Gesundheitspass, Gesundheitszeugniss",
            "health certificate, food hygiene, infection protection instruction, catering job",
        ),
        synonyms="Gesundheitszeugnis, Rote Karte, Hygienebelehrung",
        online_url="https://stadt.muenchen.de/buergerservice/ifsg-belehrung-online/",
        ozg_maturity=4,
        life_situations=["arbeit", "gesundheit", "gewerbe"],
        topics=["gesundheit"],
        offices=["gesundheitsreferat"],
        department_code="GSR",
    ),
]
