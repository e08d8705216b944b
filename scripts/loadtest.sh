#!/bin/sh
# `make loadtest`: the deadline rush (benchmarks/loadtest/locustfile.py) against gunicorn with the PRODUCTION
# settings (the real password hasher) on PostgreSQL, loopback only, bounded in users, time and requests; then
# the same server's floor (the anonymous login page). Figures: benchmarks/loadtest/last.json (RESULTS.md reads it).
#   HPI_LOAD_STUDENTS (1000), HPI_LOAD_SPAWN (students started a second, 50), HPI_LOAD_TIME (60s),
#   HPI_LOAD_MAX_REQUESTS (100000), HPI_LOAD_PORT (8150), HPI_WORKERS (2 x cores + 1),
#   DATABASE_URL (postgres://postgres@127.0.0.1:5432/hpi_loadtest, created and filled with the demo cohort).
set -eu
cd "$(dirname "$0")/.."
BIN=.venv/bin
STUDENTS="${HPI_LOAD_STUDENTS:-1000}"
SPAWN="${HPI_LOAD_SPAWN:-50}"
TIME="${HPI_LOAD_TIME:-60s}"
PORT="${HPI_LOAD_PORT:-8150}"
CORES=$(nproc 2>/dev/null || echo 1)
WORKERS="${HPI_WORKERS:-$((2 * CORES + 1))}"
OUT=benchmarks/loadtest
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hpi_loadtest}"
export DJANGO_SETTINGS_MODULE=hpi_employment.settings.prod
export DJANGO_SECRET_KEY="$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=0
export HPI_LOAD_PASSWORD="load-$($BIN/python -c 'import secrets; print(secrets.token_hex(8))')"
mkdir -p var/loadtest

$BIN/python - <<'PY'
import os
from urllib.parse import urlparse
import psycopg
url = urlparse(os.environ["DATABASE_URL"])
with psycopg.connect(host=url.hostname, port=url.port or 5432, user=url.username, password=url.password,
                     dbname="postgres", autocommit=True) as connection:
    name = url.path.lstrip("/")
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        connection.execute(f'CREATE DATABASE "{name}"')
PY
$BIN/python manage.py migrate --no-input --verbosity 0
$BIN/python manage.py collectstatic --no-input --verbosity 0
HPI_LOAD_STUDENTS=$($BIN/python benchmarks/loadtest/prepare.py "$STUDENTS")
export HPI_LOAD_STUDENTS

$BIN/gunicorn hpi_employment.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
    --timeout 60 --log-level warning &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 60); do
    $BIN/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/accounts/login/', timeout=2)" \
        2>/dev/null && break
    sleep 1
done

$BIN/locust -f $OUT/locustfile.py StudentUser --headless --host "http://127.0.0.1:$PORT" \
    -u "$STUDENTS" -r "$SPAWN" -t "$TIME" --stop-timeout 5 --csv var/loadtest/rush --only-summary || true
$BIN/locust -f $OUT/locustfile.py FloorUser --headless --host "http://127.0.0.1:$PORT" \
    -u 20 -r 20 -t 20s --stop-timeout 5 --csv var/loadtest/floor --only-summary || true
$BIN/python benchmarks/loadtest/summarise.py "$STUDENTS" "$WORKERS" > $OUT/last.json
cat $OUT/last.json
