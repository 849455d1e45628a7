"""Service search: PostgreSQL full text with stemming and unaccent, synonyms, typo tolerance.

How a query is answered (docs/services.md, "Search"):

1. The query is cut into at most :data:`MAX_TOKENS` words. Each word may stand for others
   (:class:`~services.models.SearchSynonym`: "KFZ" → Fahrzeug, Kraftfahrzeug, Auto).
2. **All words**: published services whose stored search vector matches every word
   (``german_unaccent``: Snowball stemming, so "anmelden" finds "Anmeldung"; no accents, so
   "fuhrerschein" finds "Führerschein"). Services with the words in the name, keywords,
   synonyms or short text come first, ranked by the name (weight A) and ``ts_rank`` over those
   short parts; services that only mention the words in the full text follow by name.
3. **Typos**, only when nothing matched: each word no service contains is replaced by the
   most similar word of the service names, synonyms and keywords (trigram similarity on the
   small :class:`~services.models.SearchWord` list, GIN index) when it is similar enough
   ("Persnalausweis" → personalausweis), and the query runs again ("Showing results for …").
4. **Similar names**: still nothing, the unknown words are compared by trigram word
   similarity (``%>``, GIN index) with the lower-cased, unaccented names, synonyms and keywords
   of each service (``search_names_*``).
5. **Any word**, only when still nothing matched ("Wie melde ich meinen Wohnsitz an").
6. Nothing: "did you mean" (the closest name words, however far), popular services and the
   life situations.

Every stage is a fixed number of queries on GIN indexes with counting capped at
:data:`MAX_COUNT`, so a search costs the same few milliseconds at 60 or 10,000 services and no
Python runs per row.

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
from django.db.models.functions import Coalesce, Greatest, NullIf

from services.models import SearchSynonym, Service
from services.search_sql import SEARCH_CONFIGS

MAX_QUERY_LENGTH = 200
# Result counts above this are shown as "more than 500".
MAX_COUNT = 500
# Unknown words are replaced without asking when the closest name word is at least this
# similar (pg_trgm similarity, 0 to 1); less similar words are only offered ("did you mean").
AUTOCORRECT_SIMILARITY = 0.45
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
    # "all": every word; "corrected": after replacing unknown words (corrected_query);
    # "similar": names similar to unknown words; "any": some of the words; "": nothing.
    matched: str = ""
    corrected_query: str = ""
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


def synonym_table() -> dict[tuple[str, str], list[str]]:
    """{(folded term, language): alternatives}; one query, kept per catalogue version."""
    from services.selectors import catalogue_token

    def load():
        table: dict[tuple[str, str], list[str]] = {}
        for term, language, alternatives in SearchSynonym.objects.values_list(
            "term", "language", "alternatives"
        ):
            words = [part.strip() for part in alternatives.split(",") if part.strip()]
            table.setdefault((fold(term.strip()), language), []).extend(words)
        return table

    return catalogue_token.memo("synonyms", load)


def synonym_alternatives(query: str, tokens: list[str], language: str) -> dict[str, list[str]]:
    """What each word (or the whole query) stands for, from the synonym table."""
    if not tokens:
        return {}
    table = synonym_table()
    found: dict[str, list[str]] = {}
    for term in dict.fromkeys([*tokens, " ".join(tokens)]):
        for lang in ("", language):
            found.setdefault(term, []).extend(table.get((fold(term), lang), []))
    return {term: words for term, words in found.items() if words}


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
    # Counting stops after MAX_COUNT + 1 rows: "more than 500" needs no exact number, and a
    # word found in half of 10,000 descriptions must not cost a full count.
    return queryset.order_by().values("pk")[: MAX_COUNT + 1].count()


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
    # The full vector holds everything the short one does: every strong match is a weak one.
    total = _capped_count(base.filter(weak))
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


@dataclass(frozen=True)
class WordCheck:
    """What the catalogue knows about one word of the query."""

    token: str
    known: bool  # some published service contains it (or it is a stop word)
    closest: str  # the most similar word of the service names, if any
    similarity: float


def check_words(tokens: list[str], language: str) -> list[WordCheck]:
    """For each word: does any service contain it, and which name word is closest; one query.

    The closest word comes from :class:`~services.models.SearchWord` (names, synonyms and
    keywords) by trigram similarity on its GIN index (``%``, pg_trgm's similarity threshold).
    """
    if not tokens:
        return []
    languages = _languages(language)
    contains = " OR ".join(
        f"s.search_vector_{lang} @@ plainto_tsquery(%s::regconfig, t.token)" for lang in languages
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT t.token,
                   numnode(plainto_tsquery(%s::regconfig, t.token)) = 0
                   OR EXISTS (SELECT 1 FROM services_service s
                               WHERE s.status = 'published' AND ({contains})),
                   best.word, coalesce(best.similarity, 0)
              FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS t(token, folded, position)
              LEFT JOIN LATERAL (
                   SELECT w.word, similarity(w.folded, t.folded) AS similarity
                     FROM services_searchword w
                    WHERE w.language = %s AND length(t.folded) >= 3 AND w.folded %% t.folded
                    ORDER BY similarity(w.folded, t.folded) DESC, w.word
                    LIMIT 1) AS best ON true
             ORDER BY t.position
            """,  # noqa: S608 (only column names and placeholders are formatted in)
            [
                SEARCH_CONFIGS[language],
                *[SEARCH_CONFIGS[lang] for lang in languages],
                tokens,
                [fold(token) for token in tokens],
                language,
            ],
        )
        return [
            WordCheck(token=token, known=known, closest=closest or "", similarity=similarity)
            for token, known, closest, similarity in cursor.fetchall()
        ]


def corrected_tokens(checks: list[WordCheck], *, min_similarity: float) -> list[str]:
    """The query with each unknown word replaced by its closest known word (if close enough)."""
    return [
        check.closest
        if not check.known and check.closest and check.similarity >= min_similarity
        else check.token
        for check in checks
    ]


def _similar_names_page(base, checks, alternatives, language, *, offset, limit):
    """Typos the word list could not correct: the unknown words are compared by trigram word
    similarity with the names, synonyms and keywords (``search_names_*``, GIN trigram index),
    the known words by the short search vector. Two queries."""
    unknown = [c.token for c in checks if not c.known and len(c.token) >= MIN_TYPO_LENGTH]
    if not unknown:
        return [], 0
    known = [c.token for c in checks if c.known]
    condition = Q()
    if known:
        for lang in _languages(language):
            tsquery = build_tsquery(known, alternatives, SEARCH_CONFIGS[lang], require_all=True)
            condition |= Q(**{f"search_vector_short_{lang}": tsquery})
    matches = base.filter(condition)
    similarity = None
    for token in unknown:
        folded = fold(token)
        token_condition = Q()
        token_similarities = []
        for lang in _languages(language):
            names = f"search_names_{lang}"
            token_condition |= Q(**{f"{names}__trigram_word_similar": folded})
            token_similarities.append(TrigramWordSimilarity(Value(folded), names))
        matches = matches.filter(token_condition)
        token_similarity = (
            token_similarities[0] if len(token_similarities) == 1 else Greatest(*token_similarities)
        )
        similarity = token_similarity if similarity is None else similarity + token_similarity
    total = _capped_count(matches)
    if not total:
        return [], 0
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
    page_args = {"offset": offset, "limit": per_page}

    # 1. All words.
    rows, total = _full_text_page(
        base, tokens, alternatives, language, require_all=True, **page_args
    )
    if total:
        return _done(outcome, "all", rows, total)

    # 2. Typos: unknown words replaced by the closest words of the service names.
    checks = check_words(tokens, language)
    corrected = corrected_tokens(checks, min_similarity=AUTOCORRECT_SIMILARITY)
    if corrected != tokens:
        corrected_alternatives = synonym_alternatives(" ".join(corrected), corrected, language)
        rows, total = _full_text_page(
            base, corrected, corrected_alternatives, language, require_all=True, **page_args
        )
        if total:
            outcome.corrected_query = " ".join(corrected)
            return _done(outcome, "corrected", rows, total)

    # 3. Typos the word list could not fix: similar names.
    rows, total = _similar_names_page(base, checks, alternatives, language, **page_args)
    if total:
        return _done(outcome, "similar", rows, total)

    # 4. Any of the words.
    if len(tokens) > 1 or alternatives:
        rows, total = _full_text_page(
            base, tokens, alternatives, language, require_all=False, **page_args
        )
        if total:
            return _done(outcome, "any", rows, total)

    # 5. Nothing: suggest the closest words, however far.
    suggestion = corrected_tokens(checks, min_similarity=0)
    if suggestion != tokens:
        outcome.did_you_mean = " ".join(suggestion)
    return outcome


def _done(outcome: SearchOutcome, matched: str, rows: list, total: int) -> SearchOutcome:
    outcome.matched = matched
    outcome.results = rows
    outcome.total = total
    return outcome


def suggest_services(*, query: str, language: str = "de", limit: int = SUGGESTION_LIMIT) -> list:
    """Services for the suggestions as you type: the words in names, keywords or synonyms, the
    last word as a prefix ("Perso" → Personalausweis). With nothing found, unknown words are
    corrected from the names' word list ("Persnal" → Personal…). Two to four queries."""
    query = clean_query(query)
    tokens = tokenize(query)
    if not tokens or len(query) < 2:
        return []
    found = _suggest(tokens, synonym_alternatives(query, tokens, language), language, limit)
    if found or len(fold(query)) < MIN_TYPO_LENGTH:
        return found
    corrected = corrected_tokens(
        check_words(tokens, language), min_similarity=AUTOCORRECT_SIMILARITY
    )
    if corrected == tokens:
        return []
    return _suggest(corrected, {}, language, limit)


def _suggest(tokens, alternatives, language, limit) -> list:
    config = SEARCH_CONFIGS[language]
    # Weights A and B: the word or prefix is in the name, keywords or synonyms.
    tsquery = build_tsquery(tokens, alternatives, config, prefix_last=True, weights="AB")
    short = F(f"search_vector_short_{language}")
    return list(
        Service.objects.published()
        .filter(**{f"search_vector_short_{language}": tsquery})
        .annotate(name_hit=NameMatches(short, tsquery), rank=SearchRank(short, tsquery))
        .order_by("-name_hit", "-rank", "name_de", "pk")
        .only("slug", "name_de", "name_en")[:limit]
    )
