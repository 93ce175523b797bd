"""One URL: the platform's own health view (platform/ui/views.py), imported, not copied."""

from django.urls import path

from ui.views import health

urlpatterns = [path("healthz", health, name="health")]
