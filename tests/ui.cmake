# UI tests: unit tests of the toolkit (tests/unit/test_ui_*.c, linked with the kiosk library here)
# and scripted walks through the real screens, headless, with screenshots (tests/ui/).
foreach(src ${MAJAKKA_UNIT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  if(name MATCHES "^test_ui_")
    target_link_libraries(${name} PRIVATE majakka_kiosk)
    target_compile_definitions(${name} PRIVATE MAJAKKA_ASSETS="${MAJAKKA_SOURCE_ASSETS}")
  endif()
endforeach()

# The scripted walks need the content modules (catalog, hours, import) that the screens query.
if(EXISTS ${CMAKE_SOURCE_DIR}/core/catalog.c AND EXISTS ${CMAKE_SOURCE_DIR}/core/hours.c
   AND EXISTS ${CMAKE_SOURCE_DIR}/core/import.c)
  set(MAJAKKA_UI_WALKS_DEFAULT ON)
else()
  set(MAJAKKA_UI_WALKS_DEFAULT OFF)
endif()
option(MAJAKKA_UI_WALKS "Build the UI test driver and run the scripted screen walks" ${MAJAKKA_UI_WALKS_DEFAULT})
if(MAJAKKA_UI_WALKS)
  add_executable(ui_run ${CMAKE_CURRENT_SOURCE_DIR}/ui/ui_run.c)
  target_link_libraries(ui_run PRIVATE majakka_kiosk)
endif()
