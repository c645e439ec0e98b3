#!/usr/bin/env bash
# The Lambda build of the counter (examples/lambda_counter.rs, feature
# `lambda`) in cargo-lambda's local Lambda emulator: `cargo lambda watch`
# runs the function behind the Lambda runtime API and a function-URL
# endpoint, `cargo lambda invoke` sends it an API Gateway event, and
# `uihook probe` checks the request contract through the emulator's URL.
#
# cargo-lambda is installed by this script (`pip install cargo-lambda`)
# when missing. When it cannot be installed or does not run, the script
# says why and exits 0 (skipped), never silently. Builds reuse the
# workspace's target directory: only the example and lambda_http's few
# crates are new after `cargo test --workspace`.
set -euo pipefail
cd "$(dirname "$0")/../.."

skip() {
  echo "lambda emulator test SKIPPED: $*"
  exit 0
}

if ! cargo lambda --version >/dev/null 2>&1; then
  echo "installing cargo-lambda (pip install cargo-lambda)…"
  command -v python3 >/dev/null || skip "no python3 to run pip with"
  if ! log=$(python3 -m pip install --quiet cargo-lambda 2>&1); then
    skip "pip install cargo-lambda failed: $(printf '%s' "$log" | tail -3)"
  fi
  hash -r
  # pip may put scripts in a directory outside PATH (a user install).
  export PATH="$PATH:$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$HOME/.local/bin"
  cargo lambda --version >/dev/null 2>&1 ||
    skip "cargo-lambda was installed but \`cargo lambda\` does not run: $(cargo lambda --version 2>&1 | tail -1)"
fi
echo "$(cargo lambda --version)"

# `uihook` as `cargo test --workspace` built it (nothing is rebuilt after
# that command, as in .ci/run; `cargo build -p uihook-cli` would resolve
# features differently and compile much of the workspace again).
uihook=$(cargo test --workspace --no-run --message-format=json 2>/dev/null | python3 -c '
import json, sys
found = ""
for line in sys.stdin:
    if not line.startswith("{"):
        continue
    m = json.loads(line)
    if (m.get("reason") == "compiler-artifact" and m.get("executable")
            and not m["profile"]["test"] and m["target"]["name"] == "uihook"
            and "bin" in m["target"]["kind"]):
        found = m["executable"]
print(found)')
[ -x "$uihook" ] || { echo "no uihook binary from cargo test --workspace --no-run" >&2; exit 1; }
# Only the example and what the `lambda` feature adds.
cargo build --quiet -p uihook --example lambda_counter --features lambda
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
fn_log=$(mktemp)
# `cargo lambda watch` finds functions among a package's binaries, not its
# examples: it runs the emulator alone (--only-lambda-apis) and the script
# starts the example with the environment the emulator prints, under the
# emulator's catch-all function name `_`. --disable-cors: the function's own
# CORS headers are what `uihook probe` must see, as behind a function URL.
cargo lambda watch --only-lambda-apis --disable-cors -A 127.0.0.1 -P "$port" >"$log" 2>&1 &
watch_pid=$!
fn_pid=
cleanup() {
  [ -n "$fn_pid" ] && kill -TERM "$fn_pid" 2>/dev/null || true
  kill -TERM "$watch_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -f "$log" "$fn_log"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  if ! kill -0 "$watch_pid" 2>/dev/null; then
    cat "$log"
    echo "cargo lambda watch exited before listening" >&2
    exit 1
  fi
  sleep 0.2
done
AWS_LAMBDA_FUNCTION_NAME=_ AWS_LAMBDA_FUNCTION_VERSION=1 AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128 \
  AWS_LAMBDA_RUNTIME_API="http://127.0.0.1:$port/.rt" \
  "$target/debug/examples/lambda_counter" >"$fn_log" 2>&1 &
fn_pid=$!
url="http://127.0.0.1:$port/lambda-url/_/"

# 1. An API Gateway (HTTP API) event through the Lambda runtime API.
event=$(mktemp)
cat >"$event" <<'JSON'
{
  "version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "",
  "headers": {"content-type": "application/json", "host": "hook.example"},
  "requestContext": {"http": {"method": "POST", "path": "/", "protocol": "HTTP/1.1",
    "sourceIp": "127.0.0.1", "userAgent": "uihook"}, "routeKey": "$default",
    "stage": "$default", "accountId": "123456789012", "apiId": "api", "domainName": "hook.example",
    "domainPrefix": "hook", "requestId": "r1", "time": "07/Dec/2026:00:00:00 +0000", "timeEpoch": 0},
  "body": "{\"action\":\"view\",\"clientState\":{}}",
  "isBase64Encoded": false
}
JSON
answer=$(cargo lambda invoke --invoke-address 127.0.0.1 --invoke-port "$port" --data-file "$event" _)
rm -f "$event"
echo "invoke: $answer"
case "$answer" in
  *'"statusCode":200'*'Counter: 1'*) ;;
  *) echo "the invoked function did not answer the counter" >&2; cat "$log" "$fn_log"; exit 1 ;;
esac

# 2. Plain HTTP through the emulator's function URL, as the dashboard would
#    call a deployed function URL; `uihook probe` checks the contract.
"$uihook" probe "$url"
echo "lambda emulator test passed: invoke and uihook probe against $url"
