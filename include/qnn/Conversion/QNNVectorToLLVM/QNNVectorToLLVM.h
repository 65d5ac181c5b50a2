//===- QNNVectorToLLVM.h - qnn vector ops to LLVM intrinsics ----*- C++ -*-===//
#ifndef QNN_CONVERSION_QNNVECTORTOLLVM_QNNVECTORTOLLVM_H
#define QNN_CONVERSION_QNNVECTORTOLLVM_QNNVECTORTOLLVM_H

#include "mlir/Pass/Pass.h"

namespace mlir::qnn {

#define GEN_PASS_DECL_CONVERTQNNVECTORTOLLVM
#include "qnn/Conversion/Passes.h.inc"

} // namespace mlir::qnn

#endif // QNN_CONVERSION_QNNVECTORTOLLVM_QNNVECTORTOLLVM_H
