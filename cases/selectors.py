"""Reads of the cases app beyond the `for_user` querysets (lists, suggestions, flags)."""


# --- Clients and referrals (issue 3) -------------------------------------------------------------


# --- Episodes, caseloads and flags (issue 4) -----------------------------------------------------
