# Chain: objects, transactions, fees, staking, state transition and block validity
# (docs/protocol.md "Objects", docs/protocol/transactions.md).
list(APPEND WEFT_CORE_SOURCES
  src/chain/account.cpp
  src/chain/block.cpp
  src/chain/block_builder.cpp
  src/chain/block_verify.cpp
  src/chain/chain_id.cpp
  src/chain/execute.cpp
  src/chain/fees.cpp
  src/chain/genesis.cpp
  src/chain/genesis_state.cpp
  src/chain/header.cpp
  src/chain/params.cpp
  src/chain/receipt.cpp
  src/chain/staking.cpp
  src/chain/staking_records.cpp
  src/chain/state_keys.cpp
  src/chain/state_view.cpp
  src/chain/transaction.cpp
  src/chain/tx_check.cpp
  src/chain/tx_merkle.cpp
  src/chain/tx_verify.cpp
  src/chain/validator_list.cpp
  src/chain/verified_signatures.cpp
)
list(APPEND WEFT_TEST_SOURCES
  tests/chain/block_test.cpp
  tests/chain/fees_test.cpp
  tests/chain/objects_test.cpp
  tests/chain/staking_test.cpp
  tests/chain/tx_check_test.cpp
  tests/chain/tx_merkle_test.cpp
  tests/chain/verified_signatures_test.cpp
)
list(APPEND WEFT_FUZZ_TARGETS fuzz_chain_decode fuzz_tx_validate fuzz_block_validate)
