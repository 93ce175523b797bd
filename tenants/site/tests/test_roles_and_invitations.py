import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError

from tenants.site.models import StaffMembership
from tenants.site.roles import Role, role_allows
from tenants.site.services import staff_invite
from kernel.actors import Actor


@pytest.mark.parametrize(
    "role, perm, allowed",
    [
        (Role.FOCAL_POINT, "programme.change_commitment", True),
        (Role.FOCAL_POINT, "site.add_staffmembership", True),
        (Role.EDITOR, "documents.add_document", True),
        (Role.EDITOR, "site.add_staffmembership", False),
        (Role.EDITOR, "site.change_siteprofile", False),
        (Role.MODERATOR, "programme.view_commitment", True),
        (Role.MODERATOR, "programme.change_commitment", False),
        (Role.MODERATOR, "auth.change_user", False),
    ],
)
def test_role_permissions(role, perm, allowed):
    assert role_allows(role, perm) is allowed


def _invite(member, in_member, django_capture_on_commit_callbacks, **kwargs):
    with in_member(member), django_capture_on_commit_callbacks(execute=True):
        return staff_invite(
            invited_by=Actor(name="focal@tetouan.ma"),
            site_url="http://tetouan.localhost/",
            **kwargs,
        )


def test_an_invited_editor_sets_a_password_and_opens_the_back_office(
    tetouan, tanger, in_member, client_for, django_capture_on_commit_callbacks
):
    membership = _invite(
        tetouan,
        in_member,
        django_capture_on_commit_callbacks,
        email="Amina@Example.ma",
        role=Role.EDITOR,
    )
    assert membership.user.email == "amina@example.ma" and not membership.user.has_usable_password()
    message = mail.outbox[-1]
    assert message.to == ["amina@example.ma"]
    assert "تطوان" in message.subject or "تطوان" in message.body
    link = re.search(r"http://tetouan\.localhost(/staff/set-password/\S+/)", message.body).group(1)

    # The same link on Tanger's host is worthless (accounts and tokens are per member).
    assert b"new_password1" not in client_for(tanger).get(link, follow=True).content

    browser = client_for(tetouan)
    form_page = browser.get(link, follow=True)
    assert b"new_password1" in form_page.content
    response = browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Tetouan-2026-open", "new_password2": "Tetouan-2026-open"},
    )
    assert response.status_code == 302
    admin_index = browser.get("/admin/")
    assert admin_index.status_code == 200
    assert b"/admin/programme/" in admin_index.content
    assert b"/admin/site/staffmembership/" not in admin_index.content  # editors do not manage staff


def test_inviting_an_existing_account_is_a_clear_error(
    tetouan, in_member, django_capture_on_commit_callbacks
):
    _invite(
        tetouan,
        in_member,
        django_capture_on_commit_callbacks,
        email="a@example.ma",
        role=Role.EDITOR,
    )
    with pytest.raises(ValidationError):
        _invite(
            tetouan,
            in_member,
            django_capture_on_commit_callbacks,
            email="a@example.ma",
            role=Role.MODERATOR,
        )
    with in_member(tetouan):
        assert StaffMembership.objects.filter(user__email="a@example.ma").count() == 1


def test_a_focal_point_of_tetouan_has_no_rights_on_tanger(tetouan, tanger, in_member):
    with in_member(tetouan):
        user = User.objects.create_user("fp@tetouan.ma", is_staff=True)
        StaffMembership.objects.create(user=user, role=Role.FOCAL_POINT)
        assert user.has_perm("programme.change_commitment")
    with in_member(tanger):
        # The same user id in Tanger's schema is nobody: no membership, no permission.
        assert not User.objects.filter(pk=user.pk).exists()


def test_back_office_sign_in_attempts_are_limited_per_member(
    tetouan, tanger, in_member, client_for
):
    from django.contrib.auth.models import User

    for member in (tetouan, tanger):
        with in_member(member):
            User.objects.create_user(
                "focal@commune.ma", password="a-long-pass-phrase-42", is_staff=True
            )
    tetouan_browser = client_for(tetouan)
    for _ in range(10):
        tetouan_browser.post("/admin/login/", {"username": "focal@commune.ma", "password": "wrong"})
    page = tetouan_browser.post(
        "/admin/login/", {"username": "focal@commune.ma", "password": "a-long-pass-phrase-42"}
    )
    assert page.status_code == 200 and "محاولات كثيرة" in page.content.decode()
    # Tanger's back office keeps its own count: the same e-mail signs in there.
    signed_in = client_for(tanger).post(
        "/admin/login/", {"username": "focal@commune.ma", "password": "a-long-pass-phrase-42"}
    )
    assert signed_in.status_code == 302
