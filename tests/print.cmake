# Printing tests: programs under tests/print/ linking majakka_print, run against the fake
# ESC/POS printer (tests/print/fake_printer.c) on loopback TCP.
add_executable(fake_printer ${CMAKE_CURRENT_SOURCE_DIR}/print/fake_printer.c)
target_link_libraries(fake_printer PRIVATE majakka_print)
file(GLOB MAJAKKA_PRINT_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/print/test_print_*.c)
foreach(src ${MAJAKKA_PRINT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/unit ${CMAKE_CURRENT_SOURCE_DIR}/print)
  target_link_libraries(${name} PRIVATE majakka_print)
  target_compile_definitions(${name} PRIVATE MAJAKKA_TEST_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data"
    MAJAKKA_ASSETS="${MAJAKKA_SOURCE_ASSETS}"
    FAKE_PRINTER="$<TARGET_FILE:fake_printer>")
  add_dependencies(${name} fake_printer)
  add_test(NAME print.${name} COMMAND ${name} WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(print.${name} PROPERTIES TIMEOUT 180 ENVIRONMENT "TZ=UTC")
endforeach()
