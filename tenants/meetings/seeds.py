"""Demo meetings in Arabic for the demo network (runs in a member's schema)."""
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from tenants.meetings.models import Meeting, Registration
from tenants.meetings.services import (meeting_create, meeting_record_attendance,
                                       registration_create)

CASABLANCA = ZoneInfo("Africa/Casablanca")
Kind = Meeting.Kind
Gender = Registration.Gender

# (days from today, kind, title, place, attendance {category: (women, men)} once held,
#  capacity of an upcoming one)
DEMO_MEETINGS = [
    (-240, Kind.COCREATION_WORKSHOP, "ورشة الإعداد المشترك لبرنامج الانفتاح", "قاعة الاجتماعات بمقر الجماعة",
     {"council": (4, 9), "civil_society": (11, 14), "equality_body": (5, 2), "schools": (2, 3),
      "students": (6, 4), "staff": (3, 5), "media": (1, 2)}, None),
    (-120, Kind.MONITORING_COMMITTEE, "اجتماع لجنة تتبع الإعداد والتنفيذ والتقييم", "مقر الجماعة",
     {"council": (2, 3), "civil_society": (3, 3), "equality_body": (2, 1), "staff": (1, 2)}, None),
    (-45, Kind.TRAINING, "تكوين عن بعد حول منهجية الانفتاح", "",
     {"staff": (7, 6), "council": (1, 2)}, None),
    (12, Kind.INFORMATION, "لقاء تواصلي حول حصيلة تنفيذ الالتزامات", "دار الشباب", {}, 80),
    (30, Kind.CONSULTATION, "جلسة استشارة عمومية حول تحيين برنامج الانفتاح", "قاعة الاجتماعات بمقر الجماعة", {}, 120),
]

# Who registered for each upcoming demo meeting (made without e-mails: the addresses are
# made up). (name, e-mail's local part, category, gender)
DEMO_REGISTRATIONS = [
    ("فاطمة الزهراء العلمي", "fatima.alami", "civil_society", Gender.WOMAN),
    ("محمد أمين بنعلي", "amine.benali", "students", Gender.MAN),
    ("خديجة الإدريسي", "khadija.idrissi", "equality_body", Gender.WOMAN),
    ("يوسف التمسماني", "youssef.temsamani", "media", Gender.MAN),
    ("سناء الحراق", "sanaa.harrak", "schools", Gender.NOT_SAID),
]


def meetings_seed_demo(*, today) -> int:
    """Seed the demo meetings, with registrations for the upcoming ones, once; returns how
    many meetings were created."""
    if Meeting.objects.exists():
        return 0
    for days, kind, title, place, attendance, capacity in DEMO_MEETINGS:
        starts_at = datetime.combine(today + timedelta(days=days), time(10, 30), CASABLANCA)
        meeting = meeting_create(
            kind=kind, title_ar=title, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
            place=place, online_link="" if place else "https://meet.example.ma/infitah",
            agenda_ar="1. كلمة افتتاحية\n2. عرض حول مبادئ الجماعة المنفتحة\n3. نقاش واقتراحات المشاركين",
            capacity=capacity)
        if attendance:
            meeting_record_attendance(meeting=meeting, counts=attendance)
        if capacity:
            for name, local_part, category, gender in DEMO_REGISTRATIONS:
                registration_create(meeting=meeting, name=name, email=f"{local_part}@example.ma",
                                    category=category, gender=gender, send_confirmation=False)
    return len(DEMO_MEETINGS)
