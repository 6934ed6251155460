"""The Dask runner: the per-document pipeline on a cluster's workers, results back in input order to
one writer in the client (``marsad extract --workers N`` / ``--scheduler tcp://host:8786``, and the
same for ``marsad ingest``).

``tasks``: what a worker runs (free of Dask); ``cluster``: a client on a local or existing cluster
whose workers are warmed up and run this Marsad; ``ordered``: batches out, results back in input
order, a bounded number in flight; ``ingest``: the store's single writer fed by the workers.
Nothing is imported here, so importing ``marsad.scale.tasks`` does not import Dask.
"""
