// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.quantize through the whole pipeline (rule N2): one f32 input pointer,
// one i8 output pointer, no result; the per-axis scales and zero points
// become private globals, the division is an f32 fdiv rounded with
// llvm.intr.roundeven, NaN is detected with an unordered compare, and the
// sum r + zp is clamped to [qmin, qmax] = [-128, 127].

// CHECK-DAG: llvm.mlir.global private constant @[[S:.*]](dense<[5.000000e-02, 1.000000e-01, 2.000000e-01]> : tensor<3xf32>)
// CHECK-DAG: llvm.mlir.global private constant @[[ZP:.*]](dense<[-3, 0, 5]> : tensor<3xi32>)
// CHECK-LABEL: llvm.func @quantize(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK-DAG: llvm.mlir.addressof @[[S]]
// CHECK-DAG: llvm.mlir.addressof @[[ZP]]
// CHECK-DAG: %[[LO:.*]] = llvm.mlir.constant(-128 : i64) : i64
// CHECK-DAG: %[[HI:.*]] = llvm.mlir.constant(127 : i64) : i64
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %[[XV:.*]] = llvm.load %[[XP]] : !llvm.ptr -> f32
// CHECK: %[[D:.*]] = llvm.fdiv %[[XV]], %{{.*}} : f32
// CHECK: %[[R:.*]] = llvm.intr.roundeven(%[[D]]) : (f32) -> f32
// CHECK: llvm.fcmp "uno" %[[R]], %[[R]] : f32
// CHECK: %[[C0:.*]] = llvm.intr.smax(%{{.*}}, %[[LO]]) : (i64, i64) -> i64
// CHECK: %[[C1:.*]] = llvm.intr.smin(%[[C0]], %[[HI]]) : (i64, i64) -> i64
// CHECK: %[[Q:.*]] = llvm.trunc %[[C1]] : i64 to i8
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @quantize(%x: tensor<2x3xf32>)
    -> tensor<2x3x!quant.uniform<i8:f32:1, {0.05:-3, 0.1:0, 0.2:5}>> {
  %q = qnn.quantize %x : tensor<2x3xf32>
                      -> tensor<2x3x!quant.uniform<i8:f32:1, {0.05:-3, 0.1:0, 0.2:5}>>
  return %q : tensor<2x3x!quant.uniform<i8:f32:1, {0.05:-3, 0.1:0, 0.2:5}>>
}
