// For tests of a program's command line (kiosk-hub's, kioskctl's): run its parse function on words
// as a shell would pass them, then take the command it gave — copied, since the parse result is
// usually a temporary — or the exit status it chose. Header only; used on the test's thread.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

namespace testing {

// `parse(argc, argv, version)` on {program, args...} with version "9.9.9".
template <typename Parse>
auto parseWords(Parse parse, const char* program, std::vector<std::string> args) {
  args.insert(args.begin(), program);
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  return parse(static_cast<int>(argv.size()), argv.data(), std::string("9.9.9"));
}

template <typename T, typename Command>
T commandOf(const std::variant<Command, int>& parsed) {
  REQUIRE(std::holds_alternative<Command>(parsed));
  const auto& command = std::get<Command>(parsed);
  REQUIRE(std::holds_alternative<T>(command));
  return std::get<T>(command);
}

template <typename Command>
int exitOf(const std::variant<Command, int>& parsed) {
  REQUIRE(std::holds_alternative<int>(parsed));
  return std::get<int>(parsed);
}

}  // namespace testing
