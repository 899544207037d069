# Windows packages (included by CMakeLists.txt in this folder on WIN32, i.e. the mingw cross build):
#  - NSIS: gcatrust-<version>-win64-setup.exe, a 64-bit wizard (zh-TW + English) that shows the
#    embedded certificates and the Firefox installations found, runs `gcatrust.exe install`, and
#    registers an uninstaller that runs `gcatrust.exe uninstall`. Template: nsis/NSIS.template.in.
#  - ZIP: gcatrust-<version>-win64-portable.zip, gcatrust.exe + install.cmd/uninstall.cmd/status.cmd
#    + README.txt for a USB stick (windows-zip/).
# Optional Authenticode signing of gcatrust.exe, the uninstaller and setup.exe with osslsigncode
# when GCATRUST_SIGN_CERT and GCATRUST_SIGN_KEY are given (cache variables or environment).

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
set(GCATRUST_SIGN_CERT "$ENV{GCATRUST_SIGN_CERT}" CACHE FILEPATH
    "Authenticode certificate (PEM or DER, may hold the chain) to sign the Windows packages with")
set(GCATRUST_SIGN_KEY "$ENV{GCATRUST_SIGN_KEY}" CACHE FILEPATH
    "Private key (PEM or DER, unencrypted) matching GCATRUST_SIGN_CERT")
set(gcatrust_sign_script "${gcatrust_windows_dir}/sign-file.cmake")
set(gcatrust_signing OFF)
if(GCATRUST_SIGN_CERT OR GCATRUST_SIGN_KEY)
  if(NOT (EXISTS "${GCATRUST_SIGN_CERT}" AND EXISTS "${GCATRUST_SIGN_KEY}"))
    message(FATAL_ERROR "Signing needs both GCATRUST_SIGN_CERT and GCATRUST_SIGN_KEY as existing "
                        "files (got '${GCATRUST_SIGN_CERT}' and '${GCATRUST_SIGN_KEY}')")
  endif()
  find_program(GCATRUST_OSSLSIGNCODE osslsigncode REQUIRED)
  set(gcatrust_signing ON)
  message(STATUS "Windows packages will be signed with ${GCATRUST_SIGN_CERT}")
  # The staged copy of gcatrust.exe is signed as it is installed into the package tree, so the
  # build tree's gcatrust.exe (used by the tests) stays as built.
  install(CODE "
    execute_process(COMMAND \"${CMAKE_COMMAND}\" -DFILE=\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/$<TARGET_FILE_NAME:gcatrust>
                            -DCERT=${GCATRUST_SIGN_CERT} -DKEY=${GCATRUST_SIGN_KEY}
                            -DOSSLSIGNCODE=${GCATRUST_OSSLSIGNCODE} -P \"${gcatrust_sign_script}\"
                    COMMAND_ERROR_IS_FATAL ANY)" COMPONENT windows_app)
endif()

# --- CPack ------------------------------------------------------------------------------------
set(CPACK_GENERATOR "NSIS;ZIP")
set(CPACK_PACKAGE_FILE_NAME "gcatrust-${PROJECT_VERSION}-win64")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "gcatrust")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "gcatrust")
set(CPACK_PACKAGE_VENDOR "gcatrust")
set(CPACK_NSIS_DISPLAY_NAME "gcatrust")
set(CPACK_NSIS_PACKAGE_NAME "gcatrust")
# Our own NSIS.template.in (64-bit target, pages that run gcatrust.exe) replaces CMake's.
list(PREPEND CMAKE_MODULE_PATH "${gcatrust_windows_dir}/nsis")
set(CPACK_MODULE_PATH "${gcatrust_windows_dir}/nsis")
# Read by the template (every CPACK_* variable reaches it).
set(CPACK_GCATRUST_NSIS_DIR "${gcatrust_windows_dir}/nsis")
set(CPACK_GCATRUST_EXE_NAME "gcatrust${CMAKE_EXECUTABLE_SUFFIX}")
set(CPACK_GCATRUST_SIGNING "${gcatrust_signing}")
# makensis runs it (through the shell) on the uninstaller and on setup.exe; %1 is the file.
set(CPACK_GCATRUST_SIGN_COMMAND
    "'${CMAKE_COMMAND}' '-DFILE=%1' '-DCERT=${GCATRUST_SIGN_CERT}' '-DKEY=${GCATRUST_SIGN_KEY}' '-DOSSLSIGNCODE=${GCATRUST_OSSLSIGNCODE}' -P '${gcatrust_sign_script}'")
# Per-generator settings (which components, file names) are applied when CPack runs.
set(CPACK_PROJECT_CONFIG_FILE "${gcatrust_windows_dir}/cpack-options.cmake")
