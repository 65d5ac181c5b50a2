// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// Upstream quant.scast on tensors through the whole pipeline.

// A constant cast to a quantized type becomes a private global read by the
// function; the function keeps only its output pointer.
// CHECK: llvm.mlir.global private constant @[[W:.*]](dense<[7, -8, 127]> : tensor<3xi8>)
// CHECK-LABEL: llvm.func @scast_constant(
// CHECK-SAME: %[[Y:arg0]]: !llvm.ptr) {
// CHECK: llvm.mlir.addressof @[[W]]
// CHECK: %[[V:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i8
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.store %[[V]], %[[YP]] : i8, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @scast_constant() -> tensor<3x!quant.uniform<i8:f32:0, {0.5, 0.25:1, 1.0:-3}>> {
  %c = arith.constant dense<[7, -8, 127]> : tensor<3xi8>
  %w = quant.scast %c : tensor<3xi8> to tensor<3x!quant.uniform<i8:f32:0, {0.5, 0.25:1, 1.0:-3}>>
  return %w : tensor<3x!quant.uniform<i8:f32:0, {0.5, 0.25:1, 1.0:-3}>>
}

// i4 storage into its i8 container: sign extension.
// CHECK-LABEL: llvm.func @scast_to_quant(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i4
// CHECK: %[[V:.*]] = llvm.load %[[XP]] : !llvm.ptr -> i4
// CHECK: %[[E:.*]] = llvm.sext %[[V]] : i4 to i8
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.store %[[E]], %[[YP]] : i8, !llvm.ptr
// CHECK: llvm.return{{$}}

func.func @scast_to_quant(%c: tensor<3xi4>) -> tensor<3x!quant.uniform<i4:f32, 0.5:-1>> {
  %q = quant.scast %c : tensor<3xi4> to tensor<3x!quant.uniform<i4:f32, 0.5:-1>>
  return %q : tensor<3x!quant.uniform<i4:f32, 0.5:-1>>
}

// And back: truncation from the container to i4.
// CHECK-LABEL: llvm.func @scast_to_storage(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: %[[V:.*]] = llvm.load %[[XP]] : !llvm.ptr -> i8
// CHECK: %[[T:.*]] = llvm.trunc %[[V]] : i8 to i4
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i4
// CHECK: llvm.store %[[T]], %[[YP]] : i4, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @scast_to_storage(%q: tensor<3x!quant.uniform<i4:f32, 0.5:-1>>) -> tensor<3xi4> {
  %c = quant.scast %q : tensor<3x!quant.uniform<i4:f32, 0.5:-1>> to tensor<3xi4>
  return %c : tensor<3xi4>
}
