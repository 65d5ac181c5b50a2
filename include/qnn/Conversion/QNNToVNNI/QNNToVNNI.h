//===- QNNToVNNI.h - AVX-512 VNNI kernels for qnn ops -----------*- C++ -*-===//
#ifndef QNN_CONVERSION_QNNTOVNNI_QNNTOVNNI_H
#define QNN_CONVERSION_QNNTOVNNI_QNNTOVNNI_H

#include "mlir/Pass/Pass.h"

namespace mlir::qnn {

#define GEN_PASS_DECL_CONVERTQNNTOVNNI
#include "qnn/Conversion/Passes.h.inc"

} // namespace mlir::qnn

#endif // QNN_CONVERSION_QNNTOVNNI_QNNTOVNNI_H
