// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=FIXED
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=fixed-point | FileCheck %s --check-prefix=FIXED
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=float | FileCheck %s --check-prefix=FLOAT
// RUN: qnn-opt %s '--qnn-to-llvm=requant-mode=float bare-ptr-call-conv=true' | FileCheck %s --check-prefix=FLOAT

// The pipeline forwards requant-mode to convert-qnn-to-linalg (rule N6):
// fixed-point code multiplies in i64 and shifts right by 31 (no rounding
// intrinsic; the i32 multiplier is a global constant); float code uses
// llvm.intr.roundeven and an f32 multiplier.
//
// M = 0.05 / 0.2 = 0.25 -> (2^30, shift -1): no left shift, so the fixed-point
// code applies SRDHM to the accumulator directly (no saturating i64 pre-shift)
// and, the multiplier 2^30 never being INT32_MIN, without the INT32_MIN
// saturation select. The output zero point z = 1 is shared, so both modes
// clamp in 32 bits to [qmin - z, qmax - z] = [-128 - 1, 127 - 1] = [-129, 126],
// add z in i32 and truncate i32 -> i8 (no i64 clamp).

// FIXED: llvm.mlir.global private constant @{{.*}}(dense<1073741824> : tensor<1xi32>)
// FIXED-LABEL: llvm.func @requantize
// FIXED-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// FIXED-DAG: %[[HI:[0-9]+]] = llvm.mlir.constant(126 : i32) : i32
// FIXED-DAG: %[[LO:[0-9]+]] = llvm.mlir.constant(-129 : i32) : i32
// FIXED-DAG: %[[ONE:[0-9]+]] = llvm.mlir.constant(1 : i32) : i32
// FIXED-DAG: llvm.mlir.constant(31 : i64) : i64
// FIXED-NOT: llvm.intr.roundeven
// FIXED-NOT: llvm.shl %{{.*}} : i64
// FIXED: %[[P:[0-9]+]] = llvm.mul %{{.*}}, %{{.*}} : i64
// FIXED-NOT: llvm.intr.roundeven
// FIXED: llvm.ashr %{{.*}}, %{{.*}} : i64
// FIXED-NOT: llvm.icmp "eq"
// FIXED-NOT: llvm.intr.roundeven
// FIXED: llvm.ashr %{{.*}}, %{{.*}} : i32
// FIXED: %[[MX:[0-9]+]] = llvm.intr.smax(%{{.*}}, %[[LO]]) : (i32, i32) -> i32
// FIXED-NEXT: %[[MN:[0-9]+]] = llvm.intr.smin(%[[MX]], %[[HI]]) : (i32, i32) -> i32
// FIXED-NEXT: %[[S:[0-9]+]] = llvm.add %[[MN]], %[[ONE]] : i32
// FIXED-NEXT: %[[Q:[0-9]+]] = llvm.trunc %[[S]] : i32 to i8
// FIXED: llvm.store %[[Q]], %{{.*}} : i8, !llvm.ptr
// FIXED-NOT: llvm.intr.roundeven
// FIXED-NOT: : i64 to i8
// FIXED: llvm.return

// FLOAT: llvm.mlir.global private constant @{{.*}}(dense<2.500000e-01> : tensor<1xf32>)
// FLOAT-LABEL: llvm.func @requantize
// FLOAT-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// FLOAT-DAG: %[[ONE:[0-9]+]] = llvm.mlir.constant(1 : i32) : i32
// FLOAT-DAG: %[[HI:[0-9]+]] = llvm.mlir.constant(1.260000e+02 : f32) : f32
// FLOAT-DAG: %[[LO:[0-9]+]] = llvm.mlir.constant(-1.290000e+02 : f32) : f32
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT: llvm.sitofp %{{.*}} : i32 to f32
// FLOAT: llvm.fmul
// FLOAT: %[[R:[0-9]+]] = llvm.intr.roundeven(%{{.*}}) : (f32) -> f32
// FLOAT-NEXT: %[[MX:[0-9]+]] = llvm.intr.maximum(%[[R]], %[[LO]]) : (f32, f32) -> f32
// FLOAT-NEXT: %[[MN:[0-9]+]] = llvm.intr.minimum(%[[MX]], %[[HI]]) : (f32, f32) -> f32
// FLOAT-NEXT: %[[I:[0-9]+]] = llvm.fptosi %[[MN]] : f32 to i32
// FLOAT-NEXT: %[[S:[0-9]+]] = llvm.add %[[I]], %[[ONE]] : i32
// FLOAT-NEXT: %[[Q:[0-9]+]] = llvm.trunc %[[S]] : i32 to i8
// FLOAT: llvm.store %[[Q]], %{{.*}} : i8, !llvm.ptr
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT-NOT: : i64 to i8
// FLOAT: llvm.return
func.func @requantize(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.2:1>>
}
