"""The results demo: a process in its results phase with decided ideas; idempotent."""

import pytest

from ideas.models import Comment, Idea, IdeaStatus, Support
from munich_portal.portal.demo import load_city_structure
from munich_portal.portal.demo.results import SLUG, load_results
from participation.models import Registration

pytestmark = pytest.mark.django_db


def test_the_demo_is_idempotent_and_its_results_page_shows(client):
    load_city_structure()
    load_results()
    counts = (
        Idea.objects.count(),
        Comment.objects.count(),
        Support.objects.count(),
        Registration.objects.count(),
    )
    assert counts[0] > 40 and counts[1] > 0 and counts[2] > 0 and counts[3] > 0
    load_results()
    assert counts == (
        Idea.objects.count(),
        Comment.objects.count(),
        Support.objects.count(),
        Registration.objects.count(),
    )
    assert Idea.objects.filter(status=IdeaStatus.ACCEPTED).exclude(answer="").count() == 3
    response = client.get(f"/en/beteiligung/{SLUG}/ergebnisse/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thank you for taking part!" in html
    assert "Geschützte Radspur auf der Landsberger Straße" in html
    assert html.count("<svg") >= 2
