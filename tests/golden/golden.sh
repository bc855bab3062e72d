#!/usr/bin/env bash
# golden.sh check|update|orphans SIMULATE ROOT [SCENARIO...] — the golden-output test (check)
# and its regeneration (update, called by tools/update-golden). For every
# ROOT/scenarios/[DIR/]NAME.yaml the table report of `SIMULATE scenarios/[DIR/]NAME.yaml` (run
# in ROOT) must equal ROOT/tests/golden/[DIR/]NAME.txt byte for byte. `check` prints a unified
# diff for each mismatch, lists missing and orphaned goldens, and exits 1 if anything differs.
# With SCENARIO arguments (paths relative to ROOT) only those are run, and orphans are not
# looked for; `orphans` only looks for goldens whose scenario is gone. CTest runs one test per
# scenario (in parallel, the slowest first) and one for orphans; tools/test runs `check` on
# the Release binary.
set -uo pipefail
mode="$1" simulate="$2" root="$3"
shift 3
cd "$root" || exit 1
list_scenarios() {
  if [ "$#" -gt 0 ]; then
    printf '%s\n' "$@"
  elif [ "$mode" != orphans ]; then
    find scenarios -path scenarios/actors -prune -o -name '*.yaml' -print | LC_ALL=C sort  # actors/: libraries, not scenarios
  fi
}
scenario_args=("$@")
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=0
while IFS= read -r scenario; do
  rel="${scenario#scenarios/}"
  name="${rel%.yaml}"
  name="${name//\//__}"  # flat temporary names
  golden="tests/golden/${rel%.yaml}.txt"
  if ! "$simulate" "$scenario" >"$tmp/$name.txt" 2>"$tmp/$name.err"; then
    echo "FAILED: $simulate $scenario" >&2
    cat "$tmp/$name.err" >&2
    failed=1
    continue
  fi
  if [ "$mode" = update ]; then
    if ! cmp -s "$tmp/$name.txt" "$golden"; then
      mkdir -p "$(dirname "$golden")"
      cp "$tmp/$name.txt" "$golden"
      echo "updated $golden"
    fi
  elif [ ! -f "$golden" ]; then
    echo "MISSING: $golden (no golden output for $scenario)" >&2
    failed=1
  elif ! cmp -s "$golden" "$tmp/$name.txt"; then
    echo "MISMATCH: $scenario differs from $golden:" >&2
    diff -u "$golden" "$tmp/$name.txt" --label "$golden" --label "simulate $scenario" >&2
    failed=1
  fi
done < <(list_scenarios "${scenario_args[@]}")
[ "${#scenario_args[@]}" -gt 0 ] && exit "$failed"
while IFS= read -r golden; do
  rel="${golden#tests/golden/}"
  name="${rel%.txt}"
  if [ ! -f "scenarios/$name.yaml" ]; then
    if [ "$mode" = update ]; then
      rm "$golden"
      echo "removed $golden (scenario gone)"
    else
      echo "ORPHAN: $golden has no scenarios/$name.yaml" >&2
      failed=1
    fi
  fi
done < <(find tests/golden -name '*.txt' | LC_ALL=C sort)
if [ "$failed" -ne 0 ] && [ "$mode" != update ]; then
  echo "If the change is intended, regenerate with: tools/update-golden (then review git diff tests/golden)" >&2
fi
exit "$failed"
