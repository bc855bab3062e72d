// SPDX-License-Identifier: MIT
// Aligned plain-text tables for the human-readable report: a header row, data rows, columns
// padded to their widest cell (numbers right-aligned, text left-aligned). UTF-8 aware for
// widths (counts code points, not bytes).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace sim::io {

class TextTable {
 public:
  enum class Align { kLeft, kRight };

  explicit TextTable(std::vector<std::string> header, std::vector<Align> align = {});
  void AddRow(std::vector<std::string> cells);
  // Writes the table, each line prefixed by `indent`, with a dashed rule under the header.
  void Write(std::ostream& out, const std::string& indent = "  ") const;
  size_t num_rows() const { return rows_.size(); }

 private:
  std::vector<std::string> header_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width of UTF-8 text (code points).
size_t DisplayWidth(const std::string& text);

}  // namespace sim::io
