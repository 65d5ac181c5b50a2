// RUN: not qnn-opt %s --qnn-quantize 2>&1 | FileCheck %s --check-prefix=NOSTATS
// RUN: not qnn-opt %s --qnn-quantize=stats=%t.missing.json 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not qnn-opt %s --qnn-quantize=stats=%S/Inputs/quantize-stats-v2.json 2>&1 | FileCheck %s --check-prefix=VERSION
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json method=kl" 2>&1 | FileCheck %s --check-prefix=METHOD
// RUN: not qnn-opt %s --qnn-quantize=stats=%S/Inputs/quantize-stats.json 2>&1 | FileCheck %s --check-prefix=FOREIGN
// RUN: not qnn-opt %s --qnn-insert-calibration --qnn-quantize=stats=%S/Inputs/quantize-stats.json 2>&1 | FileCheck %s --check-prefix=FOREIGN
// RUN: not qnn-opt %S/Inputs/quantize-no-observers.mlir --qnn-quantize=stats=%S/Inputs/quantize-stats.json 2>&1 | FileCheck %s --check-prefix=NOOBS
// RUN: not qnn-opt %s --qnn-quantize=stats=%S/Inputs/quantize-stats-corrupt.json 2>&1 | FileCheck %s --check-prefix=CORRUPT
// RUN: not qnn-opt %s --qnn-quantize=stats=%S/Inputs/quantize-stats-notqnn.json 2>&1 | FileCheck %s --check-prefix=NOTQNN
// RUN: not qnn-opt %s --qnn-quantize=stats=%S/Inputs/quantize-stats-nomax.json 2>&1 | FileCheck %s --check-prefix=NOMAX
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json codebook=mode=kmeans,bits=9" 2>&1 | FileCheck %s --check-prefix=CBBITS
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json codebook=levels=4" 2>&1 | FileCheck %s --check-prefix=CBKEY
// RUN: not qnn-opt %s --qnn-quantize="mode=dynamic codebook=mode=ternary" 2>&1 | FileCheck %s --check-prefix=CBDYN
// RUN: not qnn-opt %s --qnn-quantize="mode=dynamic layer-bits=x=kmeans4" 2>&1 | FileCheck %s --check-prefix=CBDYN
// A failed run writes no output file.
// RUN: rm -f %t.out.mlir
// RUN: not qnn-opt %s --qnn-quantize=stats=%S/Inputs/quantize-stats-corrupt.json -o %t.out.mlir 2>&1 | FileCheck %s --check-prefix=CORRUPT
// RUN: not test -e %t.out.mlir

// NOSTATS: error: the statistics file is missing: give stats=<file> (written by calibration)
// MISSING: error: {{.*}}missing.json: cannot read the statistics file
// VERSION: error: {{.*}}quantize-stats-v2.json: statistics format version 2; this qnn reads version 1
// METHOD: error: unknown range method 'kl'; expected minmax, moving-average, percentile, entropy or mse
// FOREIGN: error: the statistics file {{.*}}quantize-stats.json was made for another model: observer 0 is 'x' [1, 4, 4, 2] there, 'image' [1, 8] here
// NOOBS: error: no qnn.observe ops: run qnn-insert-calibration first
// CORRUPT: error: {{.*}}quantize-stats-corrupt.json: not a JSON statistics file (
// NOTQNN: error: {{.*}}quantize-stats-notqnn.json: not a qnn calibration statistics file (no "format": "qnn-calibration-stats")
// NOMAX: error: {{.*}}quantize-stats-nomax.json: observer #0: "max" is missing or has the wrong type
// CBBITS: error: codebook: bits '9' is not supported; expected 1 to 8
// CBKEY: error: codebook: unknown codebook option 'levels'; known: mode, bits, granularity, init, seed, max-iterations, threshold, asymmetric, keep-larger
// CBDYN: error: codebook weights (the codebook option, qnn.codebook or a codebook in layer-bits) need mode=static

func.func @other(%x: tensor<1x8xf32> loc("image")) -> tensor<1x8xf32> {
  %o = qnn.observe %x {id = 0 : i64, name = "image"} : tensor<1x8xf32>
  return %o : tensor<1x8xf32>
}
