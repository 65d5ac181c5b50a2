// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=FIXED --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=float | FileCheck %s --check-prefix=FLOAT --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.concat (rule N15) of three operands on axis 1: the first has the
// result's type and is copied, the other two are requantized (rule N7).

// b: M = 0.1 / 0.2 = 0.5 -> (2^30, 0); c: M = 0.4 / 0.2 = 2.0 -> (2^30, 2),
// zp_in = -2. %a has the result's type and is copied without arithmetic to
// column 0 of the output; %b is requantized into columns 1..2 (offset 1),
// %c into column 3 (offset 3): exactly two requantizations.
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<1073741824> : tensor<1xi32>)
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<2> : tensor<1xi32>)
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<-2> : tensor<1xi32>)
// FIXED-LABEL: llvm.func @concat(
// FIXED-SAME: %[[A:arg0]]: !llvm.ptr, %[[B:arg1]]: !llvm.ptr, %[[C:arg2]]: !llvm.ptr, %[[Y:arg3]]: !llvm.ptr) {
// FIXED-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FIXED: %[[AP:.*]] = llvm.getelementptr inbounds|nuw %[[A]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED-NEXT: %[[AV:.*]] = llvm.load %[[AP]] : !llvm.ptr -> i8
// FIXED-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FIXED: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED-NEXT: llvm.store %[[AV]], %[[YP]] : i8, !llvm.ptr
// FIXED: llvm.getelementptr inbounds|nuw %[[B]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.ashr %{{.*}}, %{{.*}} : i64
// FIXED: llvm.getelementptr %[[Y]][1] : (!llvm.ptr) -> !llvm.ptr, i8
// FIXED: llvm.getelementptr inbounds|nuw %[[C]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.ashr %{{.*}}, %{{.*}} : i64
// FIXED: llvm.getelementptr %[[Y]][3] : (!llvm.ptr) -> !llvm.ptr, i8
// FIXED-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FIXED-NOT: llvm.intr.roundeven
// FIXED: llvm.return{{$}}

// FLOAT-DAG: llvm.mlir.global private constant @{{.*}}(dense<5.000000e-01> : tensor<1xf32>)
// FLOAT-DAG: llvm.mlir.global private constant @{{.*}}(dense<2.000000e+00> : tensor<1xf32>)
// FLOAT-LABEL: llvm.func @concat(
// FLOAT-SAME: %[[A:arg0]]: !llvm.ptr, %[[B:arg1]]: !llvm.ptr, %[[C:arg2]]: !llvm.ptr, %[[Y:arg3]]: !llvm.ptr) {
// FLOAT-NOT: llvm.intr.roundeven
// FLOAT: %[[AP:.*]] = llvm.getelementptr inbounds|nuw %[[A]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FLOAT-NEXT: %[[AV:.*]] = llvm.load %[[AP]] : !llvm.ptr -> i8
// FLOAT-NOT: llvm.intr.roundeven
// FLOAT: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FLOAT-NEXT: llvm.store %[[AV]], %[[YP]] : i8, !llvm.ptr
// FLOAT: llvm.getelementptr inbounds|nuw %[[B]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FLOAT: llvm.intr.roundeven(%{{.*}}) : (f32) -> f32
// FLOAT: llvm.getelementptr %[[Y]][1] : (!llvm.ptr) -> !llvm.ptr, i8
// FLOAT: llvm.getelementptr inbounds|nuw %[[C]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FLOAT: llvm.intr.roundeven(%{{.*}}) : (f32) -> f32
// FLOAT: llvm.getelementptr %[[Y]][3] : (!llvm.ptr) -> !llvm.ptr, i8
// FLOAT-NOT: llvm.intr.roundeven
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT: llvm.return{{$}}
func.func @concat(%a: tensor<2x1x!quant.uniform<i8:f32, 0.2:1>>,
                  %b: tensor<2x2x!quant.uniform<i8:f32, 0.1>>,
                  %c: tensor<2x1x!quant.uniform<i8:f32, 0.4:-2>>)
    -> tensor<2x4x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.concat %a, %b, %c {axis = 1 : i64}
      : (tensor<2x1x!quant.uniform<i8:f32, 0.2:1>>, tensor<2x2x!quant.uniform<i8:f32, 0.1>>,
         tensor<2x1x!quant.uniform<i8:f32, 0.4:-2>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<2x4x!quant.uniform<i8:f32, 0.2:1>>
}
