"""Ideas and supports of Tétouan never show at Tanger; a link or a member of staff of Tétouan
means nothing at Tanger."""

import pytest

from tenants.ideas.models import Idea, Status, Support
from tenants.ideas.tests.factories import cocreated_programme, idea_on, support_of
from tenants.ideas.tokens import contribution_token_make

TITLE = "فكرة من تطوان حول الميزانية"


@pytest.fixture
def tetouan_idea(tetouan, in_member) -> Idea:
    with in_member(tetouan):
        idea = idea_on(cocreated_programme(), title=TITLE)
        support_of(idea, "fan@example.ma")
        return idea


def test_pages_and_api_of_tetouan_are_not_at_tanger(
    tetouan, tanger, in_member, client_for, tetouan_idea
):
    assert TITLE in client_for(tetouan).get("/ideas/").content.decode()
    with in_member(tanger):
        cocreated_programme()
    browser = client_for(tanger)
    assert TITLE not in browser.get("/ideas/").content.decode()
    assert browser.get(f"/ideas/{tetouan_idea.pk}/").status_code == 404
    assert (
        browser.post(
            f"/ideas/{tetouan_idea.pk}/support/", {"support-email": "x@example.ma"}
        ).status_code
        == 404
    )
    assert browser.get("/api/ideas/").json()["count"] == 0
    assert browser.get(f"/api/ideas/{tetouan_idea.pk}/").status_code == 404


def test_a_support_link_of_tetouan_is_worthless_at_tanger(
    tetouan, tanger, in_member, client_for, tetouan_idea
):
    with in_member(tetouan):
        pending = support_of(tetouan_idea, "late@example.ma", confirmed=False)
        token = contribution_token_make("support", pending.pk)
    with in_member(tanger):  # Tanger has a waiting support with the very same id
        twin = support_of(idea_on(cocreated_programme()), "twin@example.ma", confirmed=False)
        Support.objects.filter(pk=twin.pk).update(id=pending.pk)
    assert client_for(tanger).get(f"/ideas/confirm/{token}/").status_code == 400
    with in_member(tanger):
        assert Support.objects.get(pk=pending.pk).confirmed_at is None
    assert client_for(tetouan).get(f"/ideas/confirm/{token}/").status_code == 200
    with in_member(tanger):
        assert Support.objects.filter(confirmed_at__isnull=False).count() == 0


def test_staff_of_tetouan_open_nothing_at_tanger(
    tetouan, tanger, staff_client, client_for, tetouan_idea
):
    staff = staff_client(tetouan, "focal_point")
    assert staff.get(f"/staff/ideas/{tetouan_idea.pk}/").status_code == 200
    session = staff.cookies["sessionid"].value
    at_tanger = client_for(tanger)
    at_tanger.cookies["sessionid"] = session
    assert at_tanger.get("/staff/ideas/")["Location"].startswith("/staff/sign-in/")


def test_counts_of_tetouan_are_not_counted_at_tanger(tetouan, tanger, in_member, tetouan_idea):
    from tenants.figures.selectors import member_figures

    with in_member(tetouan):
        assert member_figures()["ideas"]["supports"] == 1
    with in_member(tanger):
        assert member_figures()["ideas"] == {
            "total": 0,
            "supports": 0,
            "answered": 0,
            "retained": 0,
            "answered_share": None,
            "retained_share": None,
        }
        assert not Idea.objects.filter(status=Status.PUBLISHED).exists()
