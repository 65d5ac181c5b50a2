//===- Passes.td - qnn conversion passes -------------------*- tablegen -*-===//

#ifndef QNN_CONVERSION_PASSES_TD
#define QNN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertQNNToLinalg : Pass<"convert-qnn-to-linalg", "mlir::ModuleOp"> {
  let summary = "Reference lowering of qnn ops to linalg, tensor and arith";
  let description = [{
    Rewrites every qnn op into `linalg.generic` loops nests and `arith`/`math`
    scalar code over the ops' storage types, following docs/numerics.md rule
    by rule. A TypeConverter maps `!quant.uniform` element types to their
    integer containers (i8, i16, i32; rule N1.4) and `!qnn.binary` tensors to
    their packed i64 words (rule N1.5); function signatures are converted too.

    This lowering is deliberately simple: it is the numerical oracle that
    optimized kernels are checked against.

    Before:
    ```mlir
    func.func @f(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>> {
      %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
      return %q : tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
    }
    ```
    After (abridged):
    ```mlir
    func.func @f(%x: tensor<4xf32>) -> tensor<4xi8> {
      %0 = linalg.generic ... ins(%x : tensor<4xf32>) outs(%e : tensor<4xi8>) {
        %d = arith.divf %in, %cst_scale : f32
        %r = math.roundeven %d : f32
        ...
      }
      return %0 : tensor<4xi8>
    }
    ```
  }];
  let options = [
    Option<"requantMode", "requant-mode", "std::string", "\"fixed-point\"",
           "Requantization arithmetic: 'fixed-point' (31-bit multiplier and "
           "shift, rule N6.1) or 'float' (f32, round half to even, rule N6.2)">
  ];
  let dependentDialects = [
    "mlir::arith::ArithDialect", "mlir::func::FuncDialect",
    "mlir::linalg::LinalgDialect", "mlir::math::MathDialect",
    "mlir::tensor::TensorDialect"
  ];
}

def ConvertQNNToVNNI : Pass<"convert-qnn-to-vnni", "mlir::ModuleOp"> {
  let summary = "Lower qnn ops carrying a kernel choice to tiled vector code";
  let description = [{
    Rewrites every `qnn.conv2d` and `qnn.fully_connected` that
    `qnn-select-kernels` marked `qnn.kernel = {kind = "vnni512", mr, nr}`
    (`mr` output pixels along a row times `nr` blocks of 16 output channels
    in registers) into a register-tiled loop nest
    on tensors whose inner product is the LLVM intrinsic
    `llvm.x86.avx512.vpdpbusd.512` (u8 x s8 -> s32, four products per lane),
    emitted as `qnn.dot_u8i8` and turned into the intrinsic by
    `convert-qnn-vector-to-llvm` once buffers are placed:

    - the weights are packed at compile time into blocks of 16 output
      channels x 4 input features (64 bytes per `vpdpbusd` operand), padded
      with zeros;
    - a convolution reads its window straight from the input, with no
      im2col buffer; when it pads, has input channels that are not a
      multiple of 4 or s8 activations, it reads a padded u8 copy (border
      filled with the shifted zero point, written with vector loads and
      stores): of the whole input once, or with `pad = "band"` in the
      choice, of only the kernel-height input rows each output row reads
      (a small buffer, filled inside the parallel loop);
    - the activation zero point is folded into the bias with the weights'
      compile-time column sums; s8 activations are shifted to u8 by
      flipping their top bit (+128) with the shift folded the same way;
    - bias, requantization (rule N6, either mode) and the activation clamp
      run on the accumulator registers; no i32 tensor is written to memory.

    It also rewrites every `qnn.depthwise_conv2d` marked
    `qnn.kernel = {kind = "dwvec", mr, [pad]}` into 16-channel vector code
    (per pair of taps, the two taps' 16 activations interleaved and widened
    to i16 against i16 weights interleaved at compile time, products summed
    in pairs: `vpmaddwd`; `mr` output pixels per tile, the zero point folded
    into the bias, the same fused epilogue). With `decode = "block"` its
    weights are `qnn.decode` of constant codebook indices: the library
    stores the indices packed (2-bit slots for codebooks of 1 or 2 bits,
    4-bit for 3 or 4, else 8-bit) and the tables as i8, and code decodes
    them once per call into the i16 tap-pair weights (taps x channels x 2
    bytes, 10 KB for 3x3x512). Codebooks of at most 4 bits whose table
    depends on the channel only (one table, or tables along the channel
    axis) decode 32 weights at a time: indices stored per channel block and
    tap pair in the kernel's order, unpacked by shifts and masks, and
    looked up with `qnn.lookup16` (one table) or one `arith.select` per
    entry against the block's 16 channels of that entry (tables per
    channel).
    Others decode one weight at a time (a `tensor.generate`).

    It rewrites every `qnn.bconv2d` and `qnn.bfully_connected` marked
    `qnn.kernel = {kind = "bpop", mr, nr, lanes}` into XOR + popcount code:
    `mr` output pixels x `nr` blocks of `lanes` output channels of
    `vector<LANESxi64>` accumulators; per tap and input word a broadcast
    activation word XORed with packed weight words, `math.ctpop` and an
    add (`vpopcntq` with AVX512_VPOPCNTDQ). Weights are packed at compile
    time; the input is padded with zero words and `pad_value = 0` is
    restored with a compile-time table of border corrections per row and
    column class; the epilogue (f32, quantized, or sign bits ORed straight
    into the packed output words) runs on registers (docs/numerics.md,
    "Optimized kernels").

    It rewrites every `qnn.conv2d` and `qnn.fully_connected` marked
    `qnn.kernel = {kind = "bitserial", mr, nr, lanes}` into bit-serial code:
    the activations (at most 4 bits) split at run time into bit planes of
    64 channels per i64 word, the constant weights into bipolar or two's
    complement planes at compile time, AND + popcount per plane pair into
    `vector<LANESxi64>` accumulators, the zero point folded into the bias,
    and the int8 kernels' requantize epilogue.

    It rewrites every `qnn.weight_only_fc` marked
    `qnn.kernel = {kind = "wofc", rows}` into f32 code that streams the
    constant weights once per group of `rows` rows: per output channel and
    block of 64 inputs, 64 stored weights (bytes, or 4-bit codebook
    indices looked up with `qnn.lookup16`) widened to f32 and accumulated
    with `math.fma` into one `vector<64xf32>` per row, summed in rule N25's
    order.

    With `threads=N` (N > 1) the output of each kernel is split into N
    parts, bands of output rows (batch and height flattened) or, for a
    single output row such as a fully connected layer, bands of column
    tiles, in an `scf.forall` whose iterations write disjoint slices
    (`tensor.parallel_insert_slice`); the `qnn-to-llvm` pipeline turns it
    into an OpenMP parallel loop. Within a part the loop order is the same.
    The `wofc` kernel splits its output channels (so each thread reads its
    own band of the weights).

    The result equals the reference lowering's bit for bit. Boundaries are
    `quant.scast` casts, so the reference conversion still lowers the rest.
  }];
  let options = [
    Option<"requantMode", "requant-mode", "std::string", "\"fixed-point\"",
           "Requantization arithmetic: 'fixed-point' or 'float' (rule N6)">,
    Option<"threads", "threads", "int64_t", "1",
           "Split each kernel's output into this many parts computed in an "
           "scf.forall (bands of output rows, or of column tiles for a "
           "single row); 1 emits sequential loops">
  ];
  let dependentDialects = [
    "mlir::arith::ArithDialect", "mlir::linalg::LinalgDialect",
    "mlir::LLVM::LLVMDialect", "mlir::qnn::QNNDialect",
    "mlir::quant::QuantDialect", "mlir::scf::SCFDialect",
    "mlir::tensor::TensorDialect", "mlir::vector::VectorDialect"
  ];
}

def ConvertQNNVectorToLLVM : Pass<"convert-qnn-vector-to-llvm"> {
  let summary = "Lower qnn's vector-level ops to LLVM intrinsics";
  let description = [{
    Replaces `qnn.dot_u8i8` with a call of the LLVM intrinsic
    `llvm.x86.avx512.vpdpbusd.512` when `target-features` has
    `+avx512vnni`; without it, with `vpmaddubsw` and `vpmaddwd` (one zmm
    register with `+avx512bw`, two ymm halves with `+avx2`; the op's
    description says how it stays exact), and otherwise with portable
    vector arithmetic (widen, multiply, add the four products of each
    lane), so that the op compiles for any target. It runs after bufferization and buffer deallocation,
    which cannot reason about the unknown memory effects of
    `llvm.call_intrinsic`.

    Before:
    ```mlir
    %r = qnn.dot_u8i8 %acc, %a, %b : vector<16xi32>, vector<64xi8>, vector<64xi8>
    ```
    After:
    ```mlir
    %r = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%acc, %a, %b)
        : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
    ```
  }];
  let options = [
    Option<"targetFeatures", "target-features", "std::string", "\"\"",
           "LLVM target features; '+avx512vnni' selects the intrinsic, "
           "'+avx512bw' or '+avx2' the vpmaddubsw code">
  ];
  let dependentDialects = ["mlir::LLVM::LLVMDialect",
                           "mlir::arith::ArithDialect",
                           "mlir::vector::VectorDialect"];
}

#endif // QNN_CONVERSION_PASSES_TD
