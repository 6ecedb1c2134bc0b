#!/usr/bin/env bash
# End-to-end tests with the real OpenStack clients: the `openstack` CLI (pytest: identity, network) and tempest
# (tempest.api.identity, then tempest.api.network).
# Makes the venv (.venv, or $VENV) on first use. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export VENV
if [ ! -x "$VENV/bin/tempest" ] || [ ! -x "$VENV/bin/pytest" ] || [ ! -x "$VENV/bin/openstack" ]; then
    echo "== e2e: creating $VENV with the OpenStack clients"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r e2e/requirements.txt
fi
swift build --product ovnstack
echo "== e2e: openstack CLI"
"$VENV/bin/pytest" -q e2e
echo "== e2e: tempest.api.identity"
e2e/run_tempest_identity.sh
echo "== e2e: tempest.api.network"
e2e/run_tempest_network.sh
