#include "common/secret_prompt.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace common {

std::optional<std::string> readSecretTwice(const std::string& prompt, std::string& why) {
  const auto readLine = [](std::string& line) {
    if (!std::getline(std::cin, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();  // typed on Windows, piped here
    return true;
  };
  std::string first;
  if (!::isatty(STDIN_FILENO)) {
    if (readLine(first)) return first;
    why = "no input on standard input";
    return std::nullopt;
  }
  termios saved{};
  ::tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string second;
  std::cerr << prompt << ": " << std::flush;
  const bool ok1 = readLine(first);
  std::cerr << "\nagain: " << std::flush;
  const bool ok2 = readLine(second);
  std::cerr << "\n";
  ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);  // echo back on whatever was typed
  if (!ok1 || !ok2) {
    why = "no input on standard input";
    return std::nullopt;
  }
  if (first != second) {
    why = "the two entries differ";
    return std::nullopt;
  }
  return first;
}

}  // namespace common
