#!/usr/bin/env bash
# Load benchmark: gunicorn serving the demo site, wrk against the pages of bench/load_urls.txt,
# then signed-in leads submitting transitions through the API while visitors browse.
#
#   bench/load.sh                       # SQLite under var/bench/ (built with the demo if missing)
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/c05_load REDIS_URL=redis://127.0.0.1:6379/9 bench/load.sh
#
# Variables: DURATION (30s), CONNECTIONS (32), WRK_THREADS (4), WORKERS (2 × CPUs + 1, gthread
# with THREADS threads each, 8), PAGE_CACHE_SECONDS (600), LEADS (16), PER_LEAD (4), LOAD_URLS
# (bench/load_urls.txt: the pages, one place).
# Prints one RESULT line per page, one for all pages mixed, one for the browsing during the
# transitions, and the TRANSITIONS line; exits 1 on any non-2xx answer or lost/duplicated
# transition. Needs wrk (apt-get install wrk). See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-4}
WORKERS=${WORKERS:-$(( $(nproc) * 2 + 1 ))}
THREADS=${THREADS:-8}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

mkdir -p var/bench/static  # whitenoise serves from the finders; STATIC_ROOT must exist
export DJANGO_SETTINGS_MODULE=config.settings.bench
export BENCH_DATABASE_URL=${DATABASE_URL:-sqlite:///$PWD/var/bench/load.sqlite3}
export PAGE_CACHE_SECONDS=${PAGE_CACHE_SECONDS:-600}
export DEMO_PASSWORD=${DEMO_PASSWORD:-bench-demo-password}
unset DATABASE_URL

echo "== database: ${BENCH_DATABASE_URL%%\?*} (cache: ${REDIS_URL:-local memory per worker})"
if [[ "$BENCH_DATABASE_URL" == postgres* ]]; then  # create the PostgreSQL database if missing
    $PY - <<'PYTHON'
import os

import psycopg

url = os.environ["BENCH_DATABASE_URL"]
base, _, name = url.partition("?")[0].rpartition("/")
with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        connection.execute(f'CREATE DATABASE "{name}"')
PYTHON
fi
if ! $PY manage.py shell -c "from accounts.models import User; raise SystemExit(0 if User.objects.filter(email='coordination@example.org').exists() else 1)" >/dev/null 2>&1; then
    echo "== migrating and loading the demo (first run only)"
    $PY manage.py migrate --no-input -v 0
    $PY manage.py load_demo >/dev/null
fi

PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
echo "== gunicorn: $WORKERS workers × $THREADS threads on $BASE"
$PY -m gunicorn config.wsgi:application --workers "$WORKERS" --worker-class gthread --threads "$THREADS" \
    --bind "127.0.0.1:$PORT" --log-level warning --timeout 120 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
    sleep 1
done
curl -fsS "$BASE/healthz" >/dev/null

# The paths, from one place.
LABELS=(); PATHS=()
while read -r label path; do
    [[ -z "$label" || "$label" == \#* ]] && continue
    LABELS+=("$label"); PATHS+=("$path")
done < "${LOAD_URLS:-bench/load_urls.txt}"

run_wrk() {  # run_wrk LABEL PATHS...
    local label=$1; shift
    # Warm-up (fills Wagtail's and the page cache), then the measured run.
    WRK_PATHS="$*" wrk -t2 -c4 -d3s -s bench/load.lua "$BASE" >/dev/null
    local line
    line=$(WRK_PATHS="$*" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s \
        -s bench/load.lua "$BASE" | grep '^RESULT')
    printf '%-12s %s\n' "$label" "${line#RESULT }"
    [[ "$line" == *" non2xx=0 errors=0" ]]
}

STATUS=0
echo "== warm-up: every page, every worker"
WRK_PATHS="${PATHS[*]}" wrk -t2 -c"$CONNECTIONS" -d10s -s bench/load.lua "$BASE" >/dev/null
echo "== pages: $DURATION, $CONNECTIONS connections each"
for i in "${!LABELS[@]}"; do
    run_wrk "${LABELS[$i]}" "${PATHS[$i]}" || STATUS=1
done
run_wrk "all" "${PATHS[@]}" || STATUS=1

echo "== mixed: leads submit transitions through the API while visitors browse"
WRK_PATHS="${PATHS[*]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s \
    -s bench/load.lua "$BASE" > var/bench/mixed-wrk.txt &
VISITORS=$!
$PY bench/load_mixed.py --base "$BASE" --leads "${LEADS:-16}" --per-lead "${PER_LEAD:-4}" || STATUS=1
wait "$VISITORS"
printf '%-12s %s\n' "browsing" "$(grep '^RESULT' var/bench/mixed-wrk.txt | sed 's/^RESULT //')"
grep -q ' non2xx=0 errors=0' var/bench/mixed-wrk.txt || STATUS=1

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -h | awk '/^Mem:/ {print $2}') RAM"
exit $STATUS
