#!/usr/bin/env bash
# Throughput and latency of the counter hook: uihook-runtime (axum) against
# the reference Node counter (@zeit/integration-utils 0.6.4 + micro 9.3.4),
# loaded in the same run by wrk from a second process, on loopback only.
#
#   runtime/bench/run.sh [SECONDS] [CONNECTIONS]
#
# Installs wrk (Debian) and the npm packages itself; prints requests per
# second, p50/p99 latency for both and the ratio.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-10}"
connections="${2:-32}"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

if ! command -v wrk >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi

cp "$here/counter.js" "$here/package.json" "$work/"
(cd "$work" && npm install --no-audit --no-fund --loglevel=error >/dev/null)

cd "$root"
cargo build --quiet --release -p uihook-runtime --example hook_counter --example bench_ceiling
bin="${CARGO_TARGET_DIR:-$root/target}/release/examples/hook_counter"
ceiling_bin="${CARGO_TARGET_DIR:-$root/target}/release/examples/bench_ceiling"

source "$here/lib.sh"

measure() { # name port pid
  local before after
  before=$(cpu_seconds "$3")
  wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "http://127.0.0.1:$2/" > "$work/$1.txt"
  after=$(cpu_seconds "$3")
  local rps p50 p99 requests cpu
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$1.txt")
  requests=$(awk '/requests in/ {print $1}' "$work/$1.txt")
  cpu=$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }')
  printf '%-28s %12s req/s   p50 %8s   p99 %8s   server CPU %6s s   %8.0f req per server CPU-second\n' \
    "$1" "$rps" "$p50" "$p99" "$cpu" "$(awk -v r="$requests" -v c="$cpu" 'BEGIN { print r / c }')"
  echo "$rps" > "$work/$1.rps"
  awk -v r="$requests" -v c="$cpu" 'BEGIN { print r / c }' > "$work/$1.eff"
}
PORT=5105 "$bin" >/dev/null 2>&1 &
rust_pid=$!
wait_for 5105
(cd "$work" && exec node_modules/.bin/micro -l tcp://127.0.0.1:5106 counter.js >/dev/null 2>&1) &
node_pid=$!
wait_for 5106
PORT=5107 "$ceiling_bin" >/dev/null 2>&1 &
ceiling_pid=$!
wait_for 5107
PORT=5108 READ_BODY=1 "$ceiling_bin" >/dev/null 2>&1 &
body_pid=$!
wait_for 5108
PORT=5109 READ_BODY=json "$ceiling_bin" >/dev/null 2>&1 &
json_pid=$!
wait_for 5109

echo "counter hook, POST view, ${connections} connections, ${seconds} s each, wrk -t1"
measure "uihook-runtime (axum)" 5105 "$rust_pid"
measure "integration-utils + micro" 5106 "$node_pid"
# The same load on a server that only answers a constant page: what any axum
# hook can reach on this machine, with wrk beside it.
measure "ceiling: constant axum page" 5107 "$ceiling_pid"
# The same page after reading the body: what receiving the payload costs in
# HTTP alone (hyper hands the body over on demand), before any parsing.
measure "ceiling, body read" 5108 "$body_pid"
# And after checking it as JSON (serde_json, `IgnoredAny`): the floor of any
# hook that refuses a malformed payload, however little of it it decodes.
measure "ceiling, body checked JSON" 5109 "$json_pid"
awk -v a="$(cat "$work/uihook-runtime (axum).rps")" -v b="$(cat "$work/integration-utils + micro.rps")" \
  'BEGIN { printf "ratio: %.1fx the Node counter'"'"'s throughput\n", a / b }'
# On a 2-core machine wrk and the server share the cores, and one wrk thread
# can be the limit; requests per CPU-second of the server process compare
# the two servers' own cost.
awk -v a="$(cat "$work/uihook-runtime (axum).eff")" -v b="$(cat "$work/integration-utils + micro.eff")" \
  'BEGIN { printf "ratio per server CPU-second: %.1fx\n", a / b }'
awk -v c="$(cat "$work/ceiling: constant axum page.rps")" -v b="$(cat "$work/integration-utils + micro.rps")" \
  'BEGIN { printf "ceiling: a constant axum page reaches %.1fx the Node counter'"'"'s throughput here\n", c / b }'
awk -v c="$(cat "$work/ceiling: constant axum page.eff")" -v b="$(cat "$work/integration-utils + micro.eff")" \
  'BEGIN { printf "ceiling per server CPU-second: %.1fx\n", c / b }'
# Issue 20's measure: the counter against the constant page, per server
# CPU-second (target: at least 90 %).
awk -v a="$(cat "$work/uihook-runtime (axum).eff")" -v c="$(cat "$work/ceiling: constant axum page.eff")" \
  'BEGIN { printf "counter per server CPU-second: %.1f %% of the ceiling\n", 100 * a / c }'
awk -v a="$(cat "$work/uihook-runtime (axum).eff")" -v c="$(cat "$work/ceiling, body read.eff")" \
  'BEGIN { printf "counter per server CPU-second: %.1f %% of the ceiling that reads the body\n", 100 * a / c }'
awk -v j="$(cat "$work/ceiling, body checked JSON.eff")" -v c="$(cat "$work/ceiling: constant axum page.eff")" \
  'BEGIN { printf "ceiling that checks the body as JSON per server CPU-second: %.1f %% of the ceiling\n", 100 * j / c }'
