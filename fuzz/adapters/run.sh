#!/usr/bin/env bash
# End-to-end test of `uihook fuzz-renderer` against real renderers, run by
# .ci/run (about a minute on 2 cores):
#
#   fuzz/adapters/run.sh
#
# - uihook's own renderer (rust.rs): 10 000 cases, no finding;
# - the reference renderer, @zeit/integration-utils 0.6.4 and 0.5.1 (htm.js,
#   installed from npm into target/fuzz-adapters/ by this script, pinned by
#   package-lock.json): the catalog §D.6 bugs reachable through its API must
#   be found (§D.6.5 U+2028 in strings, §D.6.10 whitespace between children,
#   and in 0.5.1 §D.6.1 `&quot` in props);
# - plain template strings (template-string.js): the breakage must be found.
#
# Reuses the debug `uihook` binary and the target directory of `cargo test`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
cache="$target/fuzz-adapters"

mkdir -p "$cache"
if ! cmp -s "$here/package-lock.json" "$cache/package-lock.json" ||
  [ ! -d "$cache/node_modules/integration-utils-0.5.1" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$cache/"
  (cd "$cache" && npm ci --no-audit --no-fund --loglevel=error)
fi
export UIHOOK_NODE_MODULES="$cache/node_modules"

cd "$root"
cargo build --quiet -p uihook-cli --bin uihook --example fuzz_adapter_rust
uihook="$target/debug/uihook"
out="$cache/run"
rm -rf "$out"
mkdir -p "$out"

failed=0
fail() {
  echo "FAIL: $*" >&2
  failed=1
}

# run NAME EXPECTED_STATUS CASES -- RENDERER…: the JSON report goes to
# $out/NAME.json, the shrunk cases to $out/NAME/, the summary to the log.
run() {
  local name="$1" expected="$2" cases="$3"
  shift 4
  local status=0
  "$uihook" fuzz-renderer --cases "$cases" --seed 1 --output-format json \
    -o "$out/$name.json" --out "$out/$name" -- "$@" 2>"$out/$name.log" || status=$?
  echo "$name: $(tail -n 1 "$out/$name.log")"
  if [ "$status" != "$expected" ]; then
    fail "$name exited with $status, not $expected (log: $out/$name.log)"
    cat "$out/$name.log" >&2
  fi
}

# expect NAME CODE [TEXT]: some finding of NAME has CODE (and TEXT in its
# message); prints the finding.
expect() {
  node -e '
    const [file, code, text] = process.argv.slice(1);
    const found = JSON.parse(require("fs").readFileSync(file, "utf8"))
      .find((f) => f.code === code && (!text || f.message.includes(text)));
    if (!found) process.exit(1);
    console.log(`  ${code}: ${found.path}`);
  ' "$out/$1.json" "$2" "${3:-}" || fail "$1: no $2 finding${3:+ mentioning $3}"
}

run rust 0 10000 -- "$target/debug/examples/fuzz_adapter_rust"
node -e 'process.exit(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).length)' \
  "$out/rust.json" || fail "findings against uihook's own renderer: $out/rust.json"

run htm-0.6.4 1 2000 -- node "$here/htm.js" 0.6.4
expect htm-0.6.4 line-separator-in-string     # §D.6.5
expect htm-0.6.4 renderer-tree-mismatch       # §D.6.10

run htm-0.5.1 1 2000 -- node "$here/htm.js" 0.5.1
expect htm-0.5.1 hostile-value-changed '&quot' # §D.6.1
expect htm-0.5.1 line-separator-in-string     # §D.6.5 (text)
expect htm-0.5.1 renderer-tree-mismatch       # §D.6.10

run template-string 1 1000 -- node "$here/template-string.js"
expect template-string raw-lt-in-text
expect template-string raw-brace-in-text
expect template-string hostile-value-changed

exit "$failed"
