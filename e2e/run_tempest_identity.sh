#!/usr/bin/env bash
# Runs tempest.api.identity against a fresh `ovnstack serve identity` on 127.0.0.1 (see identity_tempest.py).
# Needs .build/debug/ovnstack and the venv (.venv with tempest). Exits 0 only when every test that ran passed.
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${VENV:-.venv}/bin/python" e2e/identity_tempest.py "$@"
