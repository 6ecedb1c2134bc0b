#!/usr/bin/env bash
# Runs the Swift tests one test target at a time (each target's tests still run in parallel).
# All 200+ tests at once start dozens of ovsdb-servers, clusters and HTTP services together; on a 2-core CI
# machine that starves them into timeouts that say nothing about the code. One target at a time keeps the
# load to what a target alone makes. Usage: scripts/swift-test.sh [TARGET...] (default: every test target).
# Expects a finished `swift build --build-tests`; prints each target's time and exits 1 when any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
if [ $# -gt 0 ]; then
    targets=("$@")
else
    # Every `.testTarget(name: "…")` in Package.swift, in the order written there.
    mapfile -t targets < <(grep -o 'testTarget(name: "[A-Za-z]*"' Package.swift | sed 's/.*"\(.*\)"/\1/')
fi
failed=()
total_start=$(date +%s)
# Each target's output is kept so that the failures can be repeated at the end, where a CI log's tail shows them.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
for target in "${targets[@]}"; do
    start=$(date +%s)
    echo "== swift test: $target"
    if "$SWIFT" test --skip-build --filter "^${target}\." 2>&1 | tee "$logs/$target.log"; then
        echo "== swift test: $target passed in $(( $(date +%s) - start )) s"
    else
        echo "== swift test: $target FAILED in $(( $(date +%s) - start )) s"
        failed+=("$target")
    fi
done
echo "== swift test: ${#targets[@]} targets in $(( $(date +%s) - total_start )) s"
if [ ${#failed[@]} -gt 0 ]; then
    for target in "${failed[@]}"; do
        echo "== swift test: what failed in $target:"
        # Swift Testing marks failures with ✘, XCTest with "error:"; a crash leaves neither but names its signal.
        grep -E '✘|error:|Fatal error|signal|Crash' "$logs/$target.log" | head -40
    done
    echo "== swift test: failed: ${failed[*]} (rerun one with: scripts/swift-test.sh ${failed[0]})"
    exit 1
fi
