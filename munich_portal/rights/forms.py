"""The public rights request form and the officer's step forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from munich_portal.rights.models import IdentityMethod, Kind, ReplyBy


class RightsRequestForm(forms.Form):
    """Access or erasure, by name plus e-mail, phone or postal address."""

    kind = forms.ChoiceField(
        label=_("What do you want?"), choices=Kind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(
        label=_("Your full name"),
        help_text=_("As you gave it when you registered, booked or wrote to us."),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The address you used with us, if any."),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    street = forms.CharField(
        label=_("Street and number"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    city = forms.CharField(
        label=_("City"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    reply_by = forms.ChoiceField(
        label=_("How should we answer?"),
        choices=ReplyBy.choices,
        initial=ReplyBy.EMAIL,
        widget=forms.RadioSelect,
    )

    def clean(self):
        cleaned = super().clean() or {}
        email = cleaned.get("email", "")
        phone = (cleaned.get("phone") or "").strip()
        address = [(cleaned.get(name) or "").strip() for name in ("street", "postal_code", "city")]
        if any(address) and not all(address):
            for name, value in zip(("street", "postal_code", "city"), address, strict=True):
                if not value and name not in self.errors:
                    self.add_error(name, _("Give the full postal address, or none of it."))
        if not (email or phone or all(address)) and not self.errors:
            self.add_error(
                "email",
                _(
                    "Give at least one of e-mail address, phone number or postal address: "
                    "with your name, it is how we find your records."
                ),
            )
        reply_by = cleaned.get("reply_by")
        if reply_by == ReplyBy.EMAIL and not email and "email" not in self.errors:
            self.add_error("email", _("Give the e-mail address we should answer to."))
        if reply_by == ReplyBy.LETTER and not all(address) and "street" not in self.errors:
            self.add_error("street", _("Give the postal address we should write to."))
        return cleaned


class IdentityForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How was the identity confirmed?"), choices=IdentityMethod.choices
    )
    note = forms.CharField(label=_("Note (no document numbers)"), required=False, max_length=300)
