#!/usr/bin/env bash
# The feed's budgets (docs/PERFORMANCE.md), on loopback only and bounded in time:
#   1. `convene seed --scale large`: 6,500 events with 1.3 million posts and 10.8 million likes
#   2. the first timeline page of the busiest feed (load-event-400: 100,000 posts): wrk -t1 -c1 (the latency is
#      the server's time; budget p99 <= 10 ms), then -t2 -c16
#   3. like toggling by 32 signed-in attendees over 20 posts, 32 connections (budget >= 2,000/s
#      on PostgreSQL)
#   4. 1,000 idle live-update streams: the server's resident memory before and with them
#      (budget < 50 MB more)
# SQLite by default; BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres runs the
# same on a temporary PostgreSQL database (dropped afterwards; BENCH_KEEP_DATABASE=name uses and
# keeps that database instead, so a second run skips the ten-minute seed). Uses the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install wrk curl time
port=${BENCH_PORT:-3300}
duration=${BENCH_DURATION:-15s}
bin=target/release/convene
base="http://127.0.0.1:$port"
[ -x "$bin" ] || { echo "error: build first: cargo leptos build --release --split" >&2; exit 1; }

data=$(mktemp -d -t convene-bench-feed.XXXXXX)
server_pid=
pg_db=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  wait 2>/dev/null
  [ -n "$pg_db" ] && psql -q "$BENCH_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null
  rm -rf "$data"
}
trap cleanup EXIT
export CONVENE_DATA_DIR="$data" CONVENE_ADDR="127.0.0.1:$port" CONVENE_SITE_ROOT=target/site RUST_LOG=warn
# The bench signs up its attendees from one address, and they post nothing.
export CONVENE_LOGIN_IP_FAILURES=1000
if [ -n "${BENCH_POSTGRES_URL:-}" ] && [ -n "${BENCH_KEEP_DATABASE:-}" ]; then
  # A database kept between runs: seeding it again only checks that everything is there.
  export CONVENE_DATABASE_URL="${BENCH_POSTGRES_URL%/*}/$BENCH_KEEP_DATABASE"
  psql -q "$BENCH_POSTGRES_URL" -c "CREATE DATABASE $BENCH_KEEP_DATABASE" >/dev/null 2>&1 || true
  echo "database: PostgreSQL ($BENCH_KEEP_DATABASE, kept)"
elif [ -n "${BENCH_POSTGRES_URL:-}" ]; then
  pg_db="convene_bench_$$"
  psql -q "$BENCH_POSTGRES_URL" -c "CREATE DATABASE $pg_db" >/dev/null
  export CONVENE_DATABASE_URL="${BENCH_POSTGRES_URL%/*}/$pg_db"
  echo "database: PostgreSQL ($pg_db)"
else
  echo "database: SQLite"
fi

step "Seeding: --scale large (with the feeds)"
/usr/bin/time -f "seed --scale large: %e s wall, %M KB max RSS" $bin seed --scale large

start_server() {
  $bin serve & server_pid=$!
  until curl -sf -o /dev/null "$base/readyz"; do sleep 0.05; done
}
start_server
feed=/e/load-event-400/feed
curl -sf -o /dev/null -w "first page: %{size_download} bytes uncompressed\n" "$base$feed"

step "First timeline page of the busiest feed: wrk -t1 -c1, then -t2 -c16, -d$duration $feed"
wrk -t1 -c1 -d"$duration" --latency "$base$feed"
wrk -t2 -c16 -d"$duration" --latency "$base$feed"

step "Like toggling: 32 attendees, 20 posts, wrk -t2 -c32 -d$duration"
cookies=()
for n in $(seq 1 32); do
  jar="$data/jar-$n"
  curl -sf -o /dev/null -H "Sec-Fetch-Site: same-origin" -c "$jar" -b "$jar" --data-urlencode "email=bench-fan-$n@example.org" \
    --data-urlencode "display_name=Fan $n" --data-urlencode "password=violet kettle drums $n" \
    "$base/api/sign_up"
  # The account exists once the link mailed to its address is followed.
  token=$(python3 scripts/mailed-token.py "$data/mail" "bench-fan-$n@example.org" /verify-email)
  curl -sf -o /dev/null -H "Sec-Fetch-Site: same-origin" -c "$jar" -b "$jar" --data-urlencode "token=$token" \
    "$base/api/verify_email"
  curl -sf -o /dev/null -H "Sec-Fetch-Site: same-origin" -c "$jar" -b "$jar" --data-urlencode "slug=load-event-400" "$base/api/join_event"
  cookies+=("convene_session=$(awk '$6 == "convene_session" { print $7 }' "$jar")")
done
posts=$(curl -sf "$base$feed" | grep -o 'data-post="[0-9]*"' | grep -o '[0-9]*' | head -20 | paste -sd, -)
export CONVENE_BENCH_COOKIES=$(IFS=,; echo "${cookies[*]}") CONVENE_BENCH_POSTS="$posts"
wrk -t2 -c32 -d"$duration" --latency -s scripts/bench-likes.lua "$base/"

step "1,000 idle live-update streams: the server's memory"
python3 scripts/bench-streams.py "$server_pid" "$port" /e/load-event-400/feed/live 1000
