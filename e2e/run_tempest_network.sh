#!/usr/bin/env bash
# Runs all of tempest.api.network with IPv6 on (networks, subnets, ports, security groups, routers, floating IPs,
# DHCPv6, agents, extensions, tags) against a fresh `ovnstack serve network` + identity + private OVN NB on 127.0.0.1
# (see network_tempest.py). Needs .build/debug/ovnstack (or $OVNSTACK_BIN), ovsdb-server/ovn-nbctl and the venv.
# Exits 0 only when every test that ran passed.
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${VENV:-.venv}/bin/python" e2e/network_tempest.py "$@"
