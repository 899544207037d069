# Runs the real gcatrust-embed on a copy of certs/ whose GCA2.pem has one base64 character
# changed, and asserts that the build step would fail with a message naming GCA2.pem.
# Usage: cmake -DEMBED=<gcatrust-embed> -DCERTS_DIR=<certs> -DWORK_DIR=<scratch> -P <this>
foreach(var EMBED CERTS_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(COPY "${CERTS_DIR}/" DESTINATION "${WORK_DIR}/certs")

# Change one character well inside the base64 body (past the BEGIN line) to another base64
# character, so the file still decodes but no longer holds the pinned certificate.
set(pem_path "${WORK_DIR}/certs/GCA2.pem")
file(READ "${pem_path}" pem)
set(position 200)
string(SUBSTRING "${pem}" ${position} 1 original)
if(original STREQUAL "A")
  set(replacement "B")
else()
  set(replacement "A")
endif()
string(SUBSTRING "${pem}" 0 ${position} head)
math(EXPR tail_start "${position} + 1")
string(SUBSTRING "${pem}" ${tail_start} -1 tail)
file(WRITE "${pem_path}" "${head}${replacement}${tail}")

set(output "${WORK_DIR}/out/embedded_certs.cpp")
execute_process(
  COMMAND "${EMBED}" --manifest "${WORK_DIR}/certs/manifest.json" --output "${output}"
  RESULT_VARIABLE result
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
message(STATUS "gcatrust-embed exited with ${result}; stderr:\n${err}")

if(result EQUAL 0)
  message(FATAL_ERROR "gcatrust-embed accepted a damaged GCA2.pem")
endif()
if(NOT err MATCHES "GCA2\\.pem")
  message(FATAL_ERROR "the error does not name GCA2.pem")
endif()
if(EXISTS "${output}")
  message(FATAL_ERROR "output was written despite the failure")
endif()
