"""What the German pages say for an English message id, whatever state the translations are in."""

from django.utils import translation
from django.utils.translation import gettext, ngettext


def de(message: str, **values) -> str:
    with translation.override("de"):
        text = gettext(message)
    return text % values if values else text


def de_n(singular: str, plural: str, count: int, **values) -> str:
    with translation.override("de"):
        return ngettext(singular, plural, count) % {"counter": count, **values}
