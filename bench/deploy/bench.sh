#!/bin/bash
# bench/deploy/bench.sh — wall time of `ovnstack up` (cold: empty state; warm: state kept from a
# previous up, databases and chassis ids reused), of `ovnstack down`, and the supervisor's RSS.
# Uses its own cluster name and state dir, so it runs beside a live cloud.
# Usage: bench.sh [runs] [runtime: runc|process, default: ovnstack's default]
set -u
BIN=${OVNSTACK_BIN:-$(cd "$(dirname "$0")/../.." && pwd)/.build/debug/ovnstack}
RUNS=${1:-5}
NAME=bench$$
DIR=/tmp/ovnstack-bench-$NAME
ARGS=(--name "$NAME" --state-dir "$DIR")
UPARGS=("${ARGS[@]}"); [ -n "${2:-}" ] && UPARGS+=(--runtime "$2")
now() { date +%s.%N; }
dt() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }
trap '"$BIN" down "${ARGS[@]}" --purge >/dev/null 2>&1' EXIT
cold=(); warm=(); down=(); rss=()
for i in $(seq "$RUNS"); do
  "$BIN" down "${ARGS[@]}" --purge >/dev/null 2>&1
  t0=$(now); "$BIN" up "${UPARGS[@]}" >/dev/null || { echo "up failed"; exit 1; }; t1=$(now); cold+=("$(dt "$t0" "$t1")")
  t0=$(now); "$BIN" down "${ARGS[@]}" >/dev/null; t1=$(now); down+=("$(dt "$t0" "$t1")")
  t0=$(now); "$BIN" up "${UPARGS[@]}" >/dev/null || { echo "up failed"; exit 1; }; t1=$(now); warm+=("$(dt "$t0" "$t1")")
  sleep 2
  rss+=("$(awk '/VmRSS/ {print $2}' /proc/"$(cat "$DIR/supervisor.pid")"/status)")
done
t0=$(now); "$BIN" up "${UPARGS[@]}" >/dev/null; t1=$(now); noop=$(dt "$t0" "$t1")
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{printf "median %s  min %s  max %s", a[int((NR+1)/2)], a[1], a[NR]}'; }
echo "ovnstack up (cold, empty state)   : $(stats "${cold[@]}") s   [$RUNS runs, 3 nodes, runtime ${2:-default}]"
echo "ovnstack up (warm, state kept)    : $(stats "${warm[@]}") s"
echo "ovnstack up (already up, no-op)   : $noop s"
echo "ovnstack down                     : $(stats "${down[@]}") s"
echo "supervisor RSS                    : $(stats "${rss[@]}") KiB"
