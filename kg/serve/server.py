"""`kg serve`: the SPARQL 1.1 Protocol at /sparql, named questions at /api/<name>, a query page at /.

Standard library http.server (ThreadingHTTPServer): the endpoint is a local, read-only tool over one small
graph, the heavy work happens in killable query workers (kg.serve.pool), and it adds no dependency or
framework to audit. It binds to loopback unless told otherwise.
"""

from __future__ import annotations

import json
import mimetypes
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

from kg import web
from kg.query import Page, questions
from kg.serve.pool import Pool

MAX_BODY = 1 << 20  # bytes of a POSTed query or form
MAX_URL = 16 << 10
PAGING = ("limit", "offset")  # /api/<name> query parameters that page the rows instead of binding a variable
STATIC_TYPES = {".ttl": "text/turtle", ".trig": "application/trig", ".nq": "application/n-quads",
                ".nt": "application/n-triples", ".jsonld": "application/ld+json", ".graphml": "application/graphml+xml",
                ".csv": "text/csv", ".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".svg": "image/svg+xml"}
SECURITY = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Expose-Headers": "X-KG-Truncated, X-KG-Rows, X-KG-Next-Offset",
}


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    pool: Pool
    exports: Path

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's signature
        if self.server.verbose:
            super().log_message(format, *args)

    # --- dispatch -------------------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:
        self._send(204, "text/plain", b"")

    def do_GET(self) -> None:
        if len(self.path) > MAX_URL:
            return self._error(414, "request URL too long")
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/sparql":
            return self._sparql(params)
        if url.path == "/api":
            return self._json([{"name": q.name, "summary": q.summary, "params": [p.name for p in q.params],
                                "example": q.example, "sparql": q.text} for q in questions().values()])
        if url.path.startswith("/api/"):
            return self._api(url.path[5:], params)
        if url.path in ("/", "/index.html"):
            return self._static(resources.files("kg.serve").joinpath("static"), "index.html")
        if url.path.startswith("/static/"):
            return self._static(resources.files("kg.serve").joinpath("static"), url.path[8:])
        if url.path.startswith("/exports/"):
            return self._static(self.exports, url.path[9:])
        self._error(404, "not found")

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(413, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path != "/sparql":
            return self._error(405 if url.path.startswith(("/api", "/static", "/exports")) or url.path == "/" else 404,
                               "only /sparql takes POST")
        if media == "application/sparql-update":
            return self._error(403, "this endpoint is read-only: SPARQL updates are refused")
        if media == "application/sparql-query":
            return self._sparql({"query": [body.decode("utf-8", "replace")]})
        if media == "application/x-www-form-urlencoded":
            return self._sparql(urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))
        self._error(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")

    # --- endpoints ------------------------------------------------------------------------------------
    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._error(403, "this endpoint is read-only: SPARQL updates are refused")
        if len(params.get("query", [])) != 1:
            return self._error(400, "give exactly one query= parameter")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._error(400, "this endpoint has one dataset; default-graph-uri and named-graph-uri are not supported")
        self._ask("sparql", params["query"][0], self._accept())

    def _api(self, name: str, params: dict[str, list[str]]) -> None:
        single = {key: values[-1] for key, values in params.items() if key not in ("format", *PAGING)}
        accept = self._accept()
        if "format" in params:
            accept = {"json": "application/json", "csv": "text/csv", "tsv": "text/tab-separated-values",
                      "xml": "application/xml", "ttl": "text/turtle"}.get(params["format"][-1], accept)
        paging = {key: params[key][-1] for key in PAGING if key in params}
        if not all(value.isdigit() for value in paging.values()):
            return self._error(400, "limit and offset are whole numbers of rows, 0 or more")
        page = Page(int(paging["limit"]) if "limit" in paging else None, int(paging.get("offset", 0))) if paging else None
        self._ask("named", urllib.parse.unquote(name), single, accept, page)

    def _ask(self, kind: str, *args) -> None:
        try:
            status, media, body, headers = self.pool.ask(kind, *args)
        except TimeoutError as error:
            return self._error(503, str(error))
        self._send(status, media, body, headers)

    def _accept(self) -> str:
        return self.headers.get("Accept") or ""

    def _static(self, root, relative: str) -> None:
        """A file under `root`; any path that leaves it (.., absolute, symlink out) is not found."""
        parts = [p for p in urllib.parse.unquote(relative).split("/") if p]
        if not relative or relative.endswith("/"):
            parts.append("index.html")
        if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
            return self._error(404, "not found")
        target = root.joinpath(*parts)
        if isinstance(root, Path):
            try:
                target.resolve(strict=True).relative_to(root.resolve())
            except (OSError, ValueError):
                return self._error(404, "not found")
        if not target.is_file():
            return self._error(404, "not found")
        suffix = Path(parts[-1]).suffix
        media = STATIC_TYPES.get(suffix) or mimetypes.guess_type(parts[-1])[0] or "application/octet-stream"
        text = media.startswith("text/") or media.endswith(("json", "xml", "trig", "n-quads", "n-triples"))
        self._send(200, f"{media}; charset=utf-8" if text else media, target.read_bytes())

    # --- writing --------------------------------------------------------------------------------------
    def _json(self, value) -> None:
        self._send(200, "application/json; charset=utf-8", json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8"))

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", f"{message}\n".encode("utf-8"))

    def _send(self, status: int, media: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        web.send(self, status, media, body, {**SECURITY, **CORS, **(headers or {}), "Vary": "Accept"})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # listen backlog: socketserver's 5 resets connections a page or many tabs open at once
    verbose = False


def make_server(graph, exports: Path | str = "exports", host: str = "127.0.0.1", port: int = 7070,
                time_limit: float = 10.0, row_cap: int = 10000, workers: int = 2, verbose: bool = False) -> Server:
    """A ready server (call serve_forever; server_close and server.pool.close when done)."""
    pool = Pool(graph, size=workers, time_limit=time_limit, row_cap=row_cap)
    handler = type("BoundHandler", (Handler,), {"pool": pool, "exports": Path(exports)})
    try:
        server = Server((host, port), handler)
    except OSError:
        pool.close()
        raise
    server.pool = pool
    server.verbose = verbose
    return server
