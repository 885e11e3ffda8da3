# Views: every chain object as canonical JSON, built and read through the canonical encoders and
# decoders (docs/protocol/views.md).
list(APPEND WEFT_CORE_SOURCES
  src/view/json.cpp
  src/view/fields.cpp
  src/view/chain_views.cpp
  src/view/consensus_views.cpp
  src/view/light_views.cpp
  src/view/state_views.cpp
  src/view/object_view.cpp
)
list(APPEND WEFT_TEST_SOURCES
  tests/view/json_test.cpp
  tests/view/round_trip_test.cpp
  tests/view/rejection_test.cpp
)
list(APPEND WEFT_FUZZ_TARGETS fuzz_view_json)
