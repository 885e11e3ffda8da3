# Consensus: votes, proposals, commits, evidence, validator sets with CometBFT proposer priority,
# and the Tendermint state machine (docs/protocol/consensus.md). The signing digest lives under
# encoding/ because transactions use it too.
list(APPEND WEFT_CORE_SOURCES
  src/encoding/sign_digest.cpp
  src/consensus/address.cpp
  src/consensus/validator_set.cpp
  src/consensus/vote.cpp
  src/consensus/proposal.cpp
  src/consensus/commit.cpp
  src/consensus/evidence.cpp
  src/consensus/vote_set.cpp
  src/consensus/sign_guard.cpp
  src/consensus/state_machine.cpp
)

# The deterministic simulator (native only): many validators, one process, virtual time. Its
# sources build into both weft_sim and the unit tests.
set(WEFT_SIM_SOURCES
  sim/block_oracle.cpp
  sim/byzantine.cpp
  sim/fault_plan.cpp
  sim/host.cpp
  sim/network.cpp
  sim/properties.cpp
  sim/rng.cpp
  sim/signatures.cpp
  sim/simulator.cpp
  sim/validators.cpp
  sim/wire.cpp
)
list(APPEND WEFT_TEST_SOURCES
  tests/consensus/encoding_test.cpp
  tests/consensus/validator_set_test.cpp
  tests/consensus/commit_test.cpp
  tests/consensus/sign_guard_test.cpp
  tests/consensus/state_machine_test.cpp
  tests/consensus/simulator_test.cpp
  ${WEFT_SIM_SOURCES}
)
list(APPEND WEFT_FUZZ_TARGETS fuzz_consensus_decode fuzz_consensus_input)

# weft_sim, the simulator's command line (scripts/simulate).
if(NOT CMAKE_SYSTEM_NAME STREQUAL "WASI" AND NOT WEFT_FUZZ)
  add_executable(weft_sim sim/main.cpp ${WEFT_SIM_SOURCES})
  target_link_libraries(weft_sim PRIVATE weft_core)
  # WEFT_WARNINGS is defined after the area files are read; these are the same flags.
  target_compile_options(weft_sim PRIVATE
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror)
endif()
