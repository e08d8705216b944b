#!/bin/sh
# Runs the given command (the web server) with the task worker (`manage.py task_worker`) beside it: the
# jobs the pages start (imports, large exports) need one. Ctrl-C or a TERM stops both; so does either ending.
set -u
cd "$(dirname "$0")/.."
# Each in a process group of its own (setsid), so a reloader's child process is stopped with its parent.
setsid .venv/bin/python manage.py task_worker &
WORKER=$!
setsid "$@" &
SERVER=$!
stop() {
    /bin/kill -TERM -- "-$SERVER" "-$WORKER" 2>/dev/null
}
trap 'stop; wait "$SERVER"; wait "$WORKER"; exit 130' INT TERM
while kill -0 "$SERVER" 2>/dev/null && kill -0 "$WORKER" 2>/dev/null; do
    sleep 1
done
stop
wait "$SERVER"
STATUS=$?
wait "$WORKER"
exit "$STATUS"
