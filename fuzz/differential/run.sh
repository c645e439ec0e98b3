#!/usr/bin/env bash
# Differential test of uihook's parser against the host parser
# (@zeit/react-jsx-parser 2.0.0) and the reference renderer
# (@zeit/integration-utils 0.6.4). One command:
#
#   fuzz/differential/run.sh [COUNT]     # COUNT generated documents per style (default 2000)
#
# Installs the pinned npm packages, builds the Rust side, writes the corpus
# to fuzz/differential/work/, runs both parsers and prints the comparison.
# Every difference, with its input, is in work/differences.jsonl.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count="${1:-2000}"
work="$here/work"

cd "$here"
if [ ! -d node_modules/@zeit/react-jsx-parser ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

cd "$root"
cargo build --quiet --release -p uihook-compiler --example differential
bin="${CARGO_TARGET_DIR:-$root/target}/release/examples/differential"

rm -rf "$work"
mkdir -p "$work/corpus"
"$bin" corpus "$work/corpus" "$count"
node "$here/htm.js" "$work/corpus"
node "$here/host.js" "$work/corpus" > "$work/host.jsonl"
"$bin" compare "$work/corpus" "$work/host.jsonl"
