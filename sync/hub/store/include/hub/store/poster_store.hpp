// Printed posters (hub.toml [poster]) as the hub keeps them: a long-lived code for one commitment of
// a hall, issued from the console for a window without a kiosk, valid until it expires or is
// withdrawn (a new poster for the same commitment withdraws the old one). The code is printed on a
// wall, so it is no secret; this row is what makes it open the vote page. Free functions over the
// caller's connection; writes on the writer lane (Api::issuePosters), reads on any.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"

namespace hub::poster_store {

struct Poster {
  std::string code;  // wire::isPosterCode
  std::string hall;
  std::string commitmentId;
  std::int64_t issuedUnix = 0;
  std::int64_t expiresUnix = 0;
  std::string issuedBy;  // "user:<login>"
};

// The poster `code` names, if it is neither withdrawn nor expired at `nowUnix`.
std::optional<Poster> findValid(common::sql::Database& db, const std::string& code, std::int64_t nowUnix);

// The hall's posters in force at `nowUnix`, by commitment id.
std::vector<Poster> inForce(common::sql::Database& db, const std::string& hall, std::int64_t nowUnix);

// One new poster per entry of `posters` (code, hall and commitment set by the caller), each
// withdrawing the poster in force for its commitment: one transaction, all or nothing.
void issue(common::sql::Database& db, const std::vector<Poster>& posters, std::int64_t nowUnix);

// Withdraws the hall's poster in force for `commitmentId`; how many were withdrawn (0 or 1).
std::int64_t withdraw(common::sql::Database& db, const std::string& hall, const std::string& commitmentId,
                      std::int64_t nowUnix);

}  // namespace hub::poster_store
