#!/usr/bin/env bash
# Builds the same N journeys with waymark and with Hugo (Debian's `hugo`
# package), alternating runs, and prints the median time of each and the
# ratios the speed bars are set in (issue 16):
#
#   cold         waymark with an empty build cache, against Hugo on the
#                same Markdown with a bare layout, and against Hugo
#                rendering a comparable map (/work/shared/bench/hugo-rich,
#                or $HUGO_RICH) from the same journey files
#   no change    waymark again, nothing changed, against bare Hugo
#   one edit     waymark after one journey's title changed, against bare
#                Hugo
#
#   bench/vs-hugo.sh [N] [runs]      # default: 2000 journeys, 3 runs each
#
# Hugo has no build cache to speak of for this work (it renders every page
# on every build), so its cold time is what it takes every time. Every
# waymark build writes into a new folder that replaces the last, as a
# user's would; its output is checked against a build without the cache.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
runs=${2:-3}
rich_src=${HUGO_RICH:-/work/shared/bench/hugo-rich}
command -v hugo >/dev/null || { echo "needs hugo: apt-get install hugo" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
[ -f "$rich_src/hugo.toml" ] || { echo "needs the comparable Hugo layout: set HUGO_RICH to a copy of hugo-rich" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/waymark" ./cmd/waymark
go run ./cmd/waymark-corpus -journeys "$n" -out "$work/site" -hugo "$work/hugo" >/dev/null
cp -r "$rich_src" "$work/rich"
# The corpus writes some stages' thinking as one string, as the content
# format allows, where the layout ranges over a list.
sed -i 's/{{ range \.thinking }}<li>{{ \. }}<\/li>{{ end }}/{{ with .thinking }}{{ if reflect.IsSlice . }}{{ range . }}<li>{{ . }}<\/li>{{ end }}{{ else }}<li>{{ . }}<\/li>{{ end }}{{ end }}/' "$work/rich/layouts/_default/single.html"
mkdir -p "$work/rich/content/journeys"
cp -r "$work/site/content/journeys/." "$work/rich/content/journeys/"
edited=$(find "$work/site/content/journeys" -name '*.md' | sort | sed -n 1p) # sed reads it all: head would end sort with SIGPIPE, and pipefail the script

measure() { # file, command...: appends "seconds peak-KB" to file
  local file=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/time" >>"$file"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wm=("$work/waymark" build -s "$work/site" -d "$work/out-w")

: >"$work/cold"; : >"$work/same"; : >"$work/edit"; : >"$work/bare"; : >"$work/rich-t"
for i in $(seq "$runs"); do
  # Removing the previous output and cache is not building: outside the
  # timing.
  rm -rf "$work/out-w" "$work/site/.waymark-cache" "$work/out-h" "$work/out-r"
  measure "$work/cold" "${wm[@]}"
  measure "$work/bare" hugo --quiet -s "$work/hugo" -d "$work/out-h"
  measure "$work/rich-t" hugo --quiet -s "$work/rich" -d "$work/out-r"
  measure "$work/same" "${wm[@]}"
  sed -i "0,/^title *= *\"/s//title = \"Edited $i: /" "$edited"
  measure "$work/edit" "${wm[@]}"
  echo "run $i: waymark cold $(tail -1 "$work/cold" | cut -d' ' -f1) s, no change $(tail -1 "$work/same" | cut -d' ' -f1) s, one edit $(tail -1 "$work/edit" | cut -d' ' -f1) s; hugo bare $(tail -1 "$work/bare" | cut -d' ' -f1) s, rich $(tail -1 "$work/rich-t" | cut -d' ' -f1) s" >&2
done

# The last warm build must be the site a build without the cache makes.
"$work/waymark" build -s "$work/site" -d "$work/out-cold" --no-cache >/dev/null
diff -r -q "$work/out-w" "$work/out-cold" >&2 || { echo "the cached build differs from a cold one" >&2; exit 1; }

t() { cut -d' ' -f1 "$work/$1" | median; }
m() { echo $(( $(cut -d' ' -f2 "$work/$1" | median) / 1024 )); }
cold=$(t cold); same=$(t same); edit=$(t edit); bare=$(t bare); rich=$(t rich-t)
echo "journeys: $n, runs: $runs, cores: $(nproc), hugo $(hugo version | cut -d' ' -f2)"
printf "waymark cold:       %6.2f s  %5d MB peak  %.2f× bare Hugo, %.2f× Hugo with a comparable layout (bar 0.8×)\n" "$cold" "$(m cold)" "$(echo "$cold $bare" | awk '{print $1/$2}')" "$(echo "$cold $rich" | awk '{print $1/$2}')"
printf "waymark no change:  %6.2f s  %5d MB peak  %.2f× bare Hugo (bar 0.5×)\n" "$same" "$(m same)" "$(echo "$same $bare" | awk '{print $1/$2}')"
printf "waymark one edit:   %6.2f s  %5d MB peak  %.2f× bare Hugo (bar 1.0×)\n" "$edit" "$(m edit)" "$(echo "$edit $bare" | awk '{print $1/$2}')"
printf "hugo bare:          %6.2f s  %5d MB peak\n" "$bare" "$(m bare)"
printf "hugo comparable:    %6.2f s  %5d MB peak\n" "$rich" "$(m rich-t)"
