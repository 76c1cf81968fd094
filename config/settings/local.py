"""Developer machine: `make run`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# The demo logins work with the password alone; set MFA_REQUIRED=true to try the second factor.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=False)
