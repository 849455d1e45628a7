"""The apps included without a prefix are skipped for paths they cannot match, and nothing else
changes: every route of the portal resolves to the same view, name, namespace and arguments as
through Django's own ``path("", include(...))`` (munich_portal/core/urls.py, issue 17 round 5).
"""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, include, path
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

from munich_portal.core.urls import AppResolver, app_urls, first_segment

SAMPLES = {"int": "7", "slug": "ein-beispiel", "str": "ABC-123", "uuid": str(uuid.UUID(int=5))}
CONVERTER = re.compile(r"<(?:(?P<kind>[a-z]+):)?(?P<name>\w+)>")


def _plain(patterns):
    """The same URL configuration with every AppResolver a plain Django include."""
    plain = []
    for pattern in patterns:
        if isinstance(pattern, AppResolver):
            plain.append(
                URLResolver(
                    RoutePattern("", is_endpoint=False),
                    pattern.urlconf_name,
                    app_name=pattern.app_name,
                    namespace=pattern.namespace,
                )
            )
        elif isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            plain.append(URLResolver(pattern.pattern, _plain(pattern.url_patterns)))
        else:
            plain.append(pattern)
    return plain


def _routes(patterns, prefix=""):
    """Every endpoint's route (converters left in), through the includes with routes."""
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern | LocalePrefixPattern):
            continue  # a regular expression (the admin's app index): not sampled
        route = prefix + (
            "" if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
        )
        if isinstance(pattern, URLPattern):
            yield route
        else:
            yield from _routes(pattern.url_patterns, route)


def _sample(route: str) -> str:
    return "/" + CONVERTER.sub(lambda m: SAMPLES.get(m["kind"] or "str", "x"), route)


def _outcome(resolver, path_):
    try:
        match = resolver.resolve(path_)
    except Resolver404:
        return "404"
    return (match.func, match.url_name, match.namespaces, match.kwargs, match.route)


@pytest.fixture(scope="module")
def resolvers():
    ours = get_resolver()
    plain = URLResolver(RegexPattern(r"^/"), _plain(ours.url_patterns))
    return ours, plain


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_route_resolves_as_through_djangos_own_include(resolvers, language):
    ours, plain = resolvers
    with translation.override(language):
        routes = sorted(set(_routes(ours.url_patterns)))
        paths = [_sample(route) for route in routes]
        if language == "en":
            paths = ["/en" + p for p in paths]
        # And paths no route has: without the last slash, unknown words, a converter's place.
        paths += ["/dienstleistungen", "/veranstaltungen/", "/unbekannt/", "/konto/x/y/z/", "/ä/"]
        assert len(routes) > 300
        different = {
            p: (_outcome(ours, p), _outcome(plain, p))
            for p in paths
            if _outcome(ours, p) != _outcome(plain, p)
        }
    assert different == {}


def test_an_app_is_skipped_only_when_none_of_its_routes_can_start_so(resolvers):
    ours, _plain_resolver = resolvers
    (locale,) = (p for p in ours.url_patterns if isinstance(p.pattern, LocalePrefixPattern))
    apps = {p.app_name: p for p in locale.url_patterns if isinstance(p, AppResolver)}
    assert {"services", "appointments", "participation", "portal"} <= set(apps)
    assert {"dienstleistungen/", "dienststellen/", "lebenslagen/", "open-data/"} == set(
        apps["services"].first_segments
    )
    assert "" in apps["portal"].first_segments  # the home page's empty path
    # The event page's path is for participation only.
    segment = first_segment("veranstaltungen/innenstadt-werkstatt-altstadt/")
    assert [name for name, app in apps.items() if segment in app.first_segments] == [
        "participation"
    ]


def _app_of(*patterns):
    resolver = app_urls("munich_portal.rights.urls")
    resolver.__dict__["url_patterns"] = list(patterns)
    return resolver


def _view(request):  # pragma: no cover - never called
    return None


@pytest.mark.parametrize(
    "patterns",
    [
        [path("<slug:slug>/", _view)],  # starts with a converter
        [URLPattern(RegexPattern(r"^anything/$"), _view)],  # a regular expression
        [path("prefix", include([path("x/", _view)]))],  # an include without a final slash
    ],
    ids=["converter", "regex", "include-without-slash"],
)
def test_an_app_that_can_start_with_anything_is_always_tried(patterns):
    assert _app_of(*patterns).first_segments is None


def test_first_segment():
    assert first_segment("termine/gebucht/X/") == "termine/"
    assert first_segment("") == ""
    assert first_segment("healthz") == "healthz"
