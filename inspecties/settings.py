"""Settings for Toezicht, read from the environment with safe local defaults.

Locally nothing needs to be set: SQLite in the checkout and DEBUG on. In production set
DATABASE_URL, SECRET_KEY, DEBUG=false and ALLOWED_HOSTS (see README.md).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from inspecties.beheer import logboek

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "inspecties.apps.BeheerConfig",  # django.contrib.admin with our site (second factor)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "simple_history",
    "gemeenten",
    "toetsingskader",
    "inspecties",
    "rapporten",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "inspecties.beveiliging",
    "django_structlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session middleware, so it sees the session cookie a response sets.
    "inspecties.beveiliging.middleware.GeenCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "inspecties.meldingen.adres.AdresMiddleware",  # issue 18: e-mail links to the served host
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "inspecties.beheer.logboek.VerzoekLogMiddleware",  # issue 17: request id and user id in logs
    "inspecties.beveiliging.middleware.SessieDuurMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "inspecties.beveiliging.oidc.middleware.IdpTweedeFactorMiddleware",  # issue 17: the provider's MFA
    "inspecties.beveiliging.middleware.TweeFactorMiddleware",
    "inspecties.beveiliging.middleware.ToegangGeweigerdMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "inspecties.beveiliging.invoer.OngeldigeInvoerMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "inspecties.urls"
WSGI_APPLICATION = "inspecties.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inspecties.beveiliging.rollen.rol_context",
                "inspecties.meldingen.context.meldingen",
                "csp.context_processors.nonce",
            ],
        },
    },
    {  # only for what a page renders many times (inspecties.sjablonen says why)
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "inspecties.sjablonen.omgeving"},
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a sound default for one small office, with the web server and the task worker
    # on one file: WAL lets readers and a writer work at the same time; IMMEDIATE takes the
    # write lock when a transaction starts, so two writers queue on the busy timeout instead
    # of failing at once with "database is locked" when a read turns into a write. Keep
    # transactions short: no rendering inside one (see rapporten.services).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )

# PostgreSQL ends any statement that runs longer than this (0: no limit), so no query outlives the
# request that waited for it (gunicorn.conf.py kills a worker 5 s later; without a limit PostgreSQL
# would go on running its query). A URL that sets statement_timeout (?options=-c ...) keeps its own.
STATEMENT_TIMEOUT_SECONDEN = int(os.environ.get("STATEMENT_TIMEOUT_SECONDEN", 25))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and STATEMENT_TIMEOUT_SECONDEN:
    _opties = DATABASES["default"].setdefault("OPTIONS", {})
    if "statement_timeout" not in _opties.get("options", ""):
        _opties["options"] = " ".join(
            filter(
                None,
                [_opties.get("options"), f"-c statement_timeout={STATEMENT_TIMEOUT_SECONDEN}s"],
            )
        )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_WACHTWOORDREGELS = "django.contrib.auth.password_validation."
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": _WACHTWOORDREGELS + "UserAttributeSimilarityValidator"},
    {"NAME": _WACHTWOORDREGELS + "MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": _WACHTWOORDREGELS + "CommonPasswordValidator"},
    {"NAME": _WACHTWOORDREGELS + "NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
# Dutch that Django's admin and third-party apps lack (inspecties/locale/nl, issue 11).
LOCALE_PATHS = [BASE_DIR / "inspecties" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))

# Uploaded documents are confidential: they live outside the web root and are only served
# through views that check permission. There is deliberately no public MEDIA_URL route.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "private-media"))
MEDIA_URL = "/bestanden/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "toezicht@localhost")
# Bulk ZIP exports are deleted this many days after they were requested (`manage.py exports_opruimen`).
EXPORT_BEWAARDAGEN = int(os.environ.get("EXPORT_BEWAARDAGEN", 7))
# Reminders to a municipality go this many weeks before a due date (`manage.py herinneringen_versturen`).
HERINNERING_WEKEN = int(os.environ.get("HERINNERING_WEKEN", 2))
# The address users reach the site at, for links in e-mails; empty: the host and port the request
# came in on (inspecties.meldingen.adres).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# A study is never reverted to an older version in the admin: that would bypass the workflow.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Structured logs (issue 17, inspecties/beheer/logboek.py): JSON lines when DEBUG is off, with
# the request id and user id only.
LOG_JSON = env_bool("LOG_JSON", not DEBUG)
LOGGING = logboek.logging_instellingen(json=LOG_JSON, niveau=os.environ.get("LOG_LEVEL", "INFO"))
logboek.structlog_instellen()
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False

# --- Security (issue 7): OWASP ASVS level 2 / BIO. See inspecties/beveiliging/ and README "Beveiliging". ---
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sessions in the database (so a user can see and end them). A session ends SESSIE_MAX_UREN after
# login however active it is, and after SESSIE_INACTIEF_MINUTEN without a request (BIO / ASVS 3.3:
# 30 minutes idle for sensitive data); inspecties.beveiliging.middleware.SessieDuurMiddleware.
# The cookie itself lives as long, so an ended session is recognised and the user told why.
SESSIE_MAX_UREN = 8
SESSIE_INACTIEF_MINUTEN = int(os.environ.get("SESSIE_INACTIEF_MINUTEN", 30))
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = SESSIE_MAX_UREN * 60 * 60
# What a user typed when their session had expired is kept for them, up to this size (bytes).
BEWAARDE_INVOER_MAX_BYTES = 64 * 1024
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# HTTPS-only settings: on whenever DEBUG is off, unless HTTPS=false (e.g. `make serve` on loopback).
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind TLS-terminating reverse proxies: PROXY_AANTAL is how many of them append to
# X-Forwarded-For (default 1); the client address is taken that many entries from the right
# (inspecties.beveiliging.netwerk.client_ip). Without BEHIND_PROXY the header is never trusted.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
PROXY_AANTAL = int(os.environ.get("PROXY_AANTAL", 1)) if BEHIND_PROXY else 0
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4): only our own assets; inline scripts need the nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Login throttling (django-axes): 5 failures per username+IP, then 15 minutes locked out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "beveiliging/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "inspecties.beveiliging.netwerk.client_ip"

# Two-factor authentication (django-otp, TOTP).
OTP_TOTP_ISSUER = "Toezicht"
# After n wrong codes no code is checked for 2^(n-1) seconds (per user, see beveiliging.services).
OTP_TOTP_THROTTLE_FACTOR = 1
# The admin never shows a device's secret or QR code (a beheerder could otherwise copy it).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Static files served by whitenoise; hashed and compressed in production.
# Private media (reports, uploads, export ZIPs): on the local disk at MEDIA_ROOT, written
# atomically; or, for more than one machine, in an S3-compatible object store (django-storages)
# with MEDIA_OPSLAG=s3. Its credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,
# read by boto3 itself. Files are never public: links to them are signed and expire.
MEDIA_OPSLAG = os.environ.get("MEDIA_OPSLAG", "schijf")
if MEDIA_OPSLAG == "s3":
    _media = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGIO") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }
elif MEDIA_OPSLAG == "schijf":
    _media = {"BACKEND": "inspecties.beheer.opslag.PriveOpslag"}
else:
    raise ImproperlyConfigured(f"MEDIA_OPSLAG is 'schijf' or 's3', not {MEDIA_OPSLAG!r}")
_statisch = "django.contrib.staticfiles.storage.StaticFilesStorage"
if not DEBUG:
    _statisch = "inspecties.beheer.opslag.StatischeBestandenOpslag"
STORAGES = {"default": _media, "staticfiles": {"BACKEND": _statisch}}

# Uploads: progress reports are at most 20 MB (checked in the form with a Dutch message);
# other request bodies stay small, and uploads above 2.5 MB stream to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 5
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Background tasks (bulk PDF export), always through django-tasks' one API, on one of two backends:
# "database" (the default, one machine: stored in the database, run by `manage.py db_worker`) or
# "rq" (more machines: in Redis at REDIS_URL, run by `manage.py rqworker --job-class
# django_tasks_rq.Job default` on any number of machines).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# A bulk export of hundreds of reports runs longer than RQ's default job limit of 180 s.
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3 * 3600}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    raise ImproperlyConfigured(f"TASKS_BACKEND is 'database' or 'rq', not {TASKS_BACKEND!r}")
# A bulk export that has not moved on for this long while "bezig" lost its worker (a machine or
# process that died): it is shown as failed, with a button to try again.
BULK_EXPORT_STIL_SECONDEN = int(os.environ.get("BULK_EXPORT_STIL_SECONDEN", 300))

# --- Single sign-on for staff (issue 17): OpenID Connect, off unless OIDC_ISSUER is set. ---
# See inspecties/beveiliging/oidc/ and docs/beheer.md. Endpoints left empty come from the
# issuer's discovery document.
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "")
if OIDC_ISSUER:
    AUTHENTICATION_BACKENDS.append("inspecties.beveiliging.oidc.backend.OidcBackend")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("OIDC_TOKEN_USE_BASIC_AUTH", True)
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # for the provider's logout (id_token_hint)
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", 10))
OIDC_KLOKAFWIJKING_SECONDEN = 60
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc:callback"
# The claim with the user's groups or roles, and which of its values give which role here:
# OIDC_ROLLEN="toezicht-inspecteur=inspecteur,toezicht-beheer=beheerder".
OIDC_ROLLEN_CLAIM = os.environ.get("OIDC_ROLLEN_CLAIM", "groups")
OIDC_ROLLEN = dict(
    paar.split("=", 1) if "=" in paar else (paar, "") for paar in env_list("OIDC_ROLLEN", "")
)
# The provider's multi-factor login counts as our second factor when the ID token's `amr`
# holds one of these values, or its `acr` is one of OIDC_MFA_ACR.
OIDC_MFA_AMR = env_list("OIDC_MFA_AMR", "mfa,otp,hwk")
OIDC_MFA_ACR = env_list("OIDC_MFA_ACR", "")
OIDC_NAAM = os.environ.get("OIDC_NAAM", "uw organisatieaccount")
OIDC_IDP_UITLOGGEN = env_bool("OIDC_IDP_UITLOGGEN", True)
if OIDC_ISSUER and OIDC_IDP_UITLOGGEN:
    # Logging out continues (a redirect after the logout form) to the provider's end-session
    # page, which the form-action directive governs. Set OIDC_OP_LOGOUT_ENDPOINT when that page
    # is not on the issuer's host.
    _idp = urlsplit(OIDC_OP_LOGOUT_ENDPOINT or OIDC_ISSUER)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_idp.scheme}://{_idp.netloc}")
# The callback's one-time code and state are not kept in axes' records of failed logins.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "state"]

# --- Operations (issue 17): health endpoints, see inspecties/beheer/gezondheid.py and docs/beheer.md. ---
# The worker counts as alive while its last heartbeat task finished at most this long ago.
WERKER_HARTSLAG_MAX_SECONDEN = int(os.environ.get("WERKER_HARTSLAG_MAX_SECONDEN", 300))
# Probes inside the host or cluster speak plain http to the app: no redirect to https for them.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/"]

# Retention (issue 17, `manage.py bewaartermijnen_toepassen`, daily): progress reports are kept
# this many days after they were submitted, audit log entries and login records this many days.
BEWAARTERMIJN_UPLOADS_DAGEN = int(os.environ.get("BEWAARTERMIJN_UPLOADS_DAGEN", 5 * 365))
BEWAARTERMIJN_BEVEILIGINGSLOG_DAGEN = int(
    os.environ.get("BEWAARTERMIJN_BEVEILIGINGSLOG_DAGEN", 365)
)

# The accessibility and privacy statements (issue 17, inspecties/site/verklaringen.py).
ORGANISATIE_NAAM = os.environ.get("ORGANISATIE_NAAM", "Samenwerkend Toezicht Jeugd")
CONTACT_TOEGANKELIJKHEID = os.environ.get("CONTACT_TOEGANKELIJKHEID", DEFAULT_FROM_EMAIL)
CONTACT_PRIVACY = os.environ.get("CONTACT_PRIVACY", DEFAULT_FROM_EMAIL)
# Compliance status A–E of the Dutch model statement, and the date the statement was signed.
TOEGANKELIJKHEID_STATUS = os.environ.get("TOEGANKELIJKHEID_STATUS", "C")
TOEGANKELIJKHEID_DATUM = os.environ.get("TOEGANKELIJKHEID_DATUM", "2026-11-25")
