"""The search form of the catalogue: a query and filters, all optional, read from the address.

A search form never shows errors: whatever arrives in the address (an unknown filter, a page
number that is not a number, 10,000 characters) is narrowed to something valid and searched.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from services.search import MAX_QUERY_LENGTH, SearchFilters, clean_query

#: What the "online" checkbox sends (or a hand-written address says) to mean "only online".
ONLINE_VALUES = frozenset({"1", "on", "true", "ja"})
#: The filter parameters and the keys of their allowed values (``selectors.filter_slugs``).
FILTER_PARAMETERS = {"lebenslage": "life_situations", "thema": "topics", "dienststelle": "offices"}


def read_filters(data, allowed) -> SearchFilters:
    """The filters of a search address; a filter with an unknown value is dropped.

    ``allowed`` maps ``life_situations``, ``topics`` and ``offices`` to their slugs. What
    :class:`SearchForm` reads, without building the form (the results page builds it only when
    its results are rendered)."""

    def value(name: str) -> str:
        raw = data.get(name, "")
        return raw if isinstance(raw, str) and raw in allowed[FILTER_PARAMETERS[name]] else ""

    return SearchFilters(
        life_situation=value("lebenslage"),
        topic=value("thema"),
        office=value("dienststelle"),
        online=data.get("online", "") in ONLINE_VALUES,
    )


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

    @property
    def query(self) -> str:
        if not self.is_bound:
            return ""
        return clean_query(self.data.get("q", ""))

    @property
    def search_filters(self) -> SearchFilters:
        if not self.is_bound:
            return SearchFilters()
        allowed = {
            key: {str(value) for value, _label in self.fields[name].choices}
            for name, key in FILTER_PARAMETERS.items()
        }
        return read_filters(self.data, allowed)

    @property
    def is_search(self) -> bool:
        return bool(self.query) or bool(self.search_filters)
