# Sync agent and hub: unit tests link the sync library; end-to-end tests are shell scripts that
# start the real majakka-hub and majakka-sync over HTTPS on 127.0.0.1 with a CA they generate.
foreach(t ${MAJAKKA_UNIT_TESTS})
  get_filename_component(n ${t} NAME_WE)
  if(n MATCHES "^test_(sync|hub)_")
    target_link_libraries(${n} PRIVATE majakka_sync)
  endif()
endforeach()
# The preview renderer's test runs the real majakka-kiosk --preview.
if(TARGET test_hub_preview)
  add_dependencies(test_hub_preview majakka-kiosk)
  target_compile_definitions(test_hub_preview PRIVATE MAJAKKA_KIOSK_BIN="$<TARGET_FILE:majakka-kiosk>"
                             MAJAKKA_ASSETS="${MAJAKKA_SOURCE_ASSETS}" $<$<BOOL:${MAJAKKA_SANITIZE}>:MAJAKKA_SANITIZED=1>)
endif()

set(MAJAKKA_E2E ${CMAKE_CURRENT_SOURCE_DIR}/e2e)
foreach(name sync_basic sync_faults sync_crash dashboard hub_hostile tls_resume hub_limits editor alerts_mail web_auth fleet_web editor_events)
  if(EXISTS ${MAJAKKA_E2E}/${name}.sh)
    add_test(NAME e2e.${name} COMMAND bash ${MAJAKKA_E2E}/${name}.sh $<TARGET_FILE:majakka-hub-test>
             $<TARGET_FILE:majakka-sync> ${CMAKE_CURRENT_SOURCE_DIR}/data/bundles)
    set_tests_properties(e2e.${name} PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC" LABELS e2e)
  endif()
endforeach()
# The preview routes, drawn by the real majakka-kiosk (no memory limit under the sanitizers).
add_test(NAME e2e.preview COMMAND bash ${MAJAKKA_E2E}/preview.sh $<TARGET_FILE:majakka-hub-test> $<TARGET_FILE:majakka-kiosk>
         ${MAJAKKA_SOURCE_ASSETS} $<IF:$<BOOL:${MAJAKKA_SANITIZE}>,-1,512>)
set_tests_properties(e2e.preview PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC" LABELS e2e)
# The directory imports' commands, with an API server on 127.0.0.1 (issue 12).
add_test(NAME e2e.imports COMMAND bash ${MAJAKKA_E2E}/imports.sh $<TARGET_FILE:majakka-hub-test> ${CMAKE_CURRENT_SOURCE_DIR}/data/imports)
set_tests_properties(e2e.imports PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC" LABELS e2e)
add_test(NAME e2e.hub_build COMMAND bash ${MAJAKKA_E2E}/hub_build.sh $<TARGET_FILE:majakka-hub> $<TARGET_FILE:majakka-hub-test>)
set_tests_properties(e2e.hub_build PROPERTIES TIMEOUT 60 LABELS e2e)
