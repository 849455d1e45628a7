"""Comments and supports typed in by clerks from paper, phone and on site (issue 15, part 2)."""

import datetime as dt
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ideas import actions
from ideas.models import Comment, Idea, Support
from ideas.text import name_key
from munich_portal.audit.models import DataUseEvent
from tests.factories import UserFactory
from tests.ideas.conftest import log_in, make_idea, make_process, staff

pytestmark = pytest.mark.django_db


def line(idea, clerk, name="Maria Müller", code="80331", **extra):
    values = {"channel": "paper", "consent_version": "liste-2026"}
    values.update(extra)
    return actions.add_support_line(idea=idea, clerk=clerk, name=name, postal_code=code, **values)


def count(idea):
    idea.refresh_from_db()
    return idea.supports_count


# --- names ----
@pytest.mark.parametrize(
    "written",
    ["Maria Müller", "  maria   MUELLER ", "Müller, Maria", "Mueller Maria", "MARIA MÜLLER."],
)
def test_names_compare_without_case_order_punctuation_and_umlaut_spelling(written):
    assert name_key(written) == name_key("Maria Müller") == "maria mueller"


def test_different_names_stay_different():
    assert name_key("Maria Müller") != name_key("Marie Müller")
    assert name_key("") == ""


# --- comments ----
def test_a_clerk_types_in_a_comment_on_an_idea_with_channel_and_consent(process, clerk):
    idea = make_idea(process)
    comment = actions.transcribe_comment(
        process=process,
        clerk=clerk,
        channel="phone",
        idea=idea,
        text=" Gute Idee, aber bitte mit Schatten. ",
        author_name=" Frau Huber ",
        consent_version="telefon-2026",
    )
    assert comment.channel == "phone" and comment.author is None
    assert comment.entered_by == clerk and comment.consent_version == "telefon-2026"
    assert comment.author_name == "Frau Huber"
    assert comment.text == "Gute Idee, aber bitte mit Schatten."
    assert comment.moderation == "published"
    idea.refresh_from_db()
    assert idea.comments_count == 1


def test_a_typed_in_comment_waits_for_moderation_like_an_online_one(clerk):
    process = make_process(moderation_mode="pre")
    idea = make_idea(process)
    comment = actions.transcribe_comment(
        process=process, clerk=clerk, channel="paper", idea=idea, text="Ja!",
        consent_version="v",
    )  # fmt: skip
    assert comment.moderation == "pending"
    idea.refresh_from_db()
    assert idea.comments_count == 0


def test_typed_in_comments_share_the_online_checks(process, clerk, resident):
    hidden = make_idea(process, moderation="hidden", moderation_reason="Beleidigung")
    with pytest.raises(actions.NotAllowed):
        actions.transcribe_comment(
            process=process, clerk=clerk, channel="paper", idea=hidden, text="x",
            consent_version="v",
        )  # fmt: skip
    with pytest.raises(actions.NotAllowed):  # not a clerk
        actions.transcribe_comment(
            process=process, clerk=resident, channel="paper", text="x", consent_version="v"
        )
    with pytest.raises(actions.NotAllowed):  # online comments come from accounts only
        actions.transcribe_comment(
            process=process, clerk=clerk, channel="online", text="x", consent_version="v"
        )
    late = make_process("after")
    with pytest.raises(actions.NotOpen):
        actions.transcribe_comment(
            process=late, clerk=clerk, channel="paper", text="x", consent_version="v"
        )
    assert not Comment.objects.exists()


def test_an_online_comment_is_never_marked_as_typed_in(process, clerk):
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(process=process, text="x", channel="online", entered_by=clerk)


# --- supports and signature lists ----
def test_lines_of_a_list_count_as_supports(process, clerk):
    idea = make_idea(process)
    first = line(idea, clerk, "Maria Müller", "80331", street="Marienplatz 1")
    line(idea, clerk, "Hans Huber", "81241", channel="on_site")
    assert count(idea) == 2
    assert first.user is None and first.entered_by == clerk and first.channel == "paper"
    assert first.name_key == "maria mueller" and first.street == "Marienplatz 1"
    assert first.consent_version == "liste-2026"


def test_the_same_person_twice_on_lists_is_reported_not_counted(process, clerk):
    idea = make_idea(process)
    line(idea, clerk, "Maria Müller", "80331")
    with pytest.raises(actions.DuplicateSupport) as refused:
        line(idea, clerk, "mueller, maria", "80 331", channel="phone")
    assert "Maria Müller (80331)" in str(refused.value)
    assert count(idea) == 1
    # Another postal code is another person; another idea is another support.
    line(idea, clerk, "Maria Müller", "81675")
    line(make_idea(process, title="Zweite"), clerk, "Maria Müller", "80331")
    assert count(idea) == 2


def test_the_database_refuses_a_second_line_of_the_same_person(process, clerk):
    idea = make_idea(process)
    line(idea, clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(
            idea=idea, channel="paper", name="x", name_key="maria mueller", postal_code="80331"
        )


def test_a_line_with_an_online_supporters_name_asks_the_clerk(process, clerk):
    idea = make_idea(process)
    supporter = UserFactory(email="maria@example.org", full_name="Maria Müller")
    actions.toggle_support(idea=idea, user=supporter)
    assert Support.objects.get(user=supporter).name_key == "maria mueller"
    with pytest.raises(actions.SameNameOnline):
        line(idea, clerk, "Maria Mueller", "80331")
    assert count(idea) == 1
    # The clerk confirms another person of the same name: counted.
    other = line(idea, clerk, "Maria Mueller", "80331", same_name_confirmed=True)
    assert other.same_name_confirmed
    assert count(idea) == 2


def test_an_online_support_after_the_line_counts_the_person_once(process, clerk):
    idea = make_idea(process)
    line(idea, clerk, "Maria Müller", "80331")
    supporter = UserFactory(email="maria@example.org", full_name="Müller Maria")
    actions.toggle_support(idea=idea, user=supporter)
    assert count(idea) == 1
    # She takes her online support back: the line counts again.
    actions.toggle_support(idea=idea, user=supporter)
    assert count(idea) == 1
    # Another person with an account counts.
    actions.toggle_support(idea=idea, user=UserFactory(email="o@example.org", full_name="Otto"))
    assert count(idea) == 2


def test_lines_need_a_published_idea_in_the_phase_and_a_clerk(process, clerk, resident):
    with pytest.raises(actions.NotAllowed):
        line(make_idea(process, moderation="pending"), clerk)
    with pytest.raises(actions.NotAllowed):
        line(make_idea(process, title="b"), resident)
    with pytest.raises(actions.NotAllowed):
        line(make_idea(process, title="c"), clerk, name=" ,. ")
    late = make_idea(make_process("after"), title="d")
    with pytest.raises(actions.NotOpen):
        line(late, clerk)
    # A list received within the phase is typed in later.
    received = timezone.localdate() - dt.timedelta(days=10)
    saved = line(late, clerk, received_on=received)
    assert timezone.localdate(saved.created_at) == received


def test_typing_in_a_line_is_logged(process, clerk):
    idea = make_idea(process)
    support = line(idea, clerk)
    event = DataUseEvent.objects.get(action="create", record_type="ideas.support")
    assert event.purpose == "participation_ideas" and event.channel == "paper"
    assert support.pk


def test_erasure_and_retention_clear_a_lines_personal_data(process, clerk):
    from munich_portal.audit.registry import declaration_for

    idea = make_idea(process)
    support = line(idea, clerk, street="Marienplatz 1")
    values = declaration_for(Support).anonymised_values(support.pk)
    assert {values[name] for name in ("name", "street", "postal_code", "name_key")} == {""}


def test_a_rights_request_finds_a_line_by_name_and_address(process, clerk):
    from munich_portal.audit.finders import Identity, find_records, records_by_label

    idea = make_idea(process)
    support = line(idea, clerk, "Maria Müller", "80331", street="Marienplatz 1")
    line(idea, clerk, "Maria Müller", "81675")  # no street: not findable by address
    found = records_by_label(
        find_records(Identity(name="müller maria", street="Marienplatz 1", postal_code="80331"))
    )
    assert found["ideas.support"] == [support.pk]


# --- the pages ----
@pytest.fixture
def clerk_client(client, clerk):
    return log_in(client, clerk)


def test_the_entry_page_links_to_the_clerks_idea_pages(clerk_client, process):
    html = clerk_client.get("/en/erfassung/").content.decode()
    assert reverse("ideas:clerk_index") in html
    html = clerk_client.get(reverse("ideas:clerk_index")).content.decode()
    assert reverse("ideas:support_lists", args=[process.slug]) in html
    assert reverse("ideas:comment_transcribe", args=[process.slug]) in html
    closed = make_process("before")
    assert reverse("ideas:idea_transcribe", args=[closed.slug]) not in html


def test_a_comment_through_the_form_shows_channel_and_consent(clerk_client, process, clerk):
    idea = make_idea(process)
    url = reverse("ideas:comment_transcribe", args=[process.slug])
    data = {
        "channel": "on_site",
        "received_on": timezone.localdate().isoformat(),
        "idea": str(idea.pk),
        "text": "Bitte auch Trinkbrunnen.",
        "author_name": "",
        "consent": "on",
        "consent_version": "vor-ort-1",
    }
    response = clerk_client.post(url, data)
    assert response.status_code == 302
    assert (
        "kanal=on_site" in response["Location"] and "einwilligung=vor-ort-1" in response["Location"]
    )
    comment = Comment.objects.get()
    recorded = (comment.idea, comment.channel, comment.consent_version)
    assert recorded == (idea, "on_site", "vor-ort-1")
    html = clerk_client.get(response["Location"]).content.decode()
    assert "vor-ort-1" in html and "Bitte auch Trinkbrunnen." in html
    assert re.search(r'<input[^>]*value="on_site"[^>]*checked', html)  # the next one too


def test_a_comment_without_consent_is_refused_next_to_the_field(clerk_client, process):
    url = reverse("ideas:comment_transcribe", args=[process.slug])
    response = clerk_client.post(
        url,
        {"channel": "paper", "received_on": timezone.localdate().isoformat(), "text": "Hallo",
         "consent_version": "v"},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and "Hallo" in html
    assert not Comment.objects.exists()


def _line_data(**overrides):
    data = {
        "name": "Maria Müller",
        "postal_code": "80331",
        "street": "",
        "channel": "paper",
        "received_on": timezone.localdate().isoformat(),
        "consent_version": "liste-2026",
    }
    data.update(overrides)
    return data


def test_save_and_next_line_keeps_channel_and_lists_the_lines(clerk_client, process):
    idea = make_idea(process)
    url = "/en" + reverse("ideas:support_list", args=[process.slug, idea.pk])  # English
    response = clerk_client.post(url, _line_data(channel="phone"))
    assert response.status_code == 302 and "kanal=phone" in response["Location"]
    page = clerk_client.get(response["Location"])
    html = page.content.decode()
    assert "Maria Müller" in html and "1 line typed in" in html
    assert re.search(r'<input[^>]*value="phone"[^>]*checked', html)
    assert 'name="name"' in html and 'value="Maria Müller"' not in html  # an empty next line
    assert count(idea) == 1
    assert DataUseEvent.objects.filter(action="list", record_type="ideas.support").exists()


def test_a_bad_line_keeps_its_input_with_the_error_next_to_the_field(clerk_client, process):
    idea = make_idea(process)
    url = "/en" + reverse("ideas:support_list", args=[process.slug, idea.pk])  # English
    response = clerk_client.post(url, _line_data(name="Hans Huber", postal_code="8033"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "A postal code has five digits" in html and 'value="Hans Huber"' in html
    assert "error-summary" in html
    assert not Support.objects.exists()


def test_a_duplicate_line_is_reported_with_its_input(clerk_client, process):
    idea = make_idea(process)
    url = "/en" + reverse("ideas:support_list", args=[process.slug, idea.pk])  # English
    clerk_client.post(url, _line_data())
    response = clerk_client.post(url, _line_data(name="MÜLLER Maria"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "is already on a list for this idea" in html and 'value="MÜLLER Maria"' in html
    assert Support.objects.count() == 1


def test_an_online_supporters_name_is_asked_about_then_confirmed(clerk_client, process):
    idea = make_idea(process)
    maria = UserFactory(email="m@example.org", full_name="Maria Müller")
    actions.toggle_support(idea=idea, user=maria)
    url = reverse("ideas:support_list", args=[process.slug, idea.pk])
    response = clerk_client.post(url, _line_data())
    assert response.status_code == 409
    html = response.content.decode()
    assert 'name="same_name_confirmed"' in html and "m@example.org" not in html
    response = clerk_client.post(url, _line_data(same_name_confirmed="on"))
    assert response.status_code == 302
    assert count(idea) == 2


def test_the_signature_pages_are_for_clerks_only(client, process, resident):
    idea = make_idea(process)
    url = reverse("ideas:support_list", args=[process.slug, idea.pk])
    assert log_in(client, resident).get(url).status_code == 403
    organiser = staff("o@muenchen.de", roles=["Veranstaltungsorganisation"])
    client.logout()
    assert log_in(client, organiser).get(url).status_code == 403


def test_clerks_see_typed_in_supports_but_not_online_ones(process, clerk):
    from munich_portal.core import scopes

    idea = make_idea(process)
    actions.toggle_support(idea=idea, user=UserFactory(email="m@example.org", full_name="Anna"))
    typed = line(idea, clerk)
    assert list(scopes.for_staff(Support.objects.all(), clerk)) == [typed]
    assert Idea.objects.get(pk=idea.pk).supports_count == 2


# --- demo data ----
def test_the_demo_types_in_comments_and_lists_through_the_actions_once():
    from munich_portal.portal.demo import (
        load_accounts,
        load_city_structure,
        load_ideas,
        load_participation,
    )

    load_city_structure()
    load_accounts()
    load_participation()
    load_ideas()
    typed = Comment.objects.exclude(channel="online")
    lines = Support.objects.filter(user__isnull=True)
    assert set(typed.values_list("channel", flat=True)) == {"paper", "phone", "on_site"}
    assert all(comment.entered_by.email == "erfassung@example.org" for comment in typed)
    assert lines.count() == 7 and all(line.name_key and line.entered_by_id for line in lines)
    benches = Idea.objects.get(title="Mehr Bänke ohne Konsumzwang")
    assert benches.supports_count == Support.objects.filter(idea=benches).count() >= 5
    counts = (typed.count(), lines.count(), benches.supports_count)
    load_ideas()  # idempotent
    benches.refresh_from_db()
    assert (typed.count(), lines.count(), benches.supports_count) == counts
