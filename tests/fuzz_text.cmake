# The text layer's libFuzzer target (tests/fuzz/fuzz_text.c: QR payloads read back, bidi,
# line breaking): a plain-main replay of the seed corpus in every build (gcc too), and, when
# Debian's clang is there, a short real fuzzing run (tests/fuzz/run_fuzz.sh).
add_executable(fuzz_text_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_text.c ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_replay_main.c)
target_link_libraries(fuzz_text_replay PRIVATE majakka)
add_test(NAME fuzz.text.replay COMMAND fuzz_text_replay ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/text)
if(MAJAKKA_CLANG)
  add_test(NAME fuzz.text.run COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run_fuzz.sh ${PROJECT_SOURCE_DIR}
           ${MAJAKKA_FUZZ_SECONDS} text)
  set_tests_properties(fuzz.text.run PROPERTIES TIMEOUT 300 LABELS fuzz ENVIRONMENT "CLANG=${MAJAKKA_CLANG};FUZZ_SEED=20261202")
endif()
