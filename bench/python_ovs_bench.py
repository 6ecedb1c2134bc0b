#!/usr/bin/python3
"""python-ovs side of the OVSDB benchmark (see bench/ovsdb-bench/main.swift).

Run with Debian's /usr/bin/python3 (package python3-openvswitch provides `ovs`). The Swift
driver starts the ovsdb-server and calls this script against the same unix socket:

  python_ovs_bench.py insert  --socket S --mode single|batch --count N [--batch B] --tag T
  python_ovs_bench.py catchup --socket S --expect N [--reps R]

Each prints one JSON object on stdout. Rows are shaped like the ones Neutron's ML2/OVN driver
writes, and byte-for-byte the same shape as the Swift side's (same generator, see `lsp_row`).
"""
import argparse
import gc
import json
import sys
import time

import ovs.db.idl
import ovs.poller
import ovs.vlog

NB_SCHEMA = "/usr/share/ovn/ovn-nb.ovsschema"
TABLES = ("Logical_Switch", "Logical_Switch_Port")


def rss_kib():
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = int(line.split()[1])
    return out


def fake_uuid(kind, side, phase, i):
    """A deterministic UUID-looking string; the Swift side builds the same ones."""
    return "%08x-%04x-4%03x-8%03x-%012x" % (
        (side << 24) | (phase << 16) | (i >> 16), i & 0xFFFF, kind, phase, (i * 2654435761) % (1 << 48))


def network_id(side, phase):
    return fake_uuid(0xE, side, phase, 0)


def lsp_row(side, phase, i):
    """Column values of port i, as Neutron's ovn client sets them on create_port."""
    mac = "fa:16:3e:%02x:%02x:%02x" % ((i >> 16) & 255, (i >> 8) & 255, i & 255)
    ip = "10.%d.%d.%d" % (side * 16 + phase, (i >> 8) & 255, i & 255)
    address = "%s %s" % (mac, ip)
    return {
        "name": fake_uuid(1, side, phase, i),
        "addresses": [address],
        "port_security": [address],
        "enabled": True,
        "external_ids": {
            "neutron:cidrs": ip + "/16",
            "neutron:device_id": fake_uuid(2, side, phase, i),
            "neutron:device_owner": "compute:nova",
            "neutron:network_name": "neutron-" + network_id(side, phase),
            "neutron:port_name": "port-%d" % i,
            "neutron:project_id": "%032x" % (0x5EED0000 + side),
            "neutron:revision_number": "1",
            "neutron:security_group_ids": fake_uuid(3, side, phase, i % 8),
        },
        "options": {"requested-chassis": "compute-%d" % (i % 2 + 1), "mcast_flood_reports": "true"},
    }


def ls_row(side, phase):
    net = network_id(side, phase)
    return {
        "name": "neutron-" + net,
        "external_ids": {"neutron:network_name": "bench-%d-%d" % (side, phase), "neutron:mtu": "1442",
                         "neutron:revision_number": "1", "neutron:availability_zone_hints": ""},
        "other_config": {"mcast_snoop": "false", "mcast_flood_unregistered": "false", "vlan-passthru": "false"},
    }


def make_idl(socket):
    helper = ovs.db.idl.SchemaHelper(location=NB_SCHEMA)
    for t in TABLES:
        helper.register_table(t)
    return ovs.db.idl.Idl("unix:" + socket, helper, probe_interval=0)


def run_until(idl, predicate, timeout=120.0):
    deadline = time.monotonic() + timeout
    while True:
        idl.run()
        if predicate():
            return
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the IDL")
        poller = ovs.poller.Poller()
        idl.wait(poller)
        poller.timer_wait(1000)
        poller.block()


def commit(idl, fill):
    txn = ovs.db.idl.Transaction(idl)
    fill(txn)
    status = txn.commit_block()
    if status != ovs.db.idl.Transaction.SUCCESS:
        raise SystemExit("transaction failed: %s" % txn.get_error())
    return txn


def set_columns(row, values):
    for column, value in values.items():
        setattr(row, column, value)


def cmd_insert(args):
    side, phase = 2, (1 if args.mode == "single" else 2)
    idl = make_idl(args.socket)
    t0 = time.perf_counter()
    run_until(idl, idl.has_ever_connected)
    connect_s = time.perf_counter() - t0

    holder = {}

    def create_switch(txn):
        holder["row"] = txn.insert(idl.tables["Logical_Switch"])
        set_columns(holder["row"], ls_row(side, phase))

    txn = commit(idl, create_switch)
    ls_uuid = txn.get_insert_uuid(holder["row"].uuid)
    run_until(idl, lambda: ls_uuid in idl.tables["Logical_Switch"].rows)
    lsp_table = idl.tables["Logical_Switch_Port"]
    start_rows = len(lsp_table.rows)

    per_txn = args.batch if args.mode == "batch" else 1
    latencies = []
    t_start = time.perf_counter()
    for first in range(0, args.count, per_txn):
        t = time.perf_counter()
        txn = ovs.db.idl.Transaction(idl)
        ls = idl.tables["Logical_Switch"].rows[ls_uuid]
        for i in range(first, min(first + per_txn, args.count)):
            port = txn.insert(lsp_table)
            set_columns(port, lsp_row(side, phase, i))
            ls.addvalue("ports", port)
        status = txn.commit_block()
        if status != ovs.db.idl.Transaction.SUCCESS:
            raise SystemExit("transaction failed: %s" % txn.get_error())
        latencies.append(time.perf_counter() - t)
    total = time.perf_counter() - t_start
    # The writer's own replica: until every inserted row has arrived.
    run_until(idl, lambda: len(lsp_table.rows) - start_rows >= args.count)
    drained = time.perf_counter() - t_start
    idl.close()
    print(json.dumps({"mode": args.mode, "count": args.count, "transactions": len(latencies),
                      "total_s": total, "replica_caught_up_s": drained, "connect_s": connect_s,
                      "latencies_s": latencies}))


def cmd_catchup(args):
    samples = []
    memory = None
    for _ in range(args.reps):
        gc.collect()
        before = rss_kib()
        t0 = time.perf_counter()
        idl = make_idl(args.socket)
        lsp = idl.tables["Logical_Switch_Port"]
        run_until(idl, lambda: len(lsp.rows) >= args.expect)
        samples.append(time.perf_counter() - t0)
        if memory is None:
            gc.collect()
            after = rss_kib()
            memory = {"rss_before_kib": before["VmRSS"], "rss_after_kib": after["VmRSS"],
                      "hwm_kib": after["VmHWM"], "rows": len(lsp.rows)}
        if len(lsp.rows) != args.expect:
            raise SystemExit("expected %d ports, replica has %d" % (args.expect, len(lsp.rows)))
        idl.close()
        del idl, lsp
    print(json.dumps({"expect": args.expect, "samples_s": samples, "memory": memory}))


def main():
    ovs.vlog.Vlog.init(None)
    ovs.vlog.Vlog.set_levels_from_string("console:off")
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    i = sub.add_parser("insert")
    i.add_argument("--socket", required=True)
    i.add_argument("--mode", choices=("single", "batch"), required=True)
    i.add_argument("--count", type=int, default=10000)
    i.add_argument("--batch", type=int, default=100)
    c = sub.add_parser("catchup")
    c.add_argument("--socket", required=True)
    c.add_argument("--expect", type=int, required=True)
    c.add_argument("--reps", type=int, default=5)
    args = p.parse_args()
    {"insert": cmd_insert, "catchup": cmd_catchup}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
