"""The demo data set behind `manage.py generate_demo_data` (never loaded by migrations).

Organisations (`organisations`): the providers and the exact contract history of DOMAIN.md, teams,
provider staff, municipal social workers and fund staff. Case data (clients, referrals, episodes,
plans, visits) comes from `cases.generate_cases`, in bulk so that 100,000 clients take minutes.
"""

from .cases import generate_cases
from .organisations import DEMO_LOGINS, DEMO_PASSWORD, generate_organisations

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "generate_cases", "generate_organisations"]
