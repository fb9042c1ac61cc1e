"""Pages of a list counted up to a cap: moved to ``matters.paging`` (every kind lists)."""

from matters.paging import COUNT_CAP, CappedPaginator, matter_list, page_of

__all__ = ["COUNT_CAP", "CappedPaginator", "matter_list", "page_of"]
