# systemd integration (issue #18): sd_notify READY/STATUS/WATCHDOG on a fake NOTIFY_SOCKET, and
# the units' systemd-analyze security exposure against the issue's thresholds.
add_test(NAME systemd.notify COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/systemd/test_notify.sh
         $<TARGET_FILE:majakka-kiosk> $<TARGET_FILE:majakka-sync> $<TARGET_FILE:majakka-hub>)
set_tests_properties(systemd.notify PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC")
add_test(NAME systemd.security COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/systemd/test_security.sh ${PROJECT_SOURCE_DIR}/systemd)
set_tests_properties(systemd.security PROPERTIES TIMEOUT 60 SKIP_RETURN_CODE 77)
# The kiosk under cage (Wayland, wlroots headless + pixman), screenshot with grim.
add_test(NAME systemd.cage COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/systemd/test_cage.sh $<TARGET_FILE:majakka-kiosk> ${PROJECT_SOURCE_DIR}/assets)
set_tests_properties(systemd.cage PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)
