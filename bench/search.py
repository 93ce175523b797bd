#!/usr/bin/env python
"""Benchmark: the site's search on a member with volume (one command: `python bench/search.py`).

Against a database of its own (dropped and made again each run), one member gets 10,000
documents, 1,000 commitments (in one programme, 2,000 milestones), 300 meetings, 50
consultations with 5,000 comments, 500 published petitions and 2,000 register entries, in
Arabic and French drawn from a vocabulary of the library's words. Then, for a set of Arabic
and of French queries (common words that match thousands of rows, rare ones, two words), it
times what a visitor's search page costs in the database: the counts by kind, the first page
of ten ranked results and their highlighting (`tenants.search.selectors`), and the document
library's search (its count and first page of twenty). p50 and p95 per language over all
runs; the plan of a common query is checked to go through the GIN indexes.
"""

import os
import platform as stdlib_platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url  # noqa: E402

TETOUAN = "01.571.01.11"
DATABASE = "infitah_bench_search"
LOAD = {"documents": 10_000, "commitments": 1_000, "comments": 5_000}
RUNS = int(os.environ.get("SEARCH_BENCH_RUNS", 20))  # per query
# SEARCH_BENCH_REUSE=1 keeps the database of an earlier run (new migrations applied): to
# compare changes to the search without loading the volume again.
REUSE = os.environ.get("SEARCH_BENCH_REUSE") == "1"

ARABIC = (
    "محضر الدورة العادية الاستثنائية المجلس الجماعي الميزانية السنوية الحساب الإداري "
    "صفقة طلب عروض أثمان إعلان النتائج مباراة توظيف تقنيين متصرفين رخصة البناء "
    "الاستغلال المؤقت للملك العمومي اتفاقية شراكة جمعية تعاون تقرير التدقيق المالي "
    "دليل المساطر الخدمات الإدارية الحالة المدنية تصحيح الإمضاء برنامج عمل الجماعة "
    "النظافة الإنارة العمومية الطرق المساحات الخضراء النقل الحضري الماء الصالح للشرب "
    "حقوق المرتفقين الشكايات الطعون الشخص المكلف بالمعلومات الهيكل التنظيمي"
).split()
FRENCH = (
    "procès-verbal session ordinaire extraordinaire conseil communal budget annuel compte "
    "administratif marché appel d'offres prix avis résultats concours recrutement "
    "techniciens administrateurs autorisation construire occupation temporaire domaine "
    "public convention partenariat association coopération rapport audit financier guide "
    "procédures services administratifs état civil légalisation signature programme "
    "action commune propreté éclairage public voirie espaces verts transport urbain eau "
    "potable droits usagers réclamations recours personne chargée information "
    "organigramme réunion élèves délibération"
).split()
QUERIES = {
    "ar": [
        "المحضر",
        "الميزانية",
        "محضر الدورة",
        "صفقة",
        "رخصة البناء",
        "اتفاقيات الشراكة",
        "المَحْضَر",
        "الإنارة العمومية",
        "مباراة",
        "تقرير",
    ],
    "fr": [
        "procès-verbal",
        "proces verbal",
        "budget",
        "marché",
        "reunion",
        "concours",
        "convention partenariat",
        "éclairage public",
        "délibérations",
        "rapport audit",
    ],
}


def words(rng: random.Random, vocabulary, count: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(count))


def load_member(today: date) -> None:
    """The volume, in the current member's schema (bulk inserts)."""
    from django.utils import timezone

    from tenants.consultations.models import Comment, Consultation
    from tenants.documents.models import Category, Document
    from tenants.information_requests.models import InformationRequest
    from tenants.meetings.models import Meeting
    from tenants.petitions.models import Petition
    from tenants.programme.models import Commitment, Milestone, Programme

    rng = random.Random(14)
    categories = Category.values
    Document.objects.bulk_create(
        [
            Document(
                category=categories[n % len(categories)],
                title_ar=words(rng, ARABIC, 6),
                title_fr=words(rng, FRENCH, 6),
                description_ar=words(rng, ARABIC, 25),
                description_fr=words(rng, FRENCH, 25),
                link=f"https://www.example.ma/{n}.pdf",
                published_on=today - timedelta(days=n % 1500),
            )
            for n in range(LOAD["documents"])
        ],
        batch_size=2000,
    )
    programme = Programme.objects.create(
        title_ar="برنامج الانفتاح",
        period_start=today.year,
        period_end=today.year + 3,
        status="implementation",
    )
    commitments = Commitment.objects.bulk_create(
        [
            Commitment(
                programme=programme,
                number=n + 1,
                title_ar=words(rng, ARABIC, 6),
                title_fr=words(rng, FRENCH, 6),
                problem_ar=words(rng, ARABIC, 30),
                action_ar=words(rng, ARABIC, 30),
                problem_fr=words(rng, FRENCH, 30),
                action_fr=words(rng, FRENCH, 30),
            )
            for n in range(LOAD["commitments"])
        ],
        batch_size=1000,
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                commitment=commitments[n % len(commitments)],
                title_ar=words(rng, ARABIC, 5),
                title_fr=words(rng, FRENCH, 5),
                due_on=today + timedelta(days=n % 400 - 200),
            )
            for n in range(2 * LOAD["commitments"])
        ],
        batch_size=2000,
    )
    now = timezone.now()
    Meeting.objects.bulk_create(
        [
            Meeting(
                kind="information",
                title_ar=words(rng, ARABIC, 5),
                title_fr=words(rng, FRENCH, 5),
                agenda_ar=words(rng, ARABIC, 30),
                starts_at=now - timedelta(days=n),
            )
            for n in range(300)
        ]
    )
    consultations = Consultation.objects.bulk_create(
        [
            Consultation(
                title_ar=words(rng, ARABIC, 5),
                description_ar=words(rng, ARABIC, 60),
                opens_at=now - timedelta(days=n + 30),
                closes_at=now - timedelta(days=n),
            )
            for n in range(50)
        ]
    )
    Comment.objects.bulk_create(
        [
            Comment(
                consultation=consultations[n % 50],
                body=words(rng, ARABIC, 40),
                author_name="مواطن",
                email=f"c{n}@example.ma",
                status="published",
            )
            for n in range(LOAD["comments"])
        ],
        batch_size=2000,
    )
    Petition.objects.bulk_create(
        [
            Petition(
                subject=words(rng, ARABIC, 6),
                text=words(rng, ARABIC, 60),
                agent_name="وكيل",
                agent_cin="K123456",
                signatures_required=300,
                published_at=now,
                state="collecting",
            )
            for n in range(500)
        ]
    )
    InformationRequest.objects.bulk_create(
        [
            InformationRequest(
                reference=f"DI-{today.year}-{n:04d}",
                year=today.year,
                sequence=n,
                requester_name="مواطن",
                id_number="K123456",
                postal_address="تطوان",
                email=f"r{n}@example.ma",
                information_wanted=words(rng, ARABIC, 20),
                public_summary=words(rng, ARABIC, 10),
                received_on=today,
                initial_due_on=today,
                due_on=today,
            )
            for n in range(1, 2001)
        ],
        batch_size=2000,
    )


def one_search(query: str) -> tuple[float, float]:
    """A visitor's search page (counts by kind, first page, highlighting) and a library
    search (count, first page), as the views run them: the seconds of each."""
    from django.core.paginator import Paginator

    from tenants.documents.selectors import document_library
    from tenants.search.selectors import site_search

    start = time.perf_counter()
    page = Paginator(site_search(query=query), 10).get_page(1)
    list(page.object_list)
    middle = time.perf_counter()
    library = Paginator(document_library(query=query), 20).get_page(1)
    list(library.object_list)
    return middle - start, time.perf_counter() - middle


def plan_uses_indexes(query: str) -> bool:

    from tenants.search.selectors import _union
    from kernel.full_text import query_words, through_the_indexes
    from tenants.search.vectors import SOURCES

    sql, params = _union(list(SOURCES), "t.id", query_words(query))
    with through_the_indexes() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return "Seq Scan on documents_document" not in plan and "search_document_fts" in plan


def main() -> int:
    os.environ["DATABASE_URL"] = bench_database_url(DATABASE, reuse=REUSE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from network.members.models import Member
    from network.members.services import member_provision
    from network.registry.services import registry_load
    from tenants.documents.models import Document

    member = Member.objects.filter(collectivity_id=TETOUAN).first() if REUSE else None
    if member:
        call_command("migrate_schemas", interactive=False, verbosity=0)
    else:
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        registry_load()
        member = member_provision(hcp_code=TETOUAN).member
    with tenant_context(member):
        start = time.perf_counter()
        if not REUSE or not Document.objects.exists():
            load_member(timezone.localdate())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        loading = time.perf_counter() - start
        indexed = plan_uses_indexes("المحضر")
        for query in QUERIES["ar"] + QUERIES["fr"]:  # warm the caches once
            one_search(query)
        samples = {}
        for language, queries in QUERIES.items():
            runs = [one_search(query) for _ in range(RUNS) for query in queries]
            samples[f"{language}, site search"] = [site * 1000 for site, _ in runs]
            samples[f"{language}, library search"] = [library * 1000 for _, library in runs]

    print(
        f"\nSearch — {stdlib_platform.node()}, {os.cpu_count()} cores (load average "
        f"{os.getloadavg()[1]:.1f} over the last 5 minutes), {date.today().isoformat()}; "
        f"load: {LOAD} (+2,000 milestones, 300 meetings, 500 petitions, 2,000 register "
        f"entries), {'kept from an earlier run' if REUSE else 'loaded'} in {loading:.0f} s; "
        f"plan through the GIN indexes: {indexed}\n"
    )
    print("| language, page | searches | p50 | p95 | max |")
    print("|---|---|---|---|---|")
    for language, times in samples.items():
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"| {language} | {len(times)} | {statistics.median(times):.1f} ms | "
            f"{p95:.1f} ms | {times[-1]:.1f} ms |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
