// The test executables' main: doctest's, plus one rule. ctest runs each case in its own process by
// name (doctest_discover_tests); a name CMake mangles (it splits at ';') matches nothing, and
// doctest passes a run of zero cases. Such a run fails here instead of passing unseen.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <iostream>

namespace {

// Counts the test cases that start; everything else is doctest's own console reporter's business.
struct StartedCases : doctest::IReporter {
  static inline int started = 0;
  explicit StartedCases(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData&) override { ++started; }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("started-cases", 1, StartedCases);

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int result = context.run();
  if (context.shouldExit()) return result;  // --list-test-cases, --help …
  if (StartedCases::started == 0) {
    std::cerr << "no test case matched the filter: a test name must not contain ';'\n";
    return result != 0 ? result : 1;
  }
  return result;
}
