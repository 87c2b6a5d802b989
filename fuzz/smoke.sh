#!/usr/bin/env bash
# Fuzz smoke run (issue 7): builds every fuzz target and runs each for N seconds (default 30),
# one after another. Exits non-zero if a target crashes (panic, broken invariant, timeout,
# out of memory) or does not build; the crashing input is left in fuzz/artifacts/<target>/.
#
#   fuzz/smoke.sh [SECONDS] [TARGET...]
#
# Runs on stable Rust: cargo-fuzz's default AddressSanitizer needs nightly, so the targets are
# built with `-s none` (libFuzzer coverage instrumentation only; the code is safe Rust, so a
# sanitizer adds little). Overflow checks and debug assertions stay on (cargo-fuzz's default).
# Installs cargo-fuzz from crates.io if it is missing.
set -euo pipefail

cd "$(dirname "$0")"
seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(parse_page annotation_json type_cell http_block schema_codegen pipeline)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "smoke: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi

echo "smoke: building the fuzz targets"
if ! cargo fuzz build -s none; then
  echo "smoke: FAILED to build the fuzz targets" >&2
  exit 1
fi

failed=()
for t in "${targets[@]}"; do
  # Seeds: the pages of docs-input and the saved regression inputs of this target (so a fixed
  # crash that comes back fails the smoke run at once), besides whatever a local corpus already
  # holds. None of it is committed under fuzz/.
  seed_dir="target/smoke-seeds/$t"
  rm -rf "$seed_dir"
  mkdir -p "$seed_dir"
  cp ../docs-input/*/*/*.md "$seed_dir"/ 2>/dev/null || true
  cp ../crates/*/tests/regressions/"$t"-*.bin "$seed_dir"/ 2>/dev/null || true
  corpus="corpus/$t"
  mkdir -p "$corpus" "artifacts/$t"
  log="target/smoke-$t.log"
  echo "smoke: $t for ${seconds}s"
  if cargo fuzz run -s none "$t" "$corpus" "$seed_dir" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 -print_final_stats=1 >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 | sed "s/^/smoke: $t: /" || true
  else
    failed+=("$t")
    echo "smoke: $t CRASHED; log $PWD/$log; input:" >&2
    grep -E 'panicked at|ERROR: libFuzzer|Test unit written to' "$log" | head -n 5 >&2 || true
    grep -A2 'panicked at' "$log" | head -n 6 >&2 || true
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "smoke: ${#failed[@]} of ${#targets[@]} targets crashed: ${failed[*]}" >&2
  exit 1
fi
echo "smoke: ${#targets[@]} targets ran ${seconds}s each, no crash"
