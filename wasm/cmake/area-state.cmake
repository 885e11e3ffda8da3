# State: the sparse Merkle tree state commitment (docs/protocol/state.md).
list(APPEND WEFT_CORE_SOURCES
  src/state/node.cpp
  src/state/node_cache.cpp
  src/state/memory_node_store.cpp
  src/state/smt.cpp
  src/state/smt_proof.cpp
)
list(APPEND WEFT_TEST_SOURCES
  tests/state/node_test.cpp
  tests/state/node_cache_test.cpp
  tests/state/smt_test.cpp
  tests/state/smt_proof_test.cpp
)
list(APPEND WEFT_FUZZ_TARGETS fuzz_smt_proof fuzz_smt_ops)
