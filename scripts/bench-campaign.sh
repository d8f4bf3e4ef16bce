#!/usr/bin/env bash
# The campaign budget (docs/PERFORMANCE.md), on loopback only and bounded in time: a campaign
# to 100,000 contacts sent into a local SMTP sink, compared in the same run with the sink's
# own maximum rate measured by a plain SMTP load tool (Postfix's smtp-source, the same number
# of connections, kept open); and the server's resident memory before and during the send.
#   BENCH_SINK (postfix)      postfix: Postfix's smtp-sink, which accepts and discards (a sink
#                             that does no work at all); store: scripts/smtp-sink.py, aiosmtpd
#                             writing each message to a maildir, as a real server stores mail
#   BENCH_CONTACTS (100000)   audience size
#   BENCH_CONNECTIONS (8)     SMTP connections, for both Convene and smtp-source
#   BENCH_ROUNDS (3)          rounds of (smtp-source, then a campaign); medians are printed
#   BENCH_STORE_DIR           where the storing sink keeps its maildir (default: beside the
#                             database, on the same disk). The sink syncs each message to disk,
#                             so on a shared disk its syncs compete with Convene's own writes;
#                             /dev/shm takes the disk out of the comparison
# SQLite by default; BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres runs it on
# a temporary PostgreSQL database (dropped afterwards). Uses the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
apt_install postfix sqlite3 curl
# Installing Postfix may start its daemon; the benchmark needs only its test tools.
as_root postfix stop >/dev/null 2>&1 || true
contacts=${BENCH_CONTACTS:-100000}
connections=${BENCH_CONNECTIONS:-8}
rounds=${BENCH_ROUNDS:-3}
sink=${BENCH_SINK:-postfix}
port=${BENCH_PORT:-3400}
sink_port=${BENCH_SINK_PORT:-2625}
bin=target/release/convene
[ -x "$bin" ] || { echo "error: build first: cargo leptos build --release --split" >&2; exit 1; }

data=$(mktemp -d -t convene-bench-campaign.XXXXXX)
server_pid= sink_pid= pg_db= store=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null
  wait 2>/dev/null
  [ -n "$pg_db" ] && psql -q "$BENCH_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null
  rm -rf "$data"
  if [ -n "$store" ] && [ "$store" != "$data" ]; then rm -rf "$store"; fi
}
trap cleanup EXIT
export CONVENE_DATA_DIR="$data" CONVENE_ADDR="127.0.0.1:$port" CONVENE_SITE_ROOT=target/site \
  RUST_LOG=warn CONVENE_SMTP_URL="smtp://127.0.0.1:$sink_port" \
  CONVENE_MAIL_FROM="Bench <bench@example.org>" CONVENE_CAMPAIGN_CONNECTIONS="$connections"
if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
  pg_db="convene_bench_$$"
  psql -q "$BENCH_POSTGRES_URL" -c "CREATE DATABASE $pg_db" >/dev/null
  export CONVENE_DATABASE_URL="${BENCH_POSTGRES_URL%/*}/$pg_db"
  sql() { psql -qtA "$CONVENE_DATABASE_URL" -c "$1"; }
  numbers="SELECT i FROM generate_series(1, $contacts) AS g(i)"
  echo "database: PostgreSQL ($pg_db)"
else
  sql() { sqlite3 -cmd ".timeout 5000" "$data/convene.db" "$1"; }
  numbers="WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < $contacts) SELECT i FROM g"
  echo "database: SQLite"
fi

step "Preparing: the demo, $contacts more contacts tagged \"bench\", a segment and a template"
$bin seed --scale demo >/dev/null
org="(SELECT id FROM organizations WHERE slug = 'convene-demo')"
sql "INSERT INTO contacts (organization_id, email, email_key, name, name_key, status, status_at, status_source, created_at)
     SELECT $org, 'bench' || i || '@example.org', 'bench' || i || '@example.org', 'Bench Person ' || i,
            'bench person ' || i, 'subscribed', 0, 'benchmark', 0 FROM ($numbers) AS n"
sql "INSERT INTO contact_tags (contact_id, tag) SELECT id, 'bench' FROM contacts WHERE status_source = 'benchmark'"
sql "INSERT INTO segments (organization_id, name, rules, updated_at)
     VALUES ($org, 'Benchmark', '{\"combine\":\"All\",\"rules\":[{\"Tagged\":\"bench\"}]}', 0)"
sql "INSERT INTO mail_templates (organization_id, name, body, updated_at) VALUES ($org, 'Benchmark',
     'Hello {{first_name}},

**Rust Summit** is coming: two days of talks and workshops on reliable software.

- [The program](https://example.org/program)
- [The workshops](https://example.org/workshops)

See you there, {{name}}!', 0)"
echo "mailable contacts: $(sql "SELECT COUNT(*) FROM contacts WHERE status_source = 'benchmark'")"

store=$data
if [ "$sink" = store ]; then
  [ -n "${BENCH_STORE_DIR:-}" ] && store=$(mktemp -d -p "$BENCH_STORE_DIR")
  python3 scripts/smtp-sink.py --port "$sink_port" --maildir "$store/box" --control "$data" &
  sink_pid=$!
  until [ -d "$store/box/new" ]; do sleep 0.1; done
  sink_messages() { find "$store/box/new" -type f | wc -l; }
else
  /usr/sbin/smtp-sink -u nobody -c "127.0.0.1:$sink_port" 512 >"$data/sink.log" 2>&1 &
  sink_pid=$!
  sink_messages() { tail -c 300 "$data/sink.log" | tr '\r' '\n' | sed -n 's/.*mesg=\([0-9]*\).*/\1/p' | tail -1; }
fi
sleep 0.5
echo "sink: $sink"
# A maildir slows down as it fills: each measurement starts with an empty one.
empty_store() {
  if [ "$sink" = store ]; then find "$store/box/new" -type f -delete; fi
}
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status"; }
# How busy the sink was over a phase, in % of one core (both sinks are one process): a sink
# near 100 % in both phases is the bottleneck in both, whatever the client.
hz=$(getconf CLK_TCK)
sink_ticks() { awk '{ print $14 + $15 }' "/proc/$sink_pid/stat"; }
sink_busy() { echo $(( ($2 - $1) * 100000 / (hz * $3) )); }
now_ms() { date +%s%3N; }

$bin serve & server_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.05; done
sleep 1

# smtp-source's messages are the size of one of Convene's for this template (measured from
# the development mail folder: headers, plain text and HTML, quoted-printable).
size=${BENCH_MESSAGE_BYTES:-3000}

source_rates=() convene_rates=() growths=()
for round in $(seq "$rounds"); do
  empty_store
  step "Round $round: smtp-source, $contacts messages over $connections connections"
  before=$(sink_messages); before=${before:-0}
  started=$(now_ms) ticks=$(sink_ticks)
  /usr/sbin/smtp-source -d -s "$connections" -m "$contacts" -l "$size" \
    -f bench@example.org -t rcpt@example.org "127.0.0.1:$sink_port"
  elapsed=$(( $(now_ms) - started ))
  rate=$(( contacts * 1000 / elapsed ))
  busy=$(sink_busy "$ticks" "$(sink_ticks)" "$elapsed")
  echo "smtp-source: $(( $(sink_messages) - before )) messages in ${elapsed} ms: $rate messages/s (sink busy $busy % of a core)"
  source_rates+=("$rate")

  empty_store
  step "Round $round: a campaign to $contacts contacts"
  id=$(sql "INSERT INTO campaigns (organization_id, name, subject, from_name, template_id,
            segment_id, status, send_at, throttle, created_at)
            VALUES ($org, 'Benchmark $round', 'Rust Summit is coming', 'Rust Summit',
            (SELECT MAX(id) FROM mail_templates), (SELECT MAX(id) FROM segments), 'draft', NULL, 0, 0)
            RETURNING id")
  base_rss=$(rss_kb) peak=$base_rss
  before=$(sink_messages); before=${before:-0}
  started=$(now_ms) first=
  sql "UPDATE campaigns SET status = 'scheduled', send_at = 0 WHERE id = $id"
  deadline=$(( SECONDS + 600 ))
  # The sending rate runs from the first message the sink counts to the last; before the
  # first come the wait for the sender's next look (CONVENE_CAMPAIGN_CHECK_SECS) and the
  # segment's evaluation into recipients, reported apart.
  # Progress is read from the campaign's own counter (one cheap query every 0.1 s); reading
  # the sink's count as often would take CPU from the two being measured.
  while :; do
    sent=$(sql "SELECT sent FROM campaigns WHERE id = $id")
    [ -z "$first" ] && [ "${sent:-0}" -gt 0 ] && first=$(now_ms) ticks=$(sink_ticks)
    [ "${sent:-0}" -ge "$contacts" ] && break
    [ $SECONDS -lt $deadline ] || { echo "error: the campaign did not finish in 10 minutes" >&2; exit 1; }
    rss=$(rss_kb); [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.1
  done
  last=$(now_ms) last_ticks=$(sink_ticks)
  received=$(( $(sink_messages) - before ))
  until [ "$(sql "SELECT status FROM campaigns WHERE id = $id")" = sent ]; do
    [ $SECONDS -lt $deadline ] || { echo "error: the campaign was not marked sent" >&2; exit 1; }
    sleep 0.05
  done
  elapsed=$(( last - first ))
  rate=$(( contacts * 1000 / elapsed ))
  growth=$(( (peak - base_rss) / 1024 ))
  echo "convene: $(sql "SELECT sent FROM campaigns WHERE id = $id") sent, $received received by the sink; first message after $(( first - started )) ms, then ${elapsed} ms: $rate messages/s (sink busy $(sink_busy "$ticks" "$last_ticks" "$elapsed") % of a core)"
  if [ "$sink" = store ]; then
    newest=$(ls -t "$store/box/new" | sed -n 1p)
    echo "a Convene message as stored: $(wc -c <"$store/box/new/$newest") bytes (smtp-source's: $size)"
  fi
  echo "server memory: $(( base_rss / 1024 )) MB before, $(( peak / 1024 )) MB at the peak (+$growth MB)"
  convene_rates+=("$rate") growths+=("$growth")
done

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
s=$(median "${source_rates[@]}") c=$(median "${convene_rates[@]}")
# Memory: the largest growth of any round (the first round starts from a fresh server).
g=$(printf '%s\n' "${growths[@]}" | sort -n | tail -1)
step "Medians over $rounds rounds"
echo "smtp-source (the sink's maximum): $s messages/s"
echo "convene campaign:                 $c messages/s ($(( c * 100 / s ))% of the sink's maximum; budget >= 90%)"
echo "server memory growth, largest:    +$g MB (budget < 32 MB)"
