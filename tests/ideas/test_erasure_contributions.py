"""Erasure of ideas and comments: the resident's choice, the scrub, the redaction queue (issue 14).

The resident chooses on the deletion page between deleting their contributions and keeping the
text anonymised. Either way no row and no history row keeps their name, contacts, the place or a
version of a text they edited away; kept text goes on a redaction queue that moderators work and
the data-protection officer reviews, every step logged.
"""

import pytest
from django.urls import reverse

from ideas import actions
from ideas.models import Comment, Idea, Redaction, Support
from munich_portal.audit.actions import erase_subject
from munich_portal.audit.models import DataUseEvent
from munich_portal.audit.redaction import REDACTED_TEXT, scrub
from munich_portal.audit.registry import DELETE, KEEP
from tests.factories import UserFactory
from tests.ideas.conftest import log_in, make_idea, staff

pytestmark = pytest.mark.django_db

STREET = "Quirinstraße 7"


@pytest.fixture
def xaver():
    return UserFactory(email="xaver.quirin@example.org", full_name="Xaver Quirin")


@pytest.fixture
def officer():
    return staff("datenschutz@muenchen.de", roles=["Datenschutz"])


def _contributions(process, xaver, author):
    idea = actions.create_idea(
        process=process,
        user=xaver,
        title="Bank für Xaver Quirin",
        text=f"Ich, xaver quirin aus der {STREET.upper()}, Tel. 0176 555, wünsche eine Bank.",
        address=STREET,
        author_name="Xaver Quirin",
    )
    own_comment = actions.add_comment(
        process=process, user=xaver, idea=idea, text="Noch ein Gedanke", author_name="Xaver Quirin"
    )
    others_comment = actions.add_comment(process=process, user=author, idea=idea, text="Gute Idee")
    other_idea = make_idea(process, author=author)
    edited = actions.add_comment(
        process=process, user=xaver, idea=other_idea, text=f"Treffpunkt vor {STREET}"
    )
    actions.edit_comment(comment=edited, user=xaver, text="Treffpunkt vor dem Haus")
    actions.toggle_support(idea=other_idea, user=xaver)
    return idea, own_comment, others_comment, other_idea, edited


def _history_texts(model, pk, *names):
    return [value for row in model.history.filter(id=pk).values_list(*names) for value in row]


def test_scrub_replaces_every_personal_value_case_insensitively():
    text = "Xaver QUIRIN, xaver.quirin@example.org, Quirinstraße 7, QUIRINSTRASSE 7 - Li"
    scrubbed = scrub(text, {"Xaver Quirin", "xaver.quirin@example.org", "quirinstraße 7", "Li"})
    # "ß" is "SS" in capitals; values shorter than four characters ("Li") stay.
    assert scrubbed == f"{REDACTED_TEXT}, {REDACTED_TEXT}, {REDACTED_TEXT}, {REDACTED_TEXT} - Li"


def test_delete_removes_ideas_and_empties_comments_and_their_history(process, xaver, author):
    idea, own_comment, others_comment, other_idea, edited = _contributions(process, xaver, author)
    # The edit left the old text in the history (the finding of the issue).
    assert any(STREET in text for text in _history_texts(Comment, edited.pk, "text"))

    erase_subject(user=xaver, reason="account_deleted", contributions=DELETE)

    assert not Idea.objects.filter(pk=idea.pk).exists()
    # Other people's comments answered the deleted idea and went with it (docs/decisions.md).
    assert not Comment.objects.filter(pk__in=[own_comment.pk, others_comment.pk]).exists()
    assert set(_history_texts(Idea, idea.pk, "title", "text", "address")) == {""}
    assert set(_history_texts(Comment, own_comment.pk, "text")) == {""}
    edited.refresh_from_db()
    assert edited.text == "" and edited.deleted_at is not None and edited.author_id is None
    assert set(_history_texts(Comment, edited.pk, "text", "author_name")) == {""}
    other_idea.refresh_from_db()
    assert other_idea.comments_count == 0
    # The support stays as a count without a person.
    assert Support.objects.get(idea=other_idea).user_id is None


def test_keep_scrubs_the_text_blanks_the_place_and_queues_it(process, xaver, author):
    idea, own_comment, _others, _other_idea, edited = _contributions(process, xaver, author)

    erase_subject(user=xaver, reason="account_deleted", contributions=KEEP)

    idea.refresh_from_db()
    assert idea.author_id is None and idea.author_name == "" and idea.address == ""
    assert idea.title == f"Bank für {REDACTED_TEXT}"
    assert idea.text == (
        f"Ich, {REDACTED_TEXT} aus der {REDACTED_TEXT}, Tel. 0176 555, wünsche eine Bank."
    )
    assert idea.redaction == Redaction.PENDING
    # Every history row carries at most the final text.
    assert set(_history_texts(Idea, idea.pk, "title")) == {idea.title}
    assert set(_history_texts(Idea, idea.pk, "text")) == {idea.text}
    assert set(_history_texts(Idea, idea.pk, "address", "author_name")) == {""}
    edited.refresh_from_db()
    assert edited.text == "Treffpunkt vor dem Haus" and edited.redaction == Redaction.PENDING
    assert set(_history_texts(Comment, edited.pk, "text")) == {"Treffpunkt vor dem Haus"}
    own_comment.refresh_from_db()
    assert own_comment.author_name == "" and own_comment.text == "Noch ein Gedanke"
    for model in (Idea, Comment):
        for row in model.history.values_list("title" if model is Idea else "text", flat=True):
            assert "quirin" not in row.lower()


def test_the_redaction_queue_is_for_moderators_and_the_officer_only(
    client, process, xaver, author, organiser, officer, clerk
):
    idea, *_rest = _contributions(process, xaver, author)
    erase_subject(user=xaver, reason="account_deleted", contributions=KEEP)
    idea.refresh_from_db()
    url = reverse("admin:ideas_redaction_queue")
    for user in (organiser, officer):
        response = log_in(client, user).get(url)
        assert response.status_code == 200
        assert idea.title in response.content.decode()
    assert log_in(client, clerk).get(url).status_code == 403
    client.logout()
    assert log_in(client, author).get(url).status_code == 302  # to the staff login


def test_a_redaction_overwrites_the_history_and_the_officer_approves_it(
    client, process, xaver, author, organiser, officer
):
    idea, *_rest = _contributions(process, xaver, author)
    erase_subject(user=xaver, reason="account_deleted", contributions=KEEP)
    url = reverse("admin:ideas_redaction", args=["idee", idea.pk])
    log_in(client, organiser)
    assert client.get(url).status_code == 200

    # Bad input: the message next to the field, the input kept, no change.
    response = client.post(url, {"title": "Bank", "text": ""})
    assert response.status_code == 200
    assert 'id="id_text_error"' in response.content.decode()
    assert 'value="Bank"' in response.content.decode()
    idea.refresh_from_db()
    assert idea.redaction == Redaction.PENDING

    redacted = f"Ich, {REDACTED_TEXT}, wünsche eine Bank."
    response = client.post(url, {"title": "Eine Bank", "text": redacted})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.redaction == Redaction.REVIEW and idea.text == redacted
    assert set(_history_texts(Idea, idea.pk, "text")) == {redacted}
    assert set(_history_texts(Idea, idea.pk, "title")) == {"Eine Bank"}
    assert not any("0176" in text for text in Idea.history.values_list("text", flat=True))

    # A moderator cannot approve their own redaction.
    response = client.post(url, {"approve": "1"})
    assert response.status_code == 200
    idea.refresh_from_db()
    assert idea.redaction == Redaction.REVIEW

    log_in(client, officer)
    assert client.post(url, {"approve": "1"}).status_code == 302
    idea.refresh_from_db()
    assert idea.redaction == Redaction.APPROVED
    steps = [
        event.details["criteria"]["redaction"]
        for event in DataUseEvent.objects.filter(record_type="ideas.idea").order_by("seq")
        if event.details.get("criteria", {}).get("record_id") == str(idea.pk)
    ]
    assert steps == ["viewed", "redacted", "approved"]
    events = DataUseEvent.objects.filter(record_type="ideas.idea", purpose="data_subject_rights")
    assert all(event.subject_pseudonym is None for event in events)
    # Approved: off the queue.
    assert idea.title not in client.get(reverse("admin:ideas_redaction_queue")).content.decode()


def test_the_officer_sends_a_redaction_back(client, process, xaver, author, organiser, officer):
    _idea, _own, _others, _other_idea, edited = _contributions(process, xaver, author)
    erase_subject(user=xaver, reason="account_deleted", contributions=KEEP)
    edited.refresh_from_db()
    actions.redact(target=edited, by=organiser, text="Treffpunkt")
    url = reverse("admin:ideas_redaction", args=["kommentar", edited.pk])
    log_in(client, officer)
    # The officer reviews and does not redact (four eyes): no form, and a POST changes nothing.
    assert 'name="text"' not in client.get(url).content.decode()
    assert client.post(url, {"text": "Anders"}).status_code == 200
    edited.refresh_from_db()
    assert edited.text == "Treffpunkt"
    assert client.post(url, {"return": "1"}).status_code == 302
    edited.refresh_from_db()
    assert edited.redaction == Redaction.PENDING
