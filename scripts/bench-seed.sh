#!/usr/bin/env bash
# The large seed on PostgreSQL and the bulk writes after it (docs/PERFORMANCE.md, "The large
# seed on PostgreSQL"), on loopback only and bounded in time (about ten minutes):
#   1. `convene seed --scale large` into a new database, with its progress lines: the time each
#      1,000 events took shows whether the pace holds as the database fills (budget: 10 min)
#   2. the size of `events` and `event_search_dirty` after it, with their updates and dead rows
#      (budget: a few MB, no bloat)
#   3. duplicating the busy event (200 sessions) ten times in a row through its server
#      function, as its organizer (budget: 200 ms each)
# BENCH_POSTGRES_URL names the server (default: the local one, trust auth); the database is
# dropped afterwards. Uses the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install curl time postgresql-client
port=${BENCH_PORT:-3400}
server_url=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
bin=target/release/convene
base="http://127.0.0.1:$port"
[ -x "$bin" ] || { echo "error: build first: cargo leptos build --release --split" >&2; exit 1; }

data=$(mktemp -d -t convene-bench-seed.XXXXXX)
pg_db="convene_bench_seed_$$"
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  wait 2>/dev/null
  psql -q "$server_url" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null
  rm -rf "$data"
}
trap cleanup EXIT
psql -q "$server_url" -c "CREATE DATABASE $pg_db" >/dev/null
db_url="${server_url%/*}/$pg_db"
export CONVENE_DATABASE_URL="$db_url" CONVENE_DATA_DIR="$data" CONVENE_ADDR="127.0.0.1:$port" \
  CONVENE_SITE_ROOT=target/site RUST_LOG=warn
psql -Atc "SELECT version()" "$db_url"

step "Seeding: --scale large into $pg_db (progress on standard error)"
/usr/bin/time -f "seed --scale large: %e s wall, %M KB max RSS" $bin seed --scale large

step "Tables the triggers write: size, rows, updates, dead rows"
psql -q "$db_url" -c "VACUUM (ANALYZE) events, event_search_dirty" >/dev/null
psql "$db_url" -c "SELECT relname AS table, pg_size_pretty(pg_total_relation_size(relid)) AS size,
  n_live_tup AS rows, n_tup_upd AS updates, n_dead_tup AS dead
  FROM pg_stat_user_tables WHERE relname IN ('events', 'event_search_dirty', 'agenda_items')
  ORDER BY relname"

step "Duplicating the busy event (load-event-0: 200 sessions), ten times, as its owner"
password=$($bin create-admin --email bench-owner@example.org | sed -n 's/^Password (shown once): //p')
psql -q "$db_url" -c "INSERT INTO memberships (organization_id, user_id, role, created_at)
  SELECT o.id, u.id, 'owner', 0 FROM organizations o, users u
  WHERE o.slug = 'load-org-0' AND u.email = 'bench-owner@example.org'"
$bin serve & server_pid=$!
until curl -sf -o /dev/null "$base/readyz"; do sleep 0.05; done
jar="$data/cookies"
curl -sf -o /dev/null -H "Sec-Fetch-Site: same-origin" -c "$jar" --data-urlencode "email=bench-owner@example.org" \
  --data-urlencode "password=$password" "$base/api/log_in"
times=()
for _ in $(seq 10); do
  # The answer is a redirect to the copy's editor; the time is the server's whole answer.
  t=$(curl -s -o /dev/null -w "%{http_code} %{time_total}" -H "Sec-Fetch-Site: same-origin" -b "$jar" \
    --data-urlencode "org=load-org-0" --data-urlencode "event=load-event-0" "$base/api/duplicate_event")
  [ "${t%% *}" -lt 400 ] || { echo "error: duplicate_event answered ${t%% *}" >&2; exit 1; }
  times+=($(awk -v s="${t#* }" 'BEGIN { printf "%.1f", s * 1000 }'))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "duplicate_event (ms): ${times[*]}  median: ${sorted[5]}  max: ${sorted[9]}"
copies=$(psql -Atc "SELECT COUNT(*) FROM events WHERE slug LIKE 'load-event-0-copy%'" "$db_url")
echo "copies made: $copies"
