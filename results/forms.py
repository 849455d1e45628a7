"""The organisers' export form: what, which format, and personal data only with a purpose."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from munich_portal.audit import purposes
from results import exports

#: Purposes an organiser may name for an export with personal data (codes of the register).
EXPORT_PURPOSES = ("participation_ideas", purposes.DATA_SUBJECT_RIGHTS.code)


def _purpose_choices():
    choices = [("", _("Choose the purpose"))]
    for code in EXPORT_PURPOSES:
        try:
            choices.append((code, purposes.get(code).title))
        except purposes.UnknownPurpose:
            continue
    return choices


class ExportForm(forms.Form):
    content = forms.ChoiceField(
        label=_("Content"),
        choices=[(exports.IDEAS, _("Ideas")), (exports.COMMENTS, _("Comments"))],
        widget=forms.RadioSelect,
        initial=exports.IDEAS,
    )
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            (exports.XLSX, _("Excel workbook (XLSX)")),
            (exports.CSV, _("CSV (semicolon-separated, UTF-8)")),
        ],
        widget=forms.RadioSelect,
        initial=exports.XLSX,
    )
    personal_data = forms.BooleanField(
        label=_("Include personal data (names, contact details, accounts)"),
        required=False,
        help_text=_(
            "Only when your work needs them, for example to answer contributors by letter. "
            "The export is then recorded in the data-use log with the purpose you name."
        ),
    )
    purpose = forms.ChoiceField(
        label=_("Purpose (only with personal data)"),
        choices=_purpose_choices,
        required=False,
    )
    case_number = forms.CharField(
        label=_("Case number (optional)"),
        max_length=64,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("personal_data") and not cleaned.get("purpose"):
            self.add_error("purpose", _("Name the purpose for which you need the personal data."))
        return cleaned
