"""The static files' storage: whitenoise's compressed manifest storage, each address worked out
once per process.

``{% static %}`` asks the storage for a file's address on every rendering: the manifest storage
looks the hashed name up and builds the address (splitting, unquoting and joining it) each time,
about 12 µs per tag, three of them in every page's layout. The manifest does not change while a
process runs (``collectstatic`` writes it for the next start), so the address of a name is kept
after its first use (issue 17, round 6; docs/performance.md).
"""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

__all__ = ["PortalStaticFilesStorage"]

#: More names than the templates use: past this the kept addresses start over (bounded memory even
#: if code ever asked for addresses of names built at run time).
MAX_KEPT = 2_000


class PortalStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """:class:`whitenoise.storage.CompressedManifestStaticFilesStorage` with each name's address
    kept per process; unknown names still raise (``manifest_strict``) and are not kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        key = (name, settings.DEBUG)  # with DEBUG the storage answers unhashed addresses
        try:
            return self._urls[key]
        except KeyError:
            pass
        address = super().url(name)
        if len(self._urls) >= MAX_KEPT:
            self._urls = {}
        self._urls[key] = address
        return address

    def post_process(self, *args, **kwargs):
        """``collectstatic`` in this process: the hashed names change, forget the addresses."""
        self._urls = {}
        yield from super().post_process(*args, **kwargs)
        self._urls = {}
