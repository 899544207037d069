# Runs the real gcatrust-embed on a copy of certs/ whose manifest pins another SHA-256 for
# GCA2.pem (the file itself intact: a wrongly pinned certificate), and asserts that the build
# step fails with a message naming GCA2.pem and writes no output.
# Usage: cmake -DEMBED=<gcatrust-embed> -DCERTS_DIR=<certs> -DWORK_DIR=<scratch> -P <this>
foreach(var EMBED CERTS_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(COPY "${CERTS_DIR}/" DESTINATION "${WORK_DIR}/certs")
set(manifest_path "${WORK_DIR}/certs/manifest.json")
file(READ "${manifest_path}" manifest)
string(JSON count LENGTH "${manifest}" certificates)
math(EXPR last "${count} - 1")
set(changed FALSE)
foreach(i RANGE ${last})
  string(JSON file GET "${manifest}" certificates ${i} file)
  if(file STREQUAL "GCA2.pem")
    string(JSON pin GET "${manifest}" certificates ${i} sha256)
    # Same length and alphabet, one digit different: only the comparison can catch it.
    string(SUBSTRING "${pin}" 1 -1 rest)
    string(SUBSTRING "${pin}" 0 1 first)
    if(first STREQUAL "0")
      set(wrong "1${rest}")
    else()
      set(wrong "0${rest}")
    endif()
    string(JSON manifest SET "${manifest}" certificates ${i} sha256 "\"${wrong}\"")
    set(changed TRUE)
  endif()
endforeach()
if(NOT changed)
  message(FATAL_ERROR "GCA2.pem is not in the manifest")
endif()
file(WRITE "${manifest_path}" "${manifest}")

set(output "${WORK_DIR}/out/embedded_certs.cpp")
execute_process(
  COMMAND "${EMBED}" --manifest "${manifest_path}" --output "${output}"
  RESULT_VARIABLE result
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
message(STATUS "gcatrust-embed exited with ${result}; stderr:\n${err}")
if(result EQUAL 0)
  message(FATAL_ERROR "gcatrust-embed accepted a wrongly pinned GCA2.pem")
endif()
if(NOT err MATCHES "GCA2\\.pem" OR NOT err MATCHES "pinned")
  message(FATAL_ERROR "the error does not name GCA2.pem and the pin")
endif()
if(EXISTS "${output}")
  message(FATAL_ERROR "output was written despite the failure")
endif()
