// commitment-list/1: the data model of a published list and its strict parser/validator.
// Pure value types and pure functions; safe to use from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/names.hpp"

namespace wire {

enum class HolderKind { Person, Post, Team, Unit, Trade };
inline constexpr common::NameTable<HolderKind, 5> kHolderKinds({{{HolderKind::Person, "person"},
                                                                 {HolderKind::Post, "post"},
                                                                 {HolderKind::Team, "team"},
                                                                 {HolderKind::Unit, "unit"},
                                                                 {HolderKind::Trade, "trade"}}});
enum class Term { LongTerm, Annual, Immediate };
inline constexpr common::NameTable<Term, 3> kTerms(
    {{{Term::LongTerm, "long_term"}, {Term::Annual, "annual"}, {Term::Immediate, "immediate"}}});

struct Holder {
  std::string name;
  HolderKind kind = HolderKind::Person;
  std::string post;  // optional in the list; empty when absent
  std::string unit;  // optional in the list; empty when absent
};

struct ReasonCode {
  std::string code;
  std::string label;
};

// A resident's suggestion, gathered in a hall's 征求意见 period and accepted by its staff, that a
// commitment answers: cited in the signed list, so a kiosk shows it ("群众意见：…") on the word of the
// list's signer, not of the hub. `number` is the hub's suggestion number, for the ledger and console.
struct CitedSuggestion {
  std::int64_t number = 0;
  std::string text;
};

struct Commitment {
  std::string id;
  Holder holder;
  Term term = Term::Annual;
  std::string title;
  std::string text;
  std::string valid_from;                // YYYY-MM-DD
  std::string valid_to;                  // YYYY-MM-DD
  std::optional<std::string> photo;      // a plain file name, never a path
  std::vector<CitedSuggestion> answers;  // optional "answers"; empty when the list cites none
};

struct CommitmentList {
  std::string deployment;
  std::string hall;  // "*" means every hall of the deployment
  std::int64_t version = 0;
  std::string published_at;
  std::string title;
  std::vector<ReasonCode> reasons;
  std::vector<Commitment> commitments;

  const Commitment* find(std::string_view id) const;
  bool hasReason(std::string_view code) const;
};

// Thrown for any list that must not be shown. `field()` is a JSON path such as
// "commitments[3].holder.kind" (empty when the document itself is broken).
class ListError : public std::runtime_error {
 public:
  ListError(std::string field, const std::string& problem);
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

inline constexpr std::string_view kCommitmentListFormat = "commitment-list/1";

// Parses and validates a whole list; unknown fields are ignored, everything else is checked.
CommitmentList parseCommitmentList(std::string_view json);

std::string_view nameOf(HolderKind kind);
std::string_view nameOf(Term term);
std::optional<HolderKind> holderKindFromString(std::string_view s);
std::optional<Term> termFromString(std::string_view s);

}  // namespace wire
