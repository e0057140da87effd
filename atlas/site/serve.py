"""`python -m atlas serve`: the built site on 127.0.0.1, plus filtered embeds and downloads.

Static files come from site/ as built. A query string on an embed or a download
(`/embed/features-web/?frameworks=flask,fastapi&columns=license,openapi`,
`/downloads/task-coverage.csv?frameworks=flask`) is answered by writing that selection from
the same table model the build used; a bad id gets 400 and a message listing the valid ones.
On a static host without this server the query string is ignored and the full pre-built
table is served (`python -m atlas export ... --format embed` writes a filtered one).
Text files go out gzipped to a client that accepts it, as a static host such as GitHub Pages
sends them, so what a browser or Lighthouse measures here is what a reader's connection carries.
`serving()` runs this server as a managed subprocess for the tests, the page-weight budget
and the Lighthouse script.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

from atlas.core.catalog import DATA_DIR, ROOT, load_catalog
from atlas.site.export import DOWNLOADS, EMBED_CSP, FORMATS, embed_page, split_ids
from atlas.site.tables import Table, UnknownIds, all_tables

HOST = "127.0.0.1"
_EMBED = re.compile(r"/embed/([a-z0-9-]+)/(?:index\.html)?")
_DOWNLOAD = re.compile(rf"/downloads/([a-z0-9-]+)\.({'|'.join(DOWNLOADS)})")
_TYPES = {"html": FORMATS["embed"].media_type} | {ext: f.media_type for ext, f in DOWNLOADS.items()}
FILTERS = ("frameworks", "columns")
#: Media types outside text/* that are text too, and compress.
_TEXT = frozenset({"application/javascript", "application/json", "image/svg+xml", "application/xml", "application/atom+xml"})


class Handler(SimpleHTTPRequestHandler):
    """Static files, except embeds and downloads asked for with a query string."""

    tables: ClassVar[dict[str, Table]] = {}
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        **{f".{ext}": media_type for ext, media_type in _TYPES.items() if ext != "html"},
        ".yaml": "text/yaml; charset=utf-8",
    }

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        embed, download = _EMBED.fullmatch(parts.path), _DOWNLOAD.fullmatch(parts.path)
        if parts.query and (embed or download):
            self._selection(embed or download, parts.query, "html" if embed else download.group(2))
            return
        if not self._gzipped(parts.path):
            super().do_GET()

    def _gzipped(self, url_path: str) -> bool:
        """Send a text file gzipped (level 6, like the page-weight budget) if the client accepts it; False if not sent."""
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return False
        path = Path(self.translate_path(url_path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        media_type = self.guess_type(str(path))
        if not path.is_file() or not (media_type.startswith("text/") or media_type in _TEXT):
            return False
        data = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(data)
        return True

    def _selection(self, match: re.Match, query: str, ext: str) -> None:
        table_id = match.group(1)
        if table_id not in self.tables:
            self._send(HTTPStatus.NOT_FOUND, f"no matrix '{table_id}'; valid: {', '.join(self.tables)}\n", "txt")
            return
        try:
            table, shown = _select(self.tables[table_id], query)
        except UnknownIds as exc:
            self._send(HTTPStatus.BAD_REQUEST, f"{exc}\n", "txt")
            return
        body = embed_page(table, filtered=shown) if ext == "html" else DOWNLOADS[ext].write(table)
        self._send(HTTPStatus.OK, body, ext)

    def _send(self, code: HTTPStatus, body: str, ext: str) -> None:
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", _TYPES.get(ext, "text/plain; charset=utf-8"))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        if ext == "html":  # the page's own rules, and any site may frame it
            self.send_header("Content-Security-Policy", f"{EMBED_CSP}; frame-ancestors *")
        self.end_headers()
        self.wfile.write(data)


def _select(table: Table, query: str) -> tuple[Table, str]:
    """The table narrowed by ?frameworks=a,b&columns=x,y, and those words for the caption."""
    params = parse_qs(query, keep_blank_values=True)
    unknown = [k for k in params if k not in FILTERS]
    if unknown:
        raise UnknownIds(f"unknown parameter(s): {', '.join(unknown)}; valid: {', '.join(FILTERS)}")
    asked: dict[str, list[str] | None] = {}
    for key in FILTERS:
        ids = split_ids(",".join(params[key])) if key in params else None
        if ids == []:
            raise UnknownIds(f"{key} is empty; give comma-separated ids or leave it out")
        asked[key] = ids
    shown = "; ".join(f"{k} {', '.join(v)}" for k, v in asked.items() if v)
    return table.select(asked["frameworks"], asked["columns"]), shown


def make_server(site_dir: Path, port: int, tables: dict[str, Table]) -> ThreadingHTTPServer:
    """A server on 127.0.0.1:port (0: any free port) for site_dir, answering selections from tables."""
    handler = type("AtlasHandler", (Handler,), {"tables": tables})
    return ThreadingHTTPServer((HOST, port), partial(handler, directory=str(site_dir)))


def _run(args: argparse.Namespace) -> int:
    site = Path(args.dir)
    if not (site / "index.html").exists():
        print(f"{site} holds no built site: run `make build` first", file=sys.stderr)
        return 2
    server = make_server(site, args.port, all_tables(load_catalog(Path(args.data))))
    print(f"Serving {site} on http://{HOST}:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="serve the built site on 127.0.0.1, with filtered embeds and downloads")
    p.add_argument("--port", type=int, default=8000, help="default: %(default)s; 0 picks a free port")
    p.add_argument("--dir", default=str(ROOT / "site"), help="the built site (default: %(default)s)")
    p.add_argument("--data", default=str(DATA_DIR), help="data directory (default: %(default)s)")
    p.set_defaults(run=_run)
