"""One signed-link mechanism (kernel.signed_links) for every purpose.

Each purpose is tested twice: a token made the way the code before the kernel made it (Django's
signing called directly, with the salt written out here, not read from the code) is still read,
since links already sent must keep working; and a token made at Tétouan is refused at Tanger.
"""

import base64
import time
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.core.exceptions import ValidationError

from kernel.signed_links import LinkRefused, link_make, link_read
from tenancy.assistance import assistance_token_make, assistance_token_read
from tenants.consultations.tokens import comment_token_make, comment_token_read
from tenants.ideas.tokens import contribution_token_make, contribution_token_read
from tenants.information_requests.tokens import requester_token_make, requester_token_read
from tenants.meetings.tokens import cancel_token_make, cancel_token_read
from tenants.notifications.tokens import (
    follow_token_read,
    subscriber_token_make,
    subscriber_token_read,
)
from tenants.programme import staff_import_views
from tenants.site.staff_forms import pending_logo_dump, pending_logo_load
from tenants.site.tokens import member_token_generator
from tenants.surveys.tokens import response_token_make, response_token_read

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082"
)


def _logo():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("logo.png", PNG, content_type="image/png")


def _old_logo(schema):
    payload = {"name": "logo.png", "data": base64.b64encode(PNG).decode()}
    return signing.dumps(payload, salt="site.branding.pending-logo", compress=True)


def _logo_read(token):
    try:
        return pending_logo_load(token).read()
    except ValidationError as refused:
        raise LinkRefused("invalid") from refused


def _preview_read(token):
    claim = staff_import_views._claim(token)
    if claim is None:
        raise LinkRefused("invalid")
    return claim


# purpose: (a token as the former code made it in `schema`, what today's reader returns for
# it, a token made by today's code, the reader).
PURPOSES = {
    "consultation comment": (
        lambda schema: signing.dumps({"comment": 7}, salt=f"infitah.consultation-comment.{schema}"),
        7,
        lambda: comment_token_make(7),
        comment_token_read,
    ),
    "idea contribution": (
        lambda schema: signing.dumps({"kind": "support", "pk": 7}, salt=f"infitah.ideas.{schema}"),
        ("support", 7),
        lambda: contribution_token_make("support", 7),
        contribution_token_read,
    ),
    "survey response": (
        lambda schema: signing.dumps({"response": 7}, salt=f"infitah.survey-response.{schema}"),
        7,
        lambda: response_token_make(7),
        response_token_read,
    ),
    **{
        f"subscriber {purpose}": (
            lambda schema, purpose=purpose: signing.dumps(
                {"s": 7, "t": "abc"},
                salt=f"infitah.notifications.{purpose}.{schema}",
                compress=True,
            ),
            (7, "abc"),
            lambda purpose=purpose: subscriber_token_make(
                subscriber_pk=7, token="abc", purpose=purpose
            ),
            lambda token, purpose=purpose: subscriber_token_read(token, purpose=purpose),
        )
        for purpose in ("verify", "manage", "unsubscribe")
    },
    "subscriber follow": (
        lambda schema: signing.dumps(
            {"s": 7, "t": "abc", "f": "petition:3"},
            salt=f"infitah.notifications.follow.{schema}",
            compress=True,
        ),
        (7, "abc", "petition:3"),
        lambda: subscriber_token_make(
            subscriber_pk=7, token="abc", purpose="follow", follow="petition:3"
        ),
        follow_token_read,
    ),
    "requester": (
        lambda schema: signing.dumps(7, salt=f"infitah.information-request-requester.{schema}"),
        7,
        lambda: requester_token_make(mock.Mock(pk=7)),
        requester_token_read,
    ),
    "registration cancel": (
        lambda schema: signing.dumps(7, salt=f"infitah.meeting-registration-cancel.{schema}"),
        7,
        lambda: cancel_token_make(mock.Mock(pk=7)),
        cancel_token_read,
    ),
    "progress import preview": (
        lambda schema: signing.dumps({"token": "t0", "user": 3}, salt="programme.progress-import"),
        {"token": "t0", "user": 3},
        lambda: link_make(staff_import_views.PREVIEW_PURPOSE, {"token": "t0", "user": 3}),
        _preview_read,
    ),
    "pending logo": (_old_logo, PNG, lambda: pending_logo_dump(_logo()), _logo_read),
}


@pytest.mark.parametrize("purpose", list(PURPOSES))
def test_a_link_made_before_the_kernel_is_still_read(purpose, tetouan, in_member):
    made_before, expected, _make, read = PURPOSES[purpose]
    with in_member(tetouan):
        assert read(made_before(tetouan.schema_name)) == expected


@pytest.mark.parametrize("purpose", list(PURPOSES))
def test_a_link_of_tetouan_is_refused_at_tanger(purpose, tetouan, tanger, in_member):
    _made_before, expected, make, read = PURPOSES[purpose]
    with in_member(tetouan):
        token = make()
        assert read(token) == expected
    with in_member(tanger), pytest.raises(LinkRefused):
        read(token)


def _user():
    # Not saved: the generator hashes the account's id, password, last sign-in and e-mail.
    return User(pk=3, username="focal", password="pbkdf2_sha256$x", email="focal@tetouan.ma")


def test_a_password_link_made_before_the_kernel_is_still_valid(tetouan, in_member):
    class FormerGenerator(PasswordResetTokenGenerator):
        key_salt = f"infitah.staff-password.{tetouan.schema_name}"

    with in_member(tetouan):
        assert member_token_generator.check_token(_user(), FormerGenerator().make_token(_user()))


def test_a_password_link_of_tetouan_is_refused_at_tanger(tetouan, tanger, in_member):
    with in_member(tetouan):
        token = member_token_generator.make_token(_user())
        assert member_token_generator.check_token(_user(), token)
    with in_member(tanger):
        assert not member_token_generator.check_token(_user(), token)


def test_an_assistance_link_made_before_the_kernel_is_still_read(tetouan):
    former = signing.dumps(
        {"m": tetouan.schema_name, "e": "d@dgct.gov.ma", "j": "abc"},
        salt=f"infitah.assistance.{tetouan.schema_name}",
    )
    claim = assistance_token_read(former, schema_name=tetouan.schema_name)
    assert (claim.email, claim.token_id, claim.account_id) == ("d@dgct.gov.ma", "abc", None)


def test_an_assistance_link_of_tetouan_is_refused_at_tanger(tetouan, tanger):
    # Minted on the network's host (public schema) for a named member.
    token = assistance_token_make(schema_name=tetouan.schema_name, email="d@x.ma", token_id="j")
    assert assistance_token_read(token, schema_name=tetouan.schema_name).token_id == "j"
    with pytest.raises(LinkRefused):
        assistance_token_read(token, schema_name=tanger.schema_name)


def test_the_reasons_of_a_refusal(tetouan, in_member):
    with in_member(tetouan):
        token = link_make("example", {"n": 1})
        assert link_read("example", token, max_age=60, kind=dict) == {"n": 1}
        refusals = {
            "another purpose": lambda: link_read("other", token),
            "another shape": lambda: link_read("example", token, kind=int),
            "tampered": lambda: link_read("example", token[:-1] + "x"),
            "not a token": lambda: link_read("example", "garbage"),
            # hmac refuses to compare non-ASCII text (TypeError): still only a refusal.
            "non-ASCII": lambda: link_read("example", token[:-2] + "éé"),
        }
        for name, read in refusals.items():
            with pytest.raises(LinkRefused) as refused:
                read()
            assert refused.value.reason == "invalid", name
        with (
            mock.patch("django.core.signing.time.time", return_value=time.time() + 61),
            pytest.raises(LinkRefused) as refused,
        ):
            link_read("example", token, max_age=60)
        assert refused.value.reason == "expired"


def test_a_former_salt_is_read_but_never_written(tetouan, in_member):
    with in_member(tetouan):
        former = signing.dumps({"n": 1}, salt="example.former")
        assert link_read("example", former, former_salt="example.former") == {"n": 1}
        with pytest.raises(LinkRefused):
            link_read("example", former)
        with pytest.raises(signing.BadSignature):
            signing.loads(link_make("example", {"n": 1}), salt="example.former")
