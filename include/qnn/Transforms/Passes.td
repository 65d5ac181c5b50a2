//===- Passes.td - qnn general transforms ------------------*- tablegen -*-===//

#ifndef QNN_TRANSFORMS_PASSES_TD
#define QNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ExpandMemRefCopy : Pass<"qnn-expand-memref-copy"> {
  let summary = "Rewrite memref.copy as linalg.copy so that it becomes loops";
  let description = [{
    Bufferization copies into strided views (tensor.pad, tensor.insert_slice)
    with `memref.copy`, which the LLVM lowering turns into a call to
    `memrefCopy` from MLIR's runner utilities for non-contiguous layouts. A
    compiled qnn model must need only libc and libm (docs/abi.md), so this
    pass rewrites every `memref.copy` as `linalg.copy`, which
    `convert-linalg-to-loops` turns into plain loops.

    Before:
    ```mlir
    memref.copy %src, %dst : memref<4x4xi8> to memref<4x4xi8, strided<[6, 1], offset: 7>>
    ```
    After:
    ```mlir
    linalg.copy ins(%src : memref<4x4xi8>) outs(%dst : memref<4x4xi8, strided<[6, 1], offset: 7>>)
    ```
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def DistinctResults : Pass<"qnn-distinct-results", "mlir::ModuleOp"> {
  let summary = "Give every function result its own tensor";
  let description = [{
    A public function that returns the same tensor value in two result
    positions (`return %a, %a`) gets, for each repetition, a copy
    (`bufferization.alloc_tensor() copy(%a)`). Each caller-allocated output
    buffer (docs/abi.md) then has its own source, and upstream's
    buffer-results-to-out-params, which crashes on a value returned twice,
    never sees one. `qnn-to-llvm` runs it before bufferization.

    Before:
    ```mlir
    return %a, %a : tensor<4xf32>, tensor<4xf32>
    ```
    After:
    ```mlir
    %c = bufferization.alloc_tensor() copy(%a) : tensor<4xf32>
    return %a, %c : tensor<4xf32>, tensor<4xf32>
    ```
  }];
  let dependentDialects = ["mlir::bufferization::BufferizationDialect"];
}

def ReadOnlyArguments : Pass<"qnn-readonly-arguments", "mlir::ModuleOp"> {
  let summary = "Mark the tensor arguments of public functions read-only for bufferization";
  let description = [{
    A public function's tensor arguments are the caller's input buffers,
    which the compiled code must never write (docs/abi.md). One-shot
    bufferization with function boundaries assumes arguments writable, so a
    lowering that computes in place into its operand (the reference
    `qnn.batch_norm` does, to reuse an activation buffer) would write into
    the caller's input. This pass sets `bufferization.writable = false` on
    every ranked-tensor argument of every public `func.func` with a body;
    bufferization then copies such an argument before an in-place write.
    Private functions keep the default: bufferization sees their callers.
    `qnn-to-llvm` runs it before bufferization.

    Before:
    ```mlir
    func.func @f(%x: tensor<4xf32>) -> tensor<4xf32>
    ```
    After:
    ```mlir
    func.func @f(%x: tensor<4xf32> {bufferization.writable = false}) -> tensor<4xf32>
    ```
  }];
  let dependentDialects = ["mlir::bufferization::BufferizationDialect"];
}

def InlineAllocaScopes : Pass<"qnn-inline-alloca-scopes"> {
  let summary = "Inline memref.alloca_scope regions that allocate nothing";
  let description = [{
    `convert-scf-to-openmp` wraps every parallel loop body in a
    `memref.alloca_scope`, whose region must stay a single block; lowering
    the `scf.for` loops inside it to `cf` branches then breaks the op's
    verifier. A scope whose body holds no `memref.alloca` (the body of
    qnn's threaded kernels allocates nothing) has nothing to release, so
    this pass moves its body in front of it and erases it. Scopes that
    allocate are left alone.

    Before:
    ```mlir
    memref.alloca_scope {
      scf.for %i = %c0 to %c4 step %c1 { ... }
    }
    ```
    After:
    ```mlir
    scf.for %i = %c0 to %c4 step %c1 { ... }
    ```
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect"];
}

def ForwardLoopAnnotations : Pass<"qnn-forward-loop-annotations"> {
  let summary = "Move loop annotations that lowering left as discardable attributes onto the LLVM branches";
  let description = [{
    `convert-scf-to-cf` forwards an `scf.for`'s `llvm.loop_annotation`
    attribute (loop metadata such as `unroll = <disable = true>`) to the
    loop's back edge, and `convert-cf-to-llvm` keeps it on the `llvm.br`,
    but as a discardable attribute: translation to LLVM IR only reads the
    branch's own `loop_annotation` property, so the metadata is lost. This
    pass moves the attribute onto that property of every `llvm.br` and
    `llvm.cond_br` (an existing property is kept). `qnn-to-llvm` runs it
    last; convert-qnn-to-vnni annotates the depthwise codebook decode loop,
    which LLVM would otherwise unroll and fold back into constant weights.

    Before:
    ```mlir
    llvm.br ^bb1(%i : i64) {llvm.loop_annotation = #llvm.loop_annotation<unroll = <disable = true>>}
    ```
    After:
    ```mlir
    llvm.br ^bb1(%i : i64) {loop_annotation = #llvm.loop_annotation<unroll = <disable = true>>}
    ```
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

#endif // QNN_TRANSFORMS_PASSES_TD
