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
#include "qnn/Dialect/QNN/IR/QNN.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

namespace mlir::qnn {

/// Rule N5.1: gemmlowp's SaturatingRoundingDoublingHighMul on i32 values.
/// `multiplierNeverMin` drops the saturation case a == c == INT32_MIN when
/// the caller knows `c` (a multiplier of rule N4, >= 2^30) cannot be
/// INT32_MIN.
Value emitSaturatingRoundingDoublingHighMul(OpBuilder &b, Location loc, Value a,
                                            Value c,
                                            bool multiplierNeverMin = false);

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

/// How requantization multiplies (rules N6.1 and N6.2).
enum class RequantMode { FixedPoint, Float };

/// Rule N1.4: the integer type that holds a storage width in memory.
IntegerType getContainerType(MLIRContext *ctx, unsigned width);

/// Clamps an i64 value (scalar or vector) to [lo, hi] and truncates it to
/// the container type.
Value clampToContainer(OpBuilder &b, Location loc, Value v64, int64_t lo,
                       int64_t hi, Type container);

/// Converts a rounded f32 value (scalar or vector) to i64 without overflow:
/// the value is first clamped to +-2^40, far outside every storage range.
/// With `saturateToI32` the result is then saturated to the i32 range
/// (rules N6.2 and N11.2 convert to i32 with saturation).
Value emitRoundedF32ToI64(OpBuilder &b, Location loc, Value r,
                          bool saturateToI32);

/// Per-channel requantization constants for rule N6.
struct RequantPlan {
  SmallVector<int64_t> multiplier, leftShift, rightShift, zeroPoint;
  SmallVector<float> floatMultiplier;
  int64_t lo = 0, hi = 0;
  Type container;
  /// Rule N6.0: a 32-bit result of conv2d / depthwise_conv2d /
  /// fully_connected whose multipliers are all exactly 1 is the
  /// accumulator itself (+ zero point, clamped), in both modes.
  bool identity = false;
};

/// Computes the rule N6 plan for multipliers `m` (one per channel, or one)
/// and output parameters `out` with the activation clamp of rule N6.3.
/// Float mode uses `floatM` where given (one per multiplier), else f32(m).
/// Reports on `op` and fails when a multiplier is out of range (rule N4).
FailureOr<RequantPlan> planRequant(Operation *op, ArrayRef<double> m,
                                   const QuantParams &out, Activation act,
                                   ArrayRef<float> floatM = {});

/// Rule N6.2's f32 multiplier of a product layer (conv2d, depthwise_conv2d,
/// fully_connected): f32(f32(s_x) * f32(s_w)) / f32(s_y) in f32 arithmetic,
/// the order in which ONNX Runtime computes it.
float productFloatMultiplier(double sx, double sw, double sy);

/// Rule N6 for an i32 accumulator (scalar or vector). `args` holds the
/// channel's plan values: multiplier, left shift, right shift and zero point
/// (i32) in fixed-point mode; f32 multiplier and zero point in float mode.
Value emitRequantize(OpBuilder &b, Location loc, RequantMode mode, Value acc,
                     ValueRange args, const RequantPlan &plan);

} // namespace mlir::qnn

#endif // QNN_CONVERSION_QNNTOLINALG_FIXEDPOINT_H
