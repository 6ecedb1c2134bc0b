#!/usr/bin/env python3
"""A trunk guest's VLAN side without the kernel's 8021q module: answers ARP and ICMP echo for one address on one
VLAN of an interface, with raw 802.1Q frames. Usage: vlan_guest.py IFACE VLAN MAC IP (runs until killed)."""
import socket
import struct
import sys

iface, vlan, mac, ip = sys.argv[1], int(sys.argv[2]), bytes.fromhex(sys.argv[3].replace(":", "")), socket.inet_aton(sys.argv[4])
ETH_P_ALL, TPID = 0x0003, 0x8100


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def tagged(dst, src, ethertype, payload):
    return dst + src + struct.pack("!HHH", TPID, vlan, ethertype) + payload


SOL_PACKET, PACKET_AUXDATA, TP_STATUS_VLAN_VALID = 263, 8, 0x10


def receive(sock):
    """One frame with its 802.1Q tag in place: a veth may take the tag off into the packet's metadata."""
    frame, ancillary, _, _ = sock.recvmsg(65535, socket.CMSG_SPACE(20))
    for level, kind, data in ancillary:
        if level == SOL_PACKET and kind == PACKET_AUXDATA and len(data) >= 20:
            status, _, _, _, _, tci, tpid = struct.unpack("IIIHHHH", data[:20])
            if status & TP_STATUS_VLAN_VALID:
                return frame[:12] + struct.pack("!HH", tpid or TPID, tci) + frame[12:]
    return frame


sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
sock.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
sock.bind((iface, 0))
while True:
    frame = receive(sock)
    if len(frame) < 18 or struct.unpack("!H", frame[12:14])[0] != TPID or struct.unpack("!H", frame[14:16])[0] & 0xFFF != vlan:
        continue
    dst, src, ethertype, payload = frame[0:6], frame[6:12], struct.unpack("!H", frame[16:18])[0], frame[18:]
    if ethertype == 0x0806 and len(payload) >= 28 and payload[6:8] == b"\0\1" and payload[24:28] == ip:
        sender_mac, sender_ip = payload[8:14], payload[14:18]
        reply = payload[0:6] + b"\0\2" + mac + ip + sender_mac + sender_ip
        sock.send(tagged(src, mac, 0x0806, reply))
    elif ethertype == 0x0800 and len(payload) >= 28 and payload[16:20] == ip and dst == mac:
        header_length = (payload[0] & 0xF) * 4
        icmp = payload[header_length:]
        if icmp[0] != 8:
            continue
        header = payload[:12] + payload[16:20] + payload[12:16] + payload[20:header_length]
        body = b"\0\0\0\0" + icmp[4:]
        body = b"\0\0" + struct.pack("!H", checksum(body)) + icmp[4:]
        sock.send(tagged(src, mac, 0x0800, header + body))
