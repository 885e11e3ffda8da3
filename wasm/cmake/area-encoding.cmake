# Encoding: the canonical byte layout shared by every chain object (docs/protocol/encoding.md).
list(APPEND WEFT_TEST_SOURCES tests/encoding/reader_writer_test.cpp)
