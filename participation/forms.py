"""Forms of the participation pages: the process filter and the event registration."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.models import AccessNeed, Topic
from participation.selectors import ProcessFilters, ProcessState

STATE_LABELS = {
    ProcessState.UPCOMING: _("upcoming"),
    ProcessState.RUNNING: _("running"),
    ProcessState.FINISHED: _("finished"),
}


class ProcessFilterForm(forms.Form):
    """The filter of /beteiligung/, read from the address; odd values are dropped, never errors."""

    bezirk = forms.ChoiceField(label=_("City district"), required=False)
    thema = forms.ChoiceField(label=_("Topic"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data=None, *, districts=(), **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("All"))]
        self.fields["bezirk"].choices = everything + [
            (district.slug, str(district)) for district in districts
        ]
        self.fields["thema"].choices = everything + list(Topic.choices)
        self.fields["status"].choices = everything + [
            (state, STATE_LABELS[state]) for state in ProcessState.CHOICES
        ]

    def _value(self, name: str) -> str:
        if not self.is_bound:
            return ""
        value = self.data.get(name, "")
        if not isinstance(value, str):
            return ""
        return value if value in {str(key) for key, _label in self.fields[name].choices} else ""

    @property
    def filters(self) -> ProcessFilters:
        return ProcessFilters(
            district=self._value("bezirk"), topic=self._value("thema"), state=self._value("status")
        )

    def cleaned_params(self) -> dict[str, str]:
        filters = self.filters
        return {"bezirk": filters.district, "thema": filters.topic, "status": filters.state}


NOTE_MAX_LENGTH = 1000


class RegistrationForm(forms.Form):
    """Online registration for an event, by a logged-in resident or a guest.

    The same fields as the printed form (paper), so that both channels record the
    same things. E-mail is required online (guests confirm by e-mail; accounts have one).
    """

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send the confirmation, the calendar file and a cancellation link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        help_text=_("Only if we should call you about the event, for example if it is cancelled."),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    number_of_people = forms.TypedChoiceField(
        label=_("Number of people"),
        help_text=_("Including yourself; at most 10."),
        choices=[(n, str(n)) for n in range(1, 11)],
        coerce=int,
        initial=1,
    )
    access_needs = forms.MultipleChoiceField(
        label=_("Support you need (optional)"),
        help_text=_("We prepare it for you. This information is only used for this event."),
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_needs_note = forms.CharField(
        label=_("Anything else we should know (optional)"),
        help_text=_(
            "For example: the language you need an interpreter for. At most 1,000 characters."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(label=_("I agree to the processing of my data as described."))

    def __init__(self, *args, consent_text: str = "", email_fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if consent_text:
            self.fields["consent"].help_text = consent_text
        if email_fixed:
            # An account's address is verified: confirmations go there (change it in Mein Konto).
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "The address of your account. You can change it in Mein Konto."
            )

    def clean_access_needs_note(self):
        value = self.cleaned_data["access_needs_note"].strip()
        if len(value) > NOTE_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "Please shorten the text to at most %(limit)d characters (it has "
                    "%(length)d); the text is still here."
                ),
                code="max_length",
                params={"limit": NOTE_MAX_LENGTH, "length": len(value)},
            )
        return value

    def clean(self):
        cleaned_data = super().clean()
        needs = cleaned_data.get("access_needs") or []
        if "other" in needs and not cleaned_data.get("access_needs_note"):
            self.add_error(
                "access_needs_note",
                forms.ValidationError(
                    _("Tell us which other support you need."), code="other_needs_note"
                ),
            )
        return cleaned_data

    def person(self) -> dict:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "email": data["email"],
            "phone": data.get("phone", ""),
        }


class CheckInForm(forms.Form):
    """At the door: one field, for what a hand scanner types (it ends with Enter) or a person."""

    code = forms.CharField(
        label=_("Check-in code"),
        max_length=40,
        help_text=_(
            "Scan the QR code on the confirmation, or type the code printed next to it "
            "(for example B7K-4QX9), then press Enter."
        ),
        error_messages={
            "required": _("Enter the code from the confirmation, or scan its QR code."),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class WalkInForm(forms.Form):
    """At the door: someone without a registration, registered and let in at once.

    The fewest fields the door needs (name, people, support); an e-mail address only if the
    person wants the confirmation. ``prefix`` keeps its fields apart from the code form's.
    """

    prefix = "walkin"

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        error_messages={"required": _("Enter the first name.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        error_messages={"required": _("Enter the last name.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    number_of_people = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("1 to 10, including the person."),
        widget=forms.NumberInput(attrs={"autocomplete": "off"}),
    )
    access_needs = forms.MultipleChoiceField(
        label=_("Support needed"),
        choices=[choice for choice in AccessNeed.choices if choice[0] != AccessNeed.OTHER],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("Only if the person wants the confirmation with the check-in code."),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label=_("The person agrees to the privacy notice (read out or handed over)"),
        error_messages={"required": _("Ask for consent to the privacy notice first.")},
    )

    @property
    def person(self) -> dict:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "email": data["email"],
        }
