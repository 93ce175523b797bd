"""The focal point runs the team from the workspace, on a phone, in Arabic: invites an editor,
who follows the e-mailed link, chooses a password and lands on the workspace's inbox; then
makes them a moderator, then removes them, and the removed person can no longer sign in."""

import re

import pytest
from django.core import mail

from tests.browser import ARTIFACTS, BROWSER_NEEDED, fits_the_screen

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect
pytestmark = BROWSER_NEEDED

EMAIL = "karim.tazi@tetouan.example.ma"
PASSWORD = "Karim-Tetouan-2026"
# The set-password page's labels (the workspace's page, Django's words).
NEW_PASSWORD = re.compile(r"^كلمة المرور الجديدة$")
CONFIRM_PASSWORD = re.compile(r"^تأكيد كلمة المرور الجديدة$")


def test_the_focal_point_invites_changes_and_removes_a_colleague_in_arabic(
    journey_member, staff_page, browser_pages
):
    page = staff_page("focal_point")
    page.get_by_role("link", name="الفريق", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("الفريق")

    # The invitation.
    page.get_by_role("link", name="دعوة زميل").click()
    page.get_by_label("عنوان البريد الإلكتروني").fill(EMAIL)
    page.get_by_label("محرر", exact=True).check()
    page.screenshot(path=ARTIFACTS / "focal-point-team-invite-ar.png", full_page=True)
    page.get_by_role("button", name="إرسال الدعوة").click()
    expect(page.get_by_role("status")).to_contain_text("تم إرسال دعوة إلى")
    expect(page.get_by_role("status")).to_contain_text(EMAIL)
    karim = page.locator(".team-member", has_text=EMAIL)
    expect(karim).to_contain_text("محرر")
    expect(karim).to_contain_text("مدعو: لم يختر كلمة المرور بعد")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "focal-point-team-invited-ar.png", full_page=True)

    # The editor follows the e-mailed link, chooses a password, and lands on the inbox.
    invitation = next(m for m in reversed(mail.outbox) if m.to == [EMAIL])
    link = re.search(r"https?://\S+/staff/set-password/\S+/", invitation.body).group(0)
    editor = browser_pages(host=journey_member.host)
    editor.goto(link)
    editor.get_by_label(NEW_PASSWORD).fill(PASSWORD)
    editor.get_by_label(CONFIRM_PASSWORD).fill(PASSWORD)
    editor.screenshot(path=ARTIFACTS / "editor-sets-a-password-ar.png", full_page=True)
    editor.get_by_label(CONFIRM_PASSWORD).press("Enter")
    editor.wait_for_url(journey_member.staff_url("/"))
    expect(editor.get_by_role("heading", level=1)).to_have_text("ما ينتظركم")

    # The focal point sees the password set, and makes the editor a moderator.
    page.reload()
    expect(karim).to_contain_text("تم اختيار كلمة المرور")
    karim.get_by_role("link", name="تغيير الدور أو الإزالة").click()
    page.get_by_label("مشرف", exact=True).check()
    page.get_by_role("button", name="تغيير الدور").click()
    expect(page.get_by_role("status")).to_contain_text("مشرف")
    expect(karim).to_contain_text("مشرف")
    assert editor.evaluate("() => fetch('/staff/programme/').then(r => r.status)") == 403

    # Then removes them, after a confirmation page that says what removing does.
    karim.get_by_role("link", name="تغيير الدور أو الإزالة").click()
    page.get_by_role("link", name="الإزالة من الفريق").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("من الفريق؟")
    assert fits_the_screen(page)
    page.screenshot(path=ARTIFACTS / "focal-point-team-remove-ar.png", full_page=True)
    page.get_by_role("button", name="نعم، إزالته من الفريق").click()
    expect(page.get_by_role("status")).to_contain_text("لم يعد بإمكانه تسجيل الدخول")
    expect(page.locator(".team-list")).not_to_contain_text(EMAIL)
    expect(page.locator(".team-former")).to_contain_text(EMAIL)
    page.screenshot(path=ARTIFACTS / "focal-point-team-removed-ar.png", full_page=True)

    # The removed person's open session has ended, and signing in again is refused.
    editor.goto(journey_member.staff_url("/"))
    expect(editor).to_have_url(re.compile(r"/staff/sign-in/"))
    editor.locator("#id_username").fill(EMAIL)
    editor.locator("#id_password").fill(PASSWORD)
    editor.locator("form [type=submit]").click()
    expect(editor.locator("#error-summary")).to_be_visible()
    expect(editor).to_have_url(re.compile(r"/staff/sign-in/"))
    editor.screenshot(path=ARTIFACTS / "removed-colleague-cannot-sign-in-ar.png", full_page=True)
