"""Start and stop real servers for tests: a free loopback port, a wait until it answers, a clean stop."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import threading
import time

from kg.review.server import make_server as make_review_server
from kg.serve import make_server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.args}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listening on port {port} after {seconds}s: {process.args}")


def default_sigint() -> None:
    """A child's SIGINT back to its default: a background job of a non-interactive shell (CI) inherits it
    ignored, and a test that sends Ctrl-C must reach the program whatever started the suite."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def running(args: list[str], port: int, seconds: float = 60, **popen):
    """Run `args` until the block ends; the process is stopped (then killed) whatever happens."""
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                               preexec_fn=default_sigint, **popen)
    try:
        wait_for_port(port, process, seconds)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def kg_serving(graph, exports, **options):
    """`kg serve` in a thread on a free loopback port (options as make_server takes them); yields its base URL."""
    server = make_server(graph, exports, "127.0.0.1", 0, **options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        server.pool.close()


@contextlib.contextmanager
def kg_reviewing(source, **options):
    """`kg review` in a thread on a free loopback port (options as kg.review.server.make_server takes them);
    yields the server (`.url`, `.token`, `.review`)."""
    server = make_review_server(source, 0, **options)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
