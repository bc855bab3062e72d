// SPDX-License-Identifier: MIT
#include <iostream>

#include "sim/core/version.h"

int main() { std::cout << "simulate " << sim::kVersion << "\n"; }
