"""The directorate invites a member's first focal point from the member's page in the console;
the page links to the member's site and to its staff workspace."""

import re

import pytest
from django.apps import apps
from django.core import mail

from network.console.models import StaffInvitationSent

PAGE = "/console/members/m_015710111/"  # Tétouan
INVITE = PAGE + "invite/"


@pytest.fixture
def directorate(network_client):
    return network_client("directorate")


def test_the_member_page_links_to_the_site_and_the_workspace(directorate, tetouan):
    page = directorate.get(PAGE).content.decode()
    assert re.search(r'href="http://tetouan\.localhost[^"]*/"', page)
    assert re.search(r'href="http://tetouan\.localhost[^"]*/staff/"', page)
    assert "فتح موقع العضو" in page and "فتح مساحة عمل الموظفين" in page
    assert 'name="email"' in page and '<option value="focal_point" selected>' in page


def test_inviting_the_first_focal_point(
    directorate, tetouan, in_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = directorate.post(INVITE, {"email": " Amina@Tetouan.MA ", "role": "focal_point"})
    assert response.status_code == 302 and response["Location"] == PAGE
    page = directorate.get(PAGE).content.decode()
    assert 'role="status"' in page and "تم إرسال الدعوة إلى amina@tetouan.ma" in page
    assert "amina@tetouan.ma" in page.split("الدعوات المرسلة", 1)[1]  # the log on the page
    # The account is the member's, with its role; the network only logs the invitation.
    with in_member(tetouan):
        membership = apps.get_model("site", "StaffMembership").objects.get(
            user__email="amina@tetouan.ma"
        )
        assert membership.role == "focal_point"
        # Invited by the directorate's account, by value; its name, never its e-mail.
        assert (membership.invited_by, membership.invited_by_network_account_id) == (
            "مسؤول بالمديرية",
            directorate.user.pk,
        )
    invitation = StaffInvitationSent.objects.get()
    assert (invitation.member, invitation.email, invitation.by_account_id, invitation.by_email) == (
        tetouan,
        "amina@tetouan.ma",
        directorate.user.pk,
        directorate.user.email,
    )
    # The e-mail carries the one-time link on the member's own host.
    (message,) = mail.outbox
    assert message.to == ["amina@tetouan.ma"]
    assert re.search(r"http://tetouan\.localhost[^\s]*/staff/set-password/[^\s]+/", message.body)


@pytest.mark.parametrize(
    "email, error",
    [("not-an-address", "أدخلوا عنوان بريد إلكتروني صحيحًا"), ("", "هذا الحقل مطلوب")],
)
def test_a_bad_address_is_refused_in_arabic(directorate, tetouan, email, error):
    response = directorate.post(INVITE, {"email": email, "role": "focal_point"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "لم يتم إرسال الدعوة" in page and error in page
    assert not StaffInvitationSent.objects.exists() and not mail.outbox


def test_inviting_the_same_person_twice_is_refused_in_arabic(
    directorate, tetouan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        directorate.post(INVITE, {"email": "amina@tetouan.ma", "role": "focal_point"})
        again = directorate.post(INVITE, {"email": "amina@tetouan.ma", "role": "editor"})
    assert again.status_code == 400
    assert "يتوفر amina@tetouan.ma مسبقًا على حساب في هذا الموقع" in again.content.decode()
    assert StaffInvitationSent.objects.count() == 1 and len(mail.outbox) == 1


def test_an_unknown_role_is_refused(directorate, tetouan):
    response = directorate.post(INVITE, {"email": "x@tetouan.ma", "role": "network_assistance"})
    assert response.status_code == 400 and not StaffInvitationSent.objects.exists()


def test_only_the_directorate_invites(network_client, client_for, tetouan, in_member):
    north = network_client("regional_focal_point", region_code="01")
    assert north.post(INVITE, {"email": "x@tetouan.ma", "role": "focal_point"}).status_code == 403
    anonymous = client_for(None).post(INVITE, {"email": "x@tetouan.ma", "role": "focal_point"})
    assert anonymous.status_code == 302 and "/sign-in/" in anonymous["Location"]
    # On a member's host the console does not exist.
    assert client_for(tetouan).post(INVITE, {"email": "x@tetouan.ma"}).status_code == 404
    with in_member(tetouan):
        assert not apps.get_model("auth", "User").objects.filter(email="x@tetouan.ma").exists()
    assert not StaffInvitationSent.objects.exists()


def test_an_unknown_member_is_404(directorate):
    assert (
        directorate.post(
            "/console/members/m_nobody/invite/", {"email": "x@example.ma", "role": "focal_point"}
        ).status_code
        == 404
    )
