# The masker's libFuzzer target: a plain-main replay of the seed corpus in every build (gcc
option(MAJAKKA_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
# too), and, when Debian's clang is there, a short real fuzzing run (tests/fuzz/run_fuzz.sh).
add_executable(fuzz_mask_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_mask.c ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_replay_main.c)
target_link_libraries(fuzz_mask_replay PRIVATE majakka)
add_test(NAME fuzz.mask.replay COMMAND fuzz_mask_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/mask)
if(CMAKE_C_COMPILER_ID STREQUAL "Clang" AND MAJAKKA_FUZZ)
  add_executable(fuzz_mask ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_mask.c)
  target_compile_options(fuzz_mask PRIVATE -fsanitize=fuzzer)
  target_link_options(fuzz_mask PRIVATE -fsanitize=fuzzer)
  target_link_libraries(fuzz_mask PRIVATE majakka)
endif()
find_program(MAJAKKA_CLANG NAMES clang clang-14)
set(MAJAKKA_FUZZ_SECONDS 20 CACHE STRING "seconds each fuzz target runs in ctest")
if(MAJAKKA_CLANG)
  add_test(NAME fuzz.mask.run COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run_fuzz.sh ${PROJECT_SOURCE_DIR}
           ${MAJAKKA_FUZZ_SECONDS} mask)
  set_tests_properties(fuzz.mask.run PROPERTIES TIMEOUT 300 LABELS fuzz ENVIRONMENT "CLANG=${MAJAKKA_CLANG};FUZZ_SEED=20261202")
endif()
