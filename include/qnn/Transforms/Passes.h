//===- Passes.h - qnn general transforms ------------------------*- C++ -*-===//
#ifndef QNN_TRANSFORMS_PASSES_H
#define QNN_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::qnn {

#define GEN_PASS_DECL
#include "qnn/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qnn/Transforms/Passes.h.inc"

} // namespace mlir::qnn

#endif // QNN_TRANSFORMS_PASSES_H
