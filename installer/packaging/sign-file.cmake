# Signs one Windows executable in place with osslsigncode (Authenticode, SHA-256), when a key is
# given: -DCERT/-DKEY (GCATRUST_SIGN_CERT/KEY cache variables), else the environment variables
# GCATRUST_SIGN_CERT/GCATRUST_SIGN_KEY; with neither, it does nothing.
#   cmake -DFILE=x.exe [-DCERT=cert.pem -DKEY=key.pem] [-DOSSLSIGNCODE=path] -P sign-file.cmake
# osslsigncode cannot write over its input, so it signs into a temporary file that then replaces
# the original. No time-stamp server: the build is offline (a time-stamp needs the network).
cmake_minimum_required(VERSION 3.25)
if(NOT CERT AND NOT KEY)
  set(CERT "$ENV{GCATRUST_SIGN_CERT}")
  set(KEY "$ENV{GCATRUST_SIGN_KEY}")
endif()
if(NOT CERT AND NOT KEY)
  return()  # unsigned build
endif()
if(NOT EXISTS "${CERT}" OR NOT EXISTS "${KEY}")
  message(FATAL_ERROR "Signing needs GCATRUST_SIGN_CERT and GCATRUST_SIGN_KEY as existing files "
                      "(got '${CERT}' and '${KEY}')")
endif()
if(NOT OSSLSIGNCODE)
  find_program(OSSLSIGNCODE osslsigncode REQUIRED)
endif()
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
