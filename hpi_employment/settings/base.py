"""Settings shared by every environment. Secrets and the database come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "import_export",
    "apps.accounts",
    "apps.refdata",
    "simple_history",
    "apps.graduates",
    "apps.plans",
    "apps.reports",
    "apps.park",
    "apps.support",
    "apps.surveys",
    "apps.demo",
    "apps.releases",
    "apps.followup",
    "axes",
    "django_tasks_db",
    "django_rq",
    "apps.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the whole body: a POST longer than its view accepts is not read.
    "apps.graduates.request_limits.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a login unless it says otherwise.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "apps.accounts.middleware.ForcePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user as the author of every historical row a request writes.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Ends idle sessions (staff after 8 hours, students after a few days) and stamps activity.
    "apps.accounts.middleware.SessionIdleTimeoutMiddleware",
    # Login throttling (django-axes): last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hpi_employment.urls"
WSGI_APPLICATION = "hpi_employment.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.plans.context_processors.unread_notifications",
            ],
        },
    },
]

DEFAULT_SQLITE_PATH = BASE_DIR / "db.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DEFAULT_SQLITE_PATH}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction takes SQLite's write lock when it begins (IMMEDIATE), not at its first write: of two
    # reviewers at once the second waits (up to ``timeout`` seconds) for the first to commit, then reads what
    # it did and is told so (MSG_ALREADY_HANDLED), instead of failing a lock upgrade with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server (no quoting of every value in Python), and a query prepared from its fifth
    # run on a connection, so that the queries every page repeats are parsed and planned once per connection
    # (the status page's ETag queries: 1.13 -> 0.50 ms a pair; forcing a custom plan each run keeps only 0.15 ms
    # of that, so PostgreSQL's own choice of a generic plan stays). The report's queries read a temporary table
    # of a new name each time and are never prepared. HPI_PG_PREPARED=0 turns preparing off: needed behind a
    # connection pooler in transaction mode, where a prepared statement does not follow the next query.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
    if os.environ.get("HPI_PG_PREPARED", "1") != "0":
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # The administrator role's permissions in the Django admin: users, groups, code tables only.
    "apps.accounts.backends.AdministratorRoleBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Argon2id at OWASP's minimum parameters (apps.accounts.hashers.Argon2OwaspMinimumHasher: 19 MiB, t=2, p=1):
# a login's check costs about 47 ms of CPU here against 400 ms at Django's Argon2 defaults and 354 ms for
# PBKDF2, so a deadline morning's login wave does not queue every other page (benchmarks/README.md §loadtest,
# README "Deployment"). Older hashes (Django's Argon2, PBKDF2) still verify and are upgraded at next login.
PASSWORD_HASHERS = [
    "apps.accounts.hashers.Argon2OwaspMinimumHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "apps.accounts.hashers.FirstLoginCodeHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Every page is Chinese whatever the browser asks for: there is no English catalogue yet, so negotiating the
# language (LocaleMiddleware) only mixed Django's English ("Password", "5 years, 11 months") into Chinese pages.
# When a catalogue exists, add the language here and LocaleMiddleware back.
# Login throttling (django-axes, apps.accounts.throttle). An account locks after a few wrong passwords; an
# address only after many, because a whole campus reaches us through a few NAT addresses on a deadline morning.
# Locks lift after the cool-off; the administrator unlocks earlier by deleting the attempt in the admin.
HPI_LOGIN_FAILURES_PER_ACCOUNT = 5
HPI_LOGIN_FAILURES_PER_ADDRESS = 50
AXES_FAILURE_LIMIT = HPI_LOGIN_FAILURES_PER_ACCOUNT
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "apps.accounts.throttle.AccountAndAddressHandler"
AXES_LOCKOUT_CALLABLE = "apps.accounts.throttle.lockout_response"
AXES_USERNAME_CALLABLE = "apps.accounts.throttle.username_from_request"
# The client's address is REMOTE_ADDR unless a trusted reverse proxy sets X-Forwarded-For (prod.py).
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# First-login codes expire; sessions end when idle (apps.accounts.middleware.SessionIdleTimeoutMiddleware).
HPI_LOGIN_CODE_VALID_DAYS = 7
HPI_STAFF_SESSION_IDLE_SECONDS = 8 * 3600  # and staff sessions end when the browser closes
HPI_STUDENT_SESSION_IDLE_SECONDS = 3 * 24 * 3600
SESSION_COOKIE_AGE = HPI_STUDENT_SESSION_IDLE_SECONDS

# Regulators' warning signs in the report's consistency panel (apps/reports/warning_signs.py). A share above
# these percentages of a college's graduates is flagged for a second look, not judged wrong: the defaults sit
# above what a vocational college's honest year shows (2020: 灵活就业 43% of the demo cohort, during COVID-19).
HPI_WARNING_FLEXIBLE_SHARE = 45.0  # 12 + 75x + 76 (灵活就业、自由职业和自主创业)
HPI_WARNING_OTHER_HIRE_SHARE = 35.0  # 12 其他录用形式就业
HPI_WARNING_CLUSTER_MIN_GRADUATES = 10  # graduates at one small or unknown employer
HPI_WARNING_SMALL_EMPLOYER_NATURES = ("39", "99")  # 单位性质 其他企业, 其他 (size is not recorded)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded evidence lives outside the static root and is served only through views that check scope.
MEDIA_ROOT = Path(os.environ.get("HPI_MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Background jobs (apps.jobs: imports, large exports) run through Django's task framework. The embedded
# default keeps the queue in our own database and needs no other server (`manage.py task_worker` runs it);
# HPI_TASKS_BACKEND=redis puts it on Redis (RQ, django-tasks-rq) for larger sites, with HPI_REDIS_URL.
TASKS_BACKEND = os.environ.get("HPI_TASKS_BACKEND", "database")
REDIS_URL = os.environ.get("HPI_REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60 * 60}}
CACHE_DIR = Path(os.environ.get("HPI_CACHE_DIR", str(BASE_DIR / "var" / "cache")))
if TASKS_BACKEND == "redis":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    # The job page reads a running job's progress from the cache the worker writes: one both can reach.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "sessions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sessions",
        },
    }
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR),
        },
        # A file a session, shared by every worker on this server. Each write lists the folder, so it is bounded:
        # past 10,000 a third is dropped at random and those sessions are read from the database again.
        "sessions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / "sessions"),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }
# Sessions are read from that cache and written through to the database, which keeps every one: a page costs
# no session query, and logging out, a password change or a deactivated account still ends the session at
# once (the user is read from the database on every request). Whatever deletes sessions in the database must
# clear this cache too (benchmarks/loadtest/prepare.py).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "sessions"

# Production enforces this policy; nothing is loaded from another origin, inline code needs the nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Uploads: the whole request body and each spreadsheet are capped (see apps.graduates.uploads).
# The fields of a form (never its files: apps.graduates.request_limits bounds the whole body before it is read);
# Django's default. An upload up to this size is kept in memory, a larger one in a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
IMPORT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
IMPORT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
IMPORT_MAX_ZIP_ENTRIES = 200
IMPORT_MAX_ROWS = 60_000
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
# django-filter's empty choice ("---------" by default): a filter left empty means all.
FILTERS_EMPTY_CHOICE_LABEL = "全部"

# Years after graduation a cohort's personal data is kept before purge_cohort may blank it (the school's
# retention rule decides; see README "Personal data at rest").
PERSONAL_DATA_RETENTION_YEARS = int(os.environ.get("HPI_PERSONAL_DATA_RETENTION_YEARS", "5"))

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = "jiuye@hbpi.edu.cn"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
