//===- QNNOps.td - qnn dialect, types, attributes and ops --*- tablegen -*-===//
//
// The qnn dialect: quantized neural-network ops over tensors of upstream
// `!quant.uniform` types and qnn's own 1-bit `!qnn.binary` type. The numerics
// of every op are specified in docs/numerics.md; rule IDs (N8.4, ...) cited
// here and in the verifiers refer to that document.
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_IR_QNNOPS_TD
#define QNN_DIALECT_QNN_IR_QNNOPS_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Dialect
//===----------------------------------------------------------------------===//

def QNN_Dialect : Dialect {
  let name = "qnn";
  let cppNamespace = "::mlir::qnn";
  let summary = "Quantized neural-network ops for CPU code generation";
  let description = [{
    The `qnn` dialect holds quantized neural-network ops whose scales and zero
    points live in their tensor element types: upstream `!quant.uniform`
    (per tensor and per axis) for integer data and `!qnn.binary` for 1-bit
    bipolar data. Layouts follow TOSA: activations NHWC, convolution weights
    OHWI, depthwise weights [KH, KW, C, M]. The numerics of every op are
    specified rule by rule in `docs/numerics.md`.
  }];
  let dependentDialects = ["::mlir::quant::QuantDialect"];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
}

class QNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<QNN_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

def QNN_BinaryType : TypeDef<QNN_Dialect, "Binary"> {
  let mnemonic = "binary";
  let summary = "1-bit bipolar value in {-alpha, +alpha}";
  let description = [{
    A 1-bit bipolar value (XNOR-Net / BNN): each element is `-alpha` or
    `+alpha`. `alpha` is given per tensor or per slice along `axis`.

    ```mlir
    !qnn.binary<f32, 0.5>               // per tensor
    !qnn.binary<f32:0, {0.5, 0.25}>     // per axis 0
    ```

    Storage (rule N1.5): the last dimension is packed into 64-bit words,
    element `c` is bit `c % 64` of word `c / 64`, bit 1 means -1, unused
    tail bits are 0.
  }];
  let parameters = (ins "::mlir::Type":$expressedType,
                        "::mlir::DenseF64ArrayAttr":$scales,
                        "int32_t":$axis);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// True when one alpha applies to the whole tensor.
    bool isPerTensor() const { return getAxis() < 0; }
  }];
}

def QNN_CodebookType : TypeDef<QNN_Dialect, "Codebook"> {
  let mnemonic = "codebook";
  let summary = "b-bit index into a table of quantized values (rule N23)";
  let description = [{
    Non-uniform (codebook) quantization: an element is a `bits`-bit index
    into a table of stored integers of the uniform quantized type
    `quantType`; `qnn.decode` turns it into that type. The table is one for
    the whole tensor or one per index of `axis` (each output channel's own
    codebook). Tables hold at most `2^bits` entries; a ternary codebook
    holds 3 (`{-a, 0, +a}` around the zero point) with 2-bit indices.

    ```mlir
    // 4-bit indices, one table of 16 int8 values, per-channel scales
    !qnn.codebook<4, !quant.uniform<i8<-127:127>:f32:0, {0.01, 0.02}>, {-120, -90, ..., 118}>
    // 2-bit indices, a ternary table per output channel (axis 0)
    !qnn.codebook<2, !quant.uniform<i8<-127:127>:f32:0, {0.01, 0.02}>, 0:{{-41, 0, 41}, {-60, 0, 52}}>
    ```

    Storage (rule N23.1): one index per byte (an `i8` container,
    `qnn.container_cast`), the low `bits` bits of its unsigned value; an
    index at or past the table's size reads its last entry.
  }];
  let parameters = (ins "unsigned":$bits, "::mlir::Type":$quantType,
                        "int64_t":$entries,
                        "::mlir::DenseI64ArrayAttr":$table,
                        "int32_t":$axis);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// True when one table serves the whole tensor.
    bool isPerTensor() const { return getAxis() < 0; }
    /// Number of tables: 1, or one per index of `axis`.
    int64_t getNumTables() const {
      return static_cast<int64_t>(getTable().size()) / getEntries();
    }
    /// The table of index `c` along `axis` (the only table when per tensor).
    ::llvm::ArrayRef<int64_t> getTableOf(int64_t c) const {
      int64_t t = isPerTensor() ? 0 : c;
      return getTable().asArrayRef().slice(t * getEntries(), getEntries());
    }
  }];
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

def QNN_ActivationNone  : I32EnumAttrCase<"none", 0>;
def QNN_ActivationRelu  : I32EnumAttrCase<"relu", 1>;
def QNN_ActivationRelu6 : I32EnumAttrCase<"relu6", 2>;
def QNN_ActivationEnum : I32EnumAttr<"Activation",
    "activation fused into the requantization clamp (rule N6.3)",
    [QNN_ActivationNone, QNN_ActivationRelu, QNN_ActivationRelu6]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::qnn";
}
def QNN_ActivationAttr : EnumAttr<QNN_Dialect, QNN_ActivationEnum, "activation"> {
  let assemblyFormat = "`<` $value `>`";
}
def QNN_DefaultActivation
    : DefaultValuedAttr<QNN_ActivationAttr, "::mlir::qnn::Activation::none">;

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def QNN_Tensor : RankedTensorOf<[AnyType]>;

def QNN_F32Tensor : RankedTensorOf<[F32]>;

def QNN_QuantElement : Type<
    CPred<"::llvm::isa<::mlir::quant::UniformQuantizedType, "
          "::mlir::quant::UniformQuantizedPerAxisType>($_self)">,
    "uniform quantized type">;
def QNN_QTensor : RankedTensorOf<[QNN_QuantElement]>;

def QNN_BinaryTensor : RankedTensorOf<[QNN_BinaryType]>;
def QNN_QOrBinaryTensor : RankedTensorOf<[QNN_QuantElement, QNN_BinaryType]>;

def QNN_I32Tensor : RankedTensorOf<[I32]>;

def QNN_Stride : DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">;
def QNN_Dilation : DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">;
def QNN_Pad : DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">;

//===----------------------------------------------------------------------===//
// Conversions between float and quantized tensors
//===----------------------------------------------------------------------===//

def QNN_QuantizeOp : QNN_Op<"quantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "f32 tensor to quantized tensor (rule N2)";
  let description = [{
    `q = clamp(round_half_to_even(x / s) + zp, qmin, qmax)`, computed in f32;
    NaN becomes `zp`.

    ```mlir
    %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
    ```
  }];
  let arguments = (ins QNN_F32Tensor:$input);
  let results = (outs QNN_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QNN_DequantizeOp : QNN_Op<"dequantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "quantized tensor to f32 tensor (rule N3)";
  let description = [{
    `x = f32(q - zp) * f32(s)`.

    ```mlir
    %x = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins QNN_QTensor:$input);
  let results = (outs QNN_F32Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QNN_RequantizeOp : QNN_Op<"requantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "change scale, zero point or storage of a quantized tensor (rule N7)";
  let description = [{
    `y = clamp(MBQM(q - zp_in, M) + zp_out)` with `M = s_in / s_out` as a
    31-bit fixed-point multiplier and shift (rules N4-N6), or in f32 with
    round-half-to-even when the lowering runs with `requant-mode=float`.

    ```mlir
    %r = qnn.requantize %q : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                          -> tensor<4x!quant.uniform<u8:f32, 0.1:128>>
    ```
  }];
  let arguments = (ins QNN_QTensor:$input);
  let results = (outs QNN_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Integer compute ops
//===----------------------------------------------------------------------===//

class QNN_ConvLikeOp<string mnemonic, string summaryText, string desc>
    : QNN_Op<mnemonic, [Pure]> {
  let summary = summaryText;
  let description = desc;
  let arguments = (ins QNN_QTensor:$input, QNN_QTensor:$weight,
                       Optional<QNN_I32Tensor>:$bias,
                       QNN_Stride:$stride, QNN_Pad:$pad,
                       QNN_Dilation:$dilation,
                       QNN_DefaultActivation:$activation);
  let results = (outs QNN_QTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_Conv2DOp : QNN_ConvLikeOp<"conv2d",
    "quantized 2-D convolution, NHWC x OHWI (rule N8)", [{
    Accumulates `(x - zx) * (w - zw)` in i32 over the window (positions
    outside the input contribute 0, rule N8.4), adds the i32 bias, and
    requantizes per output channel with the fused activation (rules N6, N8.5).

    ```mlir
    %y = qnn.conv2d %x, %w, %b {stride = array<i64: 2, 2>,
           pad = array<i64: 1, 1, 1, 1>, activation = #qnn.activation<relu>}
         : (tensor<1x8x8x3x!quant.uniform<u8:f32, 0.02:128>>,
            tensor<4x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2, 0.3, 0.4}>>,
            tensor<4xi32>) -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:0>>
    ```
  }]>;

def QNN_DepthwiseConv2DOp : QNN_ConvLikeOp<"depthwise_conv2d",
    "quantized depthwise 2-D convolution, NHWC x [KH,KW,C,M] (rule N9)", [{
    Output channel `c * M + m` reads input channel `c` only. Weights are per
    tensor or per axis 2 (one scale per input channel). Otherwise as
    `qnn.conv2d`.

    ```mlir
    %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>}
         : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.02:-1>>,
            tensor<3x3x3x2x!quant.uniform<i8:f32, 0.1>>)
         -> tensor<1x8x8x6x!quant.uniform<i8:f32, 0.05:0>>
    ```
  }]>;

def QNN_FullyConnectedOp : QNN_Op<"fully_connected", [Pure]> {
  let summary = "quantized fully connected layer, [N,K] x [O,K] (rule N10)";
  let description = [{
    `acc[n,o] = bias[o] + sum_k (x[n,k] - zx) * (w[o,k] - zw[o])`, then
    requantized per output channel with the fused activation.

    ```mlir
    %y = qnn.fully_connected %x, %w, %b {activation = #qnn.activation<relu6>}
         : (tensor<2x16x!quant.uniform<u8:f32, 0.02:128>>,
            tensor<8x16x!quant.uniform<i8:f32, 0.1>>, tensor<8xi32>)
         -> tensor<2x8x!quant.uniform<u8:f32, 0.05:0>>
    ```
  }];
  let arguments = (ins QNN_QTensor:$input, QNN_QTensor:$weight,
                       Optional<QNN_I32Tensor>:$bias,
                       QNN_DefaultActivation:$activation);
  let results = (outs QNN_QTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_AddOp : QNN_Op<"add", [Pure, Commutative]> {
  let summary = "elementwise addition of two quantized tensors (rule N11)";
  let description = [{
    Both operands are rescaled to a common scale and added (TFLite scheme
    with a 20-bit left shift in fixed-point mode), then requantized to the
    result type with the fused activation. Shapes must be equal.

    ```mlir
    %y = qnn.add %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.1:0>>,
                           tensor<4x!quant.uniform<i8:f32, 0.2:3>>)
                       -> tensor<4x!quant.uniform<i8:f32, 0.3:-1>>
    ```
  }];
  let arguments = (ins QNN_QTensor:$lhs, QNN_QTensor:$rhs,
                       QNN_DefaultActivation:$activation);
  let results = (outs QNN_QTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

class QNN_PoolOp<string mnemonic, string summaryText, string desc,
                 TypeConstraint tensor = QNN_QTensor>
    : QNN_Op<mnemonic, [Pure]> {
  let summary = summaryText;
  let description = desc;
  let arguments = (ins tensor:$input, DenseI64ArrayAttr:$kernel,
                       QNN_Stride:$stride, QNN_Pad:$pad);
  let results = (outs tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QNN_AvgPool2DOp : QNN_PoolOp<"avg_pool2d",
    "quantized average pooling, NHWC (rule N12)", [{
    Averages the in-bounds window positions (padding is not counted) and
    rounds half away from zero. Input and output have the same type.

    ```mlir
    %y = qnn.avg_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>,
                            pad = array<i64: 1, 1, 1, 1>}
         : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.1:3>>
        -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:3>>
    ```
  }]>;

def QNN_MaxPool2DOp : QNN_PoolOp<"max_pool2d",
    "quantized or binary max pooling, NHWC (rule N13)", [{
    Maximum over the in-bounds window positions. Input and output have the
    same type. On a binary tensor (`!qnn.binary`, rule N13.1) the maximum
    of +-alpha values is -alpha only where every value is: the AND of the
    packed bits, computed on whole i64 words (64 channels at a time).

    ```mlir
    %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
         : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.1:3>>
        -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.1:3>>
    %b = qnn.max_pool2d %p {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
         : tensor<1x8x8x70x!qnn.binary<f32, 1.0>>
        -> tensor<1x4x4x70x!qnn.binary<f32, 1.0>>
    ```
  }], QNN_QOrBinaryTensor>;

def QNN_ClampOp : QNN_Op<"clamp", [Pure, SameOperandsAndResultType]> {
  let summary = "clamp in the storage domain (rule N14)";
  let description = [{
    `y = min(max(q, min), max)` with `min` and `max` given as storage
    values.

    ```mlir
    %y = qnn.clamp %x {min = 0 : i64, max = 100 : i64}
         : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
    ```
  }];
  let arguments = (ins QNN_QTensor:$input, I64Attr:$min, I64Attr:$max);
  let results = (outs QNN_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QNN_ConcatOp : QNN_Op<"concat", [Pure]> {
  let summary = "concatenate quantized tensors along an axis (rule N15)";
  let description = [{
    Operands whose scale or zero point differ from the result's are
    requantized to it (rule N7); identical ones are copied.

    ```mlir
    %y = qnn.concat %a, %b {axis = 1 : i64}
         : (tensor<2x3x!quant.uniform<i8:f32, 0.1>>, tensor<2x5x!quant.uniform<i8:f32, 0.2:1>>)
        -> tensor<2x8x!quant.uniform<i8:f32, 0.2:1>>
    ```
  }];
  let arguments = (ins Variadic<QNN_QTensor>:$inputs, I64Attr:$axis);
  let results = (outs QNN_QTensor:$output);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
}

def QNN_ReshapeOp : QNN_Op<"reshape", [Pure]> {
  let summary = "reshape a tensor without changing its data (rule N16)";
  let description = [{
    Same element type and element count; per-axis and binary element types
    are rejected because reshaping would move their axis or packing.

    ```mlir
    %y = qnn.reshape %x : tensor<1x2x2x4x!quant.uniform<i8:f32, 0.1>>
                       -> tensor<1x16x!quant.uniform<i8:f32, 0.1>>
    ```
  }];
  let arguments = (ins QNN_Tensor:$input);
  let results = (outs QNN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Binary (1-bit) ops
//===----------------------------------------------------------------------===//

def QNN_BinarizeOp : QNN_Op<"binarize", [Pure, SameOperandsAndResultShape]> {
  let summary = "sign function with a threshold, producing a binary tensor (rule N17)";
  let description = [{
    Element becomes `-alpha` (bit 1) when `x < threshold`, `+alpha` (bit 0)
    otherwise. Quantized inputs are dequantized first.

    ```mlir
    %b = qnn.binarize %x {threshold = 0.0 : f32}
         : tensor<1x4x4x70xf32> -> tensor<1x4x4x70x!qnn.binary<f32, 0.5>>
    ```
  }];
  let arguments = (ins QNN_Tensor:$input,
                       DefaultValuedAttr<F32Attr, "0.0f">:$threshold);
  let results = (outs QNN_BinaryTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QNN_BitpackOp : QNN_Op<"bitpack", [Pure]> {
  let summary = "expose the packed i64 storage of a binary tensor (rule N18)";
  let description = [{
    The last dimension `C` becomes `ceil(C / 64)` words laid out as in
    rule N1.5.

    ```mlir
    %p = qnn.bitpack %b : tensor<1x4x4x70x!qnn.binary<f32, 0.5>> -> tensor<1x4x4x2xi64>
    ```
  }];
  let arguments = (ins QNN_BinaryTensor:$input);
  let results = (outs RankedTensorOf<[I64]>:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QNN_ContainerCastOp : QNN_Op<"container_cast", [Pure]> {
  let summary = "cast between a quantized tensor and its storage containers (rule N1.4)";
  let description = [{
    A quantized tensor seen as the integers its memory holds, or back: one
    byte per element for storage of at most 8 bits, 16 bits up to 16, 32 up
    to 32 (rule N1.4). Unlike `quant.scast`, whose other side has the storage
    type itself (`i4` for `u4`), the other side is the container type, so
    that kernels read and write narrow storage (`u1` .. `u4`, `i2`, `i12` ..)
    as whole bytes or words. Exactly one side is quantized. The reference
    lowering forwards the container it already holds.

    ```mlir
    %c = qnn.container_cast %x : tensor<1x8x8x64x!quant.uniform<u2:f32, 0.5:1>> to tensor<1x8x8x64xi8>
    %y = qnn.container_cast %c : tensor<1x8x8x64xi8> to tensor<1x8x8x64x!quant.uniform<u2:f32, 0.5:1>>
    ```
  }];
  let arguments = (ins QNN_Tensor:$input);
  let results = (outs QNN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($output)";
  let hasVerifier = 1;
}

def QNN_DecodeOp : QNN_Op<"decode", [Pure, SameOperandsAndResultShape]> {
  let summary = "codebook indices to the quantized values they select (rule N23)";
  let description = [{
    `y[i] = table_c[min(idx[i], entries - 1)]` as a stored integer of the
    codebook's `quantType`, where `c` is `i`'s index along the codebook's
    axis (the only table when it has none). The result's element type is
    the codebook's `quantType`. Constant weights enter a module as

    ```mlir
    %idx = arith.constant dense<...> : tensor<16x3x3x8xi8>
    %c = qnn.container_cast %idx : tensor<16x3x3x8xi8> to tensor<16x3x3x8x!qnn.codebook<4, !quant.uniform<i8<-127:127>:f32:0, {...}>, {...}>>
    %w = qnn.decode %c : tensor<16x3x3x8x!qnn.codebook<...>> -> tensor<16x3x3x8x!quant.uniform<i8<-127:127>:f32:0, {...}>>
    ```

    `qnn-decode-codebooks` folds the decode of constant indices; the
    reference lowering looks each index up in a constant table.
  }];
  let arguments = (ins RankedTensorOf<[QNN_CodebookType]>:$input);
  let results = (outs QNN_QTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QNN_WeightOnlyFcOp : QNN_Op<"weight_only_fc", [Pure]> {
  let summary = "fully connected layer with f32 activations and quantized or codebook weights (rule N25)";
  let description = [{
    `y[m,n] = f32(s_w[n]) * t[m,n] + bias[n]` where, with `q[n,k]` the
    stored weight (decoded through the codebook, rule N23, when the weight
    is a `!qnn.codebook`) and `K` padded with zeros to a multiple of 64,
    `acc[m,n,j] = fma(x[m,k], f32(q[n,k] - z_w[n]), acc[m,n,j])` over
    `k = j, j + 64, j + 128, ...` in that order from +0.0, and `t[m,n]`
    the sum of the 64 lanes by halving (lane `j + w` onto lane `j` for
    `w = 32, 16, ..., 1`).
    Only the weights are quantized: a memory-bound layer (one row, many
    weights) reads 1 byte (int8) or half a byte (4-bit codebook indices)
    per weight instead of 4. `qnn-quantize mode=weight-only` makes it.

    ```mlir
    %y = qnn.weight_only_fc %x, %w, %b
         : (tensor<1x256xf32>, tensor<10x256x!qnn.codebook<4, !quant.uniform<i8<-127:127>:f32:0, {...}>, 0:{...}>>,
            tensor<10xf32>) -> tensor<1x10xf32>
    ```
  }];
  let arguments = (ins QNN_F32Tensor:$input,
                       RankedTensorOf<[QNN_QuantElement, QNN_CodebookType]>:$weight,
                       QNN_F32Tensor:$bias);
  let results = (outs QNN_F32Tensor:$output);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_BitunpackOp : QNN_Op<"bitunpack", [Pure]> {
  let summary = "view packed i64 words as a binary tensor (rule N18.1)";
  let description = [{
    The inverse of `qnn.bitpack`: `ceil(C / 64)` words along the last
    dimension become `C` binary values (rule N1.5). Tail bits beyond `C` are
    cleared, so the storage invariant holds whatever the words contain. This
    is how constant binary weights enter a module:

    ```mlir
    %words = arith.constant dense<...> : tensor<16x3x3x2xi64>
    %w = qnn.bitunpack %words : tensor<16x3x3x2xi64> -> tensor<16x3x3x70x!qnn.binary<f32, 0.5>>
    ```
  }];
  let arguments = (ins RankedTensorOf<[I64]>:$input);
  let results = (outs QNN_BinaryTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def QNN_BConv2DOp : QNN_Op<"bconv2d", [Pure]> {
  let summary = "binary 2-D convolution with XOR and popcount (rule N19)";
  let description = [{
    `dot = sum over in-bounds taps of (C - 2 * popcount(x XOR w))`; padded
    taps contribute 0 (`pad_value = 0`, zero padding) or count the input as
    +1 (`pad_value = 1`). The real value `dot * alpha_x * alpha_w[o] +
    bias[o]` is returned as f32, quantized, or binarized at 0, depending on
    the result type.

    ```mlir
    %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>}
         : (tensor<1x8x8x70x!qnn.binary<f32, 1.0>>,
            tensor<16x3x3x70x!qnn.binary<f32:0, {...}>>, tensor<16xf32>)
        -> tensor<1x8x8x16xf32>
    ```
  }];
  let arguments = (ins QNN_BinaryTensor:$input, QNN_BinaryTensor:$weight,
                       Optional<QNN_F32Tensor>:$bias,
                       QNN_Stride:$stride, QNN_Pad:$pad,
                       QNN_Dilation:$dilation,
                       DefaultValuedAttr<I64Attr, "0">:$pad_value);
  let results = (outs QNN_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_BFullyConnectedOp : QNN_Op<"bfully_connected", [Pure]> {
  let summary = "binary fully connected layer with XOR and popcount (rule N20)";
  let description = [{
    `dot[n,o] = C - 2 * popcount(x[n] XOR w[o])`, then as `qnn.bconv2d`.

    ```mlir
    %y = qnn.bfully_connected %x, %w : (tensor<2x70x!qnn.binary<f32, 1.0>>,
           tensor<8x70x!qnn.binary<f32, 0.5>>) -> tensor<2x8xf32>
    ```
  }];
  let arguments = (ins QNN_BinaryTensor:$input, QNN_BinaryTensor:$weight,
                       Optional<QNN_F32Tensor>:$bias);
  let results = (outs QNN_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Vector-level ops used inside optimized kernels
//===----------------------------------------------------------------------===//

def QNN_DotU8I8Op : QNN_Op<"dot_u8i8", [Pure, AllTypesMatch<["acc", "result"]>]> {
  let summary = "4-way u8 x s8 dot product accumulated into i32 lanes (vpdpbusd)";
  let description = [{
    For every i32 lane `i` of `acc`:
    `result[i] = acc[i] + sum_{t<4} zext(lhs[4i+t]) * sext(rhs[4i+t])`, with
    wrap-around i32 arithmetic: the semantics of AVX-512 VNNI `vpdpbusd`.
    Optimized kernels (`convert-qnn-to-vnni`) emit it on vectors;
    `convert-qnn-vector-to-llvm` turns it into the LLVM intrinsic
    `llvm.x86.avx512.vpdpbusd.512` after bufferization. Without VNNI it
    lowers to `vpmaddubsw` (u8 x s8 products summed in pairs into i16, with
    saturation) and `vpmaddwd` against ones (the pairs summed into i32): the
    unsigned operand split into its low 7 bits and its top bit, so that no
    pair sum can saturate, or, with `narrow_rhs`, in one step.

    `narrow_rhs` promises that in every pair of `rhs` bytes `(2k, 2k+1)` the
    positive values sum to at most 128 and the negative ones to at least
    -128 (true when every byte is in [-64, 64]): then no pair of products
    with any `lhs` leaves i16, and `vpmaddubsw` is exact. The producer
    (`convert-qnn-to-vnni`, from constant weights) must check it; with a
    byte pair outside it the result is unspecified.

    ```mlir
    %r = qnn.dot_u8i8 %acc, %a, %b : vector<16xi32>, vector<64xi8>, vector<64xi8>
    %n = qnn.dot_u8i8 %acc, %a, %b {narrow_rhs} : vector<16xi32>, vector<64xi8>, vector<64xi8>
    ```
  }];
  let arguments = (ins VectorOfLengthAndType<[16], [I32]>:$acc,
                       VectorOfLengthAndType<[64], [I8]>:$lhs,
                       VectorOfLengthAndType<[64], [I8]>:$rhs,
                       UnitAttr:$narrow_rhs);
  let results = (outs VectorOfLengthAndType<[16], [I32]>:$result);
  let assemblyFormat = [{
    $acc `,` $lhs `,` $rhs attr-dict `:` type($acc) `,` type($lhs) `,` type($rhs)
  }];
}

//===----------------------------------------------------------------------===//
// Float-level ops
//===----------------------------------------------------------------------===//

def QNN_PermuteBytesOp : QNN_Op<"permute_bytes", [Pure, AllTypesMatch<["table", "indices", "result"]>]> {
  let summary = "byte table lookup in a vector: result[j] = table[idx[j] mod 64] (vpermb)";
  let description = [{
    For every byte `j`: `result[j] = table[idx[j] & 63]`, the semantics of
    AVX-512 VBMI `vpermb`. The codebook kernels (`convert-qnn-to-vnni`)
    decode weight indices with it in registers (rule N23);
    `convert-qnn-vector-to-llvm` turns it into `llvm.x86.avx512.permvar.qi.512`
    when the target has AVX512_VBMI, else into one extract per byte.

    ```mlir
    %r = qnn.permute_bytes %table, %idx : vector<64xi8>
    ```
  }];
  let arguments = (ins VectorOfLengthAndType<[64], [I8]>:$table,
                       VectorOfLengthAndType<[64], [I8]>:$indices);
  let results = (outs VectorOfLengthAndType<[64], [I8]>:$result);
  let assemblyFormat = "$table `,` $indices attr-dict `:` type($result)";
}

def QNN_Lookup16Op : QNN_Op<"lookup16", [Pure, AllTypesMatch<["indices", "result"]>]> {
  let summary = "16-entry byte table lookup: result[j] = table[idx[j] mod 16] (vpshufb)";
  let description = [{
    For every byte `j`: `result[j] = table[idx[j] & 15]`. A 16-entry table
    (4-bit codebook indices) needs no VBMI: with the table in every 128-bit
    lane this is `vpshufb`. `convert-qnn-vector-to-llvm` turns it into
    `llvm.x86.avx512.pshuf.b.512` with AVX512BW, two
    `llvm.x86.avx2.pshuf.b` with AVX2, else into one extract per byte. The
    weight-only kernel decodes 4-bit indices with it (rule N25).

    ```mlir
    %r = qnn.lookup16 %table, %idx : vector<16xi8>, vector<64xi8>
    ```
  }];
  let arguments = (ins VectorOfLengthAndType<[16], [I8]>:$table,
                       VectorOfLengthAndType<[64], [I8]>:$indices);
  let results = (outs VectorOfLengthAndType<[64], [I8]>:$result);
  let assemblyFormat = "$table `,` $indices attr-dict `:` type($table) `,` type($result)";
}

def QNN_LaneLookup16Op : QNN_Op<"lane_lookup16", [Pure, AllTypesMatch<["tables", "indices", "result"]>]> {
  let summary = "a 16-entry table per 16-byte lane: result[j] = tables[16 (j / 16) + idx[j] mod 16] (vpshufb)";
  let description = [{
    For every byte `j`: `result[j] = tables[16 * (j / 16) + (idx[j] & 15)]`:
    each 16-byte lane of the result looks up its indices in its own lane of
    `tables`, the semantics of `vpshufb` on indices below 128.
    The codebook kernels for targets without VBMI (kind `dot4`, or
    `vnni512` with `lookup = "vpshufb"`) decode per-channel tables with
    four of them and a blend (rule N23).
    `convert-qnn-vector-to-llvm` turns it into `llvm.x86.avx512.pshuf.b.512`
    with AVX512BW, two `llvm.x86.avx2.pshuf.b` with AVX2, else into one
    extract per byte.

    ```mlir
    %r = qnn.lane_lookup16 %tables, %idx : vector<64xi8>
    ```
  }];
  let arguments = (ins VectorOfLengthAndType<[64], [I8]>:$tables,
                       VectorOfLengthAndType<[64], [I8]>:$indices);
  let results = (outs VectorOfLengthAndType<[64], [I8]>:$result);
  let assemblyFormat = "$tables `,` $indices attr-dict `:` type($result)";
}

def QNN_PermuteBytes2Op : QNN_Op<"permute_bytes2", [Pure, AllTypesMatch<["lo", "hi", "indices", "result"]>]> {
  let summary = "byte table lookup in two vectors: result[j] = (lo ++ hi)[idx[j] mod 128] (vpermi2b)";
  let description = [{
    For every byte `j`: `result[j] = t[idx[j] & 127]` where `t` is `lo`
    followed by `hi` (128 bytes), the semantics of AVX-512 VBMI `vpermi2b`.
    Lowered as `qnn.permute_bytes` is, to
    `llvm.x86.avx512.vpermi2var.qi.512`.

    ```mlir
    %r = qnn.permute_bytes2 %lo, %hi, %idx : vector<64xi8>
    ```
  }];
  let arguments = (ins VectorOfLengthAndType<[64], [I8]>:$lo,
                       VectorOfLengthAndType<[64], [I8]>:$hi,
                       VectorOfLengthAndType<[64], [I8]>:$indices);
  let results = (outs VectorOfLengthAndType<[64], [I8]>:$result);
  let assemblyFormat = "$lo `,` $hi `,` $indices attr-dict `:` type($result)";
}

def QNN_BatchNormOp : QNN_Op<"batch_norm", [Pure]> {
  let summary = "inference batch normalization over the last (channel) axis (rule N21)";
  let description = [{
    `y = (x - mean[c]) * (gamma[c] / sqrt(var[c] + epsilon)) + beta[c]`.
    TOSA has no batch-norm op; importers emit this one and
    `qnn-fold-batchnorm` removes it.

    ```mlir
    %y = qnn.batch_norm %x, %gamma, %beta, %mean, %var {epsilon = 1.0e-05 : f32}
         : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
            tensor<3xf32>) -> tensor<1x4x4x3xf32>
    ```
  }];
  let arguments = (ins QNN_F32Tensor:$input, QNN_F32Tensor:$gamma,
                       QNN_F32Tensor:$beta, QNN_F32Tensor:$mean,
                       QNN_F32Tensor:$variance,
                       DefaultValuedAttr<F32Attr, "1.0e-5f">:$epsilon);
  let results = (outs QNN_F32Tensor:$output);
  let assemblyFormat = [{
    $input `,` $gamma `,` $beta `,` $mean `,` $variance attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_ObserveOp : QNN_Op<"observe", [SameOperandsAndResultType]> {
  let summary = "calibration observation point (rule N22)";
  let description = [{
    Returns its input unchanged. During calibration the compiled model
    records statistics of the value under the given `id` (at least 0,
    unique in the module). `name`, optional, says what is observed (the
    producer's location name, e.g. the ONNX tensor); statistics files
    carry it.

    ```mlir
    %y = qnn.observe %x {id = 3 : i64, name = "conv1"} : tensor<1x8xf32>
    ```
  }];
  let arguments = (ins QNN_F32Tensor:$input, I64Attr:$id,
                       OptionalAttr<StrAttr>:$name);
  let results = (outs QNN_F32Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

#endif // QNN_DIALECT_QNN_IR_QNNOPS_TD
