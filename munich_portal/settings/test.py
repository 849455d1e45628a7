"""Tests: the development defaults plus what makes the suite fast and deterministic."""

import os

os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Playwright's sync API runs an event loop in the test thread; the ORM calls in those tests are
# still synchronous and safe (TOOLING.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Tests change data and read pages at once; the page cache is tested on its own.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# Pages with a version (the catalogue's) stay cached; their version is read on every request, so
# rows changed with update() (no signal) show at once.
os.environ.setdefault("PAGE_CACHE_VERSION_SECONDS", "0")
# A listening connection would outlive the tests and keep their database from being dropped; the
# service-first page's cache tests switch it on and close it (tests/appointments/).
os.environ.setdefault("APPOINTMENTS_LISTEN", "false")

from munich_portal.settings.dev import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING["root"]["level"] = "WARNING"
