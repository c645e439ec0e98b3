#!/usr/bin/env bash
# Old against new on a noisy machine: the counter hook and the constant-page
# ceiling from several builds, measured one after the other in the same
# round, so every build sees the same load. The measurement is run.sh's
# (wrk -t1, the same body, the server's CPU time from /proc); the figure is
# the counter's requests per server CPU-second as a share of the ceiling's
# from the same build (issue 20's measure).
#
#   runtime/bench/ab.sh SECONDS CONNECTIONS DIR...
#
# Each DIR holds a `hook_counter` and a `bench_ceiling` binary, for example
# copies of target/release/examples/ built at two commits. Run it several
# times and compare the ranges: a single round swings by a few points.
set -euo pipefail
seconds=$1
connections=$2
shift 2
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install -y wrk)" >&2; exit 2; }

source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# Starts BIN on PORT (with READ_BODY set to the third argument, if any),
# loads it, stops it; prints "req/s req-per-CPU-second p50 p99".
measure() {
  READ_BODY=${3:-} PORT=$2 "$1" >/dev/null 2>&1 &
  local pid=$!
  wait_for "$2"
  local before after
  before=$(cpu_seconds "$pid")
  wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "http://127.0.0.1:$2/" > "$work/out.txt"
  after=$(cpu_seconds "$pid")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  awk -v a="$after" -v b="$before" '/Requests\/sec/ {rps=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2} /requests in/ {n=$1}
    END { printf "%s %.0f %s %s", rps, n / (a - b), p50, p99 }' "$work/out.txt"
}
for dir in "$@"; do
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r crps ceff cp50 cp99 <<<"$(measure "$dir/hook_counter" 5205)"
  read -r rrps reff rp50 rp99 <<<"$(measure "$dir/bench_ceiling" 5207)"
  # The ceiling that also checks the body as JSON: the floor of any hook
  # that refuses a malformed payload (`json` is its share of the ceiling).
  read -r _ jeff _ jp99 <<<"$(measure "$dir/bench_ceiling" 5209 json)"
  awk -v d="$(basename "$dir")" -v l="$load" -v a="$crps" -v b="$ceff" -v c="$cp50" -v e="$cp99" \
    -v f="$rrps" -v g="$reff" -v h="$rp50" -v i="$rp99" -v j="$jeff" -v k="$jp99" \
    'BEGIN { printf "%-10s load %5s | counter %9s req/s %7d /CPU-s p50 %8s p99 %8s | ceiling %9s req/s %7d /CPU-s p50 %8s p99 %8s | ratio %.1f %% | json %.1f %% p99 %8s\n", d, l, a, b, c, e, f, g, h, i, 100 * b / g, 100 * j / g, k }'
done
