"""Demo documents in Arabic for the demo network (runs in a member's schema)."""
from datetime import timedelta

from tenants.documents.models import Category, Document
from tenants.documents.services import document_create

# (category, title, days ago): links to the member's publications (examples, not real files).
DEMO_DOCUMENTS = [
    (Category.BUDGET_ACCOUNTS, "ميزانية الجماعة برسم سنة 2025", 300),
    (Category.BUDGET_ACCOUNTS, "الحساب الإداري لسنة 2024", 150),
    (Category.COUNCIL, "جدول أعمال الدورة العادية لشهر أكتوبر", 40),
    (Category.COUNCIL, "محضر الدورة العادية لشهر فبراير", 260),
    (Category.DECISIONS, "مقرر المصادقة على برنامج الانفتاح", 600),
    (Category.PROCUREMENT, "البرنامج التوقعي للصفقات العمومية", 200),
    (Category.SERVICES, "دليل المساطر الإدارية للمرتفقين", 90),
    (Category.REPORTS, "تقرير لجنة التتبع حول تنفيذ الالتزامات", 30),
    (Category.PROGRAMME, "برنامج الانفتاح كما صادق عليه المجلس", 600),
]


def documents_seed_demo(*, today, site_url: str) -> int:
    """Seed the demo library once; returns how many were created."""
    if Document.objects.exists():
        return 0
    for number, (category, title, days_ago) in enumerate(DEMO_DOCUMENTS, start=1):
        document_create(by="demo", category=category, title_ar=title,
                        link=f"{site_url.rstrip('/')}/demo-documents/{number}.pdf",
                        published_on=today - timedelta(days=days_ago))
    return len(DEMO_DOCUMENTS)
