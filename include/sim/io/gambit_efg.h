// SPDX-License-Identifier: MIT
// Gambit's extensive-form file format (.efg, version 2) to and from GameTree; see
// shared/design/gambit-formats.md. Reading keeps chance probabilities exact, checks that they
// sum to exactly 1, numbers information sets per player and outcomes globally (outcomes add
// up along the path), and names every unnamed node by its path of actions from the root
// (bounded in length, see ReadEfg) so that solve output can say NODE:ACTION. Errors are located FILE:LINE:COL. No solving here.
#pragma once

#include <string>
#include <string_view>

#include "sim/game/tree.h"

namespace sim::io {

// Parses .efg text; `file` is the name errors are located in. Throws InputError on the
// first syntax error, or with every problem of GameTree::Check() for a well-formed file
// that is not a valid game (e.g. probabilities that do not sum to 1). Refuses files with
// more than limits.max_nodes nodes while reading, before building them.
// Unnamed nodes get the name of their path: action labels from the root joined by '/'
// (an action without a label counts as its 1-based number); the root is "root". A path
// longer than 64 characters (deep trees, long labels) is replaced by where the node is
// written, "L<line>C<column>" (e.g. "L812C1"), and deeper paths continue from that name
// ("L812C1/a"), so names stay short and naming stays linear in the file's size.
GameTree ReadEfg(std::string_view text, const std::string& file = "<efg>",
                 const TreeLimits& limits = {});

// Reads a file; an unreadable file is an InputError located at the file name.
GameTree ReadEfgFile(const std::string& path, const TreeLimits& limits = {});

// The tree as .efg text (version 2, "R"): nodes in preorder, information sets numbered per
// player in order of first appearance, outcomes renumbered globally in order of first
// appearance and declared once, chance probabilities written exactly ("19/20") when known
// exactly, payoffs as shortest round-trip decimals. ReadEfg(WriteEfg(t)) gives t back (node
// names, labels, probabilities, payoffs), except that unnamed nodes come back named.
std::string WriteEfg(const GameTree& tree);

}  // namespace sim::io
