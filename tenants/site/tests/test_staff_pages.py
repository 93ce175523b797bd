"""The workspace's site pages: the branding (with its preview and contrast check) and the
team (invite, change a role, remove), for the focal point only, in a constant number of
queries, and nothing of another member."""

import re

from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.site.models import SiteProfile, StaffMembership
from tenants.site.roles import Role

# The smallest valid PNG (1 × 1, transparent).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082"
)


def _branding(**changes) -> dict:
    data = {
        "name_ar": "جماعة تطوان",
        "name_fr": "Commune de Tétouan",
        "name_tifinagh": "ⵜⵉⵟⵟⴰⵡⵉⵏ",
        "primary_colour": "#0b4f6c",
        "secondary_colour": "#c1272d",
        "contact_email": "contact@tetouan.ma",
        "contact_phone": "0539 00 00 00",
        "address": "شارع محمد الخامس، تطوان",
        "action": "save",
    }
    data.update(changes)
    return data


def _colleague(role: str, email: str, *, name: str = "", password: bool = True):
    first, _, last = name.partition(" ")
    user = User.objects.create_user(
        email,
        email=email,
        is_staff=True,
        first_name=first,
        last_name=last,
        password="Tetouan-2026-open" if password else None,
    )
    return StaffMembership.objects.create(user=user, role=role, invited_by="أمينة العلوي")


def _me(role: str = "focal_point") -> StaffMembership:
    return StaffMembership.objects.select_related("user").get(user__username=f"{role}@example.ma")


# --- Branding ---------------------------------------------------------------------------


def test_the_branding_page_opens_for_the_focal_point_only(tetouan, staff_client):
    page = staff_client(tetouan, "focal_point").get("/staff/site/branding/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="color"' in html and "الاسم بالعربية" in html and "معاينة" in html
    assert staff_client(tetouan, "editor").get("/staff/site/branding/").status_code == 403
    assert staff_client(tetouan, "moderator").get("/staff/site/branding/").status_code == 403


def test_a_preview_shows_the_header_and_warns_of_a_light_colour_without_saving(
    tetouan, in_member, staff_client, media_root
):
    client = staff_client(tetouan, "focal_point")
    logo = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    page = client.post(
        "/staff/site/branding/",
        _branding(
            name_ar="جماعة تطوان المنفتحة", primary_colour="#ffd700", action="preview", logo=logo
        ),
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "معاينة" in html and "جماعة تطوان المنفتحة" in html
    assert "فاتح جدا" in html  # the contrast warning, in Arabic
    assert "#ffd700" in html and "--member-primary: #ffd700" not in html  # shown darkened
    assert "data:image/png;base64," in html and 'name="pending_logo"' in html
    with in_member(tetouan):
        profile = SiteProfile.objects.get()
        assert profile.name_ar != "جماعة تطوان المنفتحة" and not profile.logo


def test_saving_after_a_preview_keeps_the_previewed_logo(
    tetouan, in_member, staff_client, client_for, media_root
):
    client = staff_client(tetouan, "focal_point")
    preview = client.post(
        "/staff/site/branding/",
        _branding(
            action="preview", logo=SimpleUploadedFile("logo.png", PNG, content_type="image/png")
        ),
    )
    pending = re.search(r'name="pending_logo" value="([^"]+)"', preview.content.decode()).group(1)
    response = client.post(
        "/staff/site/branding/", _branding(name_ar="جماعة تطوان الجديدة", pending_logo=pending)
    )
    assert response.status_code == 302 and response["Location"] == "/staff/site/branding/"
    confirmation = client.get(response["Location"]).content.decode()
    assert 'role="status"' in confirmation and "تم حفظ" in confirmation
    with in_member(tetouan):
        profile = SiteProfile.objects.get()
        assert profile.name_ar == "جماعة تطوان الجديدة" and profile.logo.name.endswith(".png")
        assert profile.primary_colour == "#0b4f6c"
    public = client_for(tetouan).get("/").content.decode()
    assert "جماعة تطوان الجديدة" in public and "--member-primary: #0b4f6c" in public
    assert profile.logo.url in public


def test_a_bad_colour_or_a_file_that_is_no_image_is_refused_in_arabic(
    tetouan, in_member, staff_client, media_root
):
    client = staff_client(tetouan, "focal_point")
    with in_member(tetouan):
        before = SiteProfile.objects.get().primary_colour
    response = client.post("/staff/site/branding/", _branding(primary_colour="green"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and "ستة أرقام" in html
    fake = SimpleUploadedFile(
        "logo.png", b"<svg onload='alert(1)'></svg>", content_type="image/png"
    )
    response = client.post("/staff/site/branding/", _branding(logo=fake))
    assert response.status_code == 400
    assert "هذا النوع من الملفات غير مقبول" in response.content.decode()
    with in_member(tetouan):
        assert SiteProfile.objects.get().primary_colour == before


def test_a_saved_branding_drops_the_cached_public_pages(
    tetouan, in_member, staff_client, client_for, page_cache, django_capture_on_commit_callbacks
):
    from kernel.page_cache import content_version

    client = staff_client(tetouan, "focal_point")
    citizen = client_for(tetouan)
    assert "جماعة تطوان البهية" not in citizen.get("/").content.decode()  # now cached
    with in_member(tetouan):
        before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(
                "/staff/site/branding/", _branding(name_ar="جماعة تطوان البهية")
            ).status_code
            == 302
        )
    with in_member(tetouan):
        assert content_version() > before
    assert "جماعة تطوان البهية" in citizen.get("/").content.decode()


def test_the_branding_page_makes_a_constant_number_of_queries(tetouan, staff_client):
    client = staff_client(tetouan, "focal_point")
    client.get("/staff/site/branding/")
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staff/site/branding/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12


# --- Team -----------------------------------------------------------------------------


def test_the_team_page_lists_the_staff_with_their_roles(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "focal_point")
    with in_member(tetouan):
        _colleague(Role.EDITOR, "karim@tetouan.ma", name="كريم التازي")
        _colleague(Role.MODERATOR, "nadia@tetouan.ma", password=False)
        _colleague(Role.NETWORK_ASSISTANCE, "assist@dgct.gov.ma")
    page = client.get("/staff/site/team/")
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        "كريم التازي",
        "karim@tetouan.ma",
        "محرر",
        "مشرف",
        "مساعدة المديرية",
        "لم يختر كلمة المرور بعد",
        "تدبره المديرية",
        "أمينة العلوي",
    ):
        assert text in html, text
    assert "editor" not in re.sub(r"<[^>]+>", "", html).replace("editor@", "")  # no raw codes


def test_editors_and_moderators_cannot_open_the_team(tetouan, staff_client):
    for role in ("editor", "moderator"):
        client = staff_client(tetouan, role)
        assert client.get("/staff/site/team/").status_code == 403
        assert client.get("/staff/site/team/invite/").status_code == 403


def test_the_team_page_makes_a_constant_number_of_queries(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "focal_point")
    client.get("/staff/site/team/")
    counts = []
    for volume in (1, 12):
        with in_member(tetouan):
            for number in range(volume):
                _colleague(Role.EDITOR, f"c{volume}-{number}@tetouan.ma", name="زميل جديد")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staff/site/team/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12


def test_the_focal_point_invites_an_editor(
    tetouan, in_member, staff_client, django_capture_on_commit_callbacks
):
    client = staff_client(tetouan, "focal_point")
    assert client.get("/staff/site/team/invite/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/staff/site/team/invite/", {"email": "Karim@Tetouan.ma", "role": "editor"}
        )
    assert response.status_code == 302 and response["Location"] == "/staff/site/team/"
    assert mail.outbox[-1].to == ["karim@tetouan.ma"]
    assert "/staff/set-password/" in mail.outbox[-1].body
    with in_member(tetouan):
        membership = StaffMembership.objects.get(user__email="karim@tetouan.ma")
        assert membership.role == Role.EDITOR
        assert membership.invited_by and "@" not in membership.invited_by  # a name, not an e-mail
    team = client.get("/staff/site/team/").content.decode()
    assert "karim@tetouan.ma" in team and 'role="status"' in team


def test_an_invitation_is_refused_clearly_in_arabic(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "focal_point")
    with in_member(tetouan):
        _colleague(Role.EDITOR, "karim@tetouan.ma")
    taken = client.post("/staff/site/team/invite/", {"email": "karim@tetouan.ma", "role": "editor"})
    assert taken.status_code == 400 and "مسبقًا على حساب" in taken.content.decode()
    assistance = client.post(
        "/staff/site/team/invite/", {"email": "x@dgct.gov.ma", "role": "network_assistance"}
    )
    assert assistance.status_code == 400 and 'id="error-summary"' in assistance.content.decode()
    with in_member(tetouan):
        assert not User.objects.filter(email="x@dgct.gov.ma").exists()


def test_the_focal_point_changes_a_colleagues_role(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "focal_point")
    with in_member(tetouan):
        karim = _colleague(Role.EDITOR, "karim@tetouan.ma", name="كريم التازي")
    page = client.get(f"/staff/site/team/{karim.pk}/")
    assert page.status_code == 200 and "تغيير الدور" in page.content.decode()
    response = client.post(f"/staff/site/team/{karim.pk}/", {"role": "moderator"})
    assert response.status_code == 302
    with in_member(tetouan):
        karim.refresh_from_db()
        assert karim.role == Role.MODERATOR
    assert "كريم التازي" in client.get("/staff/site/team/").content.decode()


def test_the_last_focal_point_cannot_demote_or_remove_themselves(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "focal_point")
    with in_member(tetouan):
        me = _me()
    response = client.post(f"/staff/site/team/{me.pk}/", {"role": "editor"})
    assert response.status_code == 400 and "آخر نقطة ارتكاز" in response.content.decode()
    response = client.post(f"/staff/site/team/{me.pk}/remove/")
    assert response.status_code == 400 and "آخر نقطة ارتكاز" in response.content.decode()
    with in_member(tetouan):
        me.refresh_from_db()
        assert me.role == Role.FOCAL_POINT and me.user.is_active


def test_removing_a_colleague_asks_first_then_ends_their_access(
    tetouan, in_member, staff_client, client_for
):
    client = staff_client(tetouan, "focal_point")
    karim_client = staff_client(tetouan, "editor")
    with in_member(tetouan):
        karim = _me("editor")
    assert karim_client.get("/staff/").status_code == 200
    confirm = client.get(f"/staff/site/team/{karim.pk}/remove/")
    assert confirm.status_code == 200 and "نعم، إزالته من الفريق" in confirm.content.decode()
    response = client.post(f"/staff/site/team/{karim.pk}/remove/")
    assert response.status_code == 302 and response["Location"] == "/staff/site/team/"
    with in_member(tetouan):
        karim.user.refresh_from_db()
        assert not karim.user.is_active and not karim.user.has_usable_password()
    # Their open session ends, and they can no longer sign in.
    assert karim_client.get("/staff/").status_code == 302
    sign_in = client_for(tetouan).post(
        "/staff/sign-in/", {"username": "editor@example.ma", "password": "anything"}
    )
    assert sign_in.status_code == 200 and 'id="error-summary"' in sign_in.content.decode()
    # Gone from the team's actions: their page is no longer found.
    assert client.get(f"/staff/site/team/{karim.pk}/").status_code == 404


def test_the_assistance_account_is_listed_but_not_changed_here(tetouan, in_member, staff_client):
    client = staff_client(tetouan, "focal_point")
    with in_member(tetouan):
        assistance = _colleague(Role.NETWORK_ASSISTANCE, "assist@dgct.gov.ma")
    team = client.get("/staff/site/team/").content.decode()
    assert "assist@dgct.gov.ma" in team and f"/staff/site/team/{assistance.pk}/" not in team
    assert client.get(f"/staff/site/team/{assistance.pk}/").status_code == 404
    assert client.post(f"/staff/site/team/{assistance.pk}/remove/").status_code == 404


def test_tetouans_focal_point_cannot_touch_tangers_team(tetouan, tanger, in_member, staff_client):
    client = staff_client(tetouan, "focal_point")
    with in_member(tetouan):
        tetouan_ids = set(StaffMembership.objects.values_list("pk", flat=True))
    with in_member(tanger):
        foreign = [_colleague(Role.EDITOR, f"t{n}@tanger.ma") for n in range(len(tetouan_ids) + 2)]
    stranger = next(m for m in foreign if m.pk not in tetouan_ids)
    assert client.get(f"/staff/site/team/{stranger.pk}/").status_code == 404
    assert client.post(f"/staff/site/team/{stranger.pk}/", {"role": "moderator"}).status_code == 404
    assert client.post(f"/staff/site/team/{stranger.pk}/remove/").status_code == 404
    assert "tanger.ma" not in client.get("/staff/site/team/").content.decode()
    with in_member(tanger):
        stranger.refresh_from_db()
        assert stranger.role == Role.EDITOR and stranger.user.is_active


def test_the_pages_read_in_french_too(tetouan, staff_client, settings):
    client = staff_client(tetouan, "focal_point")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    branding = client.get("/staff/site/branding/").content.decode()
    assert 'lang="fr"' in branding and "Identité visuelle du site" in branding
    assert "Couleur principale" in branding and "Prévisualiser" in branding
    team = client.get("/staff/site/team/").content.decode()
    assert "Inviter un collègue" in team and "Point focal" in team


def test_a_logo_is_replaced_then_removed_and_its_files_go(
    tetouan, in_member, staff_client, media_root, django_capture_on_commit_callbacks
):
    client = staff_client(tetouan, "focal_point")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/staff/site/branding/",
            _branding(logo=SimpleUploadedFile("first.png", PNG, content_type="image/png")),
        )
    with in_member(tetouan):
        first = SiteProfile.objects.get().logo
        assert first.storage.exists(first.name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/staff/site/branding/",
            _branding(logo=SimpleUploadedFile("second.png", PNG, content_type="image/png")),
        )
    with in_member(tetouan):
        second = SiteProfile.objects.get().logo
        assert second.name != first.name and not first.storage.exists(first.name)
    assert "حذف الشعار الحالي" in client.get("/staff/site/branding/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/staff/site/branding/", _branding(remove_logo="on")).status_code == 302
    with in_member(tetouan):
        assert not SiteProfile.objects.get().logo and not second.storage.exists(second.name)
