# Crash consistency (tests/crash/run.sh): the real kiosk, majakka-sync and majakka-hub-test over
# HTTPS on loopback, one of them SIGKILLed at a random moment in each trial while answers, slip
# counts and bundles flow; afterwards every answer is at the hub exactly once, integrity_check
# is ok at both ends and the kiosk has the last bundle. A short run here; `bash
# tests/crash/run.sh 100` is the long one. The kiosk's script driver may live in a test build
# of the kiosk (majakka-kiosk-test); whichever exists is used.
if(TARGET majakka-kiosk-test)
  set(MAJAKKA_CRASH_KIOSK majakka-kiosk-test)
else()
  set(MAJAKKA_CRASH_KIOSK majakka-kiosk)
endif()
# The sanitizer build's kiosk is several times slower: it runs unthrottled there, with longer
# gaps between kills, so answers still flow.
if(MAJAKKA_SANITIZE)
  set(MAJAKKA_CRASH_TRIALS 12)
  set(MAJAKKA_CRASH_ENV "CRASH_KIOSK_DUTY=100;CRASH_GAP_MS=1500")
else()
  set(MAJAKKA_CRASH_TRIALS 20)
  set(MAJAKKA_CRASH_ENV "CRASH_KIOSK_DUTY=25")
endif()
add_test(NAME crash.consistency COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/crash/run.sh ${MAJAKKA_CRASH_TRIALS})
set_tests_properties(crash.consistency PROPERTIES TIMEOUT 180 LABELS e2e ENVIRONMENT
  "TZ=UTC;${MAJAKKA_CRASH_ENV};KIOSK=$<TARGET_FILE:${MAJAKKA_CRASH_KIOSK}>;HUB=$<TARGET_FILE:majakka-hub-test>;SYNC=$<TARGET_FILE:majakka-sync>;ASSETS=${MAJAKKA_SOURCE_ASSETS};BUNDLES=${CMAKE_CURRENT_SOURCE_DIR}/data/bundles")
# Network faults between agent and hub (tests/crash/net_faults.sh): 5,000 queued answers (1,000
# in the sanitizer build) through faultproxy.py (latency, dropped connections, resets mid-body,
# replies cut short), nothing lost or doubled.
if(MAJAKKA_SANITIZE)
  set(MAJAKKA_NET_ANSWERS 1000)
else()
  set(MAJAKKA_NET_ANSWERS 5000)
endif()
add_test(NAME crash.net_faults COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/crash/net_faults.sh ${MAJAKKA_NET_ANSWERS})
set_tests_properties(crash.net_faults PROPERTIES TIMEOUT 240 LABELS e2e ENVIRONMENT
  "TZ=UTC;HUB=$<TARGET_FILE:majakka-hub-test>;SYNC=$<TARGET_FILE:majakka-sync>;BUNDLES=${CMAKE_CURRENT_SOURCE_DIR}/data/bundles")
# The harness can fail: with one answer deleted at the hub it must report the loss.
add_test(NAME crash.consistency.selfcheck COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/crash/run.sh 3)
set_tests_properties(crash.consistency.selfcheck PROPERTIES TIMEOUT 120 LABELS e2e
  PASS_REGULAR_EXPRESSION "FAIL: answers at the hub \\(rows/distinct keys\\): got '([0-9]+)/[0-9]+', expected"
  ENVIRONMENT "TZ=UTC;CRASH_SABOTAGE=lose;KIOSK=$<TARGET_FILE:${MAJAKKA_CRASH_KIOSK}>;HUB=$<TARGET_FILE:majakka-hub-test>;SYNC=$<TARGET_FILE:majakka-sync>;ASSETS=${MAJAKKA_SOURCE_ASSETS};BUNDLES=${CMAKE_CURRENT_SOURCE_DIR}/data/bundles")
