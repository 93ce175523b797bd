"""One factory per publication model, and network accounts for the tests (public schema)."""

from datetime import timedelta

from django.utils import timezone

from network.accounts.services import network_account_create
from network.publications.models import BestPractice, CommitmentTemplate, NewsItem, State, Training
from network.publications.services import publication_create
from kernel.actors import Actor


def directorate_account(email: str = "directorate@dgct.example.ma"):
    return network_account_create(email=email, role="directorate")


def focal_point_account(region_code: str = "01", email: str = "north@dgct.example.ma"):
    return network_account_create(email=email, role="regional_focal_point", region_code=region_code)


def news_factory(*, published: bool = True, **overrides) -> NewsItem:
    fields = {
        "title_ar": "خبر من الشبكة",
        "title_fr": "Une nouvelle du réseau",
        "summary_ar": "ملخص الخبر",
        "body_ar": "نص الخبر",
        "body_fr": "Le texte",
        "state": State.PUBLISHED if published else State.DRAFT,
    }
    return publication_create(model=NewsItem, by=Actor(name="test"), **{**fields, **overrides})


def best_practice_factory(member, *, published: bool = True, **overrides) -> BestPractice:
    fields = {
        "member": member,
        "title_ar": "ممارسة فضلى",
        "title_fr": "Une bonne pratique",
        "body_ar": "نص الممارسة",
        "principles": ["transparency_integrity"],
        "member_page_path": "/programme/",
        "state": State.PUBLISHED if published else State.DRAFT,
    }
    return publication_create(model=BestPractice, by=Actor(name="test"), **{**fields, **overrides})


def training_factory(*, published: bool = True, days_ahead: int = 10, **overrides) -> Training:
    starts = timezone.now() + timedelta(days=days_ahead)
    fields = {
        "title_ar": "ورشة عن بعد",
        "title_fr": "Atelier à distance",
        "description_ar": "منهجية الانفتاح",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "mode": Training.Mode.REMOTE,
        "link": "https://visio.example.ma/atelier",
        "registration_url": "https://inscription.example.ma/atelier",
        "state": State.PUBLISHED if published else State.DRAFT,
    }
    return publication_create(model=Training, by=Actor(name="test"), **{**fields, **overrides})


def template_factory(*, published: bool = True, **overrides) -> CommitmentTemplate:
    fields = {
        "title_ar": "ميزانية مفتوحة",
        "title_fr": "Un budget ouvert",
        "problem_ar": "الميزانية غير منشورة",
        "problem_fr": "Le budget n'est pas publié",
        "action_ar": "نشر الميزانية",
        "action_fr": "Publier le budget",
        "solution_ar": "يتتبع المواطنون النفقات",
        "solution_fr": "Les citoyens suivent",
        "principles": ["transparency_integrity", "access_to_information"],
        "state": State.PUBLISHED if published else State.DRAFT,
    }
    return publication_create(
        model=CommitmentTemplate, by=Actor(name="test"), **{**fields, **overrides}
    )
