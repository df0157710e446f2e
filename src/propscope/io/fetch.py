"""Fetching an article from a URL, safely.

A service that fetches URLs on behalf of its users can be turned against the network it
runs in (server-side request forgery): "analyze http://127.0.0.1:8080/admin" or a page
that redirects to the cloud's metadata address. So every hop is checked before anything
is sent:

- Only `http` and `https` URLs, without user names or passwords in them.
- The host is resolved once and every address it resolves to must be public: loopback,
  private, shared (carrier NAT), link-local, multicast, reserved and unspecified
  addresses are refused, IPv4 and IPv6 alike, including IPv4 addresses wrapped in IPv6
  (`::ffff:127.0.0.1`, 6to4, NAT64). The connection then goes to the address that was
  checked, so a DNS answer that changes between the check and the connection cannot
  slip through; TLS still verifies the certificate against the host name.
- Redirects are followed by hand, at most `max_redirects`, each new URL checked as the
  first was.
- The download stops at `max_bytes` (counted after decompression, which stops there
  too) and the whole fetch at `timeout` seconds, headers included: a watchdog shuts the
  connection at the deadline, however slowly the server sends.
- Only gzip and deflate compression are read; a page compressed otherwise is refused.
- Proxy settings from the environment are ignored: a proxy would connect wherever it
  was told, past the address check.
- A site that answers 429 (too many requests) or 503 (unavailable) is asked again, at
  most `retries` times, after the wait its Retry-After header names (else 1 s, then 2 s,
  4 s...); a wait longer than `max_wait` seconds is not waited for. Each try has its own
  `timeout`. The error names the wait the site asked for.

`allow_private_addresses=True` (or the environment variable
`PROPSCOPE_ALLOW_PRIVATE_ADDRESSES=1`) lets a newsroom fetch from its own network:
loopback, private and shared addresses are then allowed. Link-local (where clouds serve
their instance credentials, 169.254.169.254), multicast, reserved and unspecified
addresses stay refused.

The page's article is extracted with trafilatura: title, body, publication date, site.

>>> article = fetch_article("https://example.org/news/story")
>>> article.to_document().title
"""

from __future__ import annotations

import codecs
import email.utils
import ipaddress
import os
import socket
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from propscope.document import Document
from propscope.errors import (
    EmptyTextError,
    FetchError,
    FetchTimeoutError,
    UrlRefusedError,
    missing_dependency,
)
from propscope.io.feeds import looks_like_feed

__all__ = [
    "ALLOW_PRIVATE_ENV",
    "FetchedArticle",
    "Fetcher",
    "Page",
    "address_refusal",
    "fetch_article",
    "read_html",
    "retry_after",
]

ALLOW_PRIVATE_ENV = "PROPSCOPE_ALLOW_PRIVATE_ADDRESSES"
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_REDIRECTS = 5
DEFAULT_RETRIES = 2
DEFAULT_MAX_WAIT = 60.0
USER_AGENT = "propscope (+article analysis; fetches one page per request)"

_REDIRECTS = (301, 302, 303, 307, 308)
# Answers that say "not now": asked again after a wait.
_BUSY = (429, 503)
_ACCEPT_ENCODING = "gzip, deflate"
# The zlib window sizes: gzip's header, zlib's or gzip's (detected), and raw deflate.
_GZIP_WBITS = 16 + zlib.MAX_WBITS
_AUTO_WBITS = 32 + zlib.MAX_WBITS
_RAW_WBITS = -zlib.MAX_WBITS
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_XML_TYPES = ("application/xml", "text/xml")
# Codecs Python has that are no page's character set (their `codecs.lookup` names).
_NOT_CHARSETS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


# --- addresses ----------------------------------------------------------------------


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, NAT64), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_refusal(address: str | IPAddress, *, allow_private: bool = False) -> str | None:
    """Why `address` may not be fetched from ("a loopback address"), or None when it may.

    With `allow_private`, loopback, private and shared addresses are allowed; link-local,
    multicast, reserved and unspecified ones never are.
    """
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    embedded = _embedded_ipv4(ip)
    if embedded is not None:
        reason = address_refusal(embedded, allow_private=allow_private)
        return None if reason is None else f"{reason} (inside the IPv6 address {ip})"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_loopback:
        return None if allow_private else "a loopback address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return None if allow_private else "a private address"
    if not ip.is_global:
        return None if allow_private else "an address that is not publicly routable"
    return None


def _system_resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            f"cannot resolve the host {host!r}: {exc}. Check the URL for typos."
        ) from None
    return [str(info[4][0]) for info in infos]


def _allow_private_from_env() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


# --- results ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """What a URL answered, after redirects: the bytes (at most `max_bytes`)."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes


@dataclass(frozen=True, slots=True)
class FetchedArticle:
    """The article a page holds. `text` is the body, one paragraph a line, paragraphs
    separated by an empty line; `published` is an ISO date or None; `site` the site's
    name, or its host where the page does not name it."""

    url: str
    final_url: str
    title: str | None
    text: str
    published: str | None = None
    site: str | None = None

    def to_document(self, *, id: str | None = None) -> Document:
        return Document.from_text(
            self.text,
            title=self.title,
            id=id,
            source=self.site,
            url=self.final_url,
            published=self.published,
            origin=f"the page at {self.final_url}",
        )


# --- the watchdog and the decoder -----------------------------------------------------


class _Watchdog:
    """Shuts every connection one download opened once its time is up.

    httpx's timeout bounds each read, so a server sending a byte every second would hold
    the fetch for ever; `trace`, given as httpx's "trace" request extension, learns of
    each connection as it is made, and a timer shuts them all (`SHUT_RDWR`) at the
    deadline, which ends any read in progress. A connection made after that is shut at
    once. `close()` when the download ends.
    """

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._closed = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def start(self) -> None:
        self._timer.start()

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._closed = True
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        # A duplicate, not the socket itself: TLS moves the connection to a new socket
        # object and detaches this one, while a duplicate still reaches the connection
        # (shutting it down shuts the connection for every descriptor).
        try:
            twin = sock.dup()
        except OSError:
            return
        with self._lock:
            if self._closed:
                twin.close()
                return
            self._sockets.append(twin)
            if self.fired:
                _shut(twin)

    def _fire(self) -> None:
        # Under the lock, so that close() cannot close a socket being shut.
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # not connected any more
        pass


class _Decoder:
    """Decompresses a body as its Content-Encoding says, at most `limit` bytes a call.

    gzip and deflate only (what the request's Accept-Encoding offers); deflate is zlib's
    format, or gzip's, or raw deflate data as some servers send. Any other encoding, or
    several stacked, is refused with a `FetchError`.
    """

    def __init__(self, content_encoding: str | None, url: str) -> None:
        self.url = url
        self.encoding = (content_encoding or "").strip().lower()
        self._probing = False  # deflate: whether raw deflate may still be what comes
        self._head = b""
        if self.encoding in ("", "identity"):
            self._inflater = None
        elif self.encoding in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(_GZIP_WBITS)
        elif self.encoding == "deflate":
            self._inflater = zlib.decompressobj(_AUTO_WBITS)
            self._probing = True
        else:
            raise FetchError(
                f"the page at {url} came compressed as {self.encoding}, which propscope "
                "does not read (it reads gzip and deflate); paste the article's text instead."
            )

    def decode(self, data: bytes, limit: int) -> bytes:
        """The bytes `data` decodes to, at most `limit` of them; `limit` bytes back means
        that there may be more."""
        if self._inflater is None:
            return data
        if self._inflater.eof:  # anything after the compressed stream is not the page
            return b""
        try:
            if self._probing:
                return self._probe(data, limit)
            return self._inflater.decompress(data, limit)
        except zlib.error as exc:
            raise FetchError(
                f"the page at {self.url} came compressed as {self.encoding} but cannot be "
                f"decompressed ({exc}); the site may have sent it damaged. Try again later, "
                "or paste the article's text instead."
            ) from None

    def _probe(self, data: bytes, limit: int) -> bytes:
        """Deflate's first bytes: a zlib or gzip header, or else raw deflate data (zlib
        tells after two bytes, which are kept until then)."""
        assert self._inflater is not None
        self._head += data
        try:
            out = self._inflater.decompress(data, limit)
        except zlib.error:
            self._probing = False
            self._inflater = zlib.decompressobj(_RAW_WBITS)
            return self._inflater.decompress(self._head, limit)
        if len(self._head) >= 2:
            self._probing = False
            self._head = b""
        return out


# --- a busy site ----------------------------------------------------------------------


def retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """The seconds a Retry-After header asks to wait (a number of seconds, or an HTTP
    date); None where there is no header or it reads as neither. A date in the past is 0."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # pragma: no cover - HTTP dates are in GMT
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class _Busy(Exception):
    """A site answered 429 or 503: ask again after `wait` seconds (None: not said)."""

    def __init__(self, url: str, status: str, wait: float | None) -> None:
        super().__init__(url)
        self.url, self.status, self.wait = url, status, wait

    def message(self, tries: int) -> str:
        asked = f" and asks to wait {self.wait:g} s" if self.wait is not None else ""
        times = f" ({tries} tries)" if tries > 1 else ""
        return (
            f"{self.url} answered HTTP {self.status}{asked}{times}: the site limits how "
            "often it is read, or is down for now. Try again later; with propscope batch, "
            "rerun with fewer pages fetched at once (PROPSCOPE_FETCH_WORKERS=1): only the "
            "pages that failed are fetched again."
        )


# --- the fetcher --------------------------------------------------------------------


class Fetcher:
    """Downloads pages under the rules in this module's docstring.

    `allow_private_addresses=None` reads the environment variable
    `PROPSCOPE_ALLOW_PRIVATE_ADDRESSES`. `retries` and `max_wait` bound how often and how
    long a busy site (429, 503) is waited for. `resolve(host, port) -> addresses`,
    `transport` (an `httpx` transport) and `sleep` are there for tests.
    """

    def __init__(
        self,
        *,
        allow_private_addresses: bool | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        timeout: float = DEFAULT_TIMEOUT,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        user_agent: str = USER_AGENT,
        retries: int = DEFAULT_RETRIES,
        max_wait: float = DEFAULT_MAX_WAIT,
        resolve: Resolver | None = None,
        transport: Any = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if max_bytes <= 0 or timeout <= 0 or max_redirects < 0:
            raise ValueError(
                f"need max_bytes > 0, timeout > 0 and max_redirects >= 0; got "
                f"{max_bytes}, {timeout} and {max_redirects}"
            )
        if retries < 0 or max_wait < 0:
            raise ValueError(f"need retries >= 0 and max_wait >= 0; got {retries} and {max_wait}")
        if allow_private_addresses is None:
            allow_private_addresses = _allow_private_from_env()
        self.allow_private_addresses = allow_private_addresses
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self.retries = retries
        self.max_wait = max_wait
        self._resolve = resolve or _system_resolve
        self._transport = transport
        self._sleep = sleep

    def __repr__(self) -> str:
        return (
            f"Fetcher(allow_private_addresses={self.allow_private_addresses}, "
            f"max_bytes={self.max_bytes}, timeout={self.timeout}, "
            f"max_redirects={self.max_redirects}, retries={self.retries}, "
            f"max_wait={self.max_wait})"
        )

    # -- checks ----------------------------------------------------------------------

    def check_url(self, url: str) -> tuple[str, int, str]:
        """Check `url` and resolve its host: (host, port, the address to connect to).

        Raises `UrlRefusedError` naming the rule it breaks.
        """
        try:
            parts = urlsplit(url.strip())
        except ValueError as exc:  # "http://[::1": an unclosed IPv6 address
            raise UrlRefusedError(f"the URL {url!r} is not a valid address ({exc}).") from None
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            shown = f"{scheme}:" if scheme else "no scheme"
            raise UrlRefusedError(
                f"the URL {url!r} has {shown}; only http:// and https:// pages can be "
                "fetched. Give the page's web address."
            )
        if parts.username is not None or parts.password is not None:
            raise UrlRefusedError(
                f"the URL {url!r} holds a user name or password; give the page's public "
                "address without them."
            )
        host = parts.hostname
        if not host:
            raise UrlRefusedError(f"the URL {url!r} names no host. Give a full address.")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError:
            raise UrlRefusedError(f"the URL {url!r} has an invalid port.") from None
        addresses = list(self._resolve(host, port))
        if not addresses:
            raise FetchError(f"the host {host!r} resolves to no address.")
        for address in addresses:
            try:
                reason = address_refusal(address, allow_private=self.allow_private_addresses)
            except ValueError:
                reason = "not an IP address"
            if reason is not None:
                hint = (
                    " Link-local, multicast, reserved and unspecified addresses are never fetched."
                    if self.allow_private_addresses
                    else " To fetch from a newsroom's own network, allow private addresses "
                    f"with {ALLOW_PRIVATE_ENV}=1 (propscope serve: --allow-private-addresses)."
                )
                raise UrlRefusedError(
                    f"refused to fetch {url!r}: the host {host!r} resolves to {address}, "
                    f"{reason}. propscope fetches only public web addresses.{hint}"
                )
        return host, port, addresses[0]

    # -- downloading -----------------------------------------------------------------

    def download(self, url: str) -> Page:
        """Fetch `url`, following redirects by hand; every hop is checked first. A busy
        site (429, 503) is asked again after the wait it names, `retries` times at most."""
        for attempt in range(self.retries + 1):
            try:
                return self._download(url)
            except _Busy as busy:
                wait = busy.wait if busy.wait is not None else float(2**attempt)
                if attempt == self.retries or wait > self.max_wait:
                    raise FetchError(busy.message(attempt + 1)) from None
                self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _download(self, url: str) -> Page:
        """One try of `download`; a busy answer raises `_Busy`."""
        httpx = _import_httpx()
        deadline = time.monotonic() + self.timeout
        current = url.strip()
        client = httpx.Client(
            transport=self._transport, trust_env=False, follow_redirects=False, verify=True
        )
        watchdog = _Watchdog(self.timeout)
        watchdog.start()
        try:
            for _hop in range(self.max_redirects + 1):
                host, port, address = self.check_url(current)
                with self._open(
                    client, current, host, port, address, deadline, watchdog
                ) as response:
                    if response.status_code in _REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(
                                f"{current} answered {response.status_code} (a redirect) "
                                "without saying where to."
                            )
                        current = urljoin(current, location.strip())
                        continue
                    if response.status_code in _BUSY:
                        raise _Busy(
                            current,
                            f"{response.status_code} {response.reason_phrase}",
                            retry_after(response.headers.get("retry-after")),
                        )
                    if response.status_code >= 400:
                        raise FetchError(
                            f"{current} answered HTTP {response.status_code} "
                            f"{response.reason_phrase}. Check that the page exists and is "
                            "public."
                        )
                    body = self._read(response, current, deadline, watchdog)
                    content_type = response.headers.get("content-type", "")
                    return Page(
                        url=url,
                        final_url=current,
                        content_type=content_type.split(";")[0].strip().lower(),
                        charset=response.charset_encoding,
                        body=body,
                    )
        except httpx.TimeoutException:
            raise self._timeout(url) from None
        except httpx.HTTPError as exc:
            # Once the watchdog has shut the connection, whatever httpx makes of that
            # (a server that "disconnected", a read error) is the timeout.
            if watchdog.fired:
                raise self._timeout(url) from None
            if not isinstance(exc, httpx.TransportError):
                raise
            reason = str(exc).rstrip(".") or type(exc).__name__
            raise FetchError(f"could not fetch {current}: {reason}.") from None
        finally:
            client.close()
            watchdog.close()
        raise FetchError(
            f"{url} redirects more than {self.max_redirects} times; give the page's final address."
        )

    def _open(
        self,
        client: Any,
        url: str,
        host: str,
        port: int,
        address: str,
        deadline: float,
        watchdog: _Watchdog,
    ) -> Any:
        """Stream a GET of `url` from the checked `address`, with the host's name in the
        Host header and in TLS (for SNI and for checking the certificate); `watchdog`
        learns of every socket the request opens."""
        httpx = _import_httpx()
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise self._timeout(url)
        target = httpx.URL(url)
        name = f"[{host}]" if ":" in host else host  # an IPv6 literal
        default_port = 443 if target.scheme == "https" else 80
        host_header = name if port == default_port else f"{name}:{port}"
        pinned = target.copy_with(host=address, port=port)
        return client.stream(
            "GET",
            pinned,
            headers={
                "Host": host_header,
                "User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
                # Only what _Decoder reads, whatever httpx would offer by default.
                "Accept-Encoding": _ACCEPT_ENCODING,
            },
            # httpx's timeout bounds each read, not the request: the watchdog bounds that.
            timeout=httpx.Timeout(remaining),
            extensions={"sni_hostname": host, "trace": watchdog.trace},
        )

    def _read(self, response: Any, url: str, deadline: float, watchdog: _Watchdog) -> bytes:
        """The body, decompressed here rather than by httpx, so that no more than
        `max_bytes + 1` decoded bytes ever exist (httpx would decode a whole network chunk
        at once, megabytes from a few kilobytes)."""
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(self._too_large(url, f"says it has {int(declared):,} bytes"))
        decoder = _Decoder(response.headers.get("content-encoding"), url)
        chunks: list[bytes] = []
        received = 0
        size = 0
        for raw in response.iter_raw():
            if watchdog.fired or time.monotonic() > deadline:
                raise self._timeout(url)
            received += len(raw)
            chunk = decoder.decode(raw, self.max_bytes - size + 1)
            size += len(chunk)
            # The bytes as sent count too: a compressed body's trailing data is not decoded.
            if size > self.max_bytes or received > self.max_bytes:
                raise FetchError(self._too_large(url, "is larger"))
            chunks.append(chunk)
        if watchdog.fired:  # the connection was shut: what came may be cut short
            raise self._timeout(url)
        return b"".join(chunks)

    def _too_large(self, url: str, what: str) -> str:
        return (
            f"the page at {url} {what}; propscope downloads at most {self.max_bytes:,} bytes. "
            "Paste the article's text instead."
        )

    def _timeout(self, url: str) -> FetchTimeoutError:
        return FetchTimeoutError(
            f"fetching {url} took longer than {self.timeout:g} second"
            f"{'' if self.timeout == 1 else 's'}; the site may be slow "
            "or unreachable. Try again later, or paste the article's text instead."
        )

    # -- extracting ------------------------------------------------------------------

    def fetch(self, url: str) -> FetchedArticle:
        """Download `url` and extract its article."""
        return extract_article(self.download(url))


def extract_article(page: Page) -> FetchedArticle:
    """The article in a downloaded page: trafilatura for HTML, the text as it is for
    plain text. Raises `FetchError` when the page is of another kind or holds no text."""
    if page.content_type == "text/plain":
        text = _decode(page.body, page.charset)
        if not text.strip():
            raise EmptyTextError(f"the page at {page.final_url} is empty.")
        return FetchedArticle(
            page.url, page.final_url, None, text, site=urlsplit(page.final_url).hostname
        )
    if page.content_type in _FEED_TYPES or (
        page.content_type in _XML_TYPES and looks_like_feed(page.body)
    ):
        raise FetchError(
            f"the page at {page.final_url} is a news feed or sitemap ({page.content_type}), "
            "not an article. Give the address of one of its articles, or list them all "
            f"with `propscope links {page.final_url} -o links.csv` and analyze links.csv."
        )
    if page.content_type and page.content_type not in _HTML_TYPES:
        raise FetchError(
            f"the page at {page.final_url} is {page.content_type}, not an HTML page; "
            "propscope reads web pages and plain text. Paste the article's text instead."
        )
    content: bytes | str = page.body if page.charset is None else _decode(page.body, page.charset)
    found = _extract(content, page.final_url, feature="Reading articles from URLs")
    if found is None:
        raise EmptyTextError(
            f"found no article text on the page at {page.final_url}. It may be built by "
            "script or behind a paywall; paste the article's text instead."
        )
    return FetchedArticle(
        url=page.url,
        final_url=page.final_url,
        title=found.title,
        text=found.text,
        published=found.published,
        site=found.site or urlsplit(page.final_url).hostname,
    )


def read_html(
    content: bytes | str,
    *,
    id: str | None,
    origin: str,
    given: dict[str, str | None] | None = None,
    metadata: dict[str, Any] | None = None,
) -> Document:
    """The article in a saved web page (a `.html` file, or the `html` field of a
    JSONL line or table row), as the fetcher reads a page: its title, body, date, site
    and the address it names for itself. `given` title, source, url and published
    (not None) replace what the page names. Raises `EmptyTextError` when the page
    holds no article text."""
    found = _extract(content, None, feature="Reading saved web pages (HTML)")
    if found is None:
        raise EmptyTextError(
            f"{origin}: found no article text in this web page. It may be built by script "
            "(save the page after it has loaded, or give the article's text instead)."
        )
    own = {
        "title": found.title,
        "source": found.site,
        "url": found.url,
        "published": found.published,
    }
    fields = {key: (given or {}).get(key) or value for key, value in own.items()}
    return Document.from_text(
        found.text,
        title=fields["title"],
        id=id,
        source=fields["source"],
        url=fields["url"],
        published=fields["published"],
        metadata=metadata,
        origin=origin,
    )


@dataclass(frozen=True, slots=True)
class _Extracted:
    title: str | None
    text: str
    published: str | None
    site: str | None
    url: str | None


def _extract(content: bytes | str, url: str | None, *, feature: str) -> _Extracted | None:
    """trafilatura's reading of a page's article, paragraphs joined by empty lines;
    None where it finds no text."""
    try:
        import trafilatura
    except ImportError:
        raise missing_dependency("trafilatura", feature=feature, extra="web") from None
    found = trafilatura.bare_extraction(
        content,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
    )
    raw_text = getattr(found, "text", None) or ""
    title = _clean(getattr(found, "title", None))
    paragraphs = [" ".join(line.split()) for line in raw_text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the page's <h1> repeats its title
    if not paragraphs:
        return None
    own_url = _clean(getattr(found, "url", None))
    return _Extracted(
        title=title,
        text="\n\n".join(paragraphs),
        published=_clean(getattr(found, "date", None)),
        site=_clean(getattr(found, "sitename", None)),
        url=own_url if own_url and own_url.startswith(("http://", "https://")) else None,
    )


def fetch_article(
    url: str, *, allow_private_addresses: bool | None = None, **options: Any
) -> FetchedArticle:
    """Fetch `url` and extract its article; `options` are `Fetcher`'s."""
    return Fetcher(allow_private_addresses=allow_private_addresses, **options).fetch(url)


def _decode(body: bytes, charset: str | None) -> str:
    """`body` in `charset`, or in UTF-8 where Python does not know that charset or it is a
    codec no page is written in (idna fails on most bytes; punycode turns any ASCII page
    into nonsense)."""
    try:
        codec = codecs.lookup(charset or "utf-8").name
        if codec not in _NOT_CHARSETS:
            return body.decode(codec, errors="replace")
    except (LookupError, UnicodeError):
        pass
    return body.decode("utf-8", errors="replace")


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    flat = " ".join(value.split())
    return flat or None


def _import_httpx() -> Any:
    try:
        import httpx
    except ImportError:
        raise missing_dependency("httpx", feature="Fetching URLs", extra="web") from None
    return httpx
