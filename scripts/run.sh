#!/usr/bin/env bash
# `make run`: the development server and the worker together; Ctrl-C (or SIGTERM) stops both, and
# when one of them ends the other is stopped too.
#
#   scripts/run.sh [ADDRESS]     ADDRESS defaults to 127.0.0.1:8000; PY names the interpreter
#
# Both run with the database task backend, as in production (docs/deployment.md, "The worker"):
# the development server stores the e-mails and their tasks, the worker (django-tasks-db's
# db_worker) sends them to the console and runs the deferred retries. The outbox's sweep runs
# once before they start, for what an earlier session left; later, `manage.py deliver_outbox` by
# hand (production runs it from a timer). No scheduler of our own (docs/decisions.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] < 501)); then
    echo "scripts/run.sh needs bash 5.1 or newer (wait -n with process ids)." >&2
    exit 1
fi

PY=${PY:-.venv/bin/python}
ADDRESS=${1:-127.0.0.1:8000}
export DJANGO_TASKS_BACKEND=${DJANGO_TASKS_BACKEND:-django_tasks_db.DatabaseBackend}

"$PY" manage.py deliver_outbox

# Job control: each process gets a process group of its own, so that stopping one stops its
# children too (the development server's autoreloader runs the server in a child process), and
# the terminal's Ctrl-C reaches only this script, which then stops both in order.
set -m
# The worker delivers stored e-mails only (they are rendered by the request), so it needs no
# autoreloader; without one, SIGTERM lets it finish the message it is sending.
"$PY" manage.py db_worker --queue-name default --no-reload &
worker=$!
"$PY" manage.py runserver "$ADDRESS" &
server=$!

stop() {
    trap - INT TERM EXIT
    kill -TERM -- "-$server" "-$worker" 2>/dev/null || true
    wait "$server" "$worker" 2>/dev/null || true
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# Until one of them ends (a crash, or a port already in use): then stop the other.
status=0
wait -n "$server" "$worker" || status=$?
exit "$status"
