"""Paging lists whose scope can hold tens of thousands of rows."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

LIST_COUNT_CAP = 1000  # rows a capped list counts and pages through; past them, a search narrows it


class CappedPaginator(Paginator):
    """Counts at most `cap` rows (+1, to know there are more): counting every row of a large scope
    costs as much as reading it, and nobody pages through forty pages of names. Past the cap the list
    pages through its first `cap` rows and says there are more (`capped`): a search or a filter finds
    the rest.

    A page is found first by its rows' ids alone, then read with what the list shows: a narrow query
    that the database answers from indexes, where the whole query would read every wide row of the
    scope and join its related rows before sorting them (a list sorted by a related column, such as
    the municipality's name, cannot be read along an index)."""

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

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        # The ids, with the annotations the order may use (`values_list` would inline a constant one
        # into the ORDER BY, which PostgreSQL refuses), without the related rows.
        found = self.object_list.select_related(None).prefetch_related(None).only("pk")[bottom:top]
        ids = [row.pk for row in found]
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=ids)}
        # A person who left the scope between the two queries (a referral withdrawn) is left out.
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
