"""Headless Debian Chromium for the browser tests, driven over the DevTools protocol with websocket-client.

conftest.py loads this module as a plugin, so every test may ask for `browser` (one Chromium per module) and
`tab` (a fresh tab per test); a browser test module sets `pytestmark = needs_chromium` and drives pages
through `Tab`. Set KG_SCREENSHOTS=docs to refresh the screenshots the README shows.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

try:
    import websocket
except ImportError:  # the browser fixture skips: needs websocket-client (the test extra of pyproject.toml)
    websocket = None

# How long a wait may last before it fails: only a failing test waits it out, so it is generous enough for
# a loaded two-core machine (CI, other work) and no passing test depends on it.
PATIENCE = 180

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium "
                                                                    "(scripts/install-system-packages.sh installs it)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic", "--disable-default-apps",
         "--disable-extensions", "--remote-debugging-port=0", "--window-size=1400,900"]


class Tab:
    """One Chromium page over the DevTools protocol; remembers console errors, requests and dialogs."""

    def __init__(self, url: str):
        self.ws = websocket.create_connection(url, suppress_origin=True, timeout=PATIENCE)
        self.next_id = 0
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = self._receive()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def _receive(self) -> dict:
        message = json.loads(self.ws.recv())
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            self.errors.append(json.dumps(params["exceptionDetails"])[:500])
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            self.errors.append(" ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.errors.append(params["entry"]["text"])
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params["message"])
            self.ws.send(json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog", "params": {"accept": True}}))
        return message

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, page: Path | str, ready: bool) -> float:
        """Load a page (a file, or a URL); for network pages wait until every network is drawn and return when
        (ms since navigation)."""
        self.errors.clear(), self.requests.clear(), self.dialogs.clear()
        url = page if isinstance(page, str) else page.as_uri()
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + PATIENCE
        here = f"location.href === {json.dumps(url)}"
        done = "document.documentElement?.dataset.kgReadyMs" if ready else "document.readyState === 'complete' && '1'"
        condition = f"{here} && {done}"
        while time.monotonic() < deadline:
            value = self.evaluate(condition)
            if value:
                return float(value)
            time.sleep(0.05)
        raise AssertionError(f"{url} never became ready; console errors: {self.errors}")

    def settle(self, seconds: float = 0.3) -> None:
        """Let pending events (late console errors, dialogs) arrive."""
        self.ws.settimeout(seconds)
        try:
            while True:
                self._receive()
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(PATIENCE)

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def drag(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        """Press the left button at `start`, move to `end` in a few steps, release: selects text as a hand would."""
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=start[0], y=start[1])
        self.call("Input.dispatchMouseEvent", type="mousePressed", x=start[0], y=start[1], button="left", buttons=1, clickCount=1)
        for step in (0.25, 0.5, 0.75, 1.0):
            x, y = start[0] + (end[0] - start[0]) * step, start[1] + (end[1] - start[1]) * step
            self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y, button="left", buttons=1)
        self.call("Input.dispatchMouseEvent", type="mouseReleased", x=end[0], y=end[1], button="left", buttons=0, clickCount=1)

    KEY_CODES = {"Enter": 13, "Escape": 27, "ArrowDown": 40, "ArrowUp": 38}

    def press(self, key: str) -> None:
        """A key pressed and released in the focused element (`key` as KeyboardEvent.key names it)."""
        code = self.KEY_CODES.get(key, ord(key.upper()) if len(key) == 1 else 0)
        text = {"Enter": "\r"}.get(key, key if len(key) == 1 else "")
        self.call("Input.dispatchKeyEvent", type="keyDown", key=key, windowsVirtualKeyCode=code, text=text)
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key, windowsVirtualKeyCode=code)

    def type_text(self, text: str) -> None:
        """Text typed into the focused element."""
        self.call("Input.insertText", text=text)

    def wait_for(self, expression: str, seconds: float = PATIENCE):
        """The value of `expression` once it is truthy."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"never true: {expression}; console errors: {self.errors}")

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))


@pytest.fixture(scope="module")
def browser():
    """A fresh headless Chromium with its own profile, closed after the module."""
    if websocket is None:
        pytest.skip("needs websocket-client (the test extra of pyproject.toml)")
    profile = Path(tempfile.mkdtemp(prefix="kg-chromium-"))
    process = subprocess.Popen([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                               env={**os.environ, "HOME": str(profile)})  # nothing of Chromium's lands in the real home
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + PATIENCE
        while not (port_file.is_file() and port_file.read_text().count("\n") >= 1):
            assert time.monotonic() < deadline and process.poll() is None, "chromium did not start"
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def tab(browser):
    with urllib.request.urlopen(urllib.request.Request(f"{browser}/json/new?about:blank", method="PUT")) as reply:
        target = json.load(reply)
    page = Tab(target["webSocketDebuggerUrl"])
    yield page
    page.ws.close()
    urllib.request.urlopen(f"{browser}/json/close/{target['id']}").close()


def only_local(requests: list[str]) -> list[str]:
    return [url for url in requests if not url.startswith(("file://", "data:"))]


def screenshot(tab: Tab, name: str, tmp_path: Path) -> None:
    tab.screenshot(tmp_path / name)
    if os.environ.get("KG_SCREENSHOTS"):
        shutil.copy(tmp_path / name, Path(os.environ["KG_SCREENSHOTS"]) / name)
