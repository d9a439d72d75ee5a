#!/usr/bin/env bash
# Times roles-lint on generated clean handbooks of 1,000 and 10,000 pages, and --fix on a
# 10,000-page handbook with defects.
#
# Prints, per size: hyperfine's wall-clock figures, the peak memory (GNU time's maximum
# resident set size) and the phase breakdown of `--timings`, so the overhead over reading
# and parsing is visible.
#
# Needs: cargo, python3, hyperfine and GNU time (installed with apt-get when missing).
# The generator lives in ../shared/bench/ (override with GEN=path/to/gen_handbook.py).
# Usage: bench/run.sh [PAGES...]        (default: 1000 10000)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
gen=${GEN:-$repo/../shared/bench/gen_handbook.py}
out=$here/out
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

if ! command -v hyperfine >/dev/null || [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null
fi
[ -f "$gen" ] || { echo "generator not found: $gen" >&2; exit 2; }

cargo build --release --locked --quiet --manifest-path "$repo/Cargo.toml"
bin=$repo/target/release/roles-lint
mkdir -p "$out"

for pages in "${sizes[@]}"; do
  dir=$out/hb-$pages
  if [ ! -f "$dir/.gen_handbook" ]; then
    python3 "$gen" "$dir" --pages "$pages" --force >/dev/null
  fi
  size=$(find "$dir" -name '*.md' -printf '%s\n' | awk '{s += $1} END {print s}')
  echo "== $pages pages, $((size / 1000 / 1000)) MB of Markdown ($(nproc) cores)"
  "$bin" --quiet "$dir" || { echo "the clean handbook has findings" >&2; exit 1; }
  hyperfine --warmup 1 --runs 10 --style basic "$bin --quiet $dir"
  peak_kib=$(/usr/bin/time -f "%M" "$bin" --quiet "$dir" 2>&1 >/dev/null | tail -n 1)
  echo "peak memory: $((peak_kib / 1024)) MiB, $(awk -v p="$peak_kib" -v s="$size" \
    'BEGIN {printf "%.2f", p * 1024 / s}')x the Markdown (aim: at most 2.5x)"
  echo "phases (one run):"
  "$bin" --quiet --timings "$dir" 2>&1 >/dev/null | tee "$out/timings" | sed 's/^/  /'
  awk '/read\+parse:/ {rp = $2} /total:/ {t = $2}
    END {printf "  whole run / read+parse: %.2f (aim: at most 2)\n", t / rp}' "$out/timings"
done

# --fix on a handbook with defects on 10% of its pages, against a plain run of the same
# handbook (aim: at most 1.5 times). Each timed run starts from the defective pages: they
# are copied over the working copy, not into a new one, so that the file system is not
# still reclaiming 10,000 pages deleted a moment before while --fix creates its
# temporary files (on ext4 that alone doubled the write phase).
fix_pages=${FIX_PAGES:-10000}
defective=$out/hb-$fix_pages-defects
if [ ! -f "$defective/.gen_handbook" ]; then
  python3 "$gen" "$defective" --pages "$fix_pages" --defects 0.1 --force >/dev/null
fi
work=$out/fix-work
echo "== --fix on $fix_pages pages with defects on 10% of them"
rm -rf "$work" && cp -r "$defective" "$work"
hyperfine --warmup 1 --runs 5 --style basic --ignore-failure \
  --prepare "cp -r $defective/. $work/ && sync" \
  --export-json "$out/fix.json" \
  --command-name "plain run" "$bin --quiet $work" \
  --command-name "fix" "$bin --quiet --fix $work"
python3 -c 'import json, sys
runs = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
print("  --fix / plain run: %.2f (aim: at most 1.5)" % (runs["fix"] / runs["plain run"]))' "$out/fix.json"
echo "phases of one --fix run:"
cp -r "$defective/." "$work/" && sync
# Exit code 1 is expected: the handbook keeps findings that have no fix.
status=0
"$bin" --quiet --fix --timings "$work" 2>&1 >/dev/null | sed 's/^/  /' || status=$?
rm -rf "$work"
[ "$status" -le 1 ] || { echo "--fix failed with exit code $status" >&2; exit "$status"; }
