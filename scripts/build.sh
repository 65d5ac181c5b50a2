#!/usr/bin/env bash
# Configures (once) and builds qnn into build/ with ccache.
#   scripts/build.sh              # build/: Release
#   scripts/build.sh --sanitize   # build-asan/: Release with AddressSanitizer
#                                 # and UndefinedBehaviorSanitizer (LLVM's
#                                 # LLVM_USE_SANITIZER), linked against the
#                                 # shared ASan runtime (docs/errors.md)
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_DIR="${CCACHE_DIR:-${HOME:-/tmp}/.cache/ccache}"
dir=build
extra=()
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-asan
  # One ASan runtime for everything: the tools, and the libraries that a
  # Python process (not instrumented, so it preloads the runtime) loads.
  rtdir="$(dirname "$(clang-22 -print-file-name=libclang_rt.asan-x86_64.so)")"
  link="-shared-libasan -Wl,-rpath,$rtdir"
  # LLVM_UBSAN_FLAGS as LLVM's own UBSan builds use them (the installed
  # LLVMConfig leaves them empty): every check but vptr and function
  # (libMLIR has no RTTI and no function type hashes), no recovery.
  extra=(-DLLVM_USE_SANITIZER="Address;Undefined"
         -DLLVM_UBSAN_FLAGS="-fsanitize=undefined -fno-sanitize=vptr,function -fno-sanitize-recover=all"
         -DQNN_ENABLE_FUZZERS=ON
         -DCMAKE_EXE_LINKER_FLAGS="$link" -DCMAKE_SHARED_LINKER_FLAGS="$link"
         -DCMAKE_MODULE_LINKER_FLAGS="$link")
elif [ -n "${1:-}" ]; then
  echo "usage: scripts/build.sh [--sanitize]" >&2
  exit 2
fi
if [ ! -f "$dir/build.ninja" ]; then
  cmake -G Ninja -S . -B "$dir" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit "${extra[@]}"
fi
cmake --build "$dir"
