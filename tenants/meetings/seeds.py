"""Demo meetings in Arabic for the demo network (runs in a member's schema)."""
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from tenants.meetings.models import Meeting
from tenants.meetings.services import meeting_create, meeting_record_attendance

CASABLANCA = ZoneInfo("Africa/Casablanca")
Kind = Meeting.Kind

# (days from today, kind, title, place, attendance {category: (women, men)} once held)
DEMO_MEETINGS = [
    (-240, Kind.COCREATION_WORKSHOP, "ورشة الإعداد المشترك لبرنامج الانفتاح", "قاعة الاجتماعات بمقر الجماعة",
     {"council": (4, 9), "civil_society": (11, 14), "equality_body": (5, 2), "schools": (2, 3),
      "students": (6, 4), "staff": (3, 5), "media": (1, 2)}),
    (-120, Kind.MONITORING_COMMITTEE, "اجتماع لجنة تتبع الإعداد والتنفيذ والتقييم", "مقر الجماعة",
     {"council": (2, 3), "civil_society": (3, 3), "equality_body": (2, 1), "staff": (1, 2)}),
    (-45, Kind.TRAINING, "تكوين عن بعد حول منهجية الانفتاح", "",
     {"staff": (7, 6), "council": (1, 2)}),
    (12, Kind.INFORMATION, "لقاء تواصلي حول حصيلة تنفيذ الالتزامات", "دار الشباب", {}),
    (30, Kind.CONSULTATION, "جلسة استشارة عمومية حول تحيين برنامج الانفتاح", "قاعة الاجتماعات بمقر الجماعة", {}),
]


def meetings_seed_demo(*, today) -> int:
    """Seed the demo meetings once; returns how many were created."""
    if Meeting.objects.exists():
        return 0
    for days, kind, title, place, attendance in DEMO_MEETINGS:
        starts_at = datetime.combine(today + timedelta(days=days), time(10, 30), CASABLANCA)
        meeting = meeting_create(
            kind=kind, title_ar=title, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
            place=place, online_link="" if place else "https://meet.example.ma/infitah",
            agenda_ar="1. كلمة افتتاحية\n2. عرض حول مبادئ الجماعة المنفتحة\n3. نقاش واقتراحات المشاركين")
        if attendance:
            meeting_record_attendance(meeting=meeting, counts=attendance)
    return len(DEMO_MEETINGS)
