"""Paging lists whose scope can hold tens of thousands of rows."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

LIST_COUNT_CAP = 1000  # rows a capped list counts and pages through; past them, a search narrows it


class CappedPaginator(Paginator):
    """Counts at most `cap` rows (+1, to know there are more): counting every row of a large scope
    costs as much as reading it, and nobody pages through forty pages of names. Past the cap the list
    pages through its first `cap` rows and says there are more (`capped`): a search or a filter finds
    the rest."""

    cap = LIST_COUNT_CAP

    @cached_property
    def counted(self) -> int:
        # Any cap + 1 rows tell whether there are more: the count needs no order (and may not have one:
        # an ORDER BY of a constant annotation, as the unsearched client list's, is refused inside it).
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        return self.counted > self.cap
