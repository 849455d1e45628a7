"""Forms of the audit trail's pages: the purpose of work, Meine Daten's filter, unusual access."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from munich_portal.audit import purposes as purpose_register
from munich_portal.audit.models import DataUseEvent

# A file reference such as "KVR-I/23-2026/4711": letters, digits and separators, at least one
# digit. The case number is stored in the append-only log, which can never be erased, so a name
# must not get in: without a digit, or with letters outside ASCII, it is refused.
CASE_NUMBER = re.compile(r"^(?=.*\d)[A-Za-z0-9 ./_:-]{1,64}$")


class PurposeOfWorkForm(forms.Form):
    """The purpose a staff member works under, and the case (Aktenzeichen) if there is one.

    A staff member of several departments also says which one they act for (``departments``:
    ``(code, name)`` of their own departments); the field is required then. With one department
    there is nothing to choose: it is recorded with every use anyway.
    """

    purpose = forms.ChoiceField(
        label=_("Purpose of your work"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the purpose of your work.")},
    )
    case_number = forms.CharField(
        label=_("Case number (Aktenzeichen)"),
        required=False,
        max_length=64,
        help_text=_(
            "Optional. Only the file reference, for example KVR-I/23-2026/4711 — never a name: "
            "it is kept in the data-use log for good."
        ),
    )

    def __init__(
        self,
        *args,
        purposes: list[purpose_register.Purpose],
        departments: list[tuple[str, str]] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["purpose"]).choices = [
            (purpose.code, purpose.title) for purpose in purposes
        ]
        if departments and len(departments) > 1:
            self.fields["department"] = forms.ChoiceField(
                label=_("Department you act for"),
                choices=list(departments),
                widget=forms.RadioSelect,
                help_text=_(
                    "You work for several departments. The department is recorded with every use "
                    "of personal data, and residents see it in “Meine Daten”."
                ),
                error_messages={
                    "required": _("Choose the department you act for."),
                    "invalid_choice": _("Choose one of your own departments."),
                },
            )

    def clean_case_number(self) -> str:
        value = " ".join(self.cleaned_data["case_number"].split())
        if value and not CASE_NUMBER.match(value):
            raise ValidationError(
                _(
                    "Enter a file reference of letters (A to Z without umlauts), digits and the "
                    "characters . / _ : - with at least one digit."
                ),
                code="invalid_case_number",
            )
        return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class UsesFilterForm(forms.Form):
    """Meine Daten: filter the uses of one's data by period, action and purpose (a GET form)."""

    von = forms.DateField(label=_("From"), required=False, widget=DateInput)
    bis = forms.DateField(label=_("Until"), required=False, widget=DateInput)
    aktion = forms.ChoiceField(label=_("What was done"), required=False)
    zweck = forms.ChoiceField(label=_("Purpose"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["aktion"]).choices = [("", _("all"))] + [
            (value, label) for value, label in DataUseEvent.Action.choices
        ]
        cast(forms.ChoiceField, self.fields["zweck"]).choices = [("", _("all"))] + [
            (purpose.code, purpose.title) for purpose in purpose_register.all_purposes()
        ]
        self.fields["von"].help_text = _("A date, for example 2026-03-31.")

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("von"), cleaned.get("bis")
        if start and end and start > end:
            self.add_error("bis", _("The end of the period is before its start."))
        if start and start > timezone.localdate():
            self.add_error("von", _("The start of the period is in the future."))
        return cleaned

    def selector_filters(self) -> dict:
        """The filters for ``selectors.events_for_subject`` (only call when valid)."""
        data = self.cleaned_data
        return {
            "date_from": data.get("von"),
            "date_to": data.get("bis"),
            "action": data.get("aktion") or None,
            "purpose": data.get("zweck") or None,
        }

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.selector_filters().values())


class UnusualAccessForm(forms.Form):
    """The data-protection officer's period and thresholds for the unusual-access flags."""

    since = forms.DateField(label=_("From"), required=False, widget=DateInput)
    until = forms.DateField(label=_("Until (inclusive)"), required=False, widget=DateInput)
    max_subjects = forms.IntegerField(
        label=_("Flag more residents than"),
        min_value=1,
        max_value=10_000,
        required=False,
        help_text=_("Distinct residents one staff member used within the window (default 20)."),
    )
    window = forms.IntegerField(
        label=_("Window in minutes"), min_value=1, max_value=24 * 60, required=False
    )

    DEFAULT_DAYS = 7

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period is before its start."))
        return cleaned

    def selector_arguments(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "since": data.get("since") or timezone.localdate() - timedelta(days=self.DEFAULT_DAYS),
            "until": data.get("until"),
            "max_subjects": data.get("max_subjects") or 20,
            "window": timedelta(minutes=data.get("window") or 10),
        }
