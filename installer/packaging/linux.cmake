# Linux packages (included by CMakeLists.txt here): a Debian package for Debian/Ubuntu offices and
# a plain .tar.gz for every other distribution. Built from the `release` build by the `package`
# workflow preset (`cmake --workflow --preset package`), into build/release/packages/.
#
# The .deb installs /usr/bin/gcatrust and applies the policies method in postinst (every Firefox
# on the machine, and every profile created later, trusts the certificates); prerm removes exactly
# what gcatrust added. Maintainer scripts and the file trigger are in deb/ (see their comments).
set(CPACK_GENERATOR "DEB;TGZ")

# --- Debian (CPack DEB generator; cmake.org/cmake/help/latest/cpack_gen/deb.html) ---
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # gcatrust_<version>_<arch>.deb, as Debian names them
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
# /usr/bin/gcatrust: the DEB generator's default prefix is /usr (CPACK_PACKAGING_INSTALL_PREFIX).
# Depends is computed by dpkg-shlibdeps from the executable: only libc6, because libstdc++, libgcc,
# zlib and libmd are linked statically (installer/CMakeLists.txt); ci/test-deb.sh checks it.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Firefox is what gcatrust configures, but the package is useful before Firefox arrives (the file
# trigger in deb/triggers applies the policies when Firefox is installed later), so no Depends.
# Debian ships firefox-esr; Mozilla's APT repository and Ubuntu ship "firefox".
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "firefox-esr | firefox")
# NSS's certutil is gcatrust's last-resort NSS for the nss method (installer/certutil_runner.cpp).
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libnss3-tools")
set(CPACK_DEBIAN_PACKAGE_SECTION "web")  # where Debian files firefox-esr
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
# Extended description; CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY first as the synopsis and
# formats the rest as Debian policy 5.6.13 wants (leading spaces, " ." for the blank line).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "gcatrust makes every Firefox on this computer trust the root certificates
of Taiwan's Government Root Certification Authority (GRCA) and the
Government Certification Authority (GCA) intermediate, so that gov.tw
sites stop failing with SEC_ERROR_UNKNOWN_ISSUER.

The certificates are verified at build time and embedded in the
executable; nothing is downloaded. On installation the package adds them
to Firefox's enterprise policies (Certificates.Install in
/etc/firefox/policies/policies.json, or the installation's
distribution/policies.json), merged with the administrator's own policies;
removing the package takes exactly those entries out again. Existing
profiles can also be updated at once with 'gcatrust install --method nss'.")
# Maintainer scripts and the file trigger; strict permissions give them mode 0755/0644 as dpkg
# expects whatever the checkout's modes are.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_LIST_DIR}/deb/postinst;${CMAKE_CURRENT_LIST_DIR}/deb/prerm;${CMAKE_CURRENT_LIST_DIR}/deb/postrm;${CMAKE_CURRENT_LIST_DIR}/deb/triggers")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

# --- .tar.gz for other distributions: gcatrust-<version>-linux-<cpu>/bin/gcatrust + the README;
# the .deb keeps Debian's own name (DEB-DEFAULT above) ---
set(CPACK_PACKAGE_FILE_NAME
    "${CPACK_PACKAGE_NAME}-${CPACK_PACKAGE_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR}")
