#!/usr/bin/env bash
# End-to-end test of `uihook server` in a real editor: Neovim, headless, with
# its built-in LSP client attached to the server. It opens a `.uihook` file
# and a `.js` hook, waits for the diagnostics (`vim.diagnostic.get`), applies
# a code action in each and saves, then checks the files on disk
# (`nvim_test.lua` says what exactly).
#
# Installs Neovim from Debian when missing (needs root or sudo for that
# only) and uses the `uihook` binary that `cargo test --workspace` builds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

if ! command -v nvim >/dev/null; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq neovim >/dev/null
fi
nvim --version | head -n 1

cd "$root"
# The binary `cargo test --workspace` built: after that command (as in
# .ci/run) nothing is rebuilt, while `cargo build` would resolve features
# differently and compile much of the workspace again.
bin="$(cargo test --workspace --no-run --message-format=json-render-diagnostics 2>/dev/null |
  python3 -c '
import json, sys
for line in sys.stdin:
    if not line.startswith("{"):
        continue
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") \
            and not m["profile"]["test"] and m["target"]["name"] == "uihook" \
            and m["target"]["kind"] == ["bin"]:
        print(m["executable"])
' | tail -n 1)"
if [ -z "$bin" ]; then echo "run.sh: cargo built no uihook binary" >&2; exit 1; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/page.uihook" "$here/hook.js" "$work/"
# The project's configuration applies in the editor as in `uihook lint`.
printf 'extra-components = ["Chart"]\n' > "$work/uihook.toml"

export UIHOOK_BIN="$bin" UIHOOK_WORK="$work"
# `timeout` guards against a hung editor; the script itself waits for each
# event with vim.wait and fails with a message when one never comes.
status=0
timeout 180 nvim --headless -u NONE -i NONE -n \
  -c "luafile $here/nvim_test.lua" >"$work/nvim.log" 2>&1 || status=$?
result="$(cat "$work/result" 2>/dev/null || echo "no result (Neovim output: $(cat "$work/nvim.log"))")"
if [ "$status" != 0 ] || [ "$result" != ok ]; then
  echo "run.sh: the Neovim test failed (status $status): $result" >&2
  exit 1
fi
grep -q 'type="secondary"' "$work/page.uihook"
grep -q '<Button>Go</Button>' "$work/hook.js"
echo "editor test: ok"
