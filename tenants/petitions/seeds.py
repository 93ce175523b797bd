"""Demo petitions in Arabic for the demo members that received some (runs in a member's
schema): Tétouan one collecting signatures, below the threshold, and one the council has
decided on; Tanger one decided; Timezgana one collecting."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from tenants.petitions.models import Link, Petition, PetitionStep, Signature, State
from tenants.petitions.selectors import next_ordinary_session, region_provinces
from tenants.petitions.services import (
    petition_create,
    petition_settings_get,
    petition_transition,
    signature_add,
)
from tenants.site.demo import TANGER, TETOUAN, TIMEZGANA, demo_member_code
from kernel.actors import Actor

COLLECTING = (
    "إحداث مساحات خضراء وملاعب للقرب بالأحياء الشعبية",
    "نحن الموقعين أسفله، من ساكنة الجماعة، نلتمس من المجلس إدراج نقطة في جدول أعمال "
    "دورته المقبلة تتعلق بإحداث مساحات خضراء وملاعب للقرب في الأحياء الشعبية، "
    "وتخصيص الاعتمادات اللازمة لذلك في ميزانية السنة المقبلة.",
)
DECIDED = (
    "تعميم الإنارة العمومية بالطرق المؤدية إلى المؤسسات التعليمية",
    "نلتمس من المجلس برمجة تعميم الإنارة العمومية بالطرق المؤدية إلى المؤسسات التعليمية "
    "حفاظا على سلامة التلميذات والتلاميذ.",
)
ANSWER = (
    "قرر المجلس بالإجماع برمجة تعميم الإنارة العمومية بالطرق المؤدية إلى المؤسسات "
    "التعليمية في برنامج عمل الجماعة، مع تخصيص اعتماد لذلك في ميزانية السنة المقبلة."
)
COMMITTEE = "لجنة المرافق العمومية والخدمات"
# Each member's petitions: (subject, text) collecting, and (subject, text, answer, committee)
# decided, either None.
PETITIONS = {
    TETOUAN: (COLLECTING, (*DECIDED, ANSWER, COMMITTEE)),
    TANGER: (
        None,
        (
            "إحداث مكتبة قرب وفضاء للمطالعة بحي المرس",
            "نلتمس من المجلس إدراج نقطة تتعلق بتحويل البناية الجماعية غير المستغلة بحي المرس إلى "
            "مكتبة قرب وفضاء للمطالعة مفتوح للتلاميذ في المساء وأيام العطل.",
            "وافق المجلس على تحويل البناية إلى مكتبة قرب، وكلف المكتب بإعداد اتفاقية مع المديرية "
            "الإقليمية للثقافة لتجهيزها وتسييرها.",
            "لجنة الشؤون الثقافية والاجتماعية والرياضية",
        ),
    ),
    TIMEZGANA: (
        (
            "تعبيد الطريق الرابطة بين دوار أولاد علي ومركز الجماعة",
            "نحن الموقعين أسفله من ساكنة دوار أولاد علي نلتمس من المجلس إدراج تعبيد الطريق "
            "الرابطة بين الدوار ومركز الجماعة في برنامج عمل الجماعة، لأن التلاميذ والمرضى "
            "يجدون صعوبة في التنقل خلال فصل الشتاء.",
        ),
        None,
    ),
}
NAMES = [
    "فاطمة الزهراء العلمي",
    "محمد أمين بنعيسى",
    "خديجة الإدريسي",
    "يوسف الشاوي",
    "سلمى البقالي",
    "عبد الرحيم الطاهري",
    "نادية المرابط",
    "حمزة أقشار",
]
CASABLANCA = ZoneInfo("Africa/Casablanca")
LINKS = [Link.RESIDENT, Link.RESIDENT, Link.ECONOMIC, Link.PROFESSIONAL]


def _signatures(petition: Petition, count: int, *, prefix: str) -> list[Signature]:
    # A region's signatories spread over its prefectures and provinces (law.py).
    codes = [province.code for province in region_provinces()] or [""]
    return [
        Signature(
            petition=petition,
            full_name=NAMES[number % len(NAMES)],
            cin=f"{prefix}{100000 + number}",
            cin_normalized=f"{prefix}{100000 + number}",
            link=LINKS[number % len(LINKS)],
            province_code=codes[number % len(codes)],
        )
        for number in range(count)
    ]


@transaction.atomic
def petitions_seed_demo(*, today, hcp_code: str | None = None) -> int:
    """Seed the member's demo petitions once; returns how many were created (0 when there
    were some, or none in the demo)."""
    to_collect, to_decide = PETITIONS.get(demo_member_code(hcp_code), (None, None))
    if Petition.objects.exists() or not (to_collect or to_decide):
        return 0
    settings = petition_settings_get()
    agent = {"agent_name": "جمعية الحي للتنمية", "agent_cin": "L123456"}

    if to_collect:
        collecting = petition_create(
            by=Actor(name="demo"), subject=to_collect[0], text=to_collect[1], **agent
        )
        for signature in _signatures(collecting, min(24, settings.threshold // 3), prefix="LC"):
            signature_add(
                petition=collecting,
                full_name=signature.full_name,
                cin=signature.cin,
                link=signature.link,
                province_code=signature.province_code,
            )
    if not to_decide:
        return 1
    subject, text, answer, committee = to_decide

    # The decided one went through its steps over the months before its council session.
    session = next_ordinary_session(
        months=settings.session_months, after=today - timedelta(days=180)
    )
    decided = petition_create(by=Actor(name="demo"), subject=subject, text=text, **agent)
    Signature.objects.bulk_create(_signatures(decided, settings.threshold, prefix="LD"))
    PetitionStep.objects.filter(petition=decided).update(happened_on=session - timedelta(days=120))
    Signature.objects.filter(petition=decided).update(
        signed_at=datetime.combine(session - timedelta(days=90), time(12), CASABLANCA)
    )
    for to, days_before, extra in (
        (State.SUBMITTED, 60, {}),
        (State.ADMISSIBLE, 30, {}),
        (State.REFERRED, 25, {"committee": committee}),
        (State.ON_AGENDA, 20, {"session_date": session}),
        (State.DECIDED, 0, {"answer": answer}),
    ):
        petition_transition(
            petition=decided,
            to=to,
            by=Actor(name="demo"),
            happened_on=session - timedelta(days=days_before),
            **extra,
        )
    return 2 if to_collect else 1
