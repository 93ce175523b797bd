"""The sign-in limit, on the network's sign-in and on a member's (workspace and back office):
only failures count, per (account, address) pair with a wider limit per address; a stranger
failing from elsewhere never locks a person out; a refused person is told when to try again."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from network.accounts.services import network_account_create

PASSWORD = "Tetouan-2026-openness"
HOME = "192.0.2.10"  # the person's own address (documentation range: no traffic)
STRANGER = "198.51.100.7"  # someone who knows their e-mail
LOCKED = "محاولات كثيرة"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.delete_pattern("*signin:*")
    yield
    cache.delete_pattern("*signin:*")


@pytest.fixture
def directorate(db, network):
    return network_account_create(email="dir@dgct.gov.ma", role="directorate", password=PASSWORD)


@pytest.fixture
def tetouan_staff(tetouan, in_member):
    from django.apps import apps

    StaffMembership = apps.get_model("site", "StaffMembership")  # a member's model
    with in_member(tetouan):
        user = User.objects.create_user(
            "focal@tetouan.ma", email="focal@tetouan.ma", password=PASSWORD, is_staff=True
        )
        StaffMembership.objects.create(user=user, role="focal_point")
    return "focal@tetouan.ma"


# Each door: (member or None for the network, sign-in path, where a success goes).
DOORS = {
    "network": (None, "/sign-in/"),
    "workspace": ("tetouan", "/staff/sign-in/"),
    "back-office": ("tetouan", "/admin/login/"),
}


@pytest.fixture(params=list(DOORS))
def door(request, client_for, network, db):
    """`door.attempt(email, password, address)`: one sign-in on a fresh browser; True when
    signed in (a redirect), else the page's text."""
    which, path = DOORS[request.param]
    member = network[which] if which else None
    if member is None:
        email = network_account_create(
            email="dir@dgct.gov.ma", role="directorate", password=PASSWORD
        ).email
    else:
        email = request.getfixturevalue("tetouan_staff")

    class Door:
        name = request.param

        def attempt(self, password=PASSWORD, *, address=HOME, who=None):
            response = client_for(member).post(
                path, {"username": who or email, "password": password}, REMOTE_ADDR=address
            )
            return True if response.status_code == 302 else response.content.decode()

    door = Door()
    door.email = email
    return door


def test_successful_sign_ins_never_count(door):
    for _ in range(15):
        assert door.attempt() is True


def test_ten_failures_lock_the_pair_and_say_when_to_try_again(door):
    for _ in range(10):
        assert door.attempt("wrong", address=STRANGER) is not True
    page = door.attempt(address=STRANGER)
    assert page is not True and LOCKED in page and "15 دقيقة" in page


def test_a_stranger_failing_from_elsewhere_cannot_lock_the_person_out(door):
    for _ in range(30):
        door.attempt("guess", address=STRANGER)
    assert door.attempt(address=HOME) is True


def test_an_address_that_fails_on_many_accounts_is_stopped_for_all(door):
    for number in range(50):  # one failure each on 50 accounts: no pair is over its limit
        door.attempt("guess", address=STRANGER, who=f"nobody{number}@example.ma")
    page = door.attempt(address=STRANGER)
    assert page is not True and LOCKED in page
    assert door.attempt(address=HOME) is True  # the person, from their own address


def test_a_right_password_clears_the_pairs_failures(door):
    for _ in range(9):
        door.attempt("wrong")
    assert door.attempt() is True
    for _ in range(9):
        door.attempt("wrong")
    assert door.attempt() is True


def test_the_wait_is_told_in_french_too(client_for, directorate):
    browser = client_for(None)
    browser.cookies["django_language"] = "fr"
    for _ in range(10):
        browser.post("/sign-in/", {"username": directorate.email, "password": "x"})
    page = browser.post(
        "/sign-in/", {"username": directorate.email, "password": PASSWORD}
    ).content.decode()
    assert "Trop de tentatives échouées" in page and "15 minutes" in page


def test_counts_at_one_member_say_nothing_at_another(tetouan, tanger, in_member, client_for):
    for member in (tetouan, tanger):
        with in_member(member):
            User.objects.create_user("same@commune.ma", password=PASSWORD, is_staff=True)
    for _ in range(10):
        client_for(tetouan).post(
            "/admin/login/", {"username": "same@commune.ma", "password": "wrong"}
        )
    assert (
        LOCKED
        in client_for(tetouan)
        .post("/admin/login/", {"username": "same@commune.ma", "password": PASSWORD})
        .content.decode()
    )
    assert (
        client_for(tanger)
        .post("/admin/login/", {"username": "same@commune.ma", "password": PASSWORD})
        .status_code
        == 302
    )
