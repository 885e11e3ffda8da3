# Light client: light blocks, sequential and skipping verification, bisection and attack
# evidence (docs/protocol/light-client.md).
list(APPEND WEFT_CORE_SOURCES
  src/light/light_block.cpp
  src/light/verify.cpp
  src/light/bisection.cpp
  src/light/attack.cpp
)
list(APPEND WEFT_TEST_SOURCES
  tests/light/light_block_test.cpp
  tests/light/verify_test.cpp
  tests/light/bisection_test.cpp
  tests/light/attack_test.cpp
)
list(APPEND WEFT_FUZZ_TARGETS fuzz_light_decode)

# Skipping verification over a 100 000-header synthetic chain (native only): time and fetches.
if(NOT CMAKE_SYSTEM_NAME STREQUAL "WASI" AND NOT WEFT_FUZZ)
  add_executable(weft_bench_light bench/light_skipping.cpp)
  target_link_libraries(weft_bench_light PRIVATE weft_core)
  # WEFT_WARNINGS is defined after the area files are read; these are the same flags.
  target_compile_options(weft_bench_light PRIVATE
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror)
endif()
