// RUN: qnn-compile %s --calibration --emit=llvm -o - | FileCheck %s
// RUN: qnn-compile %s --emit=llvm -o - | FileCheck %s --check-prefix=PLAIN

// With --calibration each qnn.observe calls the runtime's qnn_observe with
// its id, a pointer to a copy of the tensor and the element count; without
// it, observers are the identity and nothing is called.

// CHECK: declare void @qnn_observe(i64, i64, i64)
// CHECK-LABEL: define void @main(
// CHECK: call void @qnn_observe(i64 3, i64 %{{.*}}, i64 8)
// PLAIN-NOT: qnn_observe
func.func @main(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %y = qnn.observe %x {id = 3 : i64, name = "x"} : tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
