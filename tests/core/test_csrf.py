"""CSRF tokens masked with one draw of randomness (munich_portal/core/csrf.py, issue 17, round 6):
the same tokens Django's middleware checks, drawn without bias."""

import collections
import re

import pytest
from django.conf import settings
from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token
from django.test import Client, RequestFactory

from munich_portal.core import csrf

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_random_strings_have_the_length_and_alphabet_and_differ():
    drawn = {csrf.random_csrf_string() for _ in range(200)}

    assert len(drawn) == 200
    assert all(len(value) == 32 and set(value) <= set(CSRF_ALLOWED_CHARS) for value in drawn)


def test_every_character_is_about_equally_likely():
    """62 characters from bytes: without dropping the bytes from 248 on, the first eight
    characters would come 5/4 as often as the others. 200,000 draws: each expected 3,226 times,
    standard deviation about 56 (so chance stays far below 400); with that bias the first eight
    would come about 3,906 times (680 more), which cannot pass."""
    counts = collections.Counter("".join(csrf.random_csrf_string(100) for _ in range(2_000)))

    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    expected = 200_000 / 62
    assert max(abs(count - expected) for count in counts.values()) < 400


def test_the_token_unmasks_to_the_cookies_secret_and_is_new_each_time():
    request = RequestFactory().get("/")
    secret = csrf.random_csrf_string()
    request.META["CSRF_COOKIE"] = secret

    tokens = [csrf.get_token(request) for _ in range(5)]

    assert len(set(tokens)) == 5
    assert all(len(token) == 64 and _unmask_cipher_token(token) == secret for token in tokens)
    # The cookie goes out again with the response, its expiry renewed (as with Django's).
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_without_a_cookie_a_new_secret_is_made_for_the_middleware_to_set():
    request = RequestFactory().get("/")

    token = csrf.get_token(request)

    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == 32 and set(secret) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_the_settings_put_it_after_djangos_own():
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    assert processors[-1] == "munich_portal.core.csrf.csrf"


@pytest.mark.django_db
def test_a_first_visit_gets_a_cookie_and_a_token_djangos_middleware_accepts():
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get("/darstellung/")

    assert page.status_code == 200
    secret = page.cookies[settings.CSRF_COOKIE_NAME].value
    token = TOKEN.search(page.text).group(1)
    assert _unmask_cipher_token(token) == secret
    saved = visitor.post(
        "/darstellung/", {"csrfmiddlewaretoken": token, "text_size": "large", "seite": ""}
    )
    assert saved.status_code == 302

    # The next page's token is a new mask of the same secret.
    again = visitor.get("/darstellung/")
    second = TOKEN.search(again.text).group(1)
    assert second != token
    assert _unmask_cipher_token(second) == secret


@pytest.mark.django_db
def test_a_wrong_token_is_still_refused():
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/darstellung/")
    token = TOKEN.search(page.text).group(1)
    forged = token[:32] + ("A" if token[32] != "A" else "B") + token[33:]

    refused = visitor.post(
        "/darstellung/", {"csrfmiddlewaretoken": forged, "text_size": "large", "seite": ""}
    )

    assert refused.status_code == 403
