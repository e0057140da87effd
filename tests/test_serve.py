"""`python -m atlas serve` sends text gzipped to a client that accepts it, as a static host does, so
the browser tests, the page-weight budget and Lighthouse see what a reader's connection carries."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

from tests.conftest import atlas_server


def _get(url: str, **headers: str):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        return response.headers, response.read()


def test_text_is_gzipped_for_a_client_that_accepts_it_and_plain_otherwise(site: Path):
    page = (site / "compare" / "index.html").read_bytes()
    plotly = (site / "assets" / "javascripts" / "plotly-basic.min.js").read_bytes()
    with atlas_server(site) as url:
        headers, body = _get(f"{url}/compare/", **{"Accept-Encoding": "gzip, deflate, br"})
        assert headers["Content-Encoding"] == "gzip" and headers["Content-Type"].startswith("text/html")
        assert gzip.decompress(body) == page and len(body) < len(page) / 3
        headers, body = _get(f"{url}/assets/javascripts/plotly-basic.min.js", **{"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == plotly
        headers, body = _get(f"{url}/compare/")
        assert headers["Content-Encoding"] is None and body == page
