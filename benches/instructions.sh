#!/usr/bin/env bash
# Instructions per page render for uihook!, sailfish and maud, counted by
# callgrind in one run of the `render` bench binary. Unlike wall time, the
# count does not move when the shared machine is busy.
# Usage: benches/instructions.sh [GROUP]   (needs valgrind: apt-get install valgrind)
# GROUP is the render bench's group: `page` (default), the page with
# characters to escape, or `page-clean`, the same page without any.
set -euo pipefail
cd "$(dirname "$0")/.."
group="${1:-page}"
case "$group" in page | page-clean) ;; *) echo "GROUP is page or page-clean" >&2; exit 2 ;; esac
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install -y valgrind)" >&2; exit 2; }
bin=$(cargo bench --bench render --no-run --message-format=json 2>/dev/null |
  grep -o '"executable":"[^"]*render-[^"]*"' | head -1 | cut -d'"' -f4)
out=$(mktemp -d)
declare -A per_call
for name in uihook sailfish maud; do
  valgrind --tool=callgrind --callgrind-out-file="$out/$name" \
    --toggle-collect="render::page::with_$name" "$bin" --bench --profile-time 1 "$group/$name" >/dev/null 2>&1
  total=$(awk '/^totals:/ {print $2}' "$out/$name")
  id=$(grep -oE "^c?fn=\([0-9]+\) render::page::with_$name\$" "$out/$name" | grep -oE '\([0-9]+\)' | head -1)
  # Sum the `calls=` lines that follow each call of the function.
  calls=$(awk -v id="cfn=$id" '/^cfn=/ {hit = (index($0, id) == 1); next}
    /^calls=/ && hit {split($1, a, "="); s += a[2]} {hit = 0} END {print s}' "$out/$name")
  per_call[$name]=$((total / calls))
  printf '%-9s %8d instructions per render (%d renders)\n' "$name" "${per_call[$name]}" "$calls"
done
awk -v u="${per_call[uihook]}" -v s="${per_call[sailfish]}" -v m="${per_call[maud]}" 'BEGIN {
  printf "uihook/sailfish %.2f   maud/uihook %.2f\n", u / s, m / u }'
rm -r "$out"
