#!/usr/bin/env bash
# Regenerates the dialect and pass reference from TableGen into docs/generated/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
cmake --build build --target mlir-doc >/dev/null
mkdir -p docs/generated
cp build/docs/Dialects/QNNDialect.md docs/generated/QNNDialect.md
cp build/docs/QNNConversionPasses.md docs/generated/QNNConversionPasses.md
cp build/docs/QNNTransformPasses.md docs/generated/QNNTransformPasses.md
cp build/docs/QNNDialectPasses.md docs/generated/QNNDialectPasses.md
echo "docs/generated updated"
