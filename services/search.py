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
from django.db.models.functions import Coalesce, Greatest, Lower, NullIf

from services.models import SearchSynonym, Service
from services.search_sql import SEARCH_CONFIGS, ImmutableUnaccent

MAX_QUERY_LENGTH = 200
# Result counts above this are shown as "more than 1,000".
MAX_COUNT = 1000
# Shorter queries are not matched by similarity: three letters look like too many names.
MIN_TYPO_LENGTH = 4
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
        queryset = queryset.filter(ozg_maturity__gte=Service.OzgMaturity.ONLINE_REQUEST).exclude(
            online_url=""
        )
    return queryset


class _Or(Func):
    template = "(%(expressions)s)"
    arg_joiner = " OR "
    output_field = BooleanField()


def _display_name(language: str):
    if language == "en":
        return Coalesce(NullIf(F("name_en"), Value("")), F("name_de"))
    return F("name_de")


def _capped_count(queryset) -> int:
    # Counting stops after MAX_COUNT + 1 rows: "more than 1,000" needs no exact number, and a
    # word found in half of 10,000 descriptions must not cost a full count.
    return queryset.values("pk")[: MAX_COUNT + 1].count()


def _full_text_page(base, tokens, alternatives, language, *, require_all, offset, limit):
    """One page of full-text matches: strong ones (the words are in the name, keywords,
    synonyms or short text) ranked first, then weak ones (only in the full text) by name.

    Two or three queries: the capped count, the ranked strong page, the weak remainder. The
    ranking reads the small ``search_vector_short_*`` columns only, never the long full text.
    """
    strong = Q()
    weak = Q()
    name_hits = []
    ranks = []
    for index, lang in enumerate(_languages(language)):
        tsquery = build_tsquery(tokens, alternatives, SEARCH_CONFIGS[lang], require_all=require_all)
        short = F(f"search_vector_short_{lang}")
        strong |= Q(**{f"search_vector_short_{lang}": tsquery})
        weak |= Q(**{f"search_vector_{lang}": tsquery})
        name_hits.append(NameMatches(short, tsquery))
        rank = SearchRank(short, tsquery)
        # The second language (German under /en/) counts half.
        ranks.append(rank if index == 0 else rank * Value(0.5))
    total = _capped_count(base.filter(weak | strong))
    if not total:
        return [], 0
    name_hit = name_hits[0] if len(name_hits) == 1 else _Or(*name_hits)
    rank = ranks[0]
    for other in ranks[1:]:
        rank = rank + other
    rows = list(
        base.filter(strong)
        .annotate(name_hit=name_hit, rank=rank, strong_total=Window(Count("pk")))
        .order_by("-name_hit", "-rank", "name_de", "pk")[offset : offset + limit]
    )
    if len(rows) < limit:
        strong_total = rows[0].strong_total if rows else _capped_count(base.filter(strong))
        weak_offset = max(0, offset - strong_total)
        rows += list(
            base.filter(weak)
            .exclude(strong)
            .annotate(display_name=_display_name(language))
            .order_by("display_name", "pk")[weak_offset : weak_offset + limit - len(rows)]
        )
    return rows, total


def _similar_names_page(base, tokens, language, *, offset, limit):
    """Services whose names, synonyms or keywords look like the query (typos); two queries."""
    folded_query = fold(" ".join(tokens))
    if len(folded_query) < MIN_TYPO_LENGTH:
        return [], 0
    condition = Q()
    similarities = []
    for lang in _languages(language):
        names = f"search_names_{lang}"
        condition |= Q(**{f"{names}__trigram_word_similar": folded_query})
        similarities.append(TrigramWordSimilarity(Value(folded_query), names))
    matches = base.filter(condition)
    total = _capped_count(matches)
    if not total:
        return [], 0
    similarity = similarities[0] if len(similarities) == 1 else Greatest(*similarities)
    rows = list(
        matches.annotate(similarity=similarity).order_by("-similarity", "name_de", "pk")[
            offset : offset + limit
        ]
    )
    return rows, total


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
    The stages run one after the other until one finds something: all words, similar names
    (typos), any word; then "did you mean". Each stage is a fixed number of queries.
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
        rows = list(
            base.annotate(total=Window(Count("pk")), display_name=_display_name(language)).order_by(
                "display_name", "pk"
            )[offset : offset + per_page]
        )
        outcome.results = rows
        outcome.total = rows[0].total if rows else 0
        return outcome

    alternatives = synonym_alternatives(query, tokens, language)
    stages = [
        (
            "all",
            lambda: _full_text_page(
                base,
                tokens,
                alternatives,
                language,
                require_all=True,
                offset=offset,
                limit=per_page,
            ),
        ),
        (
            "similar",
            lambda: _similar_names_page(base, tokens, language, offset=offset, limit=per_page),
        ),
    ]
    if len(tokens) > 1 or alternatives:
        stages.append(
            (
                "any",
                lambda: _full_text_page(
                    base,
                    tokens,
                    alternatives,
                    language,
                    require_all=False,
                    offset=offset,
                    limit=per_page,
                ),
            )
        )
    for matched, stage in stages:
        rows, total = stage()
        if total:
            outcome.matched = matched
            outcome.results = rows
            outcome.total = total
            return outcome
    outcome.did_you_mean = did_you_mean(tokens, language)
    return outcome


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
    a prefix ("Perso" → Personalausweis), typos tolerated. Two queries (synonyms, services)."""
    query = clean_query(query)
    tokens = tokenize(query)
    if not tokens or len(query) < 2:
        return []
    alternatives = synonym_alternatives(query, tokens, language)
    config = SEARCH_CONFIGS[language]
    # Weights A and B: the word or prefix is in the name, keywords or synonyms.
    tsquery = build_tsquery(tokens, alternatives, config, prefix_last=True, weights="AB")
    short = F(f"search_vector_short_{language}")
    names = f"search_names_{language}"
    folded_query = fold(" ".join(tokens))
    condition = Q(**{f"search_vector_short_{language}": tsquery})
    if len(folded_query) >= MIN_TYPO_LENGTH:
        condition |= Q(**{f"{names}__trigram_word_similar": folded_query})
    return list(
        Service.objects.published()
        .filter(condition)
        .annotate(
            name_hit=NameMatches(short, tsquery),
            rank=SearchRank(short, tsquery),
            similarity=TrigramWordSimilarity(Value(folded_query), names),
        )
        .order_by("-name_hit", "-rank", "-similarity", "name_de")
        .only("slug", "name_de", "name_en")[:limit]
    )
