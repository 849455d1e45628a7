"""Tags with the same output for every request, worked out once per process
(munich_portal/core/template_folding.py, issue 17, round 7)."""

import threading

import pytest
from django.template import Context, Engine, RequestContext, Template, engines
from django.template.defaulttags import URLNode
from django.template.loader_tags import BlockNode
from django.templatetags.i18n import TranslateNode
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, set_script_prefix
from django.utils import translation

from munich_portal.core.template_folding import (
    MAX_KEPT,
    FoldedTranslateNode,
    FoldedURLNode,
    Loader,
    fold,
)


def folded(source: str) -> Template:
    template = Template("{% load i18n %}" + source)
    fold(template)
    return template


def render(template: Template, language: str, **context) -> str:
    with translation.override(language):
        return template.render(Context(context))


def test_a_translated_literal_follows_the_language_on_every_render():
    template = folded('{% translate "Home" %}|{% translate "My account" %}')
    assert [type(node) for node in template.nodelist.get_nodes_by_type(TranslateNode)] == [
        FoldedTranslateNode,
        FoldedTranslateNode,
    ]
    for _round in range(2):
        assert render(template, "de") == "Startseite|Mein Konto"
        assert render(template, "en") == "Home|My account"


def test_translate_as_sets_the_variable_in_each_language_and_prints_nothing():
    template = folded('{% translate "Log out" as label %}[{{ label }}]')
    for _round in range(2):
        assert render(template, "de") == "[Abmelden]"
        assert render(template, "en") == "[Log out]"


def test_an_address_follows_language_and_script_prefix():
    template = folded("{% url 'portal:my_account' %} {% url 'portal:home' as home %}{{ home }}")
    assert {type(node) for node in template.nodelist.get_nodes_by_type(URLNode)} == {FoldedURLNode}
    for _round in range(2):
        assert render(template, "de") == "/konto/ /"
        assert render(template, "en") == "/en/konto/ /en/"
    set_script_prefix("/portal/")
    try:
        assert render(template, "de") == "/portal/konto/ /portal/"
    finally:
        set_script_prefix("/")
    assert render(template, "de") == "/konto/ /"


def test_the_current_application_is_part_of_the_key():
    template = folded("{% url 'portal:home' %}")
    request = RequestFactory().get("/")
    request.current_app = "portal"
    with translation.override("de"):
        assert template.render(RequestContext(request)) == "/"
    kept = template.nodelist.get_nodes_by_type(URLNode)[0]._kept
    assert {key[4] for key in kept} == {"portal"}
    assert render(template, "de") == "/"
    assert {key[4] for key in kept} == {"portal", None}


def test_an_address_that_cannot_be_reversed_fails_every_time_or_is_empty_with_as():
    failing = folded("{% url 'portal:no-such-page' %}")
    for _round in range(2):
        with pytest.raises(NoReverseMatch):
            render(failing, "de")
    assert "_kept" not in failing.nodelist.get_nodes_by_type(URLNode)[0].__dict__
    quiet = folded("{% url 'portal:no-such-page' as missing %}[{{ missing }}]")
    for _round in range(2):
        assert render(quiet, "de") == "[]"


@pytest.mark.parametrize(
    "source",
    [
        "{% translate name %}",
        '{% translate "Home" noop %}',
        '{% translate "May" context "month name" %}',
        '{% translate "Home"|upper %}',
        "{% url 'services:service_detail' slug=slug %}",
        "{% url view_name %}",
    ],
)
def test_tags_that_depend_on_the_request_stay_djangos(source):
    template = folded(source)
    nodes = [*template.nodelist.get_nodes_by_type(TranslateNode)]
    nodes += template.nodelist.get_nodes_by_type(URLNode)
    assert nodes
    assert all(type(node) in (TranslateNode, URLNode) for node in nodes)


def test_unfolded_tags_still_render_per_request():
    template = folded("{% translate name %}")
    assert render(template, "de", name="Home") == "Startseite"
    assert render(template, "de", name="Log out") == "Abmelden"


def test_tags_inside_blocks_loops_and_conditions_are_folded():
    template = folded(
        '{% if show %}{% for x in items %}{% translate "Home" %}{% endfor %}'
        "{% else %}{% url 'portal:home' %}{% endif %}"
    )
    assert render(template, "en", show=True, items=[1, 2]) == "HomeHome"
    assert render(template, "en", show=False) == "/en/"
    assert not [
        node
        for node in template.nodelist.get_nodes_by_type(TranslateNode)
        + template.nodelist.get_nodes_by_type(URLNode)
        if type(node) in (TranslateNode, URLNode)
    ]


def test_escaping_follows_the_page_and_is_kept_apart():
    template = folded(
        "{% url 'portal:home' %}{% autoescape off %}{% url 'portal:home' %}{% endautoescape %}"
    )
    assert render(template, "de") == "//"


def test_a_change_of_settings_forgets_what_was_kept():
    template = folded('{% translate "Home" %}')
    assert render(template, "de") == "Startseite"
    with override_settings(LANGUAGE_CODE="en"):
        assert render(template, "de") == "Startseite"
    node = template.nodelist.get_nodes_by_type(TranslateNode)[0]
    # Kept under two generations: the one before the change and the one after.
    assert len({key[0] for key in node._kept}) >= 2


def test_at_most_max_kept_outputs_are_kept_per_node():
    template = folded("{% url 'portal:home' %}")
    for number in range(MAX_KEPT + 5):
        set_script_prefix(f"/p{number}/")
        try:
            assert render(template, "de") == f"/p{number}/"
        finally:
            set_script_prefix("/")
    assert len(template.nodelist.get_nodes_by_type(URLNode)[0]._kept) == MAX_KEPT


def test_threads_in_two_languages_each_get_their_own_text():
    template = folded('{% translate "Home" as label %}{{ label }}|{% url "portal:home" %}')
    wrong = []

    def work(language, expected):
        for _round in range(300):
            output = render(template, language)
            if output != expected:
                wrong.append(output)

    threads = [
        threading.Thread(target=work, args=("de", "Startseite|/")),
        threading.Thread(target=work, args=("en", "Home|/en/")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


def test_the_portals_templates_are_loaded_folded_once():
    engine = engines["django"].engine
    [loader] = engine.template_loaders
    assert isinstance(loader, Loader)
    template = engine.get_template("base.html")
    assert template._folded
    assert engine.get_template("base.html") is template
    kinds = {type(node) for node in template.nodelist.get_nodes_by_type(TranslateNode)}
    assert kinds == {FoldedTranslateNode}
    urls = template.nodelist.get_nodes_by_type(URLNode)
    assert FoldedURLNode in {type(node) for node in urls}


def _engine(templates: dict) -> Engine:
    return Engine(
        loaders=[
            (
                "munich_portal.core.template_folding.Loader",
                [("django.template.loaders.locmem.Loader", templates)],
            )
        ],
        libraries={"i18n": "django.templatetags.i18n"},
    )


def test_pages_extending_a_layout_through_two_levels_get_every_block():
    engine = _engine(
        {
            "base.html": "<{% block title %}base{% endblock %}|{% block body %}{% endblock %}>",
            "middle.html": '{% extends "base.html" %}{% block body %}mid'
            "[{% block inner %}default{% endblock %}]{% endblock %}",
            "page.html": '{% extends "middle.html" %}{% block title %}page{% endblock %}'
            "{% block inner %}own{% endblock %}",
            "plain.html": '{% extends "base.html" %}',
        }
    )
    for _twice in range(2):
        assert engine.get_template("page.html").render(Context()) == "<page|mid[own]>"
        assert engine.get_template("middle.html").render(Context()) == "<base|mid[default]>"
        assert engine.get_template("plain.html").render(Context()) == "<base|>"


def test_the_layouts_blocks_are_worked_out_once_and_other_nodes_as_before():
    engine = _engine(
        {"base.html": '{% load i18n %}{% block a %}{% translate "Home" %}{% endblock %}'}
    )
    template = engine.get_template("base.html")
    nodelist = template.nodelist
    assert [node.name for node in nodelist.get_nodes_by_type(BlockNode)] == ["a"]
    assert nodelist.get_nodes_by_type(BlockNode) is not nodelist.get_nodes_by_type(BlockNode)
    assert [type(node) for node in nodelist.get_nodes_by_type(TranslateNode)] == [
        FoldedTranslateNode
    ]
