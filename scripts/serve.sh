#!/bin/sh
# `make serve`: the production settings behind gunicorn on loopback, as a reverse proxy would reach them,
# with the task worker beside it.
# For trying production locally; a real server runs the same commands under its service manager
# (README, "Deployment").
#   HPI_PORT (8000), HPI_WORKERS (2 x cores + 1), DJANGO_SECRET_KEY (else one generated into var/secret_key),
#   DJANGO_ALLOWED_HOSTS (127.0.0.1,localhost), DATABASE_URL (else db.sqlite3),
#   HPI_TASKS_BACKEND (database; redis with HPI_REDIS_URL).
set -eu
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${HPI_PORT:-8000}"
CORES=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
WORKERS="${HPI_WORKERS:-$((2 * CORES + 1))}"

if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
    # A key of this machine's own, kept across restarts (sessions survive), never committed (var/ is ignored).
    mkdir -p var
    if [ ! -s var/secret_key ]; then
        (umask 077 && $BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key)
    fi
    DJANGO_SECRET_KEY=$(cat var/secret_key)
fi
export DJANGO_SECRET_KEY
export DJANGO_SETTINGS_MODULE=hpi_employment.settings.prod
export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Plain HTTP on loopback: no TLS here to redirect to (behind the proxy this stays on, its default).
export DJANGO_SECURE_SSL_REDIRECT="${DJANGO_SECURE_SSL_REDIRECT:-0}"

$BIN/python manage.py migrate --no-input
$BIN/python manage.py collectstatic --no-input --verbosity 0

exec sh scripts/with_worker.sh $BIN/gunicorn hpi_employment.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
    --access-logfile - --graceful-timeout 30 --timeout 120
