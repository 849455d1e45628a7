"""Service search: PostgreSQL full text with stemming and unaccent, synonyms, typo tolerance.

How a query is answered (docs/services.md, "Search"):

1. The query is cut into at most :data:`MAX_TOKENS` words. Each word may stand for others
   (:class:`~services.models.SearchSynonym`: "KFZ" → Fahrzeug, Kraftfahrzeug, Auto).
2. One SQL query finds published services whose stored search vector matches *all* words
   (``german_unaccent``: Snowball stemming, so "anmelden" finds "Anmeldung", and no accents, so
   "fuhrerschein" finds "Führerschein") *or* whose lower-cased, unaccented names, synonyms and
   keywords are similar to the query by trigrams (``<%`` word similarity; "Persnalausweis" finds
   Personalausweis). Both use GIN indexes; ranking, counting and the page slice happen in the
   same query, so no Python runs per row.
3. Ranking: a match in the name (weight A) first, then ``ts_rank`` (keywords and synonyms B,
   short text C, full text D), then trigram similarity, then the name.
4. When no service has all words, the query runs again with *any* word; when still nothing
   matches, the page suggests a corrected query ("did you mean") from the words of all service
   names (pg_trgm's spelling approach), popular services and the life situations.

Under /en/ the English columns are searched first and the German ones second: people in Munich
type German official terms ("Anmeldung") whatever language they read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
    quote_lexeme,
)
from django.db import connection
from django.db.models import BooleanField, Count, F, Func, Q, Value, Window
from django.db.models.functions import Lower

from services.models import SearchSynonym, Service
from services.search_sql import SEARCH_CONFIGS, ImmutableUnaccent

MAX_QUERY_LENGTH = 200
MAX_TOKENS = 8
MAX_TOKEN_LENGTH = 40
PER_PAGE = 20
SUGGESTION_LIMIT = 8
# The fields a result list shows; everything else stays in the database.
RESULT_FIELDS = [
    "slug",
    "name_de",
    "name_en",
    "short_text_de",
    "short_text_en",
    "online_url",
    "ozg_maturity",
    "status",
]

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchFilters:
    life_situation: str = ""
    topic: str = ""
    office: str = ""
    online: bool = False

    def __bool__(self) -> bool:
        return bool(self.life_situation or self.topic or self.office or self.online)


@dataclass
class SearchOutcome:
    query: str
    results: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    # "all": every word matched; "any": only some words matched (the fallback); "" no query.
    matched: str = ""
    did_you_mean: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def number(self) -> int:
        return self.page

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.total, self.page * self.per_page)


def clean_query(raw: str | None) -> str:
    """The query as it is searched and shown: printable, single-spaced, at most 200 characters."""
    if not raw:
        return ""
    text = "".join(ch if ch.isprintable() else " " for ch in raw[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def fold(text: str) -> str:
    """Lower case without accents, close to PostgreSQL's lower(unaccent()): "Führerschein" →
    "fuhrerschein"."""
    text = text.lower().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(query: str) -> list[str]:
    """The words of a query, lower case, without duplicates, at most :data:`MAX_TOKENS`."""
    tokens: list[str] = []
    for match in _WORD.finditer(query.lower()):
        token = match.group().strip("_")
        if token and len(token) <= MAX_TOKEN_LENGTH and token not in tokens:
            tokens.append(token)
        if len(tokens) == MAX_TOKENS:
            break
    return tokens


def synonym_alternatives(query: str, tokens: list[str], language: str) -> dict[str, list[str]]:
    """What each word (or the whole query) stands for, from the synonym table; one query."""
    if not tokens:
        return {}
    terms = {fold(token): token for token in tokens}
    whole = fold(" ".join(tokens))
    terms.setdefault(whole, " ".join(tokens))
    rows = (
        SearchSynonym.objects.annotate(folded=ImmutableUnaccent(Lower("term")))
        .filter(folded__in=list(terms), language__in=["", language])
        .values_list("folded", "alternatives")
    )
    found: dict[str, list[str]] = {}
    for folded, alternatives in rows:
        words = [part.strip() for part in alternatives.split(",") if part.strip()]
        found.setdefault(terms[folded], []).extend(words)
    return found


def build_tsquery(
    tokens: list[str],
    alternatives: dict[str, list[str]],
    config: str,
    *,
    require_all: bool = True,
    prefix_last: bool = False,
    weights: str = "",
) -> SearchQuery | None:
    """Each word OR what it stands for; the words joined with AND (or OR for the fallback).

    A synonym for the whole query (e.g. "driving licence") is an alternative to all its words.
    """
    groups: list[SearchQuery] = []
    for position, token in enumerate(tokens):
        last = position == len(tokens) - 1
        if prefix_last and last:
            # A quoted lexeme is safe in to_tsquery's syntax; ":*" makes it a prefix.
            group = SearchQuery(
                f"{quote_lexeme(token)}:*{weights}", search_type="raw", config=config
            )
        else:
            group = SearchQuery(token, search_type="plain", config=config)
        for alternative in alternatives.get(token, []):
            group = group | SearchQuery(alternative, search_type="plain", config=config)
        groups.append(group)
    if not groups:
        return None
    combined = groups[0]
    for group in groups[1:]:
        combined = (combined & group) if require_all else (combined | group)
    whole = " ".join(tokens)
    if len(tokens) > 1 and whole in alternatives:
        for alternative in alternatives[whole]:
            combined = combined | SearchQuery(alternative, search_type="plain", config=config)
    return combined


class NameMatches(Func):
    """True when the query matches the name part (weight A) of a search vector."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        vector, query = self.get_source_expressions()
        vector_sql, vector_params = compiler.compile(vector)
        query_sql, query_params = compiler.compile(query)
        return f"(ts_filter({vector_sql}, '{{a}}') @@ {query_sql})", (
            *vector_params,
            *query_params,
        )


def _languages(language: str) -> list[str]:
    return ["en", "de"] if language == "en" else ["de"]


def _apply_filters(queryset, filters: SearchFilters):
    if filters.life_situation:
        queryset = queryset.filter(life_situations__slug=filters.life_situation)
    if filters.topic:
        queryset = queryset.filter(topics__slug=filters.topic)
    if filters.office:
        queryset = queryset.filter(offices__slug=filters.office)
    if filters.online:
        queryset = queryset.filter(
            ozg_maturity__gte=Service.OzgMaturity.ONLINE_REQUEST
        ).exclude(online_url="")
    return queryset


def _ranked(
    queryset, tokens: list[str], alternatives, language: str, *, require_all: bool, typo: bool
):
    """The queryset filtered to matches and annotated with ``name_hit``, ``rank``, ``similarity``."""
    folded_query = fold(" ".join(tokens))
    condition = Q()
    name_hits = []
    ranks = []
    for index, lang in enumerate(_languages(language)):
        config = SEARCH_CONFIGS[lang]
        tsquery = build_tsquery(tokens, alternatives, config, require_all=require_all)
        vector = F(f"search_vector_{lang}")
        condition |= Q(**{f"search_vector_{lang}": tsquery})
        name_hits.append(NameMatches(vector, tsquery))
        # The second language (German under /en/) counts half.
        rank = SearchRank(vector, tsquery)
        ranks.append(rank if index == 0 else rank * Value(0.5))
    names = f"search_names_{language}"
    if typo:
        condition |= Q(**{f"{names}__trigram_word_similar": folded_query})
    name_hit = name_hits[0]
    for other in name_hits[1:]:
        name_hit = _Or(name_hit, other)
    rank = ranks[0]
    for other in ranks[1:]:
        rank = rank + other
    return queryset.filter(condition).annotate(
        name_hit=name_hit,
        rank=rank,
        similarity=TrigramWordSimilarity(Value(folded_query), names),
    )


class _Or(Func):
    template = "(%(expressions)s)"
    arg_joiner = " OR "
    output_field = BooleanField()


def search_services(
    *,
    query: str,
    language: str = "de",
    filters: SearchFilters | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchOutcome:
    """Published services matching ``query`` and ``filters``, ranked, one page of them.

    Without a query but with filters: the filtered services in name order (browsing).
    At most four queries: synonyms, the search, the any-word fallback, "did you mean".
    """
    filters = filters or SearchFilters()
    query = clean_query(query)
    tokens = tokenize(query)
    page = max(1, page)
    outcome = SearchOutcome(query=query, page=page, per_page=per_page)
    base = _apply_filters(Service.objects.published(), filters).only(*RESULT_FIELDS)
    offset = (page - 1) * per_page

    if not tokens:
        if not filters:
            return outcome
        name = "name_en" if language == "en" else "name_de"
        rows = list(
            base.annotate(total=Window(Count("pk"))).order_by(name, "pk")[
                offset : offset + per_page
            ]
        )
        _fill(outcome, rows)
        return outcome

    alternatives = synonym_alternatives(query, tokens, language)
    ordering = ["-name_hit", "-rank", "-similarity", "name_de", "pk"]
    for require_all in (True, False):
        if not require_all and len(tokens) == 1 and not alternatives:
            break  # the any-word query would be the same query again
        ranked = _ranked(
            base, tokens, alternatives, language, require_all=require_all, typo=require_all
        )
        rows = list(
            ranked.annotate(total=Window(Count("pk"))).order_by(*ordering)[
                offset : offset + per_page
            ]
        )
        if rows or page > 1:
            outcome.matched = "all" if require_all else "any"
            _fill(outcome, rows)
            return outcome
    outcome.did_you_mean = did_you_mean(tokens, language)
    return outcome


def _fill(outcome: SearchOutcome, rows: list) -> None:
    outcome.results = rows
    outcome.total = rows[0].total if rows else 0


def did_you_mean(tokens: list[str], language: str) -> str:
    """A corrected query built from the closest words of service names, or "" if none is closer.

    One query; pg_trgm's ``%`` operator uses the GIN index of :class:`~services.models.SearchWord`.
    """
    candidates = [fold(token) for token in tokens]
    if not any(len(token) >= 3 for token in candidates):
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.token,
                   (SELECT w.word FROM services_searchword w
                     WHERE w.language = %s AND length(t.token) >= 3 AND w.word %% t.token
                     ORDER BY similarity(w.word, t.token) DESC, w.word LIMIT 1)
              FROM unnest(%s::text[]) WITH ORDINALITY AS t(token, position)
             ORDER BY t.position
            """,
            [language, candidates],
        )
        rows = cursor.fetchall()
    corrected = [best or token for token, best in rows]
    if [fold(word) for word in corrected] == candidates:
        return ""
    return " ".join(corrected)


def suggest_services(*, query: str, language: str = "de", limit: int = SUGGESTION_LIMIT) -> list:
    """Services for the suggestions as you type: names, synonyms and keywords, the last word as
    a prefix ("Perso" → Personalausweis), typos tolerated. Two queries at most."""
    query = clean_query(query)
    tokens = tokenize(query)
    if not tokens or len(query) < 2:
        return []
    alternatives = synonym_alternatives(query, tokens, language)
    config = SEARCH_CONFIGS[language]
    tsquery = build_tsquery(tokens, alternatives, config, prefix_last=True, weights="AB")
    vector = F(f"search_vector_{language}")
    names = f"search_names_{language}"
    folded_query = fold(" ".join(tokens))
    condition = Q(**{f"search_vector_{language}": tsquery})
    if len(folded_query) >= 4:
        condition |= Q(**{f"{names}__trigram_word_similar": folded_query})
    return list(
        Service.objects.published()
        .filter(condition)
        .annotate(
            name_hit=NameMatches(vector, tsquery),
            rank=SearchRank(vector, tsquery),
            similarity=TrigramWordSimilarity(Value(folded_query), names),
        )
        .order_by("-name_hit", "-rank", "-similarity", "name_de")
        .only("slug", "name_de", "name_en")[:limit]
    )
