"""The permission matrix of ideas (issue 7), like meinBerlin's rules tests: who may do what,
before, during and after the participation phase. Each cell runs the real view (POST forms as a
browser without JavaScript sends them) and checks the outcome in the database."""

import pytest
from django.urls import reverse

from ideas.models import Comment, Idea, Support
from tests.factories import UserFactory
from tests.ideas.conftest import log_in, make_idea, make_process, staff

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "author", "moderator", "organiser", "clerk"]
STATES = ["before", "during", "after"]

Y, N = True, False

# action -> role -> allowed in (before, during, after)
MATRIX = {
    "view_list": dict.fromkeys(ROLES, (Y, Y, Y)),
    "view_idea": dict.fromkeys(ROLES, (Y, Y, Y)),
    # Any confirmed account contributes during the phase (staff too, as residents).
    "create_idea": {
        "anonymous": (N, N, N),
        "resident": (N, Y, N),
        "author": (N, Y, N),
        "moderator": (N, Y, N),
        "organiser": (N, Y, N),
        "clerk": (N, Y, N),
    },
    "support": {
        "anonymous": (N, N, N),
        "resident": (N, Y, N),
        "author": (N, Y, N),
        "moderator": (N, Y, N),
        "organiser": (N, Y, N),
        "clerk": (N, Y, N),
    },
    "comment": {
        "anonymous": (N, N, N),
        "resident": (N, Y, N),
        "author": (N, Y, N),
        "moderator": (N, Y, N),
        "organiser": (N, Y, N),
        "clerk": (N, Y, N),
    },
    "edit_comment": {
        "anonymous": (N, N, N),
        "resident": (N, N, N),
        "author": (N, Y, N),
        "moderator": (N, N, N),
        "organiser": (N, N, N),
        "clerk": (N, N, N),
    },
    "delete_comment": {
        "anonymous": (N, N, N),
        "resident": (N, N, N),
        "author": (Y, Y, Y),
        "moderator": (N, N, N),
        "organiser": (N, N, N),
        "clerk": (N, N, N),
    },
    "report": {
        "anonymous": (N, N, N),
        "resident": (Y, Y, Y),
        "author": (Y, Y, Y),
        "moderator": (Y, Y, Y),
        "organiser": (Y, Y, Y),
        "clerk": (Y, Y, Y),
    },
    "moderate": {
        "anonymous": (N, N, N),
        "resident": (N, N, N),
        "author": (N, N, N),
        "moderator": (Y, Y, Y),
        "organiser": (Y, Y, Y),
        "clerk": (N, N, N),
    },
    "answer": {
        "anonymous": (N, N, N),
        "resident": (N, N, N),
        "author": (N, N, N),
        "moderator": (N, N, N),
        "organiser": (Y, Y, Y),
        "clerk": (N, N, N),
    },
    # Typing in needs a date of receipt within the phase (today here; late typing of timely post
    # is tested in test_actions).
    "transcribe": {
        "anonymous": (N, N, N),
        "resident": (N, N, N),
        "author": (N, N, N),
        "moderator": (N, N, N),
        "organiser": (N, N, N),
        "clerk": (N, Y, N),
    },
}


@pytest.fixture
def world(request):
    state = request.param
    process = make_process(state, slug=f"verfahren-{state}")
    author = UserFactory(email="autorin@example.org")
    people = {
        "anonymous": None,
        "resident": UserFactory(email="resi@example.org"),
        "author": author,
        "moderator": staff("mod@muenchen.de", perms=["moderate_idea", "view_idea", "view_comment"]),
        "organiser": staff("vera@muenchen.de", roles=["Veranstaltungsorganisation"]),
        "clerk": staff("erik@muenchen.de", roles=["Erfassung"]),
    }
    idea = make_idea(process, author, title="Idee der Autorin")
    comment = Comment.objects.create(process=process, idea=idea, author=author, text="Meins")
    return {"state": state, "process": process, "people": people, "idea": idea, "comment": comment}


def _run(client, action, world):
    process, idea, comment = world["process"], world["idea"], world["comment"]
    slug = process.slug
    if action == "view_list":
        return client.get(reverse("ideas:ideas", args=[slug])).status_code == 200
    if action == "view_idea":
        return client.get(idea.get_absolute_url()).status_code == 200
    if action == "create_idea":
        client.post(
            reverse("ideas:idea_create", args=[slug]),
            {"title": "Neue Idee", "text": "Text", "consent": "on"},
        )
        return Idea.objects.filter(title="Neue Idee").exists()
    if action == "support":
        client.post(reverse("ideas:idea_support", args=[slug, idea.pk]))
        return Support.objects.filter(idea=idea).exists()
    if action == "comment":
        client.post(reverse("ideas:idea_comment", args=[slug, idea.pk]), {"text": "Neu"})
        return Comment.objects.filter(text="Neu").exists()
    if action == "edit_comment":
        client.post(reverse("ideas:comment_edit", args=[slug, comment.pk]), {"text": "Geändert"})
        return Comment.objects.filter(text="Geändert").exists()
    if action == "delete_comment":
        client.post(reverse("ideas:comment_delete", args=[slug, comment.pk]))
        return Comment.objects.filter(pk=comment.pk, deleted_at__isnull=False).exists()
    if action == "report":
        client.post(reverse("ideas:idea_report", args=[slug, idea.pk]), {"reason": "spam"})
        return idea.reports.exists()
    if action == "moderate":
        client.post(
            reverse("admin:ideas_idea_moderate", args=[idea.pk]),
            {"decision": "hide", "reason": "Werbung"},
        )
        return Idea.objects.filter(pk=idea.pk, moderation="hidden").exists()
    if action == "answer":
        client.post(
            reverse("admin:ideas_idea_change", args=[idea.pk]),
            {"answer": "Offizielle Antwort", "status": "accepted", "status_reason": "Gut"},
        )
        return Idea.objects.filter(pk=idea.pk, answer="Offizielle Antwort").exists()
    if action == "transcribe":
        from django.utils import timezone

        client.post(
            reverse("ideas:idea_transcribe", args=[slug]),
            {
                "channel": "paper",
                "received_on": timezone.localdate().isoformat(),
                "title": "Vom Papier",
                "text": "Handschrift",
                "consent": "on",
                "consent_version": "papier-2026",
            },
        )
        return Idea.objects.filter(title="Vom Papier").exists()
    raise AssertionError(action)


CELLS = [
    pytest.param(state, role, action, id=f"{action}-{role}-{state}")
    for action in MATRIX
    for role in ROLES
    for state in STATES
]


@pytest.mark.parametrize(("world", "role", "action"), [c.values for c in CELLS], indirect=["world"])
def test_permission_matrix(client, world, role, action):
    expected = MATRIX[action][role][STATES.index(world["state"])]
    log_in(client, world["people"][role])
    assert _run(client, action, world) is expected
