#!/usr/bin/env bash
# End-to-end tests of `uihook dev` in headless Chromium.
#
# Installs what it needs when missing (Debian's chromium, Node.js, and
# playwright-core through `npm ci`), builds the `uihook` binary and the hooks
# the tests drive (with `cargo test --workspace --no-run`), then runs `node --test dev.test.mjs`. Screenshots go to
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
# The binaries `cargo test --workspace` builds (the uihook binary and the
# examples, which cargo test compiles too): after that command, as in
# .ci/run, nothing is rebuilt, whereas `cargo build` resolves features
# differently and would compile most of the workspace again. Cargo names
# them in its JSON messages; links with plain names go in one directory.
bin="$target/uihook-dev-bin"
mkdir -p "$bin"
cargo test --workspace --no-run --message-format=json-render-diagnostics |
  node -e '
    const wanted = new Set(["uihook", "dev_playground", "dev_file_hook", "hook_counter", "hook_basic_form"]);
    let input = "";
    process.stdin.on("data", (d) => { input += d; });
    process.stdin.on("end", () => {
      for (const line of input.split("\n")) {
        if (!line.startsWith("{")) continue;
        const m = JSON.parse(line);
        if (m.reason !== "compiler-artifact" || !m.executable || m.profile.test) continue;
        const kind = m.target.kind[0];
        if ((kind === "bin" || kind === "example") && wanted.has(m.target.name)) {
          console.log(m.target.name + "\t" + m.executable);
        }
      }
    });
  ' > "$bin/list.tsv"
for name in uihook dev_playground dev_file_hook hook_counter hook_basic_form; do
  exe="$(awk -F '\t' -v n="$name" '$1 == n { print $2 }' "$bin/list.tsv" | tail -n 1)"
  if [ -z "$exe" ]; then echo "run.sh: cargo built no \`$name\`" >&2; exit 1; fi
  ln -sf "$exe" "$bin/$name"
done

export UIHOOK_BIN="$bin/uihook"
export UIHOOK_EXAMPLES="$bin"
shots="${UIHOOK_SCREENSHOTS:-$target/uihook-dev-screenshots}"
case "$shots" in /*) ;; *) shots="$root/$shots" ;; esac
export UIHOOK_SCREENSHOTS="$shots"
cd "$here"
node --test dev.test.mjs
