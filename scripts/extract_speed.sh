#!/usr/bin/env bash
# The extraction speed bar of issue #3, measured in one hyperfine run:
#   cvmatch extract --out-dir over a folder of PDFs with the default --jobs (all cores),
#   the same with --jobs 1, and a shell loop running pdftotext once per file.
#
# Usage: scripts/extract_speed.sh [FOLDER] [RUNS]
#   FOLDER  default ../shared/corpus/cv-pdfs
#   RUNS    hyperfine runs per command (default 10, plus 2 warm-ups)
# Needs: hyperfine, pdftotext, pdfinfo (apt-get install hyperfine poppler-utils).
# Prints hyperfine's table, the ratios and ms/page. Writes only to a temporary folder.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
folder="$(cd "${1:-$here/../shared/corpus/cv-pdfs}" && pwd)"
runs="${2:-10}"
for tool in hyperfine pdftotext pdfinfo; do
  command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install hyperfine poppler-utils)" >&2; exit 2; }
done

(cd "$here" && cargo build -q --release)
bin="${CARGO_TARGET_DIR:-$here/target}/release/cvmatch"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/poppler"
cat > "$tmp/loop.sh" <<LOOP
i=0
find "$folder" -type f -iname '*.pdf' | sort | while read -r f; do
  i=\$((i+1)); pdftotext -enc UTF-8 "\$f" "$tmp/poppler/\$i.txt"
done
LOOP

files=$(find "$folder" -type f -iname '*.pdf' | wc -l)
pages=$(find "$folder" -type f -iname '*.pdf' -print0 \
  | xargs -0 -n1 pdfinfo 2>/dev/null | awk '/^Pages:/ {s += $2} END {print s + 0}')
echo "folder: $folder ($files PDFs, $pages pages); load: $(cut -d' ' -f1-3 /proc/loadavg)"

hyperfine -N -w 2 -r "$runs" --export-json "$tmp/h.json" --export-markdown "$tmp/h.md" \
  -n 'cvmatch default jobs' "$bin extract $folder --out-dir $tmp/all" \
  -n 'cvmatch --jobs 1' "$bin extract $folder --out-dir $tmp/one --jobs 1" \
  -n 'pdftotext loop' "bash $tmp/loop.sh" >/dev/null
cat "$tmp/h.md"
python3 - "$tmp/h.json" "$pages" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
pages = int(sys.argv[2]) or 1
loop = r["pdftotext loop"]
for name in ("cvmatch default jobs", "cvmatch --jobs 1", "pdftotext loop"):
    print(f"{name}: {r[name] * 1000 / pages:.2f} ms/page, {loop / r[name]:.2f}x the pdftotext loop's speed")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
