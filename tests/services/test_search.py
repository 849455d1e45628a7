"""Search quality (issue 4): stemming, typos, synonyms, umlauts, ranking, English, filters.

Table-driven: each row is a query as residents type it and the service that must come first
(or be found). The catalogue fixture holds a handful of real Munich services.
"""

import pytest
from django.utils import translation

from services.search import SearchFilters, clean_query, search_services, suggest_services, tokenize

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(catalogue):
    """The catalogue with its word list for typo correction (the fixture builds it)."""
    return catalogue


def slugs(outcome):
    return [service.slug for service in outcome.results]


# (query, language, the first result)
FIRST_RESULT = [
    # stemming
    ("anmelden", "de", "wohnsitz-anmelden"),
    ("Anmeldung", "de", "wohnsitz-anmelden"),
    ("Wohnsitz anmelden", "de", "wohnsitz-anmelden"),
    ("beantragen Personalausweis", "de", "personalausweis-beantragen"),
    # typos
    ("Persnalausweis", "de", "personalausweis-beantragen"),
    ("Personalausweiss", "de", "personalausweis-beantragen"),
    ("Reisepas beantragen", "de", "reisepass-beantragen"),
    ("Fürerschein", "de", "fuehrerschein-umschreiben"),
    # synonyms: the service's own field and the synonym table
    ("Perso", "de", "personalausweis-beantragen"),
    ("perso", "de", "personalausweis-beantragen"),
    ("Ummeldung", "de", "wohnsitz-anmelden"),
    ("KFZ", "de", "fahrzeug-zulassen"),
    ("Kfz", "de", "fahrzeug-zulassen"),
    ("Fahrerlaubnis", "de", "fuehrerschein-umschreiben"),
    # umlauts and case
    ("fuhrerschein", "de", "fuehrerschein-umschreiben"),
    ("Führerschein", "de", "fuehrerschein-umschreiben"),
    ("FÜHRERSCHEIN", "de", "fuehrerschein-umschreiben"),
    # ranking: the word in the name before the same word in the text
    ("Personalausweis", "de", "personalausweis-beantragen"),
    ("abmelden", "de", "wohnsitz-abmelden"),
    # English over the English texts under /en/
    ("identity card", "en", "personalausweis-beantragen"),
    ("passport", "en", "reisepass-beantragen"),
    ("register address", "en", "wohnsitz-anmelden"),
    ("driving licence", "en", "fuehrerschein-umschreiben"),
    # German official terms under /en/ still work
    ("Anmeldung", "en", "wohnsitz-anmelden"),
]


@pytest.mark.parametrize(("query", "language", "expected"), FIRST_RESULT)
def test_search_puts_the_expected_service_first(indexed, query, language, expected):
    """Each query finds the service a resident means, in first place."""
    with translation.override(language):
        outcome = search_services(query=query, language=language)
    assert outcome.results, f"{query!r} found nothing"
    assert slugs(outcome)[0] == expected, f"{query!r}: {slugs(outcome)}"


def test_name_match_ranks_before_text_match(indexed):
    """ "anmelden": the service named so comes before the one whose text mentions Anmeldung."""
    outcome = search_services(query="anmelden")
    order = slugs(outcome)
    assert order.index("wohnsitz-anmelden") < order.index("wohnsitz-abmelden")


def test_stemming_finds_the_same_services_for_verb_and_noun(indexed):
    """ "anmelden" and "Anmeldung" share the stem anmeld: the same services."""
    assert set(slugs(search_services(query="anmelden"))) == set(
        slugs(search_services(query="Anmeldung"))
    )


def test_typo_correction_says_what_was_searched(indexed):
    """A corrected query is reported, so the page can say "Showing results for …"."""
    outcome = search_services(query="Persnalausweis")
    assert outcome.matched == "corrected"
    assert outcome.corrected_query == "personalausweis"


def test_compound_word_part_finds_by_similarity(indexed):
    """ "Ausweis" is a synonym of Personalausweis in the synonym table."""
    assert "personalausweis-beantragen" in slugs(search_services(query="Ausweis"))


def test_query_with_filler_words_still_finds_the_service(indexed):
    """A sentence instead of keywords falls back to any of its words."""
    outcome = search_services(query="Wie melde ich meinen Wohnsitz an")
    assert "wohnsitz-anmelden" in slugs(outcome)


def test_drafts_are_never_found(indexed):
    """An unpublished service is invisible to the search."""
    assert search_services(query="Geheimer Entwurf").results == []
    assert search_services(query="Bescheinigung").results == []


def test_query_far_from_every_name_finds_nothing(indexed):
    """A word like no service name finds nothing, however tolerant the search is."""
    outcome = search_services(query="Xylophonreparatur")
    assert outcome.results == []
    assert outcome.total == 0
    assert outcome.matched == ""


def test_did_you_mean_suggests_closest_name_word(indexed):
    """When nothing matches at all, the closest words of the service names are suggested."""
    outcome = search_services(query="Reisepasz Mondflug")
    assert outcome.results == []
    assert outcome.did_you_mean.split()[0] == "reisepass"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(life_situation="umzug"), {"wohnsitz-anmelden", "wohnsitz-abmelden"}),
        (SearchFilters(office="buergerbuero-pasing"), {"wohnsitz-anmelden"}),
        (SearchFilters(online=True), set()),
        (SearchFilters(topic="ausweise"), set()),
    ],
)
def test_filters_narrow_the_results(indexed, filters, expected):
    """Life situation, office, online and topic filters keep only matching services."""
    outcome = search_services(query="anmelden", filters=filters)
    assert set(slugs(outcome)) == expected


def test_online_filter_keeps_services_with_online_request(indexed):
    outcome = search_services(query="zulassen", filters=SearchFilters(online=True))
    assert slugs(outcome) == ["fahrzeug-zulassen"]


def test_filters_without_query_list_services_by_name(indexed):
    """Browsing a life situation without a query lists its services alphabetically."""
    outcome = search_services(query="", filters=SearchFilters(life_situation="umzug"))
    assert slugs(outcome) == ["fahrzeug-zulassen", "wohnsitz-abmelden", "wohnsitz-anmelden"]
    assert outcome.total == 3


def test_empty_query_without_filters_searches_nothing(indexed):
    outcome = search_services(query="   ")
    assert outcome.results == []
    assert outcome.total == 0


def test_pages_slice_the_results(indexed):
    """Page 2 continues where page 1 stopped; the total is the same."""
    first = search_services(query="anmelden", per_page=1, page=1)
    second = search_services(query="anmelden", per_page=1, page=2)
    assert first.total == second.total == 2
    assert slugs(first) != slugs(second)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pers", "personalausweis-beantragen"),
        ("Perso", "personalausweis-beantragen"),
        ("wohns", "wohnsitz-anmelden"),
        ("kfz", "fahrzeug-zulassen"),
        ("Fuhrer", "fuehrerschein-umschreiben"),
    ],
)
def test_suggestions_match_prefixes(indexed, query, expected):
    """Suggestions as you type complete the last word."""
    assert expected in [service.slug for service in suggest_services(query=query)]


def test_suggestions_ignore_drafts_and_short_input(indexed):
    assert suggest_services(query="G") == []
    assert suggest_services(query="Geheim") == []


def test_clean_query_limits_length_and_removes_control_characters():
    assert clean_query("a\x00b") == "a b"
    assert len(clean_query("x" * 10_000)) == 200
    assert clean_query(None) == ""


def test_tokenize_keeps_at_most_eight_distinct_words():
    assert tokenize("a b a c") == ["a", "b", "c"]
    assert len(tokenize(" ".join(f"wort{i}" for i in range(20)))) == 8
