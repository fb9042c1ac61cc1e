"""Run calls at the same moment, as concurrent requests or steps would be."""

import threading

from django.db import connections

TIMEOUT_S = 120


def at_once(calls) -> list:
    """Run each of ``calls`` (functions of no argument) in its own thread, all released
    together; return what each returned, or the exception it raised, in order.

    Each thread uses its own database connections and closes them when done, so the
    calls really race in PostgreSQL (the tests using this need ``transaction=True``).
    """
    calls = list(calls)
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - handed back to the test to assert on
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT_S)
    return outcomes


def failures(outcomes) -> list:
    """Return the exceptions among ``outcomes``."""
    return [outcome for outcome in outcomes if isinstance(outcome, Exception)]


def race(requests) -> list:
    """POST each (client, url, data) at once; return the status codes (or exceptions)."""
    return at_once(
        lambda client=client, url=url, data=data: client.post(url, data).status_code
        for client, url, data in requests
    )
