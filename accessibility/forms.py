"""Forms of the accessibility pages: the barrier report, the display preferences, answering."""

import unicodedata
from urllib.parse import urlsplit

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from accessibility.models import AnsweredVia, BarrierReport
from accessibility.preferences import Contrast, Motion, Preferences, Spacing, TextSize

PAGE_MAX_LENGTH = 500
DESCRIPTION_MAX_LENGTH = 5000


def local_page(value: str, *, allowed_hosts: set[str]) -> str | None:
    """Return ``value`` as a path on this portal, or ``None`` if it points anywhere else.

    Accepts a path (``/kontakt/``) or a full address on one of ``allowed_hosts`` (the portal's
    own host names), which is shortened to its path. Anything else — other hosts, other schemes,
    protocol-relative ``//host`` addresses, backslash tricks, control characters — is refused,
    so the value can be shown, mailed and linked without ever leading somewhere foreign.
    """
    value = (value or "").strip()
    if not value or len(value) > PAGE_MAX_LENGTH:
        return None
    # Control characters (newlines above all) would break e-mail headers and log lines.
    if any(unicodedata.category(char)[0] == "C" or char.isspace() for char in value):
        return None
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=allowed_hosts):
        return None
    parts = urlsplit(value)
    path = parts.path
    if not path.startswith("/") or path.startswith("//"):
        return None
    return f"{path}?{parts.query}" if parts.query else path


class BarrierReportForm(forms.Form):
    """What a resident tells the accessibility officer about a barrier on the portal.

    Only ``description`` is required: a report must be possible without giving any personal
    data, and without knowing the page's address.
    """

    page = forms.CharField(
        label=_("Address of the page"),
        help_text=_(
            "The page where you met the barrier. We have filled in the page you came from; "
            "you can change or delete it."
        ),
        required=False,
        max_length=PAGE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    description = forms.CharField(
        label=_("Description of the barrier"),
        help_text=_(
            "Describe the barrier: what you wanted to do and what did not work. "
            "At most 5,000 characters."
        ),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    assistive_technology = forms.CharField(
        label=_("Assistive technology you use (optional)"),
        help_text=_(
            "For example: screen reader NVDA with Firefox, screen magnifier, voice control, "
            "keyboard only."
        ),
        required=False,
        max_length=300,
    )
    wants_accessible_format = forms.BooleanField(
        label=_("Please send me the content of this page in an accessible form."),
        required=False,
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        help_text=_(
            "Only if you want an answer or the content in an accessible form. We use it only "
            "for this report."
        ),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Your phone number (optional)"),
        help_text=_("If you would rather be called back than written to."),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    def __init__(self, *args, allowed_hosts: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_hosts = allowed_hosts
        # Browsers silently cut pasted text at ``maxlength``; the server check instead says how
        # long the text is and keeps all of it, so nothing the person wrote is lost.
        self.fields["description"].widget.attrs.pop("maxlength", None)

    def clean_page(self):
        value = self.cleaned_data["page"]
        if not value:
            return ""
        path = local_page(value, allowed_hosts=self.allowed_hosts)
        if path is None:
            raise forms.ValidationError(
                _(
                    "Enter the address of a page on this portal, for example /kontakt/, or "
                    "leave the field empty."
                ),
                code="foreign_page",
            )
        return path

    def clean(self):
        cleaned_data = super().clean()
        # Only when the address is missing, not when it is invalid: then the e-mail field has its
        # own error already.
        if (
            cleaned_data.get("wants_accessible_format")
            and not cleaned_data.get("email")
            and "email" not in self.errors
        ):
            self.add_error(
                "email",
                forms.ValidationError(
                    _(
                        "Enter your e-mail address so that we can send you the content. "
                        "You can also call 115 or write to us."
                    ),
                    code="email_needed",
                ),
            )
        return cleaned_data


class DisplayPreferencesForm(forms.Form):
    """Text size, contrast, spacing and motion; every field has a value, so none is "required"."""

    text = forms.ChoiceField(
        label=_("Text size"),
        choices=TextSize.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    contrast = forms.ChoiceField(
        label=_("Contrast"),
        help_text=_("High contrast: black text on white, darker links and borders."),
        choices=Contrast.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    spacing = forms.ChoiceField(
        label=_("Spacing"),
        help_text=_(
            "More space between lines, letters, words and paragraphs makes text easier to read "
            "for many people."
        ),
        choices=Spacing.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    motion = forms.ChoiceField(
        label=_("Motion"),
        choices=Motion.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    seite = forms.CharField(required=False, widget=forms.HiddenInput, max_length=PAGE_MAX_LENGTH)

    def __init__(self, *args, allowed_hosts: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_hosts = allowed_hosts

    def clean_seite(self):
        return local_page(self.cleaned_data["seite"], allowed_hosts=self.allowed_hosts) or ""

    def preferences(self) -> Preferences:
        """The chosen preferences; a field left out keeps the portal's default."""
        data = self.cleaned_data
        return Preferences(
            text=data.get("text") or TextSize.NORMAL,
            contrast=data.get("contrast") or Contrast.STANDARD,
            spacing=data.get("spacing") or Spacing.NORMAL,
            motion=data.get("motion") or Motion.STANDARD,
        )

    @classmethod
    def initial_for(cls, preferences: Preferences, *, page: str = "") -> dict:
        return {**preferences.as_dict(), "seite": page}


class AnswerForm(forms.Form):
    """The officer's answer to a barrier report (admin)."""

    answer = forms.CharField(
        label=_("Answer"),
        help_text=_(
            "Written to the reporter as it stands. Do not repeat personal data the reporter "
            "did not give."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10000,
    )
    via = forms.ChoiceField(label=_("Answer given by"), choices=AnsweredVia.choices)
    close = forms.BooleanField(
        label=_("Close the report: nothing more to do"),
        required=False,
    )

    def __init__(self, *args, report: BarrierReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        if report.email:
            self.fields["via"].help_text = _(
                "E-mail sends the answer to %(email)s now. Letter and phone only record that "
                "you answered that way."
            ) % {"email": report.email}
        else:
            self.fields["via"].help_text = _(
                "The reporter gave no e-mail address: answer by letter or phone and record it here."
            )

    def clean_via(self):
        via = self.cleaned_data["via"]
        if via == AnsweredVia.EMAIL and not self.report.email:
            raise forms.ValidationError(_("The reporter gave no e-mail address."), code="no_email")
        return via
