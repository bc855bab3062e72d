// SPDX-License-Identifier: MIT
// Readers of the `findings:` and `ranges:` blocks (scenario/findings.h). Private to the
// loader; both run after every other section, so outcome, actor and move names are known.
#pragma once

#include "sim/scenario/sections.h"

namespace sim::scenario_detail {

void ReadFindings(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);
void ReadRanges(LoadContext& context, const YAML::Node& value, const SourceLocation& key_at);
// After all sections: every named range against its number (path, domain, base value).
void CheckRanges(LoadContext& context);

}  // namespace sim::scenario_detail
