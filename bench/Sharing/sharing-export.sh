#!/bin/bash
# Measures the sharing export of the demo county: starts the web server (Debug build, environment Testing, demo seed)
# on a temporary database, registers an API client with a fresh key (written straight into the database by
# sharing-client.py), exports full five times and incremental three times with curl.
# Usage: bench/Sharing/sharing-export.sh (SQLite), or against an empty PostgreSQL database:
#   PROVIDER=Postgres CONN="Host=…;Database=NEW;Username=…" PSQL="postgresql://…/NEW" bench/Sharing/sharing-export.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WEB=${WEB:-$HERE/../../src/Sanxiang.Web/bin/Debug/net10.0}
DIR=$(mktemp -d)
PORT=5187
export ASPNETCORE_ENVIRONMENT=Testing
export Database__Provider=${PROVIDER:-Sqlite}
export ConnectionStrings__Sanxiang=${CONN:-"Data Source=$DIR/sx.db"}
export Storage__DataDirectory=$DIR
export Demo__Seed=true
export Demo__Password='Bench!Pass2026aZ9'
cd $WEB
dotnet Sanxiang.Web.dll --urls http://127.0.0.1:$PORT > $DIR/server.log 2>&1 &
PID=$!
for i in $(seq 1 180); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 1; done
KEY=$(python3 $HERE/sharing-client.py "${PROVIDER:-Sqlite}" "$DIR/sx.db" "${PSQL:-}")
for run in 1 2 3 4 5; do
  curl -s -o $DIR/full.zip -w "full %{http_code} %{time_total}s %{size_download} bytes\n" -H "Authorization: Bearer $KEY" http://127.0.0.1:$PORT/api/v1/sharing/export
done
UNTIL=$(python3 -c "import zipfile,json;print(json.load(zipfile.ZipFile('$DIR/full.zip').open('manifest.json'))['changedUntil'])")
python3 -c "import zipfile,json;m=json.load(zipfile.ZipFile('$DIR/full.zip').open('manifest.json'));print({f['name']:(f['records'],f['bytes']) for f in m['files']})"
sleep 2
for run in 1 2 3; do
  curl -s -o $DIR/inc.zip -w "incremental %{http_code} %{time_total}s %{size_download} bytes\n" -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/api/v1/sharing/export?changedSince=$UNTIL"
done
kill $PID; wait $PID 2>/dev/null || true
rm -rf $DIR
