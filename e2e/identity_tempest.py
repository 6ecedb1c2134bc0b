"""Run tempest's `tempest.api.identity` tests against a fresh `ovnstack serve identity` (dynamic credentials).

Usage: .venv/bin/python e2e/identity_tempest.py [--regex R] [--concurrency N] [--keep]
Tests of APIs the service does not implement are listed, with the reason, in identity_tempest_exclude.txt.
Exit status 0 only when every test that ran passed (and at least one ran).
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from identity_server import IdentityServer  # noqa: E402
from tempest_support import auth_conf, init_workspace, read_excludes, report, results_from_stestr, run  # noqa: E402

HERE = Path(__file__).resolve().parent
EXCLUDE = HERE / "identity_tempest_exclude.txt"

CONF = """[identity-feature-enabled]
api_v3 = true
trust = false
security_compliance = false
access_rules = false
domain_specific_drivers = false
api_extensions =

[service_available]
neutron = false
nova = false
glance = false
cinder = false
swift = false
horizon = false

[validation]
run_validation = false

[enforce_scope]
keystone = false
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--regex", default=r"^tempest\.api\.identity\.")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the workspace and state directory")
    args = parser.parse_args()
    server = IdentityServer(cluster="tempest").start()
    try:
        ws = init_workspace(server.workdir, auth_conf(server.workdir / "tempest-ws", server.url, server.password("admin")) + CONF)
        excludes, _ = read_excludes(EXCLUDE) if EXCLUDE.exists() else ([], [])
        code, out = run(ws, args.regex, args.concurrency, excludes, server.workdir)
        try:
            results = results_from_stestr(ws)
        except Exception as e:  # no stream: tempest failed before running anything
            print(out[-5000:])
            print(f"could not read the stestr results: {e}")
            return 1
        totals = report(results, "identity")
        if args.keep:
            print(f"workspace kept at {ws}; server log {server.log_path}")
        return 0 if code == 0 and totals["failed"] == 0 and totals["passed"] > 0 else 1
    finally:
        if args.keep:
            server.stop()
        else:
            server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
