"""The session engine and authentication (issue 17, round 2; munich_portal/accounts/sessions.py).

One query reads the session, its account and the account's display preferences. The account is
taken from that query only where Django's own ``get_user`` would accept it; everything else goes
to Django, which decides as it always has.
"""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from accessibility import actions as accessibility_actions
from accessibility.preferences import Preferences
from munich_portal.accounts.models import Session
from munich_portal.accounts.sessions import SessionStore, _plan, _user_relations
from munich_portal.audit.guard import allow_untracked_writes
from munich_portal.core.prepared import deallocate_all
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

# A page that renders the layout (the display preferences' class) and the person's navigation.
PAGE = "/barrierefreiheit/"


def _queries(client, url=PAGE):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def _large_text_and_high_contrast():
    return Preferences(text="large", contrast="high", spacing="normal", motion="standard")


def _session_sql() -> str:
    return _plan(Session, tuple(_user_relations), connection.vendor).statement.sql


@pytest.mark.parametrize("prepared", [True, False], ids=["prepared", "sent each time"])
def test_one_query_reads_session_account_and_display_preferences(client, settings, prepared):
    settings.DATABASE_PREPARED_STATEMENTS = prepared
    user = UserFactory()
    accessibility_actions.save_display_preferences(
        user=user, preferences=_large_text_and_high_contrast()
    )
    client.force_login(user)
    client.get(PAGE)  # warm the page's own fragments (and prepare the session's statement)

    response, queries = _queries(client)

    sql = _session_sql()
    assert '"accounts_session"' in sql and '"accounts_user"' in sql
    assert '"accessibility_displaypreference"' in sql
    # The page's other queries read neither the account nor its preferences.
    reads = [
        query
        for query in queries
        if query.startswith("EXECUTE")
        or '"accounts_user"' in query
        or '"accessibility_displaypreference"' in query
    ]
    assert len(reads) == 1
    assert client.cookies[settings.SESSION_COOKIE_NAME].value in reads[0]
    if prepared:
        assert reads[0].startswith("EXECUTE portal_read_")
    else:
        # The statement as written, with the key and the time in the placeholders' places.
        assert reads[0].startswith(sql.split(" WHERE ")[0] + " WHERE ")
    page = response.content.decode()
    assert "pref-text-large" in page and "pref-contrast-high" in page
    assert "Mein Konto" in page


def test_each_connection_prepares_the_session_statement_once(client):
    """Planning the session's joins took the database longer than running them: a connection
    plans it at its first logged-in request, then only executes it."""
    client.force_login(UserFactory())
    deallocate_all()
    _first, first = _queries(client)
    _second, second = _queries(client)
    prepares = [sql for sql in first if sql.startswith("PREPARE")]
    session_prepare = [sql for sql in prepares if '"accounts_session"' in sql]
    assert len(session_prepare) == 1
    name = session_prepare[0].split()[1]
    assert [sql for sql in first if sql.startswith(f"EXECUTE {name} ")]
    assert not [sql for sql in second if sql.startswith("PREPARE")]
    assert [sql for sql in second if sql.startswith(f"EXECUTE {name} ")]


def test_a_resident_without_stored_preferences_costs_no_query_of_their_own(client):
    user = UserFactory()
    client.force_login(user)
    client.get(PAGE)
    response, queries = _queries(client)
    assert not [sql for sql in queries if 'FROM "accessibility_displaypreference"' in sql]
    assert 'class=""' in response.content.decode()


def test_saved_preferences_show_on_the_next_page(client):
    user = UserFactory()
    client.force_login(user)
    assert "pref-text-large" not in client.get(PAGE).content.decode()
    accessibility_actions.save_display_preferences(
        user=user, preferences=_large_text_and_high_contrast()
    )
    assert "pref-text-large" in client.get(PAGE).content.decode()
    accessibility_actions.reset_display_preferences(user=user)
    assert "pref-text-large" not in client.get(PAGE).content.decode()


def test_the_account_column_follows_the_session_data(client):
    user = UserFactory()
    client.get(PAGE)
    client.force_login(user)
    row = Session.objects.get(session_key=client.session.session_key)
    assert row.user_id == user.pk
    assert row.get_decoded()[SESSION_KEY] == str(user.pk)

    client.logout()
    assert not Session.objects.filter(user=user).exists()


def test_an_anonymous_session_has_no_account():
    store = SessionStore()
    store["step"] = 2
    store.create()
    assert Session.objects.get(session_key=store.session_key).user_id is None


def test_a_password_change_signs_out_the_other_sessions(client):
    user = UserFactory()
    client.force_login(user)
    assert "_auth_user_id" in client.session
    user.set_password("Ein-ganz-neues-Passwort-7")
    user.save()
    response = client.get("/konto/")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    # Django's own path flushed the session: the old one is gone.
    assert not Session.objects.filter(user=user).exists()


def test_a_deactivated_account_is_signed_out(client):
    user = UserFactory()
    client.force_login(user)
    user.is_active = False
    user.save()
    response = client.get("/konto/")
    assert response.status_code == 302


def test_the_column_is_never_trusted_over_the_session_data(client):
    """A session row whose column names another account (only possible by writing to the table
    directly): the account the signed session data names is the one signed in, as Django decides
    it, never the column's."""
    user, other = UserFactory(), UserFactory()
    client.force_login(user)
    with allow_untracked_writes():
        Session.objects.filter(session_key=client.session.session_key).update(user=other)
    response = client.get("/konto/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user


def test_a_session_signed_with_a_previous_secret_key_is_rotated(client):
    """The fast path needs the current key's hash; a fallback key's hash goes to Django, which
    keeps the resident signed in and rotates the session."""
    old_key = "an-old-secret-key-" + "x" * 40
    user = UserFactory()
    with override_settings(SECRET_KEY=old_key):
        client.force_login(user)
        old_session_key = client.session.session_key
    with override_settings(SECRET_KEY_FALLBACKS=[old_key]):
        response = client.get("/konto/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    assert client.session.session_key != old_session_key


def test_a_forged_session_key_is_anonymous(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    response, _queries_made = _queries(client)
    assert not response.wsgi_request.user.is_authenticated


def test_signing_in_through_the_form_fills_the_column(client):
    user = UserFactory(email="anmeldung@example.org")
    response = client.post("/konto/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert Session.objects.filter(user=user).count() == 1


def test_the_deploy_carries_open_sessions_over():
    """The migration copies open sessions from Django's table with their account."""
    user = UserFactory()
    old = DjangoSessionStore()
    old[SESSION_KEY] = str(user.pk)
    old[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    old[HASH_SESSION_KEY] = user.get_session_auth_hash()
    old.create()
    guest = DjangoSessionStore()
    guest["step"] = 1
    guest.create()
    forged = apps.get_model("sessions", "Session").objects.create(
        session_key="f" * 32, session_data="not signed", expire_date=old.get_expiry_date()
    )
    migration = importlib.import_module(
        "munich_portal.accounts.migrations.0003_session_with_account"
    )

    with allow_untracked_writes():  # the migration's historical models are not guarded
        migration.copy_sessions(apps, None)

    assert Session.objects.get(session_key=old.session_key).user_id == user.pk
    assert Session.objects.get(session_key=guest.session_key).user_id is None
    assert not Session.objects.filter(session_key=forged.session_key).exists()
    assert SessionStore(old.session_key).load()[SESSION_KEY] == str(user.pk)


def test_meine_daten_lists_the_residents_open_sessions(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get("/meine-daten/").content.decode()
    assert "Anmeldesitzung" in page


def test_the_session_query_builds_the_same_objects_as_the_orm():
    """The hand-written query gives the account and its preferences exactly as the ORM reads
    them (every concrete field), and caches them so that reading them costs no query."""
    user = UserFactory(full_name="Zoë Ünal")
    accessibility_actions.save_display_preferences(
        user=user, preferences=_large_text_and_high_contrast()
    )
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store.create()

    fresh = SessionStore(store.session_key)
    assert fresh.load()[SESSION_KEY] == str(user.pk)
    loaded = fresh.loaded_user
    expected = type(user).objects.get(pk=user.pk)
    for field in type(user)._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
    with CaptureQueriesContext(connection) as captured:
        preference = loaded.display_preference
    assert captured.captured_queries == []
    stored = type(preference).objects.get(user=user)
    for field in type(preference)._meta.concrete_fields:
        assert getattr(preference, field.attname) == getattr(stored, field.attname), field.name
    assert not loaded._state.adding and loaded._state.db == "default"


def test_an_expired_or_unknown_session_loads_nothing():
    store = SessionStore()
    store["step"] = 1
    store.create()
    assert SessionStore(store.session_key).load() == {"step": 1}
    row = Session.objects.get(session_key=store.session_key)
    row.expire_date = timezone.now() - dt.timedelta(seconds=1)
    row.save()
    assert SessionStore(store.session_key).load() == {}
    assert SessionStore("n" * 32).load() == {}
