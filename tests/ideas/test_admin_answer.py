"""The city's answer in the admin: one save tells the author once (issue 14)."""

import pytest

from ideas.models import Idea, IdeaStatus
from munich_portal.messaging.models import OutgoingEmail
from tests.admin_forms import save_change_form
from tests.ideas.conftest import log_in, make_idea

pytestmark = pytest.mark.django_db


def change_url(idea: Idea) -> str:
    return f"/admin/ideas/idea/{idea.pk}/change/"


def emails_to(author):
    return OutgoingEmail.objects.filter(kind__startswith="ideas.", recipient=author)


def test_an_answer_and_a_status_in_one_save_send_one_email(client, process, organiser, author):
    """The answer and the new status are one message to the author, which says both."""
    idea = make_idea(process, author=author)
    response = save_change_form(
        log_in(client, organiser),
        change_url(idea),
        answer="Wir pflanzen im Frühjahr zwanzig Bäume.",
        status=IdeaStatus.ACCEPTED,
        status_reason="Im Haushalt 2027.",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    (email,) = emails_to(author)
    assert email.kind == "ideas.answer"
    assert "zwanzig Bäume" in email.body
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ACCEPTED
    assert idea.answer == "Wir pflanzen im Frühjahr zwanzig Bäume."


def test_a_status_alone_sends_one_email(client, process, organiser, author):
    idea = make_idea(process, author=author)
    response = save_change_form(
        log_in(client, organiser), change_url(idea), status=IdeaStatus.UNDER_REVIEW
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    (email,) = emails_to(author)
    assert email.kind == "ideas.status"


def test_a_save_that_changes_nothing_the_author_hears_about_sends_nothing(
    client, process, organiser, author
):
    """Saving the answered idea again as it is sends no second e-mail."""
    idea = make_idea(process, author=author)
    client = log_in(client, organiser)
    save_change_form(client, change_url(idea), answer="Wir prüfen das.")
    assert emails_to(author).count() == 1
    response = save_change_form(client, change_url(idea))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert emails_to(author).count() == 1
