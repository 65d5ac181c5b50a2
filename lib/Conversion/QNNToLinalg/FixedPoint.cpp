//===- FixedPoint.cpp - gemmlowp fixed-point arithmetic in arith ----------===//

#include "qnn/Conversion/QNNToLinalg/FixedPoint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>
#include <cstdlib>
#include <optional>
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

/// A float constant of type `t` (a scalar or a splat vector).
static Value fcst(OpBuilder &b, Location loc, Type t, float v) {
  if (auto vt = dyn_cast<VectorType>(t))
    return arith::ConstantOp::create(b, loc, DenseElementsAttr::get(vt, v));
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
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
                                                       Value c,
                                                       bool multiplierNeverMin) {
  Type i32 = a.getType(), i64 = shapedLike(a, b.getI64Type());
  Value a64 = arith::ExtSIOp::create(b, loc, i64, a);
  Value c64 = arith::ExtSIOp::create(b, loc, i64, c);
  Value ab = arith::MulIOp::create(b, loc, a64, c64);
  // gemmlowp adds a nudge of 2^30 (ab >= 0) or 1 - 2^30 (ab < 0) and
  // divides by 2^31 truncating toward zero. For ab < 0 the truncating
  // quotient of ab + 1 - 2^30 is the floor of (ab + 1 - 2^30 + 2^31 - 1) /
  // 2^31, so both cases are floor((ab + 2^30) / 2^31): one add and an
  // arithmetic shift, no select or signed division.
  Value sum = arith::AddIOp::create(b, loc, ab, cst(b, loc, i64, 1ll << 30));
  Value q = arith::ShRSIOp::create(b, loc, sum, cst(b, loc, i64, 31));
  Value res = arith::TruncIOp::create(b, loc, i32, q);
  if (multiplierNeverMin)
    return res;
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

IntegerType mlir::qnn::getContainerType(MLIRContext *ctx, unsigned width) {
  return IntegerType::get(ctx, width <= 8 ? 8 : width <= 16 ? 16 : 32);
}

/// Clamps an i64 value to [lo, hi] and truncates it to the container.
Value mlir::qnn::clampToContainer(OpBuilder &b, Location loc, Value v64,
                                  int64_t lo, int64_t hi, Type container) {
  Type i64 = v64.getType();
  Value loV = cst(b, loc, i64, lo);
  Value hiV = cst(b, loc, i64, hi);
  Value c = arith::MinSIOp::create(
      b, loc, arith::MaxSIOp::create(b, loc, v64, loV), hiV);
  return arith::TruncIOp::create(b, loc, shapedLike(v64, container), c);
}

/// Converts a rounded f32 value to i64 without overflow: the value is first
/// clamped to +-2^40, far outside every storage range, so that the later
/// integer clamp decides. With `saturateToI32` the result is then saturated
/// to the i32 range (rules N6.2 and N11.2 convert to i32 with saturation).
Value mlir::qnn::emitRoundedF32ToI64(OpBuilder &b, Location loc, Value r,
                                     bool saturateToI32) {
  Type i64 = shapedLike(r, b.getI64Type());
  const float bound = 1099511627776.0f; // 2^40
  Value big = fcst(b, loc, r.getType(), bound);
  Value nbig = fcst(b, loc, r.getType(), -bound);
  r = arith::MinimumFOp::create(
      b, loc, arith::MaximumFOp::create(b, loc, r, nbig), big);
  Value v = arith::FPToSIOp::create(b, loc, i64, r);
  if (!saturateToI32)
    return v;
  return arith::ExtSIOp::create(b, loc, i64, emitSaturateToI32(b, loc, v));
}

/// Computes the rule N6 plan for multipliers `m` (one per channel, or one)
/// and output parameters `out` with the activation clamp of rule N6.3.
float mlir::qnn::productFloatMultiplier(double sx, double sw, double sy) {
  float product = static_cast<float>(sx) * static_cast<float>(sw);
  return product / static_cast<float>(sy);
}

FailureOr<RequantPlan> mlir::qnn::planRequant(Operation *op, ArrayRef<double> m,
                                              const QuantParams &out,
                                              Activation act,
                                              ArrayRef<float> floatM) {
  RequantPlan plan;
  size_t n = std::max(m.size(), out.zeroPoints.size());
  for (size_t c = 0; c < n; ++c) {
    double mc = m[m.size() == 1 ? 0 : c];
    FailureOr<FixedPointMultiplier> fp = quantizeMultiplier(mc);
    if (failed(fp)) {
      op->emitOpError() << "requantization multiplier " << mc
                        << " is too large (rule N4)";
      return failure();
    }
    plan.multiplier.push_back(fp->multiplier);
    plan.leftShift.push_back(std::max(fp->shift, 0));
    plan.rightShift.push_back(std::max(-fp->shift, 0));
    plan.floatMultiplier.push_back(
        floatM.empty() ? static_cast<float>(mc)
                       : floatM[floatM.size() == 1 ? 0 : c]);
    plan.zeroPoint.push_back(out.zeroPoint(c));
  }
  plan.lo = out.qmin;
  plan.hi = out.qmax;
  if (act != Activation::none) {
    int64_t zp = out.zeroPoint(0);
    plan.lo = std::max(out.qmin, zp);
    if (act == Activation::relu6) {
      // Compared in double first: round(6 / s) can exceed the int64 range.
      double six = std::round(6.0 / out.scale(0));
      if (six < static_cast<double>(out.qmax - zp))
        plan.hi = std::min(out.qmax, zp + static_cast<int64_t>(six));
    }
  }
  plan.container = getContainerType(op->getContext(), out.width);
  return plan;
}

/// Emits rule N6 for one i32 accumulator; `args` holds the plan values in
/// the order produced by `requantInputs` (mode dependent).
/// The zero point shared by all channels when there is one and the clamp
/// bounds shifted by it stay within +-2^24 (exact in f32, fitting i32), so
/// the requantized value can be clamped before the zero point is added.
static std::optional<int64_t> getSmallUniformZeroPoint(const RequantPlan &plan) {
  ArrayRef<int64_t> zps = plan.zeroPoint;
  if (zps.empty() ||
      !llvm::all_of(zps, [&](int64_t z) { return z == zps.front(); }))
    return std::nullopt;
  int64_t z = zps.front(), limit = 1 << 24;
  if (std::abs(plan.lo - z) > limit || std::abs(plan.hi - z) > limit ||
      std::abs(z) > limit)
    return std::nullopt;
  return z;
}

/// y + zp clamped to [plan.lo, plan.hi] and truncated to the container,
/// for an i32 `y`. With one small zero point z for all channels this is
/// clamp(y, lo - z, hi - z) + z in i32, the same value without widening to
/// i64.
static Value addZeroPointAndClamp(OpBuilder &b, Location loc, Value y,
                                  Value zp, const RequantPlan &plan) {
  Type i64 = shapedLike(y, b.getI64Type());
  if (std::optional<int64_t> zp0 = getSmallUniformZeroPoint(plan)) {
    int64_t z = *zp0;
    Type i32 = y.getType();
    Value c = arith::MinSIOp::create(
        b, loc, arith::MaxSIOp::create(b, loc, y, cst(b, loc, i32, plan.lo - z)),
        cst(b, loc, i32, plan.hi - z));
    Value sum = arith::AddIOp::create(b, loc, c, cst(b, loc, i32, z));
    if (plan.container == b.getI32Type())
      return sum;
    return arith::TruncIOp::create(b, loc, shapedLike(y, plan.container), sum);
  }
  Value sum =
      arith::AddIOp::create(b, loc, arith::ExtSIOp::create(b, loc, i64, y),
                            arith::ExtSIOp::create(b, loc, i64, zp));
  return clampToContainer(b, loc, sum, plan.lo, plan.hi, plan.container);
}

Value mlir::qnn::emitRequantize(OpBuilder &b, Location loc, RequantMode mode,
                                Value acc, ValueRange args,
                                const RequantPlan &plan) {
  Type i64 = shapedLike(acc, b.getI64Type());
  if (plan.identity)
    return addZeroPointAndClamp(b, loc, acc,
                                args[mode == RequantMode::FixedPoint ? 3 : 1],
                                plan);
  if (mode == RequantMode::FixedPoint) {
    // args: multiplier, left, right, zero point. Without a left shift
    // (every M < 1, the usual case) the saturating pre-shift is the
    // identity and is left out; multipliers of rule N4 are >= 2^30, never
    // INT32_MIN.
    Value y;
    if (!plan.leftShift.empty() &&
        llvm::all_of(plan.leftShift, [](int64_t l) { return l == 0; })) {
      bool neverMin = llvm::all_of(
          plan.multiplier, [](int64_t m) { return m != INT32_MIN; });
      Value high =
          emitSaturatingRoundingDoublingHighMul(b, loc, acc, args[0], neverMin);
      y = emitRoundingDivideByPOT(b, loc, high, args[2]);
    } else {
      y = emitMultiplyByQuantizedMultiplier(b, loc, acc, args[0], args[1],
                                            args[2]);
    }
    return addZeroPointAndClamp(b, loc, y, args[3], plan);
  }
  // args: f32 multiplier, zero point.
  Type f32 = shapedLike(acc, b.getF32Type());
  Value f = arith::SIToFPOp::create(b, loc, f32, acc);
  Value r = math::RoundEvenOp::create(
      b, loc, arith::MulFOp::create(b, loc, f, args[0]));
  if (std::optional<int64_t> zp0 = getSmallUniformZeroPoint(plan)) {
    // One small zero point z: clamp the integral f32 value to [lo - z, hi - z]
    // (small integers, exact in f32) before converting, then add z in i32;
    // the same value as the saturating i64 path below.
    int64_t z = *zp0;
    Value c = arith::MinimumFOp::create(
        b, loc,
        arith::MaximumFOp::create(b, loc, r,
                                  fcst(b, loc, f32, float(plan.lo - z))),
        fcst(b, loc, f32, float(plan.hi - z)));
    Type i32 = shapedLike(acc, b.getI32Type());
    Value sum = arith::AddIOp::create(
        b, loc, arith::FPToSIOp::create(b, loc, i32, c), cst(b, loc, i32, z));
    if (plan.container == b.getI32Type())
      return sum;
    return arith::TruncIOp::create(b, loc, shapedLike(acc, plan.container),
                                   sum);
  }
  Value r64 = emitRoundedF32ToI64(b, loc, r, /*saturateToI32=*/true);
  Value sum = arith::AddIOp::create(
      b, loc, r64, arith::ExtSIOp::create(b, loc, i64, args[1]));
  return clampToContainer(b, loc, sum, plan.lo, plan.hi, plan.container);
}
