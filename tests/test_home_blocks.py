"""A member's home page: the site draws it, each app brings its block (settings.HOME_BLOCKS),
since the site is below every app and imports none of them."""

from tenants.documents.tests.factories import document_factory
from tenants.meetings.tests.factories import meeting_in
from tenants.programme.tests.factories import programme_factory


def test_the_home_shows_the_programme_the_next_meeting_and_the_latest_document(
    tetouan, in_member, client_for
):
    with in_member(tetouan):
        programme_factory(title_ar="تطوان جماعة منفتحة 2024-2026")
        meeting_in(3, title_ar="ورشة الإعداد المشترك للميزانية")
        document_factory(title_ar="الحساب الإداري 2024")
    page = client_for(tetouan).get("/").content.decode()
    assert "تطوان جماعة منفتحة 2024-2026" in page
    assert "ورشة الإعداد المشترك للميزانية" in page
    assert "الحساب الإداري 2024" in page


def test_an_app_whose_block_is_not_named_adds_nothing(tetouan, in_member, client_for, settings):
    settings.HOME_BLOCKS = [b for b in settings.HOME_BLOCKS if ".documents." not in b]
    with in_member(tetouan):
        document_factory(title_ar="الحساب الإداري 2024")
        meeting_in(3, title_ar="ورشة الإعداد المشترك للميزانية")
    page = client_for(tetouan).get("/").content.decode()
    assert "ورشة الإعداد المشترك للميزانية" in page
    assert "الحساب الإداري 2024" not in page
