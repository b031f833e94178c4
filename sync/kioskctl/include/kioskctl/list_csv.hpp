// Builds a commitment-list/1 document from the spreadsheet administrators keep: CSV as Excel or
// WPS save it (UTF-8, UTF-8 with BOM, or GB18030), one commitment per row, English or Chinese
// column names and values. Every problem names the CSV line and column. Pure; thread-safe.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "wire/commitment_list.hpp"

namespace kioskctl {

class CsvError : public std::runtime_error {
 public:
  CsvError(std::size_t line, std::string column, const std::string& problem);
  std::size_t line() const { return line_; }
  const std::string& column() const { return column_; }

 private:
  std::size_t line_;
  std::string column_;
};

struct ListHeader {
  std::string deployment;
  std::string hall;
  std::int64_t version = 0;
  std::string title;
  std::string publishedAt;
  std::vector<wire::ReasonCode> reasons;
};

// Text as UTF-8: a BOM is dropped, valid UTF-8 kept, anything else read as GB18030.
std::string toUtf8(std::string_view bytes);

// Returns the list JSON (validated by the same parser kiosks use).
std::string buildListFromCsv(std::string_view csvBytes, const ListHeader& header);

}  // namespace kioskctl
