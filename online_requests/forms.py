"""Forms of the resident's pages besides the request form itself (built in :mod:`.fields`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from online_requests.actions import MESSAGE_MAX
from online_requests.files import FileRejected, check_upload

__all__ = ["ATTACHMENT_MAX_BYTES", "ATTACHMENT_TYPES", "ReplyForm"]

ATTACHMENT_TYPES = ["pdf", "jpeg", "png"]
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


class ReplyForm(forms.Form):
    """The applicant's message to the case workers, with an optional file."""

    body = forms.CharField(
        label=_("Your message"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attachment = forms.FileField(
        label=_("Attach a file (optional)"),
        required=False,
        max_length=200,
        help_text=_("PDF, JPEG or PNG; at most 10 MB."),
    )

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if uploaded:
            try:
                check_upload(uploaded, allowed=ATTACHMENT_TYPES, max_bytes=ATTACHMENT_MAX_BYTES)
            except FileRejected as error:
                raise forms.ValidationError(str(error)) from None
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not (cleaned.get("body") or "").strip()
            and not cleaned.get("attachment")
        ):
            self.add_error("body", _("Write a message or attach a file."))
        return cleaned
