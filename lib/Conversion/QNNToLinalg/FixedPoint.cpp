//===- FixedPoint.cpp - gemmlowp fixed-point arithmetic in arith ----------===//

#include "qnn/Conversion/QNNToLinalg/FixedPoint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <cmath>
#include <cstdint>

using namespace mlir;
using namespace mlir::qnn;

// The emitters work on scalars and on vectors alike: types and constants
// follow the shape of their operands.

/// `elt`, or a vector of `elt` shaped like `like`.
static Type shapedLike(Value like, Type elt) {
  if (auto v = dyn_cast<VectorType>(like.getType()))
    return v.clone(elt);
  return elt;
}

/// An integer constant of type `t` (a scalar or a splat vector).
static Value cst(OpBuilder &b, Location loc, Type t, int64_t v) {
  if (auto vt = dyn_cast<VectorType>(t))
    return arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(
            vt, APInt(vt.getElementTypeBitWidth(), v, /*isSigned=*/true)));
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(t, v));
}

Value mlir::qnn::emitSaturatingRoundingDoublingHighMul(OpBuilder &b,
                                                       Location loc, Value a,
                                                       Value c) {
  Type i32 = a.getType(), i64 = shapedLike(a, b.getI64Type());
  Value a64 = arith::ExtSIOp::create(b, loc, i64, a);
  Value c64 = arith::ExtSIOp::create(b, loc, i64, c);
  Value ab = arith::MulIOp::create(b, loc, a64, c64);
  Value zero = cst(b, loc, i64, 0);
  Value nonNeg =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, ab, zero);
  Value nudge =
      arith::SelectOp::create(b, loc, nonNeg, cst(b, loc, i64, 1ll << 30),
                              cst(b, loc, i64, 1 - (1ll << 30)));
  Value sum = arith::AddIOp::create(b, loc, ab, nudge);
  // Division truncating toward zero, as gemmlowp's integer division.
  Value q = arith::DivSIOp::create(b, loc, sum, cst(b, loc, i64, 1ll << 31));
  Value res = arith::TruncIOp::create(b, loc, i32, q);
  Value minV = cst(b, loc, i32, INT32_MIN);
  Value aMin = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, a, minV);
  Value cMin = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, c, minV);
  Value overflow = arith::AndIOp::create(b, loc, aMin, cMin);
  return arith::SelectOp::create(b, loc, overflow, cst(b, loc, i32, INT32_MAX),
                                 res);
}

Value mlir::qnn::emitRoundingDivideByPOT(OpBuilder &b, Location loc, Value x,
                                         Value exponent) {
  Type i32 = x.getType();
  Value one = cst(b, loc, i32, 1);
  Value zero = cst(b, loc, i32, 0);
  // mask = 2^e - 1; for e = 31 the shift gives INT32_MIN and the wrap-around
  // subtraction 0x7fffffff, as in gemmlowp.
  Value mask = arith::SubIOp::create(
      b, loc, arith::ShLIOp::create(b, loc, one, exponent), one);
  Value rem = arith::AndIOp::create(b, loc, x, mask);
  Value neg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x, zero);
  Value thr =
      arith::AddIOp::create(b, loc, arith::ShRSIOp::create(b, loc, mask, one),
                            arith::ExtUIOp::create(b, loc, i32, neg));
  Value up = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, rem, thr);
  return arith::AddIOp::create(b, loc,
                               arith::ShRSIOp::create(b, loc, x, exponent),
                               arith::ExtUIOp::create(b, loc, i32, up));
}

Value mlir::qnn::emitSaturateToI32(OpBuilder &b, Location loc, Value x64) {
  Type i64 = x64.getType();
  Value lo = cst(b, loc, i64, INT32_MIN), hi = cst(b, loc, i64, INT32_MAX);
  Value c = arith::MinSIOp::create(b, loc,
                                   arith::MaxSIOp::create(b, loc, x64, lo), hi);
  return arith::TruncIOp::create(b, loc, shapedLike(x64, b.getI32Type()), c);
}

Value mlir::qnn::emitMultiplyByQuantizedMultiplier(OpBuilder &b, Location loc,
                                                   Value x, Value multiplier,
                                                   Value leftShift,
                                                   Value rightShift) {
  Type i64 = shapedLike(x, b.getI64Type());
  // Pre-shift in i64 (left <= 30 by rule N4) and saturate (rule N5).
  Value x64 = arith::ExtSIOp::create(b, loc, i64, x);
  Value sh = arith::ExtUIOp::create(b, loc, i64, leftShift);
  Value shifted =
      emitSaturateToI32(b, loc, arith::ShLIOp::create(b, loc, x64, sh));
  Value high =
      emitSaturatingRoundingDoublingHighMul(b, loc, shifted, multiplier);
  return emitRoundingDivideByPOT(b, loc, high, rightShift);
}
