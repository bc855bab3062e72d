// SPDX-License-Identifier: MIT
// What the command files of sim/cli share: reading the command line's load options, writing
// a command's output (atomically, never over one of its inputs), and telling Gambit files
// from scenarios. Internal to the simulate binary.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "sim/cli/commands.h"
#include "sim/core/error.h"
#include "sim/game/strategic_form.h"
#include "sim/game/tree.h"
#include "sim/scenario/load.h"

namespace sim::cli {

// The scenario loader's options from the command line (--set overrides, --max-profiles).
LoadOptions MakeLoadOptions(const CommonOptions& options);

// Whether the output goes to stdout (no --output, or "-").
bool ToStdout(const CommonOptions& options);

// The manifest of a CSV written to --output FILE goes to FILE.manifest.json (the CSV stays a
// plain table: comment lines would break spreadsheets). Nothing is written for stdout, nor
// beside a device or FIFO (-o /dev/stdout).
bool WantsManifestFile(const CommonOptions& options);

// Writes through `write` to stdout, or atomically to --output (core/atomic_file.h: a
// device or FIFO is written through, a link followed): a run that throws midway leaves no
// file behind. Stdout gets the whole text at once too, so `simulate ... > out.csv` never
// holds half a report either; a failed write is an error (exit 1). With `manifest`, its
// text goes to FILE.manifest.json, committed together with FILE (both or neither).
void Emit(const CommonOptions& options, const std::function<void(std::ostream&)>& write,
          const std::function<std::string()>& manifest = {});

// Refuses an --output that would destroy an input of the run (the scenario or game file,
// the run's checkpoint, any sim checkpoint), whatever name or link reaches it.
void CheckOutputIsNoInput(const CommonOptions& options, const std::string& input);

// --max-profiles caps an imported .efg's nodes too: a tree's size is what its import,
// naming and solving cost, as the profile count is for a strategic game.
TreeLimits EfgLimits(const CommonOptions& options);

bool IsEfg(const std::string& path);
bool IsNfgPath(const std::string& path);

// The reduced strategic form through which a tree without perfect recall (`problem`, its
// first recall problem) is solved; when it does not fit, the located recall problem with the
// form's size (InputError). `solve` and `validate` accept the same trees.
ReducedStrategicForm ImperfectRecallForm(const GameTree& tree, const Diagnostic& problem);

}  // namespace sim::cli
