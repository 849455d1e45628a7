"""The words residents type for services whose official names differ (issue 4).

Editors maintain the list in the admin; these are the starting set.
"""

from django.db import migrations

SYNONYMS = [
    # (term, alternatives, language: "" = both)
    ("kfz", "Fahrzeug, Kraftfahrzeug, Auto", ""),
    ("auto", "Fahrzeug, Kraftfahrzeug", "de"),
    ("perso", "Personalausweis", "de"),
    ("ausweis", "Personalausweis, Reisepass", "de"),
    ("pass", "Reisepass", "de"),
    ("ummeldung", "Wohnsitz ummelden, Umzug", "de"),
    ("ummelden", "Wohnsitz ummelden, Umzug", "de"),
    ("abmeldung", "Wohnsitz abmelden", "de"),
    ("führerschein", "Fahrerlaubnis", "de"),
    ("fahrerlaubnis", "Führerschein", "de"),
    ("hochzeit", "Eheschließung, Heirat", "de"),
    ("heiraten", "Eheschließung", "de"),
    ("parkausweis", "Bewohnerparkausweis, Parklizenz", "de"),
    ("parkerlaubnis", "Bewohnerparkausweis, Parklizenz", "de"),
    ("kita", "Kindertagesstätte, Kinderbetreuung", "de"),
    ("meldebescheinigung", "Meldebestätigung", "de"),
    ("id", "identity card", "en"),
    ("car", "vehicle, motor vehicle", "en"),
    ("moving", "change of address, register address", "en"),
    ("wedding", "marriage", "en"),
    ("driving licence", "driving licence, driver's licence", "en"),
    ("driver's license", "driving licence", "en"),
]


def add_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("services", "SearchSynonym")
    for term, alternatives, language in SYNONYMS:
        SearchSynonym.objects.get_or_create(
            term=term, language=language, defaults={"alternatives": alternatives}
        )


def remove_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("services", "SearchSynonym")
    for term, _alternatives, language in SYNONYMS:
        SearchSynonym.objects.filter(term=term, language=language).delete()


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [migrations.RunPython(add_synonyms, remove_synonyms)]
