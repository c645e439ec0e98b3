#!/usr/bin/env bash
# End-to-end tests of `uihook dev` in headless Chromium.
#
# Installs what it needs when missing (Debian's chromium, Node.js, and
# playwright-core through `npm ci`), builds the `uihook` binary and the hooks
# the tests drive, then runs `node --test dev.test.mjs`. Screenshots go to
# target/uihook-dev-screenshots/; `UIHOOK_SCREENSHOTS=docs/screenshots` (a
# path from the repository root) refreshes the committed ones. Needs root (or
# sudo) only to install packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

apt_install() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then apt_install nodejs npm; fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build -p uihook-cli --bin uihook --example dev_playground
cargo build -p uihook-runtime --example hook_counter --example hook_basic_form

export UIHOOK_BIN="$target/debug/uihook"
export UIHOOK_EXAMPLES="$target/debug/examples"
shots="${UIHOOK_SCREENSHOTS:-$target/uihook-dev-screenshots}"
case "$shots" in /*) ;; *) shots="$root/$shots" ;; esac
export UIHOOK_SCREENSHOTS="$shots"
cd "$here"
node --test --test-concurrency=1 --test-timeout=90000 dev.test.mjs
