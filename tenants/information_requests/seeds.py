"""Demo information requests in Arabic for the demo network (runs in a member's schema).

One request in each situation the register shows: answered on time, in progress, extended,
refused on a ground of article 7, and one past its deadline without an answer (deemed
refused). The demo requesters are fictitious and have no e-mail (as for a request received by
post), so seeding sends nothing.
"""

from datetime import timedelta

from citizens.working_days import add_working_days
from tenants.information_requests.models import IdDocument, InformationRequest, RefusalGround
from tenants.information_requests.services import (
    information_request_answer,
    information_request_extend,
    information_request_file,
    information_request_refuse,
    information_request_set_public_summary,
    information_request_start,
)
from tenants.site.demo import OUJDA, TANGER, TETOUAN, TIMEZGANA, demo_member_code
from kernel.actors import Actor

BY = Actor(name="demo")

# (calendar days ago received, requester, information wanted, what happened: [(working days
# after receipt, step, inputs)])
DEMO_REQUESTS = [
    (
        60,
        "سعاد العلمي",
        "أطلب نسخة من محضر الدورة العادية للمجلس لشهر فبراير ولائحة المقررات المصادق عليها خلالها.",
        [
            (2, information_request_start, {}),
            (
                12,
                information_request_answer,
                {
                    "answer_text": "تجدون محضر الدورة العادية لشهر فبراير "
                    "ولائحة المقررات منشورين في مكتبة الوثائق بموقع الجماعة، "
                    "ضمن فئة جداول أعمال ومحاضر المجلس."
                },
            ),
        ],
    ),
    (
        50,
        "يوسف بنعلي",
        "أطلب لائحة الجمعيات المستفيدة من دعم الجماعة سنة 2024 مع أرقام هواتف "
        "وعناوين رؤسائها الشخصية.",
        [
            (
                8,
                information_request_refuse,
                {
                    "refusal_ground": RefusalGround.PRIVATE_LIFE,
                    "reasons": "أرقام الهواتف والعناوين الشخصية معطيات ذات طابع شخصي. لائحة الجمعيات "
                    "المستفيدة ومبالغ الدعم منشورة في مكتبة الوثائق.",
                },
            )
        ],
    ),
    (
        45,
        "خديجة الإدريسي",
        "ما هي كلفة أشغال تهيئة الحديقة العمومية بحي الملاح ومن هي المقاولة التي أنجزتها؟",
        [(3, information_request_start, {})],
    ),
    (
        24,
        "محمد الحسني",
        "أطلب الاطلاع على تقارير تتبع جودة مياه السقي بالمساحات الخضراء للجماعة "
        "خلال السنوات الثلاث الأخيرة.",
        [
            (2, information_request_start, {}),
            (
                15,
                information_request_extend,
                {
                    "reason": "المعلومات المطلوبة كثيرة وموزعة على عدة "
                    "مصالح، ويتطلب جمعها استشارة المكتب المكلف بالمراقبة."
                },
            ),
        ],
    ),
    (
        4,
        "نادية التازي",
        "أطلب الجدول الزمني المتوقع لأشغال إصلاح الطريق المؤدية إلى المدرسة الابتدائية بحي الرياض.",
        [(1, information_request_start, {})],
    ),
]

# Each demo member's own requests (Tétouan's are the ones above, one in each situation).
REQUESTS = {
    TETOUAN: DEMO_REQUESTS,
    TANGER: [
        (
            70,
            "عادل المودن",
            "أطلب لائحة مشاريع الميزانية التشاركية بمقاطعة بني مكادة التي صوت "
            "عليها السكان وكلفة كل مشروع.",
            [
                (1, information_request_start, {}),
                (
                    9,
                    information_request_answer,
                    {
                        "answer_text": "تجدون اللائحة والكلفة التقديرية لكل "
                        "مشروع في تقرير تقييم منتصف المدة المنشور بمكتبة الوثائق."
                    },
                ),
            ],
        ),
        (
            30,
            "سميرة الغزاوي",
            "أطلب نسخة من دفتر التحملات الخاص بتهيئة ساحات القرب بمقاطعة بني مكادة.",
            [
                (2, information_request_start, {}),
                (
                    6,
                    information_request_answer,
                    {
                        "answer_text": "تجدون دفتر التحملات ونتائج طلب العروض "
                        "في فئة الصفقات العمومية بمكتبة الوثائق."
                    },
                ),
            ],
        ),
        (
            8,
            "أنس بنعمر",
            "ما هو عدد الأشجار التي غرست بشارع محمد السادس سنة 2026 وكلفتها؟",
            [(1, information_request_start, {})],
        ),
    ],
    TIMEZGANA: [
        (
            40,
            "لحسن أيت علي",
            "أطلب الاطلاع على برمجة الطريق الرابطة بين دوار أولاد علي ومركز "
            "الجماعة في برنامج عمل الجماعة.",
            [
                (3, information_request_start, {}),
                (
                    14,
                    information_request_answer,
                    {
                        "answer_text": "الطريق مبرمجة في الشطر الثاني من "
                        "برنامج عمل الجماعة؛ تجدون جدول التتبع في مكتبة الوثائق."
                    },
                ),
            ],
        ),
        (
            6,
            "حفيظة",
            "أطلب لائحة الوثائق المطلوبة لتسجيل مولود في الحالة المدنية خارج الأجل.",
            [(1, information_request_start, {})],
        ),
    ],
    OUJDA: [
        (
            15,
            "ياسين البركاني",
            "أطلب مواعيد خطوط الحافلات الحضرية بصيغة إلكترونية.",
            [(2, information_request_start, {})],
        ),
    ],
}


def information_requests_seed_demo(*, today, hcp_code: str | None = None) -> int:
    """Seed the member's demo requests once (nothing if the member has any, or none in the
    demo); returns how many."""
    requests = REQUESTS.get(demo_member_code(hcp_code), [])
    if InformationRequest.objects.exists():
        return 0
    for number, (days_ago, name, wanted, steps) in enumerate(requests, start=1):
        received_on = today - timedelta(days=days_ago)
        information_request = information_request_file(
            requester_name=name,
            id_document=IdDocument.CIN,
            id_number=f"ZZ{number:06d}",
            postal_address="شارع محمد الخامس، رقم 1",
            email="",
            information_wanted=wanted,
            today=received_on,
        )
        # The register shows only the summary staff write (here, the request's first clause).
        information_request_set_public_summary(
            information_request=information_request,
            by=BY,
            public_summary=wanted.split(" مع ")[0].rstrip(".") + ".",
        )
        for working_days, service, inputs in steps:
            # A step never happens after today (a very recent request just waits).
            day = min(add_working_days(received_on, working_days), today)
            information_request = service(
                information_request=information_request, by=BY, today=day, **inputs
            )
    return len(requests)
