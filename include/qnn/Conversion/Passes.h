//===- Passes.h - qnn conversion passes -------------------------*- C++ -*-===//
#ifndef QNN_CONVERSION_PASSES_H
#define QNN_CONVERSION_PASSES_H

#include "qnn/Conversion/QNNToLinalg/QNNToLinalg.h"
#include "qnn/Conversion/QNNToVNNI/QNNToVNNI.h"
#include "qnn/Conversion/QNNVectorToLLVM/QNNVectorToLLVM.h"

namespace mlir::qnn {

#define GEN_PASS_REGISTRATION
#include "qnn/Conversion/Passes.h.inc"

} // namespace mlir::qnn

#endif // QNN_CONVERSION_PASSES_H
