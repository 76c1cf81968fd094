"""Sortable column headers of the list pages (see `cases.forms.filters.ListFilterForm`)."""

from django import template

register = template.Library()


@register.inclusion_tag("_sort_header.html", takes_context=True)
def sort_header(context, key: str, label: str, css: str = ""):
    """A column header whose link orders the list by `key`, and the other way when it already does;
    the query string (the filters) is kept, the page starts again at the first. `aria-sort` tells a
    screen reader which column orders the list."""
    current = context.get("sort") or ""
    state = {key: "ascending", f"-{key}": "descending"}.get(current)
    query = context["request"].GET.copy()
    query["sort"] = key if state != "ascending" else f"-{key}"
    query.pop("page", None)
    return {"href": f"?{query.urlencode()}", "label": label, "state": state, "css": css}
