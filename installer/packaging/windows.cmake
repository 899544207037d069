# Windows packages (included by CMakeLists.txt in this folder on WIN32, i.e. the mingw cross build):
#  - NSIS: gcatrust-<version>-win64-setup.exe, a 64-bit wizard (zh-TW + English) that shows the
#    embedded certificates and the Firefox installations found, runs `gcatrust.exe install`, and
#    registers an uninstaller that runs `gcatrust.exe uninstall`. Template: nsis/NSIS.template.in.
#  - ZIP: gcatrust-<version>-win64-portable.zip, gcatrust.exe + install.cmd/uninstall.cmd/status.cmd
#    + README.txt for a USB stick (windows-zip/).
# Optional Authenticode signing of gcatrust.exe, the uninstaller and setup.exe with osslsigncode
# when GCATRUST_SIGN_CERT and GCATRUST_SIGN_KEY are given (cache variables, or environment of cpack).

# Two install components, so that each package gets only its files. The top-level install rules
# (bin/gcatrust, share/doc) belong to the "Unspecified" component, which no Windows package takes.
set(gcatrust_windows_dir "${CMAKE_CURRENT_LIST_DIR}")
install(PROGRAMS $<TARGET_FILE:gcatrust> DESTINATION . COMPONENT windows_app)
install(FILES ${gcatrust_windows_dir}/windows-zip/install.cmd
              ${gcatrust_windows_dir}/windows-zip/uninstall.cmd
              ${gcatrust_windows_dir}/windows-zip/status.cmd
              ${gcatrust_windows_dir}/windows-zip/README.txt
        DESTINATION . COMPONENT windows_portable)

# --- Signing ----------------------------------------------------------------------------------
# Cache variables, else the same names in the environment of `cpack`: a release can be signed
# without reconfiguring, and CI signs with a throwaway key (ci/test-windows-setup.sh).
set(GCATRUST_SIGN_CERT "" CACHE FILEPATH
    "Authenticode certificate (PEM or DER, may hold the chain) to sign the Windows packages with")
set(GCATRUST_SIGN_KEY "" CACHE FILEPATH "Private key (PEM or DER, unencrypted) of GCATRUST_SIGN_CERT")
find_program(GCATRUST_OSSLSIGNCODE osslsigncode)
set(gcatrust_sign_args -DCERT=${GCATRUST_SIGN_CERT} -DKEY=${GCATRUST_SIGN_KEY}
                       -DOSSLSIGNCODE=${GCATRUST_OSSLSIGNCODE} -P ${gcatrust_windows_dir}/sign-file.cmake)
# The staged copy of gcatrust.exe is signed as it is installed into the package tree, so the
# build tree's gcatrust.exe (used by the tests) stays as built.
install(CODE "
  execute_process(COMMAND \"${CMAKE_COMMAND}\"
                          \"-DFILE=\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/$<TARGET_FILE_NAME:gcatrust>\"
                          ${gcatrust_sign_args} COMMAND_ERROR_IS_FATAL ANY)" COMPONENT windows_app)

# --- CPack ------------------------------------------------------------------------------------
set(CPACK_GENERATOR "NSIS;ZIP")
set(CPACK_PACKAGE_FILE_NAME "gcatrust-${PROJECT_VERSION}-win64")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "gcatrust")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "gcatrust")
set(CPACK_PACKAGE_VENDOR "gcatrust")
set(CPACK_NSIS_DISPLAY_NAME "gcatrust")
set(CPACK_NSIS_PACKAGE_NAME "gcatrust")
# Our own NSIS.template.in (64-bit target, pages that run gcatrust.exe) replaces CMake's.
set(CPACK_MODULE_PATH "${gcatrust_windows_dir}/nsis")
# Read by the template (every CPACK_* variable reaches it).
set(CPACK_GCATRUST_NSIS_DIR "${gcatrust_windows_dir}/nsis")
set(CPACK_GCATRUST_EXE_NAME "gcatrust${CMAKE_EXECUTABLE_SUFFIX}")
# makensis runs it (through the shell) on the uninstaller and on setup.exe; %1 is the file.
list(JOIN gcatrust_sign_args "' '" gcatrust_sign_args_quoted)
set(CPACK_GCATRUST_SIGN_COMMAND "'${CMAKE_COMMAND}' '-DFILE=%1' '${gcatrust_sign_args_quoted}'")
# Per-generator settings (which components, file names) are applied when CPack runs.
set(CPACK_PROJECT_CONFIG_FILE "${gcatrust_windows_dir}/cpack-options.cmake")
