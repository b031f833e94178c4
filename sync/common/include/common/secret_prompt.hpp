// A secret (a password, a staff PIN) read from standard input the way both command-line tools ask
// for it: from a pipe, one line; at a terminal, typed twice without echo (the prompt and the echo
// on stderr). Plain function; call from the main thread only (it changes the terminal's mode).
#pragma once

#include <optional>
#include <string>

namespace common {

// The secret, or nullopt with `why` set ("no input", "the two entries differ").
std::optional<std::string> readSecretTwice(const std::string& prompt, std::string& why);

}  // namespace common
