"""Push the graph into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

One PUT per named graph (an article's facts, or the ontology and shapes) replaces that graph whole, so
pushing twice leaves the store as pushing once. The graphs pushed to each store are remembered in a small
state file, so a graph whose article is gone is DELETEd on the next push.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph

from kg.atomic import write_atomic
from kg.errors import KgError, RemoteFailed
from kg.export.dataset import named_graphs
from kg.store.persisted import DEFAULT_GRAPH

DEFAULT_STATE = DEFAULT_GRAPH.parent / ".kg-push.json"
TIMEOUT = 60  # seconds for one request: a store that takes longer is reported, not waited on forever


@dataclass
class Pushed:
    """What a push did to the store."""

    replaced: list[str]
    deleted: list[str]
    triples: int

    def summary(self, endpoint: str) -> str:
        return f"pushed {len(self.replaced)} graphs ({self.triples} triples) to {endpoint}; deleted {len(self.deleted)}"


def push(graph: Graph, endpoint: str, user: str | None = None, password: str | None = None,
         state: Path | str = DEFAULT_STATE) -> Pushed:
    """PUT every named graph of `graph` to the Graph Store at `endpoint`; DELETE graphs pushed before and gone now."""
    opener = _opener(endpoint, user, password)
    parts = named_graphs(graph)
    state = Path(state)
    remembered = _read_state(state)
    for name, part in parts.items():
        data = part.serialize(format="nt", encoding="utf-8")
        _send(opener, "PUT", endpoint, str(name), data, user)
    gone = sorted(set(remembered.get(endpoint, [])) - {str(n) for n in parts})
    for name in gone:
        _send(opener, "DELETE", endpoint, name, None, user)
    remembered[endpoint] = sorted(str(n) for n in parts)
    write_atomic(state, (json.dumps(remembered, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    return Pushed([str(n) for n in parts], gone, sum(len(p) for p in parts.values()))


def _read_state(state: Path) -> dict[str, list[str]]:
    if not state.is_file():
        return {}
    try:
        return json.loads(state.read_text(encoding="utf-8"))
    except ValueError as error:
        raise KgError(f"push state is not JSON ({error}); delete it to start afresh", state) from error


def _opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    """Digest and basic auth both offered: the store's 401 challenge picks the scheme."""
    if user is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, endpoint, user, password or "")
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


def _send(opener, method: str, endpoint: str, graph_name: str, data: bytes | None, user: str | None) -> None:
    separator = "&" if "?" in endpoint else "?"
    request = urllib.request.Request(f"{endpoint}{separator}graph={quote(graph_name, safe='')}", data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/n-triples")
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as error:
        if method == "DELETE" and error.code == 404:
            return  # already gone: the store is as we want it
        if error.code in (401, 403):
            who = f"user {user!r}" if user else "anonymous access (give --user)"
            raise RemoteFailed(f"{endpoint} refused {who}: HTTP {error.code}") from None
        detail = error.read().decode("utf-8", "replace").strip().splitlines()
        raise RemoteFailed(f"{endpoint} answered HTTP {error.code} to {method} of <{graph_name}>"
                      + (f": {detail[0][:200]}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise RemoteFailed(f"cannot reach the store at {endpoint}: {reason}") from None
