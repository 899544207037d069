#!/usr/bin/env bash
# Quick start, second command: set up a fresh Debian 12 machine and run the whole test suite
# (unit, platform, embed, CLI and end-to-end tests with the real Firefox, then the suites below).
# `.ci/run` calls this. Each further suite is a script of its own, so people can run one alone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
cmake --workflow --preset ci
# Further suites, one line each:
bash ci/reliability.sh 2 200  # crash, concurrency, privilege, big inputs (N=2, 200 profiles)
bash ci/test-windows.sh
bash ci/test-windows-setup.sh  # setup.exe + portable ZIP under wine, wizard screenshots
bash ci/fuzz.sh 60  # libFuzzer targets, 60 s each (tests/fuzz/README.md)
bash ci/test-asan.sh  # every test again, built with ASan + UBSan (preset "asan")
{ bash ci/test-deb.sh; bash ci/test-ansible.sh; }   # deploy: .deb/.tar.gz with real dpkg, Ansible role
bash ci/lint.sh       # clang-format, clang-tidy (.clang-tidy), cppcheck
