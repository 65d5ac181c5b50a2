// RUN: qnn-opt %s --qnn-expand-memref-copy | FileCheck %s
// RUN: qnn-opt %s --qnn-expand-memref-copy --convert-linalg-to-loops | FileCheck %s --check-prefix=LOOPS

// memref.copy into a strided view (what bufferizing tensor.pad produces)
// becomes linalg.copy, and then plain loops: no call to the runner
// utilities' memrefCopy is left for the compiled model to need.

// CHECK-LABEL: func.func @copy_into_view
// CHECK-SAME: (%[[SRC:.*]]: memref<4x4xi8>, %[[DST:.*]]: memref<6x6xi8>)
// CHECK: %[[VIEW:.*]] = memref.subview %[[DST]][1, 1] [4, 4] [1, 1]
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%[[SRC]] : memref<4x4xi8>) outs(%[[VIEW]] : memref<4x4xi8, strided<[6, 1], offset: 7>>)
// LOOPS-LABEL: func.func @copy_into_view
// LOOPS: scf.for
// LOOPS: scf.for
// LOOPS: memref.load
// LOOPS: memref.store
// LOOPS-NOT: memref.copy
func.func @copy_into_view(%src: memref<4x4xi8>, %dst: memref<6x6xi8>) {
  %view = memref.subview %dst[1, 1] [4, 4] [1, 1] : memref<6x6xi8> to memref<4x4xi8, strided<[6, 1], offset: 7>>
  memref.copy %src, %view : memref<4x4xi8> to memref<4x4xi8, strided<[6, 1], offset: 7>>
  return
}

// Contiguous copies are rewritten as well; nested regions are walked.
// CHECK-LABEL: func.func @copy_in_loop
// CHECK: scf.for
// CHECK-NEXT: linalg.copy ins(%{{.*}} : memref<8xf32>) outs(%{{.*}} : memref<8xf32>)
// CHECK-NOT: memref.copy
func.func @copy_in_loop(%a: memref<8xf32>, %b: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    memref.copy %a, %b : memref<8xf32> to memref<8xf32>
  }
  return
}
