// FUZZ_CHECK: a property a fuzz target asserts. It aborts (libFuzzer saves the input as a
// crash; the corpus runner fails the test) in every build type, unlike assert().
#ifndef GCATRUST_TESTS_FUZZ_FUZZ_CHECK_H_
#define GCATRUST_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                 \
  do {                                                                                        \
    if (!(condition)) {                                                                       \
      std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (false)

#endif  // GCATRUST_TESTS_FUZZ_FUZZ_CHECK_H_
