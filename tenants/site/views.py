from pathlib import Path

from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import SuspiciousOperation
from django.db import connection
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.static import serve

from kernel.page_cache import cache_public_page
from tenants.site.selectors import home_figures
from tenants.site.staff import StaffForm
from tenants.site.tokens import member_token_generator
from uploads.storage import member_file_link


@cache_public_page
def home(request):
    # The profile comes from the context processor, like on every page of the site.
    return render(request, "site/home.html", home_figures())


class WorkspaceSetPasswordForm(StaffForm, SetPasswordForm):
    pass


class StaffSetPasswordView(PasswordResetConfirmView):
    """Where an invited member of staff chooses a password (the link is signed per member),
    in the workspace's frame; then the workspace's inbox."""

    token_generator = member_token_generator
    form_class = WorkspaceSetPasswordForm
    template_name = "workspace/set_password.html"
    success_url = reverse_lazy("staff:inbox")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"


def member_file(request, schema_name: str, path: str):
    """A member's uploaded file, only on that member's own host (isolation of files).

    On the bucket: a redirect to a short-lived signed link, issued after this check. On disk:
    the bytes (behind a reverse proxy this can be replaced by X-Accel-Redirect; the check stays
    here).
    """
    if schema_name != connection.schema_name:
        raise Http404
    try:
        link = member_file_link(path)
    except (FileNotFoundError, SuspiciousOperation):  # none, or a path out of the member's prefix
        raise Http404 from None
    if link:
        response = HttpResponseRedirect(link)
        # The link expires: neither the browser nor a shared cache may keep the redirect.
        response["Cache-Control"] = "private, no-store"
        return response
    root = Path(settings.MEDIA_ROOT) / (settings.MULTITENANT_RELATIVE_MEDIA_ROOT % schema_name)
    response = serve(request, path, document_root=root)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
