// RUN: qnn-opt %s --qnn-inline-alloca-scopes | FileCheck %s

// A scope that allocates nothing is replaced by its body, results included.
// CHECK-LABEL: func.func @no_alloca
// CHECK-NOT: memref.alloca_scope
// CHECK: %[[V:.*]] = scf.for
// CHECK: return %[[V]] : i32
func.func @no_alloca(%n: index, %init: i32) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = memref.alloca_scope -> (i32) {
    %v = scf.for %i = %c0 to %n step %c1 iter_args(%a = %init) -> (i32) {
      %s = arith.addi %a, %a : i32
      scf.yield %s : i32
    }
    memref.alloca_scope.return %v : i32
  }
  return %r : i32
}

// A scope with its own alloca keeps releasing the stack each time.
// CHECK-LABEL: func.func @with_alloca
// CHECK: memref.alloca_scope
// CHECK: memref.alloca
func.func @with_alloca(%m: memref<4xi32>) {
  memref.alloca_scope {
    %a = memref.alloca() : memref<4xi32>
    memref.copy %m, %a : memref<4xi32> to memref<4xi32>
  }
  return
}

// Only the outer scope allocates: the inner one is inlined, the outer kept.
// CHECK-LABEL: func.func @nested
// CHECK: memref.alloca_scope {
// CHECK-NEXT: memref.alloca
// CHECK-NOT: memref.alloca_scope
// CHECK: return
func.func @nested(%m: memref<4xi32>) {
  memref.alloca_scope {
    %a = memref.alloca() : memref<4xi32>
    memref.alloca_scope {
      memref.copy %m, %a : memref<4xi32> to memref<4xi32>
    }
  }
  return
}
