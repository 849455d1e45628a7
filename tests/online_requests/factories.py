"""Test data of online requests: a service with a published form that uses every field type."""

from django.core.files.uploadedfile import SimpleUploadedFile

from munich_portal.core.models import Department
from munich_portal.portal.demo.online_requests import build_form
from online_requests import actions
from online_requests.models import FieldKind
from tests.factories import UserFactory
from tests.services.factories import OfficeFactory, ServiceFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
VALID_IBAN = "DE89 3704 0044 0532 0130 00"


def field(key, kind, de, en="", *, required=True, **extra):
    return {"key": key, "kind": kind, "label": (de, en), "required": required, **extra}


#: Every field type once: page 1 the person, page 2 the matter, page 3 payment and a document.
SPEC = {
    "intro": ("Einleitung", "Introduction"),
    "pages": [
        {
            "title": ("Ihre Angaben", "Your details"),
            "fields": [
                field("full_name", FieldKind.TEXT, "Name", "Name"),
                field("home", FieldKind.ADDRESS, "Anschrift", "Address"),
                field("email", FieldKind.EMAIL, "E-Mail", "E-mail"),
                field("phone", FieldKind.PHONE, "Telefon", "Phone", required=False),
            ],
        },
        {
            "title": ("Ihr Anliegen", "Your matter"),
            "fields": [
                field("count", FieldKind.NUMBER, "Anzahl", "Number", min_value="1", max_value="10"),
                field("day", FieldKind.DATE, "Datum", "Date"),
                field(
                    "colour",
                    FieldKind.CHOICE,
                    "Farbe",
                    "Colour",
                    choices=(["Rot", "Grün"], ["Red", "Green"]),
                ),
                field("agree", FieldKind.YES_NO, "Einverstanden?", "Agreed?"),
                field("details", FieldKind.LONG_TEXT, "Details", "Details", required=False),
            ],
        },
        {
            "title": ("Zahlung und Nachweis", "Payment and proof"),
            "fields": [
                field("iban", FieldKind.IBAN, "IBAN", "IBAN"),
                field("proof", FieldKind.FILE, "Nachweis", "Proof", file_types="pdf,png", max_mb=1),
            ],
        },
    ],
}

PAGE_DATA = {
    1: {
        "full_name": "Anna Bürger",
        "home__street": "Marienplatz 8",
        "home__postal_code": "80331",
        "home__city": "München",
        "email": "anna@example.org",
        "phone": "089 233-96000",
    },
    2: {"count": "3", "day": "2026-12-01", "colour": "grun", "agree": "yes", "details": "Bitte."},
    3: {"iban": VALID_IBAN},
}


def department(code="KVR"):
    return Department.objects.get_or_create(code=code, defaults={"name": f"Referat {code}"})[0]


def published_service(*, slug=None, department_code="KVR", spec=SPEC):
    kwargs = {"slug": slug} if slug else {}
    service = ServiceFactory(**kwargs)
    service.department = department(department_code)
    service.save()
    office = OfficeFactory()
    service.offices.add(office)
    request_form = build_form(service, spec, office=office)
    actions.publish_form(request_form=request_form)
    return service


def pdf_file(name="nachweis.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def resident(**kwargs):
    return UserFactory(**kwargs)


def caseworker(department_code="KVR", **kwargs):
    from munich_portal.core.models import StaffMembership

    user = UserFactory(staff=True, roles=["Sachbearbeitung"], mfa=True, **kwargs)
    StaffMembership.objects.create(user=user, department=department(department_code))
    return user


def submitted_request(service, user=None):
    """A request filled in and submitted through the actions."""
    from online_requests import selectors

    user = user or resident()
    version = selectors.current_version(service)
    draft = actions.start_request(user=user, service=service, version=version)
    answers = {**PAGE_DATA[1], **PAGE_DATA[2], **PAGE_DATA[3]}
    answers["iban"] = "DE89370400440532013000"
    draft = actions.save_answers(
        online_request=draft, page=3, answers=answers, uploads={"proof": pdf_file()}
    )
    return actions.submit_request(online_request=draft)
