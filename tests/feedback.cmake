# Feedback durability: the real kiosk gives 1,000 scripted answers through its screens (the UI
# script command feedback-repeat) and is SIGKILLed 30 times on the way; afterwards every answer
# whose thank-you was shown must be in the outbox exactly once and integrity_check ok
# (tests/feedback_durability). The library-level driver is the checker, and also runs the same
# test on feedback.c alone (feedback.durability.core).
add_executable(feedback_durability_driver ${CMAKE_CURRENT_SOURCE_DIR}/feedback_durability/driver.c)
target_link_libraries(feedback_durability_driver PRIVATE majakka)
add_test(NAME feedback.durability
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/feedback_durability/run.sh
          $<TARGET_FILE:feedback_durability_driver> 1000 30)
set_tests_properties(feedback.durability PROPERTIES TIMEOUT 900 ENVIRONMENT
  "TZ=UTC;MAXMS=120;DRIVER=sh ${CMAKE_CURRENT_SOURCE_DIR}/feedback_durability/kiosk_driver.sh $<TARGET_FILE:majakka-kiosk-test> ${MAJAKKA_SOURCE_ASSETS}")
add_test(NAME feedback.durability.core
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/feedback_durability/run.sh
          $<TARGET_FILE:feedback_durability_driver> 1000 30)
set_tests_properties(feedback.durability.core PROPERTIES TIMEOUT 900 ENVIRONMENT "TZ=UTC")
# The burst cap biting (2 answers a minute): capped answers are thanked but not stored, so they
# print no key; every printed key is still in the outbox exactly once.
add_test(NAME feedback.durability.capped
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/feedback_durability/run.sh
          $<TARGET_FILE:feedback_durability_driver> 40 3)
set_tests_properties(feedback.durability.capped PROPERTIES TIMEOUT 300 ENVIRONMENT
  "TZ=UTC;MAXMS=300;BURST=2;DRIVER=sh ${CMAKE_CURRENT_SOURCE_DIR}/feedback_durability/kiosk_driver.sh $<TARGET_FILE:majakka-kiosk-test> ${MAJAKKA_SOURCE_ASSETS}")
