# Differential test of the calendar reader (issue 12): ours against Debian's
# python3-recurring-ical-events over the real-world files of tests/data/ics (SOURCES.md).
add_executable(ics_occurrences ${CMAKE_CURRENT_SOURCE_DIR}/ics/ics_occurrences.c)
target_link_libraries(ics_occurrences PRIVATE majakka)
if(EXISTS /usr/lib/python3/dist-packages/recurring_ical_events.py)
  add_test(NAME ics.differential COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/ics/diff.py
           $<TARGET_FILE:ics_occurrences> ${CMAKE_CURRENT_SOURCE_DIR}/data/ics)
  set_tests_properties(ics.differential PROPERTIES TIMEOUT 300 ENVIRONMENT "TZ=UTC")
endif()
