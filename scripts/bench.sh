#!/usr/bin/env bash
# Benchmarks of docs/PERFORMANCE.md, on loopback only and bounded in time (about a minute):
#   1. cold start: `convene serve` to the first 200 from /readyz, on SQLite (median of 5)
#   2. `convene seed --scale large` duration (6,500 events)
#   3. the event page under load: wrk, 64 connections, 2 threads, 15 s; then the page, the
#      schedule and the calendar of a busy event (200 sessions, 150 speakers) among the large data,
#      the schedule with brotli, and the page and schedule again with the page cache off;
#      `/events` searches (a word in every session, a rare name)
#   4. the admin console's account search over 100,000 accounts: wrk with 1 connection (the
#      latency is the server's time; budget p99 < 20 ms), then 8 connections
#   5. one login: the time of five logins in a row (one argon2 verification each)
#   6. the busy event's page, schedule, speakers and a session, 32 connections, side by side:
#      anonymous, a signed-in attendee whose browser runs the islands (both from the page
#      cache), one without JavaScript (drawn for them); then what the islands ask for
# Uses the release build (`cargo leptos build --release --split` first) and a temporary database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install wrk curl time
port=${BENCH_PORT:-3200}
duration=${BENCH_DURATION:-15s}
bin=target/release/convene
[ -x "$bin" ] || { echo "error: build first: cargo leptos build --release --split" >&2; exit 1; }

data=$(mktemp -d -t convene-bench.XXXXXX)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT
export CONVENE_DATA_DIR="$data" CONVENE_ADDR="127.0.0.1:$port" CONVENE_SITE_ROOT=target/site RUST_LOG=warn

step "Seeding: demo, then --scale large"
$bin seed --scale demo >"$data/demo.txt"
/usr/bin/time -f "seed --scale large: %e s wall, %M KB max RSS" $bin seed --scale large

step "Cold start to the first 200 from /readyz (5 runs)"
starts=()
for _ in 1 2 3 4 5; do
  t0=$(date +%s%N)
  $bin serve & server_pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.005; done
  t1=$(date +%s%N)
  starts+=($(( (t1 - t0) / 1000000 )))
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
done
sorted=($(printf '%s\n' "${starts[@]}" | sort -n))
echo "cold start (ms): ${starts[*]}  median: ${sorted[2]}"

step "Event page under load: wrk -t2 -c64 -d$duration /e/rust-summit"
$bin serve & server_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.05; done
curl -sf -o /dev/null "http://127.0.0.1:$port/e/rust-summit"
wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port/e/rust-summit"
for path in /e/load-event-0 /e/load-event-0/schedule /e/load-event-0/calendar.ics; do
  step "Busy event (200 sessions, 150 speakers): wrk -t2 -c64 -d$duration $path"
  curl -sf -o /dev/null -w "response: %{size_download} bytes uncompressed\n" "http://127.0.0.1:$port$path"
  wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port$path"
done
step "Busy schedule as browsers ask for it (Accept-Encoding: br)"
curl -sf -o /dev/null -H "Accept-Encoding: br" -w "response: %{size_download} bytes brotli\n" \
  "http://127.0.0.1:$port/e/load-event-0/schedule"
wrk -t2 -c64 -d"$duration" --latency -H "Accept-Encoding: br" "http://127.0.0.1:$port/e/load-event-0/schedule"
step "Side by side: the busy event page and schedule with the page cache off (CONVENE_PAGE_CACHE_MB=0)"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
CONVENE_PAGE_CACHE_MB=0 $bin serve & server_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.05; done
for path in /e/load-event-0 /e/load-event-0/schedule; do
  wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port$path"
done
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
$bin serve & server_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.05; done
step "Discovery over the large data, 8 connections: a word in every session, then a rare name"
for q in session "speaker+17-3"; do
  wrk -t2 -c8 -d"$duration" --latency "http://127.0.0.1:$port/events?q=$q"
done
step "Home page under load: wrk -t2 -c64 -d$duration /"
wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port/"

step "Admin account search over 100,000 accounts: wrk -t1 -c1, then -t2 -c8, -d$duration"
admin_password=$($bin create-admin --email bench-admin@example.org | sed -n 's/^Password (shown once): //p')
jar="$data/cookies"
log_in() {
  curl -sf -o /dev/null -H "Sec-Fetch-Site: same-origin" -c "$jar" -b "$jar" --data-urlencode "email=bench-admin@example.org" \
    --data-urlencode "password=$admin_password" "http://127.0.0.1:$port/api/log_in"
}
log_in
export CONVENE_BENCH_COOKIE="convene_session=$(awk '$6 == "convene_session" { print $7 }' "$jar")"
wrk -t1 -c1 -d"$duration" --latency -s scripts/bench-admin.lua "http://127.0.0.1:$port/"
wrk -t2 -c8 -d"$duration" --latency -s scripts/bench-admin.lua "http://127.0.0.1:$port/"

step "Login: five in a row (each is one argon2id verification, 19 MiB, 2 passes)"
logins=()
for _ in 1 2 3 4 5; do
  t0=$(date +%s%N); log_in; t1=$(date +%s%N)
  logins+=($(( (t1 - t0) / 1000000 )))
done
sorted=($(printf '%s\n' "${logins[@]}" | sort -n))
echo "login (ms): ${logins[*]}  median: ${sorted[2]}"

step "Busy event, 32 connections: anonymous, a signed-in attendee whose browser runs the islands (both from the page cache), and one without JavaScript (drawn for them)"
read -r attendee_email attendee_password < <(awk '$1 == "attendee" { print $2, $3 }' "$data/demo.txt")
attendee_jar="$data/attendee-cookies"
curl -sf -o /dev/null -H "Sec-Fetch-Site: same-origin" -c "$attendee_jar" --data-urlencode "email=$attendee_email" \
  --data-urlencode "password=$attendee_password" "http://127.0.0.1:$port/api/log_in"
attendee_cookie="convene_session=$(awk '$6 == "convene_session" { print $7 }' "$attendee_jar")"
session_path=$(curl -sf "http://127.0.0.1:$port/e/load-event-0/schedule" | grep -o '/e/load-event-0/sessions/[0-9]*' | sed -n 1p)
for path in /e/load-event-0 /e/load-event-0/schedule /e/load-event-0/speakers "$session_path"; do
  echo "--- $path anonymous"
  wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port$path" | grep -E "Requests/sec|99%"
  echo "--- $path signed in, islands running (the shared page)"
  wrk -t2 -c32 -d"$duration" --latency -H "Cookie: $attendee_cookie; convene_islands=1" "http://127.0.0.1:$port$path" | grep -E "Requests/sec|99%"
  echo "--- $path signed in, no JavaScript (drawn for the attendee)"
  wrk -t2 -c32 -d"$duration" --latency -H "Cookie: $attendee_cookie" "http://127.0.0.1:$port$path" | grep -E "Requests/sec|99%"
done
echo "--- what the islands then ask for: get_current_user, get_attendance, get_my_stars in turn"
CONVENE_BENCH_COOKIE="$attendee_cookie" wrk -t2 -c32 -d"$duration" --latency -s scripts/bench-members.lua \
  "http://127.0.0.1:$port/" | grep -E "Requests/sec|99%|Non-2xx"
