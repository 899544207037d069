# Cross build for 64-bit Windows with Debian's mingw-w64 (g++-mingw-w64-x86-64-posix: gcc 12 with
# posix threads, which libstdc++'s std::thread and std::mutex need; libz-mingw-w64-dev: a static
# libz.a). With -municode -static and wmain the executable imports only system DLLs
# (installer/docs/facts.md §8.1).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(GCATRUST_MINGW_TRIPLET x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${GCATRUST_MINGW_TRIPLET}-gcc-posix)
set(CMAKE_CXX_COMPILER ${GCATRUST_MINGW_TRIPLET}-g++-posix)
set(CMAKE_RC_COMPILER ${GCATRUST_MINGW_TRIPLET}-windres)

# Libraries and package configs come from the mingw sysroot only; programs (python3, bash) from
# the build host. Header-only packages (nlohmann-json, CLI11) and NSS/NSPR headers are found in
# the host's /usr/include through the explicit hints in CMakeLists.txt, never libraries.
set(CMAKE_FIND_ROOT_PATH /usr/${GCATRUST_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# Everything static: libgcc, libstdc++ and winpthread (-static), so gcatrust.exe needs only
# system DLLs (checked by ci/test-windows.sh with objdump -p).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# Tests run under wine through a wrapper that gives each run a private, throw-away WINEPREFIX.
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/wine-run.sh)
