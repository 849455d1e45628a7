"""Display preferences: what they are, how a cookie holds them, which classes they put on <html>.

A visitor chooses text size, contrast, spacing and motion at /darstellung/ (issue 8, item 1).
Guests keep the choice in the cookie :data:`COOKIE_NAME`; residents in
:class:`accessibility.models.DisplayPreference`. Every page applies it as classes on ``<html>``
(``templates/base.html``), which ``static/css/portal.css`` turns into custom-property values.

The cookie value is a short list of ``key:value`` pairs joined by ``|`` (characters that need no
quoting in a cookie), holding only what differs from the default, e.g. ``text:large|contrast:high``.
:func:`parse` is strict: an unknown key or value, a repeated key or anything too long makes the
whole cookie count as absent, so a forged cookie can neither inject a class nor multiply the
anonymous page cache's entries (the cache key uses the canonical form, see the middleware).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "COOKIE_MAX_AGE",
    "COOKIE_NAME",
    "DEFAULT",
    "Contrast",
    "Motion",
    "Preferences",
    "Spacing",
    "TextSize",
    "parse",
]

COOKIE_NAME = "portal_display"
# A year: a setting someone needs to read the portal should not silently expire.
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
# Four pairs of at most 17 characters and three separators; anything longer is not ours.
_MAX_COOKIE_LENGTH = 80


class TextSize(models.TextChoices):
    NORMAL = "normal", _("Normal")
    LARGE = "large", _("Large (125 %)")
    LARGER = "larger", _("Larger (150 %)")


class Contrast(models.TextChoices):
    STANDARD = "standard", _("Standard")
    HIGH = "high", _("High contrast")


class Spacing(models.TextChoices):
    NORMAL = "normal", _("Normal")
    INCREASED = "increased", _("Increased line, letter and word spacing")


class Motion(models.TextChoices):
    STANDARD = "standard", _("Standard")
    REDUCED = "reduced", _("Reduce motion (no animations or transitions)")


@dataclass(frozen=True)
class Preferences:
    """One visitor's display preferences; the defaults are the portal's normal look."""

    text: str = TextSize.NORMAL
    contrast: str = Contrast.STANDARD
    spacing: str = Spacing.NORMAL
    motion: str = Motion.STANDARD

    # Allowed values per attribute, in the order the cookie writes them.
    CHOICES = {
        "text": TextSize,
        "contrast": Contrast,
        "spacing": Spacing,
        "motion": Motion,
    }

    def __post_init__(self):
        for name, choices in self.CHOICES.items():
            if getattr(self, name) not in choices.values:
                raise ValueError(f"Unknown {name} preference: {getattr(self, name)!r}")

    @property
    def is_default(self) -> bool:
        return self == DEFAULT

    def html_class(self) -> str:
        """The classes for ``<html>``: ``pref-text-large pref-contrast-high`` and so on.

        Defaults add no class, so the normal page carries none.
        """
        classes = []
        if self.text != TextSize.NORMAL:
            classes.append(f"pref-text-{self.text}")
        if self.contrast == Contrast.HIGH:
            classes.append("pref-contrast-high")
        if self.spacing == Spacing.INCREASED:
            classes.append("pref-spacing-increased")
        if self.motion == Motion.REDUCED:
            classes.append("pref-motion-reduced")
        return " ".join(classes)

    def cookie_value(self) -> str:
        """The canonical cookie value: the non-default pairs in a fixed order ("" for defaults)."""
        return "|".join(
            f"{field.name}:{getattr(self, field.name)}"
            for field in fields(self)
            if getattr(self, field.name) != field.default
        )

    def as_dict(self) -> dict[str, str]:
        return {field.name: str(getattr(self, field.name)) for field in fields(self)}

    def with_values(self, **values) -> Preferences:
        return replace(self, **values)


DEFAULT = Preferences()


def parse(value: str | None) -> Preferences | None:
    """The preferences a cookie value holds, or ``None`` when it is absent or not valid.

    Only exact, known ``key:value`` pairs are accepted, each key once; an empty value is the
    default. Anything else is ignored as a whole rather than applied in part.
    """
    if value is None:
        return None
    if value == "":
        return DEFAULT
    if len(value) > _MAX_COOKIE_LENGTH:
        return None
    values: dict[str, str] = {}
    for pair in value.split("|"):
        key, separator, choice = pair.partition(":")
        if not separator or key in values or key not in Preferences.CHOICES:
            return None
        if choice not in Preferences.CHOICES[key].values:
            return None
        values[key] = choice
    return Preferences(**values)
