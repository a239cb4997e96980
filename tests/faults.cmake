# Field faults (issue #18): the kiosk still shows a screen after what a lobby does to it.
add_test(NAME faults.field COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/faults/test_field_faults.sh $<TARGET_FILE:majakka-kiosk>)
set_tests_properties(faults.field PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC")
