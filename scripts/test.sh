#!/usr/bin/env bash
# Sets up, builds and runs every qnn test suite, then prints one summary
# line "N passed, M failed" covering all of them.
#   scripts/test.sh              # build/ (Release)
#   scripts/test.sh --sanitize   # build-asan/: the same suites with qnn built
#                                # under AddressSanitizer + UBSan (docs/errors.md)
set -uo pipefail
cd "$(dirname "$0")/.."
build=build
mode=()
pyenv=()
if [ "${1:-}" = "--sanitize" ]; then
  build=build-asan
  mode=(--sanitize)
elif [ -n "${1:-}" ]; then
  echo "usage: scripts/test.sh [--sanitize]" >&2
  exit 2
fi
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/build.sh "${mode[@]}" || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
if [ "$build" = build-asan ]; then
  # Any report fails the process. The tools check leaks; a Python process
  # preloads the shared ASan runtime to load the instrumented C API and
  # calibration runtime, and does not (CPython keeps its objects at exit).
  # allow_user_poisoning=0: LLVM's allocators poison their free space from
  # headers compiled into qnn (instrumented) while libMLIR (not
  # instrumented) never unpoisons what it allocates, which ASan would
  # report as use-after-poison inside libMLIR.
  export QNN_ASAN_RUNTIME="$(clang-22 -print-file-name=libclang_rt.asan-x86_64.so)"
  export ASAN_OPTIONS="halt_on_error=1:detect_stack_use_after_return=0:allow_user_poisoning=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  pyenv=(LD_PRELOAD="$QNN_ASAN_RUNTIME" ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
         QNN_CAPI="$PWD/$build/lib/libQNNCAPI.so" QNN_CALIBRATION_LIB="$PWD/$build/lib/libQNNCalibration.so")
fi

PY=.venv/bin/python
passed=0
failed=0
logdir=$build/test-logs
mkdir -p "$logdir"

# 1. lit: dialect, conversion, pipeline and tool tests.
/usr/lib/llvm-22/bin/lit -v --timeout=600 $build/test --xunit-xml-output "$logdir/lit.xml" > "$logdir/lit.log" 2>&1
grep -E '^(FAIL|XPASS|UNRESOLVED|TIMEOUT): ' -A 40 "$logdir/lit.log" || true
tail -n 8 "$logdir/lit.log"
lit_pass=$(grep -cE '^(PASS|XFAIL): ' "$logdir/lit.log" || true)
lit_fail=$(grep -cE '^(FAIL|XPASS|UNRESOLVED|TIMEOUT): ' "$logdir/lit.log" || true)
if ! grep -qE '^Total Discovered Tests' "$logdir/lit.log"; then lit_fail=$((lit_fail + 1)); fi
echo "lit: $lit_pass passed, $lit_fail failed"
passed=$((passed + lit_pass)); failed=$((failed + lit_fail))

# 2. execution tests: compiled code against the independent NumPy reference,
#    and the fixed-point conformance test against gemmlowp.
env "${pyenv[@]}" QNN_COMPILE="$PWD/$build/bin/qnn-compile" QNN_OPT="$PWD/$build/bin/qnn-opt" \
  $PY -m pytest -q -p no:cacheprovider test/Integration --junitxml="$logdir/pytest.xml" 2>&1 | tee "$logdir/pytest.log"
py_line=$(tail -n 1 "$logdir/pytest.log")
py_pass=$(echo "$py_line" | grep -oE '[0-9]+ passed' | awk '{s += $1} END {print s + 0}')
py_fail=$(echo "$py_line" | grep -oE '[0-9]+ (failed|errors?)' | awk '{s += $1} END {print s + 0}')
if [ "$py_pass" = 0 ] && [ "$py_fail" = 0 ]; then py_fail=1; fi
echo "pytest: $py_pass passed, $py_fail failed"
passed=$((passed + py_pass)); failed=$((failed + py_fail))

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
