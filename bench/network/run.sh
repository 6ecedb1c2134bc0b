#!/usr/bin/env bash
# Neutron API micro-benchmark of `ovnstack serve network` (see README.md): starts a private OVN NB, identity and the
# network service on 127.0.0.1 (e2e/network_server.py), runs the reference bench.py against it with a token
# from our identity, and writes bench/network/results-<time>-<build>.json.
# Builds nothing: uses $OVNSTACK_BIN (e.g. .build/release/ovnstack) or .build/debug/ovnstack.
# Usage: bench/network/run.sh [--out FILE] [--ports 200] [--nets 20] [--list-reps 20] [--no-cleanup]
set -euo pipefail
cd "$(dirname "$0")/../.."
export OVNSTACK_BIN=${OVNSTACK_BIN:-$PWD/.build/debug/ovnstack}
if [ ! -x "$OVNSTACK_BIN" ]; then
    echo "$OVNSTACK_BIN is missing: swift build -c release --product ovnstack, then OVNSTACK_BIN=.build/release/ovnstack $0" >&2
    exit 1
fi
exec "${VENV:-.venv}/bin/python" bench/network/run_bench.py "$@"
