# The content fuzz targets live in their own file (tests/fuzz/content.cmake).
include(${CMAKE_CURRENT_SOURCE_DIR}/fuzz/content.cmake)
