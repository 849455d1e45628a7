"""The catalogue pages: structure, content, languages, 404s and a constant number of queries."""

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from munich_portal.core import page_cache
from services.models import Service
from tests.services.factories import (
    LifeSituationFactory,
    OfficeFactory,
    OpeningExceptionFactory,
    ServiceFactory,
    TopicFactory,
)
from tests.services.text import de, de_n

pytestmark = pytest.mark.django_db

PAGES = [
    "/dienstleistungen/",
    "/dienstleistungen/?buchstabe=W",
    "/dienstleistungen/?q=anmelden",
    "/dienstleistungen/?q=Xylophonreparatur",
    "/dienstleistungen/wohnsitz-anmelden/",
    "/lebenslagen/",
    "/lebenslagen/umzug/",
    "/dienststellen/",
    "/dienststellen/buergerbuero-pasing/",
    "/open-data/",
]


def main_html(response) -> str:
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_page_has_one_h1_breadcrumbs_and_title(client, catalogue, prefix, path):
    """Every catalogue page: 200, one h1, a breadcrumb trail and a title, in both languages."""
    response = client.get(prefix + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'class="breadcrumbs' in html
    assert re.search(r"<title>\S.*</title>", html)
    assert f'<html lang="{prefix.strip("/") or "de"}"' in html


def test_catalogue_start_lists_life_situations_topics_letters_and_popular(client, catalogue):
    html = main_html(client.get("/dienstleistungen/"))
    assert 'href="/lebenslagen/umzug/"' in html
    assert 'href="/dienstleistungen/?thema=ausweise"' in html
    assert 'href="?buchstabe=W"' in html
    assert 'href="?buchstabe=F"' in html
    # popular services in their rank order
    assert html.index("Wohnsitz anmelden") < html.index("Personalausweis beantragen")
    assert "Geheimer Entwurf" not in html


def test_letter_lists_services_starting_with_it(client, catalogue):
    html = main_html(client.get("/dienstleistungen/?buchstabe=W"))
    assert "Wohnsitz abmelden" in html
    assert "Wohnsitz anmelden" in html
    assert "Reisepass beantragen" not in html


def test_umlaut_names_are_listed_under_their_base_letter(client, catalogue):
    ServiceFactory(slug="aenderung", name_de="Änderung der Meldedaten")
    assert "Änderung der Meldedaten" in main_html(client.get("/dienstleistungen/?buchstabe=A"))


def test_unknown_letter_shows_the_start_page(client, catalogue):
    response = client.get("/dienstleistungen/?buchstabe=%C3%9F")
    assert response.status_code == 200
    assert de("Popular services") in response.content.decode()


def test_results_page_lists_matches_with_count(client, catalogue):
    html = main_html(client.get("/dienstleistungen/?q=anmelden"))
    assert (
        de_n(
            "%(counter)s service found for “%(query)s”.",
            "%(counter)s services found for “%(query)s”.",
            2,
            query="anmelden",
        )
        in html
    )
    assert html.index("Wohnsitz anmelden") < html.index("Wohnsitz abmelden")


def test_no_results_page_offers_help(client, catalogue):
    """No results: a clear message, did-you-mean, popular services and life situations."""
    html = main_html(client.get("/dienstleistungen/?q=Reisepasz%20Mondflug"))
    assert de("No services found for “%(query)s”.", query="Reisepasz Mondflug") in html
    assert de("Did you mean:") in html
    assert 'href="?q=reisepass' in html
    assert de("Popular services") in html
    assert 'href="/lebenslagen/umzug/"' in html


def test_corrected_query_is_announced(client, catalogue):
    html = main_html(client.get("/dienstleistungen/?q=Persnalausweis"))
    assert 'class="notice"' in html
    assert "personalausweis" in html.split('class="notice"', 1)[1].split("</p>", 1)[0]
    assert "Personalausweis beantragen" in html


def test_search_filters_are_shown_and_applied(client, catalogue):
    html = main_html(client.get("/dienstleistungen/?q=anmelden&dienststelle=buergerbuero-pasing"))
    assert (
        de_n(
            "%(counter)s service found for “%(query)s”.",
            "%(counter)s services found for “%(query)s”.",
            1,
            query="anmelden",
        )
        in html
    )
    assert '<option value="buergerbuero-pasing" selected>' in html
    assert de("Filtered by:") in html


def test_detail_page_is_structured_like_gov_uk(client, catalogue):
    """What you need, what it costs, where to go (with address, open-now, accessibility)."""
    html = main_html(client.get("/dienstleistungen/wohnsitz-anmelden/"))
    for heading in ["Overview", "What it costs", "Where to go"]:
        assert f">{de(heading)}</h2>" in html
    assert "Landsberger Straße 486" in html
    assert "open-status" in html
    assert de("Step-free entrance") in html
    assert 'href="/dienststellen/buergerbuero-pasing/"' in html
    assert de("Related services") in html
    assert 'href="/dienstleistungen/wohnsitz-abmelden/"' in html


def test_detail_page_offers_online_application(client, catalogue):
    html = main_html(client.get("/dienstleistungen/fahrzeug-zulassen/"))
    assert 'href="https://www.muenchen.de/kfz-online"' in html
    assert 'class="apply-online"' in html


def test_detail_page_has_government_service_json_ld(client, catalogue):
    html = client.get("/dienstleistungen/wohnsitz-anmelden/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "Wohnsitz anmelden"
    locations = data["availableChannel"][0]["serviceLocation"]
    assert {location["@type"] for location in locations} == {"GovernmentOffice"}
    assert locations[0]["address"]["@type"] == "PostalAddress"


def test_json_ld_cannot_close_the_script_element(client, catalogue):
    """A name with "</script>" stays inside the data block (escaped like json_script)."""
    ServiceFactory(slug="boese", name_de="Böse </script><script>alert(1)</script>")
    html = client.get("/dienstleistungen/boese/").content.decode()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    assert json.loads(block)["name"].startswith("Böse </script>")


def test_easy_language_toggle_works_without_javascript(client, catalogue):
    """?sprache=leicht shows the Leichte Sprache text; a link leads back."""
    standard = main_html(client.get("/dienstleistungen/wohnsitz-anmelden/"))
    assert 'href="/dienstleistungen/wohnsitz-anmelden/?sprache=leicht"' in standard
    easy = main_html(client.get("/dienstleistungen/wohnsitz-anmelden/?sprache=leicht"))
    assert "Dann melden Sie sich an." in easy
    assert 'lang="de"' in easy
    assert de("Show this page in standard language") in easy
    assert 'id="overview"' not in easy


def test_easy_language_parameter_is_ignored_without_easy_text(client, catalogue):
    html = main_html(client.get("/dienstleistungen/reisepass-beantragen/?sprache=leicht"))
    assert 'id="overview"' in html
    assert "Leichte Sprache" not in html


def test_english_page_shows_english_texts_and_marks_german_fallbacks(client, catalogue):
    html = main_html(client.get("/en/dienstleistungen/reisepass-beantragen/"))
    assert "Applying for a passport" in html
    assert "Bring a biometric photo" in html
    # no English short text: the German one, marked as German
    assert '<p class="lead" lang="de">Für Reisen außerhalb der EU' in html


def test_life_situation_page_lists_its_services(client, catalogue):
    html = main_html(client.get("/lebenslagen/umzug/"))
    assert de_n("%(counter)s service", "%(counter)s services", 3) in html
    assert "Wohnsitz anmelden" in html
    assert "Personalausweis beantragen" not in html


def test_office_page_shows_address_hours_exceptions_and_accessibility(client, catalogue):
    office = catalogue["offices"]["pasing"]
    today = dt.date.today()
    OpeningExceptionFactory(
        office=office, date=today + dt.timedelta(days=3), note_de="Betriebsausflug"
    )
    OpeningExceptionFactory(office=office, date=today + dt.timedelta(days=120), note_de="Später")
    response = client.get("/dienststellen/buergerbuero-pasing/")
    html = main_html(response)
    assert "Landsberger Straße 486" in html
    assert (
        'href="https://www.openstreetmap.org/?mlat=48.123456&amp;mlon=11.554321'
        '#map=18/48.123456/11.554321"' in html
    )
    assert "07:30\u201312:00, 14:00\u201318:00" in html  # Thursday
    assert "Betriebsausflug" in html
    assert "Später" not in html  # beyond the next weeks
    assert "open-status" in html
    assert de("Induction loop") in html
    assert de("not known") in html  # disabled parking: None
    assert 'href="tel:08923396000"' in html
    assert "Wohnsitz anmelden" in html  # services at this office
    data = json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
        ).group(1)
    )
    assert data["@type"] == "GovernmentOffice"
    assert len(data["openingHoursSpecification"]) == 6
    assert data["specialOpeningHoursSpecification"][0]["opens"] == "00:00"


def test_no_embedded_map_or_third_party_resources(client, catalogue):
    html = client.get("/dienststellen/buergerbuero-pasing/").content.decode()
    assert "<iframe" not in html
    assert not re.search(
        r'(src|href)="https?://(?!www\.openstreetmap\.org/\?)',
        html.replace('href="https://www.govdata.de', ""),
    )


@pytest.mark.parametrize(
    "path",
    [
        "/dienstleistungen/gibt-es-nicht/",
        "/dienstleistungen/entwurf-dienstleistung/",
        "/lebenslagen/gibt-es-nicht/",
        "/dienststellen/gibt-es-nicht/",
    ],
)
def test_unknown_and_unpublished_pages_are_404(client, catalogue, path):
    assert client.get(path).status_code == 404


def test_unpublished_office_is_404(client, catalogue):
    OfficeFactory(slug="geschlossen", status="draft")
    assert client.get("/dienststellen/geschlossen/").status_code == 404


def test_catalogue_pages_answer_head_and_refuse_post(client, catalogue):
    assert client.head("/dienstleistungen/").status_code == 200
    assert client.post("/dienstleistungen/").status_code == 405


# --- a constant number of queries --------------------------------------------------------------
def grow_catalogue(count: int, start: int = 0):
    """``count`` more published services spread over two offices, situations and topics."""
    situations = [LifeSituationFactory(slug=f"lage-{i}") for i in range(2)]
    topics = [TopicFactory(slug=f"thema-{i}") for i in range(2)]
    offices = [OfficeFactory(slug=f"amt-{i}") for i in range(2)]
    for office in offices:
        OpeningExceptionFactory(office=office, date=dt.date.today() + dt.timedelta(days=2))
    for number in range(start, start + count):
        ServiceFactory(
            slug=f"leistung-{number:03d}",
            name_de=f"Dienstleistung Nummer {number}",
            life_situations=situations,
            topics=topics,
            offices=offices,
            popular_rank=number,
        )


QUERY_PAGES = [
    "/dienstleistungen/",
    "/dienstleistungen/?buchstabe=D",
    "/dienstleistungen/?buchstabe=D&seite=2",
    "/dienstleistungen/?q=Dienstleistung",
    "/dienstleistungen/?q=Dienstleistung&lebenslage=lage-0&online=1",
    "/dienstleistungen/?q=Xylophonreparatur",
    "/dienstleistungen/?lebenslage=lage-1",
    "/dienstleistungen/leistung-001/",
    "/en/dienstleistungen/leistung-001/",
    "/lebenslagen/",
    "/lebenslagen/lage-0/",
    "/dienststellen/",
    "/dienststellen/amt-0/",
    "/open-data/",
    "/open-data/dienstleistungen.csv",
    "/open-data/dienstleistungen.json",
    "/open-data/dienststellen.csv",
    "/open-data/dienststellen.json",
    "/dienstleistungen/vorschlaege/?q=Dienst",
]
MAX_QUERIES = 12


def count_queries(client, path) -> int:
    page_cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200, path
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def test_every_page_makes_the_same_number_of_queries_with_3_or_30_services(
    client, django_assert_max_num_queries
):
    """Each page's queries do not grow with the data: at 30 services no more than at 3 (a search
    may need one query less when its strong matches fill the page), and never more than 12."""
    grow_catalogue(3)
    few = {path: count_queries(client, path) for path in QUERY_PAGES}
    grow_catalogue(27, start=3)
    assert Service.objects.published().count() == 30
    many = {path: count_queries(client, path) for path in QUERY_PAGES}
    grown = {path: (few[path], many[path]) for path in QUERY_PAGES if many[path] > few[path]}
    assert not grown, f"queries grew with the data: {grown}"
    for path in QUERY_PAGES:
        page_cache.clear()
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)


def test_cached_page_costs_one_query(client, catalogue, django_assert_num_queries):
    """The second anonymous request of a page reads only the catalogue version."""
    client.get("/dienstleistungen/wohnsitz-anmelden/")
    with django_assert_num_queries(1):
        response = client.get("/dienstleistungen/wohnsitz-anmelden/")
    assert "Wohnsitz anmelden" in response.content.decode()


def test_remembered_version_makes_a_hit_free_of_queries(
    client, catalogue, settings, django_assert_num_queries
):
    """Within PAGE_CACHE_VERSION_SECONDS a hit needs no database; an ORM save in this process is
    seen at once."""
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    client.get("/dienstleistungen/reisepass-beantragen/")
    with django_assert_num_queries(0):
        response = client.get("/dienstleistungen/reisepass-beantragen/")
    assert "Reisepass beantragen" in response.text
    service = catalogue["services"]["pass"]
    service.name_de = "Reisepass schnell beantragen"
    service.save()
    assert (
        "Reisepass schnell beantragen" in client.get("/dienstleistungen/reisepass-beantragen/").text
    )


def test_cached_page_changes_as_soon_as_the_catalogue_does(client, catalogue):
    """An edit (admin, action or bulk update) gives the next request the new content."""
    client.get("/dienstleistungen/wohnsitz-anmelden/")
    Service.objects.filter(slug="wohnsitz-anmelden").update(name_de="Wohnsitz neu anmelden")
    assert "Wohnsitz neu anmelden" in client.get("/dienstleistungen/wohnsitz-anmelden/").text
    office = catalogue["offices"]["pasing"]
    office.street = "Neue Straße 1"
    office.save()
    assert "Neue Straße 1" in client.get("/dienstleistungen/wohnsitz-anmelden/").text


def test_unpublishing_removes_a_cached_page(client, catalogue):
    assert client.get("/dienstleistungen/reisepass-beantragen/").status_code == 200
    Service.objects.filter(slug="reisepass-beantragen").update(status="draft")
    assert client.get("/dienstleistungen/reisepass-beantragen/").status_code == 404


def test_cached_page_is_sent_compressed_to_clients_that_accept_gzip(client, catalogue):
    import gzip

    plain = client.get("/dienstleistungen/")
    assert not plain.has_header("Content-Encoding")
    assert "Accept-Encoding" in plain["Vary"]
    hit = client.get("/dienstleistungen/", headers={"accept-encoding": "gzip, br"})
    assert not hit.templates  # served from the cache
    assert hit["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in hit["Vary"]
    assert gzip.decompress(hit.content) == plain.content
    plain_hit = client.get("/dienstleistungen/")
    assert not plain_hit.templates
    assert not plain_hit.has_header("Content-Encoding")
    assert plain_hit.content == plain.content


def test_display_preference_cookies_get_their_own_cached_page(client, catalogue, settings):
    """A cookie that changes the page for anonymous visitors (issue 8) is part of the key."""
    settings.PAGE_CACHE_VARY_COOKIES = ["darstellung"]
    client.get("/dienstleistungen/")
    client.cookies["darstellung"] = "kontrast"
    assert client.get("/dienstleistungen/").templates  # rendered, not the other cookie's copy
    assert not client.get("/dienstleistungen/").templates  # now served from the cache
