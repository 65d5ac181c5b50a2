#!/usr/bin/env bash
# Sets up, builds and runs every qnn test suite, then prints one summary
# line "N passed, M failed" covering all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/build.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

PY=.venv/bin/python
passed=0
failed=0
logdir=build/test-logs
mkdir -p "$logdir"

# 1. lit: dialect, conversion, pipeline and tool tests.
/usr/lib/llvm-22/bin/lit -v --timeout=600 build/test --xunit-xml-output "$logdir/lit.xml" > "$logdir/lit.log" 2>&1
grep -E '^(FAIL|XPASS|UNRESOLVED|TIMEOUT): ' -A 40 "$logdir/lit.log" || true
tail -n 8 "$logdir/lit.log"
lit_pass=$(grep -cE '^(PASS|XFAIL): ' "$logdir/lit.log" || true)
lit_fail=$(grep -cE '^(FAIL|XPASS|UNRESOLVED|TIMEOUT): ' "$logdir/lit.log" || true)
if ! grep -qE '^Total Discovered Tests' "$logdir/lit.log"; then lit_fail=$((lit_fail + 1)); fi
echo "lit: $lit_pass passed, $lit_fail failed"
passed=$((passed + lit_pass)); failed=$((failed + lit_fail))

# 2. execution tests: compiled code against the independent NumPy reference,
#    and the fixed-point conformance test against gemmlowp.
QNN_COMPILE="$PWD/build/bin/qnn-compile" QNN_OPT="$PWD/build/bin/qnn-opt" \
  $PY -m pytest -q -p no:cacheprovider test/Integration --junitxml="$logdir/pytest.xml" 2>&1 | tee "$logdir/pytest.log"
py_line=$(tail -n 1 "$logdir/pytest.log")
py_pass=$(echo "$py_line" | grep -oE '[0-9]+ passed' | awk '{s += $1} END {print s + 0}')
py_fail=$(echo "$py_line" | grep -oE '[0-9]+ (failed|errors?)' | awk '{s += $1} END {print s + 0}')
if [ "$py_pass" = 0 ] && [ "$py_fail" = 0 ]; then py_fail=1; fi
echo "pytest: $py_pass passed, $py_fail failed"
passed=$((passed + py_pass)); failed=$((failed + py_fail))

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
