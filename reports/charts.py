"""Chart geometry for the report page, computed here so the template only draws.

Horizontal bars are HTML with a width in percent; the monthly chart is inline SVG.
Neither needs a script (the CSP forbids inline script).
"""

from .formatting import number_vi

BAR_LIMIT = 15
SERIES_COLOURS = ("#1f4e79", "#c0504d", "#9bbb59")
SVG_HEIGHT = 160
SVG_TOP, SVG_BOTTOM, SVG_LEFT = 16, 40, 8
BAR_WIDTH, GROUP_GAP = 7, 6
# The room a month's label ("01/2026", 10 px text) needs, gap included: labels are spaced
# at least this far apart so that they never overlap.
LABEL_ROOM = 48


def bars(rows: list[dict], measure: str = "count", limit: int = BAR_LIMIT) -> list[dict]:
    """Return the first ``limit`` rows with their value and width (percent of the largest)."""
    rows = rows[:limit]
    top = max((row[measure] or 0 for row in rows), default=0)
    return [
        {
            "label": row["label"],
            "value": row[measure] or 0,
            "text": number_vi(row[measure] or 0),
            "share": round(100 * (row[measure] or 0) / top) if top else 0,
        }
        for row in rows
    ]


def months(series: list[tuple[str, list[dict]]]) -> dict:
    """Return the geometry of a grouped column chart: one group a month, one column a series.

    ``series`` is [(name, by_month rows)], every list covering the same months.
    """
    labels = [row["label"] for row in series[0][1]] if series else []
    top = max((row["count"] for _name, rows in series for row in rows), default=0)
    group = BAR_WIDTH * len(series) + GROUP_GAP
    # One label every `step` months: 1, 2, 3, 6 or 12, the first that leaves the room.
    step = next((s for s in (1, 2, 3, 6) if s * group >= LABEL_ROOM), 12)
    columns, ticks = [], []
    for index, label in enumerate(labels):
        x = SVG_LEFT + index * group
        for position, (name, rows) in enumerate(series):
            value = rows[index]["count"]
            height = round(SVG_HEIGHT * value / top) if top else 0
            columns.append(
                {
                    "x": x + position * BAR_WIDTH,
                    "y": SVG_TOP + SVG_HEIGHT - height,
                    "width": BAR_WIDTH - 1,
                    "height": height,
                    "colour": SERIES_COLOURS[position % len(SERIES_COLOURS)],
                    "title": f"{name} {label}: {number_vi(value)}",
                }
            )
        if index % step == 0:
            ticks.append({"x": x + group // 2, "label": label})
    return {
        "width": SVG_LEFT * 2 + max(len(labels), 1) * group,
        "height": SVG_TOP + SVG_HEIGHT + SVG_BOTTOM,
        "baseline": SVG_TOP + SVG_HEIGHT,
        "label_y": SVG_TOP + SVG_HEIGHT + 16,
        "top": number_vi(top),
        "columns": columns,
        "ticks": ticks,
        "legend": [
            {"name": name, "colour": SERIES_COLOURS[i % len(SERIES_COLOURS)]}
            for i, (name, _rows) in enumerate(series)
        ],
    }


def for_report(report: dict) -> dict:
    """Return every chart of the report page."""
    details = report["breakdowns"]
    return {
        "outbound_countries": bars(details["outbound_trips"]["by_country"]),
        "inbound_countries": bars(details["inbound_visits"]["by_country"], "persons"),
        "agreement_countries": bars(details["agreements"]["by_country"]),
        "months": months(
            [
                ("Đoàn ra", details["outbound_trips"]["by_month"]),
                ("Đoàn vào", details["inbound_visits"]["by_month"]),
                ("Hội nghị, hội thảo", details["conferences"]["by_month"]),
            ]
        ),
    }
