"""The one settings module of the project, driven by environment variables.

Unset variables fall back to embedded, no-service defaults (SQLite, local-memory cache,
console e-mail, the database search backend). A `.env` file in the project root is read
if present; `.env.example` lists every variable.
"""

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal import settings_parts

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))'), "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Base URL used in e-mails, the sitemap and feeds when no request is at hand.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "portal",
    "news",
    "events",
    "directory",
    "intranet",
    "feedback",
    "demo",  # after the feature apps: seed_demo calls each one's demo module
    "whitenoise.runserver_nostatic",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "post_office",
]

MIDDLEWARE = [
    "portal.live.LiveSlotMiddleware",  # outermost: fills live slots of cached pages too
    "portal.page_cache.UpdateCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.SecondFactorMiddleware",
    "portal.middleware.PrivatePagesNoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.page_cache.FetchFromCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.fragments.context",
            ],
        },
    },
]

# Database: SQLite file in the project unless DATABASE_URL names another (PostgreSQL).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web server and the mail worker write to one file: transactions take the write
    # lock when they begin (no "database is locked" when a reading transaction starts to
    # write), readers never block the writer (WAL), and a writer waits up to 20 s.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
elif DATABASES["default"]["ENGINE"].endswith("postgresql") and env.bool(
    "DATABASE_PREPARED_STATEMENTS", default=True
):
    # The server binds the parameters and psycopg prepares a query once a connection has
    # run it five times (Django leaves that off), so PostgreSQL may stop planning it (five
    # custom plans first; a generic one only when it costs no more, so `path LIKE $1`
    # keeps its index): planning was 2.8 of the 5.1 ms PostgreSQL spent on a news item's
    # related news, and cold pages served 7-35 % more requests a second in three
    # interleaved pairs of benches (7 Dec). The price: a migration that changes a column's type
    # breaks a prepared query on connections opened before it ("cached plan must not
    # change result type") until they are recycled, so the services restart right after
    # `migrate` (README, Production, step 10); and a query may carry at most 65,535
    # values — a `pk__in` list that long, or deleting more than 65,535 rows that others
    # point to in one go, fails (bulk saves and deletions are batched by Django).
    # DATABASE_PREPARED_STATEMENTS=0 turns it off (for such a clean-up, or a PgBouncer in
    # transaction mode without `max_prepared_statements`).
    for option, value in {"server_side_binding": True, "prepare_threshold": 5}.items():
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(option, value)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL is set.
REDIS_URL = env.str("REDIS_URL", default="")
# When Redis does not answer, each process serves from its own memory and retries Redis
# every REDIS_RETRY_SECONDS (portal/cache.py): an outage is logged, never a server error.
REDIS_TIMEOUT_SECONDS = env.float("REDIS_TIMEOUT_SECONDS", default=0.5)
CACHES = settings_parts.caches(
    redis_url=REDIS_URL,
    timeout=REDIS_TIMEOUT_SECONDS,
    retry_seconds=env.int("REDIS_RETRY_SECONDS", default=5),
)

# Whole pages for anonymous visitors (portal/page_cache.py); 0 turns the cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
# Shared fragments of public pages (portal/fragments.py) and cached routes (routing.py):
# kept until the content changes, and at most this long (time-dependent lists such as
# upcoming events); 0 turns them off. Without Redis each process has its own cache and
# learns of a change made in another one only when this runs out: hence a short default.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=600 if REDIS_URL else 60)
CACHE_MIDDLEWARE_KEY_PREFIX = "page"
CACHE_MIDDLEWARE_ALIAS = "pages"  # per process, under versioned keys (settings_parts)
CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS

# E-mail: every message — ours, allauth's, error reports — is written to the outbox in the
# database (django-post-office), in the transaction of the request that causes it; the mail
# worker (`manage.py deliver_mail`, started by `make run`, deploy/owes-mail.service)
# delivers it with retries. Delivery: the console unless EMAIL_URL is set
# (smtp://user:pass@host:587/?tls=True, ...). No request ever waits for the mail server.
if env.str("EMAIL_URL", default=""):
    _email = env.email_url("EMAIL_URL")
    MAIL_DELIVERY_BACKEND = _email.pop("EMAIL_BACKEND")
    vars().update(_email)
else:
    MAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_BACKEND = "post_office.EmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT_SECONDS", default=10)  # one SMTP conversation
# The thank-you after an event carries the survey link of the feedback app.
EVENT_FEEDBACK_LINK = "feedback.services.survey_url_for_registration"

POST_OFFICE = {
    "BACKENDS": {"default": MAIL_DELIVERY_BACKEND},
    "DEFAULT_PRIORITY": "medium",  # queued, never sent inside the request
    # A refused or timed-out delivery is tried again after MAIL_RETRY_SECONDS, then after
    # twice as long each time up to an hour (deliver_mail.back_off), MAIL_MAX_RETRIES times
    # (about a day by default); then it shows as failed in the admin.
    "MAX_RETRIES": env.int("MAIL_MAX_RETRIES", default=30),
    "RETRY_INTERVAL": datetime.timedelta(seconds=env.int("MAIL_RETRY_SECONDS", default=300)),
    # One message per batch: a worker killed mid-delivery repeats at most the one in flight.
    "BATCH_SIZE": 1,
    "THREADS_PER_PROCESS": 1,
    "MESSAGE_ID_ENABLED": True,
    "LOG_LEVEL": 1,  # log failures only
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OWES <no-reply@owes.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", a) for a in env.list("ADMIN_EMAILS", default=[])]

# Accounts
AUTH_USER_MODEL = "portal.User"
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
LOGIN_REDIRECT_URL = "intranet:dashboard"  # where people go after logging in, unless `next`
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's rate limits stay on (its defaults); the login-failure limit is stated so it
# is visible: the sixth wrong password for one account within five minutes is refused.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key"}
# Behind a reverse proxy every request comes from the proxy's address: the client's is the
# TRUSTED_PROXY_COUNT-th address from the right of X-Forwarded-For (1 behind the shipped
# deploy/nginx.conf, which appends the address it sees). 0: no proxy, REMOTE_ADDR is used.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_ADAPTER = "portal.accounts.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = env.str("EMAIL_SUBJECT_PREFIX", default="[OWES] ")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="OWES Portal")
# Staff accounts must have two-factor authentication before they reach staff screens.
STAFF_REQUIRE_MFA = env.bool("STAFF_REQUIRE_MFA", default=True)

# Internationalisation
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish"))]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
# locale/: the project's catalogue (make messages); locale_overrides/: Polish for library
# strings their own catalogues lack or get wrong.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("pl", "Polski"), ("en", "English")]

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default="") or BASE_DIR / "media")
# Files only a permission-checked view serves (grant-application attachments): kept outside
# MEDIA_ROOT, which the web server or DEBUG's static view serves to anyone.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default="") or BASE_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "portal.uploads.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Media on S3-compatible storage when a bucket is given (pip install -e ".[s3]"); the
# usual AWS_* variables of django-storages (endpoint, keys, region) are read from the
# environment by the library itself.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": "private"},
    }
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_DEFAULT_ACL = None  # private objects; documents are served through Django
    AWS_QUERYSTRING_AUTH = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# A CDN or caching proxy in front of the site: purge a page's URLs when it is published.
# FRONTEND_CACHE_PURGE_URL: an HTTP PURGE endpoint (Varnish, nginx with a purge module);
# CLOUDFLARE_API_TOKEN + CLOUDFLARE_ZONEID: Cloudflare.
FRONTEND_CACHE_PURGE_URL = env.str("FRONTEND_CACHE_PURGE_URL", default="")
CLOUDFLARE_API_TOKEN = env.str("CLOUDFLARE_API_TOKEN", default="")
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_PURGE_URL,
    }
if CLOUDFLARE_API_TOKEN:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": CLOUDFLARE_API_TOKEN,
        "ZONEID": env.str("CLOUDFLARE_ZONEID"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# Wagtail
WAGTAIL_SITE_NAME = env.str("SITE_NAME", default="OWES Portal")
WAGTAIL_I18N_ENABLED = False
# Wagtail 8 autosaves a page half a second after typing stops. On a new page that races the
# editor's own submit: when "Submit for moderation" is sent while the first autosave is
# still on its way, both create the page and the second fails on the slug (a server error
# page for the editor; seen in the editor journey at 360 px). Off: Wagtail still warns
# before leaving a form with unsaved changes.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# ASCII page slugs: the admin transliterates Polish letters (ą→a, ł→l) as it types.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.forms.SafeDocumentForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []  # every document downloads as an attachment
# No inline style wrapper around embeds (it would break the CSP); CSS sizes the iframe.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
# Text search: Polish and accent-folding on PostgreSQL (configurations made by the
# migration portal/0005), SQLite's FTS5 with plain word matching otherwise.
IS_POSTGRESQL = DATABASES["default"]["ENGINE"].endswith("postgresql")
TEXT_SEARCH_CONFIG = "polish_unaccent" if IS_POSTGRESQL else None
DATABASE_SEARCH_BACKEND = (
    {
        "BACKEND": "portal.search_backend",
        "SEARCH_CONFIG": "polish_unaccent",
        "AUTOCOMPLETE_CONFIG": "simple_unaccent",
    }
    if IS_POSTGRESQL
    else {"BACKEND": "wagtail.search.backends.database"}
)
# At scale: Elasticsearch 8 for pages (Wagtail's backend) and the directory
# (elasticsearch-dsl), with Polish analysis (portal/elasticsearch.py). The database index
# is kept too, as the fallback when the cluster does not answer.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_STEMPEL = env.bool("ELASTICSEARCH_STEMPEL", default=True)
ELASTICSEARCH_INDEX_PREFIX = env.str("ELASTICSEARCH_INDEX_PREFIX", default="owes")
if ELASTICSEARCH_URL:
    from portal.elasticsearch import wagtail_backend

    WAGTAILSEARCH_BACKENDS = {
        "default": wagtail_backend(
            url=ELASTICSEARCH_URL,
            stempel=ELASTICSEARCH_STEMPEL,
            index_prefix=ELASTICSEARCH_INDEX_PREFIX,
        ),
        "database": DATABASE_SEARCH_BACKEND,
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # passwords are managed by allauth
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # editors' avatars: initials, no third-party request
WAGTAILADMIN_LOGIN_URL = "account_login"  # one login for the site and the admin (allauth)
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"

# Security: production-safe defaults, relaxed only by DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Browser features no page of the site uses, refused to it and to embedded frames
# (portal.middleware.PermissionsPolicyMiddleware). Video embeds keep fullscreen and autoplay.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# The public register of social enterprises kept by the voivodes (linked, not restated).
SOCIAL_ENTERPRISE_REGISTER_URL = env.str(
    "SOCIAL_ENTERPRISE_REGISTER_URL", default="https://www.ekonomiaspoleczna.gov.pl/"
)

# An invitation to represent an entity can be accepted for this many days after it is sent.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)

# Prefill entity profiles from the Ministry of Justice's open KRS API (off: forms only).
KRS_API_ENABLED = env.bool("KRS_API_ENABLED", default=True)

# Enrolment data is kept for the archiving period after the EU project ends, then
# `manage.py anonymise_enrolments` anonymises it (nothing happens while the end date is unset).
PROJECT_END_DATE = (
    datetime.date.fromisoformat(env.str("PROJECT_END_DATE"))
    if env.str("PROJECT_END_DATE", default="")
    else None
)
ENROLMENT_RETENTION_YEARS = env.int("ENROLMENT_RETENTION_YEARS", default=5)

# Consultations: how many upcoming bookings one member may hold, and until how many hours
# before the meeting a member may cancel or move it online.
BOOKING_MAX_UPCOMING = env.int("BOOKING_MAX_UPCOMING", default=3)
BOOKING_CHANGE_HOURS = env.int("BOOKING_CHANGE_HOURS", default=24)

# Jobs created with grants are checked every N months for M months after they start.
JOB_CHECK_EVERY_MONTHS = env.int("JOB_CHECK_EVERY_MONTHS", default=3)
JOB_MONITORING_MONTHS = env.int("JOB_MONITORING_MONTHS", default=12)

# Content-Security-Policy: no inline scripts or styles; the Wagtail admin is excluded.
CONTENT_SECURITY_POLICY = settings_parts.content_security_policy()

# Views used only by `make bench` (the trivial baseline view).
BENCHMARK_VIEWS = env.bool("BENCHMARK_VIEWS", default=False)

LOGGING = settings_parts.logging_config(
    log_format=env.str("LOG_FORMAT", default="plain"),
    level=env.str("LOG_LEVEL", default="INFO"),
)
