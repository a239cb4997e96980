# UI tests: unit tests of the toolkit (tests/unit/test_ui_*.c, linked with the kiosk library here)
# and scripted walks through the real screens, headless, with screenshots (tests/ui/).
foreach(src ${MAJAKKA_UNIT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  if(name MATCHES "^test_ui_")
    target_link_libraries(${name} PRIVATE majakka_kiosk)
    target_compile_definitions(${name} PRIVATE MAJAKKA_ASSETS="${MAJAKKA_SOURCE_ASSETS}")
  endif()
endforeach()

# The scripted walks need the content modules the screens query and the demo content they show
# (MAJAKKA_TEST_ASSETS=DIR in the environment points the walks at another assets folder).
if(EXISTS ${CMAKE_SOURCE_DIR}/core/catalog.c AND EXISTS ${CMAKE_SOURCE_DIR}/core/hours.c
   AND EXISTS ${CMAKE_SOURCE_DIR}/core/import.c AND EXISTS ${CMAKE_SOURCE_DIR}/assets/demo/bundle.json)
  set(MAJAKKA_UI_WALKS_DEFAULT ON)
else()
  set(MAJAKKA_UI_WALKS_DEFAULT OFF)
endif()
option(MAJAKKA_UI_WALKS "Run the scripted screen walks (majakka-kiosk --script)" ${MAJAKKA_UI_WALKS_DEFAULT})
if(MAJAKKA_UI_WALKS)
  # Every screen in every language at the three reference sizes: labels fit (all languages),
  # QR codes decode (zbarimg), idle reset clears the visit, and for Finnish and Arabic the
  # screenshots match tests/ui/ref/.
  foreach(size 1920x1080 1080x1920 800x480)
    foreach(lang fi ar sv en ru uk so)
      add_test(NAME ui.walk.${lang}.${size}
        COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/walk.sh $<TARGET_FILE:majakka-kiosk-test> ${CMAKE_SOURCE_DIR}
                ${lang} ${size} ${CMAKE_CURRENT_BINARY_DIR}/ui-walk/${lang}-${size})
      set_tests_properties(ui.walk.${lang}.${size} PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC")
    endforeach()
  endforeach()
  # Giving feedback in every language at the three sizes (Finnish and Arabic screenshots are the
  # ones to look at): faces, questions, a comment with a phone number (stored masked), thanks and
  # back; "Did this help you?" on the detail screens; larger text; nothing typed stays behind.
  foreach(size 1920x1080 1080x1920 800x480)
    foreach(lang fi ar sv en ru uk so)
      add_test(NAME ui.feedback.${lang}.${size}
        COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/feedback.sh $<TARGET_FILE:majakka-kiosk-test> ${CMAKE_SOURCE_DIR}
                ${lang} ${size} ${CMAKE_CURRENT_BINARY_DIR}/ui-feedback/${lang}-${size})
      set_tests_properties(ui.feedback.${lang}.${size} PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC")
    endforeach()
  endforeach()
  # The comment's length limit (feedback.comment_max_chars=10) and comments turned off (0).
  add_test(NAME ui.feedback.limit COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/run_script.sh
           $<TARGET_FILE:majakka-kiosk-test> ${CMAKE_SOURCE_DIR} feedback-limit ${CMAKE_CURRENT_BINARY_DIR}/ui-feedback/limit
           --set feedback.comment_max_chars=10)
  add_test(NAME ui.feedback.off COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/run_script.sh
           $<TARGET_FILE:majakka-kiosk-test> ${CMAKE_SOURCE_DIR} feedback-off ${CMAKE_CURRENT_BINARY_DIR}/ui-feedback/off
           --set feedback.comment_max_chars=0)
  set_tests_properties(ui.feedback.limit ui.feedback.off PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC")
  add_test(NAME ui.script.behaviour COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/run_script.sh
           $<TARGET_FILE:majakka-kiosk-test> ${CMAKE_SOURCE_DIR} behaviour ${CMAKE_CURRENT_BINARY_DIR}/ui-behaviour)
  set_tests_properties(ui.script.behaviour PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC")
  # Walk-in help: the badge, the "open now, no appointment needed" filter and the detail's line.
  add_test(NAME ui.walk_in COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/run_script.sh
           $<TARGET_FILE:majakka-kiosk-test> ${CMAKE_SOURCE_DIR} walk_in ${CMAKE_CURRENT_BINARY_DIR}/ui-walk-in)
  set_tests_properties(ui.walk_in PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC")
  add_test(NAME ui.reload COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/reload.sh $<TARGET_FILE:majakka-kiosk-test>
           ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/ui-reload)
  set_tests_properties(ui.reload PROPERTIES TIMEOUT 60 ENVIRONMENT "TZ=UTC")
  add_test(NAME ui.qr COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/qr.sh $<TARGET_FILE:majakka-kiosk-test>
           ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/ui-qr)
  set_tests_properties(ui.qr PROPERTIES TIMEOUT 60 ENVIRONMENT "TZ=UTC")
  # The screen and the slip of the same service carry the same QR bytes in every language
  # (URL and MeCard; both payloads and both images read back with zbarimg).
  add_test(NAME ui.same_qr COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/same_qr.sh $<TARGET_FILE:majakka-kiosk-test>
           ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/ui-same-qr)
  set_tests_properties(ui.same_qr PROPERTIES TIMEOUT 180 ENVIRONMENT "TZ=UTC")
  # Staff mode with the fake ESC/POS printer: PIN and lockout, slips in Finnish and Arabic whose QR
  # codes are decoded from the printed raster, paper end, test page, counts, idle end.
  add_test(NAME ui.staff COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/staff.sh $<TARGET_FILE:majakka-kiosk-test>
           $<TARGET_FILE:fake_printer> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/ui-staff)
  set_tests_properties(ui.staff PROPERTIES TIMEOUT 240 ENVIRONMENT "TZ=UTC")
  # A full disk: feedback says sorry and keeps working, the staff menu says why, room comes back.
  add_test(NAME ui.disk_full COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/disk_full.sh $<TARGET_FILE:majakka-kiosk-test>
           ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/ui-disk-full)
  set_tests_properties(ui.disk_full PROPERTIES TIMEOUT 120 ENVIRONMENT "TZ=UTC")
  # Every staff screen: all languages at the smallest size, Finnish and Arabic at the other two.
  foreach(lang fi ar sv en ru uk so)
    set(sizes 800x480)
    if(lang STREQUAL "fi" OR lang STREQUAL "ar")
      list(APPEND sizes 1920x1080 1080x1920)
    endif()
    foreach(size ${sizes})
      add_test(NAME ui.staff_walk.${lang}.${size}
        COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/staff_walk.sh $<TARGET_FILE:majakka-kiosk-test> ${CMAKE_SOURCE_DIR}
                ${lang} ${size} ${CMAKE_CURRENT_BINARY_DIR}/ui-staff-walk/${lang}-${size})
      set_tests_properties(ui.staff_walk.${lang}.${size} PROPERTIES TIMEOUT 180 ENVIRONMENT "TZ=UTC")
    endforeach()
  endforeach()
  # majakka-kiosk --preview (the hub's preview renderer): the walks' reference screens, a renamed
  # service as the kiosk itself draws it, Arabic, portrait, and refused bundles.
  add_test(NAME ui.preview COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/preview.sh $<TARGET_FILE:majakka-kiosk>
           $<TARGET_FILE:majakka-kiosk-test> ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/ui-preview)
  set_tests_properties(ui.preview PROPERTIES TIMEOUT 180 ENVIRONMENT "TZ=UTC")
  # The real window and event loop under Xvfb (xdotool sends keys and a click); 77 = skipped.
  add_test(NAME ui.window COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/window.sh $<TARGET_FILE:majakka-kiosk>
           ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/ui-window)
  set_tests_properties(ui.window PROPERTIES TIMEOUT 200 SKIP_RETURN_CODE 77 ENVIRONMENT "TZ=UTC")
endif()
add_test(NAME ui.po_ids COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/check_po.sh ${CMAKE_SOURCE_DIR})

# The script driver is a test program of its own: the README's command list is its table, and
# the shipped majakka-kiosk holds none of its commands (--help, strings).
add_test(NAME ui.script_commands COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/commands.sh
         $<TARGET_FILE:majakka-kiosk-test> ${CMAKE_SOURCE_DIR})
add_test(NAME ui.no_test_code COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/no_test_code.sh
         $<TARGET_FILE:majakka-kiosk> $<TARGET_FILE:majakka-kiosk-test>)
set_tests_properties(ui.script_commands ui.no_test_code PROPERTIES TIMEOUT 60)
