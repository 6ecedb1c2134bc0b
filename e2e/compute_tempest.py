"""Run tempest's `tempest.api.compute` tests (servers, actions, console output, interfaces, flavors, keypairs,
availability zones, limits) against a fresh `ovnstack up` cluster: real instances on two compute nodes.

Usage: .venv/bin/python e2e/compute_tempest.py [--validation] [--scenario] [--neutron-plugin] [--regex R]
       [--concurrency N] [--keep] [--debug] [--report FILE]

tempest.conf: dynamic credentials with isolated networks (each test project gets a network, subnet and router on
`public`), the `cirros` image `up` registers for image_ref and image_ref_alt, m1.tiny / m1.small as the flavors,
validation over ssh off unless --validation: then tempest logs into its servers through floating IPs with its
own ECDSA keys and checks what it finds there (metadata, hostname, addresses). --scenario runs the scenario tests
(network, server and security-group basic ops, advanced server ops) instead of the API modules, with validation.
--neutron-plugin runs neutron-tempest-plugin's API tests (neutron_tempest_plugin.api) on the same cluster, whose
real chassis are the agents; its exclusions are in neutron_plugin_exclude.txt.
Tests of APIs the service does not implement are in compute_tempest_exclude.txt, one reason per entry. Prints passed/failed/skipped per module; exit status 0
only when no test failed and at least one passed. Needs root and .build/debug/ovnstack (or $OVNSTACK_BIN).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from netns_forward import forward  # noqa: E402
from tempest_support import auth_conf, init_workspace, read_excludes, report, results_from_stestr, run  # noqa: E402

HERE = Path(__file__).resolve().parent
EXCLUDE = HERE / "compute_tempest_exclude.txt"
PLUGIN_EXCLUDE = HERE / "neutron_plugin_exclude.txt"
PLUGIN_REGEX = r"^neutron_tempest_plugin\.api\."
OVNSTACK = Path(os.environ.get("OVNSTACK_BIN", HERE.parent / ".build/debug/ovnstack"))

MODULES = [
    "servers.test_create_server", "servers.test_servers", "servers.test_servers_negative", "servers.test_list_servers_negative",
    "servers.test_list_server_filters", "servers.test_server_actions", "servers.test_server_addresses",
    "servers.test_server_addresses_negative", "servers.test_attach_interfaces", "servers.test_instance_actions",
    "servers.test_server_metadata", "servers.test_server_metadata_negative", "servers.test_delete_server",
    "flavors", "keypairs", "test_extensions", "test_versions", "test_quotas", "limits",
    "admin.test_availability_zone", "test_availability_zone_negative" , "admin.test_flavors", "admin.test_hypervisor",
    "admin.test_services", "admin.test_keypairs_v210", "admin.test_servers",
]
DEFAULT_REGEX = r"^tempest\.api\.compute\.(" + "|".join(m.replace(".", r"\.") for m in MODULES) + r")\b"
SCENARIOS = ["test_network_basic_ops", "test_server_basic_ops", "test_security_groups_basic_ops", "test_network_advanced_server_ops"]
SCENARIO_REGEX = r"^tempest\.scenario\.(" + "|".join(SCENARIOS) + r")\b"

# Validation over ssh through floating IPs, as tempest's gate runs it (cirros user, ECDSA keys, metadata on).
VALIDATION = """
[validation]
run_validation = true
connect_method = floating
auth_method = keypair
ip_version_for_ssh = 4
image_ssh_user = cirros
image_alt_ssh_user = cirros
ssh_key_type = ecdsa
ping_timeout = 60
connect_timeout = 30
ssh_timeout = 120
floating_ip_range = 203.0.113.0/24
network_for_ssh = public

[scenario]
dhcp_client = udhcpc
"""

CONF = """[identity-feature-enabled]
api_v3 = true

[service_available]
nova = true
neutron = true
glance = true
cinder = false
swift = false
horizon = false

[compute]
image_ref = {image}
image_ref_alt = {image}
flavor_ref = 1
flavor_ref_alt = 2
build_timeout = 120
build_interval = 1
min_compute_nodes = 2
fixed_network_name =

[compute-feature-enabled]
console_output = true
interface_attach = true
metadata_service = {metadata}
config_drive = false
enable_instance_password = true
change_password = false
resize = false
cold_migration = false
live_migration = false
pause = false
suspend = false
rescue = false
shelve = false
snapshot = false
personality = false
vnc_console = false
spice_console = false
serial_console = false
rdp_console = false
block_migration_for_live_migration = false
swap_volume = false
volume_multiattach = false
attach_encrypted_volume = false

[network]
public_network_id = {public_network_id}
floating_network_name = public
project_network_cidr = 10.100.0.0/16
project_network_mask_bits = 28
project_networks_reachable = false

[network-feature-enabled]
api_extensions = {api_extensions}
floating_ips = true
port_security = true

[image-feature-enabled]
api_v2 = true

{validation}
[enforce_scope]
nova = false
keystone = false
neutron = false
glance = false
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--regex")
    parser.add_argument("--validation", action="store_true", help="ssh into the servers through floating IPs")
    parser.add_argument("--scenario", action="store_true", help="the scenario tests (implies --validation)")
    parser.add_argument("--neutron-plugin", action="store_true", help="neutron-tempest-plugin's API tests")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the cluster and the workspace")
    parser.add_argument("--report", help="write every failure's full traceback here")
    parser.add_argument("--debug", action="store_true", help="log every request and response body in tempest.log")
    args = parser.parse_args()
    validation = args.validation or args.scenario
    regex = args.regex or (SCENARIO_REGEX if args.scenario else PLUGIN_REGEX if args.neutron_plugin else DEFAULT_REGEX)
    workdir = Path(tempfile.mkdtemp(prefix="ovnstack-tempest-compute-"))
    name = "tc" + os.urandom(3).hex()
    state, clouds = workdir / "state", workdir / "clouds.yaml"
    options = ["--name", name, "--state-dir", str(state), "--clouds-yaml", str(clouds)]
    spec_options = []
    if args.neutron_plugin:
        # As Neutron's gate: the plugin's dns_name tests need a DNS domain other than the default openstacklocal.
        # (Only `up` reads a spec; `down` takes the cluster's options alone.)
        spec = workdir / "spec.yaml"
        spec.write_text("dns_domain: openstackgate.local.\n")
        spec_options = ["-f", str(spec)]
    up = subprocess.run([str(OVNSTACK), "up", *options, *spec_options], capture_output=True, text=True, timeout=300)
    try:
        if up.returncode != 0:
            print(up.stdout + up.stderr)
            return 1
        ports = json.loads((state / "cluster.json").read_text())["apiPorts"]
        identity = f"http://127.0.0.1:{ports['identity']}"
        password = (state / "ctl" / "identity" / "admin-password").read_text().strip()
        auth = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "admin", "domain": {"name": "Default"}, "password": password}}},
            "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}
        token = requests.post(f"{identity}/v3/auth/tokens", json=auth, timeout=30).headers["X-Subject-Token"]
        headers = {"X-Auth-Token": token}
        network = f"http://127.0.0.1:{ports['network']}/v2.0"
        public = requests.get(f"{network}/networks?name=public", headers=headers, timeout=30).json()["networks"][0]["id"]
        aliases = [e["alias"] for e in requests.get(f"{network}/extensions", headers=headers, timeout=30).json()["extensions"]]
        image = requests.get(f"http://127.0.0.1:{ports['image']}/v2/images?name=cirros", headers=headers,
                             timeout=30).json()["images"][0]["id"]
        ws = init_workspace(workdir, auth_conf(workdir / "tempest-ws", identity, password, args.debug, isolated_networks=True)
                            + CONF.format(image=image, public_network_id=public, api_extensions=",".join(aliases),
                                        metadata=str(validation).lower(),
                                        validation=VALIDATION if validation else "[validation]\nrun_validation = false\n"))
        print(f"cluster {name}: image_ref={image} public_network_id={public}")
        excludes, _ = read_excludes(PLUGIN_EXCLUDE if args.neutron_plugin else EXCLUDE)
        ext = None
        if validation:  # tempest pings and ssh-es floating IPs: only from `ext`, the outside world, with the APIs forwarded there
            ext = f"{name}-ext"
            forward(ext, [ports[k] for k in ("identity", "network", "compute", "image")])
        code, out = run(ws, regex, args.concurrency, excludes, workdir, netns=ext)
        try:
            results = results_from_stestr(ws)
        except Exception as e:  # no stream: tempest failed before running anything
            print(out[-5000:])
            print(f"could not read the stestr results: {e}")
            return 1
        label = "scenario" if args.scenario else "neutron-tempest-plugin" if args.neutron_plugin else "compute"
        totals = report(results, label, args.report, per_test=args.scenario)
        ok = totals["failed"] == 0 and totals["passed"] > 0 and code == 0
        if not ok and totals["failed"] == 0:
            print(out[-3000:])
        return 0 if ok else 1
    finally:
        if args.keep:
            print(f"cluster {name} kept: {OVNSTACK} down --purge {' '.join(options)}; workspace {workdir}")
        else:
            down = subprocess.run([str(OVNSTACK), "down", "--purge", *options], capture_output=True, text=True, timeout=180)
            if down.returncode != 0:
                print(f"down failed ({down.returncode}): {down.stdout}{down.stderr}")
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
