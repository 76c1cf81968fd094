"""Views of the cases app: generic class-based views with one scoping mixin for list/detail/edit pages,
small `@require_POST` function views for workflow actions."""


# --- Clients and referrals (issue 3) -------------------------------------------------------------


# --- Episodes, plans, visits, caseloads (issue 4) ------------------------------------------------
