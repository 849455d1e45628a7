"""Building blocks for the demo catalogue content in :mod:`services.demo_content`.

The service modules write each FIM/LeiKa text module as a ``(german, english)`` pair so the two
languages stay side by side while editing; :func:`service` flattens the pairs into the
``<module>_de`` / ``<module>_en`` keys the loader expects. Lists become line-separated text.
"""

# The FIM text modules every service carries in German and English, in the order of the
# FIM "Stammtext" (Leistungsbeschreibung).
TEXT_MODULES = (
    "name",
    "short_text",
    "full_text",
    "prerequisites",
    "required_documents",
    "fees",
    "processing_time",
    "procedure",
    "deadlines",
    "legal_basis",
    "forms",
    "notes",
    "further_information",
    "contact",
)

BUERGERBUEROS = [
    "buergerbuero-ruppertstrasse",
    "buergerbuero-pasing",
    "buergerbuero-orleansplatz",
    "buergerbuero-scheidplatz",
    "buergerbuero-forstenrieder-allee",
    "buergerbuero-leonrodstrasse",
]

SOZIALBUERGERHAEUSER = [
    "sbh-laim-schwanthalerhoehe",
    "sbh-pasing",
    "sbh-milbertshofen-am-hart",
    "sbh-neuhausen-moosach",
    "sbh-ramersdorf-perlach",
]

CONTACT_BUERGERBUERO = (
    "Servicetelefon der Bürgerbüros: +49 89 233-96000 (Montag bis Freitag, 8 bis 17 Uhr).\n"
    "E-Mail: buergerbuero.kvr@muenchen.de\n"
    "Termine buchen Sie online oder über das Servicetelefon.",
    "Citizens' offices service line: +49 89 233-96000 (Monday to Friday, 8 am to 5 pm).\n"
    "Email: buergerbuero.kvr@muenchen.de\n"
    "Book an appointment online or through the service line.",
)

CONTACT_KFZ = (
    "Servicetelefon Kfz-Zulassung und Führerschein: +49 89 233-96010.\n"
    "E-Mail: kfz-zulassung.kvr@muenchen.de",
    "Vehicle registration and driving licence service line: +49 89 233-96010.\n"
    "Email: kfz-zulassung.kvr@muenchen.de",
)

CONTACT_STANDESAMT = (
    "Standesamt München, Ruppertstraße 11.\n"
    "Telefon: +49 89 233-96020\n"
    "E-Mail: standesamt.kvr@muenchen.de",
    "Munich Register Office, Ruppertstraße 11.\n"
    "Phone: +49 89 233-96020\n"
    "Email: standesamt.kvr@muenchen.de",
)

CONTACT_AUSLAENDERBEHOERDE = (
    "Ausländerbehörde München (Kreisverwaltungsreferat), Ruppertstraße 19.\n"
    "Telefon: +49 89 233-96030\n"
    "Bitte nehmen Sie zuerst über das Kontaktformular der Ausländerbehörde Kontakt auf.",
    "Munich Immigration Office (Kreisverwaltungsreferat), Ruppertstraße 19.\n"
    "Phone: +49 89 233-96030\n"
    "Please contact the office through its contact form first.",
)

CONTACT_SBH = (
    "Das Sozialbürgerhaus für Ihre Adresse. Welches das ist, sagt Ihnen das "
    "Servicetelefon des Sozialreferats: +49 89 233-96833.\n"
    "E-Mail: sozialbuergerhaus.soz@muenchen.de",
    "The social services centre (Sozialbürgerhaus) for your address. The Department of "
    "Social Services' service line tells you which one: +49 89 233-96833.\n"
    "Email: sozialbuergerhaus.soz@muenchen.de",
)


def _text(value):
    if isinstance(value, list | tuple):
        return "\n".join(value)
    return value


def service(
    *,
    slug,
    leika_key,
    department_code,
    life_situations,
    topics,
    offices,
    keywords=("", ""),
    synonyms="",
    easy_language_de="",
    online_url="",
    ozg_maturity=0,
    **modules,
):
    """Return one service as a flat dict; text modules are ``(de, en)`` pairs, lists allowed."""
    data = {"slug": slug, "leika_key": leika_key}
    for module in TEXT_MODULES:
        german, english = modules.pop(module, ("", ""))
        data[f"{module}_de"] = _text(german)
        data[f"{module}_en"] = _text(english)
    if modules:
        raise TypeError(f"Unknown text modules for {slug}: {sorted(modules)}")
    data.update(
        keywords_de=keywords[0],
        keywords_en=keywords[1],
        synonyms=synonyms,
        easy_language_de=easy_language_de,
        online_url=online_url,
        ozg_maturity=ozg_maturity,
        life_situations=list(life_situations),
        topics=list(topics),
        offices=list(offices),
        department_code=department_code,
    )
    return data
