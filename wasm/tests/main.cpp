// The native unit-test runner for the consensus core (doctest); ctest runs each case alone.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
