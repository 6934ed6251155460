"""A Dask client whose workers are ready: a LocalCluster of worker processes, or an existing cluster.

Each worker process loads the codebook, the gazetteer and the models once (the pipeline's own
caches), warmed up by a worker plugin as it starts, so no task pays for it and a worker restarted
after a crash warms up again. The gazetteer is the worker's own: ``$MARSAD_DATA_DIR`` (see
marsad.paths) on the worker's machine, which a LocalCluster's workers inherit from the client.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

import dask
from distributed import CancelledError, Client, KilledWorker, LocalCluster
from distributed.comm import CommClosedError
from distributed.diagnostics.plugin import WorkerPlugin

WORKER_WAIT_SECONDS = 60  # an existing cluster with no worker yet: wait this long for one
# a worker dying while it runs a task marks the task suspicious; past this many deaths it fails
# (KilledWorker) instead of being retried on another worker
ALLOWED_FAILURES = 5
_WARM_UP_TEXT = "قصفت طائرات مواقع للمسلحين أمس وقتل ثلاثة منهم."  # touches every lexicon and model


class ClusterError(RuntimeError):
    """The cluster cannot be reached, or its workers do not run the client's Marsad."""


def worker_status() -> dict[str, Any]:
    """What a worker runs: the versions records are stamped with, and why it has no gazetteer, if not."""
    from marsad import __version__
    from marsad.codebook import load_codebook
    from marsad.geo.gazetteer import default_gazetteer

    _, problem = default_gazetteer()
    return {"pipeline": __version__, "codebook": load_codebook().version, "gazetteer": problem}


class WarmUp(WorkerPlugin):
    """Loads the pipeline's resources when a worker starts, so no task waits for them."""

    name = "marsad-warm-up"

    def setup(self, worker: Any) -> None:
        from marsad.model import Document
        from marsad.pipeline import extract

        worker_status()
        extract(Document(id="warm-up", text=_WARM_UP_TEXT))


@contextlib.contextmanager
def connect(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client on ``scheduler`` (tcp://host:port), else on a LocalCluster of ``workers`` processes
    with one thread each (the pipeline is pure Python: threads would share one core)."""
    if (workers is None) == (scheduler is None):
        raise ValueError("give the number of local workers or a scheduler address, not both")
    with contextlib.ExitStack() as stack:
        stack.enter_context(dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}))
        try:
            if scheduler is not None:
                client = stack.enter_context(Client(scheduler, timeout="30s"))
                client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
            else:
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                )
                client = stack.enter_context(Client(cluster))
        except (OSError, TimeoutError) as error:
            raise ClusterError(f"cannot start or reach the Dask cluster: {type(error).__name__}: {error}") from None
        client.register_plugin(WarmUp())
        _check_workers(client)
        try:
            yield client
        except (KilledWorker, CommClosedError, CancelledError, TimeoutError) as error:
            # a task's workers kept dying, or the scheduler went away: what was written stays written
            raise ClusterError(f"the Dask cluster failed mid-run: {type(error).__name__}: {error}") from error


def _check_workers(client: Client) -> None:
    """Every worker must stamp records as the client would: the same pipeline and codebook versions
    (the store's resume rules compare them). A worker without a gazetteer resolves no place."""
    here = worker_status()
    for address, status in client.run(worker_status).items():
        if (status["pipeline"], status["codebook"]) != (here["pipeline"], here["codebook"]):
            raise ClusterError(
                f"worker {address} runs Marsad {status['pipeline']} with codebook {status['codebook']}, this "
                f"client {here['pipeline']} with {here['codebook']}: install the same Marsad on every worker"
            )
        if status["gazetteer"] and not here["gazetteer"]:
            raise ClusterError(
                f"worker {address} has no gazetteer ({status['gazetteer']}): run `marsad gazetteer build` on it, "
                "or point MARSAD_DATA_DIR at a shared folder that holds one"
            )
