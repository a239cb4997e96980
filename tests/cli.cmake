# The kiosk's command line, driven as a deployer would.
add_test(NAME cli.kiosk_commands
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_cli.sh $<TARGET_FILE:majakka-kiosk> ${CMAKE_CURRENT_SOURCE_DIR}/data)
set_tests_properties(cli.kiosk_commands PROPERTIES TIMEOUT 60)
