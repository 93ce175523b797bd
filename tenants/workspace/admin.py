"""The member's back office lists no two-factor devices (django-otp registers its own admins on
the default site, the members'): each person turns theirs on and off on the workspace's
"two-factor sign-in" page, and no role reads or types another's secret."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
