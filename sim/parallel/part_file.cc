// SPDX-License-Identifier: MIT
#include "sim/parallel/part_file.h"

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/core/atomic_file.h"
#include "sim/core/checkpoint.h"
#include "sim/core/error.h"

namespace sim::parallel {
namespace {

constexpr const char* kMagic = "sim-part 1";
constexpr const char* kHint = "parts come from `simulate ... --shard I/N --output PART`; recompute this slice";

std::string RunFingerprint(const Manifest& manifest, const std::vector<int64_t>& chunks) {
  std::string text;
  for (const auto& [name, value] : manifest)
    text += std::to_string(name.size()) + ":" + name + std::to_string(value.size()) + ":" + value;
  for (int64_t c : chunks) text += " " + std::to_string(c);
  return Fingerprint({text});
}

// A cursor over a part's bytes that knows its line number, for located errors.
class Cursor {
 public:
  Cursor(std::string path, const std::string& text) : path_(std::move(path)), text_(text) {}

  [[noreturn]] void Fail(const std::string& message) const {
    throw InputError(SourceLocation{path_, line_, 1}, message, kHint);
  }
  bool at_end() const { return pos_ >= text_.size(); }
  size_t pos() const { return pos_; }
  int line() const { return line_; }

  // The next text line (without '\n'); "truncated" when there is none.
  std::string Line() {
    const size_t end = text_.find('\n', pos_);
    if (end == std::string::npos) Fail("the part is truncated (no end record)");
    std::string line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    ++line_;
    return line;
  }
  // `length` bytes then '\n'.
  std::string Bytes(int64_t length) {
    if (length < 0 || pos_ + length + 1 > text_.size()) Fail("the part is truncated inside a record");
    std::string bytes = text_.substr(pos_, length);
    for (char c : bytes) line_ += c == '\n';
    pos_ += length;
    if (text_[pos_] != '\n') Fail("a record does not end where its length says");
    ++pos_;
    ++line_;
    return bytes;
  }

 private:
  std::string path_;
  const std::string& text_;
  size_t pos_ = 0;
  int line_ = 1;
};

std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

int64_t Number(const Cursor& at, const std::string& word) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (ec != std::errc() || end != word.data() + word.size() || value < 0)
    at.Fail("expected a number, got '" + word + "'");
  return value;
}

struct Part {
  std::string path;
  std::string run;
  int index = 0, count = 0;
  int run_line = 0, shard_line = 0;
  std::vector<int64_t> chunks;
  Manifest manifest;
  std::vector<std::string> results;
};

Part ReadPart(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError(SourceLocation{path}, "cannot read the part file", kHint);
  std::ostringstream buffer;
  buffer << file.rdbuf();
  const std::string text = buffer.str();
  Cursor in(path, text);
  Part part;
  part.path = path;
  if (text.compare(0, std::string(kMagic).size() + 1, std::string(kMagic) + "\n") != 0)
    in.Fail("not a part file of simulate (expected '" + std::string(kMagic) + "' on the first line)");
  in.Line();
  part.run_line = in.line();
  std::vector<std::string> w = Words(in.Line());
  if (w.size() != 2 || w[0] != "run") in.Fail("expected 'run FINGERPRINT'");
  part.run = w[1];
  part.shard_line = in.line();
  w = Words(in.Line());
  if (w.size() != 3 || w[0] != "shard") in.Fail("expected 'shard I N'");
  part.index = static_cast<int>(Number(in, w[1]));
  part.count = static_cast<int>(Number(in, w[2]));
  if (part.count < 1 || part.index < 1 || part.index > part.count) in.Fail("bad slice " + w[1] + "/" + w[2]);
  w = Words(in.Line());
  if (w.size() < 2 || w[0] != "chunks" || Number(in, w[1]) != static_cast<int64_t>(w.size()) - 2)
    in.Fail("expected 'chunks J C_0 ... C_J-1'");
  for (size_t j = 2; j < w.size(); ++j) part.chunks.push_back(Number(in, w[j]));
  for (;;) {
    const size_t record_start = in.pos();
    w = Words(in.Line());
    if (w.size() == 3 && w[0] == "field") {
      std::string value = in.Bytes(Number(in, w[1]));
      part.manifest.emplace_back(w[2], std::move(value));
    } else if (w.size() == 2 && w[0] == "result") {
      part.results.push_back(in.Bytes(Number(in, w[1])));
    } else if (w.size() == 2 && w[0] == "end") {
      if (Fingerprint({std::string_view(text).substr(0, record_start)}) != w[1])
        in.Fail("checksum mismatch: the part is corrupted");
      if (!in.at_end()) in.Fail("bytes after the end record");
      break;
    } else {
      in.Fail("unknown record");
    }
  }
  if (RunFingerprint(part.manifest, part.chunks) != part.run) {
    throw InputError(SourceLocation{path, part.run_line, 1},
                     "the run fingerprint does not match the part's manifest", kHint);
  }
  return part;
}

}  // namespace

std::vector<Block> ShardBlocks(const std::vector<int64_t>& chunks, int index, int count) {
  std::vector<Block> out;
  const std::vector<Block> all = Blocks(chunks, kShardBlock);
  for (size_t b = static_cast<size_t>(index - 1); b < all.size(); b += count) out.push_back(all[b]);
  return out;
}

std::pair<int, int> ParseShard(const std::string& text) {
  const SourceLocation where{"<--shard " + text + ">", 1, 1};
  const size_t slash = text.find('/');
  int index = 0, count = 0;
  auto parse = [&](std::string_view s, int* v) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
    return ec == std::errc() && end == s.data() + s.size();
  };
  if (slash == std::string::npos || !parse(std::string_view(text).substr(0, slash), &index) ||
      !parse(std::string_view(text).substr(slash + 1), &count) || count < 1 || count > 100'000 ||
      index < 1 || index > count) {
    throw InputError(where, "expected --shard I/N with 1 <= I <= N <= 100000",
                     "e.g. --shard 2/8 computes the second of eight slices");
  }
  return {index, count};
}

void WriteShard(const Work& work, int index, int count, const Manifest& manifest,
                const std::string& path) {
  std::string text = std::string(kMagic) + "\n";
  text += "run " + RunFingerprint(manifest, work.chunks) + "\n";
  text += "shard " + std::to_string(index) + " " + std::to_string(count) + "\n";
  text += "chunks " + std::to_string(work.chunks.size());
  for (int64_t c : work.chunks) text += " " + std::to_string(c);
  text += "\n";
  for (const auto& [name, value] : manifest)
    text += "field " + std::to_string(value.size()) + " " + name + "\n" + value + "\n";
  for (const Block& b : ShardBlocks(work.chunks, index, count)) {
    for (const std::string& r : work.compute(b.job, b.first, b.last))
      text += "result " + std::to_string(r.size()) + "\n" + r + "\n";
  }
  text += "end " + Fingerprint({text}) + "\n";
  WriteFileAtomically(path, text);
}

MergedParts ReadParts(const std::vector<std::string>& paths) {
  SIM_CHECK(!paths.empty(), "merge needs parts");
  std::vector<Part> parts;
  for (const std::string& path : paths) parts.push_back(ReadPart(path));
  const Part& first = parts.front();
  std::map<int, const Part*> by_index;
  for (const Part& part : parts) {
    if (part.run != first.run || part.count != first.count) {
      throw InputError(SourceLocation{part.path, part.run_line, 1},
                       "this part belongs to another run than " + first.path +
                           (part.run != first.run ? " (run " + part.run + ", not " + first.run + ")"
                                                  : " (a different number of slices)"),
                       "merge the parts of one command line only");
    }
    auto [it, inserted] = by_index.emplace(part.index, &part);
    if (!inserted) {
      throw InputError(SourceLocation{part.path, part.shard_line, 1},
                       "slice " + std::to_string(part.index) + "/" + std::to_string(part.count) +
                           " is given twice (also " + it->second->path + ")",
                       "give each part once");
    }
  }
  for (int i = 1; i <= first.count; ++i) {
    if (by_index.count(i) == 0) {
      throw InputError(SourceLocation{first.path, first.shard_line, 1},
                       "slice " + std::to_string(i) + "/" + std::to_string(first.count) +
                           " of this run is missing",
                       "compute it with --shard " + std::to_string(i) + "/" +
                           std::to_string(first.count) + " and add its part");
    }
  }
  MergedParts merged;
  merged.manifest = first.manifest;
  merged.chunks = first.chunks;
  merged.results.resize(first.chunks.size());
  for (size_t j = 0; j < first.chunks.size(); ++j) merged.results[j].resize(first.chunks[j]);
  for (Part& part : parts) {
    size_t next = 0;
    for (const Block& b : ShardBlocks(part.chunks, part.index, part.count)) {
      for (int64_t c = b.first; c < b.last; ++c) {
        if (next >= part.results.size())
          throw InputError(SourceLocation{part.path}, "the part holds fewer chunks than its slice", kHint);
        merged.results[b.job][c] = std::move(part.results[next++]);
      }
    }
    if (next != part.results.size())
      throw InputError(SourceLocation{part.path}, "the part holds more chunks than its slice", kHint);
  }
  return merged;
}

namespace {

class MergedRunner final : public Runner {
 public:
  explicit MergedRunner(MergedParts* parts) : parts_(parts) {}
  std::vector<std::string> Collect(int64_t job) override {
    SIM_CHECK(job >= 0 && job < static_cast<int64_t>(parts_->results.size()), "job out of the run");
    return std::move(parts_->results[job]);
  }

 private:
  MergedParts* parts_;
};

}  // namespace

std::unique_ptr<Runner> MakeMergedRunner(MergedParts* parts) { return std::make_unique<MergedRunner>(parts); }

}  // namespace sim::parallel
