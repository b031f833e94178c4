// Halls as people know them: each hall id (what kiosks, lists and tokens carry: hall-04) has a
// display name and a place in the order administrators set (大厅名称与顺序). Pages, exports and
// messages show names; ids stay for technicians (the 大厅 admin page, tokens, file names). A hall
// nobody named shows its id, so nothing is ever blank. Pure value; thread-safe to read.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hub {

struct HallName {
  std::string hall;        // the id
  std::string name;        // what people read: 张店区政务服务中心
  std::int64_t order = 0;  // smaller first; halls with the same order by name
};

class HallNames {
 public:
  HallNames() = default;
  explicit HallNames(const std::vector<HallName>& names);

  // The display name, or the id when the hall has none.
  std::string nameOf(const std::string& hall) const;
  // The halls in the administrators' order: named ones by (order, name), unnamed ones after, by id.
  std::vector<std::string> ordered(std::vector<std::string> halls) const;
  bool named(const std::string& hall) const { return byHall_.count(hall) > 0; }

 private:
  std::map<std::string, HallName> byHall_;
};

// Why `name` cannot be a hall's display name, as the key of the words saying so (err_hall_name_…),
// or "" when it can: 1–40 characters, no control characters, not only spaces. Characters, not bytes.
std::string hallNameProblem(const std::string& name);

}  // namespace hub
