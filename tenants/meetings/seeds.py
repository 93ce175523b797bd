"""Demo meetings in Arabic, one story per demo member (runs in a member's schema): the
meetings its press items name, on their days, with their attendance, and one or two upcoming
meetings people have registered for. The days of the upcoming ones count from today."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tenants.meetings.models import Meeting, Registration
from tenants.meetings.services import meeting_create, meeting_record_attendance, registration_create
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

CASABLANCA = ZoneInfo("Africa/Casablanca")
Kind = Meeting.Kind
Gender = Registration.Gender
ONLINE = ""  # no place: the meeting is held online

# (day: a date, or days from today for an upcoming one; start time; kind; title; place;
#  attendance {category: (women, men)} once held; capacity of an upcoming one)
MEETINGS = {
    TETOUAN: [
        (
            date(2023, 5, 11),
            time(17, 0),
            Kind.INFORMATION,
            "لقاء دراسي وتواصلي حول خطة «تطوان جماعة منفتحة 2023-2026» مع المعهد الجمهوري الدولي",
            "قاعة الجلسات محمد أزطوط، مقر جماعة تطوان",
            {
                "council": (6, 14),
                "civil_society": (17, 21),
                "equality_body": (5, 2),
                "students": (9, 7),
                "staff": (4, 8),
                "media": (2, 5),
            },
            None,
        ),
        (
            date(2025, 11, 20),
            time(10, 0),
            Kind.MONITORING_COMMITTEE,
            "الاجتماع نصف السنوي للجنة تتبع خطة تطوان جماعة منفتحة",
            "مقر جماعة تطوان",
            {"council": (2, 4), "civil_society": (4, 3), "equality_body": (2, 0), "staff": (1, 3)},
            None,
        ),
        (
            date(2026, 9, 24),
            time(15, 0),
            Kind.TRAINING,
            "تكوين لفائدة الجمعيات حول تقييم الالتزامات قبل نهاية الخطة",
            ONLINE,
            {"civil_society": (14, 11), "staff": (3, 2)},
            None,
        ),
        (
            12,
            time(17, 30),
            Kind.INFORMATION,
            "لقاء تواصلي لعرض حصيلة خطة «تطوان جماعة منفتحة 2023-2026»",
            "قاعة الجلسات محمد أزطوط، مقر جماعة تطوان",
            {},
            150,
        ),
        (
            33,
            time(10, 0),
            Kind.COCREATION_WORKSHOP,
            "ورشة أولى لإعداد خطة العمل الثانية للجماعة المنفتحة",
            "دار الثقافة بتطوان",
            {},
            80,
        ),
    ],
    TANGER: [
        (
            date(2022, 12, 6),
            time(10, 0),
            Kind.INFORMATION,
            "لقاء تواصلي حول برنامج دعم الجماعات الترابية المنفتحة",
            "مقر مجلس جهة طنجة تطوان الحسيمة",
            {"council": (5, 11), "civil_society": (9, 13), "staff": (6, 7), "media": (1, 3)},
            None,
        ),
        (
            date(2023, 3, 28),
            time(10, 0),
            Kind.COCREATION_WORKSHOP,
            "اللقاء التشاوري الأول للإعداد المشترك لبرنامج انفتاح جماعة طنجة",
            "قصر البلدية بطنجة",
            {"council": (4, 9), "civil_society": (12, 15), "students": (5, 4), "staff": (3, 6)},
            None,
        ),
        (
            date(2023, 6, 16),
            time(10, 0),
            Kind.COCREATION_WORKSHOP,
            "الورشة الثانية للإعداد المشترك مع هيئة المساواة وتكافؤ الفرص ومقاربة النوع والمجتمع المدني",
            "قصر البلدية بطنجة",
            {
                "council": (3, 5),
                "civil_society": (16, 12),
                "equality_body": (8, 3),
                "staff": (2, 4),
            },
            None,
        ),
        (
            date(2026, 6, 25),
            time(11, 0),
            Kind.MONITORING_COMMITTEE,
            "لجنة التتبع: تقييم منتصف المدة لبرنامج انفتاح طنجة",
            "قصر البلدية بطنجة",
            {"council": (2, 3), "civil_society": (3, 4), "equality_body": (3, 1), "staff": (2, 2)},
            None,
        ),
        (
            19,
            time(18, 0),
            Kind.INFORMATION,
            "لقاء مفتوح مع ساكنة مقاطعة بني مكادة حول مشاريع الميزانية التشاركية",
            "مقر مقاطعة بني مكادة",
            {},
            120,
        ),
    ],
    TIMEZGANA: [
        (
            date(2025, 2, 11),
            time(10, 0),
            Kind.TRAINING,
            "لقاء تكويني حول منهجية الإعداد المشترك لفائدة الجماعات الملتحقة حديثا بالشبكة",
            ONLINE,
            {"council": (0, 2), "staff": (1, 2)},
            None,
        ),
        (
            date(2025, 3, 7),
            time(10, 30),
            Kind.INFORMATION,
            "الاجتماع الإخباري التواصلي لإطلاق برنامج «انفتاح جماعة تمزكانة»",
            "مقر جماعة تمزكانة",
            {"council": (3, 12), "civil_society": (4, 9), "schools": (1, 5), "staff": (2, 6)},
            None,
        ),
        (
            date(2025, 3, 7),
            time(14, 0),
            Kind.MONITORING_COMMITTEE,
            "اجتماع لجنة تتبع الإعداد والتنفيذ والتقييم: المسودة الأولية لمحاور الانفتاح",
            "مقر جماعة تمزكانة",
            {"council": (1, 3), "civil_society": (2, 2), "staff": (1, 2)},
            None,
        ),
        (
            date(2025, 3, 18),
            time(10, 30),
            Kind.COCREATION_WORKSHOP,
            "ورشة الإعداد المشترك لبرنامج انفتاح جماعة تمزكانة",
            "قاعة الاجتماعات بمقر الجماعة",
            {
                "council": (3, 11),
                "civil_society": (6, 10),
                "equality_body": (4, 1),
                "schools": (1, 6),
                "students": (3, 4),
                "staff": (2, 5),
                "media": (0, 2),
            },
            None,
        ),
        (
            25,
            time(10, 30),
            Kind.INFORMATION,
            "لقاء مفتوح مع ممثلي الدواوير لعرض جدول تتبع المشاريع",
            "قاعة الاجتماعات بمقر الجماعة",
            {},
            60,
        ),
    ],
    REGION_TTA: [
        (
            date(2020, 11, 20),
            time(10, 0),
            Kind.INFORMATION,
            "المنتدى الرقمي «جهات منفتحة وذكية»",
            ONLINE,
            {
                "council": (3, 6),
                "civil_society": (22, 26),
                "students": (11, 9),
                "staff": (5, 8),
                "media": (3, 4),
            },
            None,
        ),
        (
            date(2021, 2, 18),
            time(9, 30),
            Kind.COCREATION_WORKSHOP,
            "ورشة الإعداد المشترك لمخطط العمل الجهوي مع جمعيات الأقاليم",
            "مقر مجلس الجهة بطنجة",
            {"council": (2, 5), "civil_society": (13, 18), "staff": (3, 4)},
            None,
        ),
        (
            date(2022, 6, 23),
            time(10, 0),
            Kind.MONITORING_COMMITTEE,
            "منتدى المتابعة المشترك مع المجتمع المدني",
            "الحسيمة",
            {"council": (1, 3), "civil_society": (8, 9), "staff": (2, 2)},
            None,
        ),
        (
            40,
            time(9, 30),
            Kind.TRAINING,
            "تكوين لفائدة نقاط ارتكاز جماعات الجهة حول تقييم خطط العمل",
            "مقر مجلس الجهة بطنجة",
            {},
            40,
        ),
    ],
    REGION_BMK: [
        (
            date(2023, 5, 17),
            time(10, 0),
            Kind.MONITORING_COMMITTEE,
            "اجتماع التقييم النهائي لخطة الجهة للحكومة المنفتحة",
            "مقر مجلس الجهة ببني ملال",
            {"council": (1, 4), "civil_society": (5, 6), "staff": (2, 3)},
            None,
        ),
    ],
    CHEFCHAOUEN: [
        (
            date(2026, 10, 14),
            time(10, 0),
            Kind.INFORMATION,
            "لقاء إخباري لإطلاق الإعداد المشترك لبرنامج انفتاح شفشاون",
            "دار الثقافة بشفشاون",
            {"council": (2, 7), "civil_society": (9, 8), "staff": (2, 3)},
            None,
        ),
        (
            date(2026, 11, 12),
            time(10, 0),
            Kind.COCREATION_WORKSHOP,
            "ورشة الإعداد المشترك الأولى: اقتراحات سكان المدينة العتيقة",
            "دار الثقافة بشفشاون",
            {
                "council": (2, 5),
                "civil_society": (11, 9),
                "equality_body": (3, 1),
                "students": (4, 3),
            },
            None,
        ),
        (
            9,
            time(10, 0),
            Kind.COCREATION_WORKSHOP,
            "ورشة الإعداد المشترك الثانية: من الأفكار إلى الالتزامات",
            "دار الثقافة بشفشاون",
            {},
            60,
        ),
    ],
    OUJDA: [
        (
            date(2026, 6, 17),
            time(9, 30),
            Kind.COCREATION_WORKSHOP,
            "ورشة الإعداد المشترك الأولى لبرنامج انفتاح وجدة",
            "قصر البلدية بوجدة",
            {"council": (3, 8), "civil_society": (10, 12), "students": (7, 6), "staff": (3, 4)},
            None,
        ),
        (
            date(2026, 9, 23),
            time(9, 30),
            Kind.COCREATION_WORKSHOP,
            "ورشة الإعداد المشترك الثانية مع طلبة جامعة محمد الأول",
            "كلية الحقوق بوجدة",
            {"council": (1, 3), "civil_society": (4, 5), "students": (18, 14)},
            None,
        ),
        (
            6,
            time(17, 0),
            Kind.CONSULTATION,
            "جلسة عمومية لمناقشة مسودة برنامج انفتاح وجدة",
            "قصر البلدية بوجدة",
            {},
            100,
        ),
    ],
    AGADIR: [
        (
            date(2026, 3, 19),
            time(10, 0),
            Kind.COCREATION_WORKSHOP,
            "ورشة الإعداد المشترك لبرنامج انفتاح أكادير",
            "قصر البلدية بأكادير",
            {"council": (4, 6), "civil_society": (10, 7), "staff": (3, 3), "media": (1, 1)},
            None,
        ),
    ],
    TETOUAN_PROVINCE: [
        (
            date(2026, 11, 5),
            time(10, 0),
            Kind.INFORMATION,
            "لقاء إخباري حول الانضمام إلى الشبكة المغربية للجماعات الترابية المنفتحة",
            "مقر مجلس عمالة تطوان",
            {"council": (2, 9), "staff": (3, 4)},
            None,
        ),
    ],
}

# People who registered for the upcoming demo meetings (made without e-mails: the addresses
# are made up). (name, e-mail's local part, category, gender)
REGISTRANTS = [
    ("فاطمة الزهراء العلمي", "fatima.alami", "civil_society", Gender.WOMAN),
    ("محمد أمين بنعلي", "amine.benali", "students", Gender.MAN),
    ("خديجة الإدريسي", "khadija.idrissi", "equality_body", Gender.WOMAN),
    ("يوسف التمسماني", "youssef.temsamani", "media", Gender.MAN),
    ("سناء الحراق", "sanaa.harrak", "schools", Gender.NOT_SAID),
    ("عبد الرحيم أوحمو", "abderrahim.ouhammou", "civil_society", Gender.MAN),
    ("إيمان الزياني", "imane.ziani", "students", Gender.WOMAN),
    ("حسن بوطيب", "hassan.boutaib", "council", Gender.MAN),
]
AGENDA = "1. كلمة افتتاحية\n2. عرض حول موضوع اللقاء\n3. نقاش واقتراحات المشاركين"


def meetings_seed_demo(*, today: date, hcp_code: str | None = None) -> int:
    """Seed the member's demo meetings, with registrations for the upcoming ones, once;
    returns how many meetings were created (0 when it has meetings or none in the demo)."""
    meetings = MEETINGS.get(demo_member_code(hcp_code), [])
    if Meeting.objects.exists():
        return 0
    for number, (day, at, kind, title, place, attendance, capacity) in enumerate(meetings):
        if isinstance(day, int):
            day = today + timedelta(days=day)
        starts_at = datetime.combine(day, at, CASABLANCA)
        meeting = meeting_create(
            kind=kind,
            title_ar=title,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            place=place,
            online_link="" if place else "https://meet.example.ma/infitah",
            agenda_ar=AGENDA,
            capacity=capacity,
        )
        if attendance and day <= today:
            meeting_record_attendance(meeting=meeting, counts=attendance)
        if capacity:
            # A different handful of people for each meeting.
            rotated = REGISTRANTS[number:] + REGISTRANTS[:number]
            for name, local_part, category, gender in rotated[: capacity // 15]:
                registration_create(
                    meeting=meeting,
                    name=name,
                    email=f"{local_part}@example.ma",
                    category=category,
                    gender=gender,
                    send_confirmation=False,
                )
    return len(meetings)
