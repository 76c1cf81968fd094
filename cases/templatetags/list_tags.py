"""Sort links of the list pages (see `cases.forms.filters.ListFilterForm`): a table's column headers,
and the same links as buttons above a list of cards (the caseload)."""

from django import template

register = template.Library()


def _sort_link(context, key: str, label: str, css: str) -> dict:
    """A link that orders the list by `key`, and the other way when it already does; the query string
    (the filters) is kept, the page starts again at the first."""
    current = context.get("sort") or ""
    state = {key: "ascending", f"-{key}": "descending"}.get(current)
    query = context["request"].GET.copy()
    query["sort"] = key if state != "ascending" else f"-{key}"
    query.pop("page", None)
    return {"href": f"?{query.urlencode()}", "label": label, "state": state, "css": css}


@register.inclusion_tag("_sort_header.html", takes_context=True)
def sort_header(context, key: str, label: str, css: str = ""):
    """A sortable column header; `aria-sort` tells a screen reader which column orders the list."""
    return _sort_link(context, key, label, css)


@register.inclusion_tag("_sort_button.html", takes_context=True)
def sort_button(context, key: str, label: str, css: str = ""):
    """The same link as a small button, for lists that are not tables; `aria-current` marks the order."""
    return _sort_link(context, key, label, css)


@register.simple_tag(takes_context=True)
def page_href(context, number) -> str:
    """The link to page `number` of a list, the rest of the query string (filters, order, the page of
    another list on the same page) kept. A page with two paged lists names the second one's page
    parameter in `page_param`; else it is `page`."""
    query = context["request"].GET.copy()
    query[context.get("page_param") or "page"] = number
    return f"?{query.urlencode()}"
