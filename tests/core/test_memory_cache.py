"""The store of rendered pages and fragments (munich_portal/core/memory_cache.py, issue 17,
round 6): unchangeable values kept as they are, everything else pickled as by ``LocMemCache``."""

import warnings

import pytest
from django.utils.safestring import SafeString, mark_safe

from munich_portal.core.memory_cache import ProcessMemoryCache, unchangeable


@pytest.fixture
def store(request):
    kept = ProcessMemoryCache(f"memory-cache-test-{request.node.name}", {"OPTIONS": {}})
    yield kept
    kept.clear()


@pytest.mark.parametrize(
    "value",
    [
        "Seite",
        b"<html>",
        mark_safe("<p>Fragment</p>"),
        ("token", b"body", b"", "text/html", (("Vary", "Cookie"),)),
        ("a", 1, 2.5, None, True),
    ],
)
def test_unchangeable_values_come_back_as_they_were_stored(store, value):
    store.set("key", value, 60)

    got = store.get("key")

    assert got is value  # kept as it is: nothing to unpickle
    assert type(got) is type(value)


def test_a_fragment_stays_safe(store):
    store.set("fragment", mark_safe("<p>x</p>"), 60)
    assert isinstance(store.get("fragment"), SafeString)


class Text(str):
    """A str subclass: it could carry attributes someone changes."""


@pytest.mark.parametrize(
    "value",
    [[1, 2], {"a": [1]}, ("a", [1]), Text("x"), 5, ("deep", ((((("x",),),),),))],
)
def test_everything_else_is_pickled(value):
    assert unchangeable(value) is False


def test_a_changeable_value_cannot_be_changed_through_the_store(store):
    value = {"items": [1, 2]}
    store.set("key", value, 60)
    value["items"].append(3)

    got = store.get("key")
    assert got == {"items": [1, 2]}
    got["items"].append(4)
    assert store.get("key") == {"items": [1, 2]}

    holder = ("a", [1])
    store.set("tuple", holder, 60)
    holder[1].append(2)
    assert store.get("tuple") == ("a", [1])


def test_numbers_stay_pickled_so_incr_works(store):
    store.set("count", 1, 60)
    assert store.incr("count") == 2
    assert store.get("count") == 2


def test_add_expiry_delete_and_clear_behave_as_in_locmemcache(store):
    assert store.add("key", "first", 60) is True
    assert store.add("key", "second", 60) is False
    assert store.get("key") == "first"

    store.set("gone", "at once", 0)  # a timeout of 0 keeps nothing
    assert store.get("gone", "default") == "default"
    assert store.add("gone", "now kept", 60) is True
    assert store.get("gone") == "now kept"

    store.delete("key")
    assert store.get("key") is None
    store.clear()
    assert store.get("gone") is None


def test_keys_memcached_would_refuse_are_used_without_a_warning(store):
    key = "page:" + "x" * 300 + " with spaces"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        store.set(key, "value", 60)
        assert store.get(key) == "value"
