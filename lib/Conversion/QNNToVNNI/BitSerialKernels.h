//===- BitSerialKernels.h - bit-serial low-bit kernels ----------*- C++ -*-===//
#ifndef QNN_LIB_CONVERSION_QNNTOVNNI_BITSERIALKERNELS_H
#define QNN_LIB_CONVERSION_QNNTOVNNI_BITSERIALKERNELS_H

#include "qnn/Conversion/QNNToLinalg/FixedPoint.h"
#include "qnn/Dialect/QNN/IR/QNN.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::qnn {

/// True when `op` carries `qnn.kernel = {kind = "bitserial", ...}`.
bool isBitSerialChoice(Operation *op);

/// Rewrites a `qnn.conv2d` marked `qnn.kernel = {kind = "bitserial", mr,
/// nr, lanes}` (activations of at most 4 bits, constant weights of at most
/// 4 bits) into AND + popcount code over bit planes; reports a choice it
/// cannot apply on the op.
LogicalResult lowerBitSerialConv2D(Conv2DOp op, RewriterBase &rewriter,
                                   RequantMode mode, int64_t threads);

/// The same for `qnn.fully_connected`.
LogicalResult lowerBitSerialFullyConnected(FullyConnectedOp op,
                                           RewriterBase &rewriter,
                                           RequantMode mode, int64_t threads);

} // namespace mlir::qnn

#endif // QNN_LIB_CONVERSION_QNNTOVNNI_BITSERIALKERNELS_H
