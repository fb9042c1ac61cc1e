"""The flow diagram of a matter (sơ đồ quy trình): viewflow's chart, labelled in Vietnamese.

viewflow names a node without a title after its code name ("Check reviewed"): a gate
here is named after the step whose outcome it routes ("Rẽ nhánh theo kết quả: Thẩm
định hồ sơ"). The labels keep their own capitals (templates/viewflow/workflow/graph.svg
no longer title-cases them: "Lãnh đạo UBND tỉnh", not "Lãnh Đạo Ubnd Tỉnh").
"""

from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from viewflow.workflow import chart


def _named(node) -> bool:
    """Return True if the flow gave ``node`` a title (viewflow makes one from its name)."""
    return str(node.task_title) != node.name.replace("_", " ").title()


def _title(node) -> str:
    return capfirst(str(node.task_title)) if _named(node) else ""


def _gate_title(node) -> str:
    before = [_title(edge.src) for edge in node._incoming() if _title(edge.src)]
    if before:
        return _("Rẽ nhánh theo kết quả: %(steps)s") % {"steps": "; ".join(before)}
    return _("Rẽ nhánh")


def svg(flow_class, process) -> SafeString:
    """Return the flow's diagram as SVG, the steps of ``process`` coloured by status."""
    grid = chart.calc_layout_data(flow_class)
    chart.calc_cell_status(flow_class, grid, process.pk)
    for cell in grid.cells:
        if not _named(cell.node):
            cell.title = _gate_title(cell.node)
    return SafeString(chart.grid_to_svg(grid))
