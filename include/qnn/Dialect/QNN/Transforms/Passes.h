//===- Passes.h - qnn dialect transforms ------------------------*- C++ -*-===//
#ifndef QNN_DIALECT_QNN_TRANSFORMS_PASSES_H
#define QNN_DIALECT_QNN_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::qnn {

/// Name of the attribute `qnn-select-kernels` attaches.
inline constexpr llvm::StringLiteral kKernelAttrName = "qnn.kernel";

#define GEN_PASS_DECL
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_TRANSFORMS_PASSES_H
