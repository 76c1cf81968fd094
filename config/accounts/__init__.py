"""Staff login: two factors (django-otp), lockout (django-axes), sessions that end (idle, absolute,
everywhere), password reset. See README "Security settings"."""
