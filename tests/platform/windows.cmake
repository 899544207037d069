# Windows: the real platform adapters under wine, on real temp folders and a real registry.
add_executable(args_echo_win args_echo_win.cpp)
target_link_libraries(args_echo_win PRIVATE gcatrust_entry_point gcatrust_platform
                                            gcatrust_warnings)

add_executable(platform_win_tests
  admin_acl_win_test.cpp
  dynamic_library_win_test.cpp
  process_win_test.cpp
  real_file_system_win_test.cpp
  sha256_win_test.cpp
  system_environment_win_test.cpp)
target_link_libraries(platform_win_tests PRIVATE gcatrust_platform gcatrust_warnings
                                                 GTest::gtest_main)
# The child whose argv process_win_test.cpp checks, by its Windows path (wine maps / to Z:).
target_compile_definitions(platform_win_tests PRIVATE
  GCATRUST_ARGS_ECHO="Z:$<TARGET_FILE:args_echo_win>")
add_dependencies(platform_win_tests args_echo_win)
# One wine start for the whole suite (about a second each under load).
add_test(NAME windows.platform_win_tests COMMAND platform_win_tests)
