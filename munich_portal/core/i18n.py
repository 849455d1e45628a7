"""German first, English second: the active language and fields that follow it.

Every text a resident reads exists in German (``*_de``, required where it matters) and English
(``*_en``, optional). :class:`Translated` picks the active language's column and falls back to
German, so templates write ``service.name`` and get the right one.
"""

from dataclasses import dataclass

from django.utils.translation import get_language

__all__ = ["Named", "Translated", "active_language"]


def active_language() -> str:
    """``"en"`` under /en/, otherwise ``"de"`` (German is the fallback for everything)."""
    return "en" if (get_language() or "de").startswith("en") else "de"


class Translated:
    """``obj.name`` reads ``name_en`` in English when it is filled in, else ``name_de``."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if active_language() == "en":
            value = getattr(instance, f"{self.name}_en", "")
            if value:
                return value
        return getattr(instance, f"{self.name}_de")


@dataclass(frozen=True)
class Named:
    """A name in both languages, read without its model (:mod:`munich_portal.core.prepared`):
    ``name`` follows the page's language like a model's, and so does ``lang_fallback``."""

    name_de: str
    name_en: str
    name = Translated()
