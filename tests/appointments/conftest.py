from tests.services.conftest import _empty_page_cache  # noqa: F401  (office pages are cached)
