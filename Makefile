# OVNStack: `make up` brings the default cloud up, `make test` runs every test.
SHELL := /bin/bash
SWIFT ?= swift
BIN := .build/debug/ovnstack
VENV := .venv

NB_TABLES := NB_Global Logical_Switch Logical_Switch_Port DHCP_Options Logical_Router Logical_Router_Port \
	Logical_Router_Static_Route Gateway_Chassis HA_Chassis_Group HA_Chassis NAT ACL Port_Group Address_Set DNS Load_Balancer QoS
SB_TABLES := Chassis Chassis_Private Encap Port_Binding Datapath_Binding
VSWITCH_TABLES := Open_vSwitch Bridge Port Interface

.PHONY: up down deps build cli uninstall-cli test test-swift test-e2e models bench clean

## Install the system packages the cloud and its tests need (Debian/Ubuntu, as root).
deps:
	@./scripts/install-deps.sh

build:
	$(SWIFT) build --product ovnstack

## `openstack` and `ovnstack` on PATH (/usr/local/bin wrappers into this checkout; the CLI in .venv).
cli: build
	@./scripts/install-cli.sh

uninstall-cli:
	@for f in /usr/local/bin/openstack /usr/local/bin/ovnstack; do grep -q "install-cli.sh" $$f 2>/dev/null && rm -f $$f && echo "removed $$f" || true; done

## Bring the default cloud up: install what is missing, build, put the CLIs on PATH, run `ovnstack up`.
up: deps build cli
	$(BIN) up

down:
	$(BIN) down

## Every test: Swift unit + integration tests against real OVS/OVN daemons, then end-to-end tests.
test: deps test-swift test-e2e

## The Swift tests, one test target at a time (scripts/swift-test.sh TARGET… runs a few).
test-swift: deps
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/swift-test.sh

## The end-to-end tests with the real clients and tempest (e2e/run.sh).
test-e2e: deps
	e2e/run.sh

## Regenerate Sources/OVNModel/Generated from the installed OVN and Open vSwitch schemas.
models:
	$(SWIFT) build --product ovsdb-modelgen
	.build/debug/ovsdb-modelgen NB /usr/share/ovn/ovn-nb.ovsschema Sources/OVNModel/Generated/NB.swift $(NB_TABLES)
	.build/debug/ovsdb-modelgen SB /usr/share/ovn/ovn-sb.ovsschema Sources/OVNModel/Generated/SB.swift $(SB_TABLES)
	.build/debug/ovsdb-modelgen VSwitch /usr/share/openvswitch/vswitch.ovsschema Sources/OVNModel/Generated/VSwitch.swift $(VSWITCH_TABLES)

## Benchmarks (not tests): the OVSDB library against python-ovs, `ovnstack up`/`down` times.
## The identity benchmark needs a running service: see bench/identity_bench.py.
bench:
	bench/run-ovsdb-bench.sh
	bench/deploy/bench.sh

clean:
	rm -rf .build
