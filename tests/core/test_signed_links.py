"""Signed links (munich_portal/core/signed_links.py): genuine, tampered, expired, garbage."""

import datetime as dt

import pytest
from django.core import signing

from munich_portal.core import signed_links

SALT = "tests.link"
DAY = dt.timedelta(days=1)


def flip(token: str) -> str:
    """The token with its last character changed."""
    return token[:-1] + ("B" if token[-1] == "A" else "A")


def at(monkeypatch, moment: float) -> None:
    monkeypatch.setattr("django.core.signing.time.time", lambda: moment)


def test_a_genuine_link_gives_its_value():
    token = signed_links.sign("abc123", salt=SALT)
    assert signed_links.unsign(token, salt=SALT, max_age=DAY) == "abc123"
    assert signed_links.unsign(token, salt=SALT, max_age=None) == "abc123"


@pytest.mark.parametrize(
    "mangle",
    [
        flip,  # signature
        lambda t: "abd" + t[3:],  # value
        lambda t: t.rsplit(":", 1)[0],  # no signature
        lambda t: t + "0",
    ],
)
def test_a_tampered_link_is_refused(mangle):
    token = signed_links.sign("abc123", salt=SALT)
    assert signed_links.unsign(mangle(token), salt=SALT, max_age=None) is None
    assert signed_links.unsign(mangle(token), salt=SALT, max_age=DAY) is None


def test_a_link_of_another_salt_is_refused():
    token = signed_links.sign("abc123", salt="tests.other")
    assert signed_links.unsign(token, salt=SALT, max_age=None) is None


@pytest.mark.parametrize(
    "garbage", [None, 7, ["x"], b"abc", "", ":", "::", "\x00" * 500, "a:b:c:d", "é:ü"]
)
def test_garbage_is_refused_without_raising(garbage):
    assert signed_links.unsign(garbage, salt=SALT, max_age=None) is None
    assert signed_links.unsign(garbage, salt=SALT, max_age=DAY) is None


def test_overlong_input_is_cut_before_checking():
    token = signed_links.sign("abc123", salt=SALT)
    assert signed_links.unsign(token + "x" * 10_000, salt=SALT, max_age=None) is None
    assert len(token) < signed_links.MAX_LENGTH


def test_expiry_is_exact(monkeypatch):
    at(monkeypatch, 1_000_000.0)
    token = signed_links.sign("abc123", salt=SALT)
    at(monkeypatch, 1_000_000.0 + DAY.total_seconds())
    assert signed_links.unsign(token, salt=SALT, max_age=DAY) == "abc123"
    at(monkeypatch, 1_000_000.0 + DAY.total_seconds() + 1)
    with pytest.raises(signed_links.Expired):
        signed_links.unsign(token, salt=SALT, max_age=DAY)
    # A link that never expires ignores its age.
    assert signed_links.unsign(token, salt=SALT, max_age=None) == "abc123"


def test_an_expired_tampered_link_is_refused_not_expired(monkeypatch):
    at(monkeypatch, 1_000_000.0)
    token = signed_links.sign("abc123", salt=SALT)
    at(monkeypatch, 9_000_000.0)
    assert signed_links.unsign(flip(token), salt=SALT, max_age=DAY) is None


def test_links_without_a_time_still_work_where_links_never_expire():
    """Links signed before the kernel (plain ``Signer``) are in e-mails and on letters."""
    old = signing.Signer(salt=SALT).sign("abc123")
    assert signed_links.unsign(old, salt=SALT, max_age=None) == "abc123"
    # An expiring link needs its time: without one it is refused.
    assert signed_links.unsign(old, salt=SALT, max_age=DAY) is None
    assert signed_links.unsign(flip(old), salt=SALT, max_age=None) is None


def test_values_with_the_separator_are_refused_when_signing():
    with pytest.raises(ValueError):
        signed_links.sign("a:b", salt=SALT)
