# Browser tests (tests/web): the hub's pages in Debian's Chromium, driven by playwright-core
# (pinned in tests/web/package-lock.json; scripts/setup.sh test runs npm ci). One fixture starts
# majakka-hub-test over HTTPS on 127.0.0.1 and one headless Chromium; the tests share both and
# run one after another (RESOURCE_LOCK), each in a browser context of its own. `ctest -L web`.
set(MAJAKKA_WEB ${CMAKE_CURRENT_SOURCE_DIR}/web)
set(MAJAKKA_WEB_STATE ${CMAKE_CURRENT_BINARY_DIR}/web-state)
add_test(NAME web.setup COMMAND bash ${MAJAKKA_WEB}/fixture.sh start ${MAJAKKA_WEB_STATE}
         $<TARGET_FILE:majakka-hub-test> $<TARGET_FILE:majakka-sync> $<TARGET_FILE:majakka-kiosk-test> ${CMAKE_SOURCE_DIR})
add_test(NAME web.cleanup COMMAND bash ${MAJAKKA_WEB}/fixture.sh stop ${MAJAKKA_WEB_STATE})
set_tests_properties(web.setup PROPERTIES FIXTURES_SETUP web TIMEOUT 120 SKIP_RETURN_CODE 77 LABELS web RESOURCE_LOCK web)
set_tests_properties(web.cleanup PROPERTIES FIXTURES_CLEANUP web TIMEOUT 60 LABELS web RESOURCE_LOCK web)
# The order is the order they run in when nothing else decides (the scenario changes content).
foreach(t pages csp axe access csrf editor_lang scenario)
  add_test(NAME web.${t} COMMAND node ${MAJAKKA_WEB}/${t}.mjs ${MAJAKKA_WEB_STATE})
  set_tests_properties(web.${t} PROPERTIES FIXTURES_REQUIRED web RESOURCE_LOCK web TIMEOUT 300
                       SKIP_RETURN_CODE 77 LABELS web
                       ENVIRONMENT "TZ=UTC;NODE_EXTRA_CA_CERTS=${MAJAKKA_WEB_STATE}/ca/ca.pem")
endforeach()
# The demo's loop (scripts/demo.sh: hub, sync agent and the real kiosk window under Xvfb).
add_test(NAME web.demo COMMAND bash ${MAJAKKA_WEB}/demo_loop.sh ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
set_tests_properties(web.demo PROPERTIES TIMEOUT 180 SKIP_RETURN_CODE 77 LABELS web ENVIRONMENT "TZ=UTC")
