# ABI: what the boundary adds to the rules (docs/architecture.md, "The core and its boundary") —
# error names for statuses, the framing of consensus actions, the consensus and bisection
# handles and the stateless calls around them. Built into every target so the native tests
# exercise them; the extern "C" exports that wrap them (src/abi/exports_*.cpp) are WASM-only.
list(APPEND WEFT_CORE_SOURCES
  src/abi/error_names.cpp
  src/abi/action_frame.cpp
  src/abi/priority_record.cpp
  src/abi/consensus_handle.cpp
  src/abi/consensus_checks.cpp
  src/abi/light_checks.cpp
  src/abi/bisection_handle.cpp
  src/abi/tx_proof.cpp
  src/abi/node_children.cpp
)
list(APPEND WEFT_TEST_SOURCES
  tests/abi/error_names_test.cpp
  tests/abi/action_frame_test.cpp
  tests/abi/consensus_handle_test.cpp
  tests/abi/consensus_checks_test.cpp
  tests/abi/light_checks_test.cpp
  tests/abi/bisection_handle_test.cpp
  tests/abi/tx_proof_test.cpp
  tests/abi/node_children_test.cpp
)
