"""Two-factor sign-in: a TOTP authenticator and single-use recovery codes (django-otp).

- Devices live where the account lives: network accounts' in the public schema, a member's
  staff's in that member's schema (django-otp's apps are in SHARED_APPS and TENANT_APPS), so a
  device of one member never verifies anywhere else.
- Required of network accounts (the directorate, regional focal points, the network's staff),
  offered to a member's staff on their workspace's "two-factor sign-in" page.
- One rule, in `middleware.TwoFactorMiddleware`: a signed-in session whose account has
  two-factor on, or must have it, and has not given a code reaches only the code step (or
  enrolment), sign-out and static files; on the API it counts as anonymous. Every way in
  (the sign-in forms, the back office's login, a password reset) goes through it.
- Failed codes count in the sign-in limiter (`citizens.sign_in_failure_record`) under their
  own scope, which a right password does not clear; django-otp's throttling adds an
  exponential delay per device on top.
"""
