# The form-body module's libFuzzer target (tests/fuzz/fuzz_form.c: sync/hub_form.c, every form
# the hub reads: urlencoded and multipart): a plain-main replay of the seed corpus in every
# build (gcc too), and, when Debian's clang is there, a short real fuzzing run (tests/fuzz/run_fuzz.sh).
find_program(MAJAKKA_CLANG NAMES clang clang-14)
set(MAJAKKA_FUZZ_SECONDS 20 CACHE STRING "seconds each fuzz target runs in ctest")
add_executable(fuzz_form_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_form.c ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_replay_main.c)
target_link_libraries(fuzz_form_replay PRIVATE majakka_sync)
add_test(NAME fuzz.form.replay COMMAND fuzz_form_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/form)
if(MAJAKKA_CLANG)
  add_test(NAME fuzz.form.run COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run_fuzz.sh ${PROJECT_SOURCE_DIR}
           ${MAJAKKA_FUZZ_SECONDS} form)
  set_tests_properties(fuzz.form.run PROPERTIES TIMEOUT 300 LABELS fuzz ENVIRONMENT "CLANG=${MAJAKKA_CLANG};FUZZ_SEED=20261202")
endif()
