# Included by the top-level CMakeLists.txt when TOUCHPOINT_FUZZ is on, before
# any library is defined: the whole tree gets libFuzzer's coverage
# instrumentation and ASan and UBSan, so the fuzz targets see into the
# project's libraries. The fuzz targets link libFuzzer itself (tests/fuzz).
# Clang 16 at least: the engine captures structured bindings in lambdas (C++20),
# which clang 14 rejects; Debian 12 packages clang-16 and libclang-rt-16-dev.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR CMAKE_CXX_COMPILER_VERSION VERSION_LESS 16)
  message(FATAL_ERROR "TOUCHPOINT_FUZZ needs clang 16 or later for libFuzzer (this is ${CMAKE_CXX_COMPILER_ID} "
                      "${CMAKE_CXX_COMPILER_VERSION}): configure a separate build directory with "
                      "-DCMAKE_CXX_COMPILER=clang++-16, as scripts/fuzz does in build-fuzz/")
endif()
# UB stops the run like a crash, so libFuzzer saves the input. No vptr checks,
# as with TOUCHPOINT_SANITIZE: Debian's SOCI does not export the type info of
# its internal statement classes, and the store's code would not link.
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined
                    -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
