#!/usr/bin/env bash
# Regenerates every sample CV PDF in samples/cvs/ from the sources in samples/src/.
#
#   latex/*.tex         -> pdfLaTeX
#   libreoffice/*.fodt  -> LibreOffice Writer (flat ODT)
#   libreoffice/*.html  -> LibreOffice Writer (HTML import)
#   chromium/*.html     -> headless Chromium (print to PDF)
#
# All work happens in a temporary build directory (LaTeX aux files, LibreOffice and
# Chromium profiles, font caches); only the finished PDFs are copied into samples/cvs/.
# Usage: samples/src/render.sh            (no arguments)
# Env:   CHROMIUM=/path/to/chrome         (optional; default: chromium, chromium-browser, google-chrome)
#        SOURCE_DATE_EPOCH=<seconds>      (optional; fixed default for reproducible LaTeX output)
set -euo pipefail

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$(cd "$SRC/.." && pwd)/cvs"

die() { echo "render.sh: $*" >&2; exit 1; }
need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found. $2"
}

need pdflatex "Install TeX Live (e.g. apt-get install texlive-latex-recommended texlive-latex-extra lmodern)."
need soffice "Install LibreOffice Writer (e.g. apt-get install libreoffice-writer)."
need pdfinfo "Install poppler-utils (used to check the output)."
need pdftotext "Install poppler-utils (used to check the output)."
if [[ -z "${CHROMIUM:-}" ]]; then
  for c in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$c" >/dev/null 2>&1; then CHROMIUM="$c"; break; fi
  done
fi
[[ -n "${CHROMIUM:-}" ]] && command -v "$CHROMIUM" >/dev/null 2>&1 \
  || die "Chromium not found. Install chromium or set CHROMIUM=/path/to/chrome."
for sty in lmodern.sty helvet.sty paracol.sty enumitem.sty titlesec.sty tabularx.sty hyperref.sty; do
  kpsewhich "$sty" >/dev/null 2>&1 || die "LaTeX package '$sty' not found (install texlive-latex-extra / lmodern)."
done

BUILD="$(mktemp -d "${TMPDIR:-/tmp}/cvmatch-samples.XXXXXX")"
trap 'rm -rf "$BUILD"' EXIT

# Reproducibility where it is cheap: fixed dates for pdfTeX, UTC, private caches.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1735689600}"   # 2025-01-01T00:00:00Z
export FORCE_SOURCE_DATE=1
export TZ=UTC
export TEXMFVAR="$BUILD/texmf-var"
export HOME="$BUILD/home"    # keeps LibreOffice/Chromium/fontconfig state out of the real home
mkdir -p "$HOME" "$BUILD/pdf"

mkdir -p "$OUT"
rm -f "$OUT"/*.pdf

# --- pdfLaTeX ---------------------------------------------------------------------
mkdir -p "$BUILD/latex"
cp "$SRC"/latex/*.tex "$BUILD/latex/"
for tex in "$BUILD"/latex/*.tex; do
  name="$(basename "$tex" .tex)"
  echo "pdflatex    $name"
  # Twice, so hyperref bookmarks (.out) are stable.
  for _ in 1 2; do
    ( cd "$BUILD/latex" && pdflatex -interaction=nonstopmode -halt-on-error "$name.tex" >"$name.console" 2>&1 ) \
      || { tail -n 30 "$BUILD/latex/$name.log" >&2; die "pdflatex failed on $name.tex"; }
  done
  cp "$BUILD/latex/$name.pdf" "$BUILD/pdf/"
done

# --- LibreOffice ------------------------------------------------------------------
LO_PROFILE="file://$BUILD/lo-profile"
mkdir -p "$BUILD/lo"
shopt -s nullglob
fodts=("$SRC"/libreoffice/*.fodt)
htmls=("$SRC"/libreoffice/*.html)
if ((${#fodts[@]})); then
  for f in "${fodts[@]}"; do echo "libreoffice $(basename "$f")"; done
  soffice -env:UserInstallation="$LO_PROFILE" --headless --norestore \
    --convert-to pdf:writer_pdf_Export --outdir "$BUILD/lo" "${fodts[@]}" >"$BUILD/lo/fodt.log" 2>&1 \
    || { cat "$BUILD/lo/fodt.log" >&2; die "LibreOffice failed on .fodt sources"; }
fi
if ((${#htmls[@]})); then
  for f in "${htmls[@]}"; do echo "libreoffice $(basename "$f")"; done
  # Import HTML into Writer proper (not Writer/Web) so page size and margins apply.
  soffice -env:UserInstallation="$LO_PROFILE" --headless --norestore \
    --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export --outdir "$BUILD/lo" "${htmls[@]}" \
    >"$BUILD/lo/html.log" 2>&1 \
    || { cat "$BUILD/lo/html.log" >&2; die "LibreOffice failed on .html sources"; }
fi
for f in "${fodts[@]}" "${htmls[@]}"; do
  name="$(basename "${f%.*}")"
  [[ -f "$BUILD/lo/$name.pdf" ]] || { cat "$BUILD"/lo/*.log >&2; die "LibreOffice produced no PDF for $(basename "$f")"; }
  cp "$BUILD/lo/$name.pdf" "$BUILD/pdf/"
done

# --- Chromium ---------------------------------------------------------------------
mkdir -p "$BUILD/chromium"
cp "$SRC"/chromium/*.html "$SRC"/chromium/*.css "$BUILD/chromium/"
for html in "$BUILD"/chromium/*.html; do
  name="$(basename "$html" .html)"
  echo "chromium    $name"
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$BUILD/chrome-profile" --no-pdf-header-footer \
    --print-to-pdf="$BUILD/chromium/$name.pdf" "file://$html" >"$BUILD/chromium/$name.log" 2>&1 \
    || { cat "$BUILD/chromium/$name.log" >&2; die "Chromium failed on $name.html"; }
  [[ -s "$BUILD/chromium/$name.pdf" ]] || die "Chromium produced no PDF for $name.html"
  cp "$BUILD/chromium/$name.pdf" "$BUILD/pdf/"
done

# --- Normalise volatile metadata ----------------------------------------------------
# LibreOffice and Chromium stamp the current time (and LibreOffice a random /ID and a
# checksum over it) into the PDF. Overwrite those with fixed values of the same length,
# so byte offsets stay valid and re-running this script does not churn the PDFs in git.
# Page content is untouched. Skipped (with a note) when python3 is missing.
if command -v python3 >/dev/null 2>&1; then
  python3 - "$BUILD"/pdf/*.pdf <<'PY'
import hashlib, os, re, sys, time
stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(int(os.environ["SOURCE_DATE_EPOCH"]))).encode()
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    seed = hashlib.md5(os.path.basename(path).encode()).hexdigest().upper().encode()
    def fixed_hex(m):
        h = m.group(0)
        return (seed * (len(h) // len(seed) + 1))[: len(h)]
    data = re.sub(rb"(?<=/CreationDate)\s*\(D:\d{14}", lambda m: m.group(0)[:-14] + stamp, data)
    data = re.sub(rb"(?<=/ModDate)\s*\(D:\d{14}", lambda m: m.group(0)[:-14] + stamp, data)
    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]",
                  lambda m: re.sub(rb"[0-9A-Fa-f]{16,}", fixed_hex, m.group(0)), data)
    data = re.sub(rb"(?<=/DocChecksum /)[0-9A-Fa-f]+", fixed_hex, data)
    open(path, "wb").write(data)
PY
else
  echo "render.sh: python3 not found; LibreOffice/Chromium PDFs keep their build timestamps" >&2
fi

# --- Check and publish ------------------------------------------------------------
status=0
for pdf in "$BUILD"/pdf/*.pdf; do
  name="$(basename "$pdf")"
  pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
  words="$(pdftotext "$pdf" - | wc -w)"
  size="$(wc -c <"$pdf")"
  if ((words < 150)); then echo "render.sh: $name has only $words words of text" >&2; status=1; fi
  if command -v pdffonts >/dev/null 2>&1 && pdffonts "$pdf" | grep -q 'Type 3'; then
    echo "render.sh: warning: $name contains a Type 3 (bitmap) font" >&2
  fi
  printf '%-28s %d page(s) %6d words %7d bytes\n' "$name" "$pages" "$words" "$size"
  cp "$pdf" "$OUT/"
done

# expected.csv must name every PDF exactly once.
if [[ -f "$OUT/expected.csv" ]]; then
  missing="$(comm -3 <(tail -n +2 "$OUT/expected.csv" | cut -d, -f1 | sort) <(cd "$OUT" && ls -1 *.pdf | sort))"
  if [[ -n "$missing" ]]; then echo "render.sh: expected.csv and the PDFs disagree:" >&2; echo "$missing" >&2; status=1; fi
fi
echo "Wrote $(ls -1 "$OUT"/*.pdf | wc -l) PDFs to $OUT"
exit $status
