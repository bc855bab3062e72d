// SPDX-License-Identifier: MIT
// Compiles the tests' precompiled header (tests/CMakeLists.txt, sim_test_pch); nothing else.
