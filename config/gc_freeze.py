"""Keep the garbage collector off what a web worker holds for its whole life.

A worker keeps hundreds of thousands of objects as long as it runs: modules, URL
patterns, compiled templates, flows, translation catalogues. CPython's full collection
walks every one of them, about 90 ms here, and lands on whichever request happens to be
running: it was most of the pages' tail latency (docs/performance.md). Once the worker
has served its first requests, and so has loaded most of what it keeps, a collection
followed by ``gc.freeze()`` moves the survivors out of the collector's sight (after
the response was sent: Django's ``request_finished``); later
collections walk only what requests create (13–25 ms). It is done again after 30 and
300 requests for what later pages load. Reference counting frees objects as before, so
nothing is kept that would otherwise be freed, except garbage in reference cycles that
is alive at a freeze: a one-off few kilobytes, not a leak that grows.
"""

import gc
import threading

FREEZE_AFTER = (3, 30, 300)


class Freezer:
    """Count the requests a worker served; freeze the collector's old objects on cue."""

    def __init__(self, after=FREEZE_AFTER):
        self._after = set(after)
        self._served = 0
        self._lock = threading.Lock()

    def request_served(self) -> None:
        with self._lock:
            self._served += 1
            due = self._served in self._after
        if due:
            gc.collect()
            gc.freeze()

    def on_request_finished(self, sender, **kwargs) -> None:
        self.request_served()


def freeze_after_first_requests(freezer: Freezer | None = None) -> Freezer:
    """Count this worker's requests as each ends, after its response was sent."""
    from django.core.signals import request_finished

    freezer = freezer or Freezer()
    request_finished.connect(
        freezer.on_request_finished, weak=False, dispatch_uid="config.gc_freeze"
    )
    return freezer
