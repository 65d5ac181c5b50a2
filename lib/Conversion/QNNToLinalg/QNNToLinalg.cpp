//===- QNNToLinalg.cpp - reference lowering of qnn ops --------------------===//
//
// Each qnn op becomes linalg.generic loop nests whose bodies follow
// docs/numerics.md rule by rule. The lowering favours obviousness over speed:
// it is the oracle optimized kernels are checked against.
//
//===----------------------------------------------------------------------===//

#include "qnn/Conversion/QNNToLinalg/QNNToLinalg.h"
#include "qnn/Conversion/QNNToLinalg/FixedPoint.h"
#include "qnn/Dialect/QNN/IR/QNN.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/BuiltinOps.h"

#include <cmath>

namespace mlir::qnn {
#define GEN_PASS_DEF_CONVERTQNNTOLINALG
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

std::optional<RequantMode> mlir::qnn::parseRequantMode(StringRef name) {
  if (name == "fixed-point")
    return RequantMode::FixedPoint;
  if (name == "float")
    return RequantMode::Float;
  return std::nullopt;
}

FailureOr<RequantMode> mlir::qnn::parseRequantModeOption(Operation *op,
                                                         StringRef name) {
  if (std::optional<RequantMode> mode = parseRequantMode(name))
    return *mode;
  return op->emitError() << "invalid requant-mode '" << name
                         << "': expected 'fixed-point' or 'float'";
}

/// The quantized types the lowering gives a container: uniform ones.
static bool isUniformQuantized(Type t) {
  return isa<quant::UniformQuantizedType, quant::UniformQuantizedPerAxisType>(
      t);
}

QNNTypeConverter::QNNTypeConverter() {
  addConversion([](Type t) { return t; });
  addConversion([](quant::QuantizedType q) -> Type {
    if (!isUniformQuantized(q))
      return q;
    return getContainerType(q.getContext(), q.getStorageTypeIntegralWidth());
  });
  addConversion([](RankedTensorType t) -> Type {
    Type elt = t.getElementType();
    if (isUniformQuantized(elt))
      return RankedTensorType::get(
          t.getShape(),
          getContainerType(
              t.getContext(),
              cast<quant::QuantizedType>(elt).getStorageTypeIntegralWidth()));
    if (isa<CodebookType>(elt))
      return RankedTensorType::get(t.getShape(),
                                   IntegerType::get(t.getContext(), 8));
    if (isa<BinaryType>(elt) && t.getRank() > 0) {
      SmallVector<int64_t> shape(t.getShape());
      if (!ShapedType::isDynamic(shape.back()))
        shape.back() = getNumBinaryWords(shape.back());
      return RankedTensorType::get(shape, IntegerType::get(t.getContext(), 64));
    }
    return t;
  });
}

//===----------------------------------------------------------------------===//
// Building blocks
//===----------------------------------------------------------------------===//

namespace {

/// An input of a linalg.generic: a tensor and how the loops index it.
struct GenericInput {
  Value tensor;
  AffineMap map;
};

/// Shared state of one lowering.
struct Emitter {
  OpBuilder &b;
  Location loc;
  RequantMode mode;

  MLIRContext *ctx() { return b.getContext(); }

  Value intCst(Type t, int64_t v) {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(t, v));
  }
  Value f32Cst(float v) {
    return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
  }

  /// A 1-D constant tensor of per-channel values.
  Value channelTensor(ArrayRef<int64_t> values, Type elt) {
    auto type = RankedTensorType::get({(int64_t)values.size()}, elt);
    SmallVector<APInt> ints;
    for (int64_t v : values)
      ints.push_back(APInt(elt.getIntOrFloatBitWidth(), v, /*isSigned=*/true));
    return arith::ConstantOp::create(b, loc,
                                     DenseElementsAttr::get(type, ints));
  }
  Value channelTensorF32(ArrayRef<float> values) {
    auto type = RankedTensorType::get({(int64_t)values.size()}, b.getF32Type());
    return arith::ConstantOp::create(b, loc,
                                     DenseElementsAttr::get(type, values));
  }

  /// The map reading a per-channel tensor: `dim` of `numDims` loops, or the
  /// single element when there is one value for every channel.
  AffineMap channelMap(unsigned numDims, int64_t dim, size_t count) {
    if (count == 1 || dim < 0)
      return AffineMap::get(numDims, 0, b.getAffineConstantExpr(0), ctx());
    return AffineMap::get(numDims, 0, b.getAffineDimExpr(dim), ctx());
  }

  Value empty(ArrayRef<int64_t> shape, Type elt) {
    return tensor::EmptyOp::create(b, loc, shape, elt);
  }

  /// Builds a linalg.generic with one result whose init is `init`, indexed
  /// by `outMap`; `body` gets the scalar inputs followed by the accumulator
  /// and returns the value to yield.
  Value generic(ArrayRef<GenericInput> inputs, Value init, AffineMap outMap,
                ArrayRef<utils::IteratorType> iters,
                function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
    SmallVector<Value> ins;
    SmallVector<AffineMap> maps;
    for (const GenericInput &in : inputs) {
      ins.push_back(in.tensor);
      maps.push_back(in.map);
    }
    maps.push_back(outMap);
    auto op = linalg::GenericOp::create(
        b, loc, TypeRange{init.getType()}, ins, ValueRange{init}, maps, iters,
        /*doc=*/"", /*libraryCall=*/"",
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          linalg::YieldOp::create(nb, nl, body(nb, nl, args));
        });
    return op.getResult(0);
  }

  /// An elementwise generic over tensors of one shape.
  Value
  elementwise(ArrayRef<GenericInput> extraInputs, ValueRange sameShape,
              RankedTensorType outType,
              function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
    unsigned rank = outType.getRank();
    SmallVector<GenericInput> inputs;
    for (Value v : sameShape)
      inputs.push_back({v, b.getMultiDimIdentityMap(rank)});
    inputs.append(extraInputs.begin(), extraInputs.end());
    SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
    return generic(inputs, empty(outType.getShape(), outType.getElementType()),
                   b.getMultiDimIdentityMap(rank), iters, body);
  }

  /// Pads the spatial dims (1 and 2) of an NHWC tensor with `value`.
  Value padNHWC(Value x, ArrayRef<int64_t> pad, Value value) {
    if (llvm::all_of(pad, [](int64_t p) { return p == 0; }))
      return x;
    auto t = cast<RankedTensorType>(x.getType());
    SmallVector<int64_t> shape(t.getShape());
    shape[1] += pad[0] + pad[1];
    shape[2] += pad[2] + pad[3];
    SmallVector<OpFoldResult> lo = {b.getIndexAttr(0), b.getIndexAttr(pad[0]),
                                    b.getIndexAttr(pad[2]), b.getIndexAttr(0)};
    SmallVector<OpFoldResult> hi = {b.getIndexAttr(0), b.getIndexAttr(pad[1]),
                                    b.getIndexAttr(pad[3]), b.getIndexAttr(0)};
    return tensor::PadOp::create(
        b, loc, RankedTensorType::get(shape, t.getElementType()), x, lo, hi,
        value);
  }
};

/// Extends a container integer to i32 according to the storage signedness.
Value extendToI32(OpBuilder &b, Location loc, Value v, bool isSigned) {
  Type i32 = b.getI32Type();
  if (v.getType() == i32)
    return v;
  if (isSigned)
    return arith::ExtSIOp::create(b, loc, i32, v);
  return arith::ExtUIOp::create(b, loc, i32, v);
}

/// q - zp computed exactly: in i32 for storage up to 16 bits, in i64 for
/// wider storage, where the difference can leave the i32 range (`zp32` is
/// i32).
Value emitSubZeroPoint(OpBuilder &b, Location loc, Value q,
                       const QuantParams &p, Value zp32) {
  if (p.width <= 16)
    return arith::SubIOp::create(b, loc, extendToI32(b, loc, q, p.isSigned),
                                 zp32);
  Type i64 = b.getI64Type();
  Value q64 = p.isSigned ? arith::ExtSIOp::create(b, loc, i64, q).getResult()
                         : arith::ExtUIOp::create(b, loc, i64, q).getResult();
  return arith::SubIOp::create(b, loc, q64,
                               arith::ExtSIOp::create(b, loc, i64, zp32));
}

/// The generic inputs carrying `plan` for channel loop `dim` of `numDims`.
SmallVector<GenericInput> requantInputs(Emitter &e, const RequantPlan &plan,
                                        unsigned numDims, int64_t dim) {
  Type i32 = e.b.getI32Type();
  size_t n = plan.zeroPoint.size();
  AffineMap map = e.channelMap(numDims, dim, n);
  SmallVector<GenericInput> ins;
  if (e.mode == RequantMode::FixedPoint) {
    ins.push_back({e.channelTensor(plan.multiplier, i32), map});
    ins.push_back({e.channelTensor(plan.leftShift, i32), map});
    ins.push_back({e.channelTensor(plan.rightShift, i32), map});
  } else {
    ins.push_back({e.channelTensorF32(plan.floatMultiplier), map});
  }
  ins.push_back({e.channelTensor(plan.zeroPoint, i32), map});
  return ins;
}

/// Requantizes an i32 accumulator tensor elementwise; `channelDim` is the
/// dimension the per-channel plan follows.
Value requantizeTensor(Emitter &e, Value acc, int64_t channelDim,
                       const RequantPlan &plan, RankedTensorType outType) {
  unsigned rank = outType.getRank();
  SmallVector<GenericInput> extra = requantInputs(e, plan, rank, channelDim);
  RequantMode mode = e.mode;
  return e.elementwise(extra, ValueRange{acc}, outType,
                       [&](OpBuilder &b, Location loc, ValueRange args) {
                         return emitRequantize(b, loc, mode, args[0],
                                               args.drop_front().drop_back(),
                                               plan);
                       });
}

/// Rule N2 for one f32 value: round half to even, add the zero point,
/// saturate; NaN gives the zero point.
Value emitQuantizeScalar(OpBuilder &b, Location loc, Value x, Value scale,
                         Value zp32, int64_t qmin, int64_t qmax,
                         Type container) {
  Type i64 = b.getI64Type(), f32 = b.getF32Type();
  Value r = math::RoundEvenOp::create(b, loc,
                                      arith::DivFOp::create(b, loc, x, scale));
  Value isNan = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, r, r);
  Value zeroF = arith::ConstantOp::create(b, loc, b.getFloatAttr(f32, 0.0));
  r = arith::SelectOp::create(b, loc, isNan, zeroF, r);
  Value sum = arith::AddIOp::create(
      b, loc, emitRoundedF32ToI64(b, loc, r, /*saturateToI32=*/false),
      arith::ExtSIOp::create(b, loc, i64, zp32));
  return clampToContainer(b, loc, sum, qmin, qmax, container);
}

/// The rule N2 constants of a quantized type along `dim` of `rank` loops.
SmallVector<GenericInput> scaleZpInputs(Emitter &e, const QuantParams &p,
                                        unsigned rank) {
  SmallVector<float> scales;
  for (double s : p.scales)
    scales.push_back(static_cast<float>(s));
  AffineMap map = e.channelMap(rank, p.axis, p.scales.size());
  return {{e.channelTensorF32(scales), map},
          {e.channelTensor(p.zeroPoints, e.b.getI32Type()), map}};
}

/// Rule N3 on a whole tensor: f32(q - zp) * f32(s), the difference exact
/// (in i64) before its conversion.
Value dequantizeTensor(Emitter &e, Value q, const QuantParams &p,
                       ArrayRef<int64_t> shape) {
  auto outType = RankedTensorType::get(shape, e.b.getF32Type());
  return e.elementwise(
      scaleZpInputs(e, p, shape.size()), q, outType,
      [&](OpBuilder &b, Location loc, ValueRange a) {
        Value d = emitSubZeroPoint(b, loc, a[0], p, a[2]);
        Value f = arith::SIToFPOp::create(b, loc, b.getF32Type(), d);
        return arith::MulFOp::create(b, loc, f, a[1]).getResult();
      });
}

SmallVector<utils::IteratorType> iterators(unsigned parallel,
                                           unsigned reduction) {
  SmallVector<utils::IteratorType> it(parallel, utils::IteratorType::parallel);
  it.append(reduction, utils::IteratorType::reduction);
  return it;
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

template <typename Op> struct QNNPattern : public OpConversionPattern<Op> {
  QNNPattern(const TypeConverter &tc, MLIRContext *ctx, RequantMode mode)
      : OpConversionPattern<Op>(tc, ctx), mode(mode) {}

  RankedTensorType convertedResult(Op op) const {
    return cast<RankedTensorType>(
        this->getTypeConverter()->convertType(op.getOutput().getType()));
  }

  RequantMode mode;
};

/// Rule N2; also used for upstream `quant.qcast` on tensors.
template <typename Op>
struct QuantizeLoweringImpl : public OpConversionPattern<Op> {
  QuantizeLoweringImpl(const TypeConverter &tc, MLIRContext *ctx,
                       RequantMode mode)
      : OpConversionPattern<Op>(tc, ctx), mode(mode) {}
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    std::optional<QuantParams> qp =
        resultType ? getQuantParams(resultType) : std::nullopt;
    if (!qp || !cast<RankedTensorType>(adaptor.getInput().getType())
                    .getElementType()
                    .isF32())
      return rewriter.notifyMatchFailure(op,
                                         "expects f32 -> quantized tensors");
    Emitter e{rewriter, op.getLoc(), mode};
    QuantParams p = *qp;
    auto outType = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(resultType));
    Type container = outType.getElementType();
    Value r = e.elementwise(
        scaleZpInputs(e, p, outType.getRank()), adaptor.getInput(), outType,
        [&](OpBuilder &b, Location loc, ValueRange a) {
          return emitQuantizeScalar(b, loc, a[0], a[1], a[2], p.qmin, p.qmax,
                                    container);
        });
    rewriter.replaceOp(op, r);
    return success();
  }
  RequantMode mode;
};
using QuantizeLowering = QuantizeLoweringImpl<QuantizeOp>;
using QuantizeCastLowering = QuantizeLoweringImpl<quant::QuantizeCastOp>;

/// Rule N3; also used for upstream `quant.dcast` on tensors.
template <typename Op>
struct DequantizeLoweringImpl : public OpConversionPattern<Op> {
  DequantizeLoweringImpl(const TypeConverter &tc, MLIRContext *ctx,
                         RequantMode mode)
      : OpConversionPattern<Op>(tc, ctx), mode(mode) {}
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto inType = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
    auto outType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    std::optional<QuantParams> qp =
        inType ? getQuantParams(inType) : std::nullopt;
    if (!qp || !outType || !outType.getElementType().isF32())
      return rewriter.notifyMatchFailure(op,
                                         "expects quantized -> f32 tensors");
    Emitter e{rewriter, op.getLoc(), mode};
    Value r = dequantizeTensor(e, adaptor.getInput(), *qp, outType.getShape());
    rewriter.replaceOp(op, r);
    return success();
  }
  RequantMode mode;
};
using DequantizeLowering = DequantizeLoweringImpl<DequantizeOp>;
using DequantizeCastLowering = DequantizeLoweringImpl<quant::DequantizeCastOp>;

/// Upstream `quant.scast` between a storage integer tensor and a quantized
/// tensor: a no-op, or a sign/zero extension or truncation when the storage
/// is narrower than its container (rule N1.4). This is how constant
/// quantized weights enter: `arith.constant dense<...> : tensor<..xi8>`
/// followed by `quant.scast`.
struct StorageCastLowering : public OpConversionPattern<quant::StorageCastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(quant::StorageCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto inType = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
    auto outType = dyn_cast_or_null<RankedTensorType>(
        getTypeConverter()->convertType(op.getResult().getType()));
    if (!inType || !outType)
      return rewriter.notifyMatchFailure(op, "expects ranked tensors");
    if (inType == outType) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    std::optional<QuantParams> p = getQuantParams(op.getResult().getType());
    if (!p)
      p = getQuantParams(op.getInput().getType());
    if (!p)
      return rewriter.notifyMatchFailure(op, "not a uniform quantized cast");
    Location loc = op.getLoc();
    Emitter e{rewriter, loc, RequantMode::FixedPoint};
    unsigned inWidth = inType.getElementType().getIntOrFloatBitWidth();
    unsigned outWidth = outType.getElementType().getIntOrFloatBitWidth();
    Type outElt = outType.getElementType();
    bool isSigned = p->isSigned;
    Value r =
        e.elementwise({}, adaptor.getInput(), outType,
                      [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                        if (outWidth < inWidth)
                          return arith::TruncIOp::create(b, l, outElt, a[0]);
                        if (isSigned)
                          return arith::ExtSIOp::create(b, l, outElt, a[0]);
                        return arith::ExtUIOp::create(b, l, outElt, a[0]);
                      });
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// Rule N7 on a converted input tensor; shared with concat.
FailureOr<Value> emitRequantizeTensor(Emitter &e, Operation *op, Value input,
                                      const QuantParams &in,
                                      const QuantParams &out,
                                      RankedTensorType outType) {
  int64_t axis = in.isPerTensor() ? out.axis : in.axis;
  size_t n = std::max(in.scales.size(), out.scales.size());
  SmallVector<double> m;
  SmallVector<int64_t> zpIn;
  for (size_t c = 0; c < n; ++c) {
    m.push_back(in.scale(c) / out.scale(c));
    zpIn.push_back(in.zeroPoint(c));
  }
  QuantParams outAligned = out;
  if (out.isPerTensor() && n > 1) {
    outAligned.zeroPoints.assign(n, out.zeroPoint(0));
    outAligned.scales.assign(n, out.scale(0));
    outAligned.axis = axis;
  }
  FailureOr<RequantPlan> plan =
      planRequant(op, m, outAligned, Activation::none);
  if (failed(plan))
    return failure();
  unsigned rank = outType.getRank();
  SmallVector<GenericInput> extra = requantInputs(e, *plan, rank, axis);
  extra.push_back({e.channelTensor(zpIn, e.b.getI32Type()),
                   e.channelMap(rank, axis, zpIn.size())});
  RequantMode mode = e.mode;
  return e.elementwise(
      extra, ValueRange{input}, outType,
      [&](OpBuilder &b, Location loc, ValueRange a) {
        Value acc = emitSubZeroPoint(b, loc, a[0], in, a[a.size() - 2]);
        if (!acc.getType().isInteger(32))
          acc = emitSaturateToI32(b, loc, acc);
        return emitRequantize(b, loc, mode, acc, a.drop_front().drop_back(2),
                              *plan);
      });
}

struct RequantizeLowering : QNNPattern<RequantizeOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(RequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc(), mode};
    FailureOr<Value> r = emitRequantizeTensor(
        e, op, adaptor.getInput(), *getQuantParams(op.getInput().getType()),
        *getQuantParams(op.getOutput().getType()), convertedResult(op));
    if (failed(r))
      return failure();
    rewriter.replaceOp(op, *r);
    return success();
  }
};

/// The i32 accumulator init: the bias read through `biasMap`, or 0.
Value accumulatorInit(Emitter &e, Value bias, ArrayRef<int64_t> shape,
                      AffineMap biasMap) {
  Type i32 = e.b.getI32Type();
  Value init = e.empty(shape, i32);
  if (!bias)
    return linalg::FillOp::create(e.b, e.loc, e.intCst(i32, 0), init)
        .getResult(0);
  unsigned rank = shape.size();
  return e.generic({{bias, biasMap}}, init, e.b.getMultiDimIdentityMap(rank),
                   iterators(rank, 0),
                   [](OpBuilder &, Location, ValueRange a) { return a[0]; });
}

/// Body of the integer multiply-accumulate: acc + (x - zx) * (w - zw).
Value emitMac(OpBuilder &b, Location loc, Value x, bool xSigned, Value zx,
              Value w, bool wSigned, Value zw, Value acc) {
  Value xi = arith::SubIOp::create(b, loc, extendToI32(b, loc, x, xSigned), zx);
  Value wi = arith::SubIOp::create(b, loc, extendToI32(b, loc, w, wSigned), zw);
  return arith::AddIOp::create(b, loc, acc,
                               arith::MulIOp::create(b, loc, xi, wi));
}

/// The loop nest of an integer multiply-accumulate op: what distinguishes
/// conv2d, depthwise_conv2d and fully_connected.
struct MacNest {
  unsigned numLoops = 0, numParallel = 0;
  /// How the loops index the (padded) input, the weights, the weight zero
  /// points (a loop, or -1 for per tensor), the accumulator and the bias.
  AffineMap input, weight, acc, bias;
  int64_t weightZpLoop = -1;
  SmallVector<int64_t> accShape;
  /// Spatial NHWC padding of the input (rule N8.4), empty for none.
  SmallVector<int64_t> pad;
  /// Folds the accumulator into the result shape, empty for none.
  SmallVector<ReassociationIndices> collapse;
  /// Output channel oc uses weight scale oc / outputsPerWeightScale.
  int64_t outputsPerWeightScale = 1;
};

/// Rules N8-N10: pad the input with its zero point, accumulate
/// (x - zx) * (w - zw) over `nest` on top of the bias, and requantize per
/// output channel (last dimension) with the fused activation.
template <typename Op> struct IntegerMacLowering : QNNPattern<Op> {
  using QNNPattern<Op>::QNNPattern;
  using OpAdaptor = typename Op::Adaptor;

  virtual MacNest getNest(Op op, RankedTensorType outType) const = 0;

  LogicalResult
  matchAndRewrite(Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc(), this->mode};
    QuantParams x = *getQuantParams(op.getInput().getType());
    QuantParams w = *getQuantParams(op.getWeight().getType());
    QuantParams y = *getQuantParams(op.getOutput().getType());
    RankedTensorType outType = this->convertedResult(op);
    MacNest nest = getNest(op, outType);
    Type i32 = rewriter.getI32Type();
    Value xIn = adaptor.getInput();
    if (!nest.pad.empty()) {
      Type xc = cast<RankedTensorType>(xIn.getType()).getElementType();
      xIn = e.padNHWC(xIn, nest.pad, e.intCst(xc, x.zeroPoint(0)));
    }
    Value acc = accumulatorInit(e, adaptor.getBias(), nest.accShape, nest.bias);
    Value zw = e.channelTensor(w.zeroPoints, i32);
    Value zx = e.intCst(i32, x.zeroPoint(0));
    acc =
        e.generic({{xIn, nest.input},
                   {adaptor.getWeight(), nest.weight},
                   {zw, e.channelMap(nest.numLoops, nest.weightZpLoop,
                                     w.zeroPoints.size())}},
                  acc, nest.acc,
                  iterators(nest.numParallel, nest.numLoops - nest.numParallel),
                  [&](OpBuilder &b, Location loc, ValueRange a) {
                    return emitMac(b, loc, a[0], x.isSigned, zx, a[1],
                                   w.isSigned, a[2], a[3]);
                  });
    if (!nest.collapse.empty())
      acc =
          tensor::CollapseShapeOp::create(rewriter, e.loc, acc, nest.collapse);
    // Rules N8.5, N9, N10: M[oc] = s_x * s_w[oc / outputsPerWeightScale] / s_y.
    SmallVector<double> m;
    SmallVector<float> mf;
    int64_t channels = outType.getShape().back();
    for (int64_t oc = 0; oc < (w.isPerTensor() ? 1 : channels); ++oc) {
      double sw = w.scale(oc / nest.outputsPerWeightScale);
      m.push_back(x.scale(0) * sw / y.scale(0));
      mf.push_back(productFloatMultiplier(x.scale(0), sw, y.scale(0)));
    }
    FailureOr<RequantPlan> plan =
        planRequant(op, m, y, op.getActivation(), mf);
    if (failed(plan))
      return failure();
    // Rule N6.0 (the verifier admits 32-bit results only then).
    plan->identity =
        y.width > 16 && llvm::all_of(m, [](double v) { return v == 1.0; });
    rewriter.replaceOp(
        op, requantizeTensor(e, acc, outType.getRank() - 1, *plan, outType));
    return success();
  }
};

struct Conv2DLowering : IntegerMacLowering<Conv2DOp> {
  using IntegerMacLowering::IntegerMacLowering;
  MacNest getNest(Conv2DOp op, RankedTensorType outType) const override {
    MLIRContext *ctx = op.getContext();
    ArrayRef<int64_t> s = op.getStride(), d = op.getDilation();
    // Loops: n, oh, ow, o | kh, kw, ic.
    AffineExpr n, oh, ow, o, kh, kw, ic;
    bindDims(ctx, n, oh, ow, o, kh, kw, ic);
    auto map = [&](ArrayRef<AffineExpr> r) {
      return AffineMap::get(7, 0, r, ctx);
    };
    MacNest nest;
    nest.numLoops = 7;
    nest.numParallel = 4;
    nest.input = map({n, oh * s[0] + kh * d[0], ow * s[1] + kw * d[1], ic});
    nest.weight = map({o, kh, kw, ic});
    nest.acc = map({n, oh, ow, o});
    nest.bias = AffineMap::get(4, 0, getAffineDimExpr(3, ctx), ctx);
    nest.weightZpLoop = 3;
    nest.accShape.assign(outType.getShape().begin(), outType.getShape().end());
    nest.pad.assign(op.getPad().begin(), op.getPad().end());
    return nest;
  }
};

struct DepthwiseConv2DLowering : IntegerMacLowering<DepthwiseConv2DOp> {
  using IntegerMacLowering::IntegerMacLowering;
  MacNest getNest(DepthwiseConv2DOp op,
                  RankedTensorType outType) const override {
    MLIRContext *ctx = op.getContext();
    ArrayRef<int64_t> s = op.getStride(), d = op.getDilation();
    ArrayRef<int64_t> ws = op.getWeight().getType().getShape();
    ArrayRef<int64_t> ys = outType.getShape();
    int64_t mult = ws[3];
    // Loops: n, oh, ow, c, m | kh, kw; the accumulator is [N, OH, OW, C, M]
    // and output channel c * M + m reads input channel c (rule N9).
    AffineExpr n, oh, ow, c, m, kh, kw;
    bindDims(ctx, n, oh, ow, c, m, kh, kw);
    auto map = [&](ArrayRef<AffineExpr> r) {
      return AffineMap::get(7, 0, r, ctx);
    };
    MacNest nest;
    nest.numLoops = 7;
    nest.numParallel = 5;
    nest.input = map({n, oh * s[0] + kh * d[0], ow * s[1] + kw * d[1], c});
    nest.weight = map({kh, kw, c, m});
    nest.acc = map({n, oh, ow, c, m});
    nest.bias = AffineMap::get(
        5, 0, getAffineDimExpr(3, ctx) * mult + getAffineDimExpr(4, ctx), ctx);
    nest.weightZpLoop = 3;
    nest.accShape = {ys[0], ys[1], ys[2], ws[2], mult};
    nest.pad.assign(op.getPad().begin(), op.getPad().end());
    nest.collapse = {{0}, {1}, {2}, {3, 4}};
    nest.outputsPerWeightScale = mult;
    return nest;
  }
};

struct FullyConnectedLowering : IntegerMacLowering<FullyConnectedOp> {
  using IntegerMacLowering::IntegerMacLowering;
  MacNest getNest(FullyConnectedOp op,
                  RankedTensorType outType) const override {
    MLIRContext *ctx = op.getContext();
    // Loops: n, o | k.
    AffineExpr n, o, k;
    bindDims(ctx, n, o, k);
    auto map = [&](ArrayRef<AffineExpr> r) {
      return AffineMap::get(3, 0, r, ctx);
    };
    MacNest nest;
    nest.numLoops = 3;
    nest.numParallel = 2;
    nest.input = map({n, k});
    nest.weight = map({o, k});
    nest.acc = map({n, o});
    nest.bias = AffineMap::get(2, 0, getAffineDimExpr(1, ctx), ctx);
    nest.weightZpLoop = 1;
    nest.accShape.assign(outType.getShape().begin(), outType.getShape().end());
    return nest;
  }
};

struct AddLowering : QNNPattern<AddOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc(), mode};
    QuantParams a = *getQuantParams(op.getLhs().getType());
    QuantParams bq = *getQuantParams(op.getRhs().getType());
    QuantParams y = *getQuantParams(op.getOutput().getType());
    RankedTensorType outType = convertedResult(op);
    FailureOr<RequantPlan> plan = planRequant(op, {1.0}, y, op.getActivation());
    if (failed(plan))
      return failure();
    Type i64 = rewriter.getI64Type();
    Value r;
    if (mode == RequantMode::FixedPoint) {
      // Rule N11.1 (TFLite): rescale both sides to 2*max(sa, sb) / 2^20.
      const int kLeftShift = 20;
      double twice = 2.0 * std::max(a.scale(0), bq.scale(0));
      FailureOr<FixedPointMultiplier> ma =
          quantizeMultiplier(a.scale(0) / twice);
      FailureOr<FixedPointMultiplier> mb =
          quantizeMultiplier(bq.scale(0) / twice);
      FailureOr<FixedPointMultiplier> my =
          quantizeMultiplier(twice / ((1 << kLeftShift) * y.scale(0)));
      if (failed(ma) || failed(mb) || failed(my))
        return op.emitOpError()
               << "rescaling multiplier out of range (rule N11.1)";
      auto fpArgs = [&](OpBuilder &b, Location loc, FixedPointMultiplier fp) {
        return std::array<Value, 3>{
            arith::ConstantOp::create(b, loc,
                                      b.getI32IntegerAttr(fp.multiplier)),
            arith::ConstantOp::create(
                b, loc, b.getI32IntegerAttr(std::max(fp.shift, 0))),
            arith::ConstantOp::create(
                b, loc, b.getI32IntegerAttr(std::max(-fp.shift, 0)))};
      };
      r = e.elementwise(
          {}, ValueRange{adaptor.getLhs(), adaptor.getRhs()}, outType,
          [&](OpBuilder &b, Location loc, ValueRange v) {
            auto side = [&](Value q, const QuantParams &p,
                            FixedPointMultiplier fp) {
              Value d = arith::SubIOp::create(
                  b, loc, extendToI32(b, loc, q, p.isSigned),
                  arith::ConstantOp::create(
                      b, loc, b.getI32IntegerAttr(p.zeroPoint(0))));
              Value sh = arith::ShLIOp::create(
                  b, loc, arith::ExtSIOp::create(b, loc, i64, d),
                  arith::ConstantOp::create(b, loc,
                                            b.getI64IntegerAttr(kLeftShift)));
              auto c = fpArgs(b, loc, fp);
              return emitMultiplyByQuantizedMultiplier(
                  b, loc, emitSaturateToI32(b, loc, sh), c[0], c[1], c[2]);
            };
            Value sa = side(v[0], a, *ma), sb = side(v[1], bq, *mb);
            Value sum = emitSaturateToI32(
                b, loc,
                arith::AddIOp::create(b, loc,
                                      arith::ExtSIOp::create(b, loc, i64, sa),
                                      arith::ExtSIOp::create(b, loc, i64, sb)));
            auto c = fpArgs(b, loc, *my);
            Value out = emitMultiplyByQuantizedMultiplier(b, loc, sum, c[0],
                                                          c[1], c[2]);
            Value zp = arith::ConstantOp::create(
                b, loc, b.getI64IntegerAttr(y.zeroPoint(0)));
            return clampToContainer(
                b, loc,
                arith::AddIOp::create(
                    b, loc, arith::ExtSIOp::create(b, loc, i64, out), zp),
                plan->lo, plan->hi, plan->container);
          });
    } else {
      // Rule N11.2: f32 rescale of both sides, round half to even.
      float fa = static_cast<float>(a.scale(0) / y.scale(0));
      float fb = static_cast<float>(bq.scale(0) / y.scale(0));
      r = e.elementwise(
          {}, ValueRange{adaptor.getLhs(), adaptor.getRhs()}, outType,
          [&](OpBuilder &b, Location loc, ValueRange v) {
            Type f32 = b.getF32Type();
            auto side = [&](Value q, const QuantParams &p, float m) {
              Value d = arith::SubIOp::create(
                  b, loc, extendToI32(b, loc, q, p.isSigned),
                  arith::ConstantOp::create(
                      b, loc, b.getI32IntegerAttr(p.zeroPoint(0))));
              return arith::MulFOp::create(
                  b, loc, arith::SIToFPOp::create(b, loc, f32, d),
                  arith::ConstantOp::create(b, loc, b.getF32FloatAttr(m)));
            };
            Value s = arith::AddFOp::create(b, loc, side(v[0], a, fa),
                                            side(v[1], bq, fb));
            Value rr = math::RoundEvenOp::create(b, loc, s);
            Value zp = arith::ConstantOp::create(
                b, loc, b.getI64IntegerAttr(y.zeroPoint(0)));
            return clampToContainer(
                b, loc,
                arith::AddIOp::create(
                    b, loc,
                    emitRoundedF32ToI64(b, loc, rr, /*saturateToI32=*/true),
                    zp),
                plan->lo, plan->hi, plan->container);
          });
    }
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// Loop maps shared by the pools: n, oh, ow, c | kh, kw.
struct PoolMaps {
  AffineMap input, window, output;
};
PoolMaps poolMaps(MLIRContext *ctx, ArrayRef<int64_t> s) {
  AffineExpr n, oh, ow, c, kh, kw;
  bindDims(ctx, n, oh, ow, c, kh, kw);
  return {AffineMap::get(6, 0, {n, oh * s[0] + kh, ow * s[1] + kw, c}, ctx),
          AffineMap::get(6, 0, {kh, kw}, ctx),
          AffineMap::get(6, 0, {n, oh, ow, c}, ctx)};
}

struct AvgPool2DLowering : QNNPattern<AvgPool2DOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(AvgPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc(), mode};
    QuantParams x = *getQuantParams(op.getInput().getType());
    RankedTensorType outType = convertedResult(op);
    ArrayRef<int64_t> k = op.getKernel(), s = op.getStride(), pad = op.getPad();
    ArrayRef<int64_t> xs = op.getInput().getType().getShape();
    ArrayRef<int64_t> ys = outType.getShape();
    Type i32 = rewriter.getI32Type();
    Type xc = outType.getElementType();
    Value xp = e.padNHWC(adaptor.getInput(), pad, e.intCst(xc, x.zeroPoint(0)));
    PoolMaps maps = poolMaps(rewriter.getContext(), s);
    Value init = linalg::FillOp::create(rewriter, e.loc, e.intCst(i32, 0),
                                        e.empty(ys, i32))
                     .getResult(0);
    Value zx = e.intCst(i32, x.zeroPoint(0));
    Value sum = e.generic(
        {{xp, maps.input}, {e.empty(k, i32), maps.window}}, init, maps.output,
        iterators(4, 2), [&](OpBuilder &b, Location loc, ValueRange a) {
          Value d = arith::SubIOp::create(
              b, loc, extendToI32(b, loc, a[0], x.isSigned), zx);
          return arith::AddIOp::create(b, loc, a[2], d).getResult();
        });
    // Rule N12: the count of in-bounds positions is known at compile time.
    SmallVector<int32_t> counts;
    for (int64_t oh = 0; oh < ys[1]; ++oh)
      for (int64_t ow = 0; ow < ys[2]; ++ow) {
        auto span = [](int64_t o, int64_t st, int64_t p, int64_t kk,
                       int64_t size) {
          int64_t lo = std::max<int64_t>(o * st - p, 0);
          int64_t hi = std::min<int64_t>(o * st - p + kk, size);
          return hi - lo;
        };
        counts.push_back(span(oh, s[0], pad[0], k[0], xs[1]) *
                         span(ow, s[1], pad[2], k[1], xs[2]));
      }
    auto countType = RankedTensorType::get({ys[1], ys[2]}, i32);
    Value countT = arith::ConstantOp::create(
        rewriter, e.loc, DenseElementsAttr::get(countType, ArrayRef(counts)));
    MLIRContext *ctx = rewriter.getContext();
    AffineMap countMap = AffineMap::get(
        4, 0, {getAffineDimExpr(1, ctx), getAffineDimExpr(2, ctx)}, ctx);
    Value r = e.elementwise(
        {{countT, countMap}}, ValueRange{sum}, outType,
        [&](OpBuilder &b, Location loc, ValueRange a) {
          Value S = a[0], cnt = a[1];
          Value zero =
              arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
          Value half = arith::DivSIOp::create(
              b, loc, cnt,
              arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(2)));
          Value nonNeg =
              arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, S, zero);
          Value adj = arith::SelectOp::create(
              b, loc, nonNeg, arith::AddIOp::create(b, loc, S, half),
              arith::SubIOp::create(b, loc, S, half));
          Value q = arith::DivSIOp::create(b, loc, adj, cnt);
          Value v = arith::AddIOp::create(
              b, loc, arith::ExtSIOp::create(b, loc, b.getI64Type(), q),
              arith::ConstantOp::create(b, loc,
                                        b.getI64IntegerAttr(x.zeroPoint(0))));
          return clampToContainer(b, loc, v, x.qmin, x.qmax, xc);
        });
    rewriter.replaceOp(op, r);
    return success();
  }
};

struct MaxPool2DLowering : QNNPattern<MaxPool2DOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(MaxPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc(), mode};
    RankedTensorType outType = convertedResult(op);
    Type xc = outType.getElementType();
    if (isa<BinaryType>(op.getInput().getType().getElementType()))
      return lowerBinary(op, adaptor, rewriter, e, outType);
    QuantParams x = *getQuantParams(op.getInput().getType());
    // Padding with qmin never wins the max: every window holds at least
    // one in-bounds position because pad < kernel (rule N13).
    Value lowest = e.intCst(xc, x.qmin);
    Value xp = e.padNHWC(adaptor.getInput(), op.getPad(), lowest);
    PoolMaps maps = poolMaps(rewriter.getContext(), op.getStride());
    Value init = linalg::FillOp::create(rewriter, e.loc, lowest,
                                        e.empty(outType.getShape(), xc))
                     .getResult(0);
    Value r = e.generic(
        {{xp, maps.input},
         {e.empty(op.getKernel(), rewriter.getI32Type()), maps.window}},
        init, maps.output, iterators(4, 2),
        [&](OpBuilder &b, Location loc, ValueRange a) -> Value {
          if (x.isSigned)
            return arith::MaxSIOp::create(b, loc, a[0], a[2]);
          return arith::MaxUIOp::create(b, loc, a[0], a[2]);
        });
    rewriter.replaceOp(op, r);
    return success();
  }

  /// Rule N13.1 on packed words: the AND over the window (bit 1 = -alpha
  /// survives only where every position holds it). Padding holds all-ones
  /// words, the identity of AND; every window has an in-bounds position.
  LogicalResult lowerBinary(MaxPool2DOp op, OpAdaptor adaptor,
                            ConversionPatternRewriter &rewriter, Emitter &e,
                            RankedTensorType outType) const {
    Type i64 = rewriter.getI64Type();
    Value ones = e.intCst(i64, -1);
    Value xp = e.padNHWC(adaptor.getInput(), op.getPad(), ones);
    PoolMaps maps = poolMaps(rewriter.getContext(), op.getStride());
    Value init =
        linalg::FillOp::create(rewriter, e.loc, ones,
                               e.empty(outType.getShape(), i64))
            .getResult(0);
    Value r = e.generic(
        {{xp, maps.input},
         {e.empty(op.getKernel(), rewriter.getI32Type()), maps.window}},
        init, maps.output, iterators(4, 2),
        [&](OpBuilder &b, Location loc, ValueRange a) -> Value {
          return arith::AndIOp::create(b, loc, a[0], a[2]);
        });
    rewriter.replaceOp(op, r);
    return success();
  }
};

struct ClampLowering : QNNPattern<ClampOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(ClampOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc(), mode};
    QuantParams x = *getQuantParams(op.getInput().getType());
    RankedTensorType outType = convertedResult(op);
    int64_t lo = op.getMin(), hi = op.getMax();
    Value r = e.elementwise(
        {}, adaptor.getInput(), outType,
        [&](OpBuilder &b, Location loc, ValueRange a) -> Value {
          Value v64 = x.isSigned
                          ? arith::ExtSIOp::create(b, loc, b.getI64Type(), a[0])
                                .getResult()
                          : arith::ExtUIOp::create(b, loc, b.getI64Type(), a[0])
                                .getResult();
          return clampToContainer(b, loc, v64, lo, hi,
                                  outType.getElementType());
        });
    rewriter.replaceOp(op, r);
    return success();
  }
};

struct ConcatLowering : QNNPattern<ConcatOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc(), mode};
    QuantParams y = *getQuantParams(op.getOutput().getType());
    RankedTensorType outType = convertedResult(op);
    int64_t axis = op.getAxis();
    Value result = e.empty(outType.getShape(), outType.getElementType());
    int64_t offset = 0;
    for (auto [orig, conv] : llvm::zip(op.getInputs(), adaptor.getInputs())) {
      auto origType = cast<RankedTensorType>(orig.getType());
      QuantParams p = *getQuantParams(origType);
      Value part = conv;
      if (p.scale(0) != y.scale(0) || p.zeroPoint(0) != y.zeroPoint(0)) {
        auto partType = cast<RankedTensorType>(conv.getType());
        FailureOr<Value> r = emitRequantizeTensor(e, op, conv, p, y, partType);
        if (failed(r))
          return failure();
        part = *r;
      }
      unsigned rank = outType.getRank();
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
      offsets[axis] = rewriter.getIndexAttr(offset);
      SmallVector<OpFoldResult> sizes, strides(rank, rewriter.getIndexAttr(1));
      for (int64_t dim : origType.getShape())
        sizes.push_back(rewriter.getIndexAttr(dim));
      result = tensor::InsertSliceOp::create(rewriter, e.loc, part, result,
                                             offsets, sizes, strides);
      offset += origType.getDimSize(axis);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ReshapeLowering : QNNPattern<ReshapeOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType outType = convertedResult(op);
    auto inType = cast<RankedTensorType>(adaptor.getInput().getType());
    if (inType.getRank() == 0 || outType.getRank() == 0)
      return rewriter.notifyMatchFailure(op,
                                         "rank-0 reshape (diagnosed earlier)");
    Location loc = op.getLoc();
    auto flatType = RankedTensorType::get({inType.getNumElements()},
                                          inType.getElementType());
    ReassociationIndices all;
    for (int64_t i = 0; i < inType.getRank(); ++i)
      all.push_back(i);
    Value flat = tensor::CollapseShapeOp::create(
        rewriter, loc, flatType, adaptor.getInput(),
        SmallVector<ReassociationIndices>{all});
    ReassociationIndices allOut;
    for (int64_t i = 0; i < outType.getRank(); ++i)
      allOut.push_back(i);
    Value r = tensor::ExpandShapeOp::create(
        rewriter, loc, outType, flat,
        SmallVector<ReassociationIndices>{allOut});
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// Rule N17 on an f32 tensor: packs `x < threshold` bits along the last
/// dimension into i64 words (rule N1.5).
Value emitBinarize(Emitter &e, Value x, float threshold,
                   RankedTensorType packedType) {
  auto xt = cast<RankedTensorType>(x.getType());
  unsigned rank = xt.getRank();
  int64_t c = xt.getShape().back();
  int64_t words = packedType.getShape().back();
  // One word: the bit loop runs over the c channels, and bits c..63 stay 0.
  // Several words with a tail: tail positions read `threshold` from a padded
  // copy, and `threshold` is not below itself: bit 0.
  int64_t bits = words == 1 ? c : 64;
  if (words > 1 && words * 64 != c) {
    SmallVector<OpFoldResult> lo(rank, e.b.getIndexAttr(0));
    SmallVector<OpFoldResult> hi(rank, e.b.getIndexAttr(0));
    hi.back() = e.b.getIndexAttr(words * 64 - c);
    SmallVector<int64_t> shape(xt.getShape());
    shape.back() = words * 64;
    x = tensor::PadOp::create(e.b, e.loc,
                              RankedTensorType::get(shape, e.b.getF32Type()), x,
                              lo, hi, e.f32Cst(threshold));
  }
  MLIRContext *ctx = e.ctx();
  // Loops: d0 .. d(rank-2), word | bit.
  SmallVector<AffineExpr> inExprs, outExprs;
  for (unsigned i = 0; i + 1 < rank; ++i) {
    inExprs.push_back(getAffineDimExpr(i, ctx));
    outExprs.push_back(getAffineDimExpr(i, ctx));
  }
  AffineExpr word = getAffineDimExpr(rank - 1, ctx);
  AffineExpr bit = getAffineDimExpr(rank, ctx);
  inExprs.push_back(word * 64 + bit);
  outExprs.push_back(word);
  Type i64 = e.b.getI64Type();
  Value init = linalg::FillOp::create(e.b, e.loc, e.intCst(i64, 0),
                                      e.empty(packedType.getShape(), i64))
                   .getResult(0);
  return e.generic(
      {{x, AffineMap::get(rank + 1, 0, inExprs, ctx)},
       {e.empty({bits}, i64), AffineMap::get(rank + 1, 0, bit, ctx)}},
      init, AffineMap::get(rank + 1, 0, outExprs, ctx), iterators(rank, 1),
      [&](OpBuilder &b, Location loc, ValueRange a) {
        Value below = arith::CmpFOp::create(
            b, loc, arith::CmpFPredicate::OLT, a[0],
            arith::ConstantOp::create(b, loc, b.getF32FloatAttr(threshold)));
        Value idx = linalg::IndexOp::create(b, loc, rank);
        Value sh = arith::IndexCastOp::create(b, loc, i64, idx);
        Value bitV = arith::ShLIOp::create(
            b, loc, arith::ExtUIOp::create(b, loc, i64, below), sh);
        return arith::OrIOp::create(b, loc, a[2], bitV).getResult();
      });
}

struct BinarizeLowering : QNNPattern<BinarizeOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(BinarizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc(), mode};
    Value x = adaptor.getInput();
    if (std::optional<QuantParams> p = getQuantParams(op.getInput().getType()))
      x = dequantizeTensor(e, x, *p, op.getInput().getType().getShape());
    rewriter.replaceOp(op,
                       emitBinarize(e, x, op.getThreshold().convertToFloat(),
                                    convertedResult(op)));
    return success();
  }
};

struct BitpackLowering : QNNPattern<BitpackOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(BitpackOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // The converted input already is the packed storage (rule N18).
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

struct ContainerCastLowering : QNNPattern<ContainerCastOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(ContainerCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // Both sides convert to the container tensor (rule N1.4).
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

/// Rule N23: each index, its low `bits` bits clamped to the table's last
/// entry, looks up its table (the one of its index along the codebook's
/// axis) in a constant [tables, 2^bits] i8 tensor padded with that entry.
struct DecodeLowering : QNNPattern<DecodeOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(DecodeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto cb = cast<CodebookType>(op.getInput().getType().getElementType());
    int64_t slots = int64_t{1} << cb.getBits();
    int64_t tables = cb.getNumTables();
    SmallVector<APInt> values;
    for (int64_t t = 0; t < tables; ++t) {
      ArrayRef<int64_t> table = cb.getTableOf(t);
      for (int64_t i = 0; i < slots; ++i)
        values.push_back(APInt(8, static_cast<uint64_t>(
                                      table[std::min(i, cb.getEntries() - 1)]) &
                                      0xff));
    }
    Type i8 = rewriter.getI8Type();
    auto tableType = RankedTensorType::get({tables, slots}, i8);
    Location loc = op.getLoc();
    Value tableT = arith::ConstantOp::create(
        rewriter, loc, DenseElementsAttr::get(tableType, values));
    Emitter e{rewriter, loc, mode};
    auto outType = convertedResult(op);
    int32_t axis = cb.getAxis();
    Value r = e.elementwise(
        {}, adaptor.getInput(), outType,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Type i32 = b.getI32Type();
          Value idx = arith::ExtUIOp::create(b, l, i32, a[0]);
          Value mask = arith::ConstantOp::create(
              b, l, b.getIntegerAttr(i32, slots - 1));
          idx = arith::AndIOp::create(b, l, idx, mask);
          idx = arith::IndexCastOp::create(b, l, b.getIndexType(), idx);
          Value t = axis < 0 ? arith::ConstantIndexOp::create(b, l, 0).getResult()
                             : linalg::IndexOp::create(b, l, axis).getResult();
          return tensor::ExtractOp::create(b, l, tableT, ValueRange{t, idx});
        });
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// Rule N25 as written: 64 f32 lanes per output (k mod 64), fma in k
/// order, then the lanes summed by halving, the scale and the bias.
struct WeightOnlyFcLowering : QNNPattern<WeightOnlyFcOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(WeightOnlyFcOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Emitter e{rewriter, loc, mode};
    MLIRContext *ctx = rewriter.getContext();
    auto wType = op.getWeight().getType();
    int64_t m = op.getInput().getType().getDimSize(0);
    int64_t k = op.getInput().getType().getDimSize(1);
    int64_t n = wType.getDimSize(0);
    int64_t kp = (k + 63) / 64 * 64;
    Type f32 = rewriter.getF32Type(), i32 = rewriter.getI32Type(),
         i8 = rewriter.getI8Type();
    auto cb = dyn_cast<CodebookType>(wType.getElementType());
    QuantParams p = *getQuantParams(cb ? cb.getQuantType() : wType.getElementType());
    // Padding: x = 0 and index (or stored weight) 0 for k >= K.
    auto padK = [&](Value v, Value value) -> Value {
      if (kp == k)
        return v;
      auto t = cast<RankedTensorType>(v.getType());
      return tensor::PadOp::create(
          rewriter, loc, RankedTensorType::get({t.getDimSize(0), kp}, t.getElementType()), v,
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0), rewriter.getIndexAttr(0)},
          ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0), rewriter.getIndexAttr(kp - k)},
          value);
    };
    // [rows, Kp] as [rows, Kp / 64, 64].
    auto blocked = [&](Value v) -> Value {
      auto t = cast<RankedTensorType>(v.getType());
      return tensor::ExpandShapeOp::create(
          rewriter, loc,
          RankedTensorType::get({t.getDimSize(0), kp / 64, 64}, t.getElementType()), v,
          ArrayRef<ReassociationIndices>{{0}, {1, 2}});
    };
    Value x = blocked(padK(adaptor.getInput(), e.f32Cst(0.0f)));
    Value w = blocked(padK(adaptor.getWeight(), e.intCst(i8, 0)));
    Value table;
    int64_t slots = 0;
    if (cb) {
      slots = int64_t{1} << cb.getBits();
      SmallVector<int32_t> values;
      for (int64_t t = 0; t < cb.getNumTables(); ++t)
        for (int64_t i = 0; i < slots; ++i)
          values.push_back(static_cast<int32_t>(
              cb.getTableOf(t)[std::min(i, cb.getEntries() - 1)]));
      table = arith::ConstantOp::create(
          rewriter, loc,
          DenseElementsAttr::get(RankedTensorType::get({cb.getNumTables(), slots}, i32),
                                 ArrayRef<int32_t>(values)));
    }
    SmallVector<int64_t> zps;
    SmallVector<float> scales;
    for (int64_t c = 0; c < n; ++c) {
      zps.push_back(p.zeroPoint(c));
      scales.push_back(static_cast<float>(p.scale(c)));
    }
    Value zpT = e.channelTensor(zps, i32);
    Value sT = e.channelTensorF32(scales);
    auto d = [&](unsigned i) { return rewriter.getAffineDimExpr(i); };
    auto map = [&](unsigned dims, ArrayRef<AffineExpr> exprs) {
      return AffineMap::get(dims, 0, exprs, ctx);
    };
    auto par = utils::IteratorType::parallel, red = utils::IteratorType::reduction;
    // acc[m, n, j] over (m, n, kb, j): k = 64 kb + j.
    Value zero = e.f32Cst(0.0f);
    Value accInit = linalg::FillOp::create(rewriter, loc, zero,
                                           e.empty({m, n, 64}, f32)).getResult(0);
    bool perTable = cb && !cb.isPerTensor();
    Value acc = e.generic(
        {{x, map(4, {d(0), d(2), d(3)})}, {w, map(4, {d(1), d(2), d(3)})},
         {zpT, map(4, {d(1)})}},
        accInit, map(4, {d(0), d(1), d(3)}), {par, par, red, par},
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value q;
          if (cb) {
            Value idx = arith::ExtUIOp::create(b, l, i32, a[1]);
            idx = arith::AndIOp::create(
                b, l, idx, arith::ConstantOp::create(b, l, b.getIntegerAttr(i32, slots - 1)));
            idx = arith::IndexCastOp::create(b, l, b.getIndexType(), idx);
            Value t = perTable ? linalg::IndexOp::create(b, l, 1).getResult()
                               : arith::ConstantIndexOp::create(b, l, 0).getResult();
            q = tensor::ExtractOp::create(b, l, table, ValueRange{t, idx});
          } else {
            q = extendToI32(b, l, a[1], p.isSigned);
          }
          Value qf = arith::SIToFPOp::create(b, l, f32, arith::SubIOp::create(b, l, q, a[2]));
          return math::FmaOp::create(b, l, a[0], qf, a[3]);
        });
    // The lanes halve: lane j + w is added to lane j, for w = 32, 16, ..., 1.
    Value cur = acc;
    for (int64_t w = 32; w >= 1; w /= 2) {
      auto half = RankedTensorType::get({m, n, w}, f32);
      auto slice = [&](int64_t off) -> Value {
        return tensor::ExtractSliceOp::create(
            rewriter, loc, half, cur, ValueRange{}, ValueRange{}, ValueRange{},
            rewriter.getDenseI64ArrayAttr({0, 0, off}),
            rewriter.getDenseI64ArrayAttr({m, n, w}),
            rewriter.getDenseI64ArrayAttr({1, 1, 1}));
      };
      cur = e.elementwise({}, ValueRange{slice(0), slice(w)}, half,
                          [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                            return arith::AddFOp::create(b, l, a[0], a[1]);
                          });
    }
    Value sum = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({m, n}, f32), cur,
        ArrayRef<ReassociationIndices>{{0}, {1, 2}});
    Value y = e.generic({{sum, map(2, {d(0), d(1)})}, {sT, map(2, {d(1)})},
                         {adaptor.getBias(), map(2, {d(1)})}},
                        e.empty({m, n}, f32), map(2, {d(0), d(1)}), {par, par},
                        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                          Value v = arith::MulFOp::create(b, l, a[1], a[0]);
                          return arith::AddFOp::create(b, l, v, a[2]);
                        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct BitunpackLowering : QNNPattern<BitunpackOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(BitunpackOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    int64_t c = op.getOutput().getType().getShape().back();
    if (c % 64 == 0) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    // Clear the tail bits of the last word (rule N18.1).
    Emitter e{rewriter, op.getLoc(), mode};
    auto type = cast<RankedTensorType>(adaptor.getInput().getType());
    int64_t words = type.getShape().back();
    SmallVector<int64_t> masks(words, -1);
    masks.back() = static_cast<int64_t>((uint64_t{1} << (c % 64)) - 1);
    unsigned rank = type.getRank();
    Value maskT = e.channelTensor(masks, rewriter.getI64Type());
    Value r = e.elementwise(
        {{maskT, e.channelMap(rank, rank - 1, words)}}, adaptor.getInput(),
        type, [](OpBuilder &b, Location loc, ValueRange a) {
          return arith::AndIOp::create(b, loc, a[0], a[1]).getResult();
        });
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// Per-word bit counts of C packed channels: 64 except for the tail.
SmallVector<int64_t> wordBitCounts(int64_t c) {
  SmallVector<int64_t> nb;
  for (int64_t w = 0; w < getNumBinaryWords(c); ++w)
    nb.push_back(std::min<int64_t>(64, c - 64 * w));
  return nb;
}

/// Rules N19.2/N19.3: turns the i32 dot tensor of a binary layer `op`
/// (bconv2d or bfully_connected) into its result.
template <typename Op>
Value emitBinaryEpilogue(Emitter &e, Op op, Value dot, Value bias,
                         RankedTensorType convOut) {
  auto xt = cast<BinaryType>(op.getInput().getType().getElementType());
  auto wt = cast<BinaryType>(op.getWeight().getType().getElementType());
  RankedTensorType origOut = op.getOutput().getType();
  unsigned rank = origOut.getRank();
  int64_t channels = origOut.getShape().back();
  float ax = static_cast<float>(xt.getScales()[0]);
  SmallVector<float> alpha;
  for (int64_t o = 0; o < channels; ++o)
    alpha.push_back(
        ax * static_cast<float>(wt.getScales()[wt.isPerTensor() ? 0 : o]));
  if (!bias) {
    SmallVector<float> zeros(channels, 0.0f);
    bias = e.channelTensorF32(zeros);
  }
  AffineMap chan = e.channelMap(rank, rank - 1, channels);
  auto realType = RankedTensorType::get(origOut.getShape(), e.b.getF32Type());
  Value real = e.elementwise(
      {{e.channelTensorF32(alpha), chan}, {bias, chan}}, dot, realType,
      [&](OpBuilder &b, Location loc, ValueRange a) {
        Value f = arith::SIToFPOp::create(b, loc, b.getF32Type(), a[0]);
        return arith::AddFOp::create(
                   b, loc, arith::MulFOp::create(b, loc, f, a[1]), a[2])
            .getResult();
      });
  Type elt = origOut.getElementType();
  if (elt.isF32())
    return real;
  if (isa<BinaryType>(elt))
    return emitBinarize(e, real, 0.0f, convOut);
  QuantParams p = *getQuantParams(elt);
  return e.elementwise(scaleZpInputs(e, p, rank), real, convOut,
                       [&](OpBuilder &b, Location loc, ValueRange a) {
                         return emitQuantizeScalar(b, loc, a[0], a[1], a[2],
                                                   p.qmin, p.qmax,
                                                   convOut.getElementType());
                       });
}

/// C - 2 * popcount(x ^ w) for one word with `nb` valid bits (rule N19.1).
Value emitWordDot(OpBuilder &b, Location loc, Value x, Value w, Value nb) {
  Type i32 = b.getI32Type();
  Value pc = math::CtPopOp::create(b, loc, arith::XOrIOp::create(b, loc, x, w));
  Value pc32 = arith::TruncIOp::create(b, loc, i32, pc);
  Value two = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(2));
  return arith::SubIOp::create(b, loc, nb,
                               arith::MulIOp::create(b, loc, two, pc32));
}

struct BConv2DLowering : QNNPattern<BConv2DOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(BConv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc(), mode};
    MLIRContext *ctx = rewriter.getContext();
    Type i32 = rewriter.getI32Type(), i64 = rewriter.getI64Type();
    ArrayRef<int64_t> xs = op.getInput().getType().getShape();
    ArrayRef<int64_t> pad = op.getPad(), s = op.getStride(),
                      d = op.getDilation();
    auto origOut = op.getOutput().getType();
    ArrayRef<int64_t> ys = origOut.getShape();
    // Zero words are +1 values: with pad_value = 1 the padded taps are
    // exactly what the XOR formula computes; with pad_value = 0 a mask
    // removes them (rule N19.1).
    Value xp = e.padNHWC(adaptor.getInput(), pad, e.intCst(i64, 0));
    bool zeroPad = op.getPadValue() == 0 &&
                   llvm::any_of(pad, [](int64_t p) { return p != 0; });
    int64_t hp = xs[1] + pad[0] + pad[1], wp = xs[2] + pad[2] + pad[3];
    AffineExpr n, oh, ow, o, kh, kw, cw;
    bindDims(ctx, n, oh, ow, o, kh, kw, cw);
    auto map = [&](ArrayRef<AffineExpr> r) {
      return AffineMap::get(7, 0, r, ctx);
    };
    AffineExpr ih = oh * s[0] + kh * d[0], iw = ow * s[1] + kw * d[1];
    SmallVector<int64_t> nb = wordBitCounts(xs[3]);
    SmallVector<GenericInput> ins = {
        {xp, map({n, ih, iw, cw})},
        {adaptor.getWeight(), map({o, kh, kw, cw})},
        {e.channelTensor(nb, i32), map({cw})}};
    if (zeroPad) {
      SmallVector<int8_t> valid;
      for (int64_t h = 0; h < hp; ++h)
        for (int64_t w = 0; w < wp; ++w)
          valid.push_back(h >= pad[0] && h < pad[0] + xs[1] && w >= pad[2] &&
                          w < pad[2] + xs[2]);
      auto maskType = RankedTensorType::get({hp, wp}, rewriter.getI8Type());
      ins.push_back({arith::ConstantOp::create(
                         rewriter, e.loc,
                         DenseElementsAttr::get(maskType, ArrayRef(valid))),
                     map({ih, iw})});
    }
    Value init =
        linalg::FillOp::create(rewriter, e.loc, e.intCst(i32, 0),
                               e.empty({ys[0], ys[1], ys[2], ys[3]}, i32))
            .getResult(0);
    Value dot = e.generic(
        ins, init, map({n, oh, ow, o}), iterators(4, 3),
        [&](OpBuilder &b, Location loc, ValueRange a) {
          Value t = emitWordDot(b, loc, a[0], a[1], a[2]);
          if (zeroPad) {
            Value in = arith::TruncIOp::create(b, loc, b.getI1Type(), a[3]);
            t = arith::SelectOp::create(
                b, loc, in, t,
                arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0)));
          }
          return arith::AddIOp::create(b, loc, a.back(), t).getResult();
        });
    rewriter.replaceOp(op, emitBinaryEpilogue(e, op, dot, adaptor.getBias(),
                                              convertedResult(op)));
    return success();
  }
};

struct BFullyConnectedLowering : QNNPattern<BFullyConnectedOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(BFullyConnectedOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc(), mode};
    MLIRContext *ctx = rewriter.getContext();
    Type i32 = rewriter.getI32Type();
    auto origOut = op.getOutput().getType();
    AffineExpr n, o, cw;
    bindDims(ctx, n, o, cw);
    auto map = [&](ArrayRef<AffineExpr> r) {
      return AffineMap::get(3, 0, r, ctx);
    };
    SmallVector<int64_t> nb =
        wordBitCounts(op.getInput().getType().getShape()[1]);
    Value init = linalg::FillOp::create(rewriter, e.loc, e.intCst(i32, 0),
                                        e.empty(origOut.getShape(), i32))
                     .getResult(0);
    Value dot =
        e.generic({{adaptor.getInput(), map({n, cw})},
                   {adaptor.getWeight(), map({o, cw})},
                   {e.channelTensor(nb, i32), map({cw})}},
                  init, map({n, o}), iterators(2, 1),
                  [&](OpBuilder &b, Location loc, ValueRange a) {
                    Value t = emitWordDot(b, loc, a[0], a[1], a[2]);
                    return arith::AddIOp::create(b, loc, a[3], t).getResult();
                  });
    rewriter.replaceOp(op, emitBinaryEpilogue(e, op, dot, adaptor.getBias(),
                                              convertedResult(op)));
    return success();
  }
};

struct BatchNormLowering : QNNPattern<BatchNormOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc(), mode};
    auto outType = op.getOutput().getType();
    unsigned rank = outType.getRank();
    AffineMap chan = AffineMap::get(
        rank, 0, getAffineDimExpr(rank - 1, rewriter.getContext()),
        rewriter.getContext());
    float eps = op.getEpsilon().convertToFloat();
    // The input is the generic's init: the result takes the input's buffer
    // when the input has no later use (one-shot bufferization copies it
    // otherwise), so a batch norm after a layer needs no second activation
    // buffer.
    Value r = e.generic(
        {{adaptor.getGamma(), chan},
         {adaptor.getBeta(), chan},
         {adaptor.getMean(), chan},
         {adaptor.getVariance(), chan}},
        adaptor.getInput(), rewriter.getMultiDimIdentityMap(rank),
        iterators(rank, 0), [&](OpBuilder &b, Location loc, ValueRange a) {
          // Rule N21: (x - mean) * (gamma / sqrt(var + eps)) + beta, with
          // a = gamma, beta, mean, variance, x.
          Value ve = arith::AddFOp::create(
              b, loc, a[3],
              arith::ConstantOp::create(b, loc, b.getF32FloatAttr(eps)));
          Value inv = arith::DivFOp::create(b, loc, a[0],
                                            math::SqrtOp::create(b, loc, ve));
          Value c = arith::SubFOp::create(b, loc, a[4], a[2]);
          return arith::AddFOp::create(
                     b, loc, arith::MulFOp::create(b, loc, c, inv), a[1])
              .getResult();
        });
    rewriter.replaceOp(op, r);
    return success();
  }
};

struct ObserveLowering : QNNPattern<ObserveOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(ObserveOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // Rule N22: an identity outside calibration.
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

/// The reference lowering needs static shapes (loop bounds, per-channel
/// constants and compile-time pooling counts come from them) and binary
/// tensors of rank >= 1 (their last dimension is packed). Reports every
/// offending op instead of failing inside a pattern.
/// True when a static shape holds so many elements that byte sizes and
/// indices would overflow 64-bit arithmetic (limit: 2^56 elements).
bool isTooLarge(ShapedType t) {
  uint64_t n = 1;
  for (int64_t d : t.getShape()) {
    if (d < 0)
      return false;
    if (d != 0 && n > (uint64_t{1} << 56) / static_cast<uint64_t>(d))
      return true;
    n *= static_cast<uint64_t>(d);
  }
  return false;
}

LogicalResult checkLowerable(ModuleOp module) {
  bool ok = true;
  auto needsConversion = [](Type t) {
    auto shaped = dyn_cast<ShapedType>(t);
    return shaped &&
           isa<quant::QuantizedType, BinaryType, CodebookType>(
               shaped.getElementType());
  };
  module.walk([&](func::FuncOp f) {
    FunctionType type = f.getFunctionType();
    auto check = [&](Type t, StringRef what, unsigned idx) {
      auto shaped = dyn_cast<ShapedType>(t);
      if (!shaped)
        return;
      if (isTooLarge(shaped)) {
        f.emitError() << "function @" << f.getSymName() << " " << what << " #"
                      << idx << " has type " << t
                      << " with more than 2^56 elements";
        ok = false;
        return;
      }
      if (!needsConversion(t))
        return;
      if (!isa<RankedTensorType>(t) || !shaped.hasStaticShape() ||
          (isa<BinaryType>(shaped.getElementType()) && shaped.getRank() == 0)) {
        f.emitError() << "function @" << f.getSymName() << " " << what << " #"
                      << idx << " has type " << t
                      << "; the reference lowering needs statically shaped "
                         "ranked tensors (binary ones of rank >= 1)";
        ok = false;
      }
    };
    for (auto [i, t] : llvm::enumerate(type.getInputs()))
      check(t, "argument", i);
    for (auto [i, t] : llvm::enumerate(type.getResults()))
      check(t, "result", i);
  });
  module.walk([&](Operation *op) {
    if (!isa<QNNDialect>(op->getDialect()) &&
        !isa<quant::StorageCastOp, quant::QuantizeCastOp,
             quant::DequantizeCastOp>(op))
      return;
    if (auto reshape = dyn_cast<ReshapeOp>(op))
      if (reshape.getInput().getType().getRank() == 0 ||
          reshape.getOutput().getType().getRank() == 0) {
        op->emitOpError() << "reshape of rank-0 tensors is not supported by "
                             "the reference lowering";
        ok = false;
      }
    auto check = [&](Type t, StringRef what, unsigned idx) {
      auto shaped = dyn_cast<ShapedType>(t);
      if (!shaped)
        return;
      if (!shaped.hasStaticShape()) {
        op->emitOpError() << what << " #" << idx << " has type " << t
                          << "; the reference lowering needs static shapes";
        ok = false;
      } else if (isTooLarge(shaped)) {
        op->emitOpError() << what << " #" << idx << " has type " << t
                          << " with more than 2^56 elements";
        ok = false;
      } else if (isa<BinaryType>(shaped.getElementType()) &&
                 shaped.getRank() == 0) {
        op->emitOpError() << what << " #" << idx
                          << " is a rank-0 binary tensor; binary tensors "
                             "need a last dimension to pack (rule N1.5)";
        ok = false;
      }
    };
    for (auto [i, v] : llvm::enumerate(op->getOperands()))
      check(v.getType(), "operand", i);
    for (auto [i, v] : llvm::enumerate(op->getResults()))
      check(v.getType(), "result", i);
  });
  return success(ok);
}

struct ConvertQNNToLinalgPass
    : public qnn::impl::ConvertQNNToLinalgBase<ConvertQNNToLinalgPass> {
  using ConvertQNNToLinalgBase::ConvertQNNToLinalgBase;

  void runOnOperation() override {
    FailureOr<RequantMode> parsedMode =
        parseRequantModeOption(getOperation(), requantMode);
    if (failed(parsedMode))
      return signalPassFailure();
    if (failed(checkLowerable(getOperation())))
      return signalPassFailure();
    MLIRContext *ctx = &getContext();
    QNNTypeConverter converter;
    ConversionTarget target(*ctx);
    target.addIllegalDialect<QNNDialect>();
    // Vector-level qnn ops inside optimized kernels stay until
    // convert-qnn-vector-to-llvm.
    target.addLegalOp<DotU8I8Op, PermuteBytesOp, PermuteBytes2Op, Lookup16Op,
                      LaneLookup16Op>();
    target.addLegalOp<ModuleOp>();
    // Upstream quant casts on tensors are lowered too; any that remain (on
    // scalars, say) make the conversion fail with a diagnostic.
    target.addIllegalOp<quant::StorageCastOp, quant::QuantizeCastOp,
                        quant::DequantizeCastOp>();
    // scf and vector appear around optimized kernels
    // (convert-qnn-to-vnni), whose values already have storage types.
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, tensor::TensorDialect,
                           scf::SCFDialect, vector::VectorDialect>();
    // TOSA float ops (the importer's output) are lowered after this pass by
    // upstream's tosa-to-linalg pipeline (qnn-to-llvm).
    target.addLegalDialect<tosa::TosaDialect>();
    // The calibration runtime's calls (qnn-lower-observers) copy observed
    // tensors into buffers.
    target.addLegalDialect<memref::MemRefDialect,
                           bufferization::BufferizationDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp f) {
      return converter.isSignatureLegal(f.getFunctionType()) &&
             converter.isLegal(&f.getBody());
    });
    target.addDynamicallyLegalOp<func::ReturnOp, func::CallOp>(
        [&](Operation *op) { return converter.isLegal(op); });
    RewritePatternSet patterns(ctx);
    populateQNNToLinalgConversionPatterns(converter, patterns, *parsedMode);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    populateCallOpTypeConversionPattern(patterns, converter);
    // Never fold: upstream folds dcast(qcast(x)) to x, which would skip the
    // rounding that rules N2 and N3 define for the pair.
    ConversionConfig config;
    config.foldingMode = DialectConversionFoldingMode::Never;
    if (failed(applyFullConversion(getOperation(), target, std::move(patterns),
                                   config)))
      signalPassFailure();
  }
};

} // namespace

void mlir::qnn::populateQNNToLinalgConversionPatterns(
    const QNNTypeConverter &converter, RewritePatternSet &patterns,
    RequantMode mode) {
  patterns.add<QuantizeLowering, DequantizeLowering, RequantizeLowering,
               Conv2DLowering, DepthwiseConv2DLowering, FullyConnectedLowering,
               AddLowering, AvgPool2DLowering, MaxPool2DLowering, ClampLowering,
               ConcatLowering, ReshapeLowering, BinarizeLowering,
               BitpackLowering, BitunpackLowering, ContainerCastLowering,
               DecodeLowering, WeightOnlyFcLowering,
               BConv2DLowering,
               BFullyConnectedLowering, BatchNormLowering, ObserveLowering,
               QuantizeCastLowering, DequantizeCastLowering>(
      converter, patterns.getContext(), mode);
  patterns.add<StorageCastLowering>(converter, patterns.getContext());
}
