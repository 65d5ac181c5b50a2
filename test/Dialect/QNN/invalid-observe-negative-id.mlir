// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Rule N22: ids are read as signed values, so negative ids are rejected.

func.func @id_negative(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.observe' op 'id' must be >= 0, got -1 (rule N22)}}
  %y = qnn.observe %x {id = -1 : i64} : tensor<4xf32>
  return
}

// -----

func.func @id_min(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.observe' op 'id' must be >= 0, got -9223372036854775808 (rule N22)}}
  %y = qnn.observe %x {id = -9223372036854775808 : i64} : tensor<4xf32>
  return
}
