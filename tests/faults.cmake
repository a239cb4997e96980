# Field faults (issue #18): the kiosk still shows a screen after what a lobby does to it.
add_test(NAME faults.field COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/faults/test_field_faults.sh $<TARGET_FILE:majakka-kiosk>)
set_tests_properties(faults.field PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC")
# The wall clock jumping back a day and forward a year under a running kiosk (script clock).
add_test(NAME faults.clock_jump COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/run_script.sh
         $<TARGET_FILE:majakka-kiosk-test> ${CMAKE_SOURCE_DIR} clock_jump ${CMAKE_CURRENT_BINARY_DIR}/faults-clock-jump)
set_tests_properties(faults.clock_jump PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC")
