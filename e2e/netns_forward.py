"""Makes loopback TCP ports of the root namespace reachable on 127.0.0.1 inside another namespace.

tempest with validation pings and ssh-es into floating IPs, which only the cluster's `ext` namespace (the outside
world) may do; so tempest runs in `ext`, and this forwarder (in the runner's process, in the root namespace)
listens on the API ports inside `ext` and relays each connection to the same port on the root's loopback.
A listening socket keeps the namespace it was made in: the thread enters `ext`, binds, and comes back.
"""
import ctypes
import os
import socket
import threading

CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


def _setns(fd):
    if _libc.setns(fd, CLONE_NEWNET) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"setns: {os.strerror(errno)}")


def listen_in(netns, port):
    """A socket listening on 127.0.0.1:`port` inside the named namespace (loopback brought up there first)."""
    own = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    target = os.open(f"/run/netns/{netns}", os.O_RDONLY)
    try:
        _setns(target)
        try:
            os.system("ip link set lo up")
            server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind(("127.0.0.1", port))
            server.listen(256)
        finally:
            _setns(own)
    finally:
        os.close(own)
        os.close(target)
    return server


def _pump(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _serve(server, port):
    while True:
        try:
            client, _ = server.accept()
        except OSError:
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", port), timeout=10)
            upstream.settimeout(None)
        except OSError:
            client.close()
            continue
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=_pump, args=(a, b), daemon=True).start()


def forward(netns, ports):
    """Starts forwarding `ports` from inside `netns`; returns the listening sockets (close them to stop)."""
    servers = [listen_in(netns, port) for port in ports]
    for server, port in zip(servers, ports):
        threading.Thread(target=_serve, args=(server, port), daemon=True).start()
    return servers
