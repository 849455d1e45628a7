"""The fragment cache (munich_portal.core.fragment_cache and ``{% fragment %}``): what is kept,
under which key, for how long, and that a kept body is never rendered again."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation

from munich_portal.core import page_cache
from munich_portal.core.fragment_cache import cached_fragment, once

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    page_cache.clear()
    yield
    page_cache.clear()


def _request(cookies=None, host="127.0.0.1"):
    request = RequestFactory().get("/irgendwo/", HTTP_HOST=host)
    request.COOKIES.update(cookies or {})
    return request


class Renders:
    """A render callable that counts how often it ran and returns its current text."""

    def __init__(self, text="<p>Teil</p>"):
        self.text = text
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.text


def test_a_fragment_is_rendered_once_and_served_again():
    render = Renders()
    first = cached_fragment(_request(), "teil", 1, render=render)
    render.text = "<p>geändert</p>"
    second = cached_fragment(_request(), "teil", 1, render=render)
    assert (str(first), str(second), render.calls) == ("<p>Teil</p>", "<p>Teil</p>", 1)


def test_parts_name_language_display_cookie_and_host_are_kept_apart(settings):
    render = Renders()
    cached_fragment(_request(), "teil", 1, render=render)
    cached_fragment(_request(), "teil", 2, render=render)
    cached_fragment(_request(), "anderer", 1, render=render)
    with translation.override("en"):
        cached_fragment(_request(), "teil", 1, render=render)
    cached_fragment(_request({"portal_display": "contrast"}), "teil", 1, render=render)
    settings.ALLOWED_HOSTS = ["*"]
    cached_fragment(_request(host="example.org"), "teil", 1, render=render)
    assert render.calls == 6
    # Any other cookie (a session, the CSRF cookie) is not part of the key: it changes nothing.
    cached_fragment(_request({"sessionid": "x", "csrftoken": "y"}), "teil", 1, render=render)
    assert render.calls == 6


def test_one_request_in_two_languages_gets_a_fragment_for_each():
    """The request's part of the key is worked out once per request; the language is not part of
    it, so a page that switches language within a request still gets the right fragment."""
    render = Renders()
    request = _request()
    german = cached_fragment(request, "teil", 1, render=render)
    render.text = "<p>Part</p>"
    with translation.override("en"):
        english = cached_fragment(request, "teil", 1, render=render)
    again = cached_fragment(request, "teil", 1, render=render)
    assert (str(german), str(english), str(again), render.calls) == (
        "<p>Teil</p>",
        "<p>Part</p>",
        "<p>Teil</p>",
        2,
    )
    # Another request with the same address, language and cookies gets the same fragments.
    assert str(cached_fragment(_request(), "teil", 1, render=render)) == "<p>Teil</p>"
    assert render.calls == 2


def test_a_new_version_renders_again_and_none_keeps_nothing():
    render = Renders()
    cached_fragment(_request(), "teil", render=render, version="v1")
    cached_fragment(_request(), "teil", render=render, version="v1")
    assert render.calls == 1
    cached_fragment(_request(), "teil", render=render, version="v2")
    assert render.calls == 2
    cached_fragment(_request(), "teil", render=render, version=None)
    cached_fragment(_request(), "teil", render=render, version=None)
    assert render.calls == 4


def test_without_a_version_page_cache_seconds_0_keeps_nothing_but_versions_stay(settings):
    settings.PAGE_CACHE_SECONDS = 0
    render = Renders()
    cached_fragment(_request(), "teil", render=render)
    cached_fragment(_request(), "teil", render=render)
    assert render.calls == 2
    cached_fragment(_request(), "teil", render=render, version="v1")
    cached_fragment(_request(), "teil", render=render, version="v1")
    assert render.calls == 3


@pytest.mark.parametrize("switch", [{"DEBUG": True}, {"PAGE_CACHE_MAX_SECONDS": 0}])
def test_the_fragment_cache_can_be_switched_off(settings, switch):
    for name, value in switch.items():
        setattr(settings, name, value)
    render = Renders()
    cached_fragment(_request(), "teil", render=render, version="v1")
    cached_fragment(_request(), "teil", render=render, version="v1")
    assert render.calls == 2


def test_the_template_tag_skips_its_body_on_a_hit_and_keeps_the_rest_of_the_page_live():
    template = Template(
        "{% load fragments %}<h1>{{ person }}</h1>"
        '{% fragment "liste" page version=token %}{% for row in rows %}<li>{{ row }}</li>'
        "{% endfor %}{% endfragment %}"
    )
    evaluated = []

    def rows():
        evaluated.append(1)
        return ["a", "b"]

    request = _request()
    first = template.render(
        Context({"request": request, "person": "Anna", "page": 1, "token": "t", "rows": rows})
    )
    second = template.render(
        Context({"request": request, "person": "Ben", "page": 1, "token": "t", "rows": rows})
    )
    assert first == "<h1>Anna</h1><li>a</li><li>b</li>"
    assert second == "<h1>Ben</h1><li>a</li><li>b</li>"
    assert len(evaluated) == 1
    third = template.render(
        Context({"request": request, "person": "Ben", "page": 1, "token": "u", "rows": rows})
    )
    assert third == second and len(evaluated) == 2


def test_the_template_tag_escapes_like_the_page_and_rejects_unknown_options():
    template = Template(
        '{% load fragments %}{% fragment "x" version="1" %}{{ v }}{% endfragment %}'
    )
    assert template.render(Context({"request": _request(), "v": "<b>"})) == "&lt;b&gt;"
    with pytest.raises(TemplateSyntaxError):
        Template('{% load fragments %}{% fragment "x" lang="de" %}{% endfragment %}')
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}{% fragment %}{% endfragment %}")


def test_once_computes_on_the_first_call_only_and_a_template_reads_it_twice():
    calls = []

    def compute(first, second):
        calls.append((first, second))
        return [first, second]

    value = once(compute, "a", "b")
    assert calls == []  # nothing is computed before something reads it

    rendered = Template(
        "{% if value %}{% for item in value %}{{ item }}{% endfor %}{% endif %}"
    ).render(Context({"value": value}))

    assert rendered == "ab"
    assert calls == [("a", "b")]
    assert value() == ["a", "b"]
    assert calls == [("a", "b")]


def test_once_keeps_a_false_or_none_result_too():
    calls = []
    value = once(lambda: calls.append(1))  # returns None
    assert value() is None
    assert value() is None
    assert calls == [1]
