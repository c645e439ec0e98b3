#!/usr/bin/env bash
# Instructions per request of the counter hook and of the constant-page
# ceiling, counted by callgrind in process (`examples/profile_request.rs`:
# the router driven by `tower::ServiceExt::oneshot`, no sockets, no kernel).
# Two runs per server, of 1 000 and 11 000 requests; the difference over
# 10 000 is the cost of one request, start-up and warm-up cancelled out.
# Unlike wall time, the count does not move when the machine is busy.
#
#   runtime/bench/instructions.sh        (needs valgrind)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install -y valgrind)" >&2; exit 2; }
cargo build --quiet --release -p uihook-runtime --example profile_request
bin="${CARGO_TARGET_DIR:-$root/target}/release/examples/profile_request"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
count() { # server requests
  valgrind --tool=callgrind --callgrind-out-file="$out/$1.$2" "$bin" "$1" "$2" >/dev/null 2>&1
  awk '/^(summary|totals):/ {print $2; exit}' "$out/$1.$2"
}
declare -A per
# `payload` and `json` are the parse alone, without HTTP: Payload::from_slice
# of the same body, and serde_json only checking it (the floor of any
# serde_json parse).
for server in ceiling ceiling-body ceiling-json counter payload json; do
  short=$(count "$server" 1000)
  long=$(count "$server" 11000)
  per[$server]=$(((long - short) / 10000))
  printf '%-13s %7d instructions per request\n' "$server" "${per[$server]}"
done
awk -v a="${per[counter]}" -v c="${per[ceiling]}" \
  'BEGIN { printf "counter - ceiling: %d instructions per request (counter %.2fx the ceiling)\n", a - c, a / c }'
