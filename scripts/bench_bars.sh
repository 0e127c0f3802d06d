#!/usr/bin/env bash
# The performance bars of the shortlists issue (#10), measured end to end with the
# release binary. Each figure is printed with its exact command.
#
# Usage: scripts/bench_bars.sh [--runs N] [--cvs N] [--memory N] [--only LIST]
#
#   --runs N     hyperfine runs per command (default 5)
#   --cvs N      PDFs in the throughput batch (default 2040): the real CV PDFs of
#                ../shared/corpus/cv-pdfs plus samples/cvs, hard-linked (or copied)
#                under distinct names until there are N
#   --memory N   also run N CVs against the 14,842 NHS adverts (default 0: skip;
#                the bar is 10000) and report peak RSS from GNU time
#   --only LIST  comma-separated subset of: batch,jobs,match,index,memory
#
# What it measures:
#   batch   `cvmatch batch DIR --index SAMPLES -f jsonl -o FILE` (default jobs) against
#           a loop of `pdftotext -enc UTF-8 FILE OUT` over the same files, in one
#           hyperfine run: CVs/s and the ratio (bar: >= 500 CVs/s, extraction included)
#   jobs    the same batch with --jobs 1 and --jobs 2, in one hyperfine run (bar >= 1.8x)
#   match   a cold `cvmatch match CV --index NHS --include-expired` (bar <= 100 ms)
#   index   `cvmatch index --roles nhs_jobs.jsonl.gz --index TMP` (bar <= 10 s)
#   memory  see --memory (bar: 10k CVs x 15k roles <= 300 MB peak RSS)
#
# Needs hyperfine, pdftotext and GNU time; ../shared/corpus for the PDFs and the
# NHS adverts. Nothing is written into the repository; CV text is never printed.
set -euo pipefail
RUNS=5
NCVS=2040
MEMORY=0
ONLY="batch,jobs,match,index,memory"
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --cvs) NCVS="$2"; shift 2 ;;
        --memory) MEMORY="$2"; shift 2 ;;
        --only) ONLY="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
want() { case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
cd "$(dirname "$0")/.."
ROOT=$PWD
CORPUS="$ROOT/../shared/corpus"
NHS="$CORPUS/jobs/nhs-jobs/nhs_jobs.jsonl.gz"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$TARGET/release/cvmatch"
for tool in hyperfine pdftotext /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
[ -d "$CORPUS/cv-pdfs" ] || { echo "needs ../shared/corpus/cv-pdfs" >&2; exit 2; }
cargo build --release -q
TMP=$(mktemp -d -t cvmatch-bars.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# binary: $BIN ($(git rev-parse --short HEAD))"

# N distinct file names over the real PDFs and the samples, in a fixed order.
make_cvs() {
    local dir="$1" n="$2" i=0
    mkdir -p "$dir"
    mapfile -d '' src < <(find "$CORPUS/cv-pdfs" "$ROOT/samples/cvs" -type f -name '*.pdf' -print0 | sort -z)
    while [ "$i" -lt "$n" ]; do
        for f in "${src[@]}"; do
            [ "$i" -lt "$n" ] || break
            local dst
            dst=$(printf '%s/%05d-%s' "$dir" "$i" "$(basename "$f")")
            ln "$f" "$dst" 2>/dev/null || cp "$f" "$dst"
            i=$((i + 1))
        done
    done
}

"$BIN" -q index --index "$TMP/samples-idx" >/dev/null

if want batch || want jobs; then
    make_cvs "$TMP/cvs" "$NCVS"
    n=$(find "$TMP/cvs" -name '*.pdf' | wc -l)
    echo "# throughput set: $n PDFs"
    cat >"$TMP/loop.sh" <<EOF
mkdir -p "$TMP/pop"
for f in "$TMP"/cvs/*.pdf; do pdftotext -enc UTF-8 "\$f" "$TMP/pop/out.txt" 2>/dev/null || true; done
EOF
fi
if want batch; then
    hyperfine -N -w 1 -r "$RUNS" --export-json "$TMP/batch.json" \
        -n cvmatch "$BIN -q batch $TMP/cvs --index $TMP/samples-idx -f jsonl -o $TMP/out.jsonl" \
        -n pdftotext-loop "bash $TMP/loop.sh"
    python3 - "$TMP/batch.json" "$n" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
c, p = r["cvmatch"], r["pdftotext-loop"]
print(f"batch: {n / c['mean']:.0f} CVs/s (mean {c['mean']:.2f} s, user {c['user']:.2f} s, system {c['system']:.2f} s); "
      f"pdftotext loop {n / p['mean']:.0f} files/s; cvmatch is {p['mean'] / c['mean']:.2f}x the loop")
EOF
fi
if want jobs; then
    hyperfine -N -w 1 -r "$RUNS" --export-json "$TMP/jobs.json" \
        -n j1 "$BIN -q batch $TMP/cvs --index $TMP/samples-idx -f jsonl -o $TMP/j1.jsonl --jobs 1" \
        -n j2 "$BIN -q batch $TMP/cvs --index $TMP/samples-idx -f jsonl -o $TMP/j2.jsonl --jobs 2"
    python3 - "$TMP/jobs.json" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
print(f"jobs: --jobs 1 {r['j1']['mean']:.2f} s, --jobs 2 {r['j2']['mean']:.2f} s: speed-up {r['j1']['mean'] / r['j2']['mean']:.2f}x")
EOF
fi
if want match || want index || want memory; then
    [ -f "$NHS" ] || { echo "needs $NHS" >&2; exit 2; }
fi
if want index || want match || [ "$MEMORY" -gt 0 ]; then
    /usr/bin/time -f "index: %e s wall, %U s user, %M KB max RSS" \
        "$BIN" -q index --roles "$NHS" --index "$TMP/nhs" >/dev/null
fi
if want match; then
    cv="$ROOT/samples/cvs/amara-okafor.pdf"
    # The first run also writes the role-profile cache beside the index, as
    # `cvmatch index` already did; every timed run is a new process.
    hyperfine -N -w 1 -r "$RUNS" \
        -n match "$BIN -q match $cv --index $TMP/nhs --include-expired -f json"
fi
if want memory && [ "$MEMORY" -gt 0 ]; then
    make_cvs "$TMP/many" "$MEMORY"
    /usr/bin/time -f "memory: $MEMORY CVs x 14,842 roles: %e s wall, %U s user, %M KB max RSS" \
        "$BIN" -q batch "$TMP/many" --index "$TMP/nhs" --include-expired -f jsonl -o "$TMP/many.jsonl"
    echo "memory: $(wc -l <"$TMP/many.jsonl") report lines"
fi
