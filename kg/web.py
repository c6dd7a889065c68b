"""One HTTP answer as the loopback servers (`kg serve`, `kg review`) write it: status, headers, body."""

from __future__ import annotations

from http import HTTPStatus
from http.server import BaseHTTPRequestHandler


def send(handler: BaseHTTPRequestHandler, status: int, media: str, body: bytes, headers: dict[str, str]) -> None:
    """Write the answer; a HEAD request gets the headers only (Content-Length still that of the body)."""
    handler.send_response(status, HTTPStatus(status).phrase)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Type", media)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)
