"""The workspace's own pages: sign-in, sign-out and the inbox (member schema)."""
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenants.site.admin_support import StaffSignInForm
from tenants.site.staff import StaffForm, staff_required
from tenants.workspace.selectors import inbox as inbox_sections


@staff_required()
def inbox(request):
    now = timezone.now()
    sections = inbox_sections(user=request.user, today=timezone.localdate(now), now=now)
    return render(request, "workspace/inbox.html", {
        "sections": sections, "waiting": sum(section.count for section in sections),
        "clear": [section for section in sections if not section.count],
        "today": timezone.localdate(now)})


class WorkspaceSignInForm(StaffForm, StaffSignInForm):
    pass


class StaffSignInView(LoginView):
    """The staff's sign-in on their member's host (accounts live in the member's schema)."""
    form_class = WorkspaceSignInForm
    template_name = "workspace/sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("staff:inbox")


@require_POST
def sign_out(request):
    logout(request)
    return redirect("staff:sign-in")
