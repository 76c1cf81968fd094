"""Forms of the cases app: validate and lay out (crispy FormHelper); take `user=` to scope choices."""


# --- Clients and referrals (issue 3) -------------------------------------------------------------


# --- Episodes, plans, visits (issue 4) -----------------------------------------------------------
