"""An edited comment under pre-moderation waits for approval again (issue 11)."""

import pytest
from django.urls import reverse

from ideas import actions
from ideas.models import Comment
from tests.ideas.conftest import log_in, make_idea, make_process

pytestmark = pytest.mark.django_db


def _published_comment(process, author, text="Gute Idee"):
    idea = make_idea(process)
    comment = Comment.objects.create(
        process=process, idea=idea, author=author, text=text, moderation="published"
    )
    actions.refresh_counters(idea.pk)
    idea.refresh_from_db()
    assert idea.comments_count == 1
    return idea, comment


def _edit(client, comment, text):
    url = reverse("ideas:comment_edit", args=[comment.process.slug, comment.pk])
    return client.post(url, {"text": text}, follow=True)


def test_under_pre_moderation_an_edited_comment_goes_back_to_the_queue(client, author, organiser):
    process = make_process("during", moderation_mode="pre")
    idea, comment = _published_comment(process, author)

    response = _edit(log_in(client, author), comment, "Kaufen Sie jetzt bei spam.example")
    assert response.status_code == 200
    assert "sobald die Moderation ihn freigegeben hat" in response.content.decode()
    comment.refresh_from_db()
    assert comment.moderation == "pending"
    assert comment.text == "Kaufen Sie jetzt bei spam.example"
    idea.refresh_from_db()
    assert idea.comments_count == 0

    # Not public: another visitor does not see the new words.
    client.logout()
    assert "spam.example" not in client.get(idea.get_absolute_url()).content.decode()

    # The moderators find it in their queue.
    queue = log_in(client, organiser).get("/admin/ideas/comment/?warteschlange=offen")
    assert queue.status_code == 200
    assert "spam.example" in queue.content.decode()


def test_under_post_moderation_an_edited_comment_stays_published(client, author):
    process = make_process("during", moderation_mode="post")
    idea, comment = _published_comment(process, author)

    _edit(log_in(client, author), comment, "Sehr gute Idee")
    comment.refresh_from_db()
    assert comment.moderation == "published"
    client.logout()
    assert "Sehr gute Idee" in client.get(idea.get_absolute_url()).content.decode()
