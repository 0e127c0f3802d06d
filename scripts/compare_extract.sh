#!/usr/bin/env bash
# Compare cvmatch's PDF text extraction with pdftotext, file by file.
#
# Usage: scripts/compare_extract.sh [FOLDER] [TEXTCMP]
#   FOLDER   folder searched recursively for *.pdf (default: ../shared/corpus/cv-pdfs)
#   TEXTCMP  path to textcmp.py (default: ../shared/tools/textcmp.py)
#
# For every PDF it writes pdftotext's text (the reference) and ours (from
# `cargo run --release --example extract -- --out`) to a temporary folder, runs
# textcmp.py on the pair and prints "word_f1 bigram_f1 ref_words hyp_words file",
# worst bigram F1 first, then the means. Nothing is written into the repository and
# no extracted text is printed (the corpus holds real people's CVs).
# Needs: pdftotext (apt-get install poppler-utils poppler-data), python3, cargo.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
folder="${1:-$here/../shared/corpus/cv-pdfs}"
textcmp="${2:-$here/../shared/tools/textcmp.py}"
command -v pdftotext >/dev/null || { echo "pdftotext not found (apt-get install poppler-utils)" >&2; exit 2; }
[ -d "$folder" ] || { echo "no such folder: $folder" >&2; exit 2; }
[ -f "$textcmp" ] || { echo "textcmp.py not found: $textcmp" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/ours" "$tmp/ref"

mapfile -d '' pdfs < <(find "$folder" -type f -iname '*.pdf' -print0 | sort -z)
[ "${#pdfs[@]}" -gt 0 ] || { echo "no PDFs under $folder" >&2; exit 2; }

(cd "$here" && cargo run -q --release --example extract -- --out "$tmp/ours" "${pdfs[@]}" >/dev/null)

for pdf in "${pdfs[@]}"; do
  name="$(basename "$pdf")"
  ours="$tmp/ours/$name.txt"
  ref="$tmp/ref/$name.txt"
  pdftotext -enc UTF-8 "$pdf" "$ref" 2>/dev/null || : > "$ref"
  [ -f "$ours" ] || : > "$ours"
  printf '%s %s\n' "$(python3 "$textcmp" "$ref" "$ours")" "${pdf#"$folder"/}"
done | sort -k2,2n | tee "$tmp/table" 
awk '{w+=$1; b+=$2; n++} END {if (n) printf "mean word_f1 %.4f  bigram_f1 %.4f  files %d\n", w/n, b/n, n}' "$tmp/table"
