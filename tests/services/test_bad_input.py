"""No input causes a server error: odd queries, filters, page numbers and addresses."""

import pytest

pytestmark = pytest.mark.django_db

ODD_PATHS = [
    "/dienstleistungen/?q=" + "Personalausweis " * 700,  # about 10,000 characters
    "/dienstleistungen/?q=" + "x" * 10_000,
    "/dienstleistungen/?q=%00%00Perso%00",
    "/dienstleistungen/?q=%27%3B%20DROP%20TABLE%20services_service%3B--",
    "/dienstleistungen/?q=a%20%26%20b%20%7C%20!c%20%3A*%20%3C-%3E",  # tsquery syntax
    "/dienstleistungen/?q=%25%25%25_%5C",
    "/dienstleistungen/?q=%F0%9F%90%95",  # an emoji
    "/dienstleistungen/?q=%E2%80%8B",  # zero-width space
    "/dienstleistungen/?q=%C3%9F",
    "/dienstleistungen/?q=der%20die%20das",  # stop words only
    "/dienstleistungen/?q=anmelden&seite=-3",
    "/dienstleistungen/?q=anmelden&seite=abc",
    "/dienstleistungen/?q=anmelden&seite=99999999999999999999",
    "/dienstleistungen/?q=anmelden&seite=500",
    "/dienstleistungen/?lebenslage=gibt-es-nicht",
    "/dienstleistungen/?lebenslage=%00",
    "/dienstleistungen/?dienststelle=x&thema=y&online=vielleicht",
    "/dienstleistungen/?q=anmelden&q=abmelden",
    "/dienstleistungen/?buchstabe=%00",
    "/dienstleistungen/?buchstabe=%F0%9F%90%95",
    "/dienstleistungen/?buchstabe=" + "A" * 5000,
    "/dienstleistungen/?unbekannt=1",
    "/dienstleistungen/wohnsitz-anmelden/?sprache=%00",
    "/lebenslagen/umzug/?seite=%00",
    "/dienststellen/buergerbuero-pasing/?seite=-1",
    "/dienstleistungen/vorschlaege/?q=" + "y" * 10_000,
    "/dienstleistungen/vorschlaege/?q=%00",
    "/dienstleistungen/vorschlaege/",
    "/en/dienstleistungen/?q=%00identity",
]


@pytest.mark.parametrize("path", ODD_PATHS, ids=lambda path: path[:60])
def test_odd_input_never_causes_a_server_error(client, catalogue, path):
    response = client.get(path)
    assert response.status_code == 200


def test_long_query_is_shortened_not_echoed(client, catalogue):
    """The page shows and links the query cut to 200 characters."""
    response = client.get("/dienstleistungen/?q=" + "x" * 10_000)
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert "x" * 200 in main
    assert "x" * 201 not in main


def test_nul_bytes_are_removed_from_the_query(client, catalogue):
    html = client.get("/dienstleistungen/?q=%00%00Perso%00").content.decode()
    assert "\x00" not in html
    assert "Personalausweis beantragen" in html


def test_page_beyond_the_end_shows_no_results_without_error(client, catalogue):
    html = client.get("/dienstleistungen/?q=anmelden&seite=500").content.decode()
    assert "<h1>" in html
    assert 'class="search-summary"' in html


@pytest.mark.parametrize(
    "path",
    ["/dienstleistungen/%00/", "/dienstleistungen/" + "a" * 300 + "/", "/lebenslagen/%E2%80%8B/"],
)
def test_odd_slugs_are_404(client, catalogue, path):
    assert client.get(path).status_code == 404
