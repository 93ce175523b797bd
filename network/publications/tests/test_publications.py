"""Publications of the network: visibility, who writes, the portal's pages and the API."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from network.publications.models import NewsItem, State, Training
from network.publications.services import (
    publication_publish,
    publication_update,
    publication_withdraw,
)
from network.publications.tests.factories import (
    best_practice_factory,
    directorate_account,
    focal_point_account,
    news_factory,
    template_factory,
    training_factory,
)
from twofactor.testing import two_factor_signed_in
from kernel.actors import Actor


@pytest.fixture
def portal(client_for):
    return client_for(None)


@pytest.fixture
def directorate_client(db, client_for):
    client = client_for(None)
    two_factor_signed_in(client, directorate_account())  # network accounts give a code too
    return client


@pytest.fixture
def focal_point_client(db, client_for):
    client = client_for(None)
    two_factor_signed_in(client, focal_point_account())
    return client


# Visibility ---------------------------------------------------------------------------------


def test_a_draft_is_nowhere_public_until_published(db, portal):
    item = news_factory(published=False, title_ar="خبر لم ينشر بعد")
    assert "خبر لم ينشر بعد" not in portal.get("/news/").content.decode()
    assert portal.get(f"/news/{item.pk}/").status_code == 404
    assert portal.get(f"/api/news/{item.pk}/").status_code == 404
    assert portal.get("/api/news/").json()["count"] == 0

    publication_publish(publication=item, by=Actor(name="test"))
    assert "خبر لم ينشر بعد" in portal.get("/news/").content.decode()
    assert portal.get(f"/news/{item.pk}/").status_code == 200
    assert portal.get("/api/news/").json()["results"][0]["title_ar"] == "خبر لم ينشر بعد"

    publication_withdraw(publication=item, by=Actor(name="test"))
    assert portal.get(f"/news/{item.pk}/").status_code == 404


def test_a_later_publication_date_schedules_it(db, portal):
    item = news_factory(title_ar="خبر مبرمج", published_at=timezone.now() + timedelta(days=2))
    assert item.state == State.PUBLISHED and not item.is_visible
    assert portal.get(f"/news/{item.pk}/").status_code == 404
    assert "خبر مبرمج" not in portal.get("/").content.decode()


def test_a_template_gets_a_new_version_when_its_content_changes_only(db):
    template = template_factory()
    assert template.version == 1
    publication_update(publication=template, by=Actor(name="test"), state=State.DRAFT)
    assert template.version == 1
    publication_update(publication=template, by=Actor(name="test"), problem_ar="مشكلة أوضح")
    assert template.version == 2


def test_a_remote_training_needs_its_link_and_says_so_in_arabic(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        training_factory(link="")
    assert "رابط" in " ".join(error.value.message_dict["link"])
    assert not Training.objects.exists()


# Portal pages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "ar",
            ["خبر من الشبكة", "ممارسة فضلى", "ورشة عن بعد", "ميزانية مفتوحة", 'dir="rtl"', "تطوان"],
        ),
        (
            "fr",
            [
                "Une nouvelle du réseau",
                "Une bonne pratique",
                "Atelier à distance",
                "Un budget ouvert",
                'dir="ltr"',
                "Tétouan",
            ],
        ),
    ],
)
def test_portal_pages_in_arabic_and_french(tetouan, portal, language, expected):
    news = news_factory()
    practice = best_practice_factory(tetouan)
    training_factory()
    template = template_factory()
    portal.cookies["django_language"] = language
    pages = "".join(
        portal.get(path).content.decode()
        for path in [
            "/",
            "/news/",
            f"/news/{news.pk}/",
            "/best-practices/",
            f"/best-practices/{practice.pk}/",
            "/trainings/",
            "/commitment-templates/",
            f"/commitment-templates/{template.pk}/",
        ]
    )
    for text in expected:
        assert text in pages
    assert f'<html lang="{language}"' in pages


def test_a_best_practice_links_to_its_members_site(tetouan, portal):
    practice = best_practice_factory(tetouan, member_page_path="/documents/")
    page = portal.get(f"/best-practices/{practice.pk}/").content.decode()
    assert 'href="http://tetouan.localhost:8000/"' in page
    assert 'href="http://tetouan.localhost:8000/documents/"' in page


def test_trainings_show_the_upcoming_ones_with_their_links_and_the_past_ones_apart(db, portal):
    training_factory(title_ar="ورشة قادمة")
    training_factory(title_ar="ورشة سابقة", days_ahead=-30)
    page = portal.get("/trainings/").content.decode()
    assert page.index("ورشة قادمة") < page.index("ورشة سابقة")
    assert page.count('href="https://inscription.example.ma/atelier"') == 1


def test_the_directory_leaves_a_suspended_member_out(tetouan, tanger, portal):
    from network.members.models import Member

    assert "tanger.localhost" in portal.get("/").content.decode()
    Member.objects.filter(pk=tanger.pk).update(suspended_at=timezone.now())
    page = portal.get("/").content.decode()
    assert "tanger.localhost" not in page and "tetouan.localhost" in page


def test_the_directory_groups_members_by_region_with_counts(tetouan, tanger, portal):
    from network.members.services import member_provision
    from tests.hcp import TIMEZGANA

    member_provision(hcp_code=TIMEZGANA)
    page = portal.get("/").content.decode()
    north = page.index('id="region-title-01"')
    fes = page.index('id="region-title-03"')
    assert north < fes
    north_section = page[north:fes]
    assert "تطوان" in north_section and "طنجة" in north_section
    assert "تمزكانة" not in north_section and "تمزكانة" in page[fes:]
    assert '<span class="badge text-bg-secondary"' in north_section
    assert ">2</span>" in north_section
    # The portal's sections and the open data link are reachable without JavaScript.
    for href in [
        'href="/news/"',
        'href="/best-practices/"',
        'href="/trainings/"',
        'href="/commitment-templates/"',
        "/open-data/",
    ]:
        assert href in page


def test_the_portal_pages_are_not_on_a_members_host(tetouan, client_for):
    item = news_factory()
    assert client_for(tetouan).get(f"/news/{item.pk}/").status_code == 404


# Who writes ---------------------------------------------------------------------------------

NEWS_FORM = {
    "title_ar": "خبر من المديرية",
    "title_fr": "",
    "summary_ar": "",
    "summary_fr": "",
    "body_ar": "نص",
    "body_fr": "",
    "state": "draft",
    "published_at_0": "",
    "published_at_1": "",
}


def test_the_directorate_publishes_through_the_network_back_office(directorate_client):
    response = directorate_client.get("/admin/publications/newsitem/add/")
    page = response.content.decode()
    assert response.status_code == 200 and 'dir="rtl"' in page and 'lang="ar"' in page
    response = directorate_client.post("/admin/publications/newsitem/add/", NEWS_FORM)
    assert response.status_code == 302
    item = NewsItem.objects.get(title_ar="خبر من المديرية")
    assert item.state == State.DRAFT and item.updated_by == "مسؤول بالمديرية"  # its role
    response = directorate_client.post(
        "/admin/publications/newsitem/", {"action": "publish", "_selected_action": [item.pk]}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_visible


@pytest.mark.parametrize(
    "path", ["/admin/publications/newsitem/add/", "/admin/publications/commitmenttemplate/"]
)
def test_a_regional_focal_point_cannot_use_the_publications_back_office(focal_point_client, path):
    assert focal_point_client.get(path).status_code in (302, 403)
    focal_point_client.post("/admin/publications/newsitem/add/", NEWS_FORM)
    assert not NewsItem.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(db, portal):
    response = portal.get("/admin/publications/newsitem/add/")
    assert response.status_code == 302 and "login" in response["Location"]


# API ----------------------------------------------------------------------------------------


def _post(client, path, data):
    return client.post(path, json.dumps(data), content_type="application/json")


NEWS_JSON = {"title_ar": "خبر عبر الواجهة", "body_ar": "نص الخبر", "state": "published"}


def test_anonymous_reads_the_api_and_cannot_write(db, portal):
    news_factory(title_ar="خبر منشور")
    news_factory(title_ar="مسودة", published=False)
    template_factory()
    titles = [item["title_ar"] for item in portal.get("/api/news/").json()["results"]]
    assert titles == ["خبر منشور"]
    body = portal.get("/api/commitment-templates/").json()["results"][0]
    assert body["version"] == 1 and body["principles"] == [
        "transparency_integrity",
        "access_to_information",
    ]
    assert _post(portal, "/api/news/", NEWS_JSON).status_code == 403
    assert not NewsItem.objects.filter(title_ar="خبر عبر الواجهة").exists()


def test_a_regional_focal_point_and_member_staff_cannot_write_through_the_api(
    focal_point_client, staff_client, tetouan
):
    assert _post(focal_point_client, "/api/news/", NEWS_JSON).status_code == 403
    member_staff = staff_client(tetouan, "focal_point")
    response = member_staff.post(
        "/api/news/", json.dumps(NEWS_JSON), content_type="application/json", HTTP_HOST="localhost"
    )
    assert response.status_code == 403
    assert not NewsItem.objects.exists()


def test_the_directorate_writes_through_the_api_and_sees_drafts(directorate_client, tetouan):
    response = _post(directorate_client, "/api/news/", {**NEWS_JSON, "state": "draft"})
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert [i["id"] for i in directorate_client.get("/api/news/").json()["results"]] == [pk]
    response = directorate_client.patch(
        f"/api/news/{pk}/", json.dumps({"state": "published"}), content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["published_at"]
    response = _post(
        directorate_client,
        "/api/best-practices/",
        {
            "member": tetouan.collectivity_id,
            "title_ar": "ممارسة",
            "body_ar": "نص",
            "principles": ["citizen_participation"],
            "state": "published",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["member_name_fr"] == "Tétouan"


def test_bad_input_is_a_400_in_arabic_without_a_write(directorate_client):
    response = _post(
        directorate_client,
        "/api/trainings/",
        {
            "title_ar": "ورشة",
            "description_ar": "نص",
            "mode": "remote",
            "starts_at": "2030-01-10T10:00:00Z",
            "ends_at": "2030-01-09T10:00:00Z",
        },
    )
    assert response.status_code == 400
    assert "رابط" in json.dumps(response.json(), ensure_ascii=False)
    assert not Training.objects.exists()
    response = _post(directorate_client, "/api/news/", {"title_ar": "", "body_ar": ""})
    assert response.status_code == 400


def test_the_network_api_schema_lists_the_publications(db, portal):
    response = portal.get("/api/schema/")
    assert response.status_code == 200
    schema = response.content.decode()
    for path in [
        "/api/news/",
        "/api/best-practices/",
        "/api/trainings/",
        "/api/commitment-templates/",
    ]:
        assert path in schema


@pytest.mark.parametrize(
    "path", ["/", "/best-practices/", "/commitment-templates/", "/news/", "/trainings/"]
)
def test_portal_pages_run_a_constant_number_of_queries(tetouan, tanger, portal, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert portal.get(path).status_code == 200
        return len(queries)

    best_practice_factory(tetouan)
    news_factory()
    training_factory()
    template_factory()
    portal.get(path)  # warm routing
    few = count()
    for number in range(5):
        best_practice_factory(tanger, title_ar=f"ممارسة {number}")
        news_factory(title_ar=f"خبر {number}")
        training_factory(title_ar=f"ورشة {number}", days_ahead=number + 1)
        template_factory(title_ar=f"نموذج {number}")
    assert count() == few


PORTAL_ENGLISH = [
    "News",
    "Best practices",
    "Trainings",
    "Commitment templates",
    "Open data",
    "Members",
    "Latest news",
    "Next trainings",
    "Upcoming",
    "Register",
    "Link to join",
    "Members that copied it",
    "The member behind this practice",
]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_portal_pages_show_no_untranslated_text(tetouan, portal, language):
    news = news_factory()
    practice = best_practice_factory(tetouan)
    training_factory()
    template = template_factory()
    portal.cookies["django_language"] = language
    for path in [
        "/",
        "/news/",
        f"/news/{news.pk}/",
        "/best-practices/",
        f"/best-practices/{practice.pk}/",
        "/trainings/",
        "/commitment-templates/",
        f"/commitment-templates/{template.pk}/",
    ]:
        page = portal.get(path).content.decode()
        leftovers = [text for text in PORTAL_ENGLISH if f">{text}<" in page]
        assert leftovers == [], path


def test_the_demo_publications_are_seeded_once_and_published(tetouan, tanger, portal):
    from network.publications.models import BestPractice, CommitmentTemplate
    from network.publications.seeds import seed_publications

    seed_publications()
    seed_publications()
    assert NewsItem.objects.visible().count() == 2
    assert set(BestPractice.objects.visible().values_list("member", flat=True)) == {
        tetouan.pk,
        tanger.pk,
    }  # Timezgana's practice waits for Timezgana to join
    assert Training.objects.visible().get().link.startswith("https://")
    assert CommitmentTemplate.objects.visible().count() == 3
    assert (
        "ميزانية مفتوحة ومبسطة للمواطنين" in portal.get("/commitment-templates/").content.decode()
    )
