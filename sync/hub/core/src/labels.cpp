#include "hub/core/labels.hpp"

namespace hub {

std::string kindLabel(const Strings& t, wire::HolderKind kind) { return t["kind_" + std::string(wire::nameOf(kind))]; }

std::string termLabel(const Strings& t, wire::Term term) { return t["term_" + std::string(wire::nameOf(term))]; }

std::string caseStateLabel(const Strings& t, CaseState state) { return t["state_" + std::string(nameOf(state))]; }

}  // namespace hub
