// An index dense array spelled through an alias.
!idx = index
func.func @f() attributes {a = array<!idx: 1>} {
  return
}
