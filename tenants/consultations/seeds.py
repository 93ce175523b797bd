"""Demo consultations in Arabic, one story per demo member (runs in a member's schema), with
published comments (some signed, some with the name withheld) and reasoned responses.

Only Oujda, whose programme is in public consultation today, has an open consultation on a
draft programme. Tanger (2023) and Timezgana (2025) consulted on their drafts before their
council adopted them: those consultations are closed, every comment answered. Tétouan, at the
end of its plan, consults on the draft of its final evaluation report."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tenants.consultations.models import Comment, Consultation, Response
from tenants.consultations.services import (
    comment_submit,
    consultation_add_commitment_sections,
    consultation_create,
    response_save,
)
from tenants.programme.selectors import programme_current
from tenants.site.demo import OUJDA, TANGER, TETOUAN, TIMEZGANA, demo_member_code
from kernel.actors import Actor

CASABLANCA = ZoneInfo("Africa/Casablanca")
SEED_AUTHOR = Actor(name="نقطة الارتكاز")
Kind = Response.Kind

# A consultation: its title and text, whether it is on the programme, its window (dates, or
# days from today while it is open), and its comments: (section number or None for the whole
# text, name, show the name?, comment, (kind, reasons) of the response or None).
CONSULTATIONS = {
    TETOUAN: {
        "title_ar": "استشارة حول مشروع التقرير النهائي لتقييم خطة «تطوان جماعة منفتحة 2023-2026»",
        "title_fr": "Consultation sur le projet de rapport final d'évaluation du plan 2023-2026",
        "description_ar": "تعرض لجنة التتبع مشروع تقريرها عن تنفيذ الالتزامات الخمسة قبل نشره "
        "في صيغته النهائية. يمكنكم تصحيح معطى أو إضافة شهادة أو اقتراح توصية "
        "للخطة المقبلة، وسينشر رد معلل على كل تعليق.",
        "on_programme": False,
        "window": (-10, 20),
        "comments": [
            (
                None,
                "عبد المالك الحسوني",
                True,
                "التقرير لا يذكر عدد زيارات موقع «تطوان جماعة منفتحة»، وهو مؤشر مهم لقياس الاهتمام.",
                (Kind.ACCEPTED, "ستضاف إحصاءات الزيارات السنوية إلى الفصل الخاص بالالتزام الأول."),
            ),
            (
                None,
                "سهام",
                False,
                "أقترح أن تتضمن الخطة المقبلة نشر الصفقات الصغيرة وسندات الطلب لأنها الأكثر عددا.",
                None,
            ),
            (
                None,
                "جمعية تطاون أسمير",
                True,
                "نثمن نشر المحاضر داخل الأجل، لكن بعض محاضر 2024 نشرت بصيغة صور لا يمكن البحث فيها.",
                (
                    Kind.PARTLY,
                    "أعيد نشر محاضر 2024 بصيغة نصية؛ أما المرفقات المصورة فستبقى كما "
                    "وردت من المصالح.",
                ),
            ),
        ],
    },
    TANGER: {
        "title_ar": "استشارة عمومية حول مسودة برنامج انفتاح جماعة طنجة",
        "title_fr": "Consultation publique sur le projet de programme d'ouverture de Tanger",
        "description_ar": "عرضت الجماعة مسودة برنامجها التي أعدت في ورشتي مارس ويونيو 2023 قبل "
        "عرضها على المجلس في دورة أكتوبر 2023.",
        "on_programme": True,
        "window": (
            datetime(2023, 7, 10, 9, 0, tzinfo=CASABLANCA),
            datetime(2023, 8, 31, 23, 59, tzinfo=CASABLANCA),
        ),
        "comments": [
            (
                1,
                "رشيد الوهابي",
                True,
                "يجب أن تشمل الخريطة الرقمية المشاريع المتوقفة أيضا، لا المنتهية فقط.",
                (
                    Kind.ACCEPTED,
                    "ستعرض الخريطة كل المشاريع مع حالتها، بما فيها المتوقفة وسبب توقفها.",
                ),
            ),
            (
                2,
                "نزهة",
                False,
                "الميزانية التشاركية يجب أن تبدأ في بني مكادة ثم تعمم على باقي المقاطعات.",
                (Kind.PARTLY, "ستبدأ التجربة في بني مكادة؛ وسيقرر تعميمها بعد تقييم السنة الأولى."),
            ),
            (
                None,
                "جمعية طنجة الكبرى للمواطنة",
                True,
                "نقترح التزاما خاصا بالنقل الحضري وحافلات الضواحي.",
                (
                    Kind.NOT_RETAINED,
                    "النقل الحضري من اختصاص مؤسسة التعاون بين الجماعات؛ أحيل "
                    "الاقتراح عليها ونشرت الجماعة جوابها.",
                ),
            ),
        ],
    },
    TIMEZGANA: {
        "title_ar": "استشارة عمومية حول مسودة برنامج انفتاح جماعة تمزكانة",
        "title_fr": "Consultation publique sur le projet de programme de Timezgana",
        "description_ar": "مسودة أعدت انطلاقا من المحاور الخمسة لورشة 18 مارس 2025، معروضة على "
        "السكان قبل المصادقة عليها في دورة أكتوبر 2025.",
        "on_programme": True,
        "window": (
            datetime(2025, 6, 2, 9, 0, tzinfo=CASABLANCA),
            datetime(2025, 7, 15, 23, 59, tzinfo=CASABLANCA),
        ),
        "comments": [
            (
                1,
                "لحسن أيت علي",
                True,
                "نريد سبورة إعلانات في كل دوار كبير وليس في المركز وحده.",
                (Kind.ACCEPTED, "أضيفت ستة دواوير إلى مرحلة تثبيت السبورات."),
            ),
            (
                4,
                "مليكة",
                False,
                "أغلب النساء في الدواوير لا يستعملن الأنترنت؛ المواعيد عبر الرسائل القصيرة أنسب.",
                (Kind.ACCEPTED, "سيعتمد الحجز عبر الرسائل القصيرة إلى جانب الموقع."),
            ),
            (
                3,
                "مدير مدرسة تمزكانة المركزية",
                True,
                "المؤسسات التعليمية مستعدة لاحتضان اجتماعات مجلس الشباب.",
                (Kind.ACCEPTED, "ستحدد الاجتماعات بالتناوب بين المؤسسات التعليمية."),
            ),
        ],
    },
    OUJDA: {
        "title_ar": "استشارة عمومية حول مسودة برنامج انفتاح جماعة وجدة",
        "title_fr": "Consultation publique sur le projet de programme d'ouverture d'Oujda",
        "description_ar": "يمكنكم التعليق على المسودة كاملة أو على كل التزام على حدة قبل عرضها "
        "على المجلس في دورة فبراير 2027، وستنشر الجماعة ردا معللا على كل تعليق.",
        "on_programme": True,
        "window": (-10, 20),
        "comments": [
            (
                1,
                "ياسين البركاني",
                True,
                "أقترح نشر مواعيد الحافلات بصيغة GTFS حتى تستعملها تطبيقات الهاتف مباشرة.",
                (Kind.ACCEPTED, "ستعتمد صيغة GTFS في مرحلة نشر المعطيات."),
            ),
            (2, "هند", False, "مقعدان للطلبة قليل؛ نقترح أربعة مقاعد منها اثنان للطالبات.", None),
            (
                3,
                "جمعية حي القدس",
                True,
                "يجب أن يذكر السجل اسم المهندس المعماري ومدة صلاحية الرخصة.",
                None,
            ),
        ],
    },
}


def _window(window, today: date) -> tuple[datetime, datetime]:
    opens, closes = window
    if isinstance(opens, int):
        opens = datetime.combine(today + timedelta(days=opens), time(9, 0), CASABLANCA)
        closes = datetime.combine(today + timedelta(days=closes), time(23, 59), CASABLANCA)
    return opens, closes


def consultations_seed_demo(*, today: date, hcp_code: str | None = None) -> int:
    """Seed the member's demo consultation once; returns how many were created (0 when the
    member already has one, or none in the demo)."""
    story = CONSULTATIONS.get(demo_member_code(hcp_code))
    if story is None or Consultation.objects.exists():
        return 0
    opens_at, closes_at = _window(story["window"], today)
    received_at = min(opens_at + timedelta(days=3), datetime.now(CASABLANCA))
    # Comments are taken while a consultation is open: a past one is opened for them, then
    # given its own window back.
    consultation = consultation_create(
        title_ar=story["title_ar"],
        title_fr=story["title_fr"],
        description_ar=story["description_ar"],
        programme=programme_current() if story["on_programme"] else None,
        opens_at=min(opens_at, datetime.now(CASABLANCA)),
        closes_at=max(closes_at, datetime.now(CASABLANCA) + timedelta(days=1)),
    )
    sections = {
        section.number: section
        for section in consultation_add_commitment_sections(consultation=consultation)
    }
    for number, (section_number, name, show_name, body, response) in enumerate(
        story["comments"], start=1
    ):
        email = f"participant{number}@example.ma"
        # Given as already confirmed: published at once, no e-mail is sent.
        comment = comment_submit(
            consultation=consultation,
            author_name=name,
            email=email,
            body=body,
            show_name=show_name,
            verified_email=email,
            section=sections.get(section_number),
            site_url="/",
        )
        if response:
            kind, reasons = response
            response_save(comment=comment, kind=kind, reasoning_ar=reasons, by=SEED_AUTHOR)
    Consultation.objects.filter(pk=consultation.pk).update(opens_at=opens_at, closes_at=closes_at)
    Comment.objects.filter(consultation=consultation).update(
        created_at=received_at, verified_at=received_at
    )
    Response.objects.filter(comment__consultation=consultation).update(
        at=min(received_at + timedelta(days=7), datetime.now(CASABLANCA))
    )
    return 1
