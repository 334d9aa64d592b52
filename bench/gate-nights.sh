#!/usr/bin/env bash
# Would the nightly gate fail an unchanged build? Replays N runs of one commit as N nights, the way
# .github/workflows/nightly.yml judges them: night 1 becomes the baseline; night k is compared with
# it while the results folder holds nights 1..k only (so the second night has fewer than the 3 runs
# compare needs to measure noise itself and falls back to scenarios/noise/<scenario>.json), and every
# pair is also compared the other way round. Prints one line per comparison and the regressions.
# Usage: bench/gate-nights.sh <results-dir> <run-id> <run-id> [<run-id> ...]   (oldest first)
set -euo pipefail
cd "$(dirname "$0")/.."
src="$1"; shift
[ "$#" -ge 2 ] || { echo "at least two runs" >&2; exit 2; }
[ -f target/headroom-cli.jar ] || mvn -B -q -DskipTests package >/dev/null
runs=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
regressions=0
compare() { # <history: ids...> -- <baseline> <candidate>
  local hist=() base cand
  while [ "$1" != "--" ]; do hist+=("$1"); shift; done
  shift; base="$1"; cand="$2"
  rm -rf "$work/results"; mkdir -p "$work/results"
  for id in "${hist[@]}"; do cp -r "$src/$id" "$work/results/$id"; done
  local out code
  set +e
  out=$(java -jar target/headroom-cli.jar compare "$work/results/$base" "$work/results/$cand" \
        --results "$work/results" --out "$work/out" 2>&1)
  code=$?
  set -e
  local verdict
  verdict=$(printf '%s\n' "$out" | sed -n 's/^verdict: //p' | head -1)
  printf '%-24s -> %-24s history %d  exit %d  %s\n' "$base" "$cand" "${#hist[@]}" "$code" "$verdict"
  printf '%s\n' "$out" | grep -E '^(FAIL|recommendation changed|note: .*(unknown|larger than))' | sed 's/^/    /' || true
  [ "$code" -ne 1 ] || regressions=$((regressions + 1))
}
first="${runs[0]}"
for ((k = 1; k < ${#runs[@]}; k++)); do
  night=("${runs[@]:0:k+1}")
  compare "${night[@]}" -- "$first" "${runs[k]}"
  compare "${night[@]}" -- "${runs[k]}" "$first"
done
# every other pair, both ways, with the whole history
for ((i = 1; i < ${#runs[@]}; i++)); do
  for ((j = i + 1; j < ${#runs[@]}; j++)); do
    compare "${runs[@]}" -- "${runs[i]}" "${runs[j]}"
    compare "${runs[@]}" -- "${runs[j]}" "${runs[i]}"
  done
done
echo "regression verdicts: $regressions"
[ "$regressions" -eq 0 ]
