"""Form definitions as data: the snapshot a published version holds, the Django form of one page
built from it, the validation of every field type, and the answers as people read them.

A definition (``FormVersion.definition``)::

    {"intro": {"de": "...", "en": "..."},
     "pages": [{"title": {"de": "...", "en": "..."},
                "fields": [{"key": "dog_name", "kind": "text", "required": true,
                            "label": {"de": "...", "en": "..."}, "help": {...},
                            "choices": [{"value": "...", "de": "...", "en": "..."}],
                            "min": null, "max": null,
                            "file_types": ["pdf"], "max_size_mb": 5}]}]}

Answers (``OnlineRequest.answers``) are a flat dict of strings by form-field name: an address
field ``home`` is stored as ``home__street``, ``home__postal_code`` and ``home__city``; a file
field holds the id of its :class:`~services.models.RequestUpload`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from munich_portal.core.i18n import active_language
from online_requests.files import FILE_TYPES, FileRejected, check_upload
from online_requests.models import FieldKind

__all__ = [
    "ADDRESS_PARTS",
    "PageForm",
    "answer_display",
    "choices_of",
    "field_names",
    "first_invalid_page",
    "iban_is_valid",
    "normalise_iban",
    "page_form",
    "pages_with_answers",
    "snapshot",
    "text_in",
]

TEXT_MAX = 200
LONG_TEXT_MAX = 5000
ADDRESS_PARTS = ("street", "postal_code", "city")

# IBAN lengths of the SEPA countries residents are most likely to give (others: 15-34).
IBAN_LENGTHS = {
    "DE": 22, "AT": 20, "CH": 21, "LI": 21, "FR": 27, "IT": 27, "ES": 24, "NL": 18, "BE": 16,
    "LU": 20, "PL": 28, "CZ": 24, "DK": 18, "SE": 24, "FI": 18, "IE": 22, "PT": 25, "GR": 27,
    "HU": 28, "HR": 21, "SI": 19, "SK": 24, "RO": 24, "BG": 22, "EE": 20, "LV": 21, "LT": 20,
    "MT": 31, "CY": 28, "GB": 22, "NO": 15, "IS": 26,
}  # fmt: skip


# --- Snapshots -----------------------------------------------------------------------------------


def _choices(field) -> list[dict]:
    german = [line.strip() for line in field.choices_de.splitlines() if line.strip()]
    english = [line.strip() for line in field.choices_en.splitlines() if line.strip()]
    result, seen = [], set()
    for index, label in enumerate(german):
        value = slugify(label)[:50] or str(index + 1)
        while value in seen:
            value = f"{value}-{index + 1}"
        seen.add(value)
        result.append(
            {"value": value, "de": label, "en": english[index] if index < len(english) else ""}
        )
    return result


def snapshot(request_form) -> dict:
    """The definition of a request form's working copy, as a published version stores it."""
    pages = []
    for page in request_form.pages.order_by("position", "pk").prefetch_related("fields"):
        fields = []
        for field in sorted(page.fields.all(), key=lambda item: (item.position, item.pk)):
            fields.append(
                {
                    "key": field.key,
                    "kind": field.kind,
                    "required": field.required,
                    "label": {"de": field.label_de, "en": field.label_en},
                    "help": {"de": field.help_de, "en": field.help_en},
                    "choices": _choices(field) if field.kind == FieldKind.CHOICE else [],
                    "min": None if field.min_value is None else str(field.min_value),
                    "max": None if field.max_value is None else str(field.max_value),
                    "file_types": [
                        part.strip()
                        for part in field.allowed_file_types.split(",")
                        if part.strip() in FILE_TYPES
                    ]
                    if field.kind == FieldKind.FILE
                    else [],
                    "max_size_mb": field.max_file_size_mb if field.kind == FieldKind.FILE else 0,
                }
            )
        if fields:
            pages.append({"title": {"de": page.title_de, "en": page.title_en}, "fields": fields})
    return {"intro": {"de": request_form.intro_de, "en": request_form.intro_en}, "pages": pages}


def text_in(texts: dict | None) -> str:
    """The active language's text of a ``{"de": ..., "en": ...}`` pair (German as fallback)."""
    texts = texts or {}
    if active_language() == "en" and texts.get("en"):
        return texts["en"]
    return texts.get("de", "")


def choices_of(field: dict) -> list[tuple[str, str]]:
    if field["kind"] == FieldKind.YES_NO:
        return [("yes", _("Yes")), ("no", _("No"))]
    return [
        (
            choice["value"],
            choice["en"] if active_language() == "en" and choice["en"] else choice["de"],
        )
        for choice in field.get("choices", [])
    ]


def field_names(field: dict) -> list[str]:
    """The names the field's answer is stored under."""
    if field["kind"] == FieldKind.ADDRESS:
        return [f"{field['key']}__{part}" for part in ADDRESS_PARTS]
    return [field["key"]]


# --- Validation of the field types ---------------------------------------------------------------


def normalise_iban(value: str) -> str:
    return re.sub(r"[\s\-]+", "", value or "").upper()


def iban_is_valid(value: str) -> bool:
    """ISO 13616: country, two check digits, account; the number mod 97 must be 1."""
    iban = normalise_iban(value)
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", iban):
        return False
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    digits = "".join(str(int(character, 36)) for character in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


class IbanField(forms.CharField):
    def to_python(self, value):
        return normalise_iban(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value and not iban_is_valid(value):
            raise ValidationError(
                _("Enter a valid IBAN, for example DE89 3704 0044 0532 0130 00."), code="iban"
            )


class LocalDecimalField(forms.DecimalField):
    """Accepts the German decimal comma ("12,5") as well as a point."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)


class PortalDateField(forms.DateField):
    input_formats = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]

    def to_python(self, value):
        if isinstance(value, str) and len(value) > 20:
            raise ValidationError(_("Enter a valid date."), code="invalid")
        return super().to_python(value)


PHONE = RegexValidator(
    r"^\+?[0-9][0-9 ()/\-]{4,28}$",
    gettext_lazy("Enter a phone number with digits only, for example 089 233-96000."),
)
POSTAL_CODE = RegexValidator(
    r"^[0-9]{5}$", gettext_lazy("Enter a postal code of five digits, for example 80331.")
)


class PageForm(forms.Form):
    """One page of a request form, built from the definition (see :func:`page_form`)."""

    template_name_div = "forms/form.html"

    def __init__(self, *args, page: dict, uploads: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.uploads = uploads or {}  # field key -> RequestUpload already stored
        self.file_types: dict[str, tuple[list[str], int]] = {}
        self.initial = dict(self.initial or {})  # never change the caller's answers
        for field in page["fields"]:
            for name, form_field in _django_fields(field, has_upload=field["key"] in self.uploads):
                self.fields[name] = form_field
            if field["kind"] == FieldKind.DATE and not self.is_bound:
                # Stored as ISO dates; shown the way people write them.
                stored = (self.initial or {}).get(field["key"])
                with contextlib.suppress(TypeError, ValueError):
                    self.initial[field["key"]] = dt.date.fromisoformat(stored).strftime("%d.%m.%Y")
            if field["kind"] == FieldKind.FILE:
                self.file_types[field["key"]] = (
                    field.get("file_types") or ["pdf"],
                    int(field.get("max_size_mb") or 5) * 1024 * 1024,
                )

    def clean(self):
        cleaned = super().clean()
        for key, (allowed, max_bytes) in self.file_types.items():
            uploaded = cleaned.get(key)
            if uploaded:
                try:
                    check_upload(uploaded, allowed=allowed, max_bytes=max_bytes)
                except FileRejected as error:
                    self.add_error(key, str(error))
        return cleaned

    def answers(self) -> dict[str, str]:
        """The page's answers as strings for ``OnlineRequest.answers`` (files excluded)."""
        result = {}
        for field in self.page["fields"]:
            if field["kind"] == FieldKind.FILE:
                continue
            for name in field_names(field):
                value = self.cleaned_data.get(name)
                if value is None:
                    value = ""
                elif isinstance(value, dt.date):
                    value = value.isoformat()
                elif isinstance(value, Decimal):
                    value = format(value.normalize(), "f")
                result[name] = str(value)
        return result

    def uploaded_files(self) -> dict[str, object]:
        return {
            key: self.cleaned_data.get(key) for key in self.file_types if self.cleaned_data.get(key)
        }


def _help(field: dict) -> str:
    return text_in(field.get("help"))


def _django_fields(field: dict, *, has_upload: bool = False):
    kind = field["kind"]
    label = text_in(field.get("label")) or field["key"]
    required = bool(field.get("required"))
    common = {"label": label, "required": required, "help_text": _help(field)}
    if kind == FieldKind.TEXT:
        yield field["key"], forms.CharField(max_length=TEXT_MAX, **common)
    elif kind == FieldKind.LONG_TEXT:
        yield (
            field["key"],
            forms.CharField(
                max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}), **common
            ),
        )
    elif kind == FieldKind.NUMBER:
        minimum = Decimal(field["min"]) if field.get("min") is not None else None
        maximum = Decimal(field["max"]) if field.get("max") is not None else None
        yield (
            field["key"],
            LocalDecimalField(
                max_digits=14,
                decimal_places=2,
                min_value=minimum,
                max_value=maximum,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                **common,
            ),
        )
    elif kind == FieldKind.DATE:
        if not common["help_text"]:
            common["help_text"] = _("For example 17.05.2026")
        yield (
            field["key"],
            # A text field, not <input type="date">: the browsers' date widgets differ by locale,
            # split the focus into segments and read badly with screen readers.
            PortalDateField(
                widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
                **common,
            ),
        )
    elif kind in (FieldKind.CHOICE, FieldKind.YES_NO):
        yield (
            field["key"],
            forms.ChoiceField(choices=choices_of(field), widget=forms.RadioSelect, **common),
        )
    elif kind == FieldKind.EMAIL:
        yield (
            field["key"],
            forms.EmailField(
                max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}), **common
            ),
        )
    elif kind == FieldKind.PHONE:
        yield (
            field["key"],
            forms.CharField(
                max_length=30,
                validators=[PHONE],
                widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
                **common,
            ),
        )
    elif kind == FieldKind.ADDRESS:
        key = field["key"]
        parts = {
            "street": (_("street and number"), 200, [], "street-address"),
            "postal_code": (_("postal code"), 5, [POSTAL_CODE], "postal-code"),
            "city": (_("city"), 100, [], "address-level2"),
        }
        for part, (part_label, max_length, validators, autocomplete) in parts.items():
            yield (
                f"{key}__{part}",
                forms.CharField(
                    label=f"{label}: {part_label}",
                    required=required,
                    max_length=max_length,
                    validators=validators,
                    help_text=common["help_text"] if part == "street" else "",
                    widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
                ),
            )
    elif kind == FieldKind.IBAN:
        yield (
            field["key"],
            IbanField(
                max_length=42, widget=forms.TextInput(attrs={"autocomplete": "off"}), **common
            ),
        )
    elif kind == FieldKind.FILE:
        types = ", ".join(
            FILE_TYPES[key].label for key in field.get("file_types") or ["pdf"] if key in FILE_TYPES
        )
        hint = _("File types: %(types)s; at most %(size)s MB.") % {
            "types": types,
            "size": field.get("max_size_mb") or 5,
        }
        if has_upload:
            hint += " " + _("You have already uploaded a file; choose another only to replace it.")
        common["help_text"] = f"{common['help_text']} {hint}".strip()
        common["required"] = required and not has_upload
        yield field["key"], forms.FileField(max_length=200, **common)


def page_form(definition: dict, number: int, *, data=None, files=None, initial=None, uploads=None):
    """The form of page ``number`` (1-based) of ``definition``."""
    page = definition["pages"][number - 1]
    return PageForm(data, files, page=page, initial=initial, uploads=uploads)


def first_invalid_page(definition: dict, answers: dict, uploads: dict) -> int | None:
    """The first page whose saved answers do not pass validation (``None``: all fine)."""
    for number, page in enumerate(definition["pages"], start=1):
        page_uploads = {
            key: upload
            for key, upload in uploads.items()
            if any(f["key"] == key for f in page["fields"])
        }
        data = {
            name: answers.get(name, "") for field in page["fields"] for name in field_names(field)
        }
        form = PageForm(data, {}, page=page, uploads=page_uploads)
        if not form.is_valid():
            return number
    return None


# --- Answers as people read them -----------------------------------------------------------------


def answer_display(field: dict, answers: dict, uploads: dict) -> str:
    kind = field["kind"]
    key = field["key"]
    if kind == FieldKind.FILE:
        upload = uploads.get(key)
        return upload.original_name if upload else ""
    if kind == FieldKind.ADDRESS:
        street, postal_code, city = (answers.get(f"{key}__{part}", "") for part in ADDRESS_PARTS)
        return ", ".join(part for part in (street, f"{postal_code} {city}".strip()) if part)
    value = answers.get(key, "")
    if not value:
        return ""
    if kind in (FieldKind.CHOICE, FieldKind.YES_NO):
        return dict(choices_of(field)).get(value, value)
    if kind == FieldKind.DATE:
        try:
            return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
        except ValueError:
            return value
    if kind == FieldKind.NUMBER:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        text = format(number, "f")
        return text.replace(".", ",") if active_language() == "de" else text
    if kind == FieldKind.IBAN:
        return " ".join(value[index : index + 4] for index in range(0, len(value), 4))
    return value


def pages_with_answers(definition: dict, answers: dict, uploads: dict) -> list[dict]:
    """Every page with its questions and the answers as people read them (check page, detail)."""
    result = []
    for number, page in enumerate(definition["pages"], start=1):
        rows = [
            {
                "key": field["key"],
                "kind": field["kind"],
                "label": text_in(field.get("label")) or field["key"],
                "value": answer_display(field, answers, uploads),
                "upload": uploads.get(field["key"]) if field["kind"] == FieldKind.FILE else None,
                "anchor": field_names(field)[0],
            }
            for field in page["fields"]
        ]
        result.append({"number": number, "title": text_in(page.get("title")), "rows": rows})
    return result


# --- Prefill from BayernID / BundID (issue 16) ---------------------------------------------------

#: Text fields filled from the identity provider's confirmed name, by their key.
PREFILL_TEXT_KEYS = {
    "given_name": ("given_name",),
    "family_name": ("family_name",),
    "full_name": ("given_name", "family_name"),
}
#: Address fields filled from the confirmed address, by their key (the applicant's own address).
PREFILL_ADDRESS_KEYS = ("home", "address")


def prefilled_answers(definition: dict, person: dict[str, str]) -> dict[str, str]:
    """Answers for the fields of ``definition`` the identity provider's ``person`` (given_name,
    family_name, street, postal_code, city) can fill in, by the key convention above. They are
    only a page's initial values: the resident can still change them."""
    answers: dict[str, str] = {}
    if not person:
        return answers
    for page in definition.get("pages", []):
        for field in page["fields"]:
            key, kind = field["key"], field["kind"]
            if kind == FieldKind.TEXT and key in PREFILL_TEXT_KEYS:
                value = " ".join(
                    person[part] for part in PREFILL_TEXT_KEYS[key] if person.get(part)
                )
                if value:
                    answers[key] = value[:TEXT_MAX]
            elif kind == FieldKind.ADDRESS and key in PREFILL_ADDRESS_KEYS:
                for part in ADDRESS_PARTS:
                    if person.get(part):
                        answers[f"{key}__{part}"] = person[part][:TEXT_MAX]
    return answers
