"""The search form of the catalogue: a query and filters, all optional, read from the address.

A search form never shows errors: whatever arrives in the address (an unknown filter, a page
number that is not a number, 10,000 characters) is narrowed to something valid and searched.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from services.search import MAX_QUERY_LENGTH, SearchFilters, clean_query


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for a service"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    lebenslage = forms.ChoiceField(label=_("Life situation"), required=False)
    thema = forms.ChoiceField(label=_("Topic"), required=False)
    dienststelle = forms.ChoiceField(label=_("Office"), required=False)
    online = forms.BooleanField(label=_("Only services you can apply for online"), required=False)

    def __init__(self, data=None, *, life_situations=(), topics=(), offices=(), **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("All"))]
        self.fields["lebenslage"].choices = everything + [(s.slug, s.name) for s in life_situations]
        self.fields["thema"].choices = everything + [(t.slug, t.name) for t in topics]
        self.fields["dienststelle"].choices = everything + [(o.slug, o.name) for o in offices]
        self.fields["q"].widget.attrs["maxlength"] = str(MAX_QUERY_LENGTH)

    def _value(self, name: str) -> str:
        # A filter with an unknown value is dropped rather than reported.
        if not self.is_bound:
            return ""
        field = self.fields[name]
        value = self.data.get(name, "")
        if not isinstance(value, str):
            return ""
        return value if value in {str(key) for key, _label in field.choices} else ""

    @property
    def query(self) -> str:
        if not self.is_bound:
            return ""
        return clean_query(self.data.get("q", ""))

    @property
    def search_filters(self) -> SearchFilters:
        online = self.is_bound and self.data.get("online", "") in {"1", "on", "true", "ja"}
        return SearchFilters(
            life_situation=self._value("lebenslage"),
            topic=self._value("thema"),
            office=self._value("dienststelle"),
            online=online,
        )

    @property
    def is_search(self) -> bool:
        return bool(self.query) or bool(self.search_filters)
