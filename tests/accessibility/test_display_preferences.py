"""Display preferences at /darstellung/ (issue 8, item 1): a plain form, a cookie for guests, the
account for residents, classes on <html> on every page, and a page cache that varies by them."""

import re

import pytest

from accessibility import preferences as prefs
from accessibility.models import DisplayPreference
from munich_portal.core import page_cache
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/darstellung/"
PAGE = "/impressum/"


def html_classes(response) -> set[str]:
    match = re.search(r'<html lang="[^"]*" class="([^"]*)"', response.text)
    assert match, "no <html> element with a class attribute"
    return set(match[1].split())


def with_cookie(client, value):
    client.cookies[prefs.COOKIE_NAME] = value
    return client


# --- the cookie format --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected_class"),
    [
        ({"text": "large"}, "pref-text-large"),
        ({"text": "larger"}, "pref-text-larger"),
        ({"contrast": "high"}, "pref-contrast-high"),
        ({"spacing": "increased"}, "pref-spacing-increased"),
        ({"motion": "reduced"}, "pref-motion-reduced"),
    ],
)
def test_each_preference_yields_its_class_on_every_page(client, values, expected_class):
    """A guest's cookie with one preference puts exactly its class on <html>."""
    cookie = prefs.Preferences(**values).cookie_value()
    response = with_cookie(client, cookie).get(PAGE)
    assert html_classes(response) == {expected_class}


def test_all_preferences_together():
    chosen = prefs.Preferences(
        text="larger", contrast="high", spacing="increased", motion="reduced"
    )
    assert chosen.cookie_value() == "text:larger|contrast:high|spacing:increased|motion:reduced"
    assert prefs.parse(chosen.cookie_value()) == chosen
    assert chosen.html_class().split() == [
        "pref-text-larger",
        "pref-contrast-high",
        "pref-spacing-increased",
        "pref-motion-reduced",
    ]


def test_defaults_put_no_class_and_no_cookie_value():
    assert prefs.DEFAULT.html_class() == ""
    assert prefs.DEFAULT.cookie_value() == ""


@pytest.mark.parametrize(
    "forged",
    [
        "text:huge",
        "contrast:high|contrast:high",
        "colour:red",
        "text:large|",
        "text:large;contrast:high",
        'text:large" onload="x',
        "text:large|spacing:increased " + "x" * 100,
        "TEXT:LARGE",
        "text",
    ],
)
def test_invalid_cookie_values_are_ignored(client, forged):
    """A cookie that is not exactly ours counts as absent: no class, nothing echoed."""
    assert prefs.parse(forged) is None
    response = with_cookie(client, forged).get(PAGE)
    assert html_classes(response) == set()
    assert "onload" not in response.text


# --- the form -----------------------------------------------------------------------------------


def test_form_shows_the_current_choice_and_works_without_javascript(client):
    """The page is a plain form: radio buttons per preference, the current ones checked."""
    response = with_cookie(client, "contrast:high").get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["contrast"] == "high"
    assert form.initial["text"] == "normal"
    assert 'type="radio" name="contrast" value="high"' in response.text
    assert "<script" not in response.text.split("<main", 1)[1]


def test_guest_choice_is_stored_in_a_long_lived_lax_cookie(client):
    """POST stores the canonical value for a year, SameSite=Lax, and redirects back (PRG)."""
    response = client.post(
        URL, {"text": "large", "contrast": "high", "spacing": "normal", "motion": "standard"}
    )
    assert response.status_code == 302
    assert response["Location"] == URL
    morsel = response.cookies[prefs.COOKIE_NAME]
    assert morsel.value == "text:large|contrast:high"
    assert int(morsel["max-age"]) == prefs.COOKIE_MAX_AGE
    assert morsel["samesite"] == "Lax"
    assert morsel["path"] == "/"
    assert html_classes(client.get(PAGE)) == {"pref-text-large", "pref-contrast-high"}


def test_saving_says_where_the_choice_is_kept(client):
    response = client.post("/en/darstellung/", {"text": "large"}, follow=True)
    assert "saved in this browser" in response.text


def test_saving_returns_to_the_form_with_the_page_to_go_back_to(client):
    """The header link carries the current page; after saving, the form links back to it."""
    response = client.post(URL, {"text": "larger", "seite": "/kontakt/"})
    assert response["Location"] == "/darstellung/?seite=%2Fkontakt%2F"
    page = client.get(response["Location"])
    assert 'href="/kontakt/">' in page.text


def test_foreign_return_address_is_dropped(client):
    response = client.post(URL, {"text": "larger", "seite": "https://evil.example/"})
    assert response["Location"] == URL
    page = client.get(URL + "?seite=//evil.example/")
    assert page.context["back_to"] == ""
    assert 'href="//evil.example/"' not in page.text


def test_choosing_the_defaults_removes_the_cookie(client):
    with_cookie(client, "contrast:high")
    response = client.post(URL, {"text": "normal", "contrast": "standard"})
    assert response.cookies[prefs.COOKIE_NAME].value == ""
    assert response.cookies[prefs.COOKIE_NAME]["max-age"] == 0


def test_reset_restores_the_normal_display(client):
    """The reset button deletes the cookie, whatever the other fields say."""
    with_cookie(client, "text:larger|motion:reduced")
    response = client.post(URL, {"text": "larger", "action": "reset"})
    assert response.status_code == 302
    assert response.cookies[prefs.COOKIE_NAME]["max-age"] == 0
    assert html_classes(client.get(PAGE)) == set()


def test_invalid_choice_is_a_form_error_and_sets_nothing(client):
    """A value that is not offered (a forged POST) gets an error summary, no cookie, no 500."""
    response = client.post("/en/darstellung/", {"text": "gigantic", "contrast": "high"})
    assert response.status_code == 400
    assert prefs.COOKIE_NAME not in response.cookies
    assert 'class="error-summary"' in response.text
    assert response.context["form"].errors["text"]


def test_get_and_post_only(client):
    assert client.put(URL).status_code == 405


# --- residents ----------------------------------------------------------------------------------


def test_resident_choice_is_stored_in_the_account_not_a_cookie(client):
    resident = UserFactory()
    client.force_login(resident)
    response = client.post(URL, {"spacing": "increased", "motion": "reduced"})
    assert response.status_code == 302
    assert prefs.COOKIE_NAME not in response.cookies
    stored = DisplayPreference.objects.get(user=resident)
    assert (stored.spacing, stored.motion, stored.text_size) == ("increased", "reduced", "normal")
    assert html_classes(client.get(PAGE)) == {"pref-spacing-increased", "pref-motion-reduced"}


def test_the_account_wins_over_the_device_cookie_once_logged_in(client):
    """A guest cookie says large text; after login, the account's stored choice applies."""
    resident = UserFactory()
    DisplayPreference.objects.create(user=resident, contrast="high")
    with_cookie(client, "text:large")
    assert html_classes(client.get(PAGE)) == {"pref-text-large"}
    client.force_login(resident)
    assert html_classes(client.get(PAGE)) == {"pref-contrast-high"}


def test_without_stored_preferences_a_resident_keeps_the_device_cookie(client):
    client.force_login(UserFactory())
    with_cookie(client, "text:large")
    assert html_classes(client.get(PAGE)) == {"pref-text-large"}


def test_resident_reset_deletes_the_stored_preferences(client):
    resident = UserFactory()
    DisplayPreference.objects.create(user=resident, text_size="larger")
    client.force_login(resident)
    client.post(URL, {"action": "reset"})
    assert not DisplayPreference.objects.filter(user=resident).exists()
    assert html_classes(client.get(PAGE)) == set()


def test_stored_preferences_are_erased_with_the_account():
    """The row is declared personal data (subject: the user) and deleted on erasure."""
    from munich_portal.audit.actions import erase_subject

    resident = UserFactory()
    DisplayPreference.objects.create(user=resident, contrast="high")
    erase_subject(user=resident, reason="request")
    assert not DisplayPreference.objects.filter(user=resident).exists()


def test_database_refuses_unknown_values():
    """The CHECK constraint keeps forged values out even past the form."""
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        DisplayPreference.objects.create(user=UserFactory(), text_size="huge")


# --- the anonymous page cache -------------------------------------------------------------------


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    page_cache.clear()
    yield
    page_cache.clear()


def served_from_cache(response) -> bool:
    """A page served from the page cache rendered no template."""
    return not response.templates


def test_page_cache_keys_vary_by_the_preference_cookie(client, page_cache_on):
    """A guest with high contrast never gets the page cached for guests without it, and back."""
    assert html_classes(client.get(PAGE)) == set()
    contrast = with_cookie(client, "contrast:high").get(PAGE)
    assert html_classes(contrast) == {"pref-contrast-high"}
    assert not served_from_cache(contrast)
    client.cookies.pop(prefs.COOKIE_NAME)
    default = client.get(PAGE)
    assert html_classes(default) == set()
    assert served_from_cache(default)
    contrast = with_cookie(client, "contrast:high").get(PAGE)
    assert html_classes(contrast) == {"pref-contrast-high"}
    assert served_from_cache(contrast)


def test_forged_cookies_do_not_multiply_cache_entries(client, page_cache_on):
    """Invalid or default cookies share the default entry, so the cache cannot be flooded."""
    client.get(PAGE)
    for forged in ["x", "text:huge", "text:normal", "contrast:standard", "", "a" * 70]:
        response = with_cookie(client, forged).get(PAGE)
        assert html_classes(response) == set()
        assert served_from_cache(response), forged
    # The same preferences spelled in another order are one entry, too.
    assert not served_from_cache(with_cookie(client, "contrast:high|text:large").get(PAGE))
    assert served_from_cache(with_cookie(client, "text:large|contrast:high").get(PAGE))
