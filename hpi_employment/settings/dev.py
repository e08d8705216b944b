import os

from .base import *  # noqa: F403

# `make run` serves the demo as production would (Chinese error pages, no URL list on a 404, no tracebacks);
# DJANGO_DEBUG=1 gives a developer Django's debug pages. Static files come from runserver --insecure.
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
