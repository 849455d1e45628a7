"""The demo loader, the benchmark generator and benchmark, and the text helpers."""

import pytest

from bench.domains.service_generator import PREFIX, delete_generated, generate_services
from munich_portal.portal.demo import load_city_structure
from munich_portal.portal.demo import services as demo
from services.models import LifeSituation, Office, OpeningException, SearchWord, Service, Topic
from services.search import search_services
from services.templatetags.catalogue import json_ld, text_blocks, text_list

pytestmark = pytest.mark.django_db


def test_demo_catalogue_loads_real_services_and_is_idempotent():
    """At least 60 services, the Bürgerbüros and KVR offices, all life situations; twice is
    the same as once."""
    load_city_structure()
    message = demo.load_catalogue()
    counts = (
        Service.objects.published().count(),
        Office.objects.published().count(),
        LifeSituation.objects.count(),
        Topic.objects.count(),
        OpeningException.objects.count(),
    )
    assert counts[0] >= 60
    assert Office.objects.filter(kind=Office.Kind.CITIZENS_OFFICE).count() >= 5
    assert {"umzug", "geburt", "heirat", "hund", "bauen"} <= set(
        LifeSituation.objects.values_list("slug", flat=True)
    )
    assert f"{counts[0]} services" in message
    demo.load_catalogue()
    assert counts == (
        Service.objects.published().count(),
        Office.objects.published().count(),
        LifeSituation.objects.count(),
        Topic.objects.count(),
        OpeningException.objects.count(),
    )
    wohnsitz = Service.objects.get(slug="wohnsitz-anmelden")
    assert wohnsitz.popular_rank == 1
    assert wohnsitz.offices.exists()
    assert wohnsitz.reviewed_by is not None
    assert SearchWord.objects.filter(word="personalausweis").exists()
    assert search_services(query="Perso").results[0].slug.startswith("personalausweis")


def test_generator_makes_published_searchable_services_and_removes_them():
    made = generate_services(count=60)
    assert made == 60
    generated = Service.objects.filter(slug__startswith=PREFIX)
    assert generated.published().count() == 60
    assert generated.filter(offices__isnull=False).distinct().count() == 60
    assert generated.filter(life_situations__isnull=False).distinct().count() == 60
    assert len(set(generated.values_list("name_de", flat=True))) == 60
    assert search_services(query="beantragen").total > 0
    assert delete_generated() == 60
    assert not Service.objects.filter(slug__startswith=PREFIX).exists()


def test_benchmark_returns_percentiles():
    from bench.domains.services import QUERIES, measure_search

    result = measure_search(services=40, rounds=1, warmup=0)
    assert result["services"] >= 40
    assert result["requests"] == len(QUERIES)
    assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["max_ms"]
    assert result["goal_p95_ms"] == 30


def test_text_blocks_makes_paragraphs_and_lists_and_escapes():
    html = text_blocks("Erst <b>das</b>.\nDann das.\n\n- eins\n- zwei\n  weiter\n\n1. a\n2. b")
    assert html == (
        "<p>Erst &lt;b&gt;das&lt;/b&gt;.<br>Dann das.</p>"
        "<ul><li>eins</li><li>zwei<br>weiter</li></ul>"
        "<ol><li>a</li><li>b</li></ol>"
    )


def test_text_list_puts_one_document_per_line():
    assert text_list("Ausweis\nFoto") == "<ul><li>Ausweis</li><li>Foto</li></ul>"
    assert text_list("Nur eins") == "<p>Nur eins</p>"


def test_json_ld_escapes_markup_characters():
    html = json_ld({"name": "</script><!-- & "})
    assert html.startswith('<script type="application/ld+json">')
    assert "</script><" not in html
    assert "\\u003C/script\\u003E\\u003C!-- \\u0026 " in html


def test_editor_role_holds_the_catalogue_permissions():
    from django.contrib.auth.models import Group

    from munich_portal.core.roles import sync_roles

    sync_roles()
    editorial = set(
        Group.objects.get(name="Redaktion").permissions.values_list("codename", flat=True)
    )
    assert {"add_service", "change_service", "delete_service", "view_historicalservice"} <= (
        editorial
    )
    casework = set(
        Group.objects.get(name="Sachbearbeitung").permissions.values_list("codename", flat=True)
    )
    assert "view_service" in casework
    assert "change_service" not in casework
