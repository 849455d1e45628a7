"""CSRF tokens for forms, masked with one draw of randomness instead of 32 (issue 17, round 6).

Django masks the CSRF secret anew for every response that shows a form (BREACH), drawing the
32 characters of the mask one by one (``get_random_string``: 32 ``SystemRandom`` draws, each an
``os.urandom`` call that releases the interpreter lock). That is about 48 µs for every page with
a form — the log-out button puts one in every logged-in page's layout — and 32 chances per
request for another thread to take the lock under load (py-spy showed threads waiting there). A
first visit drew the secret the same way. Here both are drawn with one ``os.urandom`` call each,
without bias (bytes of 248 or more are dropped: 248 is four times the 62 characters).

:func:`get_token` does what :func:`django.middleware.csrf.get_token` does — the secret from the
cookie, or a new one that ``CsrfViewMiddleware`` then sets as the cookie, with the same request
flags — and masks it the same way; Django's middleware checks the tokens
(tests/core/test_csrf.py sends them through it). The ``csrf`` context processor in the settings
puts it into every template's context after Django's own, so ``{% csrf_token %}`` uses it.
"""

from __future__ import annotations

import os

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.functional import SimpleLazyObject

__all__ = ["csrf", "get_token", "random_csrf_string"]

_CHARS = CSRF_ALLOWED_CHARS
_COUNT = len(_CHARS)
_INDEX = {char: index for index, char in enumerate(_CHARS)}
#: Bytes below this map to a character without bias (the largest multiple of 62 up to 256).
_LIMIT = 256 - 256 % _COUNT


def random_csrf_string(length: int = CSRF_SECRET_LENGTH) -> str:
    """``length`` characters of CSRF_ALLOWED_CHARS, each equally likely, from one ``os.urandom``
    call (another only in the rare case that too many bytes were dropped)."""
    chars: list[str] = []
    while len(chars) < length:
        chars.extend(_CHARS[byte % _COUNT] for byte in os.urandom(length + 8) if byte < _LIMIT)
    return "".join(chars[:length])


def _masked(secret: str) -> str:
    mask = random_csrf_string(len(secret))
    pairs = zip(secret, mask, strict=True)
    return mask + "".join(_CHARS[(_INDEX[char] + _INDEX[key]) % _COUNT] for char, key in pairs)


def get_token(request) -> str:
    """The masked CSRF token for a form in the response to ``request`` (Django's ``get_token``):
    the cookie's secret, or a new secret the middleware sets as the cookie; either way the cookie
    is sent again (its expiry renewed)."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = random_csrf_string()
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return _masked(secret)


def csrf(request) -> dict:
    """Context processor: ``csrf_token`` from :func:`get_token`, only when a template uses it."""
    return {"csrf_token": SimpleLazyObject(lambda: get_token(request))}
