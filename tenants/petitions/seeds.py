"""Demo petitions in Arabic for the demo network (runs in a member's schema): one collecting
signatures, below the threshold, and one the council has decided on."""
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from tenants.petitions.models import Link, Petition, PetitionStep, Signature, State
from tenants.petitions.selectors import next_ordinary_session
from tenants.petitions.services import (petition_create, petition_settings_get,
                                        petition_transition, signature_add)

COLLECTING = ("إحداث مساحات خضراء وملاعب للقرب بالأحياء الشعبية",
              "نحن الموقعين أسفله، من ساكنة الجماعة، نلتمس من المجلس إدراج نقطة في جدول أعمال "
              "دورته المقبلة تتعلق بإحداث مساحات خضراء وملاعب للقرب في الأحياء الشعبية، "
              "وتخصيص الاعتمادات اللازمة لذلك في ميزانية السنة المقبلة.")
DECIDED = ("تعميم الإنارة العمومية بالطرق المؤدية إلى المؤسسات التعليمية",
           "نلتمس من المجلس برمجة تعميم الإنارة العمومية بالطرق المؤدية إلى المؤسسات التعليمية "
           "حفاظا على سلامة التلميذات والتلاميذ.")
ANSWER = ("قرر المجلس بالإجماع برمجة تعميم الإنارة العمومية بالطرق المؤدية إلى المؤسسات "
          "التعليمية في برنامج عمل الجماعة، مع تخصيص اعتماد لذلك في ميزانية السنة المقبلة.")
NAMES = ["فاطمة الزهراء العلمي", "محمد أمين بنعيسى", "خديجة الإدريسي", "يوسف الشاوي",
         "سلمى البقالي", "عبد الرحيم الطاهري", "نادية المرابط", "حمزة أقشار"]
CASABLANCA = ZoneInfo("Africa/Casablanca")
LINKS = [Link.RESIDENT, Link.RESIDENT, Link.ECONOMIC, Link.PROFESSIONAL]


def _signatures(petition: Petition, count: int, *, prefix: str) -> list[Signature]:
    return [Signature(petition=petition, full_name=NAMES[number % len(NAMES)],
                      cin=f"{prefix}{100000 + number}", cin_normalized=f"{prefix}{100000 + number}",
                      link=LINKS[number % len(LINKS)]) for number in range(count)]


@transaction.atomic
def petitions_seed_demo(*, today) -> int:
    """Seed the demo petitions once; returns how many were created (0 when there were some)."""
    if Petition.objects.exists():
        return 0
    settings = petition_settings_get()
    agent = {"agent_name": "جمعية الحي للتنمية", "agent_cin": "L123456"}

    collecting = petition_create(by="demo", subject=COLLECTING[0], text=COLLECTING[1], **agent)
    for signature in _signatures(collecting, min(24, settings.threshold // 3), prefix="LC"):
        signature_add(petition=collecting, full_name=signature.full_name, cin=signature.cin,
                      link=signature.link)

    # The decided one went through its steps over the months before its council session.
    session = next_ordinary_session(months=settings.session_months,
                                    after=today - timedelta(days=180))
    decided = petition_create(by="demo", subject=DECIDED[0], text=DECIDED[1], **agent)
    Signature.objects.bulk_create(_signatures(decided, settings.threshold, prefix="LD"))
    PetitionStep.objects.filter(petition=decided).update(happened_on=session - timedelta(days=120))
    Signature.objects.filter(petition=decided).update(
        signed_at=datetime.combine(session - timedelta(days=90), time(12), CASABLANCA))
    for to, days_before, extra in ((State.SUBMITTED, 60, {}), (State.ADMISSIBLE, 30, {}),
                                   (State.ON_AGENDA, 20, {"session_date": session}),
                                   (State.DECIDED, 0, {"answer": ANSWER})):
        petition_transition(petition=decided, to=to, by="demo",
                            happened_on=session - timedelta(days=days_before), **extra)
    return 2
