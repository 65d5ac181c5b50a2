#!/usr/bin/env bash
# libFuzzer campaigns (issue 9; docs/errors.md, "Fuzzing"):
#   scripts/fuzz.sh opt  [RUNS] [-- LIBFUZZER-FLAGS]   # qnn-fuzz-opt: the input guard, parse, verify
#                                                      # and qnn-to-llvm, under ASan + UBSan, seeded
#                                                      # with every lit test input (split at // -----)
#   scripts/fuzz.sh onnx [RUNS] [-- LIBFUZZER-FLAGS]   # the ONNX importer (atheris) on mutated models,
#                                                      # seeded with mobilenet_tiny.onnx and
#                                                      # libonnx-testdata's node tests
# RUNS defaults to 1000000 executions. The corpus grows in
# build-asan/fuzz/<target>/corpus; a crash is written to
# build-asan/fuzz/<target>/crash-* and the script exits nonzero. Rerun one
# input with: build-asan/bin/qnn-fuzz-opt FILE, or
# .venv/bin/python tools/qnn-fuzz/fuzz_onnx_import.py FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-}"
runs="${2:-1000000}"
shift $(( $# >= 2 ? 2 : $# ))
[ "${1:-}" = "--" ] && shift
work="build-asan/fuzz/$target"
case "$target" in
  opt)
    bash scripts/setup.sh
    bash scripts/build.sh --sanitize
    cmake -DQNN_ENABLE_FUZZERS=ON build-asan > /dev/null
    cmake --build build-asan --target qnn-fuzz-opt
    mkdir -p "$work/corpus" "$work/seeds"
    .venv/bin/python - "$work/seeds" <<'PY'
import pathlib, sys
out = pathlib.Path(sys.argv[1])
n = 0
for f in sorted(pathlib.Path("test").rglob("*.mlir")):
    for part in f.read_text(errors="replace").split("// -----"):
        (out / f"{n:05d}.mlir").write_text(part)
        n += 1
print(f"fuzz: {n} seeds from the lit tests")
PY
    # As in scripts/test.sh --sanitize (allow_user_poisoning=0: libMLIR is
    # not instrumented); the shared runtime must come first, so it is preloaded.
    export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:allow_user_poisoning=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    LD_PRELOAD="$(clang-22 -print-file-name=libclang_rt.asan-x86_64.so)" \
    build-asan/bin/qnn-fuzz-opt -runs="$runs" -max_len=16384 -timeout=30 -rss_limit_mb=4096 \
      -artifact_prefix="$work/" -print_final_stats=1 "$@" "$work/corpus" "$work/seeds"
    ;;
  onnx)
    bash scripts/setup.sh
    .venv/bin/python -c "import atheris" 2>/dev/null || .venv/bin/python -m pip install -q atheris
    mkdir -p "$work/corpus" "$work/seeds"
    cp examples/fashion_mnist/mobilenet_tiny.onnx "$work/seeds/"   # the others exceed -max_len
    for f in /usr/share/libonnx-testdata/data/node/*/model.onnx; do
      [ -f "$f" ] && cp "$f" "$work/seeds/$(basename "$(dirname "$f")").onnx"
    done
    .venv/bin/python tools/qnn-fuzz/fuzz_onnx_import.py -runs="$runs" -max_len=65536 -timeout=30 \
      -rss_limit_mb=4096 -artifact_prefix="$work/" -print_final_stats=1 "$@" "$work/corpus" "$work/seeds"
    ;;
  *)
    echo "usage: scripts/fuzz.sh opt|onnx [RUNS] [-- LIBFUZZER-FLAGS]" >&2
    exit 2
    ;;
esac
