"""Inbox and lists at two sizes: the same pages, the same people, 100× the history.

``bench.data`` writes the rows (10 tasks a process is the target; see there for the
mix); the small size is measured, then history is added up to the large size and the
same pages are measured again (``bench.pages``, in a fresh process each time). The open
work is the same at both sizes (400 trips across 40 units): a larger province has more
history, and the target asks whether the pages stay as fast as it grows.
"""

import time

from . import data, pages

OPEN_TRIPS = 400


def run(quick=False) -> dict:
    small, large = (2_000, 20_000) if quick else (10_000, 1_000_000)
    requests = 10 if quick else 30
    world = data.cast()
    figures = {}
    done = 0
    for size in (small, large):
        processes = size // 10
        began = time.perf_counter()
        data.add_trips(done + 1, processes, world=world, open_count=OPEN_TRIPS)
        done = processes
        rows = data.counts()
        served = pages.serve(requests)
        figures[size] = {
            "generated_in_s": round(time.perf_counter() - began, 1),
            "rows": rows,
            "pages": served["pages"],
            "peak_rss_mb": served["peak_rss_mb"],
        }
    result = {
        "small_tasks": figures[small]["rows"]["viewflow_task"],
        "large_tasks": figures[large]["rows"]["viewflow_task"],
        "large_processes": figures[large]["rows"]["viewflow_process"],
        "large_generated_in_s": figures[large]["generated_in_s"],
    }
    for key, small_page in figures[small]["pages"].items():
        large_page = figures[large]["pages"][key]
        result[f"{key}.p95_ms_small"] = small_page["p95_ms"]
        result[f"{key}.p95_ms_large"] = large_page["p95_ms"]
        result[f"{key}.median_ms_large"] = large_page["median_ms"]
        result[f"{key}.p95_ratio"] = round(large_page["p95_ms"] / small_page["p95_ms"], 2)
        result[f"{key}.queries_small"] = small_page["queries"]
        result[f"{key}.queries_large"] = large_page["queries"]
    result["worst_p95_ratio"] = max(v for k, v in result.items() if k.endswith(".p95_ratio"))
    result["most_queries"] = max(v for k, v in result.items() if ".queries_" in k)
    result["peak_rss_mb_large"] = figures[large]["peak_rss_mb"]
    result["sizes"] = {str(size): figures[size] for size in figures}
    return result
