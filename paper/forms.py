"""Forms of the clerks' entry screens: the form number, the sheet's fields, the duplicate choice.

The entry form lists its fields in the order of the printed sheet, so a clerk's eyes go down the
paper while the Tab key goes down the screen. ``autocomplete="off"`` everywhere: the clerk types
other people's data, and the browser must not offer the clerk's own name and address.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from munich_portal.core.numbers import InvalidFormNumber, parse
from participation.models import AccessNeed, Channel

# The support a sheet offers to tick, in the sheet's order ("other" is the free-text line).
SHEET_ACCESS_NEEDS = [
    (AccessNeed.WHEELCHAIR.value, _("Step-free access (wheelchair)")),
    (AccessNeed.SIGN_LANGUAGE.value, _("Sign language interpreter")),
    (AccessNeed.INDUCTION_LOOP.value, _("Induction loop")),
    (AccessNeed.EASY_LANGUAGE.value, "Leichte Sprache"),
    (AccessNeed.CHILDCARE.value, _("Childcare")),
]

NUMBER_ERRORS = {
    "empty": _("Enter the form number, or scan the QR code on the sheet."),
    "format": _(
        "A form number has eleven digits, for example 2026-004711-1. Check the number on the "
        "sheet and enter it again."
    ),
    "check_digit": _(
        "The check digit does not match: there is a typo in this number. Check the number on "
        "the sheet and enter it again."
    ),
}


def _text(label, *, max_length, required=True, autocomplete="off", **attrs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.TextInput(
            attrs={"autocomplete": autocomplete, "spellcheck": "false", **attrs}
        ),
    )


class NumberForm(forms.Form):
    """One field: what the scanner types (digits) or a person copies (with hyphens)."""

    number = forms.CharField(
        label=_("Form number"),
        max_length=40,
        help_text=_("Scan the QR code or type the number printed on the sheet, then press Enter."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "inputmode": "numeric",
                "class": "input--number",
                "data-form-number": "",
            }
        ),
    )

    def clean_number(self):
        try:
            return parse(self.cleaned_data["number"])
        except InvalidFormNumber as error:
            raise forms.ValidationError(NUMBER_ERRORS[error.reason], code=error.reason) from error


class SheetForm(forms.Form):
    """The printed sheet's fields, in its order."""

    event = forms.TypedChoiceField(
        label=_("Event ticked on the sheet"),
        coerce=int,
        widget=forms.RadioSelect,
    )
    first_name = _text(_("First name"), max_length=100)
    last_name = _text(_("Last name"), max_length=100)
    street = _text(_("Street and number"), max_length=200, required=False)
    postal_code = _text(
        _("Postal code"), max_length=10, required=False, inputmode="numeric", size="6"
    )
    city = _text(_("City"), max_length=100, required=False)
    phone = _text(_("Phone"), max_length=50, required=False, inputmode="tel")
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    number_of_people = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("1 to 10, including the person registering."),
        widget=forms.NumberInput(attrs={"autocomplete": "off", "class": "input--short"}),
    )
    access_needs = forms.MultipleChoiceField(
        label=_("Support ticked on the sheet"),
        choices=SHEET_ACCESS_NEEDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_needs_note = forms.CharField(
        label=_("Other support, or details"),
        max_length=1000,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    signed = forms.BooleanField(
        label=_("The sheet is signed (consent given)"),
        help_text=_("Without a signature the sheet cannot be entered: put it aside."),
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.events = {event.pk: event for event in events}
        if len(events) == 1:
            # A sheet for one event: nothing to choose.
            del self.fields["event"]
        else:
            self.fields["event"].choices = [
                (event.pk, f"{event.title}, {timezone.localtime(event.starts_at):%d.%m.%Y %H:%M}")
                for event in events
            ]

    #: Next to each missing address field when there is no e-mail.
    address_message = _("Needed for the confirmation letter (the sheet has no e-mail).")

    def clean(self):
        cleaned = super().clean()
        has_address = all(cleaned.get(name) for name in ("street", "postal_code", "city"))
        if not cleaned.get("email") and not has_address:
            # Without e-mail the confirmation is a letter: it needs the whole postal address.
            for name in ("street", "postal_code", "city"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(
                        name,
                        forms.ValidationError(self.address_message, code="address_required"),
                    )
        return cleaned

    @property
    def chosen_event(self):
        if "event" not in self.fields:
            return next(iter(self.events.values()))
        return self.events.get(self.cleaned_data.get("event"))

    @property
    def person(self) -> dict:
        return {
            name: self.cleaned_data.get(name, "")
            for name in (
                "first_name",
                "last_name",
                "email",
                "phone",
                "street",
                "postal_code",
                "city",
            )
        }


# How a person reaches the clerk without a sheet (the values of ``core.channels.Channel``).
CALL_CHANNELS = [
    (Channel.PHONE.value, _("By phone")),
    (Channel.ON_SITE.value, _("In person (on site)")),
]


class CallForm(SheetForm):
    """A registration by phone or in person: the sheet's fields, the event and the channel chosen
    on screen, and the consent given by word instead of a signature."""

    event = forms.TypedChoiceField(
        label=_("Event"),
        coerce=int,
        error_messages={"required": _("Choose the event the person registers for.")},
        widget=forms.Select(attrs={"autocomplete": "off"}),
    )
    channel = forms.ChoiceField(
        label=_("How the person registers"),
        choices=CALL_CHANNELS,
        error_messages={"required": _("Choose phone or in person.")},
        widget=forms.RadioSelect,
    )
    access_needs = forms.MultipleChoiceField(
        label=_("Support the person needs"),
        choices=SHEET_ACCESS_NEEDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    signed = None  # no sheet to sign: the consent below
    consent = forms.BooleanField(
        label=_("The person agrees to the privacy notice (read out or handed over)"),
        help_text=_("Without consent the registration cannot be taken."),
        error_messages={
            "required": _("Read out the privacy notice and ask for consent, or end the call.")
        },
    )

    address_message = _("Needed for the confirmation letter (no e-mail given).")

    field_order = ["event", "channel"]

    def __init__(self, *args, events, **kwargs):
        forms.Form.__init__(self, *args, **kwargs)
        self.events = {event.pk: event for event in events}
        self.fields["event"].choices = [
            ("", _("Choose an event")),
            *(
                (
                    event.pk,
                    _("%(title)s, %(start)s (%(left)s of %(capacity)s places left)")
                    % {
                        "title": event.title,
                        "start": f"{timezone.localtime(event.starts_at):%d.%m.%Y %H:%M}",
                        "left": event.places_left,
                        "capacity": event.capacity,
                    },
                )
                for event in events
            ),
        ]

    @property
    def chosen_event(self):
        return self.events.get(self.cleaned_data.get("event"))


class DuplicateForm(forms.Form):
    """The clerk's decision: the same person as one of the candidates, or someone else."""

    NEW = "new"

    decision = forms.ChoiceField(label=_("Is this the same person?"), widget=forms.RadioSelect)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(candidate.registration.pk): candidate for candidate in candidates}
        self.fields["decision"].choices = [
            *((pk, pk) for pk in self.candidates),
            (self.NEW, _("A different person: save as a new registration")),
        ]

    @property
    def same_person_as(self):
        choice = self.cleaned_data.get("decision")
        if choice and choice != self.NEW:
            return self.candidates[choice].registration
        return None
