//===- KernelUtils.h - Loop-nest helpers shared by qnn's kernels -*- C++ -*-===//
//
// Building blocks of the tiled kernels of convert-qnn-to-vnni (int8 and
// binary): the geometry of a convolution, loops that inline single trips,
// and the split of an output into parallel parts.
//
//===----------------------------------------------------------------------===//
#ifndef QNN_LIB_CONVERSION_QNNTOVNNI_KERNELUTILS_H
#define QNN_LIB_CONVERSION_QNNTOVNNI_KERNELUTILS_H

#include "qnn/Conversion/QNNToLinalg/FixedPoint.h"
#include "qnn/Dialect/QNN/IR/QNN.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace mlir::qnn::kernel {

/// Integer values behind a constant operand, seen through `quant.scast`.
DenseIntElementsAttr getConstantInts(Value v);

/// The geometry of a convolution over an NHWC input (rule N8.1-N8.2). A
/// fully connected layer [M, K] x [N, K] is the 1x1 convolution of a
/// 1 x 1 x M x K image.
struct ConvShape {
  int64_t batch = 1, h = 1, w = 1, c = 0; // input
  int64_t kh = 1, kw = 1, sh = 1, sw = 1, dh = 1, dw = 1;
  int64_t pt = 0, pb = 0, pl = 0, pr = 0;
  int64_t outH = 1, outW = 1, n = 0; // output [batch, outH, outW, n]
};

/// The geometry of a conv2d or depthwise_conv2d op; `kh`/`kw` come from the
/// weight dims `kDims`.
template <typename ConvOp>
ConvShape getWindowShape(ConvOp op, std::pair<unsigned, unsigned> kDims) {
  ArrayRef<int64_t> xs = op.getInput().getType().getShape();
  ArrayRef<int64_t> ws = op.getWeight().getType().getShape();
  ArrayRef<int64_t> ys = op.getOutput().getType().getShape();
  ArrayRef<int64_t> stride = op.getStride(), dilation = op.getDilation(),
                    pad = op.getPad();
  ConvShape s;
  s.batch = xs[0];
  s.h = xs[1];
  s.w = xs[2];
  s.c = xs[3];
  s.kh = ws[kDims.first];
  s.kw = ws[kDims.second];
  s.sh = stride[0];
  s.sw = stride[1];
  s.dh = dilation[0];
  s.dw = dilation[1];
  s.pt = pad[0];
  s.pb = pad[1];
  s.pl = pad[2];
  s.pr = pad[3];
  s.outH = ys[1];
  s.outW = ys[2];
  s.n = ys[3];
  return s;
}

/// An insertion point with the index arithmetic and vector reads the
/// kernels emit everywhere.
struct KernelBuilder {
  OpBuilder &b;
  Location loc;

  Value index(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value mulAdd(Value base, int64_t scale, int64_t offset) {
    Value v = base;
    if (scale != 1)
      v = arith::MulIOp::create(b, loc, base, index(scale));
    if (offset == 0)
      return v;
    return arith::AddIOp::create(b, loc, v, index(offset));
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  template <typename T>
  Value tensorConstant(ArrayRef<T> values, Type elt, ArrayRef<int64_t> shape) {
    auto type = RankedTensorType::get(shape, elt);
    return arith::ConstantOp::create(b, loc,
                                     DenseElementsAttr::get(type, values));
  }
  Value read(VectorType type, Value source, ValueRange indices, Value padding) {
    return vector::TransferReadOp::create(b, loc, type, source, indices,
                                          padding, ArrayRef<bool>{true});
  }
};

using LoopBody =
    function_ref<SmallVector<Value>(KernelBuilder &, Value, ValueRange)>;

/// `for iv in [begin, end) step step` carrying `iters`. With constant
/// bounds, a loop that runs once is emitted inline and one that never runs
/// returns `iters`.
SmallVector<Value> emitLoop(KernelBuilder &e, Value begin, Value end,
                            int64_t step, ValueRange iters, LoopBody body);
SmallVector<Value> emitLoop(KernelBuilder &e, int64_t begin, int64_t end,
                            int64_t step, ValueRange iters, LoopBody body);

/// Output rows (batch and height flattened: row = n * outH + oh) or output
/// columns [begin, end) that a loop nest covers; the tensor it writes starts
/// at `base` (a slice of the whole output when the work is split across
/// threads, else `base` is 0).
struct Span {
  Value begin, end, base;
};

/// The batch index and output row of a flattened row.
std::pair<Value, Value> splitRow(KernelBuilder &e, const ConvShape &s,
                                 Value row);

/// Emits `body` over `parts` slices of `out` (a 3-D [rows, columns,
/// channels] tensor) along `dim` (0: rows, 1: columns) in an `scf.forall`,
/// which the pipeline turns into an OpenMP parallel loop. `units` units of
/// `unitSize` rows or columns are split as evenly as possible; part t gets
/// units [t * units / parts, (t + 1) * units / parts). `body` receives the
/// slice and the range [lo, hi) of rows or columns it covers, and returns
/// the slice's new value.
Value emitParallel(
    KernelBuilder &e, Value out, int64_t parts, int64_t units,
    int64_t unitSize, unsigned dim,
    function_ref<Value(KernelBuilder &, Value, Value, Value)> body);

/// Where a register tile sits: batch `n`, output row `oh` and first output
/// column `ow0` (input-side geometry); its row `outRow` and first column
/// `outCol` in the output tensor being written (a slice when threads split
/// the work); its first channel block `nb0`.
struct TilePos {
  Value n, oh, ow0, outRow, outCol, nb0;
  Value scratch; // what `prepare` made for the tile's channel blocks, or null
};

/// Called once per group of `count` channel blocks starting at `nb0`,
/// before the tiles of those blocks; its result reaches the tiles as
/// TilePos::scratch (the codebook kernels decode the blocks' weights there).
using BlockPrepare = function_ref<Value(KernelBuilder &, Value, int64_t)>;

/// Emits one tile of `mr` columns x `nr` channel blocks at `pos`;
/// `lastRagged` when its last block is the output's ragged block. Returns
/// the new output.
using TileBody = function_ref<Value(KernelBuilder &, Value, const TilePos &,
                                    int64_t, int64_t, bool)>;

/// The loop nest of a kernel over `rows` x `cols` (step `mr`) and all
/// `blocks` channel blocks, channel blocks outermost (a tile's packed
/// weights stay in cache while every pixel streams past): tiles of `nr`
/// blocks over the `fullBlocks` whole blocks, then single whole blocks,
/// then the ragged last block when blocks > fullBlocks.
Value emitTileNest(KernelBuilder &e, const ConvShape &s, Value out, Span rows,
                   Span cols, int64_t mr, int64_t nr, int64_t fullBlocks,
                   int64_t blocks, TileBody tile, BlockPrepare prepare = {});

/// Emits a kernel's tiles over its whole 3-D output [rows, columns,
/// channels]: full tiles of `mr` columns, then one tile of the remainder,
/// each through `emitChannels(e, out, rows, cols, tile)`. With `threads` > 1
/// the work is split into that many parts (emitParallel): bands of rows,
/// or, for a single row (a fully connected layer), bands of column tiles
/// with the remainder tile after them on one thread. Returns the new `out`.
using ChannelsBody =
    function_ref<Value(KernelBuilder &, Value, Span, Span, int64_t)>;
Value emitOutputTiles(KernelBuilder &e, Value out, int64_t threads,
                      int64_t rowCount, int64_t columns, int64_t mr,
                      ChannelsBody emitChannels);

/// Plans rule N6 for `n` output channels (M[c] = s_x * s_w[c] / s_y) and
/// materializes the per-channel plan values as constants of `width`
/// (a multiple of the kernel's lanes) lanes, padded with zeros: multiplier,
/// left and right shift in fixed-point mode or the f32 multiplier in float
/// mode, then the zero point. Errors are reported on `op`.
LogicalResult planEpilogue(KernelBuilder &e, Operation *op, RequantMode mode,
                           const QuantParams &x, const QuantParams &w,
                           const QuantParams &y, Activation activation,
                           int64_t n, int64_t width, RequantPlan &plan,
                           SmallVector<Value> &requant);

/// Requantizes the accumulators `acc` (a vector of L i32 lanes) of
/// channels col .. col + L - 1 (rule N6, plan values read from the
/// per-channel `requant` vectors) and stores them at out[pixel..., col];
/// `ragged` > 0 stores only that many channels. Returns the new `out`.
Value emitEpilogue(KernelBuilder &e, RequantMode mode, const RequantPlan &plan,
                   ArrayRef<Value> requant, Value acc, Value out,
                   ArrayRef<Value> pixel, Value col, int64_t ragged);

} // namespace mlir::qnn::kernel

#endif // QNN_LIB_CONVERSION_QNNTOVNNI_KERNELUTILS_H
