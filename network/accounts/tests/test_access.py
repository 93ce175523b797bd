"""Network roles: who reads which region, in the public schema only."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import connection

from network.accounts.access import (
    can_read_member,
    can_read_region,
    is_directorate,
    region_codes_readable_by,
)
from network.accounts.models import NetworkRole
from network.accounts.services import network_account_create
from network.members.models import Member
from network.registry.models import Collectivity

TANGER_TETOUAN_AL_HOCEIMA = "01"
FES_MEKNES = "03"


@pytest.fixture
def directorate(db):
    return network_account_create(email="Directrice@DGCT.gov.ma", role="directorate")


@pytest.fixture
def north_focal_point(db):
    return network_account_create(
        email="nord@dgct.gov.ma", role="regional_focal_point", region_code=TANGER_TETOUAN_AL_HOCEIMA
    )


def unsaved_member(code: str) -> Member:
    return Member(schema_name="m_x", collectivity=Collectivity.objects.get(code=code))


def test_directorate_reads_every_region_and_member(directorate, tetouan):
    assert directorate.email == "directrice@dgct.gov.ma" and directorate.is_staff
    assert is_directorate(directorate)
    assert region_codes_readable_by(directorate) is None
    assert can_read_region(directorate, FES_MEKNES)
    assert can_read_member(directorate, tetouan)


def test_regional_focal_point_reads_their_region_only(north_focal_point, tetouan, tanger):
    assert not is_directorate(north_focal_point) and not north_focal_point.is_staff
    assert region_codes_readable_by(north_focal_point) == {TANGER_TETOUAN_AL_HOCEIMA}
    assert can_read_region(north_focal_point, TANGER_TETOUAN_AL_HOCEIMA)
    assert not can_read_region(north_focal_point, FES_MEKNES)
    # Communes, provinces and the region council itself belong to the region.
    assert can_read_member(north_focal_point, tetouan) and can_read_member(
        north_focal_point, tanger
    )
    assert can_read_member(north_focal_point, unsaved_member(TANGER_TETOUAN_AL_HOCEIMA))
    assert can_read_member(north_focal_point, unsaved_member("01.571"))  # province of Tétouan
    assert not can_read_member(north_focal_point, unsaved_member("03.531.03.23"))  # Timezgana
    assert not can_read_member(north_focal_point, unsaved_member(FES_MEKNES))


def test_nobody_else_reads_anything(db, tetouan):
    plain = User.objects.create_user("plain@example.ma")
    for user in (AnonymousUser(), plain):
        assert not is_directorate(user)
        assert region_codes_readable_by(user) == set()
        assert not can_read_region(user, TANGER_TETOUAN_AL_HOCEIMA)
        assert not can_read_member(user, tetouan)


def test_an_inactive_directorate_account_reads_nothing(directorate):
    directorate.is_active = False
    assert not is_directorate(directorate) and region_codes_readable_by(directorate) == set()


def test_member_staff_get_no_network_right_even_with_a_colliding_user_id(
    directorate, tetouan, in_member
):
    """A member's staff account may share its id with a network account: in the member's
    schema the network role is never consulted."""
    with in_member(tetouan):
        staff = User.objects.create_user("focal@tetouan.ma")
        User.objects.filter(pk=staff.pk).update(id=directorate.pk)
        staff = User.objects.get(pk=directorate.pk)
        assert not is_directorate(staff)
        assert region_codes_readable_by(staff) == set()
        assert not can_read_member(staff, tetouan)
        # Even the network account itself, asked about inside a member's schema.
        fresh = User(pk=directorate.pk, username="x", is_active=True)
        assert not is_directorate(fresh)


@pytest.mark.parametrize(
    "kwargs, field, message",
    [
        ({"role": "regional_focal_point"}, "region_code", "تحتاج نقطة الارتكاز"),
        ({"role": "regional_focal_point", "region_code": "01.571"}, "region_code", "01.571"),
        ({"role": "regional_focal_point", "region_code": "99"}, "region_code", "99"),
        ({"role": "directorate", "region_code": "01"}, "region_code", "الشبكة"),
        ({"role": "minister"}, "role", "minister"),
    ],
)
def test_account_creation_is_validated_in_arabic(db, kwargs, field, message):
    with pytest.raises(ValidationError) as error:
        network_account_create(email="x@dgct.gov.ma", **kwargs)
    assert field in error.value.message_dict
    assert message in " ".join(error.value.message_dict[field])
    assert not User.objects.filter(username="x@dgct.gov.ma").exists()
    assert not NetworkRole.objects.exists()


def test_account_creation_refuses_a_bad_or_taken_email_and_a_weak_password(directorate):
    for email in ("not-an-email", "DIRECTRICE@dgct.gov.ma"):
        with pytest.raises(ValidationError) as error:
            network_account_create(email=email, role="directorate")
        assert "email" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        network_account_create(email="new@dgct.gov.ma", role="directorate", password="123")
    assert "password" in error.value.message_dict
    assert not User.objects.filter(username="new@dgct.gov.ma").exists()


def test_accounts_are_created_in_the_network_schema_only(tetouan, in_member):
    with in_member(tetouan), pytest.raises(ValidationError):
        assert connection.schema_name == "m_015710111"
        network_account_create(email="x@dgct.gov.ma", role="directorate")
    assert not User.objects.filter(username="x@dgct.gov.ma").exists()


def test_view_decorators_guard_by_role_and_region(
    rf, directorate, north_focal_point, tetouan, settings
):
    settings.ROOT_URLCONF = "config.urls_public"  # the sign-in page's URL is the network's
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.http import Http404, HttpResponse

    from network.accounts.access import directorate_required, region_reader_required

    @region_reader_required
    def region_page(request, region_code):
        return HttpResponse(region_code)

    @directorate_required
    def directorate_page(request):
        return HttpResponse("ok")

    def request(user):
        req = rf.get("/x/")
        req.user = user
        return req

    assert region_page(request(north_focal_point), region_code="01").status_code == 200
    assert region_page(request(directorate), region_code="03").status_code == 200
    with pytest.raises(PermissionDenied):
        region_page(request(north_focal_point), region_code="03")
    with pytest.raises(PermissionDenied):
        directorate_page(request(north_focal_point))
    assert directorate_page(request(directorate)).status_code == 200
    anonymous = region_page(request(AnonymousUser()), region_code="01")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/sign-in/")
    on_member_host = request(directorate)
    on_member_host.tenant = tetouan
    with pytest.raises(Http404):
        directorate_page(on_member_host)


def test_staff_status_follows_the_role(network, directorate):
    role = directorate.network_role
    role.role, role.region_id = "regional_focal_point", TANGER_TETOUAN_AL_HOCEIMA
    role.save()
    directorate.refresh_from_db()
    assert not directorate.is_staff
    role.role, role.region_id = "directorate", None
    role.save()
    directorate.refresh_from_db()
    assert directorate.is_staff
