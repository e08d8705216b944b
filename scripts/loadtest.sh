#!/bin/sh
# `make loadtest`: the deadline rush (benchmarks/loadtest/locustfile.py) against gunicorn with the PRODUCTION
# settings (the real password hasher) on PostgreSQL, loopback only, bounded in users, time and requests, in
# phases on the same server: the rush (students log in, save, upload, submit and poll while the reviewers
# approve and return), the capacity of the rush's steady mix (logged-in students polling with no pause,
# revalidating their page as browsers do, then again keeping no copy), and the floor (GET /healthz). Figures: benchmarks/loadtest/last.json (RESULTS.md reads
# it), with what the server accepted and the database lost.
#   HPI_LOAD_STUDENTS (1000), HPI_LOAD_REVIEWERS (10 sessions), HPI_LOAD_SPAWN (students arriving a second:
#   the login wave, 2), HPI_LOAD_TIME (the rush, 600s), HPI_LOAD_THINK (seconds between a student's clicks,
#   3-10), HPI_LOAD_POLL (between two looks at the status once submitted, 15-45), HPI_LOAD_PHASE_TIME and
#   HPI_LOAD_PHASE_USERS (capacity and floor: 30s, 20 users each), HPI_LOAD_MAX_REQUESTS (100000 a phase),
#   HPI_LOAD_PORT (8150), HPI_WORKERS (2 x cores + 1),
#   DATABASE_URL (postgres://postgres@127.0.0.1:5432/hpi_loadtest: created, filled with the demo cohort, and
#   the only database prepare.py agrees to reset).
set -eu
cd "$(dirname "$0")/.."
BIN=.venv/bin
STUDENTS="${HPI_LOAD_STUDENTS:-1000}"
SPAWN="${HPI_LOAD_SPAWN:-2}"
TIME="${HPI_LOAD_TIME:-600s}"
PHASE_TIME="${HPI_LOAD_PHASE_TIME:-30s}"
PHASE_USERS="${HPI_LOAD_PHASE_USERS:-20}"
PORT="${HPI_LOAD_PORT:-8150}"
CORES=$(nproc 2>/dev/null || echo 1)
WORKERS="${HPI_WORKERS:-$((2 * CORES + 1))}"
OUT=benchmarks/loadtest
VAR=var/loadtest
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hpi_loadtest}"
export DJANGO_SETTINGS_MODULE=hpi_employment.settings.prod
export DJANGO_SECRET_KEY="$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=0
export HPI_MEDIA_ROOT="$PWD/$VAR/media"
export HPI_LOAD_PASSWORD="load-$($BIN/python -c 'import secrets; print(secrets.token_hex(8))')"
mkdir -p $VAR
rm -f $VAR/gunicorn.log $VAR/accepted.json $VAR/*.csv $VAR/*_times.json $VAR/*_load_* $VAR/*_drain_seconds

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
$BIN/python $OUT/prepare.py "$STUDENTS"
REVIEWERS=$($BIN/python -c "import json; print(len(json.load(open('$VAR/plan.json'))['reviewers']))")

$BIN/gunicorn hpi_employment.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
    --timeout 60 --log-level warning 2>> $VAR/gunicorn.log &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 60); do
    $BIN/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" \
        2>/dev/null && break
    sleep 1
done

phase() {  # name, user classes, users, spawn rate, time
    cut -d' ' -f1-3 /proc/loadavg > "$VAR/$1_load_before"
    # shellcheck disable=SC2086
    HPI_LOAD_PHASE=$1 $BIN/locust -f $OUT/locustfile.py $2 --headless --host "http://127.0.0.1:$PORT" \
        -u "$3" -r "$4" -t "$5" --stop-timeout 10 --csv "$VAR/$1" --only-summary --loglevel WARNING || true
    cut -d' ' -f1-3 /proc/loadavg > "$VAR/$1_load_after"
    # The requests locust left queued in gunicorn's backlog are still served after it stops: the next phase
    # starts on an idle server (GET /healthz answered within 0.5 s), and how long that took is kept.
    $BIN/python - "$PORT" > "$VAR/$1_drain_seconds" <<'PY'
import sys, time, urllib.request
start = time.perf_counter()
while time.perf_counter() - start < 900:
    asked = time.perf_counter()
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=10).read()
    except OSError:
        pass
    else:
        if time.perf_counter() - asked < 0.5:
            break
    time.sleep(1)
print(round(time.perf_counter() - start, 1))
PY
}
phase rush "StudentUser ReviewerUser" $((STUDENTS + REVIEWERS)) "$SPAWN" "$TIME"
phase capacity CapacityUser "$PHASE_USERS" "$PHASE_USERS" "$PHASE_TIME"
# The same mix from clients that keep no copy of the page: every poll builds the whole status page.
export HPI_LOAD_REVALIDATE=0
phase capacity_full CapacityUser "$PHASE_USERS" "$PHASE_USERS" "$PHASE_TIME"
unset HPI_LOAD_REVALIDATE
phase floor FloorUser "$PHASE_USERS" "$PHASE_USERS" "$PHASE_TIME"
kill $SERVER 2>/dev/null || true
$BIN/python $OUT/summarise.py "$STUDENTS" "$WORKERS" > $OUT/last.json
cat $OUT/last.json
