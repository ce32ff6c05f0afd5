#!/usr/bin/env bash
# Fails when a C++ file of the project is not formatted per .clang-format.
# Exit 77 (reported as skipped by CTest) when clang-format is not installed.
set -eu
root=${1:?usage: check-format.sh SOURCE_DIR}
command -v clang-format >/dev/null || { echo "clang-format not installed"; exit 77; }
cd "$root"
mapfile -t files < <(find app ui inference storage tests \( -name '*.cpp' -o -name '*.h' \) -type f | sort)
clang-format --dry-run --Werror "${files[@]}"
echo "${#files[@]} files formatted correctly ($(clang-format --version))"
