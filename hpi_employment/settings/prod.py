import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# gunicorn serves the static files itself through WhiteNoise (before any login check: they are public):
# collectstatic writes them compressed (gzip, brotli when installed) under content-hashed names, cached for
# a year. Uploaded media never goes through here; only the app's permission-checked views serve it.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = Path(os.environ.get("HPI_STATIC_ROOT", STATIC_ROOT))  # noqa: F405

# HTTPS only, and said so to browsers for a year once the site is served over TLS (the reverse proxy
# terminates TLS and forwards the scheme).
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind the reverse proxy every request comes from it: the login throttle counts the address the proxy
# appends to X-Forwarded-For (HPI_PROXY_COUNT proxies in front of us; 0 when gunicorn faces clients directly).
HPI_PROXY_COUNT = int(os.environ.get("HPI_PROXY_COUNT", "1"))
if HPI_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = HPI_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))

# Notifications go out through the college's SMTP relay (the console backend is for development).
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("HPI_SMTP_HOST", "localhost"),
            "port": int(os.environ.get("HPI_SMTP_PORT", "25")),
            "username": os.environ.get("HPI_SMTP_USER", ""),
            "password": os.environ.get("HPI_SMTP_PASSWORD", ""),
            "use_tls": os.environ.get("HPI_SMTP_TLS", "0") == "1",
            "timeout": 10,
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("HPI_MAIL_FROM", DEFAULT_FROM_EMAIL)  # noqa: F405
# The college's other subdomains are not ours to force onto HTTPS, nor is the preload list our decision.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
