# Cross builds: nlohmann-json and CLI11 are header-only, so Debian's packages serve every target.
# Their CMake packages would put the host's whole /usr/include on the include path, ahead of the
# mingw-w64 C library's headers (glibc's wchar.h then breaks the build). Instead, a folder of the
# build tree links to just their header folders, and two imported targets stand in for theirs.
find_path(GCATRUST_NLOHMANN_JSON_DIR nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH
          REQUIRED)
find_path(GCATRUST_CLI11_DIR CLI/CLI.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)

set(gcatrust_host_headers "${PROJECT_BINARY_DIR}/host-headers")
file(MAKE_DIRECTORY "${gcatrust_host_headers}")
file(CREATE_LINK "${GCATRUST_NLOHMANN_JSON_DIR}/nlohmann" "${gcatrust_host_headers}/nlohmann"
     SYMBOLIC)
file(CREATE_LINK "${GCATRUST_CLI11_DIR}/CLI" "${gcatrust_host_headers}/CLI" SYMBOLIC)

add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE
                           "${gcatrust_host_headers}")
add_library(CLI11::CLI11 INTERFACE IMPORTED)
target_include_directories(CLI11::CLI11 SYSTEM INTERFACE "${gcatrust_host_headers}")
