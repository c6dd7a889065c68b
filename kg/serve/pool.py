"""Query workers that can be killed: rdflib cannot stop a running query, so each runs in its own process.

A request borrows an idle worker; if the answer is not back within the time limit the worker is killed
and a fresh one takes its place, while the request gets a 503. Over a persisted store (kg.store) a worker
opens it read-only in milliseconds and queries run on Oxigraph; any other graph is handed over as N-Triples.
A read-only store keeps showing the files it opened, so when `kg build` swaps in a new store the workers
are replaced: the next request sees the new graph without restarting the server.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from multiprocessing.connection import Connection
from pathlib import Path

from rdflib import Graph

from kg.graph.namespaces import bind
from kg.store import persisted as store

_SPAWN = multiprocessing.get_context("spawn")  # a clean child: forking a threaded server can deadlock


def _work(conn: Connection, data: Path | bytes, row_cap: int) -> None:
    from kg.serve import answer

    if isinstance(data, Path):
        graph = store.reopen(data)
    else:
        graph = bind(Graph())
        graph.parse(data=data, format="nt")
    conn.send("ready")
    while True:
        try:
            kind, args = conn.recv()
        except EOFError:  # the server closed the pipe: it is shutting down
            return
        try:
            conn.send(getattr(answer, kind)(graph, *args, row_cap))
        except Exception as error:  # the worker outlives any one bad request
            conn.send((500, "text/plain; charset=utf-8", f"internal error: {error}\n".encode(), {}))


class Worker:
    def __init__(self, data: Path | bytes, row_cap: int, generation: int = 0):
        self.generation = generation  # which store the worker opened (Pool.generation when it started)
        self.conn, child = _SPAWN.Pipe()
        self.process = _SPAWN.Process(target=_work, args=(child, data, row_cap), daemon=True)
        self.process.start()
        child.close()

    def ready(self, timeout: float) -> bool:
        return self.conn.poll(timeout) and self.conn.recv() == "ready"

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class Pool:
    """`size` workers over one graph; `ask` answers within `time_limit` seconds or raises TimeoutError."""

    def __init__(self, graph: Graph, size: int = 2, time_limit: float = 10.0, row_cap: int = 10000):
        self.folder = getattr(graph.store, "folder", None)  # a persisted store: workers reopen it
        self.data = self.folder or graph.serialize(format="nt", encoding="utf-8")
        self.size, self.time_limit, self.row_cap = size, time_limit, row_cap
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers: set[Worker] = set()
        self.lock = threading.Lock()
        self.generation, self.stamp = 0, self._stamp()
        self._fill()

    def _stamp(self) -> bytes | None:
        """What identifies the persisted store now in the folder (kg.store writes a new stamp with each one)."""
        try:
            return (self.folder / store.STAMP).read_bytes() if self.folder else None
        except OSError:
            return None

    def _fill(self) -> None:
        starting = [self._start() for _ in range(self.size)]
        for worker in starting:
            self._admit(worker)

    def _start(self) -> Worker:
        worker = Worker(self.data, self.row_cap, self.generation)
        with self.lock:
            self.workers.add(worker)
        return worker

    def _admit(self, worker: Worker) -> None:
        """A started worker joins the idle ones once it has opened the graph."""
        if worker.ready(120):
            self._release(worker)
        else:
            self._retire(worker)

    def _release(self, worker: Worker) -> None:
        if worker.generation == self.generation:
            self.idle.put(worker)
        else:
            self._retire(worker)

    def _renew(self) -> None:
        """Workers on the store `kg build` has just swapped in; the old ones go as they come back idle."""
        with self.lock:
            stamp = self._stamp()
            if stamp is None or stamp == self.stamp:
                return
            self.generation, self.stamp = self.generation + 1, stamp
        while True:
            try:
                self._retire(self.idle.get_nowait())
            except queue.Empty:
                break
        self._fill()

    def _retire(self, worker: Worker) -> None:
        with self.lock:
            self.workers.discard(worker)
        worker.stop()

    def ask(self, kind: str, *args):
        """Run answer.<kind>(graph, *args) in a worker; TimeoutError when no answer within the limit."""
        if self.folder and self._stamp() != self.stamp:
            self._renew()
        try:
            worker = self.idle.get(timeout=self.time_limit)
        except queue.Empty:
            raise TimeoutError("every query worker is busy") from None
        worker.conn.send((kind, args))
        if worker.conn.poll(self.time_limit):
            result = worker.conn.recv()
            self._release(worker)
            return result
        self._retire(worker)
        threading.Thread(target=lambda: self._admit(self._start()), daemon=True).start()
        raise TimeoutError(f"the query ran past the time limit of {self.time_limit:g} s and was stopped")

    def close(self) -> None:
        with self.lock:
            workers = list(self.workers)
        for worker in workers:
            self._retire(worker)
