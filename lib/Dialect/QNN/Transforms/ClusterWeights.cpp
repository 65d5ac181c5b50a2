//===- ClusterWeights.cpp - codebook (k-means, ternary) weights -----------===//
//
// qnn-cluster-weights turns the constant quantized weights of conv2d,
// depthwise_conv2d and fully_connected into indices into a codebook of stored
// integers (rule N23); qnn-decode-codebooks folds the decode of constant
// indices back into constant weights for the int8 kernels;
// qnn-pack-narrow-weights holds 2- to 4-bit weights as indices into a
// linear table, so that the codebook kernels keep them packed.
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Codebook.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <cmath>
#include <functional>
#include <map>
#include <random>

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNCLUSTERWEIGHTS
#define GEN_PASS_DEF_QNNDECODECODEBOOKS
#define GEN_PASS_DEF_QNNPACKNARROWWEIGHTS
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// The stored integers of an i8 container (rule N1.4) as their storage
/// type reads them.
SmallVector<int64_t> storedValues(DenseIntElementsAttr raw, bool isSigned) {
  SmallVector<int64_t> out;
  out.reserve(raw.getNumElements());
  for (const APInt &v : raw.getValues<APInt>())
    out.push_back(isSigned ? v.getSExtValue() : v.getZExtValue());
  return out;
}

struct ClusterWeightsPass
    : public qnn::impl::QNNClusterWeightsBase<ClusterWeightsPass> {
  using QNNClusterWeightsBase::QNNClusterWeightsBase;

  CodebookOptions options() {
    CodebookOptions o;
    o.mode = mode;
    o.bits = bits;
    o.perChannel = granularity == "per-channel";
    o.init = init;
    o.seed = seed;
    o.maxIterations = maxIterations;
    o.threshold = threshold;
    o.asymmetric = asymmetric;
    o.keepLarger = keepLarger;
    return o;
  }

  void runOnOperation() override {
    Operation *root = getOperation();
    std::string error = checkCodebookOptions(options());
    if (granularity != "per-channel" && granularity != "per-layer")
      error = "granularity '" + granularity +
              "' is not supported; expected per-channel or per-layer";
    if (!error.empty()) {
      root->emitError() << "qnn-cluster-weights: " << error;
      return signalPassFailure();
    }
    std::mt19937_64 rng(static_cast<uint64_t>(seed));
    bool ok = true;
    root->walk([&](Operation *op) {
      int32_t axis;
      if (isa<Conv2DOp, FullyConnectedOp>(op))
        axis = 0;
      else if (isa<DepthwiseConv2DOp>(op))
        axis = 2;
      else
        return;
      if (failed(cluster(op, op->getOpOperand(1), axis, rng)))
        ok = false;
    });
    if (!ok)
      signalPassFailure();
  }

  LogicalResult cluster(Operation *op, OpOperand &weight, int32_t axis,
                        std::mt19937_64 &rng) {
    Value w = weight.get();
    if (w.getDefiningOp<DecodeOp>())
      return success(); // already a codebook
    Operation *view = w.getDefiningOp();
    auto cst = view && isa<quant::StorageCastOp, ContainerCastOp>(view)
                   ? view->getOperand(0).getDefiningOp<arith::ConstantOp>()
                   : arith::ConstantOp();
    auto raw = cst ? dyn_cast<DenseIntElementsAttr>(cst.getValue()) : nullptr;
    if (!raw) {
      op->emitRemark() << "qnn-cluster-weights: weights are not constants; "
                          "left as they are";
      return success();
    }
    auto wType = cast<RankedTensorType>(w.getType());
    QuantParams q = *getQuantParams(wType);
    ArrayRef<int64_t> shape = wType.getShape();
    SmallVector<int64_t> values = storedValues(raw, q.isSigned);
    SmallVector<int64_t> zps(q.zeroPoints);
    if (q.isPerTensor() || q.axis != axis)
      zps.assign(1, q.zeroPoints[0]);
    Codebook cb;
    std::string error;
    if (!clusterValues(values, shape, axis, zps, q.qmin, q.qmax, q.width,
                       options(), rng, cb, error))
      return op->emitError() << "qnn-cluster-weights: " << error;
    // A codebook pays its tables: where they cost more than the narrower
    // indices save (9 weights per channel of a depthwise layer, say), the
    // layer keeps its uniform weights.
    if (cb.codebookBytes >= cb.uniformBytes && !keepLarger) {
      op->emitRemark() << "qnn-cluster-weights: a codebook would take "
                       << cb.codebookBytes << " bytes, the " << q.width
                       << "-bit weights take " << cb.uniformBytes
                       << "; left as they are (keep-larger=true clusters "
                          "anyway)";
      return success();
    }
    bool perChannel = granularity == "per-channel";
    int64_t entries = cb.entries;
    unsigned indexBits = cb.bits;
    SmallVector<int64_t> &flat = cb.table;
    SmallVector<int8_t> &idx = cb.indices;
    MLIRContext *ctx = op->getContext();
    Type elemQ = wType.getElementType();
    auto cbType = CodebookType::getChecked(
        [&] { return op->emitError(); }, ctx, indexBits, elemQ, entries,
        DenseI64ArrayAttr::get(ctx, flat), perChannel ? axis : -1);
    if (!cbType)
      return failure();
    OpBuilder b(op);
    Location loc = op->getLoc();
    auto idxType = RankedTensorType::get(shape, b.getI8Type());
    Value idxCst = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(idxType, ArrayRef<int8_t>(idx)));
    Value indices = ContainerCastOp::create(
        b, loc, RankedTensorType::get(shape, cbType), idxCst);
    Value decoded = DecodeOp::create(b, loc, wType, indices);
    weight.set(decoded);
    if (view->use_empty()) {
      view->erase();
      if (cst->use_empty())
        cst->erase();
    }
    return success();
  }
};

struct DecodeCodebooksPass
    : public qnn::impl::QNNDecodeCodebooksBase<DecodeCodebooksPass> {
  void runOnOperation() override {
    SmallVector<DecodeOp> decodes;
    getOperation()->walk([&](DecodeOp op) { decodes.push_back(op); });
    for (DecodeOp op : decodes) {
      auto view = op.getInput().getDefiningOp<ContainerCastOp>();
      auto cst = view ? view.getInput().getDefiningOp<arith::ConstantOp>()
                      : nullptr;
      auto raw = cst ? dyn_cast<DenseIntElementsAttr>(cst.getValue()) : nullptr;
      if (!raw)
        continue;
      // Layers whose kernel decodes in registers keep the decode.
      auto decodesInRegisters = [](OpOperand &use) {
        auto config = use.getOwner()->getAttrOfType<DictionaryAttr>(kKernelAttrName);
        return config && config.get("decode");
      };
      if (llvm::all_of(op->getUses(), decodesInRegisters))
        continue;
      auto in = op.getInput().getType();
      auto cb = cast<CodebookType>(in.getElementType());
      ArrayRef<int64_t> shape = in.getShape();
      SmallVector<int64_t> indices, values;
      decodeCodebookIndices(cb, shape, raw, indices, values);
      SmallVector<int8_t> out(values.begin(), values.end());
      OpBuilder b(op);
      auto rawType = RankedTensorType::get(shape, b.getI8Type());
      Value c = arith::ConstantOp::create(
          b, op.getLoc(), DenseElementsAttr::get(rawType, ArrayRef<int8_t>(out)));
      unsigned width = getQuantParams(op.getType())->width;
      Value w = width == 8
                    ? quant::StorageCastOp::create(b, op.getLoc(), op.getType(), c)
                          .getResult()
                    : ContainerCastOp::create(b, op.getLoc(), op.getType(), c)
                          .getResult();
      op.getResult().replaceUsesWithIf(
          w, [&](OpOperand &use) { return !decodesInRegisters(use); });
      if (!op.use_empty())
        continue;
      op.erase();
      if (view.use_empty()) {
        view.erase();
        if (cst->use_empty())
          cst->erase();
      }
    }
  }
};

struct PackNarrowWeightsPass
    : public qnn::impl::QNNPackNarrowWeightsBase<PackNarrowWeightsPass> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<Conv2DOp, DepthwiseConv2DOp, FullyConnectedOp, WeightOnlyFcOp>(
              op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      // Activations of at most 4 bits may take the bit-serial kernel, which
      // reads plain weights.
      if (!isa<WeightOnlyFcOp>(op)) {
        std::optional<QuantParams> xq =
            getQuantParams(op->getOperand(0).getType());
        if (!xq || xq->width <= 4)
          continue;
      }
      OpOperand &operand = op->getOpOperand(1);
      auto view = operand.get().getDefiningOp<ContainerCastOp>();
      auto cst =
          view ? view.getInput().getDefiningOp<arith::ConstantOp>() : nullptr;
      auto raw = cst ? dyn_cast<DenseIntElementsAttr>(cst.getValue()) : nullptr;
      auto type = cast<RankedTensorType>(operand.get().getType());
      auto qt = dyn_cast<quant::QuantizedType>(type.getElementType());
      if (!raw || !raw.getElementType().isInteger(8) || !qt || !qt.isSigned())
        continue;
      unsigned width = qt.getStorageTypeIntegralWidth();
      int64_t qmin = qt.getStorageTypeMin(), qmax = qt.getStorageTypeMax();
      SmallVector<int64_t> values;
      values.reserve(raw.getNumElements());
      for (const APInt &v : raw.getValues<APInt>())
        values.push_back(v.getSExtValue());
      if (width < 2 || width > 5 ||
          llvm::any_of(values, [&](int64_t q) { return q < qmin || q > qmax; }))
        continue; // out of range: the verifier's or the reference lowering's
      // The tables: one over the storage range for 2 to 4 bits. 5 bits are
      // asymmetric 4-bit weights re-centred to zero point 0 (qnn-quantize),
      // whose channels (or whole tensor, with one scale) each still span 16
      // values: a linear table per channel from its least value, 4-bit
      // indices. Weight-only layers' kernel reads one table only. A
      // channel's table takes 16 bytes in the conv2d and fully_connected
      // kernels, so those need at least 64 weights per channel to save 16
      // bytes each; the depthwise kernel's per-channel decode (one select
      // per entry) would store more than it saves on 3x3 taps and run
      // slower: left alone.
      int64_t axis = -1, tables = 1, stride = 1;
      SmallVector<int64_t> lo(1, qmin), hi(1, qmax);
      if (width == 5) {
        if (isa<WeightOnlyFcOp>(op))
          continue;
        if (auto pa = dyn_cast<quant::UniformQuantizedPerAxisType>(qt)) {
          axis = pa.getQuantizedDimension();
          tables = type.getDimSize(axis);
          if (isa<DepthwiseConv2DOp>(op) || type.getNumElements() < 64 * tables)
            continue;
          for (int64_t d : type.getShape().drop_front(axis + 1))
            stride *= d;
        }
        lo.assign(tables, qmax);
        hi.assign(tables, qmin);
        for (auto [i, q] : llvm::enumerate(values)) {
          int64_t t = (static_cast<int64_t>(i) / stride) % tables;
          lo[t] = std::min(lo[t], q);
          hi[t] = std::max(hi[t], q);
        }
      }
      int64_t entries = 0;
      for (int64_t t = 0; t < tables; ++t)
        entries = std::max(entries, hi[t] - lo[t] + 1);
      if (entries > 16)
        continue;
      SmallVector<int8_t> indices;
      indices.reserve(values.size());
      for (auto [i, q] : llvm::enumerate(values))
        indices.push_back(static_cast<int8_t>(
            q - lo[(static_cast<int64_t>(i) / stride) % tables]));
      SmallVector<int64_t> table;
      for (int64_t t = 0; t < tables; ++t)
        for (int64_t j = 0; j < entries; ++j)
          table.push_back(std::min(lo[t] + j, qmax));
      unsigned bits = width <= 4     ? width
                      : entries <= 4 ? 2
                      : entries <= 8 ? 3
                                     : 4;
      MLIRContext *ctx = op->getContext();
      auto cbType = CodebookType::get(ctx, bits, qt, entries,
                                      DenseI64ArrayAttr::get(ctx, table),
                                      static_cast<int32_t>(axis));
      OpBuilder b(op);
      Location loc = view.getLoc();
      Value idx = arith::ConstantOp::create(
          b, loc,
          DenseElementsAttr::get(raw.getType(), ArrayRef<int8_t>(indices)));
      Value packed = ContainerCastOp::create(
          b, loc, RankedTensorType::get(type.getShape(), cbType), idx);
      operand.set(DecodeOp::create(b, loc, type, packed));
      if (view.use_empty()) {
        view.erase();
        if (cst->use_empty())
          cst->erase();
      }
    }
  }
};

} // namespace
