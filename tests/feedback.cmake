# Feedback durability: a driver gives 1,000 scripted answers and is SIGKILLed 30 times on the way;
# afterwards every thanked answer must be in the outbox exactly once (tests/feedback_durability).
add_executable(feedback_durability_driver ${CMAKE_CURRENT_SOURCE_DIR}/feedback_durability/driver.c)
target_link_libraries(feedback_durability_driver PRIVATE majakka)
add_test(NAME feedback.durability
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/feedback_durability/run.sh
          $<TARGET_FILE:feedback_durability_driver> 1000 30)
set_tests_properties(feedback.durability PROPERTIES TIMEOUT 900 ENVIRONMENT "TZ=UTC")
