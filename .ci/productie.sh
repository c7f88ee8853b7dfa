#!/usr/bin/env bash
# CI stage: serve the app as production does and walk the whole journey through it in Chromium.
#
# A fresh PostgreSQL database, DEBUG=false, collectstatic into the hashed manifest storage,
# migrate, the frameworks and the demo; gunicorn (2 workers) and the real task worker
# (manage.py db_worker) on a port of their own; then tests/productie/test_reis.py: log in with
# the second factor, score, review, approve as the second inspector, publish, check the PDF is
# styled, bulk-export, log in as the municipality, download the same bytes, upload a progress
# report. Afterwards the servers' logs are printed, and the stage fails on any 5xx in the access
# log and on "Failed to load", "Traceback" or a report served without its frozen copy in any log.
#
#   bash .ci/productie.sh          # from a fresh clone too (needs PostgreSQL on 127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."
begin=$(date +%s)

[ -x .venv/bin/python ] || make install
bash .ci/install-system-packages.sh
PY=.venv/bin/python

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  for _ in $(seq 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi

DB=${PRODUCTIE_DB:-toezicht_ci}
PORT=${PRODUCTIE_PORT:-$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WERK=$(mktemp -d "${TMPDIR:-/tmp}/toezicht-productie.XXXXXX")
# As production runs: DEBUG off, a random secret, only our address. HTTPS=false only because
# this is plain http on loopback (behind a TLS proxy in production, see README).
PRODUCTIE=(
  env -u DJANGO_ALLOW_ASYNC_UNSAFE -u DJANGO_SETTINGS_MODULE
  DEBUG=false HTTPS=false ALLOWED_HOSTS=127.0.0.1
  SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')"
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
  STATIC_ROOT="$WERK/static" MEDIA_ROOT="$WERK/media"
)

echo "== Production-like serving: database $DB, http://127.0.0.1:$PORT, files in $WERK =="
dropdb --if-exists -h 127.0.0.1 -U postgres "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"
"${PRODUCTIE[@]}" $PY manage.py collectstatic --no-input -v 0
"${PRODUCTIE[@]}" $PY manage.py migrate --no-input -v 0
"${PRODUCTIE[@]}" $PY manage.py laad_toetsingskader >"$WERK/voorbereiden.log"
"${PRODUCTIE[@]}" $PY manage.py laad_demo >>"$WERK/voorbereiden.log"

"${PRODUCTIE[@]}" .venv/bin/gunicorn inspecties.wsgi -w 2 -b "127.0.0.1:$PORT" \
  --access-logfile "$WERK/gunicorn-toegang.log" --access-logformat '%(s)s %(m)s %(U)s %(M)sms' \
  --error-logfile "$WERK/gunicorn.log" --capture-output &
gunicorn=$!
"${PRODUCTIE[@]}" $PY manage.py db_worker --no-reload >"$WERK/worker.log" 2>&1 &
worker=$!

stoppen() {
  kill "$gunicorn" "$worker" 2>/dev/null || true
  wait "$gunicorn" "$worker" 2>/dev/null || true
}
trap stoppen EXIT

for _ in $(seq 100); do
  $PY -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/inloggen/', timeout=2)" \
    2>/dev/null && break
  sleep 0.2
done
opgestart=$(date +%s)

status=0
TOEZICHT_PRODUCTIE_URL="http://127.0.0.1:$PORT" \
  TOEZICHT_PRODUCTIE_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" \
  env -u DATABASE_URL -u DEBUG -u HTTPS $PY -m pytest tests/productie -q -p no:cacheprovider || status=$?
reis=$(date +%s)

stoppen
trap - EXIT
for log in voorbereiden worker gunicorn gunicorn-toegang; do
  echo "---------- $log.log ----------"
  cat "$WERK/$log.log"
done

fouten=0
if grep -E '^5[0-9]{2} ' "$WERK/gunicorn-toegang.log"; then
  echo "FOUT: de server antwoordde met 5xx (hierboven)."; fouten=1
fi
if grep -n -E 'Failed to load|Traceback|geen bevroren rapport' "$WERK/gunicorn.log" "$WERK/worker.log"; then
  echo "FOUT: een stylesheet of lettertype niet geladen, een traceback of een rapport zonder bevroren kopie (hierboven)."; fouten=1
fi
if ! grep -q -E '^200 GET /rapporten/portaal/[0-9]+/pdf/' "$WERK/gunicorn-toegang.log"; then
  echo "FOUT: de reis heeft het portaal-PDF niet gedownload."; fouten=1
fi
echo "== Production stage: prepare + start $((opgestart - begin)) s, journey $((reis - opgestart)) s, total $(($(date +%s) - begin)) s =="
if [ "$status" -ne 0 ] || [ "$fouten" -ne 0 ]; then
  echo "== Production stage FAILED (journey exit $status); database $DB and files in $WERK kept =="
  exit 1
fi
rm -rf "$WERK"
dropdb --if-exists -h 127.0.0.1 -U postgres "$DB"
echo "== Production stage passed =="
