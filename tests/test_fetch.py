"""Fetching URLs: the address rules (every hop), the limits, and article extraction.

Pages come from a local http.server on 127.0.0.1, fetched with private addresses
allowed; the refusals are checked with a stand-in resolver and transport, so no test
reaches outside this machine."""

from __future__ import annotations

import socket
import time
import tracemalloc

import pytest

from web_helpers import ARTICLE_HTML, ArticleSite, gzip_bomb, require

httpx = require("httpx")
require("trafilatura")

from propscope.errors import (  # noqa: E402
    EmptyTextError,
    FetchError,
    FetchTimeoutError,
    UrlRefusedError,
)
from propscope.io.fetch import (  # noqa: E402
    ALLOW_PRIVATE_ENV,
    Fetcher,
    Page,
    address_refusal,
    extract_article,
    fetch_article,
    retry_after,
)

PUBLIC = "93.184.215.14"


@pytest.fixture(scope="module")
def site():
    with ArticleSite() as site:
        yield site


@pytest.fixture
def local() -> Fetcher:
    return Fetcher(allow_private_addresses=True, timeout=5, max_bytes=100_000)


# --- the address rules -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.1.2.3", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.7", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("100.64.0.1", "not publicly routable"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:169.254.169.254", "link-local"),
        ("2002:7f00:1::1", "loopback"),  # 6to4 around 127.0.0.1
        ("64:ff9b::a00:7", "private"),  # NAT64 around 10.0.0.7
    ],
)
def test_non_public_addresses_are_refused(address, reason):
    refusal = address_refusal(address)
    assert refusal is not None and reason in refusal


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address):
    assert address_refusal(address) is None
    assert address_refusal(address, allow_private=True) is None


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "10.0.0.7", "192.168.1.1", "fd00::5"])
def test_the_setting_allows_private_and_loopback_addresses(address):
    assert address_refusal(address, allow_private=True) is None


@pytest.mark.parametrize(
    "address", ["169.254.169.254", "fe80::1", "224.0.0.1", "0.0.0.0", "240.0.0.1", "::"]
)
def test_the_setting_never_allows_link_local_multicast_reserved_or_unspecified(address):
    assert address_refusal(address, allow_private=True) is not None


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/file",
        "gopher://example.org/",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "example.org/news",
        "//example.org/news",
    ],
)
def test_only_http_and_https_urls_are_fetched(url):
    with pytest.raises(UrlRefusedError, match="only http:// and https://"):
        Fetcher(resolve=lambda host, port: [PUBLIC]).check_url(url)


def test_a_malformed_url_is_refused_not_raised():
    # An unclosed IPv6 address raised ValueError out of the fetcher (a 500 in the web
    # service, a crash of `propscope analyze URL`).
    with pytest.raises(UrlRefusedError, match="is not a valid address"):
        Fetcher().check_url("http://[::1")


def test_a_url_with_credentials_is_refused():
    with pytest.raises(UrlRefusedError, match="user name or password"):
        Fetcher(resolve=lambda host, port: [PUBLIC]).check_url("https://user:pw@example.org/")


def test_a_host_resolving_to_any_private_address_is_refused():
    # One bad answer among good ones is enough: the connection could go to either.
    fetcher = Fetcher(resolve=lambda host, port: [PUBLIC, "127.0.0.1"])
    with pytest.raises(UrlRefusedError) as caught:
        fetcher.check_url("http://mixed.example/")
    message = str(caught.value)
    assert "127.0.0.1" in message and "loopback" in message
    assert "--allow-private-addresses" in message  # says how a newsroom allows it


def test_literal_and_disguised_loopback_hosts_are_refused_by_default():
    fetcher = Fetcher(allow_private_addresses=False)
    for url in ("http://127.0.0.1:8080/admin", "http://[::1]/", "http://2130706433/"):
        with pytest.raises(UrlRefusedError, match="loopback"):
            fetcher.check_url(url)


def test_the_setting_comes_from_the_environment_when_not_given(monkeypatch):
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    assert Fetcher().allow_private_addresses is True
    assert Fetcher(allow_private_addresses=False).allow_private_addresses is False
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "0")
    assert Fetcher().allow_private_addresses is False


# --- every hop is checked (stand-in resolver and transport) -------------------------------


class _Network:
    """Resolves names from a table and answers requests from a table, recording both."""

    def __init__(self, names, pages):
        self.names = names
        self.pages = pages
        self.sent: list[httpx.Request] = []

    def resolve(self, host, port):
        return self.names[host]

    def handle(self, request):
        self.sent.append(request)
        return self.pages[(request.headers["host"], request.url.path)]()


def _redirect(location):
    return lambda: httpx.Response(302, headers={"location": location})


def _page():
    # Streamed, as from a network: the fetcher reads (and decompresses) the raw bytes itself.
    return httpx.Response(
        200,
        headers={"content-type": "text/html; charset=utf-8"},
        content=iter(
            [
                b"<html><head><title>Story</title></head><body><article>"
                b"<p>The council voted to sell the old harbour to a developer on Tuesday.</p>"
                b"<p>Fishermen say the plan will destroy their livelihoods for good.</p>"
                b"</article></body></html>"
            ]
        ),
    )


@pytest.fixture
def network():
    return _Network(
        names={
            "news.example": [PUBLIC],
            "internal.example": ["10.0.0.7"],
            "127.0.0.1": ["127.0.0.1"],
            "169.254.169.254": ["169.254.169.254"],
        },
        pages={
            ("news.example", "/story"): _page,
            ("news.example", "/to-loopback"): _redirect("http://127.0.0.1:8080/admin"),
            ("news.example", "/to-internal"): _redirect("http://internal.example/secret"),
            ("news.example", "/to-metadata"): _redirect("http://169.254.169.254/latest/"),
            ("news.example", "/to-file"): _redirect("file:///etc/passwd"),
            ("news.example", "/hop"): _redirect("/story"),
        },
    )


def _fetcher(network, **options):
    return Fetcher(
        resolve=network.resolve, transport=httpx.MockTransport(network.handle), **options
    )


def test_the_connection_goes_to_the_checked_address_with_the_host_name_kept(network):
    page = _fetcher(network).download("http://news.example/story")
    assert page.final_url == "http://news.example/story"
    (request,) = network.sent
    assert request.url.host == PUBLIC  # no second DNS lookup can change where it goes
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ("/to-loopback", "127.0.0.1"),
        ("/to-internal", "10.0.0.7"),
        ("/to-metadata", "169.254.169.254"),
    ],
)
def test_a_redirect_from_a_public_host_to_a_private_one_is_refused(network, path, refused):
    with pytest.raises(UrlRefusedError, match=refused):
        _fetcher(network, allow_private_addresses=False).download(f"http://news.example{path}")
    # Only the public hop was ever requested.
    assert [r.url.host for r in network.sent] == [PUBLIC]


def test_a_redirect_to_another_scheme_is_refused(network):
    with pytest.raises(UrlRefusedError, match="only http:// and https://"):
        _fetcher(network).download("http://news.example/to-file")


def test_a_redirect_to_link_local_is_refused_even_with_private_addresses_allowed(network):
    with pytest.raises(UrlRefusedError, match="link-local"):
        _fetcher(network, allow_private_addresses=True).download("http://news.example/to-metadata")


def test_relative_redirects_are_followed_and_checked(network):
    page = _fetcher(network).download("http://news.example/hop")
    assert page.final_url == "http://news.example/story"
    assert [r.url.path for r in network.sent] == ["/hop", "/story"]


# --- the limits, against a real local server ---------------------------------------------


def test_an_article_page_is_read_into_title_body_date_and_site(site, local):
    article = local.fetch(site.url("/article"))
    assert article.title == "Council sells the HARBOUR"
    assert article.site == "Brinmouth Gazette"
    assert article.published == "2024-03-05"
    assert article.text.startswith("The Brinmouth town council voted on Tuesday")
    assert "\n\n" in article.text  # paragraphs stay apart
    assert "Copyright" not in article.text and "Sport" not in article.text  # boilerplate
    assert "Council sells the HARBOUR" not in article.text  # the <h1> is the title
    doc = article.to_document()
    assert doc.title == "Council sells the HARBOUR"
    assert doc.text.startswith("Council sells the HARBOUR\n\nThe Brinmouth")
    assert (doc.source, doc.url, doc.published) == (
        "Brinmouth Gazette",
        site.url("/article"),
        "2024-03-05",
    )


def test_redirects_are_followed_to_the_article(site, local):
    article = local.fetch(site.url("/redirect-twice"))
    assert article.final_url == site.url("/article")
    assert article.url == site.url("/redirect-twice")
    assert article.title == "Council sells the HARBOUR"


def test_too_many_redirects_stop_with_a_message(site):
    fetcher = Fetcher(allow_private_addresses=True, timeout=5, max_redirects=3)
    with pytest.raises(FetchError, match="redirects more than 3 times"):
        fetcher.fetch(site.url("/loop"))
    with pytest.raises(FetchError, match="redirects more than 1 times"):
        Fetcher(allow_private_addresses=True, max_redirects=1).fetch(site.url("/redirect-twice"))


def test_a_local_server_is_refused_without_the_setting(site):
    before = len(site.requests)
    with pytest.raises(UrlRefusedError, match="loopback"):
        Fetcher(allow_private_addresses=False).fetch(site.url("/article"))
    assert len(site.requests) == before  # nothing was sent


def test_a_redirect_to_link_local_from_a_real_server_is_refused(site, local):
    with pytest.raises(UrlRefusedError, match="link-local"):
        local.fetch(site.url("/to-metadata"))


def test_a_page_larger_than_the_limit_is_refused(site, local):
    with pytest.raises(FetchError, match="at most 100,000 bytes"):
        local.fetch(site.url("/big"))  # says its size up front
    with pytest.raises(FetchError, match="at most 100,000 bytes"):
        local.fetch(site.url("/big-unsized"))  # counted while reading


def test_a_page_slower_than_the_limit_times_out(site):
    fetcher = Fetcher(allow_private_addresses=True, timeout=0.3)
    with pytest.raises(FetchTimeoutError, match=r"longer than 0\.3 seconds"):
        fetcher.fetch(site.url("/slow"))


def test_headers_sent_a_byte_at_a_time_stop_at_the_time_limit(site):
    # Each byte comes well within the read timeout; only the watchdog bounds the whole.
    fetcher = Fetcher(allow_private_addresses=True, timeout=1.0)
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="longer than 1 second"):
        fetcher.download(site.url("/trickle"))
    assert time.monotonic() - started < 3.0  # the server would go on for about 20 s


def test_the_watchdog_shuts_a_connection_made_after_it_fired():
    from propscope.io.fetch import _Watchdog

    class Stream:
        def __init__(self, sock):
            self.sock = sock

        def get_extra_info(self, name):
            return self.sock if name == "socket" else None

    watchdog = _Watchdog(0.01)
    watchdog.start()
    deadline = time.monotonic() + 5
    while not watchdog.fired and time.monotonic() < deadline:
        time.sleep(0.01)
    left, right = socket.socketpair()
    with left, right:
        watchdog.trace("connection.connect_tcp.complete", {"return_value": Stream(left)})
        assert left.recv(1) == b""  # shut: reading ends at once
    watchdog.close()


def test_gzip_and_deflate_pages_are_read(site, local):
    for path in ("/gzip", "/deflate", "/raw-deflate"):
        article = local.fetch(site.url(path))
        assert article.title == "Council sells the HARBOUR", path
        assert article.text.startswith("The Brinmouth town council voted on Tuesday"), path


def test_a_compression_bomb_stops_at_the_limit_without_being_inflated(site, local):
    gzip_bomb()  # made before memory is traced
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="at most 100,000 bytes"):
            local.download(site.url("/bomb"))  # 100 KB that inflate to 100 MB
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, f"{peak:,} bytes at the peak"


@pytest.mark.parametrize(("path", "encoding"), [("/brotli", "br"), ("/gzip-twice", "gzip, gzip")])
def test_other_compressions_are_refused_by_name(site, local, path, encoding):
    with pytest.raises(FetchError) as caught:
        local.download(site.url(path))
    message = str(caught.value)
    assert f"came compressed as {encoding}, which propscope does not read" in message
    assert "paste the article's text instead" in message


def test_a_server_that_hangs_up_reads_as_one_sentence(site, local):
    with pytest.raises(FetchError) as caught:
        local.download(site.url("/hang-up"))
    message = str(caught.value)
    assert message.startswith(f"could not fetch {site.url('/hang-up')}: ")
    assert "without sending a response" in message
    assert message.endswith(".") and not message.endswith("..")


@pytest.mark.parametrize("charset", ["idna", "punycode", "undefined", "no-such-charset"])
def test_a_charset_that_cannot_decode_a_page_falls_back_to_utf8(charset):
    url = "http://news.example/plain"
    page = Page(url, url, "text/plain", charset, "They are LIARS, café.\xff".encode("latin-1"))
    assert extract_article(page).text == "They are LIARS, caf\ufffd.\ufffd"
    html = Page(url, url, "text/html", charset, ARTICLE_HTML.encode("utf-8"))
    assert extract_article(html).title == "Council sells the HARBOUR"


def test_pages_that_hold_no_article_say_so(site, local):
    with pytest.raises(FetchError, match="application/pdf, not an HTML page"):
        local.fetch(site.url("/pdf"))
    with pytest.raises(EmptyTextError, match="no article text"):
        local.fetch(site.url("/empty"))
    with pytest.raises(FetchError, match="HTTP 404"):
        local.fetch(site.url("/missing"))


def test_plain_text_and_declared_charsets_are_read(site, local):
    plain = local.fetch(site.url("/plain"))
    assert plain.text == "They are LIARS. All of them." and plain.title is None
    latin = local.fetch(site.url("/latin1"))
    assert "in the café" in latin.text


def test_fetch_article_passes_the_setting_on(site):
    assert fetch_article(site.url("/article"), allow_private_addresses=True).title
    with pytest.raises(UrlRefusedError):
        fetch_article(site.url("/article"), allow_private_addresses=False)


def test_an_unknown_host_is_a_fetch_error():
    with pytest.raises(FetchError, match="cannot resolve"):
        Fetcher().check_url("http://no-such-host.invalid/")


# --- a busy site -------------------------------------------------------------------------


def _counting(site: ArticleSite, path: str) -> int:
    return site.requests.count(path)


def test_a_busy_site_is_asked_again_after_the_wait_it_names(site, local):
    waits: list[float] = []
    before = _counting(site, "/busy-once")
    fetcher = Fetcher(allow_private_addresses=True, timeout=5, sleep=waits.append)
    article = fetcher.fetch(site.url("/busy-once"))
    assert article.title == "Council sells the HARBOUR"
    assert waits == [1.0]
    assert _counting(site, "/busy-once") - before == 2


def test_a_site_still_busy_after_the_retries_is_an_error_naming_the_fix(site):
    waits: list[float] = []
    before = _counting(site, "/unavailable")
    fetcher = Fetcher(allow_private_addresses=True, timeout=5, retries=2, sleep=waits.append)
    with pytest.raises(
        FetchError,
        match=r"HTTP 503 .*asks to wait 0 s \(3 tries\).*Try again later.*"
        r"PROPSCOPE_FETCH_WORKERS=1",
    ):
        fetcher.fetch(site.url("/unavailable"))
    assert waits == [0.0, 0.0]
    assert _counting(site, "/unavailable") - before == 3


def test_a_wait_longer_than_the_limit_is_not_waited_for(site):
    waits: list[float] = []
    before = _counting(site, "/busy-long")
    fetcher = Fetcher(allow_private_addresses=True, timeout=5, max_wait=60, sleep=waits.append)
    with pytest.raises(FetchError, match=r"HTTP 429 Too Many Requests and asks to wait 3600 s:"):
        fetcher.fetch(site.url("/busy-long"))
    assert waits == []
    assert _counting(site, "/busy-long") - before == 1


def test_a_busy_site_that_names_no_wait_is_given_a_growing_one(site):
    waits: list[float] = []
    fetcher = Fetcher(allow_private_addresses=True, timeout=5, retries=3, sleep=waits.append)
    with pytest.raises(FetchError, match=r"HTTP 429 Too Many Requests \(4 tries\)"):
        fetcher.fetch(site.url("/busy-unsaid"))
    assert waits == [1.0, 2.0, 4.0]


def test_without_retries_a_busy_site_is_asked_once(site):
    before = _counting(site, "/unavailable")
    fetcher = Fetcher(allow_private_addresses=True, timeout=5, retries=0, sleep=pytest.fail)
    with pytest.raises(FetchError, match=r"HTTP 503 Service Unavailable and asks to wait 0 s:"):
        fetcher.fetch(site.url("/unavailable"))
    assert _counting(site, "/unavailable") - before == 1


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (None, None),
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Sat, 05 Dec 2026 22:00:30 GMT", 30.0),
        ("Sat, 05 Dec 2026 21:00:00 GMT", 0.0),  # in the past
        ("soon", None),
        ("-5", None),
    ],
)
def test_retry_after_reads_seconds_and_dates(value, seconds):
    now = 1796508000.0  # Sat, 05 Dec 2026 22:00:00 GMT
    assert retry_after(value, now=now) == seconds


def test_fetcher_settings_are_checked():
    with pytest.raises(ValueError, match="retries >= 0"):
        Fetcher(retries=-1)
