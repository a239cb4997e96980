# The hub tests again on PostgreSQL: a fixture starts a throwaway server from Debian's packages
# (tests/pg/pg.sh: initdb in a temporary folder, a free 127.0.0.1 port) and stops it after the
# last test that needs it; each test makes its own database on it (MAJAKKA_TEST_PG_FILE holds
# the server's URL). Tests that only mean something with several hubs on one database (hub_multi)
# run here as well as on SQLite.
set(MAJAKKA_PG_STATE ${CMAKE_BINARY_DIR}/pg)
set(MAJAKKA_PG_E2E ${CMAKE_CURRENT_SOURCE_DIR}/e2e)
add_test(NAME pg.start COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg/pg.sh start ${MAJAKKA_PG_STATE})
add_test(NAME pg.stop COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg/pg.sh stop ${MAJAKKA_PG_STATE})
set_tests_properties(pg.start PROPERTIES FIXTURES_SETUP pg TIMEOUT 60 LABELS pg)
set_tests_properties(pg.stop PROPERTIES FIXTURES_CLEANUP pg TIMEOUT 60 LABELS pg)

foreach(n test_hub_api test_hub_multi test_hub_draft test_hub_dcache test_hub_alerts test_hub_web test_hub_rpt)
  add_test(NAME unit.${n}.pg COMMAND ${n} WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(unit.${n}.pg PROPERTIES TIMEOUT 120 FIXTURES_REQUIRED pg LABELS pg
                       ENVIRONMENT "TZ=UTC;MAJAKKA_TEST_PG_FILE=${MAJAKKA_PG_STATE}/url")
endforeach()

foreach(name sync_basic sync_faults sync_crash dashboard editor alerts_mail web_auth fleet_web editor_events)
  add_test(NAME e2e.${name}.pg COMMAND bash ${MAJAKKA_PG_E2E}/${name}.sh $<TARGET_FILE:majakka-hub-test>
           $<TARGET_FILE:majakka-sync> ${CMAKE_CURRENT_SOURCE_DIR}/data/bundles)
  set_tests_properties(e2e.${name}.pg PROPERTIES TIMEOUT 120 FIXTURES_REQUIRED pg LABELS "e2e;pg"
                       ENVIRONMENT "TZ=UTC;MAJAKKA_TEST_PG_FILE=${MAJAKKA_PG_STATE}/url")
endforeach()

# Only meaningful with PostgreSQL: moving a SQLite hub there, several hubs behind HAProxy.
foreach(name hub_migrate hub_multi)
  if(EXISTS ${MAJAKKA_PG_E2E}/${name}.sh)
    add_test(NAME e2e.${name}.pg COMMAND bash ${MAJAKKA_PG_E2E}/${name}.sh $<TARGET_FILE:majakka-hub-test>
             $<TARGET_FILE:majakka-sync> ${CMAKE_CURRENT_SOURCE_DIR}/data/bundles)
    set_tests_properties(e2e.${name}.pg PROPERTIES TIMEOUT 180 FIXTURES_REQUIRED pg LABELS "e2e;pg"
                         ENVIRONMENT "TZ=UTC;MAJAKKA_TEST_PG_FILE=${MAJAKKA_PG_STATE}/url")
  endif()
endforeach()
