# CMake 3.25 has no WASI platform module; wasm32-wasi needs nothing beyond the toolchain file.
set(CMAKE_EXECUTABLE_SUFFIX .wasm)
