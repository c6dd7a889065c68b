"""Push the graph into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

One PUT per named graph (an article's facts, or the ontology and shapes) replaces that graph whole, so
pushing twice leaves the store as pushing once. The graphs pushed to each store are remembered in a small
state file with a digest of what was sent, so a graph whose article is gone is DELETEd on the next push, and
a graph whose digest has not changed since the last push to that store is not sent again: after editing one
article, one PUT (a few more when the edit changes a node other articles describe too). The state cannot know
of changes others made to the store; `force` sends every graph.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph

from kg.atomic import write_atomic
from kg.errors import KgError, RemoteFailed
from kg.export.dataset import named_triples
from kg.export.ntriples import Terms, of_triples
from kg.store.persisted import DEFAULT_GRAPH

DEFAULT_STATE = DEFAULT_GRAPH.parent / ".kg-push.json"
TIMEOUT = 60  # seconds for one request: a store that takes longer is reported, not waited on forever


@dataclass
class Pushed:
    """What a push did to the store."""

    replaced: list[str]
    deleted: list[str]
    triples: int  # in the graphs replaced
    unchanged: list[str] = field(default_factory=list)  # not sent: the same as last pushed to this store

    def summary(self, endpoint: str) -> str:
        graphs = f"{len(self.replaced)} graph{'' if len(self.replaced) == 1 else 's'}"
        return (f"pushed {graphs} ({self.triples} triples) to {endpoint}; "
                f"{len(self.unchanged)} unchanged since the last push; deleted {len(self.deleted)}")


def push(graph: Graph, endpoint: str, user: str | None = None, password: str | None = None,
         state: Path | str = DEFAULT_STATE, force: bool = False) -> Pushed:
    """PUT the named graphs of `graph` that changed since the last push to the Graph Store at `endpoint` (every
    one with `force`); DELETE graphs pushed before and gone now."""
    opener = _opener(endpoint, user, password)
    state = Path(state)
    remembered = _read_state(state)
    before = remembered.get(endpoint, {})
    current = dict(before)  # what the store holds as far as we know, kept true after each request
    pushed = Pushed([], [], 0)
    terms = Terms()
    try:
        for name, triples in named_triples(graph).items():
            data = of_triples(triples, terms)
            digest = hashlib.sha256(data).hexdigest()
            if not force and before.get(str(name)) == digest:
                pushed.unchanged.append(str(name))
                continue
            if str(name) in current:
                current[str(name)] = None  # unknown until the store has taken the new graph
            _send(opener, "PUT", endpoint, str(name), data, user)
            current[str(name)] = digest
            pushed.replaced.append(str(name))
            pushed.triples += len(triples)
        for name in sorted(set(before) - set(pushed.replaced) - set(pushed.unchanged)):
            _send(opener, "DELETE", endpoint, name, None, user)
            del current[name]
            pushed.deleted.append(name)
    finally:
        if current != before:
            remembered[endpoint] = current
            write_atomic(state, (json.dumps(remembered, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    return pushed


def _read_state(state: Path) -> dict[str, dict[str, str | None]]:
    """Endpoint -> graph name -> digest of what was pushed (None: not known, push it again)."""
    if not state.is_file():
        return {}
    try:
        found = json.loads(state.read_text(encoding="utf-8"))
    except ValueError as error:
        raise KgError(f"push state is not JSON ({error}); delete it to start afresh", state) from error
    # a list of names is the state of kg before digests: those graphs are pushed again once
    return {endpoint: dict.fromkeys(graphs) if isinstance(graphs, list) else graphs for endpoint, graphs in found.items()}


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
