"""Nothing of one member (rows, cache keys, sessions, files) reaches another."""

from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tenants.site.services import site_profile_update


def test_a_profile_change_of_tetouan_is_not_on_tanger(tetouan, tanger, client_for, in_member):
    with in_member(tetouan):
        site_profile_update(address="ساحة الفدان، تطوان")
    assert "ساحة الفدان" in client_for(tetouan).get("/").content.decode()
    assert "ساحة الفدان" not in client_for(tanger).get("/").content.decode()


def test_cache_keys_are_per_member(tetouan, tanger, in_member):
    with in_member(tetouan):
        cache.set("home:fragment", "tetouan-only")
    with in_member(tanger):
        assert cache.get("home:fragment") is None
    with in_member(tetouan):
        assert cache.get("home:fragment") == "tetouan-only"
        cache.delete("home:fragment")


def test_a_session_of_tetouan_does_not_open_tangers_back_office(
    tetouan, tanger, client_for, in_member
):
    with in_member(tetouan):
        User.objects.create_user(
            "focal", password="s3cret-Passw0rd", is_staff=True, is_superuser=True
        )
    tetouan_browser = client_for(tetouan)
    response = tetouan_browser.post(
        "/admin/login/?next=/admin/", {"username": "focal", "password": "s3cret-Passw0rd"}
    )
    assert response.status_code == 302
    assert tetouan_browser.get("/admin/").status_code == 200

    tanger_browser = client_for(tanger)
    tanger_browser.cookies = tetouan_browser.cookies  # the same cookie, replayed elsewhere
    assert tanger_browser.get("/admin/").status_code == 302  # sent to Tanger's login
    response = tanger_browser.post(
        "/admin/login/?next=/admin/", {"username": "focal", "password": "s3cret-Passw0rd"}
    )
    assert response.status_code == 200  # the form again: no such user on Tanger


def test_files_are_stored_under_their_member(tetouan, tanger, in_member):
    with in_member(tetouan):
        name = default_storage.save("branding/logo.txt", ContentFile(b"tetouan"))
        path = default_storage.path(name)
        assert tetouan.schema_name in path
    with in_member(tanger):
        assert not default_storage.exists(name)
    with in_member(tetouan):
        default_storage.delete(name)


def test_a_file_is_served_on_its_own_members_host_only(
    tetouan, tanger, in_member, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.MULTITENANT_RELATIVE_MEDIA_ROOT = (
        settings.MULTITENANT_RELATIVE_MEDIA_ROOT
    )  # resets the storage
    with in_member(tetouan):
        name = default_storage.save("documents/budget.pdf", ContentFile(b"%PDF-1.4 tetouan"))
        url = default_storage.url(name)
    assert url.startswith(f"/media/members/{tetouan.schema_name}/")
    response = client_for(tetouan).get(url)
    assert (
        response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 tetouan"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for(tanger).get(url).status_code == 404
    tanger_path = url.replace(tetouan.schema_name, tanger.schema_name)
    assert client_for(tanger).get(tanger_path).status_code == 404
