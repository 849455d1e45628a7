"""Forms of the idea pages: the list filter, a new idea, a comment, a report, the clerks' entry."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import IdeaStatus, ReportReason
from ideas.selectors import DEFAULT_SORT, SORTS, IdeaFilters
from munich_portal.core.channels import Channel

SORT_LABELS = {
    "neu": _("newest first"),
    "unterstuetzt": _("most supported"),
    "kommentiert": _("most commented"),
}


class IdeaFilterForm(forms.Form):
    """The filter and sorting of an idea list, read from the address; odd values are dropped."""

    kategorie = forms.ChoiceField(label=_("Category"), required=False)
    bezirk = forms.ChoiceField(label=_("City district"), required=False)
    kanal = forms.ChoiceField(label=_("Channel"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    sortierung = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, data=None, *, categories=(), districts=(), **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("All"))]
        self.fields["kategorie"].choices = everything + [
            (str(category.pk), category.name) for category in categories
        ]
        self.fields["bezirk"].choices = everything + [
            (district.slug, str(district)) for district in districts
        ]
        self.fields["kanal"].choices = everything + list(Channel.choices)
        self.fields["status"].choices = everything + list(IdeaStatus.choices)
        self.fields["sortierung"].choices = [(key, SORT_LABELS[key]) for key in SORTS]
        if not categories:
            del self.fields["kategorie"]

    def _value(self, name: str) -> str:
        if not self.is_bound or name not in self.fields:
            return ""
        value = self.data.get(name, "")
        if not isinstance(value, str):
            return ""
        return value if value in {str(key) for key, _label in self.fields[name].choices} else ""

    @property
    def filters(self) -> IdeaFilters:
        category = self._value("kategorie")
        return IdeaFilters(
            category=int(category) if category else None,
            district=self._value("bezirk"),
            channel=self._value("kanal"),
            status=self._value("status"),
            sort=self._value("sortierung") or DEFAULT_SORT,
        )

    def cleaned_params(self) -> dict[str, str]:
        filters = self.filters
        params = {
            "kategorie": str(filters.category or ""),
            "bezirk": filters.district,
            "kanal": filters.channel,
            "status": filters.status,
            "sortierung": filters.sort if filters.sort != DEFAULT_SORT else "",
        }
        return {key: value for key, value in params.items() if value}

    def filter_fields(self):
        return [self[name] for name in self.fields]


class _PlaceFields(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category (optional)"), queryset=None, required=False, empty_label=_("none")
    )
    district = forms.ModelChoiceField(
        label=_("City district (optional)"),
        queryset=None,
        required=False,
        empty_label=_("none or whole city"),
    )
    address = forms.CharField(
        label=_("Place or address (optional)"),
        help_text=_("For example a street, a square or a park."),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, categories=None, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ideas.models import IdeaCategory
        from munich_portal.core.models import Stadtbezirk

        # The process's categories (a list from the page's context): choices of that process only.
        self.fields["category"].queryset = (
            IdeaCategory.objects.filter(pk__in=[category.pk for category in categories])
            if categories
            else IdeaCategory.objects.none()
        )
        self.fields["district"].queryset = districts or Stadtbezirk.objects.order_by("number")
        if not categories:
            del self.fields["category"]


class IdeaForm(_PlaceFields):
    """A resident's idea, online."""

    title = forms.CharField(
        label=_("Title"), help_text=_("Your idea in a few words."), max_length=120
    )
    text = forms.CharField(
        label=_("Your idea"),
        help_text=_("Describe your idea. At most 4,000 characters."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    author_name = forms.CharField(
        label=_("Name shown with the idea (optional)"),
        help_text=_("Leave empty to publish the idea without a name."),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    notify = forms.BooleanField(
        label=_("Send me an e-mail when the city answers my idea or gives it a status."),
        required=False,
        initial=True,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my idea is published on this portal with the name I entered, and that "
            "the city keeps the link to my account for two years to answer me."
        )
    )
    field_order = ["title", "text", "category", "district", "address", "author_name", "notify"]


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        help_text=_("At most 2,000 characters. Please stay fair and on topic."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    author_name = forms.CharField(
        label=_("Name shown (optional)"),
        help_text=_("Leave empty to comment without a name."),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(self, *args, edit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if edit:
            del self.fields["author_name"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should the moderation team look at this?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        help_text=_("At most 1,000 characters."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


CLERK_CHANNELS = [
    (Channel.PAPER, Channel.PAPER.label),
    (Channel.PHONE, Channel.PHONE.label),
    (Channel.ON_SITE, Channel.ON_SITE.label),
]


class _ClerkFields(forms.Form):
    """What every clerk entry records: the channel, when it was received, the consent text."""

    channel = forms.ChoiceField(
        label=_("Channel"), choices=CLERK_CHANNELS, widget=forms.RadioSelect
    )
    # A text field as the hint says (DD.MM.YYYY): typed in one go, and its focus shows (a date
    # picker's parts take the focus without the field's outline).
    received_on = forms.DateField(
        label=_("Received on"),
        help_text=_("The date on the form, of the call or of the event (DD.MM.YYYY)."),
        input_formats=["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"],
        widget=forms.DateInput(
            format="%d.%m.%Y", attrs={"inputmode": "numeric", "autocomplete": "off"}
        ),
    )
    consent_version = forms.CharField(
        label=_("Version of the consent text"),
        help_text=_("Printed at the bottom of the form or list; on the phone: the text read out."),
        max_length=20,
    )


class TranscriptionForm(_ClerkFields, _PlaceFields):
    """What a clerk types in from a paper form, a phone call or an on-site card."""

    title = forms.CharField(label=_("Title"), max_length=120)
    text = forms.CharField(
        label=_("Text of the idea"), max_length=4000, widget=forms.Textarea(attrs={"rows": 8})
    )
    author_name = forms.CharField(
        label=_("Name to publish (optional)"),
        help_text=_("Only if the person wants their name shown; empty publishes anonymously."),
        max_length=100,
        required=False,
    )
    contact_email = forms.EmailField(label=_("E-mail for the answer (optional)"), required=False)
    contact_street = forms.CharField(
        label=_("Street and number (optional)"), max_length=200, required=False
    )
    contact_postal_code = forms.CharField(
        label=_("Postal code (optional)"), max_length=10, required=False
    )
    contact_city = forms.CharField(label=_("City (optional)"), max_length=100, required=False)
    consent = forms.BooleanField(
        label=_("The person agreed to the publication (ticked on the form, or said so).")
    )
    field_order = [
        "channel",
        "received_on",
        "title",
        "text",
        "category",
        "district",
        "address",
        "author_name",
        "contact_email",
        "contact_street",
        "contact_postal_code",
        "contact_city",
        "consent",
        "consent_version",
    ]

    def clean(self):
        cleaned = super().clean()
        address = [cleaned.get(name) for name in ("contact_street", "contact_postal_code")]
        if any(address) and not all([*address, cleaned.get("contact_city")]):
            self.add_error(
                "contact_street",
                _("For a letter we need street, postal code and city; or leave all three empty."),
            )
        return cleaned


class CommentTranscriptionForm(_ClerkFields):
    """A comment a clerk types in: on an idea of the process or on the process itself."""

    idea = forms.TypedChoiceField(
        label=_("Comment on"), coerce=int, empty_value=None, required=False
    )
    text = forms.CharField(
        label=_("Text of the comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    author_name = forms.CharField(
        label=_("Name as given (optional)"),
        help_text=_("Published with the comment; empty publishes it without a name."),
        max_length=100,
        required=False,
    )
    consent = forms.BooleanField(
        label=_("The person agreed to the publication (ticked on the form, or said so).")
    )
    field_order = [
        "channel",
        "received_on",
        "idea",
        "text",
        "author_name",
        "consent",
        "consent_version",
    ]

    def __init__(self, *args, ideas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["idea"].choices = [("", _("the process as a whole (discussion)"))] + [
            (idea.pk, idea.title) for idea in ideas
        ]


class SupportLineForm(_ClerkFields):
    """One line of a signature list: a supporter's name and postal code (street optional).

    Channel, date and consent version stay from line to line; the clerk types name, postal code
    and presses Enter. ``same_name_confirmed`` shows only after a line was refused because an
    online supporter has the same name.
    """

    name = forms.CharField(
        label=_("Name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\s*\d{5}\s*$",
        max_length=10,
        error_messages={"invalid": _("A postal code has five digits, for example 80331.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    street = forms.CharField(
        label=_("Street and number (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    same_name_confirmed = forms.BooleanField(
        label=_("Another person of the same name (not the online supporter)"), required=False
    )
    field_order = [
        "name",
        "postal_code",
        "street",
        "same_name_confirmed",
        "channel",
        "received_on",
        "consent_version",
    ]

    def __init__(self, *args, ask_same_name: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_same_name:
            del self.fields["same_name_confirmed"]
