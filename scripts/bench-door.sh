#!/usr/bin/env bash
# The check-in budgets of docs/PERFORMANCE.md, on loopback only, bounded (one page, a fixed
# number of scans), in a temporary directory removed at the end:
#   1. the release binary on a fresh SQLite file with the demo data, and BENCH_TICKETS
#      (10,000 by default) sold tickets of data-engineering-forum, a fifth of them inside
#      (names numbered, so that each answer differs from the one before it on screen);
#   2. the door list as a device downloads it: one request, its size with brotli;
#   3. in Chromium (end2end/bench/door-scan.mjs): the check-in app with that list, offline,
#      BENCH_SCANS typed codes (300 by default), each timed from the form's submit to the
#      answer on screen; the median and the 99th percentile.
# Uses the release build (`cargo leptos build --release --split` first).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install sqlite3 curl
port=${BENCH_PORT:-3202}
tickets=${BENCH_TICKETS:-10000}
bin=target/release/convene
[ -x "$bin" ] || { echo "error: build first: cargo leptos build --release --split" >&2; exit 1; }

data=$(mktemp -d -t convene-bench-door.XXXXXX)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT
export CONVENE_DATA_DIR="$data" CONVENE_ADDR="127.0.0.1:$port" CONVENE_SITE_ROOT=target/site \
  RUST_LOG=warn CONVENE_LOGIN_IP_FAILURES=1000

step "Seeding the demo data and $tickets tickets"
$bin seed --scale demo >"$data/seed.txt"
letter="substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', abs(random()) % 32 + 1, 1)"
code=$letter
for _ in $(seq 15); do code="$code || $letter"; done
firsts="'Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','Ken','Radia','Tim','Margaret','Linus','Sophie','Guido','Anita','Dennis','Hedy','Katherine','John','Niklaus'"
lasts="'Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Allen','Thompson','Perlman','Berners-Lee','Hamilton','Torvalds','Wilson','van Rossum','Borg','Ritchie','Lamarr','Johnson','Backus','Wirth'"
sqlite3 "$data/convene.db" <<SQL
CREATE TEMP TABLE firsts (i INTEGER PRIMARY KEY, name TEXT);
CREATE TEMP TABLE lasts (i INTEGER PRIMARY KEY, name TEXT);
INSERT INTO firsts (name) SELECT value FROM json_each(json_array($firsts));
INSERT INTO lasts (name) SELECT value FROM json_each(json_array($lasts));
INSERT INTO ticket_types (event_id, name, capacity, sold, created_at, updated_at)
  SELECT id, 'Bench day pass', $tickets, $tickets, 0, 0 FROM events WHERE slug = 'data-engineering-forum';
INSERT INTO orders (event_id, code, buyer_name, buyer_email, status, payment_method, total_cents,
  currency, created_at, updated_at)
  SELECT id, 'BENCHORDER', 'Bench Buyer', 'bench@example.org', 'paid', 'free', 0, currency, 0, 0
  FROM events WHERE slug = 'data-engineering-forum';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $tickets)
INSERT INTO tickets (order_id, event_id, ticket_type_id, code, attendee_name, attendee_email,
  price_cents, status, created_at, entered_at, entered_by)
  SELECT o.id, o.event_id, (SELECT MAX(id) FROM ticket_types), $code,
    (SELECT name FROM firsts WHERE i = abs(random()) % 20 + 1) || ' '
      || (SELECT name FROM lasts WHERE i = abs(random()) % 20 + 1) || ' ' || n.i,
    'bench@example.org', 0, 'valid', 0,
    CASE WHEN n.i % 5 = 0 THEN 1700000000 + n.i END, CASE WHEN n.i % 5 = 0 THEN 'Door 1' END
  FROM n, orders o WHERE o.code = 'BENCHORDER';
SQL

$bin serve & server_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.05; done

step "The door list, scans timed offline in Chromium"
password=$(awk '$1 == "organizer" { print $3 }' "$data/seed.txt")
(cd end2end && BENCH_URL="http://127.0.0.1:$port" BENCH_PASSWORD="$password" \
  BENCH_CODES="$(sqlite3 "$data/convene.db" "SELECT code FROM tickets WHERE order_id = (SELECT id FROM orders WHERE code = 'BENCHORDER') ORDER BY random() LIMIT ${BENCH_SCANS:-300}" | paste -sd,)" \
  node bench/door-scan.mjs)
