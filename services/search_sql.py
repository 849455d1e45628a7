"""SQL building blocks of the catalogue search, shared by the models and the migrations.

PostgreSQL accepts only IMMUTABLE expressions in generated columns and index expressions.
``unaccent()`` is merely STABLE (its dictionary could change), so migration 0001 wraps it in
``portal_unaccent()`` with a fixed dictionary, the usual pattern; and ``concat_ws()`` is STABLE
too, so :class:`TextJoin` joins with ``||`` instead.
"""

from django.db.models import Func, TextField, Value
from django.db.models.functions import Coalesce

# Text search configurations created in migration 0001: the Snowball stemmers with unaccent in
# front, so "Führerschein" and "fuhrerschein" meet.
GERMAN_CONFIG = "german_unaccent"
ENGLISH_CONFIG = "english_unaccent"
SEARCH_CONFIGS = {"de": GERMAN_CONFIG, "en": ENGLISH_CONFIG}

CREATE_SQL = """
CREATE OR REPLACE FUNCTION portal_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'german_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION german_unaccent (COPY = pg_catalog.german);
        ALTER TEXT SEARCH CONFIGURATION german_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, german_stem;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'english_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = pg_catalog.english);
        ALTER TEXT SEARCH CONFIGURATION english_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, english_stem;
    END IF;
END
$$;
"""

DROP_SQL = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS german_unaccent;
DROP FUNCTION IF EXISTS portal_unaccent(text);
"""


class ImmutableUnaccent(Func):
    """``portal_unaccent(text)``: unaccent() that may stand in generated columns and indexes."""

    function = "portal_unaccent"
    output_field = TextField()


class TextJoin(Func):
    """The given text columns joined with spaces, NULLs as empty: an IMMUTABLE concat_ws."""

    arg_joiner = " || ' ' || "
    template = "(%(expressions)s)"
    output_field = TextField()

    def __init__(self, *expressions, **extra):
        super().__init__(
            *(
                Coalesce(expression, Value(""), output_field=TextField())
                for expression in expressions
            ),
            **extra,
        )
