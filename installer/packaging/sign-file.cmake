# Signs one Windows executable in place with osslsigncode (Authenticode, SHA-256).
#   cmake -DFILE=x.exe -DCERT=cert.pem -DKEY=key.pem -DOSSLSIGNCODE=/usr/bin/osslsigncode -P sign-file.cmake
# osslsigncode cannot write over its input, so it signs into a temporary file that then replaces
# the original. No time-stamp server: the build is offline (a time-stamp needs the network).
cmake_minimum_required(VERSION 3.25)
foreach(var FILE CERT KEY OSSLSIGNCODE)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "sign-file.cmake: -D${var}=... is missing")
  endif()
endforeach()
if(NOT EXISTS "${FILE}")
  message(FATAL_ERROR "sign-file.cmake: no such file: ${FILE}")
endif()
execute_process(COMMAND "${OSSLSIGNCODE}" sign -certs "${CERT}" -key "${KEY}" -h sha256
                        -n "gcatrust" -in "${FILE}" -out "${FILE}.signed"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  file(REMOVE "${FILE}.signed")
  message(FATAL_ERROR "osslsigncode could not sign ${FILE}:\n${out}")
endif()
file(RENAME "${FILE}.signed" "${FILE}")
message(STATUS "signed ${FILE}")
