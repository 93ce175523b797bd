"""A demo consultation in Arabic on the member's draft programme (runs in a member's schema):
open now, with published comments (some signed, some with the name withheld) and reasoned
responses to some of them."""
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from tenants.consultations.models import Consultation, Response
from tenants.consultations.services import (
    comment_submit, consultation_add_commitment_sections, consultation_create, response_save)
from tenants.programme.selectors import programme_current

CASABLANCA = ZoneInfo("Africa/Casablanca")
SEED_AUTHOR = "نقطة الارتكاز"
Kind = Response.Kind

# (section number or None for the whole text, name, show the name?, comment,
#  (kind, reasons) of the response or None)
DEMO_COMMENTS = [
    (None, "سعاد العلمي", True,
     "أقترح نشر ملخص مبسط لكل التزام باللغتين العربية والأمازيغية حتى يفهمه جميع المواطنين.",
     (Kind.ACCEPTED, "سيتم إعداد ملخص مبسط لكل التزام ونشره مع الصيغة النهائية للبرنامج.")),
    (1, "يوسف بنعلي", False,
     "يجب نشر الميزانية في صيغة قابلة لإعادة الاستعمال (CSV) وليس فقط في ملفات PDF.",
     (Kind.PARTLY, "ستنشر الميزانية بصيغة CSV ابتداء من السنة المقبلة، أما الوثائق السابقة "
                   "فستبقى بصيغة PDF لعدم توفر معطياتها الأصلية.")),
    (2, "جمعية أحياء المدينة العتيقة", True,
     "نطالب بتحديد أجل واضح للرد على الشكايات وبإمكانية تتبعها عبر الهاتف للمواطنين الذين "
     "لا يستعملون الأنترنت.", None),
    (None, "مريم", False,
     "أتمنى تنظيم لقاءات تواصلية في الأحياء البعيدة عن مقر الجماعة، وخاصة لفائدة النساء والشباب.",
     (Kind.NOT_RETAINED, "لا تسمح الموارد الحالية بتنظيم لقاءات في كل الأحياء خلال هذه السنة؛ "
                         "ستعقد الجماعة لقاءين في الملحقات الإدارية وتبث لقاءاتها مباشرة على الأنترنت.")),
    (3, "كريم التطواني", False,
     "من المهم إشراك التلاميذ والطلبة في ورشات الإعداد المشترك عبر المؤسسات التعليمية.", None),
]


def consultations_seed_demo(*, today) -> int:
    """Seed the demo consultation once; returns how many consultations were created (0 when
    the member already has one)."""
    if Consultation.objects.exists():
        return 0
    programme = programme_current()
    opens_at = datetime.combine(today - timedelta(days=10), time(9, 0), CASABLANCA)
    consultation = consultation_create(
        title_ar="استشارة عمومية حول مسودة برنامج الانفتاح",
        title_fr="Consultation publique sur le projet de programme d'ouverture",
        description_ar="تعرض الجماعة مسودة برنامج الانفتاح على المواطنات والمواطنين وجمعيات "
                       "المجتمع المدني لإبداء آرائهم واقتراحاتهم قبل عرضه على المجلس للمصادقة. "
                       "يمكنكم التعليق على النص كاملا أو على كل التزام على حدة، "
                       "وستنشر الجماعة ردا معللا على كل تعليق.",
        programme=programme, opens_at=opens_at,
        closes_at=datetime.combine(today + timedelta(days=20), time(23, 59), CASABLANCA))
    sections = {section.number: section
                for section in consultation_add_commitment_sections(consultation=consultation)}
    for number, (section_number, name, show_name, body, response) in enumerate(DEMO_COMMENTS,
                                                                                start=1):
        email = f"participant{number}@example.ma"
        # Given as already confirmed: published at once, no e-mail is sent.
        comment = comment_submit(consultation=consultation, author_name=name, email=email,
                                 body=body, show_name=show_name, verified_email=email,
                                 section=sections.get(section_number), site_url="/")
        if response:
            kind, reasons = response
            response_save(comment=comment, kind=kind, reasoning_ar=reasons, by=SEED_AUTHOR)
    return 1
