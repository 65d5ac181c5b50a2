// qnn-assign-precision's errors name the culprit.
// RUN: not qnn-opt %s --qnn-assign-precision 2>&1 | FileCheck %s --check-prefix=NOBUDGET
// NOBUDGET: error: no budget: give budget-bytes, budget-ratio, latency-budget-us or latency-budget-ratio
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.5 storage=bytes" 2>&1 | FileCheck %s --check-prefix=STORAGE
// STORAGE: error: storage must be packed or library, got 'bytes'
// RUN: not qnn-opt %s --qnn-assign-precision="budget-bytes=10 budget-ratio=0.5" 2>&1 | FileCheck %s --check-prefix=BOTH
// BOTH: error: give budget-bytes or budget-ratio, not both
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.5 candidates=8,9" 2>&1 | FileCheck %s --check-prefix=CAND
// CAND: error: candidates entry '9' must be 32 (float), 1 to 8 bits, 1t to 8t (one scale per tensor), kmeans1 to kmeans7 or ternary (a codebook of the 8-bit weights), each with an optional t
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.5 candidates=8,32t" 2>&1 | FileCheck %s --check-prefix=CANDT
// CANDT: error: candidates entry '32t' must be 32 (float), 1 to 8 bits, 1t to 8t (one scale per tensor), kmeans1 to kmeans7 or ternary (a codebook of the 8-bit weights), each with an optional t
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.5 metric=sqnr profile=%S/Inputs/precision-profile-badwidth.json" 2>&1 | FileCheck %s --check-prefix=BADWIDTH
// BADWIDTH: error: {{.*}}precision-profile-badwidth.json: layer 'c1': width '4x' is not 1 to 8, 32, 1t to 8t, kmeans1 to kmeans7 or ternary
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.5 metric=hessian" 2>&1 | FileCheck %s --check-prefix=METRIC
// METRIC: error: metric must be analytic, sqnr or loss, got 'hessian'
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.5 metric=sqnr" 2>&1 | FileCheck %s --check-prefix=NOPROF
// NOPROF: error: metric=sqnr is measured: give profile=<file> (qnn.profile_precision)
// RUN: not qnn-opt %s --qnn-assign-precision="latency-budget-ratio=0.9" 2>&1 | FileCheck %s --check-prefix=NOLAT
// NOLAT: error: a latency budget needs measured latencies: give profile=<file> with latency_us (qnn.profile_precision)
// RUN: not qnn-opt %s --qnn-assign-precision="budget-bytes=10" 2>&1 | FileCheck %s --check-prefix=SMALL
// SMALL: error: no assignment fits the budget of 10 weight bytes (the smallest is 14; all layers at 8 bits: 18)
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.5 metric=sqnr profile=%t.missing" 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: {{.*}}.missing: cannot read the profile
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.5 metric=sqnr profile=%S/Inputs/quantize-stats.json" 2>&1 | FileCheck %s --check-prefix=FORMAT
// FORMAT: error: {{.*}}quantize-stats.json: not a qnn precision profile
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.5 metric=sqnr profile=%S/Inputs/precision-profile-bad.json" 2>&1 | FileCheck %s --check-prefix=BADPOINT
// BADPOINT: error: {{.*}}precision-profile-bad.json: layer 'c1' width 8 needs finite, non-negative "nsr" and "kl"
// RUN: sed 's/"c1"}/"other"}/' %s | not qnn-opt --qnn-assign-precision="budget-ratio=0.9 metric=sqnr profile=%S/Inputs/precision-profile.json" 2>&1 | FileCheck %s --check-prefix=OTHER
// OTHER: error: the profile {{.*}}precision-profile.json has no layer 'other': it was measured on another model
// qnn-quantize's dynamic mode drops the observers (and has no FC to quantize).
// RUN: not qnn-opt %s --qnn-quantize=mode=dynamic --qnn-assign-precision="budget-ratio=0.9" 2>&1 | FileCheck %s --check-prefix=NOOBS
// NOOBS: error: no qnn.observe ops: run qnn-insert-calibration first
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.9 report=/proc/version/x" 2>&1 | FileCheck %s --check-prefix=REPORT
// REPORT: error: cannot create the report directory '/proc/version/x'

func.func @net(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x3xf32> {
  %ox = qnn.observe %x {id = 0 : i64, name = "x"} : tensor<1x4x4x2xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w1 = "tosa.const"() <{values = dense<[[[[1.0, 0.3]]], [[[2.0, -0.7]]], [[[0.5, 0.11]]]]> : tensor<3x1x1x2xf32>}> : () -> tensor<3x1x1x2xf32>
  %b1 = "tosa.const"() <{values = dense<[0.5, 0.0, -1.0]> : tensor<3xf32>}> : () -> tensor<3xf32>
  %c1 = tosa.conv2d %ox, %w1, %b1, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %o1 = qnn.observe %c1 {id = 1 : i64, name = "c1"} : tensor<1x4x4x3xf32>
  return %o1 : tensor<1x4x4x3xf32>
}
