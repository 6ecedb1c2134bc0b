#!/usr/bin/env bash
# Installs the Debian packages OVNStack runs and tests with, only those that are missing.
set -euo pipefail
packages=(openvswitch-switch openvswitch-common ovn-central ovn-host ovn-common python3-openvswitch
          iproute2 ethtool runc busybox-static dropbear-bin openssh-client iputils-ping tcpdump python3-venv)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "ovnstack: missing packages: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
    echo "Installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
