# Source rules checked on the tree: no include circles between modules (tests/lint/include_cycles.py),
# in kiosk/, core/, print/ and sync/, and the checker itself finds a circle in a fixture that has one.
find_program(MAJAKKA_PYTHON3 python3 REQUIRED)
add_test(NAME lint.include_cycles COMMAND ${MAJAKKA_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/lint/include_cycles.py
         ${CMAKE_SOURCE_DIR} kiosk core print sync)
add_test(NAME lint.include_cycles_found COMMAND ${MAJAKKA_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/lint/include_cycles.py
         ${CMAKE_CURRENT_SOURCE_DIR}/lint/circle src)
set_tests_properties(lint.include_cycles_found PROPERTIES
  PASS_REGULAR_EXPRESSION "include circle between modules src/a, src/b:\n  src/a.h includes b.h\n  src/b.c includes a.h")
