// What each kioskctl command does, one function each, given its parsed options
// (command_line.hpp): read and write files, call the hub through the TLS-checked transport the
// kiosks use. Each returns the process's exit status (0 done, 1 failed, 2 asked wrongly) after
// printing what happened; errors other than usage ones are thrown for main to print. Run on the
// main thread, one at a time.
#pragma once

#include "kioskctl/command_line.hpp"

namespace kioskctl {

int run(const Keygen& command);
int run(const BuildList& command);
int run(const SignList& command);
int run(const PublishList& command);
int run(const SignSettings& command);
int run(const PublishSettings& command);
int run(const Tallies& command);
int run(const Enrol& command);
int run(const Import& command);
int run(const PinHash& command);
int run(const SignUpdate& command);
int run(const PublishUpdate& command);
int run(const BundleUpdate& command);

}  // namespace kioskctl
