//===- Passes.h - qnn dialect transforms ------------------------*- C++ -*-===//
#ifndef QNN_DIALECT_QNN_TRANSFORMS_PASSES_H
#define QNN_DIALECT_QNN_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

namespace mlir::qnn {

/// True when the comma-separated LLVM feature list `features` enables
/// `feature` (given with its sign, e.g. "+avx512vnni").
inline bool hasTargetFeature(llvm::StringRef features,
                             llvm::StringRef feature) {
  llvm::SmallVector<llvm::StringRef> list;
  features.split(list, ',', -1, /*KeepEmpty=*/false);
  return llvm::is_contained(list, feature);
}

/// The name of a location: the innermost NameLoc's (the ONNX tensor an
/// imported op produces), or "".
std::string getLocName(Location loc);

/// Name of the attribute `qnn-select-kernels` attaches.
inline constexpr llvm::StringLiteral kKernelAttrName = "qnn.kernel";

#define GEN_PASS_DECL
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_TRANSFORMS_PASSES_H
