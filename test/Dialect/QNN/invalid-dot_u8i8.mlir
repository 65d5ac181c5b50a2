// RUN: qnn-opt %s -split-input-file -verify-diagnostics

func.func @short_acc(%acc: vector<8xi32>, %a: vector<64xi8>, %b: vector<64xi8>) {
  // expected-error @+1 {{'qnn.dot_u8i8' op operand #0 must be vector of 32-bit signless integer values of length 16}}
  %r = qnn.dot_u8i8 %acc, %a, %b : vector<8xi32>, vector<64xi8>, vector<64xi8>
  return
}

// -----

func.func @wrong_lhs(%acc: vector<16xi32>, %a: vector<32xi8>, %b: vector<64xi8>) {
  // expected-error @+1 {{'qnn.dot_u8i8' op operand #1 must be vector of 8-bit signless integer values of length 64}}
  %r = qnn.dot_u8i8 %acc, %a, %b : vector<16xi32>, vector<32xi8>, vector<64xi8>
  return
}

// -----

func.func @wrong_rhs(%acc: vector<16xi32>, %a: vector<64xi8>, %b: vector<64xi16>) {
  // expected-error @+1 {{'qnn.dot_u8i8' op operand #2 must be vector of 8-bit signless integer values of length 64}}
  %r = qnn.dot_u8i8 %acc, %a, %b : vector<16xi32>, vector<64xi8>, vector<64xi16>
  return
}
