//===- Numerics.h - compile-time numerics of docs/numerics.md ---*- C++ -*-===//
//
// Pure functions on scales shared by the verifiers and the lowerings, so
// that what the verifier accepts is exactly what the lowering can emit.
//
//===----------------------------------------------------------------------===//
#ifndef QNN_DIALECT_QNN_IR_NUMERICS_H
#define QNN_DIALECT_QNN_IR_NUMERICS_H

#include "mlir/Support/LLVM.h"

#include <cstdint>

namespace mlir::qnn {

/// A real multiplier as a 31-bit fixed-point value and a power-of-two
/// exponent (rule N4): M ~= multiplier * 2^(shift - 31).
struct FixedPointMultiplier {
  int32_t multiplier = 0;
  int32_t shift = 0;
};

/// Rule N4 (TFLite's QuantizeMultiplier). Fails when the shift, after the
/// rounding correction, exceeds 30.
FailureOr<FixedPointMultiplier> quantizeMultiplier(double m);

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_IR_NUMERICS_H
