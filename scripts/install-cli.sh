#!/usr/bin/env bash
# Puts the cloud's commands on PATH: `openstack` (python-openstackclient and openstacksdk in the project's venv,
# .venv, made on first use from PyPI) and `ovnstack` (the binary `make build` made), as small wrappers in
# /usr/local/bin that point into this checkout. Re-running it changes nothing; `make uninstall-cli` removes them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv=${VENV:-.venv}
bin=${BINDIR:-/usr/local/bin}
if [ ! -x "$venv/bin/openstack" ]; then
    echo "Installing the openstack CLI into $venv (python-openstackclient, openstacksdk from PyPI)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r scripts/cli-requirements.txt
fi
if [ ! -w "$bin" ]; then
    echo "ovnstack: cannot write to $bin; run as root, or use $root/$venv/bin/openstack and $root/.build/debug/ovnstack" >&2
    exit 0
fi
write() {  # name, target: a wrapper that execs target (kept when it already says exactly that)
    local text="#!/bin/sh
# Written by $root/scripts/install-cli.sh
exec \"$2\" \"\$@\""
    if [ "$(cat "$bin/$1" 2>/dev/null)" != "$text" ]; then
        printf '%s\n' "$text" > "$bin/$1.tmp" && chmod 755 "$bin/$1.tmp" && mv "$bin/$1.tmp" "$bin/$1"
        echo "$bin/$1 -> $2"
    fi
}
write openstack "$root/$venv/bin/openstack"
write ovnstack "$root/.build/debug/ovnstack"
