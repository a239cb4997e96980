# Content fuzz targets (issue 17): bundle parser+importer, iCalendar reader, recurrence
# expansion, config parser, .po reader; the directory importers (issue 12: HSDS, PTV, Linked
# Events). In every build each target is linked with a plain
# replay driver and run over its seed corpus (tests/fuzz/corpus/NAME, crashes kept there as
# regression seeds). The libFuzzer builds themselves are made by tests/fuzz/run.sh with clang;
# a short run of each is registered here when clang is installed.
set(MAJAKKA_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
foreach(t bundle ics recur config po imports)
  add_executable(fuzz_${t}_replay ${MAJAKKA_FUZZ_DIR}/fuzz_${t}.c ${MAJAKKA_FUZZ_DIR}/replay_main.c)
  if(t STREQUAL "po")
    target_link_libraries(fuzz_${t}_replay PRIVATE majakka_kiosk)
  elseif(t STREQUAL "imports")
    target_link_libraries(fuzz_${t}_replay PRIVATE majakka_sync)   # the directory importers (sync/imp_*.c)
  else()
    target_link_libraries(fuzz_${t}_replay PRIVATE majakka)
  endif()
  add_test(NAME fuzz.replay.${t} COMMAND fuzz_${t}_replay ${MAJAKKA_FUZZ_DIR}/corpus/${t})
  set_tests_properties(fuzz.replay.${t} PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC")
endforeach()
find_program(MAJAKKA_CLANG NAMES clang clang-14)
if(MAJAKKA_CLANG)
  # serial: libFuzzer keeps a core busy, and other tests have timeouts
  add_test(NAME fuzz.libfuzzer.short COMMAND bash ${MAJAKKA_FUZZ_DIR}/run.sh 20 ${CMAKE_CURRENT_BINARY_DIR}/fuzz-clang)
  set_tests_properties(fuzz.libfuzzer.short PROPERTIES TIMEOUT 900 LABELS fuzz RUN_SERIAL TRUE ENVIRONMENT "TZ=UTC;FUZZ_SEED=20261202")
endif()
