"""Meine Daten's one shared part (issue 17): the unfilled filter form is a fragment, the same for
everyone; a filled form is the resident's own and is rendered for them each time."""

import pytest

from munich_portal.core import page_cache
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _filter_form(html: str) -> str:
    return html.split('class="form uses-filter"', 1)[1].split("</form>", 1)[0]


def test_a_filled_form_is_never_shown_to_the_next_visitor(client):
    page_cache.clear()
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    unfilled = _filter_form(client.get("/meine-daten/").text)
    filled = _filter_form(client.get("/meine-daten/", {"von": "2026-01-02"}).text)
    assert 'value="2026-01-02"' in filled and 'value="2026-01-02"' not in unfilled
    client.force_login(second)
    again = _filter_form(client.get("/meine-daten/").text)
    assert again == unfilled
    # The kept form is the unfilled one, in each language.
    english = _filter_form(client.get("/en/meine-daten/").text)
    assert "Purpose" in english and "Purpose" not in unfilled and "Zweck" in unfilled
