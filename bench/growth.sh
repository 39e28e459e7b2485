#!/usr/bin/env bash
# Checks that a cold build grows linearly with the site: builds N/5 and N
# journeys (default 2,000 and 10,000) without the build cache, alternating
# runs, and prints the median time of each and their ratio, and the same
# of the CPU time they use. Issue 16's bar
# is N ≤ 5.5 × N/5.
#
#   bench/growth.sh [N] [runs]       # default: 10000 journeys, 3 runs each
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-3}
small=$((n / 5))
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/waymark" ./cmd/waymark
go run ./cmd/waymark-corpus -journeys "$small" -out "$work/small" >/dev/null
go run ./cmd/waymark-corpus -journeys "$n" -out "$work/big" >/dev/null

measure() { # file, site: appends "seconds peak-KB cpu-seconds" to file
  rm -rf "$work/out"
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$work/waymark" build --no-cache -s "$2" -d "$work/out" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  awk '{print $1, $2, $3 + $4}' "$work/time" >>"$1"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: >"$work/t-small"; : >"$work/t-big"
for i in $(seq "$runs"); do
  measure "$work/t-small" "$work/small"
  measure "$work/t-big" "$work/big"
  echo "run $i: $small journeys $(tail -1 "$work/t-small" | cut -d' ' -f1) s, $n journeys $(tail -1 "$work/t-big" | cut -d' ' -f1) s" >&2
done
ts=$(cut -d' ' -f1 "$work/t-small" | median)
tb=$(cut -d' ' -f1 "$work/t-big" | median)
cs=$(cut -d' ' -f3 "$work/t-small" | median)
cb=$(cut -d' ' -f3 "$work/t-big" | median)
echo "cores: $(nproc), runs: $runs"
printf "%6d journeys: %6.2f s  %5d MB peak  %6.2f s CPU\n" "$small" "$ts" "$(( $(cut -d' ' -f2 "$work/t-small" | median) / 1024 ))" "$cs"
printf "%6d journeys: %6.2f s  %5d MB peak  %6.2f s CPU\n" "$n" "$tb" "$(( $(cut -d' ' -f2 "$work/t-big" | median) / 1024 ))" "$cb"
printf "growth: %.2f× the time for 5× the journeys (bar 5.5×)\n" "$(echo "$tb $ts" | awk '{print $1/$2}')"
# On a shared machine the wall times swing with the neighbours; the CPU
# the builds use (user and system) swings less, and says whether the work
# itself grows linearly.
printf "        %.2f× the CPU time\n" "$(echo "$cb $cs" | awk '{print $1/$2}')"
