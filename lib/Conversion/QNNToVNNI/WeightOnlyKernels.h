//===- WeightOnlyKernels.h - f32 x quantized-weight fully connected -*- C++ -*-===//
#ifndef QNN_LIB_CONVERSION_QNNTOVNNI_WEIGHTONLYKERNELS_H
#define QNN_LIB_CONVERSION_QNNTOVNNI_WEIGHTONLYKERNELS_H

#include "qnn/Dialect/QNN/IR/QNN.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::qnn {

/// Rewrites a `qnn.weight_only_fc` marked `qnn.kernel = {kind = "wofc",
/// rows}` into vector code that computes rule N25 exactly: the constant
/// weights stay int8 (one byte each) or 4-bit codebook indices (two per
/// byte, decoded in registers with vpshufb); reports a choice it cannot
/// apply on the op.
LogicalResult lowerWeightOnlyFc(WeightOnlyFcOp op, RewriterBase &rewriter,
                                int64_t threads = 1);

} // namespace mlir::qnn

#endif // QNN_LIB_CONVERSION_QNNTOVNNI_WEIGHTONLYKERNELS_H
