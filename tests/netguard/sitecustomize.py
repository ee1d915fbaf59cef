"""Loaded by every `coach` subprocess the tests start (the cli fixture puts this folder on
PYTHONPATH): Trust Coach must never open a network connection except to a real test server
on this machine (loopback: 127.0.0.0/8, ::1), so any other ends the process loudly with exit
status 97. AF_UNIX stays allowed: D-Bus and QLocalSocket use it."""

import ipaddress
import os
import socket
import sys

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def is_loopback(address: object) -> bool:
    """Only a literal loopback address counts: a name could resolve anywhere."""
    host = address[0] if isinstance(address, tuple) and address else None
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address):
        sys.stderr.write(f"test guard: network connection to {address!r} attempted\n")
        sys.stderr.flush()
        os._exit(97)


def _connect(self: socket.socket, address: object) -> None:
    _refuse(self, address)
    return _real_connect(self, address)


def _connect_ex(self: socket.socket, address: object) -> int:
    _refuse(self, address)
    return _real_connect_ex(self, address)


socket.socket.connect = _connect
socket.socket.connect_ex = _connect_ex
