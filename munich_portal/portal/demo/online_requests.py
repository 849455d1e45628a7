"""Demo request forms for ``make run``: three services get realistic, published forms, and the demo
case worker works for their departments. Idempotent: a form is rebuilt from this definition and
published; publishing an unchanged definition keeps the existing version.
"""

from __future__ import annotations

from django.db import transaction

from munich_portal.core.models import StaffMembership
from online_requests import actions
from online_requests.models import FieldKind, FormField, FormPage, RequestForm
from services.models import Office, Service

__all__ = ["DEMO_FORMS", "build_form", "load_online_requests"]

DEMO_CASEWORKER = "sachbearbeitung@example.org"


def _field(key, kind, label, *, help=("", ""), required=True, choices=None, **extra):
    return {
        "key": key,
        "kind": kind,
        "label": label,
        "help": help,
        "required": required,
        "choices": choices or ([], []),
        **extra,
    }


APPLICANT_PAGE = {
    "title": ("Ihre Angaben", "Your details"),
    "fields": [
        _field("full_name", FieldKind.TEXT, ("Vor- und Nachname", "First and last name")),
        _field(
            "home",
            FieldKind.ADDRESS,
            ("Wohnanschrift", "Home address"),
            help=("Ihre Meldeadresse in München.", "Your registered address in Munich."),
        ),
        _field(
            "phone",
            FieldKind.PHONE,
            ("Telefon für Rückfragen", "Phone for questions"),
            required=False,
        ),
    ],
}

DEMO_FORMS: dict[str, dict] = {
    "hund-anmelden": {
        "intro": (
            "Melden Sie Ihren Hund innerhalb von zwei Wochen nach der Anschaffung oder dem Zuzug "
            "an. Sie erhalten danach den Steuerbescheid und die Hundesteuermarke per Post.",
            "Register your dog within two weeks of getting it or moving to Munich. You then "
            "receive the tax notice and the dog tax tag by post.",
        ),
        "pages": [
            APPLICANT_PAGE,
            {
                "title": ("Ihr Hund", "Your dog"),
                "fields": [
                    _field("dog_name", FieldKind.TEXT, ("Name des Hundes", "Dog's name")),
                    _field(
                        "breed",
                        FieldKind.TEXT,
                        ("Rasse oder Mischling", "Breed or mixed breed"),
                    ),
                    _field(
                        "kept_since",
                        FieldKind.DATE,
                        ("Gehalten seit", "Kept since"),
                        help=("Zum Beispiel 01.03.2026", "For example 01.03.2026"),
                    ),
                    _field(
                        "guide_dog",
                        FieldKind.YES_NO,
                        (
                            "Ist es ein Blindenführ- oder Assistenzhund?",
                            "Is it a guide or assistance dog?",
                        ),
                        help=(
                            "Dafür wird keine Hundesteuer erhoben.",
                            "No dog tax is charged for them.",
                        ),
                    ),
                    _field(
                        "chip",
                        FieldKind.TEXT,
                        ("Chipnummer", "Microchip number"),
                        required=False,
                        help=(
                            "15 Ziffern, steht im Heimtierausweis.",
                            "15 digits, in the pet passport.",
                        ),
                    ),
                ],
            },
            {
                "title": ("Zahlung", "Payment"),
                "fields": [
                    _field(
                        "iban",
                        FieldKind.IBAN,
                        ("IBAN für das SEPA-Lastschriftmandat", "IBAN for the SEPA direct debit"),
                        help=(
                            "Die Hundesteuer wird jährlich abgebucht.",
                            "The dog tax is collected once a year.",
                        ),
                    ),
                    _field(
                        "account_holder",
                        FieldKind.TEXT,
                        ("Kontoinhaberin oder Kontoinhaber", "Account holder"),
                    ),
                ],
            },
        ],
    },
    "bewohnerparkausweis-beantragen": {
        "intro": (
            "Den Bewohnerparkausweis erhalten Sie für ein Fahrzeug, das auf Sie zugelassen ist "
            "oder das Sie dauerhaft nutzen, wenn Sie im Parklizenzgebiet mit Hauptwohnsitz "
            "gemeldet sind.",
            "You get the residents' parking permit for a vehicle registered to you or that you use "
            "permanently, if your main residence is in the parking-permit area.",
        ),
        "pages": [
            APPLICANT_PAGE,
            {
                "title": ("Fahrzeug", "Vehicle"),
                "fields": [
                    _field(
                        "plate",
                        FieldKind.TEXT,
                        ("Amtliches Kennzeichen", "Licence plate"),
                        help=("Zum Beispiel M-AB 1234", "For example M-AB 1234"),
                    ),
                    _field(
                        "holder",
                        FieldKind.CHOICE,
                        ("Das Fahrzeug ist …", "The vehicle is …"),
                        choices=(
                            [
                                "auf mich zugelassen",
                                "ein Firmenwagen, den ich privat nutze",
                                "geleast oder gemietet",
                            ],
                            [
                                "registered to me",
                                "a company car I use privately",
                                "leased or rented",
                            ],
                        ),
                    ),
                    _field(
                        "registration_certificate",
                        FieldKind.FILE,
                        (
                            "Zulassungsbescheinigung Teil I",
                            "Vehicle registration certificate part I",
                        ),
                        help=(
                            "Ein Foto oder Scan der Vorderseite.",
                            "A photo or scan of the front page.",
                        ),
                        file_types="pdf,jpeg,png",
                        max_mb=5,
                    ),
                    _field(
                        "duration",
                        FieldKind.CHOICE,
                        ("Gültigkeit", "Validity"),
                        choices=(["1 Jahr", "2 Jahre"], ["1 year", "2 years"]),
                    ),
                ],
            },
        ],
    },
    "schanigarten-beantragen": {
        "intro": (
            "Beantragen Sie die Sondernutzung öffentlichen Grundes für Tische und Stühle vor Ihrem "
            "Betrieb. Legen Sie einen Lageplan bei.",
            "Apply for the special use of public ground for tables and chairs in front of your "
            "business. Attach a site plan.",
        ),
        "pages": [
            {
                "title": ("Betrieb", "Business"),
                "fields": [
                    _field(
                        "business_name",
                        FieldKind.TEXT,
                        ("Name des Betriebs", "Name of the business"),
                    ),
                    _field(
                        "business",
                        FieldKind.ADDRESS,
                        ("Anschrift des Betriebs", "Address of the business"),
                    ),
                    _field(
                        "contact_email",
                        FieldKind.EMAIL,
                        ("E-Mail für Rückfragen", "E-mail for questions"),
                    ),
                ],
            },
            {
                "title": ("Fläche und Zeitraum", "Area and period"),
                "fields": [
                    _field(
                        "area",
                        FieldKind.NUMBER,
                        ("Fläche in Quadratmetern", "Area in square metres"),
                        min_value="1",
                        max_value="500",
                    ),
                    _field("starts_on", FieldKind.DATE, ("Beginn", "Start")),
                    _field("ends_on", FieldKind.DATE, ("Ende", "End")),
                    _field(
                        "description",
                        FieldKind.LONG_TEXT,
                        (
                            "Beschreibung (Tische, Stühle, Schirme)",
                            "Description (tables, chairs, umbrellas)",
                        ),
                        required=False,
                    ),
                    _field(
                        "site_plan",
                        FieldKind.FILE,
                        ("Lageplan", "Site plan"),
                        file_types="pdf",
                        max_mb=10,
                    ),
                ],
            },
        ],
    },
}


@transaction.atomic
def build_form(service: Service, spec: dict, *, office: Office | None = None) -> RequestForm:
    """(Re)build ``service``'s working copy from ``spec`` (the shape of :data:`DEMO_FORMS`)."""
    request_form, _created = RequestForm.objects.get_or_create(service=service)
    request_form.intro_de, request_form.intro_en = spec.get("intro", ("", ""))
    request_form.office = office
    request_form.save()
    request_form.fields.all().delete()
    request_form.pages.all().delete()
    for page_position, page_spec in enumerate(spec["pages"], start=1):
        page = FormPage.objects.create(
            form=request_form,
            position=page_position,
            title_de=page_spec["title"][0],
            title_en=page_spec["title"][1],
        )
        for position, field in enumerate(page_spec["fields"], start=1):
            choices_de, choices_en = field.get("choices") or ([], [])
            FormField.objects.create(
                form=request_form,
                page=page,
                position=position,
                key=field["key"],
                kind=field["kind"],
                label_de=field["label"][0],
                label_en=field["label"][1],
                help_de=field.get("help", ("", ""))[0],
                help_en=field.get("help", ("", ""))[1],
                required=field.get("required", True),
                choices_de="\n".join(choices_de),
                choices_en="\n".join(choices_en),
                min_value=field.get("min_value"),
                max_value=field.get("max_value"),
                allowed_file_types=field.get("file_types", "pdf,jpeg,png"),
                max_file_size_mb=field.get("max_mb", 5),
            )
    return request_form


def load_online_requests() -> str:
    from django.contrib.auth import get_user_model

    published = []
    for slug, spec in DEMO_FORMS.items():
        service = Service.objects.filter(slug=slug).first()
        if service is None:
            continue
        office = service.offices.order_by("name_de").first()
        request_form = build_form(service, spec, office=office)
        actions.publish_form(request_form=request_form)
        own_url = f"/dienstleistungen/{slug}/antrag/"
        if (
            service.online_url != own_url
            or service.ozg_maturity < Service.OzgMaturity.ONLINE_REQUEST
        ):
            service.online_url = own_url
            service.ozg_maturity = max(service.ozg_maturity, Service.OzgMaturity.ONLINE_REQUEST)
            service.save(update_fields=["online_url", "ozg_maturity"])
        published.append(service)
    caseworker = get_user_model().objects.filter(email__iexact=DEMO_CASEWORKER).first()
    if caseworker is not None:
        for service in published:
            if service.department_id:
                StaffMembership.objects.get_or_create(
                    user=caseworker, department_id=service.department_id
                )
    return f"{len(published)} online request forms"
