//===- BinaryKernels.h - XOR + popcount kernels for binary layers -*- C++ -*-===//
#ifndef QNN_LIB_CONVERSION_QNNTOVNNI_BINARYKERNELS_H
#define QNN_LIB_CONVERSION_QNNTOVNNI_BINARYKERNELS_H

#include "qnn/Dialect/QNN/IR/QNN.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::qnn {

/// Rewrites a `qnn.bconv2d` carrying `qnn.kernel = {kind = "bpop", mr, nr,
/// lanes}` into the register-tiled XOR + popcount kernel; `threads` > 1
/// splits its output rows into parallel parts. Reports a choice it cannot
/// apply on the op.
LogicalResult lowerBConv2D(BConv2DOp op, RewriterBase &rewriter,
                           int64_t threads);

/// The same for `qnn.bfully_connected`, as the 1x1 convolution of a
/// 1 x 1 x N image.
LogicalResult lowerBFullyConnected(BFullyConnectedOp op,
                                   RewriterBase &rewriter, int64_t threads);

} // namespace mlir::qnn

#endif // QNN_LIB_CONVERSION_QNNTOVNNI_BINARYKERNELS_H
