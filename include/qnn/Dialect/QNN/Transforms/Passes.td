//===- Passes.td - qnn dialect transforms ------------------*- tablegen -*-===//

#ifndef QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD
#define QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def QNNFoldBatchNorm : Pass<"qnn-fold-batchnorm"> {
  let summary = "Fold batch norm into the preceding convolution or fully connected layer";
  let description = [{
    Folds a per-channel affine map `y = x * s[c] + t[c]` (channels on the
    last axis) into the float layer that produces `x` (rule N21.1):
    `w'[c, ...] = w[c, ...] * s[c]`, `b'[c] = b[c] * s[c] + t[c]`, with the
    products computed in double and rounded to f32 once.

    The affine map is a `qnn.batch_norm` (`s = gamma / sqrt(var + eps)`,
    `t = beta - mean * s`) or, with `fold-decomposed` (default on), its
    decomposed form: `tosa.mul`, `tosa.add` and `tosa.sub` by per-channel
    constants (a division by a constant is `tosa.mul` of a
    `tosa.reciprocal`), folded one after the other. The layer is a
    `tosa.conv2d` (weights OHWI), a `tosa.depthwise_conv2d` (weights
    KH x KW x C x M, channel `c * M + m`) or a fully connected layer as the
    importer writes it (`tosa.matmul` [1, M, N] -> `tosa.reshape` [M, N]
    -> optional `tosa.add` of a constant bias); a layer without a bias
    gets one.

    A batch norm is not folded, and a remark says why, when its input is
    not such a layer's result, when that result has other users (folding
    would change them), or when the layer's weights and bias or the batch
    norm's parameters are not constants. It then stays, and lowers by
    itself (rule N21).

    Before:
    ```mlir
    %y = tosa.conv2d %x, %w, %b, %zp, %zp {...} : (...) -> tensor<1x8x8x4xf32>
    %z = qnn.batch_norm %y, %gamma, %beta, %mean, %var {epsilon = 1.0e-05 : f32} : ...
    ```
    After: one `tosa.conv2d` with new constant weights and bias.
  }];
  let dependentDialects = ["mlir::tosa::TosaDialect"];
  let options = [
    Option<"foldDecomposed", "fold-decomposed", "bool", "true",
           "Also fold tosa.mul / tosa.add / tosa.sub by per-channel constants">,
  ];
}

def QNNInsertCalibration : Pass<"qnn-insert-calibration", "mlir::ModuleOp"> {
  let summary = "Observe every activation that quantization needs a range for";
  let description = [{
    Inserts `qnn.observe {id, name}` after:
    - every f32 tensor argument of a function with a body;
    - every f32 tensor result of an op, in a function body, that computes
      new values.

    Not observed:
    - constants, and values computed from constants only (folded weights);
    - the results of ops that only move values (`tosa.reshape`,
      `tosa.transpose`, `tosa.slice`, `tosa.concat`, `tensor` ops): their
      range is their inputs' range;
    - values that already have an observer.

    Ids are stable: they count up in walk order from one above the
    module's largest existing id, so the same module always gets the same
    ids. Each observer's `name` is its producer's location name (a
    `NameLoc`: the importer records the ONNX tensor there). Without one,
    the name is `arg<N>` for a function argument, or `<op name>#<N>`
    (the N-th op of that kind). Names and ids end up in the calibration
    statistics file ([calibration.md](calibration.md)).

    ```mlir
    %y = tosa.conv2d %x, ... loc("conv1")
    ```
    becomes
    ```mlir
    %x1 = qnn.observe %x {id = 0 : i64, name = "arg0"} : tensor<1x8x8x3xf32>
    %y = tosa.conv2d %x1, ... loc("conv1")
    %y1 = qnn.observe %y {id = 1 : i64, name = "conv1"} : tensor<1x8x8x16xf32>
    ```
  }];
  let dependentDialects = ["mlir::qnn::QNNDialect"];
}

def QNNLowerObservers : Pass<"qnn-lower-observers", "mlir::ModuleOp"> {
  let summary = "Turn qnn.observe into calls of the calibration runtime";
  let description = [{
    Rewrites every `qnn.observe {id}` into a call of the calibration
    runtime's `qnn_observe(int64_t id, const float *data, int64_t n)`
    (include/qnn-c/calibration.h, libQNNCalibration.so) with a contiguous
    copy of the observed tensor, and forwards the tensor unchanged (rule
    N22). Declares `func.func private @qnn_observe(i64, i64, i64)`; the
    pointer travels as an i64. `qnn-to-llvm` runs this pass first with
    `calibration=true` (`qnn-compile --calibration`); without it, observers
    lower to the identity and compiled code calls nothing.

    ```mlir
    %y = qnn.observe %x {id = 3 : i64} : tensor<1x8xf32>
    ```
    becomes (abridged)
    ```mlir
    %buf = memref.alloc() : memref<1x8xf32>
    bufferization.materialize_in_destination %x in restrict writable %buf
    %p = memref.extract_aligned_pointer_as_index %buf : memref<1x8xf32> -> index
    func.call @qnn_observe(%c3, %p64, %c8) : (i64, i64, i64) -> ()
    ```
    and `%y` is `%x`. The buffer is freed by the buffer deallocation
    pipeline (which `qnn-to-llvm` runs after bufferization); a pipeline
    without it would leak one copy per call.
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect", "mlir::bufferization::BufferizationDialect",
    "mlir::func::FuncDialect", "mlir::memref::MemRefDialect"
  ];
}

def QNNQuantize : Pass<"qnn-quantize", "mlir::ModuleOp"> {
  let summary = "Float layers with calibration statistics to qnn ops on quantized tensors";
  let description = [{
    Takes a float module with observers (`qnn-insert-calibration`, run the
    same way as for calibration, so that the ids match) and the statistics
    file calibration wrote for it. It works in three steps
    (docs/quantization.md).

    1. **Types.** Each observer's range gives its value a quantized type,
       asymmetric and per tensor (`activation-type`). The range comes from
       the chosen range `method`: `minmax`, `moving-average`, `percentile`,
       `entropy` (TensorRT's KL search) or `mse`.
    2. **Layers.** Each supported float layer whose inputs and output have
       types becomes its qnn op, between `qnn.quantize` of its inputs and
       `qnn.dequantize` of its result:
       - `tosa.conv2d` becomes `qnn.conv2d`, and `tosa.depthwise_conv2d`
         becomes `qnn.depthwise_conv2d`;
       - the importer's fully connected form (`tosa.matmul` with constant
         weights, reshapes, optional bias add) becomes
         `qnn.fully_connected`;
       - `tosa.add` becomes `qnn.add`;
       - `tosa.max_pool2d` and `tosa.avg_pool2d` become `qnn.max_pool2d`
         and `qnn.avg_pool2d`, which keep their input's type.

       Weights are quantized here. By default they are i8 per output
       channel, symmetric, narrow range [-127, 127], rounded half to even,
       or stochastically with `stochastic-rounding-seed`. The bias becomes
       i32 at `s_x * s_w`. With the `codebook` option, or for one layer
       a codebook width in `layer-bits` or a `qnn.codebook` attribute
       (as `qnn-assign-precision` writes them), the stored weights become
       a codebook (rule N23). A ReLU / ReLU6 `tosa.clamp` that is the only
       user of a conv, fully connected or add result becomes the op's
       fused activation.
    3. **Cleanup.** Observers are removed. `qnn.quantize(qnn.dequantize(x))`
       becomes `x` (same type) or `qnn.requantize`, and the float layers
       replaced are erased.

    Any other op stays float between the dequantize of its inputs and the
    quantize of its users. Errors name the culprit:
    - a missing, unreadable or malformed statistics file;
    - statistics from another model (an observer's id, name or shape
      differs);
    - an observer that saw no values;
    - an unknown option value.
  }];
  let dependentDialects = [
    "mlir::qnn::QNNDialect", "mlir::arith::ArithDialect",
    "mlir::quant::QuantDialect", "mlir::linalg::LinalgDialect",
    "mlir::math::MathDialect", "mlir::tensor::TensorDialect"
  ];
  let options = [
    Option<"stats", "stats", "std::string", "\"\"",
           "The calibration statistics file (JSON, docs/calibration.md)">,
    Option<"method", "method", "std::string", "\"minmax\"",
           "Range method: minmax, moving-average, percentile, entropy, mse">,
    Option<"percentile", "percentile", "double", "99.99",
           "Percent of the values the percentile range keeps">,
    Option<"activationType", "activation-type", "std::string", "\"u8\"",
           "Activation storage: u8 (default) or i8, asymmetric per tensor">,
    Option<"weightGranularity", "weight-granularity", "std::string",
           "\"per-channel\"", "Weight scales: per-channel (default) or per-tensor">,
    Option<"weightRange", "weight-range", "std::string", "\"symmetric\"",
           "Weights: symmetric narrow range [-127, 127] (default) or asymmetric">,
    Option<"stochasticRoundingSeed", "stochastic-rounding-seed", "int64_t", "-1",
           "Round weights stochastically with this seed (-1: to nearest, "
           "half to even)">,
    Option<"weightBits", "weight-bits", "int64_t", "8",
           "Weight bits of every layer: 1 (binary: {-1, +1} times mean |w| "
           "per channel), 2 to 8 (symmetric narrow range "
           "[-(2^(b-1)-1), 2^(b-1)-1]; 2 is ternary), or 32 to keep layers "
           "float">,
    Option<"weightScale", "weight-scale", "std::string", "\"max\"",
           "Weight clipping per channel: max (max |w|, default) or mse "
           "(the fraction of max |w| with the least squared rounding error)">,
    Option<"biasCorrection", "bias-correction", "bool", "false",
           "Correct each layer's bias for the mean shift its weight rounding "
           "causes, from the per-channel input means in the statistics">,
    Option<"layerBits", "layer-bits", "std::string", "\"\"",
           "Per-layer weight bits, NAME=BITS,...: NAME is the layer output's "
           "observer name (the ONNX tensor); BITS as weight-bits, or 1t to 8t "
           "for one scale for the whole tensor, or kmeans1 to kmeans7 / "
           "ternary for a codebook of the 8-bit weights; a 'qnn.bits' "
           "attribute on the float layer (with 'qnn.weight_granularity' = "
           "\"per-tensor\" or \"per-channel\") wins over both; a "
           "'qnn.codebook' attribute (\"kmeans4\", \"ternary\") adds a "
           "codebook to the layer's width">,
    Option<"mode", "mode", "std::string", "\"static\"",
           "static (default: ranges from the statistics), dynamic (fully "
           "connected layers only, activations quantized at run time; no "
           "statistics needed) or weight-only (fully connected layers only, "
           "f32 activations and quantized or codebook weights: "
           "qnn.weight_only_fc, rule N25; no statistics needed)">,
    Option<"codebook", "codebook", "std::string", "\"\"",
           "Store each layer's weights as a codebook (rule N23), where that "
           "makes them smaller: KEY=VALUE,... with qnn-cluster-weights' "
           "options (mode=kmeans,bits=4; mode=ternary; granularity, init, "
           "seed, max-iterations, threshold, asymmetric, keep-larger); "
           "clustered before bias-correction, which then corrects for it">,
    Option<"weightRounding", "weight-rounding", "std::string", "\"nearest\"",
           "nearest (default) or gptq: round each row's weights in turn and "
           "spread each rounding error over the weights not yet rounded, "
           "weighted by the layer's input Gram matrix (rule N26); needs "
           "samples=<file>; applies to uniform and codebook weights of 2 "
           "to 8 bits">,
    Option<"samples", "samples", "std::string", "\"\"",
           "Activation samples of the layers' inputs for weight-rounding="
           "gptq (binary, docs/calibration.md)">,
    Option<"gptqDamp", "gptq-damp", "double", "0.01",
           "weight-rounding=gptq: added to the Gram matrix's diagonal, "
           "times its mean (default 0.01)">,
    Option<"gptqActOrder", "gptq-act-order", "bool", "true",
           "weight-rounding=gptq: round the weights of the inputs with the "
           "largest mean square first (default), else in storage order">,
    Option<"gptqCache", "gptq-cache", "std::string", "\"\"",
           "weight-rounding=gptq: a directory for the layers' Gram "
           "matrices, reused by later runs on the same samples (a "
           "precision profile quantizes the model once per layer and "
           "width); created if missing">,
    Option<"gptqTableUpdate", "gptq-table-update", "bool", "true",
           "weight-rounding=gptq on codebook weights (not ternary): refit "
           "the table entries by least squares to the rounded weights and "
           "round again, twice, keeping the tables with the least output "
           "error (default)">,
    Option<"keepObservers", "keep-observers", "bool", "false",
           "Keep the observers of values the quantized program still "
           "computes (observing the dequantized values), for per-layer "
           "error reports">,
  ];
}

def QNNAssignPrecision : Pass<"qnn-assign-precision", "mlir::ModuleOp"> {
  let summary = "Choose each layer's weight width under a size or latency budget";
  let description = [{
    Takes a float module with observers (`qnn-insert-calibration`, as for
    `qnn-quantize`) and chooses, for every layer with constant weights
    (`tosa.conv2d`, `tosa.depthwise_conv2d`, the fully connected form), a
    weight width from `candidates`: 32 (float), 8 to 2 bits, 1 (binary),
    each with `weight-granularity`'s scales, or with a `t` suffix (`4t`)
    with one scale for the whole tensor, which costs 4 bytes instead of 4
    per channel. The choice minimizes the accuracy proxy of `metric` under
    the budgets given, and is written as a `qnn.bits` attribute on each
    layer (and `qnn.weight_granularity = "per-tensor"` for a `t` width),
    which `qnn-quantize` then applies (docs/mixed-precision.md).

    - **Metric.** `analytic`: the quantization noise of each layer's
      weights at each width, 1 / SQNR_w, from the weights themselves, with
      the output noise taken as their sum (the harmonic-mean accumulation
      of Lin et al. 2016). `sqnr` and `loss`: measured, from a profile
      (`profile=`, written by `qnn.profile_precision` in Python): the
      model output's noise-to-signal ratio, or its KL divergence from the
      float model, when only that layer is at that width, less the value
      with every layer at 8 bits; the deltas are summed.
    - **Cost.** Weight bytes, packed: ceil(n * bits / 8) plus a 4-byte
      scale per channel (one for a `t` width), and a 1-byte zero point per
      scale with
      `weight-range=asymmetric` (4 * n for float; `count-scales=false`
      counts the weights only). `storage=library` counts what a library
      compiled with `--kernels=auto` for an AVX2 or AVX-512 target stores
      instead, in its kernels' layout: conv2d and fully_connected weights
      with output channels padded to 16 and input channels to 4, a byte
      each (5 to 8 bits), or, at 2 to 4 bits with input channels a
      multiple of 4, indices of that width plus a 64-byte table;
      depthwise weights (channel multiplier 1) as i16 with taps padded to
      pairs and channels to 16, or, at 2 to 4 bits with more than 16
      channels, 2- or 4-bit slots plus the table; anything else, and
      8 bits with zero points, a byte per weight. Latency: the profile's measured
      time of the compiled model with the layer at that width, less the
      all-8-bit time.
    - **Budgets.** `budget-bytes`, or `budget-ratio` of the all-8-bit
      weight bytes; `latency-budget-us`, or `latency-budget-ratio` of the
      all-8-bit latency (needs a profile). At least one.
    - **Solver.** Exact: a dynamic program over the layers that keeps every
      partial assignment not dominated in (bytes, proxy), and latency under
      a latency budget, then the best one within the budgets.
    - **Codebooks.** `kmeansB` (B = 1 to 7) and `ternary` are the layer's
      8-bit weights stored as a codebook (rule N23, as `qnn-quantize
      codebook=` makes it): the pass clusters them to size them (indices
      at B bits, 2 for ternary, plus one byte per table entry, plus the
      scales) and, for the analytic metric, to measure the decoded
      weights' SQNR. A chosen codebook is written as `qnn.bits = 8` and
      `qnn.codebook = "kmeans4"` (or `"ternary"`). A codebook that would
      not be smaller than the 8-bit weights is left out for that layer, as
      `qnn-quantize` would keep the layer uniform.
    - **Constraints.** A layer whose `qnn.bits` or `qnn.codebook` is
      already set keeps it (a `qnn.codebook` needs `qnn.bits` 8 or none).
      A layer `qnn-quantize` would leave float (its input or output not
      observed) stays 32. Binary is refused for the first and last weighted
      layers unless `binary-first-last`. With a profile, a width it did not
      measure for a layer is left out for that layer.

    `report=DIR` writes DIR/precision.json (every layer's candidates,
    costs and sensitivities, the choice, and the Pareto frontier) and
    DIR/precision.md.
  }];
  let options = [
    Option<"candidates", "candidates", "std::string", "\"32,8,4,2,1\"",
           "Weight widths to choose from: 32 (float), 1 to 8 bits with "
           "weight-granularity's scales, 1t to 8t with one scale per tensor, "
           "kmeans1 to kmeans7 or ternary (codebooks of the 8-bit weights, "
           "rule N23)">,
    Option<"codebook", "codebook", "std::string", "\"\"",
           "qnn-quantize's codebook options for the codebook candidates "
           "(KEY=VALUE,...: granularity, init, seed, max-iterations, "
           "threshold, asymmetric, keep-larger; mode and bits come from the "
           "candidate)">,
    Option<"metric", "metric", "std::string", "\"analytic\"",
           "Accuracy proxy: analytic (weight SQNR), sqnr or loss (measured, "
           "from profile=)">,
    Option<"profile", "profile", "std::string", "\"\"",
           "Measured sensitivities and latencies (JSON, format "
           "qnn-precision-profile)">,
    Option<"budgetBytes", "budget-bytes", "int64_t", "0",
           "Most weight bytes (0: no size budget)">,
    Option<"budgetRatio", "budget-ratio", "double", "0",
           "Most weight bytes as a fraction of the all-8-bit model's">,
    Option<"latencyBudgetUs", "latency-budget-us", "double", "0",
           "Most latency in microseconds per profiled call (needs profile=)">,
    Option<"latencyBudgetRatio", "latency-budget-ratio", "double", "0",
           "Most latency as a fraction of the all-8-bit model's (needs "
           "profile=)">,
    Option<"binaryFirstLast", "binary-first-last", "bool", "false",
           "Allow binary weights on the first and last weighted layers">,
    Option<"weightScale", "weight-scale", "std::string", "\"max\"",
           "The weight clipping qnn-quantize will use (max or mse), for the "
           "analytic metric">,
    Option<"weightGranularity", "weight-granularity", "std::string",
           "\"per-channel\"", "The weight scales qnn-quantize will use "
           "(per-channel or per-tensor), for the analytic metric and sizes">,
    Option<"weightRange", "weight-range", "std::string", "\"symmetric\"",
           "The weight range qnn-quantize will use (symmetric or asymmetric: "
           "one zero-point byte per scale), for the analytic metric and sizes">,
    Option<"countScales", "count-scales", "bool", "true",
           "Count the 4-byte scales (and 1-byte zero points) in the weight "
           "bytes">,
    Option<"storage", "storage", "std::string", "\"packed\"",
           "How weight bytes are counted: packed (ceil(n * bits / 8)) or "
           "library (what qnn-compile --kernels=auto stores on AVX2 and "
           "AVX-512, in its kernels' padded layout)">,
    Option<"report", "report", "std::string", "\"\"",
           "Directory for precision.json and precision.md">,
  ];
}

def QNNObserversToResults : Pass<"qnn-observers-to-results", "mlir::ModuleOp"> {
  let summary = "Return every observed value as an extra function result";
  let description = [{
    Appends the value of each `qnn.observe` in a function's body, in id
    order, to the function's results. It is meant for per-layer error reports: run on a
    float module with observers and on its quantized form
    (`qnn-quantize keep-observers=true`), the two programs return the same
    activations (where both compute them) for comparison. The observers
    stay, and lower to the identity.
  }];
}

def QNNClusterWeights : Pass<"qnn-cluster-weights"> {
  let summary = "Cluster quantized constant weights into codebooks (k-means or ternary)";
  let description = [{
    Rewrites the constant weights of every `qnn.conv2d`,
    `qnn.depthwise_conv2d` and `qnn.fully_connected` (an `arith.constant`
    behind `quant.scast` or `qnn.container_cast`, as `qnn-quantize` writes
    them) into `bits`-bit indices into a codebook of stored integers: a
    `!qnn.codebook` tensor decoded by `qnn.decode` (rule N23). Scales, zero
    points and biases stay as they were, so the layer's arithmetic is the
    int8 one on the decoded values.

    `mode=kmeans` (Deep Compression's weight sharing) clusters the stored
    integers with k = 2^bits, per output channel (`granularity=per-channel`,
    one table per channel) or for the whole layer (`per-layer`, one table;
    the integers are the weights divided by their channel's scale). Lloyd's
    iterations run on the integers' histogram from a `linear`
    (evenly spaced between min and max, default) or `kmeans++` (seeded by
    `seed`) initialisation until no assignment changes; the centroids
    round half to even to stored integers. `mode=ternary` (trained ternary
    quantization's form, TWN's rule) sets per channel Δ = `threshold` ·
    mean|q - z|, α = mean |q - z| over |q - z| > Δ, and the table
    {z - α, z, z + α} with 2-bit indices; `asymmetric` takes α⁺ over
    q - z > Δ and α⁻ over q - z < -Δ.

    A layer already holding codebook, binary or float weights, or weights
    that are not constants, is left as it is; a remark names it. So is a
    layer whose codebook (indices at `bits` bits plus one byte per table
    entry) would not be smaller than its uniform weights, such as a
    depthwise layer with 9 weights per channel and a table per channel,
    unless `keep-larger` is set.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::quant::QuantDialect"];
  let options = [
    Option<"mode", "mode", "std::string", "\"kmeans\"",
           "kmeans (codebook of 2^bits stored integers) or ternary">,
    Option<"bits", "bits", "int64_t", "4",
           "Index bits for mode=kmeans: 1 to 8 (ternary always uses 2)">,
    Option<"granularity", "granularity", "std::string", "\"per-channel\"",
           "per-channel (one table per output channel, default) or per-layer">,
    Option<"init", "init", "std::string", "\"linear\"",
           "k-means initialisation: linear (default) or kmeans++; optimal "
           "solves the clustering exactly (dynamic programming) instead">,
    Option<"seed", "seed", "int64_t", "0", "Seed of the kmeans++ initialisation">,
    Option<"maxIterations", "max-iterations", "int64_t", "300",
           "Most Lloyd iterations per table">,
    Option<"threshold", "threshold", "double", "0.7",
           "Ternary threshold factor: Δ = threshold · mean|q - z|">,
    Option<"asymmetric", "asymmetric", "bool", "false",
           "Ternary with separate α⁺ and α⁻">,
    Option<"keepLarger", "keep-larger", "bool", "false",
           "Cluster a layer even when its codebook (indices and tables) "
           "would not be smaller than its uniform weights">,
  ];
}

def QNNDecodeCodebooks : Pass<"qnn-decode-codebooks"> {
  let summary = "Fold qnn.decode of constant indices into constant weights";
  let description = [{
    Replaces `qnn.decode` of constant indices (an `arith.constant` behind
    `qnn.container_cast`) with the constant stored integers it selects,
    given their quantized type by `quant.scast` (8-bit storage) or
    `qnn.container_cast`, as `qnn-quantize` writes uniform weights. The
    optimized int8 kernels then take the layer; a decode of anything else
    is left to the reference lowering (rule N23). A decode whose every use
    carries a `qnn.kernel` with `decode` (set by `qnn-select-kernels`:
    conv2d and fully_connected decoding in registers or per block group,
    depthwise_conv2d decoding once per call) is kept for that kernel.
    `qnn-to-llvm` runs it after `qnn-select-kernels`.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::quant::QuantDialect"];
}

def QNNPackNarrowWeights : Pass<"qnn-pack-narrow-weights"> {
  let summary = "Hold constant weights of 2 to 4 bits as codebook indices that kernels keep packed";
  let description = [{
    Weights narrower than 8 bits are held one per byte (rule N1.4), so a
    4-bit layer's library is as large as an 8-bit one's. This pass rewrites
    the constant weights (`qnn.container_cast` of an `arith.constant`) of
    `qnn.conv2d`, `qnn.depthwise_conv2d`, `qnn.fully_connected` and
    `qnn.weight_only_fc` whose signed storage type is 2 to 4 bits wide into
    `qnn.decode` of codebook indices with one linear table: index
    `q - qmin` selects `qmin + index`, over the storage type's range
    `[qmin, qmax]`. 5-bit storage (asymmetric 4-bit weights re-centred by
    `qnn-quantize`) whose values span at most 16 per channel takes a
    linear table per channel from the channel's least value (one table
    with one scale) and indices of at most 4 bits, on conv2d and
    fully_connected layers of at least 64 weights per channel. The decode
    selects the same stored integers (rule N23), so no result changes. The kernels that decode codebooks in registers
    or per call (`qnn-select-kernels`) then keep those weights packed, 2 or
    4 bits each; elsewhere `qnn-decode-codebooks` folds the decode back into
    the constant it replaced.

    Left alone: layers with activations of at most 4 bits (the bit-serial
    kernel takes their plain weights), weights of 5 to 8 bits otherwise (no
    kernel decodes indices wider than 4 bits), weights already a codebook, and
    weights outside their storage range. `qnn-to-llvm` runs it before
    `qnn-select-kernels` when `kernels=auto`.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect"];
}

def QNNSelectKernels : Pass<"qnn-select-kernels"> {
  let summary = "Choose an optimized kernel and its tiling for qnn ops";
  let description = [{
    Decides, for every `qnn.conv2d`, `qnn.depthwise_conv2d`,
    `qnn.fully_connected`, `qnn.bconv2d` and `qnn.bfully_connected` whose operands an optimized kernel supports, which kernel implements it and
    with which register tiling, and records the choice as a `qnn.kernel` dictionary attribute.
    The choice depends only on the op and on the target's features; it is
    applied by `convert-qnn-to-vnni`. An op that already carries a
    `qnn.kernel` attribute (a choice written by hand, e.g. to try another
    tiling) keeps it. Ops left without the attribute take
    the reference lowering.

    The `vnni512` kernel (AVX-512 VNNI `vpdpbusd`) needs: 8-bit per-tensor
    activations; 8-bit signed weights per tensor or per output channel with
    zero points 0, given as constants (`quant.scast` of `arith.constant`);
    a constant bias or none; a result of at most 16 bits.

    On x86 targets with AVX2 or AVX-512 but without VNNI the same kernel is
    chosen as kind `dot4`, with a smaller register tile: 4 x 2 with
    AVX-512; with AVX2's 16 ymm registers 4 x 1 when the weights are narrow
    (in every pair of input channels the positive weights sum to at most
    128 and the negative ones to at least -128, e.g. all within [-64, 64]:
    `vpmaddubsw`, exact) and 2 x 1 otherwise (the kernel then accumulates
    `vpmaddwd` pair sums, four ymm registers per 16 channels).

    Both take codebook weights (`qnn.decode` of constant indices of at
    most 4 bits, one table or one per output channel, input channels a
    multiple of 4): the choice adds `decode = "registers"` (a layer of one
    register tile: each weight used once) or `decode = "block"` (each group
    of channel blocks decoded once into a scratch), and, on VNNI targets
    without `+avx512vbmi`, `lookup = "vpshufb"` (the `dot4` kernel's
    16-byte lane tables rather than `vpermb` / `vpermi2b`).

    The `dwvec` kernel (`qnn.depthwise_conv2d`, 16-lane `vpmaddwd` code,
    chosen for targets with `+avx512f` or `+avx2`) needs: channel multiplier
    1; activations and constant weights of at most 8 bits, weight zero
    points 0; a constant bias or none; a result of at most 16 bits. Its
    parameter is `mr`, chosen as for conv2d below. Weights may be
    `qnn.decode` of constant codebook indices of any width, with tables
    along any axis: the choice then adds `decode = "block"` (decoded once
    per call, see `convert-qnn-to-vnni`).

    The `bpop` kernel (`qnn.bconv2d`, `qnn.bfully_connected`: XOR and
    popcount) needs constant weights (`qnn.bitunpack` of an
    `arith.constant`) and a constant bias or none. Its choice is
    `{kind = "bpop", mr, nr, lanes}`: `lanes = 8` (i64 lanes of a zmm
    register) with `+avx512f` and `+avx512vpopcntdq` or `+avx512bw`, as a
    6 x 4 tile; `lanes = 4` (ymm) with AVX2 only, as 3 x 2.

    The `bitserial` kernel (`qnn.conv2d`, `qnn.fully_connected` with
    activations of at most 4 bits: AND and popcount over bit planes) is
    chosen on AVX-512 targets with a zmm popcount when activation bits times
    weight bit planes (1 for weights that are all +-1, else the narrowest
    two's complement width of the constant values, at most 4) is at most 2
    with VNNI (where it beats the int8 kernel) or 4 without:
    `{kind = "bitserial", mr, nr, lanes = 8}` with 24 accumulators. Other
    low-bit layers take `vnni512` / `dot4`, which read activations of up to
    8 bits from their byte containers.

    Before:
    ```mlir
    %y = qnn.fully_connected %x, %w : (...) -> tensor<64x100x!quant.uniform<u8:f32, 0.1>>
    ```
    After (`target-features=+avx512vnni`):
    ```mlir
    %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 3 : i64}}
        : (...) -> tensor<64x100x!quant.uniform<u8:f32, 0.1>>
    ```
    `mr` is the number of output rows (fully connected) or of output pixels
    along one output row (conv2d) and `nr` the number of 16-channel blocks
    one micro-kernel step computes in registers. For conv2d, `mr` is 8, or
    the output width when it is at most 8, or else the largest of 8..4 that
    divides the output width (28 -> 7, 14 -> 7), so rows need no remainder
    tile; `nr` is 3, or 2 when the 16-channel blocks are an even number
    that 3 does not divide (no single-block remainder tiles), or fewer when
    there are fewer channels.

    Both convolution kernels read a padded input. When one padded copy of
    the whole input (channels rounded up to 4 for conv2d, 16 for depthwise)
    would exceed 96 KiB, the choice adds `pad = "band"`: each output row
    pads only the kernel-height input rows it reads, so no large buffer is
    allocated per call (glibc maps anything over 128 KiB afresh each time)
    and the padding runs inside the parallel loop. Otherwise `pad` is left
    out and the whole input is padded once ("whole").
  }];
  let options = [
    Option<"targetFeatures", "target-features", "std::string", "\"\"",
           "Comma-separated LLVM target features of the CPU to compile for, "
           "e.g. '+avx512f,+avx512bw,+avx512vnni'">
  ];
}

#endif // QNN_DIALECT_QNN_TRANSFORMS_PASSES_TD
