# The kiosk's command line, driven as a deployer would.
add_test(NAME cli.kiosk_commands
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_cli.sh $<TARGET_FILE:majakka-kiosk> ${CMAKE_CURRENT_SOURCE_DIR}/data)
set_tests_properties(cli.kiosk_commands PROPERTIES TIMEOUT 60)
# --help and --version anywhere, usage lines and man pages (issue #18).
add_test(NAME cli.help_version
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_help.sh $<TARGET_FILE:majakka-kiosk>
          $<TARGET_FILE:majakka-sync> $<TARGET_FILE:majakka-hub> ${PROJECT_SOURCE_DIR}/man)
set_tests_properties(cli.help_version PROPERTIES TIMEOUT 60)
