"""The production settings: safe defaults, no start without a secret key, a clean check --deploy.

Each case imports the settings in a subprocess with an environment built from scratch: the test
process itself runs on the test settings, which put development defaults into ``os.environ``.
"""

import json
import os
import re
import secrets
import subprocess

import pytest

from bench.server import PYTHON, REPO, production_environment

ENV_EXAMPLE = REPO / ".env.example"
BASE_SETTINGS = REPO / "munich_portal" / "settings" / "base.py"
# The developer's own embedded database: importing the settings only makes sure it exists.
DATABASE = os.environ.get("EMBEDDED_POSTGRES_DB", "munich_portal")

_SHOW_SETTINGS = """
import json
import django
from django.conf import settings
from psycopg_pool import ConnectionPool

django.setup()
database = settings.DATABASES["default"]
pool = database.get("OPTIONS", {}).get("pool", {})
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "HOST": database["HOST"],
    "CONN_MAX_AGE": database["CONN_MAX_AGE"],
    "sslmode": database.get("OPTIONS", {}).get("sslmode"),
    "pool_keys": sorted(pool),
    "pool_check_is_psycopg": pool.get("check") is ConnectionPool.check_connection,
    "pool_check_pause": getattr(pool.get("check"), "pause", None),
    "pool_timeouts": [pool.get("timeout"), pool.get("reconnect_timeout")],
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_max_entries": settings.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"],
    "trusted_proxy_count": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
    "session_engine": settings.SESSION_ENGINE,
    "secure_cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "email": settings.MAILERS["default"]["BACKEND"],
}))
"""


def _example_values() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value
    return values


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_env_example_documents_every_variable_the_settings_read():
    """Every env_str/env_bool/env_int/env_list name in base.py appears in .env.example."""
    read = set(
        re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', BASE_SETTINGS.read_text())
    )
    documented = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), re.MULTILINE))
    assert len(read) > 30  # the pattern still finds the calls
    assert read - documented == set()


def test_env_example_leaves_the_secret_key_empty_and_debug_off():
    """The example is safe to copy: no usable secret key, DEBUG off, HTTPS enforced."""
    values = _example_values()
    assert values["DJANGO_SECRET_KEY"] == ""
    assert values["DJANGO_DEBUG"] == "false"
    assert values["DJANGO_SETTINGS_MODULE"] == "munich_portal.settings.production"
    assert values["DJANGO_SECURE_SSL_REDIRECT"] == "true"
    assert values["DJANGO_SECURE_COOKIES"] == "true"


def test_check_deploy_reports_nothing_with_the_example_environment():
    """``check --deploy`` finds no warning with .env.example's values and a real secret key."""
    values = _example_values()
    # The embedded database instead of the example's server, which does not exist here.
    del values["DATABASE_URL"]
    values["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(64)
    env = production_environment(DATABASE, **values)

    result = _run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_reports_nothing_with_only_secret_key_and_hosts():
    """The defaults are the safe ones: a secret key, the host name, the key that signs the
    audit anchors (warning audit.W001 without it) and the erasure journal (audit.W003) are all
    production needs."""
    env = production_environment(
        DATABASE,
        DJANGO_ALLOWED_HOSTS="digitales.muenchen.de",
        AUDIT_ANCHOR_KEY=secrets.token_urlsafe(48),
        AUDIT_ERASURE_JOURNAL="/mnt/audit-anchors/erasures.jsonl",
    )
    del env["DJANGO_BEHIND_TLS_PROXY"]

    result = _run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("secret_key", [None, "", "   "], ids=["unset", "empty", "blank"])
def test_production_refuses_to_start_without_a_secret_key(secret_key):
    """No (or an empty) DJANGO_SECRET_KEY stops the start with ImproperlyConfigured."""
    env = production_environment(DATABASE)
    if secret_key is None:
        del env["DJANGO_SECRET_KEY"]
    else:
        env["DJANGO_SECRET_KEY"] = secret_key

    result = _run(env, "-c", "import django; django.setup()")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_defaults_debug_off_pool_database_cache_smtp():
    """Without DJANGO_DEBUG, DEBUG is off; psycopg's checked pool; a shared, large cache."""
    env = production_environment(DATABASE)

    result = _run(env, "-c", _SHOW_SETTINGS)

    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["DEBUG"] is False
    assert shown["pool_keys"] == ["check", "max_size", "min_size", "reconnect_timeout", "timeout"]
    # Checked with a round trip only after a second unused (munich_portal/core/db_pool.py).
    assert shown["pool_check_pause"] == 1
    # A request waits 2 s for a connection, and a lost one is retried for 2 s, not psycopg's
    # 5 minutes of back-off (tests/reliability/test_database_outage.py, issue 13).
    assert shown["pool_timeouts"] == [2, 2]
    # The pool replaces persistent connections; Django refuses both at once.
    assert shown["CONN_MAX_AGE"] == 0
    assert shown["cache"] == "django.core.cache.backends.db.DatabaseCache"
    # Rate-limit counters must not be culled at Django's default of 300 entries.
    assert shown["cache_max_entries"] >= 100_000
    # X-Forwarded-For is not believed unless the deployment says how many proxies it has.
    assert shown["trusted_proxy_count"] == 0
    assert shown["session_engine"] == "munich_portal.accounts.sessions"
    assert shown["secure_cookies"] == [True, True]
    assert shown["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_production_database_url_keeps_its_options_and_gets_the_pool():
    """A DATABASE_URL server (no connection is made here) gets the pool next to its sslmode."""
    env = production_environment(
        DATABASE,
        DATABASE_URL="postgres://portal:secret@db.internal.example:5432/portal?sslmode=require",
    )

    result = _run(env, "-c", _SHOW_SETTINGS)

    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["HOST"] == "db.internal.example"
    assert shown["sslmode"] == "require"
    assert shown["pool_check_pause"] == 1


def test_pool_check_after_zero_checks_every_connection_every_time():
    """DATABASE_POOL_CHECK_AFTER=0: psycopg's own check on every hand-out, as before round 6."""
    env = production_environment(DATABASE, DATABASE_POOL_CHECK_AFTER="0")

    result = _run(env, "-c", _SHOW_SETTINGS)

    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["pool_check_is_psycopg"] is True
    assert shown["pool_check_pause"] is None


def _application_sources():
    """The portal's own Python modules (not tests, migrations, settings or the virtualenv)."""
    for path in sorted(REPO.rglob("*.py")):
        parts = path.relative_to(REPO).parts
        if parts[0] in ("tests", "bench") or parts[0].startswith(".") or "migrations" in parts:
            continue
        if parts[:2] == ("munich_portal", "settings"):
            continue
        yield path


def test_settings_defaults_are_only_in_the_settings_module():
    """``settings.X``, never ``getattr(settings, "X", default)``: base.py holds every default,
    so a second default elsewhere cannot disagree with it (issue 12)."""
    offenders = [
        str(path.relative_to(REPO))
        for path in _application_sources()
        if re.search(r"getattr\(\s*settings\s*,", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_setting_the_code_reads_is_defined():
    """Each ``settings.NAME`` the portal reads exists (base.py or Django's own defaults)."""
    from django.conf import settings

    names = set()
    for path in _application_sources():
        names |= set(re.findall(r"\bsettings\.([A-Z][A-Z0-9_]+)\b", path.read_text("utf-8")))
    assert len(names) > 20  # the pattern still finds them
    assert sorted(name for name in names if not hasattr(settings, name)) == []
