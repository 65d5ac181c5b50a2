//===- QNNToLinalg.h - reference lowering of qnn ----------------*- C++ -*-===//
#ifndef QNN_CONVERSION_QNNTOLINALG_QNNTOLINALG_H
#define QNN_CONVERSION_QNNTOLINALG_QNNTOLINALG_H

#include "qnn/Conversion/QNNToLinalg/FixedPoint.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::qnn {

#define GEN_PASS_DECL_CONVERTQNNTOLINALG
#include "qnn/Conversion/Passes.h.inc"

/// Parses "fixed-point" or "float"; std::nullopt for anything else.
std::optional<RequantMode> parseRequantMode(StringRef name);

/// parseRequantMode for a pass option: reports an invalid value on `op`.
FailureOr<RequantMode> parseRequantModeOption(Operation *op, StringRef name);

/// Maps quantized tensors to tensors of their integer container (rule N1.4)
/// and binary tensors to their packed i64 words (rule N1.5).
class QNNTypeConverter : public TypeConverter {
public:
  QNNTypeConverter();
};

/// Adds the patterns that rewrite every qnn op into linalg/tensor/arith.
void populateQNNToLinalgConversionPatterns(const QNNTypeConverter &converter,
                                           RewritePatternSet &patterns,
                                           RequantMode mode);

} // namespace mlir::qnn

#endif // QNN_CONVERSION_QNNTOLINALG_QNNTOLINALG_H
