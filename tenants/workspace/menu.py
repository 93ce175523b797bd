"""The workspace's sections, each shown to the roles whose permission opens it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tenants.site.roles import Role, user_role


@dataclass(frozen=True)
class Section:
    url_name: str
    label: str
    perm: str | None
    prefix: str  # the workspace path the section owns, for "you are here"


SECTIONS = [
    Section("staff:inbox", _("What waits"), None, ""),
    Section(
        "staff:requests:list",
        _("Information requests"),
        "information_requests.change_informationrequest",
        "requests/",
    ),
    Section("staff:comments:list", _("Comments"), "consultations.moderate_comment", "comments/"),
    Section("staff:ideas:list", _("Ideas"), "ideas.change_idea", "ideas/"),
    Section("staff:petitions:list", _("Petitions"), "petitions.change_petition", "petitions/"),
    Section(
        "staff:programme:commitments", _("Programme"), "programme.change_commitment", "programme/"
    ),
    Section("staff:meetings:list", _("Meetings"), "meetings.change_meeting", "meetings/"),
    Section("staff:documents:list", _("Documents"), "documents.add_document", "documents/"),
    Section("staff:surveys:list", _("Surveys"), "surveys.change_survey", "surveys/"),
    Section(
        "staff:newsletters:list", _("Newsletters"), "notifications.view_newsletter", "newsletters/"
    ),
    Section("staff:site:branding", _("Site"), "site.change_siteprofile", "site/branding/"),
    Section("staff:site:team", _("Team"), "site.view_staffmembership", "site/team/"),
    # A person's personal data (tenants/privacy/data_subjects.py): the focal point's.
    Section(
        "staff:privacy:personal-data",
        _("Personal data"),
        "site.view_personaldataread",
        "site/personal-data/",
    ),
]


def workspace_menu(request) -> list[dict]:
    here = request.path.removeprefix(reverse("staff:inbox"))
    entries = []
    for section in SECTIONS:
        if section.perm and not request.user.has_perm(section.perm):
            continue
        active = here.startswith(section.prefix) if section.prefix else here == ""
        entries.append({"url": reverse(section.url_name), "label": section.label, "active": active})
    return entries


def workspace_context(request) -> dict:
    """For templates of the workspace (tenants.workspace.context_processors)."""
    user = request.user
    role = user_role(user) if user.is_authenticated else None
    if role is None:
        return {}
    return {
        "workspace_menu": workspace_menu(request),
        "workspace_user_name": user.get_full_name() or user.get_username(),
        "workspace_role_label": Role(role).label,
    }


# Two-factor sign-in (tenants/workspace/views.py): offered to everyone on the staff.
SECTIONS.append(Section("staff:two-factor", _("Two-factor sign-in"), None, "two-factor/"))
