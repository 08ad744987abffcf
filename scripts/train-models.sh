#!/usr/bin/env bash
# Trains the embedded default models from the training corpus (see models/README.md for the
# runs that produced the shipped weights). Needs scripts/fetch-corpora.sh train first.
#   scripts/train-models.sh degradation [STEPS] [SCALE] [CROP] [BATCH] [-- OPTION...]
#                                                 compact E/Gd/Gr (default x4, crop 128, batch 8)
#   scripts/train-models.sh prior [STEPS] [-- OPTION...]
#                                                 compact 64x64 diffusion prior (epsilon, fixed variance)
#   scripts/train-models.sh kernel [STEPS] [-- OPTION...]
#                                                 x4 blur-kernel estimator (for --method explicit, combine)
# Options after `--` go to the trainer as they are (for example --max-minutes 120, --resume FILE,
# --init models/prior). DADIFF_THREADS sets the intra-op threads (default 1, so that two runs can
# share the 2 cores); DADIFF_VAL the validation set; DADIFF_RUN the output folder (default runs/NAME).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpora="${DADIFF_CORPORA:-$here/data/corpora}"
what="${1:?usage: scripts/train-models.sh degradation|prior|kernel [STEPS]}"
steps="${2:-4000}"
[ "$steps" != "--" ] || steps=4000
# Everything after a `--` is passed to the trainer; the positional arguments stop there.
pos=()
extra=()
shift
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi
  pos+=("$1"); shift
done
# The curated photo list of docs/data.md (renders excluded), one --data per photo.
[ -f "$here/target/dadiff4j.jar" ] || (cd "$here" && mvn -q -B -DskipTests package)
mapfile -t photos < <(java -cp "$here/target/dadiff4j.jar" org.dadiff4j.data.Corpora "$corpora" train)
[ "${#photos[@]}" -gt 0 ] || { echo "no training photos under $corpora (run scripts/fetch-corpora.sh train)" >&2; exit 2; }
data=()
for p in "${photos[@]}"; do data+=(--data "$p"); done
# Run from a copy of the jar, so that rebuilding the project during a long run cannot pull classes
# out from under it.
jar="$(mktemp --suffix=.jar)"
cp "$here/target/dadiff4j.jar" "$jar"
# shellcheck source=runtime-env.sh
source "$here/scripts/runtime-env.sh"
threads="${DADIFF_THREADS:-1}"
run() { java -Dai.djl.offline=true -jar "$jar" --threads "$threads" "$@"; }
case "$what" in
  degradation)
    scale="${pos[1]:-4}"
    crop="${pos[2]:-128}"
    batch="${pos[3]:-8}"
    run train degradation "${data[@]}" --scale "$scale" --steps "$steps" --batch "$batch" --crop "$crop" \
      --seed 20261126 --val "${DADIFF_VAL:-$here/data/valset}" --val-every 500 --checkpoint-every 500 \
      --fp16 --output "${DADIFF_RUN:-$here/runs/degradation-x$scale}" "${extra[@]}" ;;
  prior)
    run train prior "${data[@]}" --steps "$steps" --batch 8 --crop 64 --prescale 0.5 \
      --seed 20261126 --val "${DADIFF_VAL:-$here/data/valset}/HR" --val-every 250 --checkpoint-every 250 \
      --fp16 --output "${DADIFF_RUN:-$here/runs/prior-64}" "${extra[@]}" ;;
  kernel)
    run train kernel "${data[@]}" --scale 4 --steps "$steps" --batch 16 --crop 128 \
      --seed 20261126 --checkpoint-every 250 --output "${DADIFF_RUN:-$here/runs/kernel-x4}" "${extra[@]}" ;;
  *) echo "unknown model '$what'" >&2; exit 2 ;;
esac
