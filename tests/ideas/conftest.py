"""Fixtures of the idea tests: a process in a given phase, people in every role."""

import datetime as dt

import pytest
from django.utils import timezone

from ideas.models import Idea, IdeaCategory
from munich_portal.audit.context import SESSION_PURPOSE_KEY
from participation.models import Phase
from tests.factories import UserFactory
from tests.participation.conftest import _empty_page_caches, on_commit  # noqa: F401
from tests.participation.factories import PhaseFactory, ProcessFactory

PURPOSE = "participation_ideas"

# Participation phase relative to today, per phase state of the permission matrix.
PHASES = {
    "before": (5, 30),
    "during": (-10, 20),
    "after": (-40, -5),
}


def make_process(state="during", *, slug=None, moderation_mode="post"):
    kwargs = {"moderation_mode": moderation_mode}
    if slug:
        kwargs["slug"] = slug
    process = ProcessFactory(**kwargs)
    start, end = PHASES[state]
    today = timezone.localdate()
    PhaseFactory(
        process=process,
        kind=Phase.Kind.INFORMATION,
        starts_on=today - dt.timedelta(days=60),
        ends_on=today + dt.timedelta(days=start - 1),
    )
    PhaseFactory(
        process=process,
        kind=Phase.Kind.PARTICIPATION,
        starts_on=today + dt.timedelta(days=start),
        ends_on=today + dt.timedelta(days=end),
    )
    return process


def make_idea(process, author=None, **overrides):
    values = {
        "process": process,
        "title": "Mehr Bäume",
        "text": "Bitte mehr Bäume in der Innenstadt.",
        "channel": "online",
        "author": author,
        "author_name": "Anna",
        "moderation": "published",
    }
    values.update(overrides)
    return Idea.objects.create(**values)


@pytest.fixture
def process():
    return make_process("during")


@pytest.fixture
def category(process):
    return IdeaCategory.objects.create(process=process, name_de="Grün", name_en="Green")


@pytest.fixture
def resident():
    return UserFactory(email="resi@example.org", full_name="Resi Dent")


@pytest.fixture
def author():
    return UserFactory(email="autorin@example.org", full_name="Aut Orin")


def staff(email, roles=(), perms=()):
    user = UserFactory(email=email, staff=True, mfa=True, roles=list(roles))
    if perms:
        from django.contrib.auth.models import Permission

        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="ideas", codename__in=list(perms))
        )
    return user


@pytest.fixture
def moderator():
    return staff("moderation@muenchen.de", perms=["moderate_idea", "view_idea", "view_comment"])


@pytest.fixture
def organiser():
    return staff("vera@muenchen.de", roles=["Veranstaltungsorganisation"])


@pytest.fixture
def clerk():
    return staff("erik@muenchen.de", roles=["Erfassung"])


def log_in(client, user):
    if user is not None:
        client.force_login(user)
        if user.is_staff:
            session = client.session
            session[SESSION_PURPOSE_KEY] = PURPOSE
            session.save()
    return client
