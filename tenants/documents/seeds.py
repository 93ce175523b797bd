"""Demo documents in Arabic, on the shelves of law 31.13 article 10, for each demo member
(runs in a member's schema). Links to the member's publications: examples, not real files."""

from datetime import date

from tenants.documents.models import Category, Document
from tenants.documents.services import document_create
from tenants.site.demo import (
    AGADIR,
    CHEFCHAOUEN,
    OUJDA,
    REGION_BMK,
    REGION_TTA,
    TANGER,
    TETOUAN,
    TETOUAN_PROVINCE,
    TIMEZGANA,
    demo_member_code,
)
from kernel.actors import Actor

C = Category

# (shelf, title, published on)
DOCUMENTS = {
    TETOUAN: [
        (C.BUDGET_ACCOUNTS, "ميزانية جماعة تطوان برسم سنة 2026", date(2026, 1, 20)),
        (
            C.BUDGET_ACCOUNTS,
            "الحساب الإداري لجماعة تطوان لسنة 2025 مع ملخص مبسط",
            date(2026, 6, 12),
        ),
        (C.COUNCIL, "جدول أعمال الدورة العادية لشهر أكتوبر 2026", date(2026, 9, 22)),
        (C.COUNCIL, "محضر الدورة العادية لشهر ماي 2026", date(2026, 5, 28)),
        (
            C.DECISIONS,
            "مقرر المجلس القاضي بالمصادقة على خطة «تطوان جماعة منفتحة 2023-2026»",
            date(2023, 2, 20),
        ),
        (
            C.PROCUREMENT,
            "البرنامج التوقعي للصفقات العمومية لجماعة تطوان برسم 2026",
            date(2026, 2, 3),
        ),
        (C.SERVICES, "دليل المرتفق: الوثائق المطلوبة لرخص الربط والإصلاح", date(2025, 10, 8)),
        (C.REPORTS, "تقرير منتصف المدة للجنة تتبع خطة تطوان جماعة منفتحة", date(2025, 2, 14)),
        (
            C.PROGRAMME,
            "خطة العمل «تطوان جماعة منفتحة 2023-2026» كما صادق عليها المجلس",
            date(2023, 2, 20),
        ),
        (
            C.INFORMATION_OFFICER,
            "قرار تعيين الموظف المكلف بالحصول على المعلومات بجماعة تطوان",
            date(2023, 4, 15),
        ),
        (
            C.PARTNERSHIPS,
            "اتفاقية الشراكة مع الجمعية المحلية لإنجاز موقع «تطوان جماعة منفتحة»",
            date(2023, 3, 30),
        ),
    ],
    TANGER: [
        (C.BUDGET_ACCOUNTS, "ميزانية جماعة طنجة برسم سنة 2026", date(2026, 1, 27)),
        (C.COUNCIL, "جدول أعمال دورة أكتوبر 2026 لمجلس جماعة طنجة ووثائق النقط", date(2026, 9, 21)),
        (
            C.DECISIONS,
            "مقرر المصادقة على برنامج انفتاح جماعة طنجة في دورة أكتوبر 2023",
            date(2023, 10, 16),
        ),
        (
            C.PROCUREMENT,
            "نتائج طلبات العروض الخاصة بتهيئة ساحات القرب بمقاطعة بني مكادة",
            date(2026, 7, 9),
        ),
        (
            C.REPORTS,
            "تقرير تقييم منتصف المدة لبرنامج انفتاح طنجة مع رأي هيئة المساواة",
            date(2026, 7, 15),
        ),
        (C.PROGRAMME, "برنامج انفتاح جماعة طنجة 2024-2027", date(2023, 10, 16)),
        (C.ORGANISATION, "الهيكل التنظيمي لإدارة جماعة طنجة ومقاطعاتها الأربع", date(2025, 4, 2)),
    ],
    TIMEZGANA: [
        (C.BUDGET_ACCOUNTS, "ميزانية جماعة تمزكانة برسم سنة 2026", date(2026, 2, 10)),
        (C.COUNCIL, "محضر الدورة العادية لشهر أكتوبر 2025", date(2025, 10, 30)),
        (C.DECISIONS, "مقرر المصادقة على برنامج انفتاح جماعة تمزكانة", date(2025, 10, 20)),
        (C.PROGRAMME, "برنامج انفتاح جماعة تمزكانة 2026-2028", date(2025, 10, 20)),
        (C.REPORTS, "خلاصات ورشة الإعداد المشترك ليوم 18 مارس 2025", date(2025, 3, 31)),
        (
            C.INFORMATION_OFFICER,
            "إعلان بتعيين الموظف المكلف بالحصول على المعلومات",
            date(2026, 2, 28),
        ),
    ],
    REGION_TTA: [
        (C.PROGRAMME, "مخطط العمل الجهوي للحكومة المنفتحة 2020-2022", date(2020, 12, 10)),
        (C.REPORTS, "التقرير النهائي لتقييم مخطط العمل الجهوي 2020-2022", date(2023, 3, 15)),
        (C.BUDGET_ACCOUNTS, "ميزانية جهة طنجة تطوان الحسيمة برسم سنة 2026", date(2026, 1, 15)),
        (C.PROCUREMENT, "البرنامج التوقعي لصفقات الجهة برسم 2026", date(2026, 1, 30)),
        (C.PARTNERSHIPS, "اتفاقية الشراكة مع جمعية إمباكت للتنمية", date(2021, 1, 12)),
    ],
    REGION_BMK: [
        (C.PROGRAMME, "خطة عمل جهة بني ملال خنيفرة للحكومة المنفتحة 2021-2023", date(2021, 3, 25)),
        (C.REPORTS, "تقرير التقييم النهائي لخطة الجهة", date(2023, 6, 5)),
    ],
    CHEFCHAOUEN: [
        (C.BUDGET_ACCOUNTS, "ميزانية جماعة شفشاون برسم سنة 2026", date(2026, 2, 6)),
        (C.REPORTS, "خلاصات اللقاء الإخباري لإطلاق الإعداد المشترك", date(2026, 10, 21)),
    ],
    OUJDA: [
        (C.PROGRAMME, "مسودة برنامج انفتاح جماعة وجدة المعروضة للاستشارة", date(2026, 11, 26)),
        (C.COUNCIL, "محضر الدورة العادية لشهر أكتوبر 2026", date(2026, 10, 29)),
        (C.SERVICES, "دليل خدمات مكاتب الحالة المدنية بوجدة", date(2025, 12, 4)),
    ],
    AGADIR: [
        (C.DECISIONS, "مقرر المصادقة على برنامج انفتاح جماعة أكادير 2027-2030", date(2026, 10, 15)),
        (C.BUDGET_ACCOUNTS, "ميزانية جماعة أكادير برسم سنة 2026", date(2026, 1, 22)),
        (C.RECRUITMENT, "نتائج مباراة توظيف تقنيين من الدرجة الثالثة", date(2026, 5, 18)),
    ],
    TETOUAN_PROVINCE: [
        (C.BUDGET_ACCOUNTS, "ميزانية مجلس عمالة تطوان برسم سنة 2026", date(2026, 2, 12)),
    ],
}


def documents_seed_demo(*, today: date, site_url: str, hcp_code: str | None = None) -> int:
    """Seed the member's demo library once; returns how many were created."""
    documents = DOCUMENTS.get(demo_member_code(hcp_code), [])
    if Document.objects.exists():
        return 0
    for number, (category, title, published_on) in enumerate(documents, start=1):
        document_create(
            by=Actor(name="demo"),
            category=category,
            title_ar=title,
            link=f"{site_url.rstrip('/')}/demo-documents/{number}.pdf",
            published_on=min(published_on, today),
        )
    return len(documents)
