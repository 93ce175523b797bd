"""Demo ideas in Arabic, for the demo members whose co-creation collected them (runs in a
member's schema): Tétouan's, gathered in its workshops of autumn 2022 and answered before its
plan was adopted; Timezgana's, collected in spring 2025 and all answered before its programme was
adopted; Chefchaouen's, collected now for its draft, supported and commented, one under
study. They are seeded as collected earlier: published as if their authors had confirmed
their addresses."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from commitment_templates import Principle
from tenants.ideas.models import Answer, Event, Idea, IdeaComment, Status, Support
from tenants.ideas.services import idea_answer
from tenants.programme.selectors import programme_current
from tenants.site.demo import CHEFCHAOUEN, TETOUAN, TIMEZGANA, demo_member_code
from kernel.actors import Actor

SEED_AUTHOR = Actor(name="نقطة الارتكاز")
CASABLANCA = ZoneInfo("Africa/Casablanca")
P = Principle

# (principle, title, idea, name, association, supports, (answer, commitment number or the
# number of the idea it is merged into, reasons) or None)
IDEAS = {
    # Tétouan's, from its co-creation workshops of autumn 2022, answered before adoption.
    TETOUAN: {
        "collected_at": datetime(2022, 11, 24, 12, 0, tzinfo=CASABLANCA),
        "answered_at": datetime(2023, 1, 31, 12, 0, tzinfo=CASABLANCA),
        "comment": "نقترح أن يكون الموقع متاحا أيضا بالأمازيغية.",
        "ideas": [
            (
                P.ACCESS_TO_INFORMATION,
                "موقع خاص بخطة الجماعة المنفتحة",
                "إنجاز موقع مستقل تنشر فيه الجماعة التزاماتها ومراحل تنفيذها بشراكة مع جمعية محلية.",
                "عبد الإله الريسوني",
                "جمعية تطوان للمبادرات الرقمية",
                8,
                (Answer.RETAINED, 2, ""),
            ),
            (
                P.TRANSPARENCY_INTEGRITY,
                "محاضر الدورات على الأنترنت",
                "نشر محاضر دورات المجلس على الأنترنت بدل تعليقها في بهو الجماعة فقط.",
                "زينب الطريس",
                "",
                5,
                (Answer.RETAINED, 3, ""),
            ),
            (
                P.CITIZEN_PARTICIPATION,
                "بث الدورات مباشرة",
                "بث دورات المجلس مباشرة على صفحات الجماعة.",
                "أنس",
                "",
                4,
                (
                    Answer.NOT_RETAINED,
                    None,
                    "تبث الدورات حاليا عبر وسائل الإعلام المحلية؛ "
                    "سيعاد النظر في الاقتراح عند إعداد الخطة المقبلة.",
                ),
            ),
        ],
    },
    TIMEZGANA: {
        "collected_at": datetime(2025, 4, 8, 11, 0, tzinfo=CASABLANCA),
        "answered_at": datetime(2025, 9, 15, 12, 0, tzinfo=CASABLANCA),  # before adoption
        "comment": "فكرة مهمة، ويمكن تعليق الإعلانات أيضا في المساجد والأسواق الأسبوعية.",
        "ideas": [
            (
                P.TRANSPARENCY_INTEGRITY,
                "تعليق مقررات المجلس في الدواوير",
                "تعليق مقررات المجلس وإعلانات الصفقات في سبورات بالدواوير الكبرى وليس في المقر وحده.",
                "لحسن أيت علي",
                "جمعية دوار أولاد علي للتنمية",
                9,
                (Answer.RETAINED, 1, ""),
            ),
            (
                P.CITIZEN_PARTICIPATION,
                "مجلس للشباب مع المدارس",
                "إحداث مجلس للشباب يجتمع في المؤسسات التعليمية ويبدي رأيه في مشاريع الجماعة.",
                "إيمان الصنهاجي",
                "",
                6,
                (Answer.RETAINED, 3, ""),
            ),
            (
                P.DIGITALIZATION,
                "مواعيد الحالة المدنية بالهاتف",
                "حجز موعد لاستخراج الوثائق عبر رسالة قصيرة لتفادي التنقل دون فائدة.",
                "مليكة",
                "",
                5,
                (Answer.RETAINED, 4, ""),
            ),
            (
                P.TRANSPARENCY_INTEGRITY,
                "سبورة إعلانات في السوق الأسبوعي",
                "وضع سبورة في السوق الأسبوعي لأن أغلب السكان يحضرونه.",
                "عمر",
                "",
                2,
                (Answer.MERGED, 1, ""),
            ),
            (
                P.DIGITALIZATION,
                "إنترنت مجاني بمركز الجماعة",
                "توفير شبكة إنترنت مجانية في ساحة مركز الجماعة.",
                "سعيد",
                "",
                3,
                (
                    Answer.NOT_RETAINED,
                    None,
                    "لا تسمح ميزانية الجماعة بذلك حاليا؛ سيطرح الاقتراح "
                    "على الشركاء في إطار برنامج تقليص الفوارق المجالية.",
                ),
            ),
        ],
    },
    CHEFCHAOUEN: {
        "collected_at": None,
        "answered_at": None,  # these days: the collection is open
        "comment": "أساند الفكرة، وأقترح نشر الأرقام كل ثلاثة أشهر خلال موسم السياحة.",
        "ideas": [
            (
                P.TRANSPARENCY_INTEGRITY,
                "أين تذهب رسوم الإقامة السياحية؟",
                "نشر مداخيل الجماعة من الرسوم السياحية كل سنة وما أنجز بها في المدينة العتيقة.",
                "نوال الخمليشي",
                "",
                11,
                None,
            ),
            (
                P.CITIZEN_PARTICIPATION,
                "لقاء قبل كل ورش ترميم",
                "إخبار سكان الزقاق قبل انطلاق أشغال الترميم بمدتها ومسار المرور البديل.",
                "محمد العلمي",
                "جمعية أصدقاء المدينة العتيقة",
                7,
                (
                    Answer.UNDER_STUDY,
                    None,
                    "تدرس المصالح التقنية مع المقاولات إمكانية ذلك قبل صياغة الالتزام.",
                ),
            ),
            (
                P.ACCESS_TO_INFORMATION,
                "دليل الخدمات بالأمازيغية والإسبانية",
                "ترجمة دليل خدمات الجماعة إلى الأمازيغية والإسبانية لفائدة السكان والزوار.",
                "سلمى",
                "",
                2,
                None,
            ),
        ],
    },
}


def ideas_seed_demo(*, hcp_code: str | None = None) -> int:
    """Seed the member's demo ideas once; returns how many were created (0 when it already
    has ideas, has no programme, or none in the demo)."""
    story = IDEAS.get(demo_member_code(hcp_code))
    programme = programme_current()
    if story is None or programme is None or Idea.objects.exists():
        return 0
    now = timezone.now()
    collected_at = story["collected_at"] or now
    ideas = []
    for number, (principle, title, body, name, association, supports, answer) in enumerate(
        story["ideas"], start=1
    ):
        idea = Idea(
            programme=programme,
            principle=principle,
            title=title,
            body=body,
            author_name=name,
            show_name=True,
            association=association,
            email=f"idea{number}@example.ma",
            status=Status.PUBLISHED,
            verified_at=collected_at,
        )
        idea.full_clean()
        idea.save()
        Event.objects.create(idea=idea, kind=Event.Kind.PUBLISHED)
        Support.objects.bulk_create(
            [
                Support(idea=idea, email=f"supporter{n}@example.ma", confirmed_at=collected_at)
                for n in range(supports)
            ]
        )
        ideas.append((idea, answer))
    IdeaComment.objects.create(
        idea=ideas[0][0],
        body=story["comment"],
        author_name="أمينة",
        show_name=True,
        email="c1@example.ma",
        status=Status.PUBLISHED,
        verified_at=collected_at,
    )
    for idea, answer in ideas:
        if answer is None:
            continue
        kind, number, reasons = answer
        idea_answer(
            idea=idea,
            answer=kind,
            by=SEED_AUTHOR,
            reasons_ar=reasons,
            commitment=(
                programme.commitments.get(number=number) if kind == Answer.RETAINED else None
            ),
            merged_into=ideas[number - 1][0] if kind == Answer.MERGED else None,
        )
    if story["collected_at"]:  # their dated path, as it happened
        Idea.objects.update(created_at=collected_at)
        Event.objects.filter(kind=Event.Kind.PUBLISHED).update(at=collected_at)
        Idea.objects.filter(answered_at__isnull=False).update(answered_at=story["answered_at"])
        Event.objects.exclude(kind=Event.Kind.PUBLISHED).update(at=story["answered_at"])
    return len(ideas)
