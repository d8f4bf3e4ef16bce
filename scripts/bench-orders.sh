#!/usr/bin/env bash
# The ordering budget of docs/PERFORMANCE.md: orders per second on PostgreSQL for one popular
# ticket type, every order taking its seat in its own transaction. On loopback only, bounded
# in time (BENCH_DURATION, 10 s by default), in a temporary database dropped at the end.
#   1. the release binary, a temporary database on CONVENE_BENCH_POSTGRES_URL's server,
#      the demo seed, and one free ticket type "Popular" on rust-summit with 1,000,000 seats;
#   2. wrk, 2 threads, 32 connections, each request one order of one ticket (the form a
#      browser without JavaScript posts);
#   3. the count of orders, tickets and seats taken, which must all agree.
# Uses the release build (`cargo leptos build --release --split` first).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install wrk curl postgresql-client
port=${BENCH_PORT:-3201}
duration=${BENCH_DURATION:-10s}
server=${CONVENE_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
bin=target/release/convene
[ -x "$bin" ] || { echo "error: build first: cargo leptos build --release --split" >&2; exit 1; }

name="convene_bench_orders_$$"
data=$(mktemp -d -t convene-bench-orders.XXXXXX)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  wait 2>/dev/null
  psql -q "$server/postgres" -c "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT
psql -q "$server/postgres" -c "CREATE DATABASE $name" >/dev/null
db="$server/$name"
export CONVENE_DATA_DIR="$data" CONVENE_ADDR="127.0.0.1:$port" CONVENE_SITE_ROOT=target/site \
  CONVENE_DATABASE_URL="$db" RUST_LOG=warn

step "Seeding the demo data and a ticket type with 1,000,000 seats"
$bin seed --scale demo >/dev/null
type_id=$(psql -qtA "$db" -c "INSERT INTO ticket_types (event_id, name, capacity, created_at, updated_at)
  SELECT id, 'Popular', 1000000, 0, 0 FROM events WHERE slug = 'rust-summit' RETURNING id")

$bin serve & server_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.05; done

script="$data/order.lua"
cat >"$script" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.body = "event=rust-summit&order[buyer_name]=Bench+Buyer&order[buyer_email]=bench%40example.org"
  .. "&order[tickets][0][ticket_type]=$type_id&order[tickets][0][name]=Bench+Attendee"
  .. "&order[tickets][0][email]=bench%40example.org"
LUA
step "One order per request: wrk -t2 -c32 -d$duration POST /api/place_order"
wrk -t2 -c32 -d"$duration" --latency -s "$script" "http://127.0.0.1:$port/api/place_order"

step "Orders, tickets and seats taken must agree"
read -r orders tickets sold < <(psql -qtA -F ' ' "$db" -c "SELECT
  (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM tickets),
  (SELECT sold FROM ticket_types WHERE id = $type_id)")
echo "orders: $orders  tickets: $tickets  seats taken: $sold"
[ "$orders" = "$tickets" ] && [ "$tickets" = "$sold" ] || { echo "error: the counts disagree" >&2; exit 1; }
