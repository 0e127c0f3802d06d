#!/usr/bin/env bash
# End-to-end wall-clock benchmarks of the release `cvmatch` binary.
#
# Usage: scripts/bench.sh [--runs N] [--no-scale] [--no-corpus]
#
#   --runs N      timed runs per command (default 5; the NHS-scale batch uses
#                 min(N, 3) because one run takes a while)
#   --no-scale    skip the NHS-scale run (indexing 14,842 postings)
#   --no-corpus   skip the ../shared/corpus CV-PDF extraction comparison
#
# What it measures (each figure is printed with the exact command):
#
#   1. `cvmatch batch samples/cvs --index TMP`   (warm index of the 15 sample roles)
#   2. `cvmatch extract samples/cvs --out-dir TMP`
#   3. if ../shared/corpus/cv-pdfs exists: `cvmatch extract <corpus> --out-dir TMP`
#      with `--jobs 1` and default jobs, against a shell loop of
#      `pdftotext -enc UTF-8` per file (poppler-utils); prints the time ratios.
#   4. if ../shared/corpus/jobs/nhs-jobs/nhs_jobs.jsonl.gz exists: index it
#      (`cvmatch index --roles ... --index TMP`, timed once) and time
#      `cvmatch batch samples/cvs --index TMP` against those 14,842 roles (default
#      jobs and --jobs 1), `cvmatch match <one CV>` (the fixed cost of opening the
#      index and profiling every role) and `cvmatch roles` (opening alone).
#
# Timing uses hyperfine when installed (mean ± σ over --runs, 1 warm-up run);
# otherwise (or with HYPERFINE= set empty) `/usr/bin/time` per run. Max RSS always comes from one extra run under
# `/usr/bin/time` (GNU time, `-f %M`; kilobytes). The release binary is built with
# `cargo build --release` (honours CARGO_TARGET_DIR). Everything is written in a
# temporary directory that is removed on exit; extracted corpus text is never
# printed.
set -euo pipefail

RUNS=5
SCALE=1
CORPUS_RUN=1
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --no-scale) SCALE=0; shift ;;
        --no-corpus) CORPUS_RUN=0; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
ROOT=$PWD
CORPUS="$ROOT/../shared/corpus"
CV_CORPUS="$CORPUS/cv-pdfs"
NHS="$CORPUS/jobs/nhs-jobs/nhs_jobs.jsonl.gz"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$TARGET/release/cvmatch"

TMP=$(mktemp -d -t cvmatch-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

if [ ! -x /usr/bin/time ]; then
    echo "GNU time (/usr/bin/time) is needed for max RSS: apt-get install -y time" >&2
    exit 1
fi
# HYPERFINE= (empty) forces the /usr/bin/time fallback.
HYPERFINE=${HYPERFINE-$(command -v hyperfine || true)}

echo "== machine"
echo "date:   $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "nproc:  $(nproc)"
echo "rustc:  $(rustc --version)"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg)"
echo "timer:  ${HYPERFINE:-/usr/bin/time (hyperfine not installed)}"

echo "== build"
cargo build --release --bin cvmatch
echo "binary: $BIN"

# max_rss LABEL CMD...: one run under GNU time; prints wall time and max RSS.
max_rss() {
    local label="$1"; shift
    /usr/bin/time -f '%e %M' -o "$TMP/rss" "$@" >/dev/null 2>&1 || true
    # On a non-zero exit GNU time writes a status line first: keep the last line.
    local out
    out=$(tail -n1 "$TMP/rss")
    read -r wall rss <<<"$out"
    printf '%-34s one run: %6.2f s wall, max RSS %s MiB\n' \
        "$label" "$wall" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"
}

# timeit LABEL RUNS CMD...: mean wall time (hyperfine, or GNU time per run).
# Exit codes are ignored (`extract` exits 1 when some corpus PDF fails).
timeit() {
    local label="$1" runs="$2"; shift 2
    echo "-- $label"
    echo "   \$ $*"
    if [ -n "$HYPERFINE" ]; then
        local json="$TMP/$label.json"
        "$HYPERFINE" --shell=none --ignore-failure --warmup 1 --runs "$runs" \
            --style basic --export-json "$json" -n "$label" "$(printf '%q ' "$@")" \
            | sed 's/^/   /'
    else
        local i sum=0 t
        for ((i = 0; i < runs; i++)); do
            /usr/bin/time -f '%e' -o "$TMP/t" "$@" >/dev/null 2>&1 || true
            t=$(tail -n1 "$TMP/t")
            sum=$(awk -v a="$sum" -v b="$t" 'BEGIN { print a + b }')
        done
        printf '   mean %.3f s over %d runs (/usr/bin/time)\n' \
            "$(awk -v s="$sum" -v n="$runs" 'BEGIN { print s / n }')" "$runs"
        echo "{\"results\":[{\"mean\":$(awk -v s="$sum" -v n="$runs" 'BEGIN { print s / n }')}]}" \
            >"$TMP/$label.json"
    fi
    max_rss "   $label" "$@"
}

# mean_of LABEL [FIELD]: a statistic (default mean; hyperfine also records
# user and system) in seconds, as recorded by timeit; 0 when absent.
mean_of() {
    local field="${2:-mean}"
    if command -v jq >/dev/null; then
        jq -r ".results[0].$field // 0" "$TMP/$1.json"
    else
        { grep -o "\"$field\": *[0-9.e-]*" "$TMP/$1.json" || echo ': 0'; } | head -n1 | sed 's/.*: *//'
    fi
}

per() { # per SECONDS COUNT -> milliseconds per item
    awk -v s="$1" -v n="$2" 'BEGIN { printf "%.1f", 1000 * s / n }'
}

n_samples=$(find samples/cvs -name '*.pdf' | wc -l)

echo
echo "== sample CVs ($n_samples PDFs; index of the default roles, samples/roles from the crate root)"
"$BIN" index --index "$TMP/idx" >/dev/null
timeit batch-samples "$RUNS" "$BIN" batch samples/cvs --index "$TMP/idx"
echo "   => $(per "$(mean_of batch-samples)" "$n_samples") ms per CV (end to end, incl. start-up)"
timeit extract-samples "$RUNS" "$BIN" extract samples/cvs --out-dir "$TMP/out-samples"
echo "   => $(per "$(mean_of extract-samples)" "$n_samples") ms per CV"

if [ "$CORPUS_RUN" = 1 ] && [ -d "$CV_CORPUS" ]; then
    if ! command -v pdftotext >/dev/null; then
        echo "installing poppler-utils for pdftotext"
        apt-get install -y poppler-utils poppler-data >/dev/null
    fi
    mapfile -t corpus_pdfs < <(find "$CV_CORPUS" -type f -iname '*.pdf' | sort)
    n_corpus=${#corpus_pdfs[@]}
    # Pages per poppler, for ms per page.
    pages=0
    for f in "${corpus_pdfs[@]}"; do
        p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }' || true)
        pages=$((pages + ${p:-0}))
    done
    # The reference: one pdftotext process per file, sequential.
    cat >"$TMP/pdftotext-loop.sh" <<EOF
#!/usr/bin/env bash
mkdir -p "$TMP/out-poppler"
i=0
find "$CV_CORPUS" -type f -iname '*.pdf' -print0 | sort -z |
while IFS= read -r -d '' f; do
    i=\$((i + 1))
    pdftotext -enc UTF-8 "\$f" "$TMP/out-poppler/\$i.txt" 2>/dev/null || true
done
EOF
    chmod +x "$TMP/pdftotext-loop.sh"
    echo
    echo "== CV corpus ($n_corpus PDFs, $pages pages per pdfinfo)"
    timeit corpus-jobs1 "$RUNS" "$BIN" extract "$CV_CORPUS" --out-dir "$TMP/out-c1" --jobs 1
    timeit corpus-default "$RUNS" "$BIN" extract "$CV_CORPUS" --out-dir "$TMP/out-cd"
    echo "-- pdftotext-loop: the loop is in $TMP/pdftotext-loop.sh:"
    sed 's/^/   | /' "$TMP/pdftotext-loop.sh"
    timeit pdftotext-loop "$RUNS" bash "$TMP/pdftotext-loop.sh"
    j1=$(mean_of corpus-jobs1); jd=$(mean_of corpus-default); pt=$(mean_of pdftotext-loop)
    echo "   => cvmatch --jobs 1:  $(per "$j1" "$n_corpus") ms per PDF, $(per "$j1" "$pages") ms per page"
    echo "   => cvmatch default:   $(per "$jd" "$n_corpus") ms per PDF, $(per "$jd" "$pages") ms per page"
    echo "   => pdftotext loop:    $(per "$pt" "$n_corpus") ms per PDF, $(per "$pt" "$pages") ms per page"
    awk -v a="$j1" -v b="$pt" 'BEGIN { printf "   => ratio cvmatch --jobs 1 / pdftotext loop: %.2f\n", a / b }'
    awk -v a="$jd" -v b="$pt" 'BEGIN { printf "   => ratio cvmatch default  / pdftotext loop: %.2f\n", a / b }'
else
    echo
    echo "== CV corpus: skipped ($CV_CORPUS not found or --no-corpus)"
fi

if [ "$SCALE" = 1 ] && [ -f "$NHS" ]; then
    echo
    echo "== NHS scale (14,842 postings)"
    echo "-- index-nhs (one run)"
    echo "   \$ $BIN index --roles $NHS --index $TMP/nhs"
    max_rss "   index-nhs" "$BIN" index --roles "$NHS" --index "$TMP/nhs"
    du -sh "$TMP/nhs" | awk '{ print "   index size on disk: " $1 }'
    scale_runs=$((RUNS < 3 ? RUNS : 3))
    timeit batch-nhs "$scale_runs" "$BIN" batch samples/cvs --index "$TMP/nhs"
    echo "   => $(per "$(mean_of batch-nhs)" "$n_samples") ms per CV against 14,842 roles"
    timeit batch-nhs-jobs1 "$scale_runs" "$BIN" batch samples/cvs --index "$TMP/nhs" --jobs 1
    echo "   => $(per "$(mean_of batch-nhs-jobs1)" "$n_samples") ms per CV against 14,842 roles (--jobs 1)"
    # One CV: the fixed cost (open the index, analyse every role once in
    # Matcher::new) plus a single score; batch minus this is the per-CV part.
    first_cv=$(find samples/cvs -name '*.pdf' | sort | head -n1)
    timeit match-nhs "$scale_runs" "$BIN" match "$first_cv" --index "$TMP/nhs"
    awk -v b="$(mean_of batch-nhs)" -v m="$(mean_of match-nhs)" \
        -v bu="$(mean_of batch-nhs user)" -v mu="$(mean_of match-nhs user)" -v n="$n_samples" \
        'BEGIN { printf "   => fixed cost ~%.2f s wall (%.2f s user); (batch - match) / %d = %.0f ms wall, %.0f ms user per extra CV\n", m, mu, n - 1, 1000 * (b - m) / (n - 1), 1000 * (bu - mu) / (n - 1) }'
    echo "   (the difference is small next to the noise of a loaded machine; the criterion group"
    echo "    match_nhs, CVMATCH_BENCH_NHS=1 cargo bench --bench pipeline -- match_nhs, measures it in-process)"
    timeit roles-nhs "$scale_runs" "$BIN" roles --index "$TMP/nhs"
    echo "   (roles: opening the index and listing roles, no matching)"
else
    echo
    echo "== NHS scale: skipped ($NHS not found or --no-scale)"
fi
