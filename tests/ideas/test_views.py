"""The idea pages: lists without JavaScript, escaped input, odd input, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas import actions
from ideas.models import Comment, Idea, Report, Support
from ideas.text import render_user_text
from ideas.views import opt_out_token
from munich_portal.core import page_cache
from munich_portal.core.models import Stadtbezirk
from tests.factories import UserFactory
from tests.ideas.conftest import log_in, make_idea, make_process
from tests.pdf_tools import text as pdf_text

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&'


def list_url(process, **params):
    from urllib.parse import urlencode

    url = reverse("ideas:ideas", args=[process.slug])
    return f"{url}?{urlencode(params)}" if params else url


def titles(response) -> list[str]:
    return [idea.title for idea in response.context["page"].items]


def test_the_list_sorts_filters_and_pages_without_javascript(client, process, category):
    district = Stadtbezirk.objects.create(number=3, name="Maxvorstadt", slug="maxvorstadt")
    a = make_idea(process, title="A", category=category, district=district, channel="paper")
    b = make_idea(process, title="B", status="accepted")
    c = make_idea(process, title="C")
    Idea.objects.filter(pk=a.pk)
    for user in UserFactory.create_batch(2):
        Support.objects.create(idea=b, user=user)
    Comment.objects.create(process=process, idea=c, text="x")
    for idea in (a, b, c):
        actions.refresh_counters(idea.pk)
    assert titles(client.get(list_url(process))) == ["C", "B", "A"]
    assert titles(client.get(list_url(process, sortierung="unterstuetzt")))[0] == "B"
    assert titles(client.get(list_url(process, sortierung="kommentiert")))[0] == "C"
    assert titles(client.get(list_url(process, kategorie=category.pk))) == ["A"]
    assert titles(client.get(list_url(process, bezirk="maxvorstadt"))) == ["A"]
    assert titles(client.get(list_url(process, kanal="paper"))) == ["A"]
    assert titles(client.get(list_url(process, status="accepted"))) == ["B"]
    # Odd values are ignored, never errors.
    response = client.get(list_url(process, kategorie="x\x00", sortierung="<b>", seite="-9"))
    assert response.status_code == 200 and len(titles(response)) == 3


def test_paging(client, process):
    for n in range(25):
        make_idea(process, title=f"Idee {n:02d}")
    first = client.get(list_url(process))
    assert len(titles(first)) == 20 and first.context["page"].pages == 2
    second = client.get(list_url(process, seite=2))
    assert len(titles(second)) == 5
    assert 'rel="next"' in first.content.decode()


def test_pending_ideas_are_not_listed_for_the_public(client, process):
    make_idea(process, title="Wartet", moderation="pending")
    make_idea(process, title="Versteckt", moderation="hidden", moderation_reason="Werbung")
    html = client.get(list_url(process)).content.decode()
    assert "Wartet" not in html
    assert "Versteckt" not in html and "Werbung" in html


def test_the_list_reads_a_constant_number_of_queries(client, process):
    """Ten ideas or sixty with comments and supports: the same number of queries."""

    def count():
        page_cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url(process, sortierung="kommentiert")).status_code == 200
        return len(queries)

    users = UserFactory.create_batch(3)
    for n in range(10):
        make_idea(process, title=f"i{n}")
    small = count()
    for n in range(50):
        idea = make_idea(process, title=f"j{n}")
        for user in users:
            Support.objects.create(idea=idea, user=user)
        Comment.objects.create(process=process, idea=idea, text="c")
        actions.refresh_counters(idea.pk)
    assert count() == small
    resident = UserFactory()
    log_in(client, resident)
    logged_in_small = count()
    make_idea(process, title="noch eine")
    assert count() == logged_in_small


def test_the_idea_page_reads_a_constant_number_of_queries(client, process, resident):
    idea = make_idea(process)
    log_in(client, resident)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(idea.get_absolute_url()).status_code == 200
        return len(queries)

    Comment.objects.create(process=process, idea=idea, text="erster")
    few = count()
    for n in range(20):
        top = Comment.objects.create(process=process, idea=idea, text=f"t{n}")
        Comment.objects.create(process=process, idea=idea, parent=top, text=f"r{n}")
    assert count() == few


def test_user_input_comes_out_escaped_in_every_text_field(client, process, resident):
    log_in(client, resident)
    response = client.post(
        reverse("ideas:idea_create", args=[process.slug]),
        {"title": XSS, "text": XSS, "address": XSS, "author_name": XSS, "consent": "on"},
    )
    idea = Idea.objects.get()
    assert response.status_code == 302
    client.post(
        reverse("ideas:idea_comment", args=[process.slug, idea.pk]),
        {"text": XSS, "author_name": XSS},
    )
    Idea.objects.filter(pk=idea.pk)
    idea.answer = XSS
    idea.status_reason = XSS
    idea.save()
    hidden = make_idea(process, title="h", moderation="hidden", moderation_reason=XSS)
    pages = [
        client.get(idea.get_absolute_url()),
        client.get(list_url(process)),
        client.get(hidden.get_absolute_url()),
    ]
    client.logout()
    pages.append(client.get(idea.get_absolute_url()))
    for page in pages:
        html = page.content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;" in html


def test_links_in_user_text_are_nofollow_ugc():
    html = str(render_user_text("Siehe https://example.org/a?b=1&c=2. Und www.muenchen.de!"))
    assert 'href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener"' in html
    assert 'href="https://www.muenchen.de" rel="nofollow ugc noopener"' in html
    assert html.count("<a ") == 2
    # No scheme but http(s): javascript: stays text.
    assert "<a" not in str(render_user_text("javascript:alert(1)"))
    assert "<a" not in str(render_user_text('https://x.org/"onmouseover="alert(1)')[:0])


def test_odd_input_never_causes_a_server_error_and_keeps_the_text(client, process, resident):
    log_in(client, resident)
    url = reverse("ideas:idea_create", args=[process.slug])
    for data in (
        {"title": "x" * 500, "text": "ü" * 5000, "consent": "on"},
        {"title": "Null\x00Byte", "text": "Text", "consent": "on"},
        {"title": ["a", "b"], "text": "", "district": "keine-zahl", "category": "999"},
        {},
    ):
        response = client.post(url, data)
        assert response.status_code == 400
    response = client.post(url, {"title": "Meine Idee", "text": "Mein langer Text"})
    html = response.content.decode()
    assert "Mein langer Text" in html and 'href="#id_consent"' in html
    comment_url = reverse("ideas:process_comments", args=[process.slug])
    response = client.post(comment_url, {"text": "", "antwort_auf": "1" * 40})
    assert response.status_code == 400


def test_support_works_as_a_plain_form_and_returns_to_the_list(client, process, resident):
    idea = make_idea(process)
    log_in(client, resident)
    back = list_url(process, sortierung="unterstuetzt")
    response = client.post(
        reverse("ideas:idea_support", args=[process.slug, idea.pk]), {"weiter": back}
    )
    assert response.status_code == 302 and response["Location"] == f"{back}#idee-{idea.pk}"
    idea.refresh_from_db()
    assert idea.supports_count == 1
    # Only addresses on this site: anything else goes to the idea.
    response = client.post(
        reverse("ideas:idea_support", args=[process.slug, idea.pk]),
        {"weiter": "https://evil.example/"},
    )
    assert response["Location"].startswith(idea.get_absolute_url())


def test_pending_idea_is_visible_to_its_author_only(client, process, author, resident):
    idea = make_idea(process, author, moderation="pending")
    assert client.get(idea.get_absolute_url()).status_code == 404
    log_in(client, resident)
    assert client.get(idea.get_absolute_url()).status_code == 404
    log_in(client, author)
    assert (
        "waiting for moderation"
        in client.get(idea.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        or client.get(idea.get_absolute_url()).status_code == 200
    )


def test_an_official_answer_is_shown_prominently(client, process):
    idea = make_idea(process, answer="Wir machen das.", status="accepted", status_reason="Gut")
    html = client.get(idea.get_absolute_url()).content.decode()
    assert 'class="official-answer"' in html and "Wir machen das." in html
    assert html.index("official-answer") < html.index("idea__text")


def test_report_form_records_a_report(client, process, resident, author):
    idea = make_idea(process, author)
    log_in(client, resident)
    url = reverse("ideas:idea_report", args=[process.slug, idea.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "nonsense"}).status_code == 400
    assert client.post(url, {"reason": "spam", "details": "Werbung"}).status_code == 302
    assert client.post(url, {"reason": "spam"}).status_code == 409
    assert Report.objects.get().details == "Werbung"


def test_opt_out_link(client, process, author):
    idea = make_idea(process, author)
    url = reverse("ideas:idea_opt_out", args=[opt_out_token(idea)])
    assert client.get(url).status_code == 200
    idea.refresh_from_db()
    assert idea.notify  # a GET (a mail scanner) changes nothing
    client.post(url)
    idea.refresh_from_db()
    assert not idea.notify
    assert client.get(url[:-3] + "xx/").status_code == 404


def test_the_process_page_links_to_the_ideas(client, process):
    html = client.get(process.get_absolute_url()).content.decode()
    assert reverse("ideas:ideas", args=[process.slug]) in html


def test_the_moderation_page_hides_with_a_reason_and_logs_the_view(client, process, organiser):
    from munich_portal.audit.models import DataUseEvent

    author = UserFactory()
    idea = make_idea(process, author)
    log_in(client, organiser)
    url = reverse("admin:ideas_idea_moderate", args=[idea.pk])
    assert client.get(url).status_code == 200
    assert DataUseEvent.objects.filter(action="view", record_id=str(idea.pk)).exists()
    response = client.post(url, {"decision": "hide", "reason": ""})
    assert response.status_code == 200
    idea.refresh_from_db()
    assert idea.moderation == "published"
    client.post(url, {"decision": "hide", "reason": "Werbung", "block_author": "on"})
    idea.refresh_from_db()
    assert idea.moderation == "hidden"
    assert author.participation_blocks.get().process == process


def test_organiser_role_may_moderate_and_answer_clerk_may_transcribe():
    from munich_portal.core.roles import ROLE_PERMISSIONS, Role

    events = ROLE_PERMISSIONS[Role.EVENTS]["ideas.idea"]
    assert {"moderate", "answer"} <= set(events)
    assert "transcribe" in ROLE_PERMISSIONS[Role.DATA_ENTRY]["ideas.idea"]
    assert "moderate" not in ROLE_PERMISSIONS[Role.DATA_ENTRY]["ideas.idea"]


def test_closed_phase_shows_a_notice_and_no_forms(client, resident):
    process = make_process("after")
    idea = make_idea(process)
    log_in(client, resident)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "idea_support" not in html and 'name="text"' not in html


def test_the_benchmark_seed_keeps_the_list_queries_constant():
    """The bench data generator (bench_idea_list) at a small scale: same queries at any size."""
    from bench.domains import ideas as benchmarks

    assert benchmarks.seed(ideas=60, comments=300) == {"ideas": 60, "comments": 300}
    assert benchmarks.seed(ideas=60, comments=300)["ideas"] == 60  # idempotent
    benchmarks.seed(ideas=3, comments=2, slug=benchmarks.SMALL_SLUG)
    assert benchmarks.query_counts(benchmarks.SLUG) == benchmarks.query_counts(
        benchmarks.SMALL_SLUG
    )


def test_an_idea_with_a_category_and_district_through_the_form(client, process, category, resident):
    district = Stadtbezirk.objects.create(number=4, name="Schwabing-West", slug="schwabing-west")
    other = make_process("during").idea_categories.create(name_de="Fremd")
    log_in(client, resident)
    url = reverse("ideas:idea_create", args=[process.slug])
    assert client.get(url).status_code == 200
    data = {"title": "T", "text": "X", "consent": "on", "district": district.pk}
    assert client.post(url, {**data, "category": other.pk}).status_code == 400
    assert client.post(url, {**data, "category": category.pk}).status_code == 302
    idea = Idea.objects.get()
    assert idea.category == category and idea.district == district


def test_clerks_print_letters_about_ideas(client, process, clerk, organiser, on_commit):
    """An answer to a paper contributor becomes a letter the clerks print with every other
    letter, in the one letters admin."""
    idea = make_idea(
        process, channel="paper", author_name="Frau K.", contact_street="Weg 1",
        contact_postal_code="80331", contact_city="München",
    )  # fmt: skip
    on_commit(actions.answer_idea, idea=idea, by=organiser, answer="Wir prüfen das.")
    (letter,) = idea.letters.all()
    log_in(client, clerk)
    response = client.post(
        reverse("admin:messaging_letter_changelist"),
        {"action": "print_selected", "_selected_action": [letter.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Weg 1" in text and "Wir prüfen das." in text
    assert "/ideen/nachrichten-abbestellen/" in text
    letter.refresh_from_db()
    assert letter.printed_at is not None


def test_the_admin_offers_moderate_links_only_to_moderators(client, process, organiser, clerk):
    """Clerks may see ideas but not moderate them: no "Moderate" column that would answer 403."""
    idea = make_idea(process)
    moderate_url = f"/admin/ideas/idea/{idea.pk}/moderieren/"

    page = log_in(client, clerk).get("/admin/ideas/idea/")
    assert page.status_code == 200
    assert str(idea.title) in page.content.decode()
    assert moderate_url not in page.content.decode()
    assert client.get(moderate_url).status_code == 403
    assert "/moderieren/" not in client.get("/admin/ideas/report/").content.decode()

    page = log_in(client, organiser).get("/admin/ideas/idea/")
    assert moderate_url in page.content.decode()
    assert client.get(moderate_url).status_code == 200
