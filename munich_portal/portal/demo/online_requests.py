"""Demo request forms for ``make run``: three services get realistic, published forms
(``demo/online_requests/forms.yaml``), and the demo case worker works for their departments.
Idempotent: a form is rebuilt from its definition and published; publishing an unchanged
definition keeps the existing version.
"""

from __future__ import annotations

from django.db import transaction

from munich_portal.core.models import StaffMembership
from munich_portal.portal.demo.data import load_yaml
from online_requests import actions
from online_requests.models import FormField, FormPage, RequestForm
from services.models import Office, Service

__all__ = ["build_form", "demo_forms", "load_online_requests"]

DEMO_CASEWORKER = "sachbearbeitung@example.org"


def demo_forms() -> dict[str, dict]:
    """The demo forms by service slug (``demo/online_requests/forms.yaml``), in the shape
    :func:`build_form` takes."""
    return load_yaml("online_requests/forms.yaml")


def _pair(value) -> tuple:
    """A ``{de: ..., en: ...}`` mapping or a ``(de, en)`` pair as ``(de, en)``."""
    if not value:
        return ("", "")
    if isinstance(value, dict):
        return (value.get("de") or "", value.get("en") or "")
    return tuple(value)


def _choices(value) -> tuple[list, list]:
    if not value:
        return ([], [])
    if isinstance(value, dict):
        return (value.get("de") or [], value.get("en") or [])
    return value


@transaction.atomic
def build_form(service: Service, spec: dict, *, office: Office | None = None) -> RequestForm:
    """(Re)build ``service``'s working copy from ``spec`` (the shape of :func:`demo_forms`; texts
    as ``{de, en}`` mappings or ``(de, en)`` pairs)."""
    request_form, _created = RequestForm.objects.get_or_create(service=service)
    request_form.intro_de, request_form.intro_en = _pair(spec.get("intro"))
    request_form.office = office
    request_form.save()
    request_form.fields.all().delete()
    request_form.pages.all().delete()
    for page_position, page_spec in enumerate(spec["pages"], start=1):
        page = FormPage.objects.create(
            form=request_form,
            position=page_position,
            title_de=_pair(page_spec["title"])[0],
            title_en=_pair(page_spec["title"])[1],
        )
        for position, field in enumerate(page_spec["fields"], start=1):
            choices_de, choices_en = _choices(field.get("choices"))
            label_de, label_en = _pair(field["label"])
            help_de, help_en = _pair(field.get("help"))
            FormField.objects.create(
                form=request_form,
                page=page,
                position=position,
                key=field["key"],
                kind=field["kind"],
                label_de=label_de,
                label_en=label_en,
                help_de=help_de,
                help_en=help_en,
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
    for slug, spec in demo_forms().items():
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
