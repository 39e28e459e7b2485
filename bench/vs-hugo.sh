#!/usr/bin/env bash
# Builds the same N journeys with waymark and with Hugo (Debian's `hugo`
# package), alternating runs, and prints the median time and peak memory
# of each and their ratio.
#
#   bench/vs-hugo.sh [N] [runs]      # default: 2000 journeys, 3 runs each
#
# The corpus comes from cmd/waymark-corpus: N journeys for waymark, and
# the same Markdown bodies as a plain Hugo site with a bare layout.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
runs=${2:-3}
command -v hugo >/dev/null || { echo "needs hugo: apt-get install hugo" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/waymark" ./cmd/waymark
go run ./cmd/waymark-corpus -journeys "$n" -out "$work/site" -hugo "$work/hugo" >/dev/null

measure() { # label, command...: prints "seconds peak-KB"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1
  cat "$work/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: >"$work/w"; : >"$work/h"
for i in $(seq "$runs"); do
  # Both start from an empty destination, outside the timing: removing
  # the previous run's output is not building.
  rm -rf "$work/out-w" "$work/out-h"
  measure waymark "$work/waymark" build -s "$work/site" -d "$work/out-w" >>"$work/w"
  measure hugo hugo --quiet -s "$work/hugo" -d "$work/out-h" >>"$work/h"
  echo "run $i: waymark $(tail -1 "$work/w" | cut -d' ' -f1) s, hugo $(tail -1 "$work/h" | cut -d' ' -f1) s" >&2
done

wt=$(cut -d' ' -f1 "$work/w" | median); wm=$(cut -d' ' -f2 "$work/w" | median)
ht=$(cut -d' ' -f1 "$work/h" | median); hm=$(cut -d' ' -f2 "$work/h" | median)
echo "journeys: $n, runs: $runs, cores: $(nproc)"
printf "waymark: %6.2f s  %5d MB peak\n" "$wt" $((wm / 1024))
printf "hugo:    %6.2f s  %5d MB peak  (%s)\n" "$ht" $((hm / 1024)) "$(hugo version | cut -d' ' -f2)"
awk -v w="$wt" -v h="$ht" -v wm="$wm" -v hm="$hm" 'BEGIN { printf "ratio:   %.2f× the time, %.2f× the memory (≤ 1.0 is the bar)\n", w / h, wm / hm }'
