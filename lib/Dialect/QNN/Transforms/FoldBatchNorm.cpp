//===- FoldBatchNorm.cpp - fold batch norm into the preceding layer -------===//
//
// qnn-fold-batchnorm: a per-channel affine map y = x * s[c] + t[c] that
// follows a float convolution, depthwise convolution or fully connected
// layer is folded into that layer's weights and bias (rule N21.1):
//
//   w'[c, ...] = w[c, ...] * s[c]        b'[c] = b[c] * s[c] + t[c]
//
// The affine map is a qnn.batch_norm (s = gamma / sqrt(var + eps),
// t = beta - mean * s) or its decomposed form: a chain of tosa.mul,
// tosa.add and tosa.sub by per-channel constants (a division by a constant
// being tosa.mul of tosa.reciprocal). Folding needs the layer's result to
// have no other user and every parameter to be a constant; otherwise the
// op stays and a remark says why.
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include "llvm/ADT/SmallPtrSet.h"

#include <cmath>

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNFOLDBATCHNORM
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// The f32 values of a constant tensor, or nothing.
std::optional<SmallVector<double>> constantValues(Value v) {
  DenseElementsAttr attr;
  if (!v || !matchPattern(v, m_Constant(&attr)) ||
      !attr.getElementType().isF32())
    return std::nullopt;
  SmallVector<double> out;
  for (float f : attr.getValues<float>())
    out.push_back(f);
  return out;
}

/// A per-channel constant for a value with `channels` channels on its last
/// axis: a constant whose dims are all 1 but the last, which is `channels`
/// or 1 (broadcast). A division's tosa.reciprocal of such a constant gives
/// the reciprocals (computed in f32, as the op would).
std::optional<SmallVector<double>> perChannel(Value v, int64_t channels) {
  bool reciprocal = false;
  if (auto r = v.getDefiningOp<tosa::ReciprocalOp>()) {
    v = r.getInput1();
    reciprocal = true;
  }
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  ArrayRef<int64_t> shape = type.getShape();
  for (size_t i = 0; i + 1 < shape.size(); ++i)
    if (shape[i] != 1)
      return std::nullopt;
  int64_t last = shape.empty() ? 1 : shape.back();
  if (last != channels && last != 1)
    return std::nullopt;
  std::optional<SmallVector<double>> values = constantValues(v);
  if (!values)
    return std::nullopt;
  SmallVector<double> out;
  for (int64_t c = 0; c < channels; ++c) {
    double x = (*values)[last == 1 ? 0 : c];
    out.push_back(reciprocal ? 1.0f / static_cast<float>(x) : x);
  }
  return out;
}

/// A layer whose result the affine map consumes: a tosa.conv2d or
/// tosa.depthwise_conv2d, or a fully connected layer as the importers
/// write it: tosa.matmul [1, M, N] -> tosa.reshape [M, N], optionally
/// -> tosa.add of a constant bias.
struct Layer {
  Operation *conv = nullptr; // conv2d or depthwise_conv2d
  tosa::MatMulOp matmul;
  tosa::ReshapeOp reshape;
  tosa::AddOp add; // the bias add of a fully connected layer, if any
  Value result;    // what the affine map reads
};

/// Why `v` is not a foldable layer result, or the layer.
FailureOr<Layer> matchLayer(Value v, std::string &why) {
  Layer layer;
  layer.result = v;
  Operation *def = v.getDefiningOp();
  if (!def) {
    why = "its input is a block argument, not the result of a layer";
    return failure();
  }
  if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp>(def)) {
    layer.conv = def;
    if (!constantValues(def->getOperand(1)) ||
        !constantValues(def->getOperand(2))) {
      why = "the " + def->getName().getStringRef().str() +
            "'s weights or bias are not constants";
      return failure();
    }
  } else {
    if (auto add = dyn_cast<tosa::AddOp>(def)) {
      auto reshape = add.getInput1().getDefiningOp<tosa::ReshapeOp>();
      if (!reshape || !constantValues(add.getInput2()) ||
          !add.getInput1().hasOneUse()) {
        why = "its input is a tosa.add that is not a fully connected "
              "layer's constant bias";
        return failure();
      }
      layer.add = add;
      def = reshape;
    }
    auto reshape = dyn_cast<tosa::ReshapeOp>(def);
    tosa::MatMulOp matmul =
        reshape ? reshape.getInput1().getDefiningOp<tosa::MatMulOp>()
                : tosa::MatMulOp();
    if (!matmul) {
      why = "its input comes from " +
            layer.result.getDefiningOp()->getName().getStringRef().str() +
            ", not from a tosa.conv2d, tosa.depthwise_conv2d or fully "
            "connected layer (tosa.matmul)";
      return failure();
    }
    auto rtype = cast<ShapedType>(reshape.getType());
    auto mtype = cast<ShapedType>(matmul.getType());
    if (rtype.getRank() != 2 || mtype.getShape()[0] != 1 ||
        !reshape.getInput1().hasOneUse()) {
      why = "its input is a tosa.matmul that is not a 2-D fully connected "
            "layer";
      return failure();
    }
    if (!constantValues(matmul.getB())) {
      why = "the fully connected layer's weights are not constants";
      return failure();
    }
    layer.matmul = matmul;
    layer.reshape = reshape;
  }
  if (!v.hasOneUse()) {
    why = "the layer's result has other users";
    return failure();
  }
  return layer;
}

/// An f32 constant of `type` holding `values`.
Value makeConst(RewriterBase &rewriter, Location loc, RankedTensorType type,
                ArrayRef<double> values) {
  SmallVector<float> f(values.begin(), values.end());
  auto attr = DenseElementsAttr::get(type, ArrayRef<float>(f));
  return tosa::ConstOp::create(rewriter, loc, type, attr);
}

/// Replaces `affine` (whose result is y = layer.result * s + t, channel on
/// the last axis) by the folded layer.
void fold(RewriterBase &rewriter, Operation *affine, Layer layer,
          ArrayRef<double> s, ArrayRef<double> t) {
  Location loc = affine->getLoc();
  int64_t channels = s.size();
  rewriter.setInsertionPoint(affine);
  Value result;
  if (layer.conv) {
    Value w = layer.conv->getOperand(1);
    Value b = layer.conv->getOperand(2);
    auto wtype = cast<RankedTensorType>(w.getType());
    SmallVector<double> wv = *constantValues(w);
    SmallVector<double> bv = *constantValues(b);
    ArrayRef<int64_t> ws = wtype.getShape();
    bool depthwise = isa<tosa::DepthwiseConv2DOp>(layer.conv);
    // conv2d: OHWI, channel = index / (H*W*I); depthwise: HWCM, channel =
    // index % (C*M).
    int64_t inner = depthwise ? 1 : ws[1] * ws[2] * ws[3];
    for (size_t i = 0; i < wv.size(); ++i) {
      int64_t c = depthwise ? i % channels : i / inner;
      wv[i] = static_cast<float>(wv[i] * s[c]);
    }
    SmallVector<double> nb(channels);
    for (int64_t c = 0; c < channels; ++c)
      nb[c] = bv[bv.size() == 1 ? 0 : c] * s[c] + t[c];
    auto btype = RankedTensorType::get({channels}, rewriter.getF32Type());
    Value nw = makeConst(rewriter, loc, wtype, wv);
    Value nbias = makeConst(rewriter, loc, btype, nb);
    Operation *conv = rewriter.clone(*layer.conv);
    conv->setOperand(1, nw);
    conv->setOperand(2, nbias);
    result = conv->getResult(0);
  } else {
    Value bm = layer.matmul.getB();
    auto btype = cast<RankedTensorType>(bm.getType()); // [1, K, N]
    SmallVector<double> wv = *constantValues(bm);
    for (size_t i = 0; i < wv.size(); ++i)
      wv[i] = static_cast<float>(wv[i] * s[i % channels]);
    Value nb = makeConst(rewriter, loc, btype, wv);
    auto matmul = cast<tosa::MatMulOp>(rewriter.clone(*layer.matmul));
    matmul->setOperand(1, nb);
    Operation *reshape = rewriter.clone(*layer.reshape);
    reshape->setOperand(0, matmul.getResult());
    result = reshape->getResult(0);
    auto rtype = cast<RankedTensorType>(result.getType());
    if (layer.add) {
      Value c = layer.add.getInput2();
      auto ctype = cast<RankedTensorType>(c.getType());
      SmallVector<double> cv = *constantValues(c);
      int64_t last = ctype.getShape().back();
      for (size_t i = 0; i < cv.size(); ++i)
        cv[i] = cv[i] * s[last == 1 ? 0 : i % channels] +
                t[last == 1 ? 0 : i % channels];
      if (last == 1 && channels != 1) {
        // A scalar bias becomes a per-channel one.
        cv.assign(channels, 0.0);
        double c0 = (*constantValues(c))[0];
        for (int64_t ch = 0; ch < channels; ++ch)
          cv[ch] = c0 * s[ch] + t[ch];
        ctype = RankedTensorType::get({1, channels}, rewriter.getF32Type());
      }
      result = tosa::AddOp::create(rewriter, loc, rtype, result,
                                   makeConst(rewriter, loc, ctype, cv));
    } else if (llvm::any_of(t, [](double v) { return v != 0.0; })) {
      auto ctype = RankedTensorType::get({1, channels}, rewriter.getF32Type());
      result = tosa::AddOp::create(rewriter, loc, rtype, result,
                                   makeConst(rewriter, loc, ctype, t));
    }
  }
  // The old layer and the affine op's constants are dead now.
  SmallVector<Operation *> dead{affine};
  for (Operation *op : {layer.add.getOperation(), layer.reshape.getOperation(),
                        layer.matmul.getOperation(), layer.conv})
    if (op)
      dead.push_back(op);
  // Defining ops of the dead ops' operands, except the dead ops themselves
  // (the matmul feeding the reshape is one): those are erased below, and a
  // pointer kept to one would dangle (found by the ASan build).
  llvm::SmallPtrSet<Operation *, 4> deadSet(dead.begin(), dead.end());
  SmallVector<Operation *> operands;
  for (Operation *op : dead)
    for (Value v : op->getOperands())
      if (Operation *def = v.getDefiningOp(); def && !deadSet.contains(def))
        operands.push_back(def);
  rewriter.replaceOp(affine, result);
  for (Operation *op : llvm::drop_begin(dead))
    if (op->use_empty())
      rewriter.eraseOp(op);
  // Constants (and a reciprocal of one) that nothing uses any more.
  for (size_t i = 0; i < operands.size(); ++i) {
    Operation *op = operands[i];
    if (!op || !op->use_empty() ||
        !(op->hasTrait<OpTrait::ConstantLike>() ||
          isa<tosa::ReciprocalOp, tosa::ConstShapeOp>(op)))
      continue;
    for (Value v : op->getOperands())
      if (Operation *def = v.getDefiningOp())
        operands.push_back(def);
    rewriter.eraseOp(op);
    for (size_t j = i + 1; j < operands.size(); ++j)
      if (operands[j] == op)
        operands[j] = nullptr;
  }
}

/// The number of channels (last axis) of `v`, or 0.
int64_t channelsOf(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.hasStaticShape() || type.getRank() == 0)
    return 0;
  return type.getShape().back();
}

struct FoldBatchNormPass
    : public qnn::impl::QNNFoldBatchNormBase<FoldBatchNormPass> {
  using Base::Base;

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // Folding one op can expose the next link of a decomposed chain, so
    // repeat until nothing changes.
    bool changed = true;
    while (changed) {
      changed = false;
      SmallVector<Operation *> candidates;
      getOperation()->walk([&](Operation *op) {
        if (isa<BatchNormOp>(op) ||
            (foldDecomposed && isa<tosa::MulOp, tosa::AddOp, tosa::SubOp>(op)))
          candidates.push_back(op);
      });
      for (Operation *op : candidates)
        changed |= tryFold(rewriter, op, /*last=*/false);
    }
    // A remark for each batch norm left.
    getOperation()->walk(
        [&](BatchNormOp op) { (void)tryFold(rewriter, op, /*last=*/true); });
  }

  /// Folds `op` when it is a per-channel affine map of a layer's result.
  /// With `last`, only reports why a batch norm cannot be folded.
  bool tryFold(RewriterBase &rewriter, Operation *op, bool last) {
    std::string why;
    if (auto bn = dyn_cast<BatchNormOp>(op)) {
      Value x = bn.getInput();
      int64_t channels = channelsOf(x);
      std::optional<SmallVector<double>> gamma = constantValues(bn.getGamma());
      std::optional<SmallVector<double>> beta = constantValues(bn.getBeta());
      std::optional<SmallVector<double>> mean = constantValues(bn.getMean());
      std::optional<SmallVector<double>> var =
          constantValues(bn.getVariance());
      FailureOr<Layer> layer = failure();
      if (!gamma || !beta || !mean || !var)
        why = "its gamma, beta, mean and variance are not all constants";
      else
        layer = matchLayer(x, why);
      if (failed(layer)) {
        if (last)
          bn.emitRemark() << "batch norm not folded: " << why;
        return false;
      }
      double eps = bn.getEpsilon().convertToDouble();
      SmallVector<double> s(channels), t(channels);
      for (int64_t c = 0; c < channels; ++c) {
        s[c] = (*gamma)[c] / std::sqrt((*var)[c] + eps);
        t[c] = (*beta)[c] - (*mean)[c] * s[c];
      }
      fold(rewriter, bn, *layer, s, t);
      return true;
    }
    // tosa.mul / tosa.add / tosa.sub of a layer's result by a per-channel
    // constant (either operand order for mul and add).
    Value a = op->getOperand(0), b = op->getOperand(1);
    int64_t channels = channelsOf(op->getResult(0));
    Type type = op->getResult(0).getType();
    if (!channels)
      return false;
    if (auto mul = dyn_cast<tosa::MulOp>(op)) {
      DenseElementsAttr shift;
      if (!matchPattern(mul.getShift(), m_Constant(&shift)) ||
          llvm::any_of(shift.getValues<APInt>(),
                       [](const APInt &v) { return !v.isZero(); }))
        return false;
    }
    bool commutative = !isa<tosa::SubOp>(op);
    std::optional<SmallVector<double>> k;
    Value x;
    if (a.getType() == type && (k = perChannel(b, channels)))
      x = a;
    else if (commutative && b.getType() == type &&
             (k = perChannel(a, channels)))
      x = b;
    else
      return false;
    FailureOr<Layer> layer = matchLayer(x, why);
    if (failed(layer))
      return false; // not a decomposed batch norm: nothing to say
    if (layer->matmul && !layer->add && isa<tosa::AddOp>(op))
      return false; // the fully connected layer's own bias add
    SmallVector<double> s(channels, 1.0), t(channels, 0.0);
    for (int64_t c = 0; c < channels; ++c) {
      if (isa<tosa::MulOp>(op))
        s[c] = (*k)[c];
      else if (isa<tosa::AddOp>(op))
        t[c] = (*k)[c];
      else
        t[c] = -(*k)[c];
    }
    fold(rewriter, op, *layer, s, t);
    return true;
  }
};

} // namespace
