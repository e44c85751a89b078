"""Address safety: only http(s), and never a private/loopback/link-local/... address unless allowed.

The check sits in the connection layer itself (`GuardedBackend`, an httpcore network backend): the
host is resolved once with `getaddrinfo`, *every* address is checked, and the socket is opened to
a checked address -- so no connection is ever attempted to a refused address, every redirect hop is
checked the same way, and a DNS answer that changes between check and connect (DNS rebinding) has
nothing to change: there is no second lookup. The URL's host name is kept for TLS (SNI, certificate
check), the Host header and the connection pool key. `check_url` runs the same check up front so a
refused URL fails before robots.txt is even asked for.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddress(Exception):
    """The host resolves to an address the policy refuses (reason code `blocked_address`)."""


class UnsupportedScheme(Exception):
    """Only http and https are fetched (reason code `unsupported_scheme`)."""


class AddressPolicy:
    def __init__(self, allow_private: bool = False, allowed_networks: tuple[str, ...] = ()):
        self.allow_private = allow_private
        self.allowed = tuple(ipaddress.ip_network(n, strict=False) for n in allowed_networks)

    def allows(self, ip: IPAddress) -> bool:
        candidates = [ip]
        if isinstance(ip, ipaddress.IPv6Address):
            for embedded in (ip.ipv4_mapped, ip.sixtofour, ip.teredo and ip.teredo[1]):
                if embedded:
                    candidates.append(embedded)
        for addr in candidates:
            if any(addr.version == n.version and addr in n for n in self.allowed):
                continue
            if self.allow_private:
                continue
            if (
                addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
                or addr.is_reserved or addr.is_unspecified or not addr.is_global
            ):
                return False
        return True

    def resolve(self, host: str, port: int) -> list[str]:
        """Every address of `host`, all checked; raises BlockedAddress if any is refused."""
        host = host.strip("[]")
        try:
            addrs: list[IPAddress] = [ipaddress.ip_address(host)]  # a literal: no lookup at all
        except ValueError:
            try:
                infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
            except (socket.gaierror, UnicodeError) as exc:
                raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
            addrs = []
            for *_, sockaddr in infos:
                ip = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
                if ip not in addrs:
                    addrs.append(ip)
        if not addrs:
            raise httpcore.ConnectError(f"no address for {host}")
        refused = [str(a) for a in addrs if not self.allows(a)]
        if refused:
            raise BlockedAddress(f"{host} resolves to refused address(es) {', '.join(refused)}")
        return [str(a) for a in addrs]


def check_url(url: str, policy: AddressPolicy) -> tuple[str, int]:
    """Scheme and address check of one URL before anything is sent. Returns (host, port)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsupportedScheme(f"scheme {scheme or '(none)'!r} in {url[:200]}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise UnsupportedScheme(f"bad URL {url[:200]}: {exc}") from exc
    if not host:
        raise UnsupportedScheme(f"no host in {url[:200]}")
    port = port or (443 if scheme == "https" else 80)
    policy.resolve(host, port)
    return host, port


class GuardedBackend(httpcore.SyncBackend):
    """Resolve, check every address, then connect to a checked address (never to a name)."""

    def __init__(self, policy: AddressPolicy):
        self.policy = policy

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        last: Exception | None = None
        for ip in self.policy.resolve(host, port):
            try:
                return super().connect_tcp(ip, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    def connect_unix_socket(self, *args, **kwargs):  # pragma: no cover - never used
        raise BlockedAddress("unix sockets are not fetched")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the pool's network backend replaced by `GuardedBackend`; no proxies."""

    def __init__(self, policy: AddressPolicy, limits: httpx.Limits):
        super().__init__(limits=limits, trust_env=False, retries=0)
        ssl_context = httpx.create_ssl_context(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=GuardedBackend(policy),
        )
