"""`kg review`'s server: the page, its JSON under /api/, and one POST that writes a decision to curation.yaml.

Standard library ThreadingHTTPServer on loopback only, as `kg serve`: a local tool for one person, with no
dependency to audit. What keeps other pages and other machines out of curation.yaml:
- it binds 127.0.0.1 and answers only requests whose Host (and Origin, when sent) is this server: a page
  that points a DNS name at 127.0.0.1 (DNS rebinding) gets 403;
- every state-changing request carries the session's token in `X-KG-Token` (403 without it): the token is
  written into the page this server sends, which no other site can read, and a custom header cannot be
  sent across origins without a CORS preflight, which this server never grants;
- it reads the articles once, at start, and writes nothing but `<source>/curation.yaml`.
Decisions are serialised by one lock: each reads the file, edits it and writes it atomically under it,
so two tabs deciding at once both land, and a hand edit made meanwhile is kept.
"""

from __future__ import annotations

import datetime
import hmac
import html
import json
import secrets
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Callable

from kg import web
from kg.atomic import write_atomic
from kg.errors import KgError, NotFound
from kg.language.profile import fold
from kg.resolve import curation
from kg.review import decisions, model
from kg.review.decisions import Decision

HOST = "127.0.0.1"
TOKEN_HEADER = "X-KG-Token"
MAX_BODY = 64 << 10
STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
SECURITY = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class Forbidden(KgError):
    status = 403


class Conflict(KgError):
    """curation.yaml is broken by a hand edit: decisions wait until it is fixed."""

    status = 409


class _MethodNotAllowed(KgError):
    status = 405


class _TooLarge(KgError):
    status = 413


class _Unsupported(KgError):
    status = 415


class Review:
    """What every request shares: the corpus, the curation file, and the lock each decision holds."""

    def __init__(self, corpus: model.Corpus, today: Callable[[], datetime.date] = datetime.date.today):
        self.corpus = corpus
        self.path = corpus.source / curation.FILENAME
        self.today = today
        self.lock = threading.Lock()
        self._cache_lock = threading.Lock()
        self._cached: tuple[bytes | None, curation.Index | None] = (None, None)

    def index(self) -> curation.Index:
        """The curation as the file says now (parsed again only when its bytes changed)."""
        data = self.path.read_bytes() if self.path.is_file() else b""
        with self._cache_lock:
            if data != self._cached[0] or self._cached[1] is None:
                self._cached = (data, curation.Index(self._parse(data.decode("utf-8"))))
            return self._cached[1]

    def _parse(self, text: str) -> dict:
        try:
            return curation.parse(text, self.path)
        except KgError as error:
            raise Conflict(f"fix {error} before deciding more") from None

    def decide(self, request: dict) -> dict:
        """Write one decision to curation.yaml and answer the article as it now stands."""
        decision = self.decision(request)
        with self.lock:
            before = self.path.read_text(encoding="utf-8") if self.path.is_file() else ""
            self._parse(before)
            after = decisions.edit(before, decision, self.today())
            if after != before:
                write_atomic(self.path, after.encode("utf-8"))
        return model.article_view(self.corpus, self.index(), decision.article)

    def decision(self, request: dict) -> Decision:
        """The decision a request asks for, checked against the article: a fact it does not have is 404."""
        action, slug = _text(request, "action"), _text(request, "article")
        article = self.corpus.article(slug)
        kind = _text(request, "kind")
        editable = model.editable_kinds()
        if action == "add":
            start, end = request.get("start"), request.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article.text)):
                raise KgError("an added fact needs the start and end of the selected text")
            if kind not in editable:
                raise KgError(f"a fact added here is one of: {', '.join(editable)}")
            sentence = model.sentence_at(article, start, end)
            label = str(request.get("label") or article.text[start:end])
            return Decision("add", slug, kind, label, article.role, article.role, label=label, quote=sentence.text)
        subject, label = _text(request, "subject"), _text(request, "object")
        added = request.get("added") is True
        if added:
            entry = next((e for e in self.index().added(slug) if e["kind"] == kind and fold(str(e["object"])) == fold(label)), None)
            if entry is None:
                raise NotFound(f"{slug} has no added {kind} fact '{label}'")
            quote = str(entry.get("quote") or "")
        else:
            quote = model.find_fact(self.corpus, slug, kind, subject, label)[0].evidence.quote
        new_kind = str(request.get("new_kind") or "")
        if action == "retype" and (kind not in editable or new_kind not in editable):
            raise KgError(f"only these types can change into each other: {', '.join(editable)}")
        return Decision(action, slug, kind, label, subject, article.role, label=str(request.get("label") or ""),
                        new_kind=new_kind, quote=quote, added=added)


def _text(request: dict, key: str) -> str:
    value = request.get(key)
    if not isinstance(value, str) or not value:
        raise KgError(f"the request needs '{key}'")
    return value


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-review"
    server: "Server"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's signature
        if self.server.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        self._answer(self._get)

    def do_HEAD(self) -> None:
        self._answer(self._get)

    def do_POST(self) -> None:
        self._answer(self._change)

    do_PUT = do_DELETE = do_PATCH = do_POST

    def _answer(self, handle: Callable[[], None]) -> None:
        """The one place a KgError becomes an HTTP answer, with the status it carries."""
        try:
            self._check_origin()
            handle()
        except KgError as error:
            self._send(error.status, "text/plain; charset=utf-8", f"{error.message}\n".encode("utf-8"))
        except Exception as error:  # a bug: say so in one line, keep serving
            self.log_error("%s", repr(error))
            self._send(500, "text/plain; charset=utf-8", f"internal error: {error!r}\n".encode("utf-8"))

    def _check_origin(self) -> None:
        """Only pages of this server, reached by its own address, may talk to it."""
        port = self.server.server_address[1]
        ours = {f"{HOST}:{port}", f"localhost:{port}"}
        if (self.headers.get("Host") or "").lower() not in ours:
            raise Forbidden("this server answers only at its own loopback address")
        origin = self.headers.get("Origin")
        if origin is not None and origin.lower() not in {f"http://{h}" for h in ours}:
            raise Forbidden("requests from other sites are refused")
        if (self.headers.get("Sec-Fetch-Site") or "same-origin") not in ("same-origin", "none"):
            raise Forbidden("requests from other sites are refused")

    def _get(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        review = self.server.review
        if path in ("/", "/index.html"):
            page = resources.files("kg.review").joinpath("static", "index.html").read_text(encoding="utf-8")
            return self._send(200, "text/html; charset=utf-8", page.replace("{{token}}", html.escape(self.server.token)).encode("utf-8"))
        if path.startswith("/static/") and path[8:] in STATIC:
            return self._send(200, STATIC[path[8:]], resources.files("kg.review").joinpath("static", path[8:]).read_bytes())
        if path == "/favicon.ico":
            return self._send(204, "image/x-icon", b"")
        if path == "/api/articles":
            return self._json(model.overview(review.corpus, review.index()))
        if path.startswith("/api/articles/"):
            return self._json(model.article_view(review.corpus, review.index(), urllib.parse.unquote(path[14:])))
        raise NotFound("not found")

    def _change(self) -> None:
        if not hmac.compare_digest((self.headers.get(TOKEN_HEADER) or "").encode(), self.server.token.encode()):
            raise Forbidden(f"a change needs this session's token in {TOKEN_HEADER}")
        if self.command != "POST" or urllib.parse.urlsplit(self.path).path != "/api/decisions":
            raise _MethodNotAllowed("only POST /api/decisions changes anything")
        if (self.headers.get("Content-Type") or "").split(";")[0].strip().lower() != "application/json":
            raise _Unsupported("send the decision as application/json")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise _TooLarge(f"a decision is at most {MAX_BODY} bytes")
        try:
            request = json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise KgError("the decision is not JSON") from None
        if not isinstance(request, dict):
            raise KgError("the decision is a JSON object")
        self._json(self.server.review.decide(request))

    def _json(self, value) -> None:
        self._send(200, "application/json; charset=utf-8", json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def _send(self, status: int, media: str, body: bytes) -> None:
        web.send(self, status, media, body, SECURITY)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # listen backlog: socketserver's 5 resets connections a page or many tabs open at once
    verbose = False
    review: Review
    token: str

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


def make_server(source: Path | str, port: int = 7071, today: Callable[[], datetime.date] = datetime.date.today,
                verbose: bool = False, corpus: model.Corpus | None = None) -> Server:
    """A ready review server on loopback (call serve_forever, then shutdown and server_close); port 0 picks one."""
    review = Review(corpus or model.Corpus.read(source), today)
    server = Server((HOST, port), Handler)
    server.review = review
    server.token = secrets.token_urlsafe(32)
    server.verbose = verbose
    return server
