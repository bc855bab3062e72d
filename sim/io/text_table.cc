// SPDX-License-Identifier: MIT
#include "sim/io/text_table.h"

#include <algorithm>

namespace sim::io {

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;  // count lead bytes only
  }
  return width;
}

TextTable::TextTable(std::vector<std::string> header, std::vector<Align> align)
    : header_(std::move(header)), align_(std::move(align)) {
  align_.resize(header_.size(), Align::kLeft);
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(header_.size());
  rows_.push_back(std::move(cells));
}

void TextTable::Write(std::ostream& out, const std::string& indent) const {
  std::vector<size_t> width(header_.size(), 0);
  for (size_t c = 0; c < header_.size(); ++c) width[c] = DisplayWidth(header_[c]);
  for (const auto& row : rows_)
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], DisplayWidth(row[c]));

  auto write_row = [&](const std::vector<std::string>& row) {
    std::string line = indent;
    for (size_t c = 0; c < row.size(); ++c) {
      const size_t pad = width[c] - DisplayWidth(row[c]);
      if (align_[c] == Align::kRight) line.append(pad, ' ');
      line += row[c];
      if (align_[c] == Align::kLeft && c + 1 < row.size()) line.append(pad, ' ');
      if (c + 1 < row.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  write_row(header_);
  std::string rule = indent;
  for (size_t c = 0; c < width.size(); ++c) {
    rule.append(width[c], '-');
    if (c + 1 < width.size()) rule += "  ";
  }
  out << rule << '\n';
  for (const auto& row : rows_) write_row(row);
}

}  // namespace sim::io
