#!/usr/bin/env bash
# Runs the generalisation check (tests/generalise.rs) and prints its report:
# per-category and overall top-1 / top-3 / MRR for cvmatch and a TF-IDF
# baseline on real adverts and labelled CVs from ../shared/corpus.
#
#   scripts/generalise.sh            # the report and the regression floors
#   scripts/generalise.sh --target   # also the issue's target (ignored test)
#   scripts/generalise.sh --json F   # also write per-CV ranks and components to F
#
# Pass --release after the options for a faster run.
set -euo pipefail
cd "$(dirname "$0")/.."
ignored=()
cargo_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --target) ignored=(--include-ignored); shift ;;
        --json) export CVMATCH_GENERALISE_JSON="$(realpath -m "$2")"; shift 2 ;;
        *) cargo_args+=("$1"); shift ;;
    esac
done
exec cargo test "${cargo_args[@]}" --test generalise -- --nocapture --test-threads=1 "${ignored[@]}"
