#!/usr/bin/env bash
# End-to-end tests with the real OpenStack clients: the `openstack` CLI and openstacksdk (pytest: identity, network,
# image, compute, metadata on `ovnstack up` clusters) and tempest (tempest.api.identity, tempest.api.network,
# neutron-tempest-plugin's API tests, tempest.api.compute with ssh validation, and the scenario tests of the seed's
# end goal).
# Makes the venv (.venv, or $VENV) on first use. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export VENV
if [ ! -x "$VENV/bin/tempest" ] || [ ! -x "$VENV/bin/pytest" ] || [ ! -x "$VENV/bin/openstack" ] \
   || ! "$VENV/bin/pip" show -q neutron-tempest-plugin >/dev/null 2>&1; then
    echo "== e2e: creating $VENV with the OpenStack clients"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r e2e/requirements.txt
fi
swift build --product ovnstack
echo "== e2e: openstack CLI"
"$VENV/bin/pytest" -q e2e
echo "== e2e: tempest.api.identity"
e2e/run_tempest_identity.sh
echo "== e2e: tempest.api.network (all of it, IPv6 on)"
e2e/run_tempest_network.sh
echo "== e2e: neutron-tempest-plugin API tests (neutron_tempest_plugin.api) on an ovnstack up cluster"
"$VENV/bin/python" e2e/compute_tempest.py --neutron-plugin --concurrency 2
echo "== e2e: tempest.api.compute, with ssh validation through floating IPs"
"$VENV/bin/python" e2e/compute_tempest.py --validation --concurrency 2
echo "== e2e: tempest.scenario (network, server and security group basic ops, advanced server ops)"
"$VENV/bin/python" e2e/compute_tempest.py --scenario --concurrency 2
