//===- FixedPoint.h - gemmlowp fixed-point arithmetic in arith --*- C++ -*-===//
//
// Emitters for the integer requantization arithmetic of rules N4 and N5.
// They build `arith` ops on i32 scalars or vectors and are shared by every
// lowering that requantizes, and by the fixed-point conformance test.
//
//===----------------------------------------------------------------------===//
#ifndef QNN_CONVERSION_QNNTOLINALG_FIXEDPOINT_H
#define QNN_CONVERSION_QNNTOLINALG_FIXEDPOINT_H

#include "qnn/Dialect/QNN/IR/Numerics.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

namespace mlir::qnn {

/// Rule N5.1: gemmlowp's SaturatingRoundingDoublingHighMul on i32 values.
Value emitSaturatingRoundingDoublingHighMul(OpBuilder &b, Location loc, Value a,
                                            Value c);

/// Rule N5.2: gemmlowp's RoundingDivideByPOT on i32 values, 0 <= exponent
/// <= 31.
Value emitRoundingDivideByPOT(OpBuilder &b, Location loc, Value x,
                              Value exponent);

/// Saturates an i64 value to the i32 range and truncates it.
Value emitSaturateToI32(OpBuilder &b, Location loc, Value x64);

/// Rule N5: MultiplyByQuantizedMultiplier with the saturating pre-shift;
/// `leftShift` and `rightShift` are i32 values, the shift split in two.
Value emitMultiplyByQuantizedMultiplier(OpBuilder &b, Location loc, Value x,
                                        Value multiplier, Value leftShift,
                                        Value rightShift);

} // namespace mlir::qnn

#endif // QNN_CONVERSION_QNNTOLINALG_FIXEDPOINT_H
