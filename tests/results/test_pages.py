"""The results page: when it shows, what it shows, escaping, charts, constant queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ideas.models import IdeaStatus, Moderation
from munich_portal.core.channels import Channel
from munich_portal.core.models import Stadtbezirk
from participation.models import ProcessStatus
from tests.participation.factories import PhaseFactory, ProcessFactory
from tests.results.factories import (
    CommentFactory,
    IdeaFactory,
    ProcessResultFactory,
    SupportFactory,
    results_process,
)

pytestmark = pytest.mark.django_db

# String assertions read the English pages (/en/): German translations may change any wording.


def url(process, language="en") -> str:
    prefix = "/en" if language == "en" else ""
    return f"{prefix}/beteiligung/{process.slug}/ergebnisse/"


def main_html(response) -> str:
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def district():
    return Stadtbezirk.objects.get_or_create(
        number=21, defaults={"name": "Pasing-Obermenzing", "slug": "pasing-obermenzing"}
    )[0]


@pytest.fixture
def process(district):
    process = results_process(slug="hochhausstudie", title_en="High-rise study")
    ProcessResultFactory(process=process)
    accepted = IdeaFactory(
        process=process,
        title="Grüne Dächer auf Hochhäusern",
        status=IdeaStatus.ACCEPTED,
        status_reason="Fits the city's climate plan.",
        answer="We will require green roofs in the new guidelines.",
        district=district,
    )
    IdeaFactory(process=process, title="Kein Hochhaus am Park", status=IdeaStatus.NOT_POSSIBLE)
    IdeaFactory(process=process, title="Undecided idea", status=IdeaStatus.UNDER_REVIEW)
    IdeaFactory(
        process=process,
        title="Hidden decided idea",
        status=IdeaStatus.ACCEPTED,
        moderation=Moderation.HIDDEN,
        moderation_reason="Spam",
    )
    for channel in (Channel.ONLINE,) * 6 + (Channel.PAPER,) * 2:
        IdeaFactory(process=process, channel=channel, district=district)
    for _ in range(7):
        SupportFactory(idea=accepted)
    CommentFactory(process=process, idea=accepted, channel=Channel.PHONE)
    return process


def test_the_results_page_shows_summary_decided_ideas_and_figures(client, process):
    response = client.get(url(process))
    assert response.status_code == 200
    html = main_html(response)
    assert "The city has evaluated 120 ideas" in html
    assert "Grüne Dächer auf Hochhäusern" in html
    assert "We will require green roofs in the new guidelines." in html
    assert "Fits the city&#x27;s climate plan." in html
    assert "Kein Hochhaus am Park" in html
    # Only decided, published ideas are listed with their answers.
    assert "Undecided idea" not in html
    assert "Hidden decided idea" not in html
    assert html.count("<h1") == 1


def test_figures_are_shown_by_channel_with_small_counts_withheld(client, process):
    html = main_html(client.get(url(process)))
    table = html.split('id="channels-caption"', 1)[1].split("</table>", 1)[0]
    ideas_row = re.search(r'<tr><th scope="row">Ideas</th>(.*?)</tr>', table).group(1)
    cells = re.findall(r"<td>(.*?)</td>", ideas_row)
    # 11 published ideas: 9 online, 2 on paper (withheld, "<5"); online is withheld too, or the
    # total would reveal paper; phone and on site are 0.
    assert cells[1] == "&lt;5"
    assert cells[0] == "x"
    assert cells[2] == "0" and cells[3] == "0"
    assert cells[4] == "11"
    # The support row: 7 online supports.
    supports_row = re.search(r"<tr><th scope=\"row\">Supports</th>(.*?)</tr>", table).group(1)
    assert re.findall(r"<td>(.*?)</td>", supports_row)[0] == "7"


def test_every_chart_is_an_image_with_a_name_a_description_and_a_table(client, process):
    html = main_html(client.get(url(process)))
    charts = re.findall(r"<svg[^>]*>", html)
    assert len(charts) == 2
    for tag in charts:
        assert 'role="img"' in tag
        labelled_by = re.search(r'aria-labelledby="([^"]+)"', tag).group(1).split()
        for element_id in labelled_by:
            assert f'id="{element_id}"' in html
    assert html.count("<table") == 2
    assert html.count("<caption") == 2
    assert 'scope="col"' in html and 'scope="row"' in html
    # Values are drawn as text beside the bars, not only as lengths; no inline style anywhere.
    assert ">7</text>" in html
    assert "style=" not in html
    # Decimal numbers in the SVG are written with a point in German too.
    german = main_html(client.get(url(process, "de")))
    assert not re.search(r'(width|x)="\d+,\d', german)


def test_before_the_results_phase_the_page_says_when_results_come(client):
    process = results_process(days_into_results=-10)
    IdeaFactory(process=process, title="Not yet shown", status=IdeaStatus.ACCEPTED)
    response = client.get(url(process))
    assert response.status_code == 200
    html = main_html(response)
    assert "will be published here from" in html
    assert "Not yet shown" not in html
    assert "<svg" not in html


def test_processes_without_results_phase_drafts_and_unknown_slugs_are_404(client):
    without = ProcessFactory()
    PhaseFactory(process=without)
    draft = results_process(status=ProcessStatus.DRAFT)
    assert client.get(url(without)).status_code == 404
    assert client.get(url(draft)).status_code == 404
    assert client.get("/en/beteiligung/gibt-es-nicht/ergebnisse/").status_code == 404


def test_without_summary_and_contributions_the_page_explains(client):
    process = results_process()
    html = main_html(client.get(url(process)))
    assert "The city is preparing its summary" in html
    assert "No idea of this process has been decided yet." in html
    assert "There are no figures for this process yet." in html


def test_user_input_is_escaped(client):
    process = results_process()
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    IdeaFactory(
        process=process,
        title=payload,
        answer=payload,
        status_reason=payload,
        status=IdeaStatus.ACCEPTED,
    )
    html = main_html(client.get(url(process)))
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_german_page_is_the_default(client, process):
    response = client.get(url(process, "de"))
    assert response.status_code == 200
    assert response.content.decode().count("<svg") == 2


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(client, settings, district):
    settings.PAGE_CACHE_SECONDS = 0
    process = results_process()
    IdeaFactory(process=process, status=IdeaStatus.ACCEPTED, district=district)
    small = _queries(client, url(process))
    others = Stadtbezirk.objects.bulk_create(
        [Stadtbezirk(number=n, name=f"Bezirk {n}", slug=f"bezirk-{n}") for n in (3, 4, 5)]
    )
    for n in range(30):
        idea = IdeaFactory(
            process=process,
            status=[IdeaStatus.ACCEPTED, IdeaStatus.PARTLY_ACCEPTED, IdeaStatus.NOT_POSSIBLE][
                n % 3
            ],
            channel=[Channel.ONLINE, Channel.PAPER, Channel.PHONE, Channel.ON_SITE][n % 4],
            district=others[n % 3],
            answer="Antwort",
        )
        CommentFactory(process=process, idea=idea)
        SupportFactory(idea=idea, channel=Channel.PAPER)
    large = _queries(client, url(process))
    assert large == small
    assert large <= 12


def test_anonymous_visitors_get_the_cached_page(
    client, process, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 60
    client.get(url(process))
    with django_assert_max_num_queries(0):
        assert client.get(url(process)).status_code == 200


def test_the_decided_ideas_are_paged(client):
    process = results_process()
    for n in range(23):
        IdeaFactory(process=process, title=f"Entschiedene Idee {n:02d}", status=IdeaStatus.ACCEPTED)
    first = main_html(client.get(url(process)))
    second = main_html(client.get(url(process) + "?seite=2"))
    assert first.count('class="results__idea"') == 20
    assert second.count('class="results__idea"') == 3
    assert "Page 2 of 2" in second
    assert client.get(url(process) + "?seite=%00").status_code == 200
    assert client.get(url(process) + "?seite=99999999").status_code == 200


def test_the_process_page_links_to_the_results_once_the_results_phase_began(client, process):
    html = main_html(client.get(f"/en/beteiligung/{process.slug}/"))
    assert f'href="/en/beteiligung/{process.slug}/ergebnisse/"' in html
    later = results_process(days_into_results=-5)
    html = main_html(client.get(f"/en/beteiligung/{later.slug}/"))
    assert "/ergebnisse/" not in html
