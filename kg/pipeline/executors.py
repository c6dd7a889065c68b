"""Where per-article extraction runs: in this process, on a local Pool, or on a Dask distributed cluster.

Extraction is a pure function of an article (read + extract -> (Article, facts) or KgError), so each
executor only has to hand back its results in the order of the jobs; the build keeps the cache and the
progress. Every executor has the Pool's `imap(function, jobs, chunksize)`.
"""

from __future__ import annotations

import os
from multiprocessing import Pool

from kg.errors import KgError, RemoteFailed
from kg.extract.ruleset import ruleset
from kg.language.profile import languages
from kg.pipeline.cache import code_version

PARALLEL_FROM = 32  # articles to extract before worker processes pay for their start-up
BATCH = 32  # articles per Dask task: ~2 s of work, so the scheduler's ~1 ms per task is noise
CONNECT_TIMEOUT = "10s"


def executor(jobs: int, scheduler: str | None = None):
    """A context manager running `jobs` extractions: on the Dask scheduler at `scheduler` when given, else on
    every local core once there are enough articles to pay for worker processes, else in this process."""
    if scheduler:
        return DaskCluster(scheduler)
    workers = min(os.cpu_count() or 1, jobs // PARALLEL_FROM)
    return Pool(workers) if workers > 1 else Serial()


class Serial:
    """The Pool interface in this process, for a few articles."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    @staticmethod
    def imap(function, jobs, chunksize=1):
        return map(function, jobs)


def fingerprint() -> tuple[str, dict[str, str]]:
    """What an extraction's result depends on besides the article: the code version and every rules version.
    A worker with other code would fill the cache with entries stamped as this code's."""
    return code_version(), {lang: ruleset(lang).version for lang in languages()}


class DaskCluster:
    """Extraction on a running Dask distributed scheduler: batches of articles as tasks, results in job order.

    The workers read the articles at the paths the build sees (a shared filesystem) and must run the same kg:
    that is checked on connecting, before anything is sent."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.client = None

    def __enter__(self):
        try:
            from distributed import Client
        except ImportError:
            raise KgError("--scheduler needs Dask distributed: pip install 'kg[distributed]'") from None
        try:
            self.client = Client(self.address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise RemoteFailed(f"cannot reach the Dask scheduler at {self.address}: {_first_line(error)}") from None
        try:  # a scheduler without workers would take the tasks and never run them
            self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except TimeoutError:
            self.client.close()
            raise RemoteFailed(f"the Dask scheduler at {self.address} has no workers") from None
        ours = fingerprint()
        theirs = {worker: found for worker, found in self.client.run(fingerprint).items() if tuple(found) != ours}
        if theirs:
            self.client.close()
            raise RemoteFailed(f"Dask workers {', '.join(sorted(theirs))} run another kg (code or rules differ from this one's); "
                          "install the same kg on them")
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()

    def imap(self, function, jobs, chunksize=1):
        """Results of `function` over `jobs`, in order, each batch handed back (and released) as it is read; a
        cluster that loses the work (its workers killed, the scheduler gone) stops the build with one line."""
        from concurrent.futures import CancelledError

        from distributed import KilledWorker
        from distributed.comm.core import CommClosedError

        jobs = list(jobs)
        batches = [jobs[start:start + BATCH] for start in range(0, len(jobs), BATCH)]
        futures = self.client.map(_each, [function] * len(batches), batches, pure=False)
        for future in futures:
            try:
                results = future.result()
            except (KilledWorker, CancelledError, CommClosedError) as error:
                raise RemoteFailed(f"the Dask cluster at {self.address} lost the extraction: {_first_line(error)}") from None
            yield from results
            future.release()


def _each(function, batch: list) -> list:
    return [function(job) for job in batch]


def _first_line(error: BaseException) -> str:
    return (str(error) or type(error).__name__).splitlines()[0]
