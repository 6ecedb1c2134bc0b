#!/bin/bash
# bench/run-ovsdb-bench.sh — builds ovsdb-bench in release and runs it: the Swift OVSDB library
# against python-ovs's IDL (Debian python3-openvswitch, run with /usr/bin/python3) on one fresh
# ovsdb-server. Arguments are passed on, e.g. `--count 10000 --batch 100 --reps 5 --python-first`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
/usr/bin/python3 -c 'import ovs.db.idl' 2>/dev/null || {
  echo "python-ovs missing: apt-get install python3-openvswitch" >&2; exit 1; }
swift build -c release --product ovsdb-bench >&2
BIN=$(swift build -c release --product ovsdb-bench --show-bin-path)/ovsdb-bench
exec "$BIN" --script "$ROOT/bench/python_ovs_bench.py" "$@"
