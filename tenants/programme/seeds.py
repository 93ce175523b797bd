"""Demo programmes in Arabic (and French), written for the demo network from the public
stories of Tétouan (plan 2023–2026), Tanger (co-creation before the October 2023 session) and
Timezgana (co-creation workshop of 18 March 2025 and its priority axes). Runs in a member."""
from datetime import date, timedelta

from tenants.programme.models import Completion, Principle, Programme, ProgrammeStatus, StepKind
from tenants.programme.services import (
    assessment_save, commitment_create, commitment_update_progress, milestone_create,
    milestone_mark_done, programme_create)

P = Principle
SEED_AUTHOR = "نقطة الارتكاز"

# (title ar, title fr, principles, lead department, completion, milestones [(title, days from
# programme start, done?)])
TETOUAN_COMMITMENTS = [
    ("نشر الميزانية والحساب الإداري في صيغة مفتوحة", "Publier le budget et le compte administratif en format ouvert",
     [P.TRANSPARENCY_INTEGRITY, P.ACCESS_TO_INFORMATION], "قسم الشؤون المالية", Completion.SUBSTANTIAL,
     [("إعداد نموذج موحد لنشر الميزانية", 90, True), ("نشر ميزانية 2024 على موقع الانفتاح", 300, True),
      ("نشر الحساب الإداري مع ملخص مبسط للمواطنين", 700, False)]),
    ("بوابة لتتبع الشكايات وطلبات الحصول على المعلومات", "Un portail de suivi des plaintes et des demandes d'information",
     [P.ACCESS_TO_INFORMATION, P.DIGITALIZATION], "مصلحة التواصل والرقمنة", Completion.LIMITED,
     [("تعيين الموظفين المكلفين بتلقي الطلبات", 60, True), ("إطلاق البوابة الإلكترونية", 500, False)]),
    ("إشراك الجمعيات في إعداد برنامج عمل الجماعة", "Associer les associations à l'élaboration du programme d'action",
     [P.CITIZEN_PARTICIPATION], "هيئة المساواة وتكافؤ الفرص ومقاربة النوع", Completion.SUBSTANTIAL,
     [("تنظيم ورشتين للإعداد المشترك مع المجتمع المدني", 120, True),
      ("نشر تقرير عن الاقتراحات المعتمدة والمرفوضة مع التعليل", 400, True)]),
    ("نشر قرارات المجلس ومحاضر الدورات في أجل 15 يوما", "Publier les décisions et procès-verbaux du conseil sous 15 jours",
     [P.TRANSPARENCY_INTEGRITY, P.ACCOUNTABILITY], "كتابة المجلس", Completion.COMPLETE,
     [("اعتماد مسطرة داخلية للنشر", 45, True), ("نشر محاضر دورات 2023 و2024", 420, True)]),
    ("لوحة قيادة عمومية لتتبع مشاريع الجماعة", "Un tableau de bord public des projets de la commune",
     [P.MONITORING, P.ACCOUNTABILITY, P.DIGITALIZATION], "قسم التعمير والأشغال", Completion.NOT_STARTED,
     [("جرد المشاريع الجارية ومؤشراتها", 600, False), ("نشر لوحة القيادة على الموقع", 1000, False)]),
]

TIMEZGANA_AXES = [
    ("تعزيز الشفافية والنزاهة", "Renforcer la transparence et l'intégrité", [P.TRANSPARENCY_INTEGRITY]),
    ("ضمان الحق في الوصول إلى المعلومة", "Garantir le droit d'accès à l'information", [P.ACCESS_TO_INFORMATION]),
    ("تعزيز المشاركة المواطنة", "Renforcer la participation citoyenne", [P.CITIZEN_PARTICIPATION]),
    ("رقمنة الخدمات الجماعية", "Numériser les services communaux", [P.DIGITALIZATION]),
    ("تطوير آليات تتبع برامج الجماعة", "Développer le suivi des programmes de la commune", [P.MONITORING]),
]


def _seed_commitments(programme: Programme, commitments, *, today: date) -> None:
    start = date(programme.period_start, 1, 15)
    for number, (title_ar, title_fr, principles, lead, completion, milestones) in enumerate(
            commitments, start=1):
        commitment = commitment_create(
            programme=programme, by=SEED_AUTHOR, number=number, title_ar=title_ar,
            title_fr=title_fr, principles=list(principles), lead_department=lead,
            problem_ar="ضعف اطلاع المواطنين على المعطيات المتعلقة بهذا المجال وصعوبة الوصول إليها.",
            action_ar=f"يهدف هذا الالتزام إلى: {title_ar}.",
            solution_ar="يتيح نشر المعلومات بانتظام وبلغة مبسطة تتبع المواطنين والمجتمع المدني للتنفيذ.",
            partners="جمعيات المجتمع المدني المحلية، هيئة المساواة وتكافؤ الفرص ومقاربة النوع",
            civil_society_partners="شبكة جمعيات الأحياء",
            start_date=start, end_date=date(programme.period_end, 12, 31))
        for title, offset, done in milestones:
            milestone = milestone_create(commitment=commitment, by=SEED_AUTHOR, title_ar=title,
                                         due_on=start + timedelta(days=offset))
            if done and milestone.due_on <= today:
                milestone_mark_done(milestone=milestone, by=SEED_AUTHOR, done_on=milestone.due_on,
                                    evidence_link="https://example.ma/evidence")
        if completion != Completion.NOT_STARTED:
            commitment_update_progress(commitment=commitment, by=SEED_AUTHOR,
                                       completion=completion,
                                       note="تحيين بعد اجتماع لجنة التتبع")


def seed_tetouan(*, today: date) -> None:
    programme = programme_create(
        by=SEED_AUTHOR, title_ar="تطوان جماعة منفتحة 2023-2026",
        title_fr="Tétouan commune ouverte 2023-2026", period_start=2023, period_end=2026,
        status=ProgrammeStatus.IMPLEMENTATION, council_session="الدورة العادية لشهر فبراير 2023",
        decision_reference="م.ج/2023/14", adopted_on=date(2023, 2, 9),
        summary_ar="خطة عمل جماعة تطوان في إطار الشراكة من أجل الحكومة المنفتحة المحلية، "
                   "أعدت بشراكة مع المجتمع المدني.",
        summary_fr="Le plan d'action de Tétouan dans le cadre d'OGP Local, co-construit avec la "
                   "société civile.")
    steps = [(StepKind.INFORMATION, date(2022, 10, 20), "لقاء تواصلي حول الانضمام إلى المبادرة"),
             (StepKind.WORKSHOP, date(2022, 11, 24), "ورشة الإعداد المشترك الأولى"),
             (StepKind.EQUALITY_BODY, date(2022, 12, 15), "رأي هيئة المساواة وتكافؤ الفرص ومقاربة النوع"),
             (StepKind.CONSULTATION, date(2023, 1, 10), "استشارة عمومية حول مسودة الخطة"),
             (StepKind.COUNCIL, date(2023, 2, 9), "مصادقة المجلس الجماعي")]
    for kind, day, title in steps:
        programme.steps.create(kind=kind, happened_on=day, title_ar=title)
    _seed_commitments(programme, TETOUAN_COMMITMENTS, today=today)
    first = programme.commitments.get(number=4)
    assessment_save(commitment=first, by="لجنة التتبع", specificity="high", relevant=True,
                    potential_impact="moderate", completion=Completion.COMPLETE,
                    opened_government="major", assessed_on=date(2025, 6, 30),
                    reasoning_ar="أصبحت محاضر الدورات متاحة للعموم في آجال معقولة، "
                                 "مما عزز قدرة المواطنين على تتبع قرارات المجلس.")


def seed_tanger(*, today: date) -> None:
    programme = programme_create(
        by=SEED_AUTHOR, title_ar="برنامج انفتاح جماعة طنجة 2024-2027",
        title_fr="Programme d'ouverture de Tanger 2024-2027", period_start=2024, period_end=2027,
        status=ProgrammeStatus.CONSULTATION,
        summary_ar="مسودة أعدت خلال ورشات تشاورية مع المجتمع المدني وهيئة المساواة، "
                   "تعرض للاستشارة قبل المصادقة خلال دورة أكتوبر.")
    steps = [(StepKind.INFORMATION, date(2022, 12, 6), "لقاء تواصلي بمقر مجلس الجهة"),
             (StepKind.WORKSHOP, date(2023, 3, 28), "اللقاء التشاوري الأول"),
             (StepKind.WORKSHOP, date(2023, 6, 16), "الورشة الثانية للإعداد المشترك")]
    for kind, day, title in steps:
        programme.steps.create(kind=kind, happened_on=day, title_ar=title)
    _seed_commitments(programme, TETOUAN_COMMITMENTS[:3], today=today)


def seed_timezgana(*, today: date) -> None:
    programme = programme_create(
        by=SEED_AUTHOR, title_ar="برنامج انفتاح جماعة تمزكانة 2025-2027",
        title_fr="Programme d'ouverture de Timezgana 2025-2027", period_start=2025,
        period_end=2027, status=ProgrammeStatus.DRAFT,
        summary_ar="محاور أولية اتفق عليها المشاركون في ورشة الإعداد المشترك.")
    programme.steps.create(kind=StepKind.WORKSHOP, happened_on=date(2025, 3, 18),
                           title_ar="ورشة الإعداد المشترك بقاعة الاجتماعات",
                           description_ar="بمشاركة أعضاء المجلس والجمعيات ومديري المؤسسات التعليمية "
                                          "والطلبة الباحثين وموظفي الجماعة.")
    _seed_commitments(programme, [(ar, fr, principles, "المديرية العامة للمصالح",
                                   Completion.NOT_STARTED, [("تحديد الإجراءات والمؤشرات", 200, False)])
                                  for ar, fr, principles in TIMEZGANA_AXES], today=today)


DEMO_PROGRAMMES = {"01.571.01.11": seed_tetouan, "01.511.01.0": seed_tanger,
                   "03.531.03.23": seed_timezgana}


def programme_seed_demo(*, hcp_code: str, today: date) -> bool:
    """Seed the demo programme of a demo member once; False when there is none or already one."""
    seed = DEMO_PROGRAMMES.get(hcp_code)
    if seed is None or Programme.objects.exists():
        return False
    seed(today=today)
    return True
