"""Every setting of the portal, read from the environment; the defaults are the safe ones.

Nothing here is secret. Development and tests set friendlier environment defaults in ``dev.py`` and
``test.py`` before this module is imported; production uses it as it is.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from munich_portal.settings.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# --- Core ---------------------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("PORTAL_SITE_URL", "https://digitales.muenchen.de").rstrip("/")

INSTALLED_APPS = [
    "munich_portal.core.admin_apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "munich_portal.core",
    "munich_portal.accounts",
    "munich_portal.audit",
    # Before messaging: its admin registers the task rows, which messaging's admin takes back out.
    "django_tasks_db",
    "munich_portal.messaging",
    "services",
    "appointments",
    "online_requests",
    "participation",
    "paper",
    "ideas",
    "results",
    "accessibility",
    "munich_portal.rights",
    "munich_portal.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "munich_portal.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "munich_portal.core.middleware.FormBodyAsUtf8Middleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "munich_portal.accounts.middleware.AuthenticationMiddleware",
    "munich_portal.audit.middleware.ProcessingContextMiddleware",
    "accessibility.middleware.DisplayPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "munich_portal.urls"
WSGI_APPLICATION = "munich_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Django's cached loader, with the tags whose output is the same for every request
            # worked out once per process (munich_portal/core/template_folding.py).
            "loaders": [
                (
                    "munich_portal.core.template_folding.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "munich_portal.core.context_processors.portal",
                "accessibility.context_processors.display_preferences",
                # After Django's own (always first): the CSRF token with a cheaper mask.
                "munich_portal.core.csrf.csrf",
            ],
        },
    },
]
FORM_RENDERER = "munich_portal.core.forms.PortalFormRenderer"

# --- Database -----------------------------------------------------------------------------------
# Without DATABASE_URL the project-local embedded PostgreSQL server is used (see embedded_db.py).
DATABASE_URL = env_str("DATABASE_URL", "")
# The role owning the tables: migrate, createcachetable and setup_db_roles connect as it;
# DATABASE_URL is then the app role, which may not alter tables or change the data-use log
# (docs/deployment.md).
DATABASE_OWNER_URL = env_str("DATABASE_OWNER_URL", "")
DATABASE_POOL = env_bool("DATABASE_POOL", True)
EMBEDDED_POSTGRES_DIR = Path(env_str("EMBEDDED_POSTGRES_DIR", str(BASE_DIR / ".pgdata")))
EMBEDDED_POSTGRES_DB = env_str("EMBEDDED_POSTGRES_DB", "munich_portal")


def _database() -> dict:
    if DATABASE_URL:
        import dj_database_url

        database = dj_database_url.parse(DATABASE_URL)
    else:
        from munich_portal.embedded_db import ensure_server

        database = {
            "ENGINE": "django.db.backends.postgresql",
            **ensure_server(EMBEDDED_POSTGRES_DIR, EMBEDDED_POSTGRES_DB),
        }
    database["ENGINE"] = "django.db.backends.postgresql"
    if DATABASE_POOL:
        from munich_portal.core.db_pool import checker

        # psycopg's pool keeps connections open between requests and checks each one before
        # handing it out (a connection the server closed is replaced, not used) — with one round
        # trip, so only when it has not been handed out within DATABASE_POOL_CHECK_AFTER seconds
        # (munich_portal/core/db_pool.py; 0: every time). When the server is down (issue 13,
        # part 3; docs/deployment.md, "A database outage"):
        # - "timeout": how long a request waits for a connection before it fails (the 503
        #   page). With max_size >= GUNICORN_THREADS no request waits for another's connection,
        #   so the wait is only ever for a new connection: 2 s bridges a restart of a few seconds
        #   and keeps a down database from holding every thread (it was 10 s).
        # - "reconnect_timeout": how long the pool keeps retrying one lost connection in the
        #   background. Its retries back off from 1 s, doubling (psycopg_pool's
        #   AttemptWithBackoff), so after psycopg's default of 5 minutes the next try could come
        #   minutes after the server was back: 45.7 s of failures after a 70 s outage. After 2 s
        #   the pool gives up on that connection; the next request that finds no connection
        #   starts a new attempt at once. So a server that is back is used within about a second.
        database["CONN_MAX_AGE"] = 0
        database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN_SIZE", 2),
            "max_size": env_int("DATABASE_POOL_MAX_SIZE", 10),
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 2),
            "reconnect_timeout": env_int("DATABASE_POOL_RECONNECT_TIMEOUT", 2),
            "check": checker(env_int("DATABASE_POOL_CHECK_AFTER", 1)),
        }
    else:
        database["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 0)
        database["CONN_HEALTH_CHECKS"] = True
    return database


def _owner_database() -> dict | None:
    """The owner's connection for migrate, createcachetable and setup_db_roles: the same database
    as DATABASE_URL, no pool. Not a database alias: those commands switch the default connection
    to it (munich_portal/audit/db_roles.py), so the app itself never connects as the owner."""
    if not DATABASE_OWNER_URL:
        return None
    import dj_database_url

    if not DATABASE_URL:
        raise ImproperlyConfigured("DATABASE_OWNER_URL needs DATABASE_URL (the app role) too.")
    owner = dj_database_url.parse(DATABASE_OWNER_URL)
    if owner["NAME"] != dj_database_url.parse(DATABASE_URL)["NAME"]:
        raise ImproperlyConfigured("DATABASE_OWNER_URL must name the database of DATABASE_URL.")
    owner["ENGINE"] = "django.db.backends.postgresql"
    owner["CONN_MAX_AGE"] = 0
    return owner


DATABASES = {"default": _database()}
DATABASE_OWNER = _owner_database()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions -------------------------------------------------------------------------
# The database cache is shared by every app server without another service; rate limits and
# sessions therefore hold across a load-balanced cluster. CACHE_BACKEND=locmem for one process.
CACHE_BACKEND = env_str("CACHE_BACKEND", "database")
if CACHE_BACKEND == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
            # Django's default of 300 live entries would let a flood of requests from many
            # addresses cull (and so reset) the rate-limit counters of the others.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
# Rendered public pages for anonymous visitors and fragments, per process
# (munich_portal/core/page_cache.py; memory_cache.py keeps strings and bytes without pickling).
CACHES["pages"] = {
    "BACKEND": "munich_portal.core.memory_cache.ProcessMemoryCache",
    "LOCATION": "public-pages",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# How long a page without a version is served again; 0 keeps none (docs/decisions.md,
# "Page cache").
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# The longest any page is served again, also one whose version is unchanged (the dates it names
# move on); 0 switches the page cache off.
PAGE_CACHE_MAX_SECONDS = env_int("PAGE_CACHE_MAX_SECONDS", 60 * 60)
# Whether whole pages are served from the page cache at all; false renders every page (fragments
# stay cached: munich_portal/core/fragment_cache.py). ``make bench`` measures both ways.
PAGE_CACHE_PAGES = env_bool("PAGE_CACHE_PAGES", True)
# How long a process trusts a data version token it read (page_cache.DataVersion): another app
# server shows an edit after at most this long.
PAGE_CACHE_VERSION_SECONDS = env_int("PAGE_CACHE_VERSION_SECONDS", 1)
# Cookies that change what an anonymous visitor sees (display preferences, issue 8).
PAGE_CACHE_VARY_COOKIES: list[str] = ["portal_display"]
# Minutes an author may still edit a comment after writing it (participation ideas, issue 7).
PARTICIPATION_COMMENT_EDIT_MINUTES = env_int("PARTICIPATION_COMMENT_EDIT_MINUTES", 15)
# Hours a guest's link to confirm a registration for a participation event stays valid.
PARTICIPATION_GUEST_CONFIRMATION_HOURS = env_int("PARTICIPATION_GUEST_CONFIRMATION_HOURS", 24)
SESSION_ENGINE = "munich_portal.accounts.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:my_account"

# Sign-in with BayernID / BundID (SAML 2.0, issue 16; docs/deployment.md). Without the SP key and
# certificate and an identity provider (metadata URL, metadata file, or entity id + SSO URL +
# certificate) the portal shows no button and offers no SAML endpoint.
EID_LABEL = env_str("EID_LABEL", "BayernID")
EID_SP_ENTITY_ID = env_str("EID_SP_ENTITY_ID", "")
EID_SP_KEY_FILE = env_str("EID_SP_KEY_FILE", "")
EID_SP_CERT_FILE = env_str("EID_SP_CERT_FILE", "")
EID_IDP_METADATA_URL = env_str("EID_IDP_METADATA_URL", "")
EID_IDP_METADATA_FILE = env_str("EID_IDP_METADATA_FILE", "")
EID_IDP_ENTITY_ID = env_str("EID_IDP_ENTITY_ID", "")
EID_IDP_SSO_URL = env_str("EID_IDP_SSO_URL", "")
EID_IDP_CERT_FILE = env_str("EID_IDP_CERT_FILE", "")
EID_XMLSEC_BINARY = env_str("EID_XMLSEC_BINARY", "/usr/bin/xmlsec1")

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "munich_portal.accounts.forms.SignupForm"}  # with the optional name
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CHANGE_EMAIL = True
# Tell residents by e-mail when their password, e-mail address or second factor changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 2
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Digitales München] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
ACCOUNT_ADAPTER = "munich_portal.accounts.adapter.PortalAccountAdapter"
# Rate limits (allauth syntax: count/period/key). Counted in the shared cache.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "change_email": "1/m/user",
    "reauthenticate": "10/m/user",
}
ACCOUNT_RATE_LIMITS_ENABLED = env_bool("ACCOUNT_RATE_LIMITS_ENABLED", True)
if not ACCOUNT_RATE_LIMITS_ENABLED:
    ACCOUNT_RATE_LIMITS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Digitales München"
# One 30-second step either side: a code typed as it changes still works (RFC 6238, 5.2).
MFA_TOTP_TOLERANCE = env_int("MFA_TOTP_TOLERANCE", 1)
MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files live outside the static root and are served only through permission checks.
MEDIA_ROOT = Path(env_str("PORTAL_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/_private/"
# Files residents attach to online requests: a private directory, never served by the web server
# or whitenoise; only online_requests' download views read it (docs/online-requests.md).
PORTAL_PRIVATE_UPLOAD_ROOT = Path(
    env_str("PORTAL_PRIVATE_UPLOAD_ROOT", str(BASE_DIR / "var" / "uploads"))
)
STATIC_STORAGE = env_str(
    "DJANGO_STATIC_STORAGE", "munich_portal.core.static_files.PortalStaticFilesStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": STATIC_STORAGE},
}
WHITENOISE_MAX_AGE = env_int("WHITENOISE_MAX_AGE", 60 * 60 * 24)

# --- E-mail -------------------------------------------------------------------------------------
# Django 6.1's MAILERS: SMTP in production; dev uses the console, tests the locmem outbox.
EMAIL_BACKEND_PATH = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 587),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": env_int("EMAIL_TIMEOUT", 10),
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Digitales München <noreply@muenchen.de>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Background tasks and the e-mail outbox (issue 13; docs/deployment.md) ----------------------
# Django's Tasks framework. Production: django-tasks-db keeps the tasks in PostgreSQL and
# `manage.py db_worker` runs them (`make run` too, scripts/run.sh). Tests and `manage.py` on the
# development settings run a task at once, in the process that enqueues it (after the commit of
# the change that wrote the e-mail).
TASKS_BACKEND_PATH = env_str("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND_PATH}}
# An e-mail that could not be handed to the relay is tried again after OUTBOX_RETRY_SECONDS,
# doubling with each attempt up to OUTBOX_RETRY_MAX_SECONDS; one not sent within
# OUTBOX_MAX_AGE_HOURS of being written is marked failed and shown to staff in the outbox admin.
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 60)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 60 * 60)
OUTBOX_MAX_AGE_HOURS = env_int("OUTBOX_MAX_AGE_HOURS", 48)
# A message left "sending" without its row lock (its worker died between claiming and sending)
# goes back to the queue after this many seconds (munich_portal.messaging.actions).
OUTBOX_ABANDONED_SECONDS = env_int("OUTBOX_ABANDONED_SECONDS", 5 * 60)

# --- Security -----------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe the app servers over plain HTTP; a redirect would count as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind a load balancer every request comes from its address, and the IP rate limits would put
# all residents into one bucket: allauth then reads the client from X-Forwarded-For, trusting the
# last this many entries (the ones our own proxies appended). 0 trusts none (REMOTE_ADDR).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "munich_portal.portal.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
# A strict policy: only the portal's own files, no inline script or style, no framing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "interest-cohort=()"
)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# --- History (django-simple-history) ------------------------------------------------------------
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# --- Audit trail (munich_portal/audit) ----------------------------------------------------------
# The key of staff pseudonyms and search-term commitments in the data-use log; empty falls back to
# SECRET_KEY. Set it once in production and never change it: the data-protection officer can no
# longer resolve staff pseudonyms made with another key (docs/data-protection.md).
AUDIT_PSEUDONYM_KEY = env_str("AUDIT_PSEUDONYM_KEY", "")
# The key that signs the anchor lines written outside the database (audit_anchor --file); never
# stored in the database. A file (read only by the commands that need it) or the value itself;
# production must set one (check --deploy warns), see docs/deployment.md.
AUDIT_ANCHOR_KEY_FILE = env_str("AUDIT_ANCHOR_KEY_FILE", "")
AUDIT_ANCHOR_KEY = env_str("AUDIT_ANCHOR_KEY", "")
# The erasure journal: a file outside the database (and its backups' host) to which every erasure
# appends a line (time, reason, user id or record keys; no names), so that `reapply_erasures` can
# erase again whoever a restored backup brings back. Empty: no journal (development, tests);
# production must set it (check --deploy warns), see docs/deployment.md, "Backups".
AUDIT_ERASURE_JOURNAL = env_str("AUDIT_ERASURE_JOURNAL", "")

# --- Appointments (appointments, docs/appointments.md) ---------------------------------
# Minutes a slot is held for a guest until they confirm their e-mail address.
APPOINTMENTS_HOLD_MINUTES = env_int("APPOINTMENTS_HOLD_MINUTES", 15)
# Minutes before a cancelled place is offered again (waiting list first), so that bots cannot
# snatch it the moment it is cancelled.
APPOINTMENTS_RELEASE_DELAY_MINUTES = env_int("APPOINTMENTS_RELEASE_DELAY_MINUTES", 30)
# Hours a waiting-list offer holds its slot (never beyond an hour before the appointment).
APPOINTMENTS_OFFER_HOURS = env_int("APPOINTMENTS_OFFER_HOURS", 12)
# Days ahead that slots are offered.
APPOINTMENTS_HORIZON_DAYS = env_int("APPOINTMENTS_HORIZON_DAYS", 42)
# Open (upcoming) appointments one person (account or e-mail address) may hold at once.
APPOINTMENTS_MAX_OPEN_PER_PERSON = env_int("APPOINTMENTS_MAX_OPEN_PER_PERSON", 2)
# People one booking may be for (a family): each takes a place in the slot.
APPOINTMENTS_MAX_PEOPLE = env_int("APPOINTMENTS_MAX_PEOPLE", 4)
# Booking attempts per client address and hour; without the proof of work (no JavaScript) a
# third of it.
APPOINTMENTS_ATTEMPTS_PER_HOUR = env_int("APPOINTMENTS_ATTEMPTS_PER_HOUR", 12)
# Difficulty of the proof of work (leading zero bits of a SHA-256); 0 switches it off.
APPOINTMENTS_POW_BITS = env_int("APPOINTMENTS_POW_BITS", 14)
# Days the cancel/rebook links in e-mails stay valid (they also end with the appointment).
APPOINTMENTS_LINK_DAYS = env_int("APPOINTMENTS_LINK_DAYS", 120)
# Each process listens for changes of free times (PostgreSQL LISTEN/NOTIFY), so the service-first
# page's cached copy is checked without a query (appointments/changes.py). Needs a direct session
# connection to PostgreSQL: off behind a pooler in transaction mode (then a query per hit).
APPOINTMENTS_LISTEN = env_bool("APPOINTMENTS_LISTEN", True)
# Reads built once per process are also planned once per database connection (PREPARE/EXECUTE,
# munich_portal/core/prepared.py). Prepared statements belong to a session: off behind a pooler
# in transaction mode.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)

# --- Logging ------------------------------------------------------------------------------------
# Every handler carries the "personal_data" filter (issue 14, part 3): query values, signed links'
# tokens and e-mail addresses are redacted from messages and exception texts. The development
# server's request lines (django.server) go through it too, in Django's own format.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "munich_portal.core.log_privacy.RedactPersonalData"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["personal_data"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Without Django's own handlers (its DEBUG console and mail_admins, which would print
        # and mail records unredacted): django.* records reach the root's console.
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "embedded_postgres": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
    },
}

# --- Portal -------------------------------------------------------------------------------------
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL", "digitales@muenchen.de")
PORTAL_ACCESSIBILITY_EMAIL = env_str("PORTAL_ACCESSIBILITY_EMAIL", "barrierefreiheit@muenchen.de")
