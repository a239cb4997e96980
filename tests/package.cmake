# The Debian packages (issue #18): built once by cpack (fixture), then checked with dpkg-deb and
# lintian, and installed into a clean Debian 12 root (package.chroot, label "chroot": it needs
# debootstrap, root and the distribution's package mirror, and skips with a message without).
# Packages of a sanitizer build would carry ASan binaries: the package tests run in the normal build.
if(MAJAKKA_SANITIZE)
  return()
endif()
set(MAJAKKA_DEB_DIR ${CMAKE_BINARY_DIR}/packages)
add_test(NAME package.build COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/package/build_debs.sh ${CMAKE_BINARY_DIR} ${MAJAKKA_DEB_DIR})
set_tests_properties(package.build PROPERTIES TIMEOUT 300 FIXTURES_SETUP debs)
add_test(NAME package.deb_contents COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/package/test_deb.sh ${MAJAKKA_DEB_DIR} ${PROJECT_SOURCE_DIR})
set_tests_properties(package.deb_contents PROPERTIES TIMEOUT 120 FIXTURES_REQUIRED debs)
add_test(NAME package.chroot COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/package/test_chroot.sh ${MAJAKKA_DEB_DIR}
         ${CMAKE_BINARY_DIR}/debootstrap-cache)
set_tests_properties(package.chroot PROPERTIES TIMEOUT 1200 FIXTURES_REQUIRED debs SKIP_RETURN_CODE 77 LABELS chroot)
