//===- QNNOps.cpp - qnn op verifiers
//---------------------------------------===//
//
// Every verifier message names the operand or attribute at fault and cites
// the rule of docs/numerics.md that it enforces.
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/Numerics.h"
#include "qnn/Dialect/QNN/IR/QNN.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::qnn;

#define GET_OP_CLASSES
#include "qnn/Dialect/QNN/IR/QNNOps.cpp.inc"

namespace {

/// What an operand of a quantized op may be.
struct QuantRule {
  /// Largest storage width in bits accepted.
  unsigned maxWidth = 32;
  /// Allowed per-axis axis: -1 means per-tensor only, kAnyAxis any axis.
  int32_t perAxis = -1;
};
constexpr int32_t kAnyAxis = -2;

} // namespace

/// Checks rule N1.2/N1.3 for the quantized element type of `type` and the
/// constraints in `rule`; fills `params`.
static LogicalResult verifyQuantOperand(Operation *op, StringRef name,
                                        Type type, QuantRule rule,
                                        QuantParams &params) {
  std::optional<QuantParams> p = getQuantParams(type);
  if (!p)
    return op->emitOpError() << "'" << name
                             << "' must have a uniform quantized element "
                                "type, got "
                             << type;
  auto shaped = cast<ShapedType>(type);
  if (!cast<quant::QuantizedType>(shaped.getElementType())
           .getExpressedType()
           .isF32())
    return op->emitOpError()
           << "'" << name << "' must have expressed type f32 (rule N1.2)";
  for (double s : p->scales) {
    if (!(s > 0.0) || !std::isfinite(s))
      return op->emitOpError() << "'" << name
                               << "' scale must be positive and finite "
                                  "(rule N1.2), got "
                               << s;
    // Several rules compute with f32(s): it must stay a normal f32.
    if (s < static_cast<double>(std::numeric_limits<float>::min()) ||
        s > static_cast<double>(std::numeric_limits<float>::max()))
      return op->emitOpError() << "'" << name << "' scale " << s
                               << " is not a normal f32 value (rule N1.2)";
  }
  for (int64_t zp : p->zeroPoints)
    if (zp < p->qmin || zp > p->qmax)
      return op->emitOpError() << "'" << name << "' zero point " << zp
                               << " is outside the storage range [" << p->qmin
                               << ", " << p->qmax << "] (rule N1.2)";
  // Zero points travel as i32 (rules N2-N7): unsigned 32-bit storage, whose
  // zero points can exceed 2^31 - 1, is not supported.
  if (!p->isSigned && p->width > 31)
    return op->emitOpError() << "'" << name
                             << "' has unsigned 32-bit storage, which qnn "
                                "does not support (rule N1.0)";
  if (p->width > rule.maxWidth)
    return op->emitOpError()
           << "'" << name << "' storage width " << p->width << " exceeds the "
           << rule.maxWidth << " bits this op accepts";
  if (!p->isPerTensor()) {
    if (rule.perAxis == -1)
      return op->emitOpError()
             << "'" << name << "' must be quantized per tensor, got axis "
             << p->axis;
    if (rule.perAxis >= 0 && p->axis != rule.perAxis)
      return op->emitOpError()
             << "'" << name << "' may only be quantized per axis "
             << rule.perAxis << ", got axis " << p->axis;
    if (p->axis >= shaped.getRank())
      return op->emitOpError() << "'" << name << "' quantization axis "
                               << p->axis << " is out of range for rank "
                               << shaped.getRank() << " (rule N1.3)";
    int64_t dim = shaped.getDimSize(p->axis);
    if (!ShapedType::isDynamic(dim) &&
        static_cast<int64_t>(p->scales.size()) != dim)
      return op->emitOpError() << "'" << name << "' has " << p->scales.size()
                               << " scales but dimension " << p->axis
                               << " has size " << dim << " (rule N1.3)";
  }
  params = *p;
  return success();
}

/// Rule N4: a requantization multiplier must be representable as a 31-bit
/// fixed-point value times 2^e with e <= 30.
static LogicalResult verifyMultiplier(Operation *op, double m, StringRef what) {
  if (failed(quantizeMultiplier(m)))
    return op->emitOpError() << what << " multiplier " << m
                             << " is too large for a 31-bit fixed-point "
                                "multiplier and shift (rule N4)";
  return success();
}

static LogicalResult verifyAllStatic(Operation *op) {
  for (OpOperand &operand : op->getOpOperands())
    if (auto t = dyn_cast<ShapedType>(operand.get().getType()))
      if (!t.hasStaticShape())
        return op->emitOpError() << "operand #" << operand.getOperandNumber()
                                 << " must have a static shape, got " << t;
  for (OpResult r : op->getResults())
    if (auto t = dyn_cast<ShapedType>(r.getType()))
      if (!t.hasStaticShape())
        return op->emitOpError() << "result #" << r.getResultNumber()
                                 << " must have a static shape, got " << t;
  return success();
}

/// Rule N8.1 attributes of convolution and pooling ops.
static LogicalResult verifyWindowAttrs(Operation *op, ArrayRef<int64_t> stride,
                                       ArrayRef<int64_t> pad,
                                       ArrayRef<int64_t> dilation) {
  if (stride.size() != 2)
    return op->emitOpError()
           << "'stride' must have 2 values, got " << stride.size();
  if (dilation.size() != 2)
    return op->emitOpError()
           << "'dilation' must have 2 values, got " << dilation.size();
  if (pad.size() != 4)
    return op->emitOpError()
           << "'pad' must have 4 values [top, bottom, left, right], got "
           << pad.size();
  // Bounds keep the shape arithmetic of rule N8.2 far from overflow.
  constexpr int64_t kMaxWindowValue = int64_t{1} << 31;
  for (ArrayRef<int64_t> values : {stride, dilation, pad})
    for (int64_t v : values)
      if (v > kMaxWindowValue)
        return op->emitOpError()
               << "window attribute value " << v << " exceeds 2^31 (rule N8.1)";
  for (int64_t s : stride)
    if (s < 1)
      return op->emitOpError()
             << "'stride' values must be >= 1, got " << s << " (rule N8.1)";
  for (int64_t d : dilation)
    if (d < 1)
      return op->emitOpError()
             << "'dilation' values must be >= 1, got " << d << " (rule N8.1)";
  for (int64_t p : pad)
    if (p < 0)
      return op->emitOpError()
             << "'pad' values must be >= 0, got " << p << " (rule N8.1)";
  return success();
}

/// Rule N8.2: the spatial output size of a window op.
static LogicalResult
verifySpatialDims(Operation *op, ArrayRef<int64_t> inHW, ArrayRef<int64_t> kHW,
                  ArrayRef<int64_t> outHW, ArrayRef<int64_t> stride,
                  ArrayRef<int64_t> pad, ArrayRef<int64_t> dilation) {
  static const char *dimName[] = {"height", "width"};
  for (int i = 0; i < 2; ++i) {
    int64_t reach = 0, padded = 0, span = 0;
    if (kHW[i] < 1 || llvm::MulOverflow(dilation[i], kHW[i] - 1, reach) ||
        llvm::AddOverflow(reach, int64_t{1}, reach) ||
        llvm::AddOverflow(inHW[i], pad[2 * i] + pad[2 * i + 1], padded) ||
        llvm::SubOverflow(padded, reach, span))
      return op->emitOpError()
             << "window of " << dimName[i] << " " << kHW[i] << " (dilation "
             << dilation[i] << ") is out of range (rule N8.2)";
    if (span < 0)
      return op->emitOpError()
             << "window of " << dimName[i] << " " << kHW[i] << " (dilation "
             << dilation[i] << ") does not fit the padded input " << dimName[i]
             << " " << padded << " (rule N8.2)";
    int64_t expected = span / stride[i] + 1;
    if (outHW[i] != expected)
      return op->emitOpError()
             << "result " << dimName[i] << " is " << outHW[i]
             << " but the input, window, stride, pad and dilation give "
             << expected << " (rule N8.2)";
  }
  return success();
}

static LogicalResult verifyRank(Operation *op, StringRef name, Type type,
                                int64_t rank) {
  if (cast<ShapedType>(type).getRank() != rank)
    return op->emitOpError()
           << "'" << name << "' must have rank " << rank << ", got " << type;
  return success();
}

static LogicalResult verifyBias(Operation *op, Value bias, int64_t channels) {
  if (!bias)
    return success();
  auto t = cast<ShapedType>(bias.getType());
  if (t.getRank() != 1 || t.getDimSize(0) != channels)
    return op->emitOpError() << "'bias' must have shape [" << channels
                             << "] (one value per output channel), got " << t;
  return success();
}

//===----------------------------------------------------------------------===//
// quantize / dequantize / requantize
//===----------------------------------------------------------------------===//

LogicalResult QuantizeOp::verify() {
  QuantParams out;
  return verifyQuantOperand(*this, "output", getOutput().getType(),
                            {32, kAnyAxis}, out);
}

LogicalResult DequantizeOp::verify() {
  QuantParams in;
  return verifyQuantOperand(*this, "input", getInput().getType(),
                            {32, kAnyAxis}, in);
}

LogicalResult RequantizeOp::verify() {
  QuantParams in, out;
  if (failed(verifyQuantOperand(*this, "input", getInput().getType(),
                                {32, kAnyAxis}, in)) ||
      failed(verifyQuantOperand(*this, "output", getOutput().getType(),
                                {32, kAnyAxis}, out)))
    return failure();
  if (!in.isPerTensor() && !out.isPerTensor() && in.axis != out.axis)
    return emitOpError() << "'input' is quantized on axis " << in.axis
                         << " but 'output' on axis " << out.axis
                         << "; per-axis input and output must share the "
                            "axis (rule N7)";
  if (!in.isPerTensor() && !out.isPerTensor() &&
      in.scales.size() != out.scales.size())
    return emitOpError() << "'input' has " << in.scales.size()
                         << " scales but 'output' has " << out.scales.size()
                         << " (rule N7)";
  size_t n = std::max(in.scales.size(), out.scales.size());
  for (size_t c = 0; c < n; ++c)
    if (failed(verifyMultiplier(*this, in.scale(c) / out.scale(c),
                                "requantization")))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// conv2d / depthwise_conv2d / fully_connected
//===----------------------------------------------------------------------===//

/// Rules N8.2, N19: NHWC input and result of a convolution against its
/// weights: input channels (weight dimension `weightInDim`), batch, output
/// channels, spatial size and bias.
template <typename ConvOp>
static LogicalResult
verifyConvShapes(ConvOp op, int64_t weightInDim, int64_t outChannels,
                 ArrayRef<int64_t> window, ArrayRef<int64_t> stride,
                 ArrayRef<int64_t> pad, ArrayRef<int64_t> dilation,
                 Value bias) {
  ArrayRef<int64_t> xs = op.getInput().getType().getShape();
  ArrayRef<int64_t> ws = op.getWeight().getType().getShape();
  ArrayRef<int64_t> ys = op.getOutput().getType().getShape();
  if (ws[weightInDim] != xs[3])
    return op.emitOpError()
           << "'weight' dimension " << weightInDim << " is " << ws[weightInDim]
           << " but 'input' has " << xs[3] << " channels (rule N8.2)";
  if (ys[0] != xs[0])
    return op.emitOpError()
           << "result batch " << ys[0] << " differs from input batch " << xs[0]
           << " (rule N8.2)";
  if (ys[3] != outChannels)
    return op.emitOpError()
           << "result has " << ys[3] << " channels but the weights give "
           << outChannels << " (rule N8.2)";
  if (failed(verifySpatialDims(op, {xs[1], xs[2]}, window, {ys[1], ys[2]},
                               stride, pad, dilation)))
    return failure();
  return verifyBias(op, bias, outChannels);
}

/// Rules N10, N20: x [N, K], w [O, K], result [N, O], optional bias [O].
template <typename DenseOp> static LogicalResult verifyDenseShapes(DenseOp op) {
  ArrayRef<int64_t> xs = op.getInput().getType().getShape();
  ArrayRef<int64_t> ws = op.getWeight().getType().getShape();
  ArrayRef<int64_t> ys = op.getOutput().getType().getShape();
  if (ws[1] != xs[1])
    return op.emitOpError() << "'weight' has " << ws[1]
                            << " input features but 'input' has " << xs[1];
  if (ys[0] != xs[0] || ys[1] != ws[0])
    return op.emitOpError() << "result shape must be [" << xs[0] << ", "
                            << ws[0] << "], got " << op.getOutput().getType();
  return verifyBias(op, op.getBias(), ws[0]);
}

/// Rule N6.0: a result wider than 16 bits is the accumulator itself, which
/// needs every multiplier M[c] = s_x * s_w[c] / s_y to be exactly 1 (as
/// ONNX's ConvInteger / MatMulInteger: all scales 1).
static LogicalResult verifyWideResult(Operation *op, const QuantParams &x,
                                      const QuantParams &w,
                                      const QuantParams &y) {
  if (y.width <= 16)
    return success();
  for (size_t c = 0; c < w.scales.size(); ++c) {
    double m = x.scale(0) * w.scales[c] / y.scale(0);
    if (m != 1.0)
      return op->emitOpError()
             << "'output' storage width " << y.width
             << " exceeds 16 bits; a wider result is the accumulator itself "
                "and needs every multiplier s_x * s_w / s_y to be exactly 1, "
                "got "
             << m << (w.scales.size() > 1 ? " for channel " + std::to_string(c) : std::string())
             << " (rule N6.0)";
  }
  return success();
}

/// Shared by conv2d and depthwise_conv2d. `weightAxis` is the per-axis
/// weight dimension; `weightInDim` is the weight dimension matched against
/// the input channels.
template <typename ConvOp>
static LogicalResult verifyConv(ConvOp op, int32_t weightAxis,
                                int64_t weightInDim, bool depthwise) {
  QuantParams x, w, y;
  if (failed(verifyRank(op, "input", op.getInput().getType(), 4)) ||
      failed(verifyRank(op, "weight", op.getWeight().getType(), 4)) ||
      failed(verifyRank(op, "output", op.getOutput().getType(), 4)) ||
      failed(verifyAllStatic(op)) ||
      failed(verifyQuantOperand(op, "input", op.getInput().getType(), {8, -1},
                                x)) ||
      failed(verifyQuantOperand(op, "weight", op.getWeight().getType(),
                                {8, weightAxis}, w)) ||
      failed(verifyQuantOperand(op, "output", op.getOutput().getType(),
                                {32, -1}, y)) ||
      failed(verifyWideResult(op, x, w, y)) ||
      failed(
          verifyWindowAttrs(op, op.getStride(), op.getPad(), op.getDilation())))
    return failure();
  ArrayRef<int64_t> ws = op.getWeight().getType().getShape();
  int64_t outChannels = depthwise ? ws[2] * ws[3] : ws[0];
  int64_t kh = depthwise ? ws[0] : ws[1], kw = depthwise ? ws[1] : ws[2];
  if (failed(verifyConvShapes(op, weightInDim, outChannels, {kh, kw},
                              op.getStride(), op.getPad(), op.getDilation(),
                              op.getBias())))
    return failure();
  for (size_t c = 0; c < w.scales.size(); ++c)
    if (failed(verifyMultiplier(op, x.scale(0) * w.scale(c) / y.scale(0),
                                "output")))
      return failure();
  return success();
}

LogicalResult Conv2DOp::verify() {
  return verifyConv(*this, /*weightAxis=*/0, /*weightInDim=*/3,
                    /*depthwise=*/false);
}

LogicalResult DepthwiseConv2DOp::verify() {
  return verifyConv(*this, /*weightAxis=*/2, /*weightInDim=*/2,
                    /*depthwise=*/true);
}

LogicalResult FullyConnectedOp::verify() {
  QuantParams x, w, y;
  if (failed(verifyRank(*this, "input", getInput().getType(), 2)) ||
      failed(verifyRank(*this, "weight", getWeight().getType(), 2)) ||
      failed(verifyRank(*this, "output", getOutput().getType(), 2)) ||
      failed(verifyAllStatic(*this)) ||
      failed(verifyQuantOperand(*this, "input", getInput().getType(), {8, -1},
                                x)) ||
      failed(verifyQuantOperand(*this, "weight", getWeight().getType(), {8, 0},
                                w)) ||
      failed(verifyQuantOperand(*this, "output", getOutput().getType(),
                                {32, -1}, y)) ||
      failed(verifyWideResult(*this, x, w, y)))
    return failure();
  if (failed(verifyDenseShapes(*this)))
    return failure();
  for (size_t c = 0; c < w.scales.size(); ++c)
    if (failed(verifyMultiplier(*this, x.scale(0) * w.scale(c) / y.scale(0),
                                "output")))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// add / pools / clamp / concat / reshape
//===----------------------------------------------------------------------===//

LogicalResult AddOp::verify() {
  QuantParams a, b, y;
  // Rule N11: with the 20-bit pre-shift, wider storage would saturate.
  if (failed(
          verifyQuantOperand(*this, "lhs", getLhs().getType(), {8, -1}, a)) ||
      failed(
          verifyQuantOperand(*this, "rhs", getRhs().getType(), {8, -1}, b)) ||
      failed(verifyQuantOperand(*this, "output", getOutput().getType(), {8, -1},
                                y)))
    return failure();
  // Rule N11.1 rescales through three fixed-point multipliers.
  double twice = 2.0 * std::max(a.scale(0), b.scale(0));
  if (failed(verifyMultiplier(*this, a.scale(0) / twice, "'lhs' rescaling")) ||
      failed(verifyMultiplier(*this, b.scale(0) / twice, "'rhs' rescaling")) ||
      failed(verifyMultiplier(*this, twice / ((1 << 20) * y.scale(0)),
                              "output rescaling")))
    return failure();
  if (getLhs().getType().getShape() != getRhs().getType().getShape() ||
      getLhs().getType().getShape() != getOutput().getType().getShape())
    return emitOpError() << "'lhs', 'rhs' and the result must have the same "
                            "shape (no broadcasting, rule N11), got "
                         << getLhs().getType() << ", " << getRhs().getType()
                         << " and " << getOutput().getType();
  return success();
}

template <typename PoolOp>
static LogicalResult verifyPool(PoolOp op, bool sums) {
  QuantParams x;
  // Binary tensors (max_pool2d only, rule N13.1) carry no zero point.
  bool binary = isa<BinaryType>(op.getInput().getType().getElementType());
  if (failed(verifyRank(op, "input", op.getInput().getType(), 4)) ||
      failed(verifyRank(op, "output", op.getOutput().getType(), 4)) ||
      failed(verifyAllStatic(op)) ||
      (!binary && failed(verifyQuantOperand(op, "input",
                                            op.getInput().getType(), {16, -1},
                                            x))))
    return failure();
  if (op.getInput().getType().getElementType() !=
      op.getOutput().getType().getElementType())
    return op.emitOpError()
           << "result element type "
           << op.getOutput().getType().getElementType()
           << " must equal the input's "
           << op.getInput().getType().getElementType() << " (rule N12)";
  ArrayRef<int64_t> k = op.getKernel();
  if (k.size() != 2)
    return op.emitOpError() << "'kernel' must have 2 values, got " << k.size();
  if (k[0] < 1 || k[1] < 1)
    return op.emitOpError() << "'kernel' values must be >= 1 (rule N12)";
  SmallVector<int64_t> dilation = {1, 1};
  if (failed(verifyWindowAttrs(op, op.getStride(), op.getPad(), dilation)))
    return failure();
  // Rule N12 sums (q - zp) over the window in i32; it must not overflow.
  int64_t span =
      binary ? 0 : std::max(x.qmax - x.zeroPoint(0), x.zeroPoint(0) - x.qmin);
  if (sums && (k[0] > (int64_t{1} << 31) / k[1] ||
               (span > 0 && k[0] * k[1] > ((int64_t{1} << 31) - 1) / span)))
    return op.emitOpError() << "a " << k[0] << "x" << k[1]
                            << " window could overflow the i32 sum of "
                               "(q - zp) (rule N12)";
  ArrayRef<int64_t> pad = op.getPad();
  for (int i = 0; i < 4; ++i)
    if (pad[i] >= k[i / 2])
      return op.emitOpError() << "'pad' value " << pad[i]
                              << " must be smaller than the kernel size "
                              << k[i / 2] << " (rule N12)";
  ArrayRef<int64_t> xs = op.getInput().getType().getShape();
  ArrayRef<int64_t> ys = op.getOutput().getType().getShape();
  // Every window needs an in-bounds position (rules N12, N13).
  if (xs[1] == 0 || xs[2] == 0)
    return op.emitOpError() << "input height and width must be >= 1, got "
                            << op.getInput().getType() << " (rule N12)";
  if (xs[0] != ys[0] || xs[3] != ys[3])
    return op.emitOpError() << "result batch and channels must equal the "
                               "input's, got "
                            << op.getOutput().getType();
  return verifySpatialDims(op, {xs[1], xs[2]}, k, {ys[1], ys[2]},
                           op.getStride(), pad, dilation);
}

LogicalResult AvgPool2DOp::verify() { return verifyPool(*this, /*sums=*/true); }
LogicalResult MaxPool2DOp::verify() {
  return verifyPool(*this, /*sums=*/false);
}

LogicalResult ClampOp::verify() {
  QuantParams x;
  if (failed(verifyQuantOperand(*this, "input", getInput().getType(),
                                {32, kAnyAxis}, x)))
    return failure();
  int64_t lo = getMinAttr().getInt(), hi = getMaxAttr().getInt();
  if (lo > hi)
    return emitOpError() << "'min' " << lo << " is greater than 'max' " << hi
                         << " (rule N14)";
  if (lo < x.qmin || hi > x.qmax)
    return emitOpError() << "bounds [" << lo << ", " << hi
                         << "] exceed the storage range [" << x.qmin << ", "
                         << x.qmax << "] (rule N14)";
  return success();
}

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "needs at least one input";
  QuantParams y;
  if (failed(verifyQuantOperand(*this, "output", getOutput().getType(),
                                {32, -1}, y)))
    return failure();
  auto yt = getOutput().getType();
  int64_t axis = getAxisAttr().getInt();
  if (axis < 0 || axis >= yt.getRank())
    return emitOpError() << "'axis' " << axis << " is out of range for rank "
                         << yt.getRank();
  int64_t total = 0;
  for (auto [i, v] : llvm::enumerate(getInputs())) {
    std::string name = "inputs[" + std::to_string(i) + "]";
    QuantParams p;
    auto t = cast<RankedTensorType>(v.getType());
    if (failed(verifyQuantOperand(*this, name, t, {32, -1}, p)))
      return failure();
    if (p.storageType != y.storageType || p.isSigned != y.isSigned ||
        p.qmin != y.qmin || p.qmax != y.qmax)
      return emitOpError() << "'" << name
                           << "' storage type differs from the result's "
                              "(rule N15)";
    if (t.getRank() != yt.getRank())
      return emitOpError() << "'" << name << "' has rank " << t.getRank()
                           << " but the result has rank " << yt.getRank();
    for (int64_t d = 0; d < yt.getRank(); ++d) {
      if (d == axis)
        continue;
      if (t.getDimSize(d) != yt.getDimSize(d))
        return emitOpError() << "'" << name << "' dimension " << d << " is "
                             << t.getDimSize(d) << " but the result's is "
                             << yt.getDimSize(d);
    }
    if (ShapedType::isDynamic(t.getDimSize(axis)) || total < 0 ||
        t.getDimSize(axis) > std::numeric_limits<int64_t>::max() - total)
      total = -1;
    else
      total += t.getDimSize(axis);
    if (failed(
            verifyMultiplier(*this, p.scale(0) / y.scale(0), "requantization")))
      return failure();
  }
  if (total >= 0 && !ShapedType::isDynamic(yt.getDimSize(axis)) &&
      total != yt.getDimSize(axis))
    return emitOpError() << "result dimension " << axis << " is "
                         << yt.getDimSize(axis) << " but the inputs add up to "
                         << total;
  return success();
}

LogicalResult ReshapeOp::verify() {
  auto in = getInput().getType(), out = getOutput().getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError() << "result element type " << out.getElementType()
                         << " must equal the input's " << in.getElementType();
  if (isa<BinaryType>(in.getElementType()))
    return emitOpError() << "cannot reshape a binary tensor: its packing "
                            "follows the last dimension (rule N16)";
  if (isa<quant::UniformQuantizedPerAxisType>(in.getElementType()))
    return emitOpError() << "cannot reshape a per-axis quantized tensor: the "
                            "axis would move (rule N16)";
  if (failed(verifyAllStatic(*this)))
    return failure();
  if (in.getNumElements() != out.getNumElements())
    return emitOpError() << "input has " << in.getNumElements()
                         << " elements but the result has "
                         << out.getNumElements();
  if (getQuantParams(in)) {
    QuantParams p;
    return verifyQuantOperand(*this, "input", in, {32, -1}, p);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Binary ops
//===----------------------------------------------------------------------===//

/// Checks that a binary operand's per-axis alpha count matches its shape.
static LogicalResult verifyBinaryOperand(Operation *op, StringRef name,
                                         RankedTensorType type,
                                         int32_t allowedAxis) {
  auto bt = cast<BinaryType>(type.getElementType());
  if (bt.isPerTensor())
    return success();
  if (allowedAxis == -1)
    return op->emitOpError()
           << "'" << name << "' must be binarized per tensor, got axis "
           << bt.getAxis();
  if (allowedAxis >= 0 && bt.getAxis() != allowedAxis)
    return op->emitOpError()
           << "'" << name << "' may only carry alphas per axis " << allowedAxis
           << ", got axis " << bt.getAxis();
  if (bt.getAxis() >= type.getRank())
    return op->emitOpError()
           << "'" << name << "' binary axis " << bt.getAxis()
           << " is out of range for rank " << type.getRank() << " (rule N1.5)";
  if (!type.isDynamicDim(bt.getAxis()) &&
      static_cast<int64_t>(bt.getScales().size()) !=
          type.getDimSize(bt.getAxis()))
    return op->emitOpError()
           << "'" << name << "' has " << bt.getScales().size()
           << " alphas but dimension " << bt.getAxis() << " has size "
           << type.getDimSize(bt.getAxis()) << " (rule N1.5)";
  return success();
}

LogicalResult BinarizeOp::verify() {
  Type inElt = getInput().getType().getElementType();
  if (!inElt.isF32()) {
    QuantParams p;
    if (!getQuantParams(inElt))
      return emitOpError() << "'input' must be f32 or uniform quantized, got "
                           << getInput().getType();
    if (failed(verifyQuantOperand(*this, "input", getInput().getType(),
                                  {32, -1}, p)))
      return failure();
  }
  if (!std::isfinite(getThreshold().convertToFloat()))
    return emitOpError() << "'threshold' must be finite";
  return verifyBinaryOperand(*this, "output", getOutput().getType(), kAnyAxis);
}

/// Shared by bitpack and bitunpack: `binary` packs into `words` (rule N1.5).
static LogicalResult verifyPacking(Operation *op, RankedTensorType binary,
                                   RankedTensorType words,
                                   StringRef binaryName) {
  if (failed(verifyAllStatic(op)))
    return failure();
  if (binary.getRank() != words.getRank())
    return op->emitOpError()
           << "the binary tensor has rank " << binary.getRank()
           << " but the word tensor has rank " << words.getRank();
  if (binary.getRank() == 0)
    return op->emitOpError() << "'" << binaryName << "' must have rank >= 1";
  for (int64_t d = 0; d + 1 < binary.getRank(); ++d)
    if (binary.getDimSize(d) != words.getDimSize(d))
      return op->emitOpError()
             << "dimension " << d << " of the word tensor is "
             << words.getDimSize(d) << " but the binary tensor's is "
             << binary.getDimSize(d);
  int64_t c = binary.getShape().back();
  if (words.getShape().back() != getNumBinaryWords(c))
    return op->emitOpError()
           << "last dimension " << c << " packs into " << getNumBinaryWords(c)
           << " i64 words, but the "
           << "word tensor has " << words.getShape().back() << " (rule N1.5)";
  return verifyBinaryOperand(op, binaryName, binary, kAnyAxis);
}

/// Storage width of a quantized or codebook element type (its index width),
/// or std::nullopt for any other type.
static std::optional<unsigned> getStoredWidth(RankedTensorType t) {
  if (auto cb = dyn_cast<CodebookType>(t.getElementType()))
    return cb.getBits();
  if (std::optional<QuantParams> p = getQuantParams(t))
    return p->width;
  return std::nullopt;
}

LogicalResult ContainerCastOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getOutput().getType());
  std::optional<unsigned> pin = getStoredWidth(in);
  std::optional<unsigned> pout = getStoredWidth(out);
  if (bool(pin) == bool(pout))
    return emitOpError() << "exactly one of the input " << in
                         << " and the result " << out
                         << " must have a uniform quantized or codebook "
                            "element type";
  RankedTensorType quantized = pin ? in : out, plain = pin ? out : in;
  unsigned width = *(pin ? pin : pout);
  unsigned bits = width <= 8 ? 8 : width <= 16 ? 16 : 32;
  auto expected =
      RankedTensorType::get(quantized.getShape(), IntegerType::get(getContext(), bits));
  if (plain != expected)
    return emitOpError() << "the container side of " << quantized << " must be "
                         << expected << " (rule N1.4), got " << plain;
  return success();
}

LogicalResult DecodeOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getOutput().getType());
  auto cb = cast<CodebookType>(in.getElementType());
  if (out.getElementType() != cb.getQuantType())
    return emitOpError() << "result element type must be the codebook's "
                         << cb.getQuantType() << ", got "
                         << out.getElementType();
  QuantParams p;
  QuantRule rule{8, kAnyAxis};
  if (failed(verifyQuantOperand(*this, "output", out, rule, p)))
    return failure();
  if (!cb.isPerTensor()) {
    if (cb.getAxis() >= in.getRank())
      return emitOpError() << "codebook axis " << cb.getAxis()
                           << " is out of range for rank " << in.getRank()
                           << " (rule N23)";
    int64_t dim = in.getDimSize(cb.getAxis());
    if (!ShapedType::isDynamic(dim) && dim != cb.getNumTables())
      return emitOpError() << "codebook has " << cb.getNumTables()
                           << " tables but dimension " << cb.getAxis()
                           << " has size " << dim << " (rule N23)";
  }
  return success();
}

LogicalResult WeightOnlyFcOp::verify() {
  auto x = cast<RankedTensorType>(getInput().getType());
  auto w = cast<RankedTensorType>(getWeight().getType());
  auto b = cast<RankedTensorType>(getBias().getType());
  auto y = cast<RankedTensorType>(getOutput().getType());
  if (failed(verifyRank(*this, "input", x, 2)) ||
      failed(verifyRank(*this, "weight", w, 2)) ||
      failed(verifyRank(*this, "bias", b, 1)) ||
      failed(verifyRank(*this, "output", y, 2)) || failed(verifyAllStatic(*this)))
    return failure();
  // Rule N25: the stored weights, through the codebook when there is one;
  // one scale per output channel (axis 0) or one in all.
  Type qt = w.getElementType();
  if (auto cb = dyn_cast<CodebookType>(qt)) {
    if (!cb.isPerTensor() && cb.getAxis() != 0)
      return emitOpError() << "codebook tables must be per output channel "
                              "(axis 0) or one for all, got axis "
                           << cb.getAxis() << " (rule N25)";
    if (!cb.isPerTensor() && cb.getNumTables() != w.getDimSize(0))
      return emitOpError() << "codebook has " << cb.getNumTables()
                           << " tables for " << w.getDimSize(0)
                           << " output channels (rule N25)";
    qt = cb.getQuantType();
  }
  QuantParams p;
  if (failed(verifyQuantOperand(*this, "weight", RankedTensorType::get(w.getShape(), qt),
                                {8, 0}, p)))
    return failure();
  int64_t m = x.getDimSize(0), k = x.getDimSize(1), n = w.getDimSize(0);
  if (w.getDimSize(1) != k || b.getDimSize(0) != n || y.getDimSize(0) != m ||
      y.getDimSize(1) != n)
    return emitOpError() << "shapes must be input [M, K], weight [N, K], bias "
                            "[N] and result [M, N], got "
                         << x << ", " << w << ", " << b << " and " << y;
  return success();
}

LogicalResult BitpackOp::verify() {
  return verifyPacking(*this, getInput().getType(), getOutput().getType(),
                       "input");
}

LogicalResult BitunpackOp::verify() {
  return verifyPacking(*this, getOutput().getType(), getInput().getType(),
                       "output");
}

/// Rule N19.3: the result of a binary layer is f32, a per-tensor quantized
/// type of at most 8 bits, or a binary type.
static LogicalResult verifyBinaryLayerResult(Operation *op,
                                             RankedTensorType out,
                                             int32_t channelAxis) {
  Type elt = out.getElementType();
  if (elt.isF32())
    return success();
  if (isa<BinaryType>(elt))
    return verifyBinaryOperand(op, "output", out, channelAxis);
  if (getQuantParams(elt)) {
    QuantParams p;
    return verifyQuantOperand(op, "output", out, {8, -1}, p);
  }
  return op->emitOpError() << "result must be f32, uniform quantized or "
                              "binary (rule N19.3), got "
                           << out;
}

LogicalResult BConv2DOp::verify() {
  if (failed(verifyRank(*this, "input", getInput().getType(), 4)) ||
      failed(verifyRank(*this, "weight", getWeight().getType(), 4)) ||
      failed(verifyRank(*this, "output", getOutput().getType(), 4)) ||
      failed(verifyAllStatic(*this)) ||
      failed(verifyBinaryOperand(*this, "input", getInput().getType(), -1)) ||
      failed(verifyBinaryOperand(*this, "weight", getWeight().getType(), 0)) ||
      failed(verifyBinaryLayerResult(*this, getOutput().getType(),
                                     /*channelAxis=*/3)) ||
      failed(verifyWindowAttrs(*this, getStride(), getPad(), getDilation())))
    return failure();
  int64_t padValue = getPadValueAttr().getInt();
  if (padValue != 0 && padValue != 1)
    return emitOpError() << "'pad_value' must be 0 (zero padding) or 1 "
                            "(padding with +1), got "
                         << padValue << " (rule N19.1)";
  ArrayRef<int64_t> ws = getWeight().getType().getShape();
  return verifyConvShapes(*this, /*weightInDim=*/3, /*outChannels=*/ws[0],
                          {ws[1], ws[2]}, getStride(), getPad(), getDilation(),
                          getBias());
}

LogicalResult BFullyConnectedOp::verify() {
  if (failed(verifyRank(*this, "input", getInput().getType(), 2)) ||
      failed(verifyRank(*this, "weight", getWeight().getType(), 2)) ||
      failed(verifyRank(*this, "output", getOutput().getType(), 2)) ||
      failed(verifyAllStatic(*this)) ||
      failed(verifyBinaryOperand(*this, "input", getInput().getType(), -1)) ||
      failed(verifyBinaryOperand(*this, "weight", getWeight().getType(), 0)))
    return failure();
  if (failed(verifyBinaryLayerResult(*this, getOutput().getType(),
                                     /*channelAxis=*/1)))
    return failure();
  return verifyDenseShapes(*this);
}

//===----------------------------------------------------------------------===//
// Float-level ops
//===----------------------------------------------------------------------===//

LogicalResult BatchNormOp::verify() {
  auto x = getInput().getType();
  if (x.getRank() < 1)
    return emitOpError() << "'input' must have rank >= 1";
  if (x.getShape() != getOutput().getType().getShape())
    return emitOpError() << "result shape must equal the input shape";
  int64_t c = x.getShape().back();
  std::pair<StringRef, Value> params[] = {{"gamma", getGamma()},
                                          {"beta", getBeta()},
                                          {"mean", getMean()},
                                          {"variance", getVariance()}};
  for (auto [name, v] : params) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getRank() != 1 || t.getDimSize(0) != c)
      return emitOpError() << "'" << name << "' must have shape [" << c
                           << "] (the channel count), got " << t;
  }
  float eps = getEpsilon().convertToFloat();
  if (!(eps >= 0.0f) || !std::isfinite(eps))
    return emitOpError() << "'epsilon' must be finite and >= 0, got " << eps;
  return success();
}

LogicalResult ObserveOp::verify() {
  int64_t id = getIdAttr().getInt();
  if (id < 0)
    return emitOpError() << "'id' must be >= 0, got " << id << " (rule N22)";
  return success();
}
