# CPACK_PROJECT_CONFIG_FILE: CPack reads this once per generator, with CPACK_GENERATOR set to the
# one it is about to run, so each package takes only its own install components: the entries of
# CPACK_INSTALL_CMAKE_PROJECTS are "build dir;project;component;subdir" (CPack documentation).
# Neither takes the top-level "Unspecified" component (bin/gcatrust, share/doc) meant for Linux.
list(GET CPACK_INSTALL_CMAKE_PROJECTS 0 gcatrust_build_dir)
list(GET CPACK_INSTALL_CMAKE_PROJECTS 1 gcatrust_project)
# One flat tree and no component page in the wizard.
set(CPACK_MONOLITHIC_INSTALL ON)
if(CPACK_GENERATOR STREQUAL "NSIS")
  # Only gcatrust.exe goes to Program Files.
  set(CPACK_INSTALL_CMAKE_PROJECTS "${gcatrust_build_dir};${gcatrust_project};windows_app;/")
  set(CPACK_PACKAGE_FILE_NAME "${CPACK_PACKAGE_FILE_NAME}-setup")
elseif(CPACK_GENERATOR STREQUAL "ZIP")
  # One folder to copy to a USB stick: gcatrust.exe, the .cmd files and README.txt.
  set(CPACK_INSTALL_CMAKE_PROJECTS
      "${gcatrust_build_dir};${gcatrust_project};windows_app;/"
      "${gcatrust_build_dir};${gcatrust_project};windows_portable;/")
  set(CPACK_PACKAGE_FILE_NAME "${CPACK_PACKAGE_FILE_NAME}-portable")
  set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)
endif()
