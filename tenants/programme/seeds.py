"""Demo programmes in Arabic (and French), one story per demo member (runs in a member's
schema). The three communes and the region follow what their press items tell
(/work/shared/context/): Tétouan's plan "تطوان جماعة منفتحة 2023-2026" and its study day with
the International Republican Institute (11 May 2023); Tanger's co-creation (6 December 2022,
28 March 2023, a second workshop with the equality body) and adoption at the October 2023
session; Timezgana's path from December 2024 to the co-creation workshop of 18 March 2025,
adopted — the demo's reading of "planned for the October 2025 session" — in October 2025; the
Tanger-Tétouan-Al Hoceïma region's OGP Local plan 2020-2022. The other demo members are
lighter and each at another stage. Decision references and exact days not in the press are
made up for the demo, and every summary says the content is a demonstration."""

from datetime import date


from tenants.site.demo import (
    AGADIR,
    CHEFCHAOUEN,
    OUJDA,
    REGION_BMK,
    REGION_TTA,
    TANGER,
    TETOUAN,
    TIMEZGANA,
    demo_member_code,
)
from tenants.programme.models import Completion, Principle, Programme, ProgrammeStatus, StepKind
from tenants.programme.services import (
    assessment_save,
    commitment_create,
    commitment_update_progress,
    inception_assessment_save,
    milestone_create,
    milestone_mark_done,
    programme_create,
)
from kernel.actors import Actor

P = Principle
C = Completion
S = StepKind
SEED_AUTHOR = Actor(name="نقطة الارتكاز")
DEMO_NOTE_AR = " (محتوى تجريبي لعرض المنصة.)"
DEMO_NOTE_FR = " (Contenu de démonstration.)"

# A commitment: (title ar, title fr, principles, lead department, problem, how it solves it,
# completion, milestones [(title, due on, done?)]).
PROGRAMMES = {
    TETOUAN: {
        "programme": dict(
            title_ar="تطوان جماعة منفتحة 2023-2026",
            title_fr="Tétouan commune ouverte 2023-2026",
            period_start=2023,
            period_end=2026,
            status=ProgrammeStatus.IMPLEMENTATION,
            council_session="الدورة العادية لشهر فبراير 2023",
            decision_reference="م.ج/2023/14",
            adopted_on=date(2023, 2, 9),
            submitted_on=date(2023, 2, 20),
            summary_ar="خطة عمل جماعة تطوان في إطار البرنامج المحلي لشراكة الحكومة المنفتحة، "
            "أعدت بشراكة مع المجتمع المدني وقدمت في لقاء دراسي مع المعهد الجمهوري الدولي.",
            summary_fr="Le plan d'action de Tétouan dans le cadre d'OGP Local, co-construit avec "
            "la société civile et présenté lors d'une journée d'étude avec l'IRI.",
        ),
        "steps": [
            (
                S.INFORMATION,
                date(2022, 10, 20),
                "لقاء تواصلي حول الانضمام إلى البرنامج المحلي لشراكة الحكومة المنفتحة",
            ),
            (S.WORKSHOP, date(2022, 11, 24), "ورشة الإعداد المشترك الأولى مع جمعيات المدينة"),
            (S.EQUALITY_BODY, date(2022, 12, 15), "رأي هيئة المساواة وتكافؤ الفرص ومقاربة النوع"),
            (S.CONSULTATION, date(2023, 1, 10), "استشارة عمومية حول مسودة الخطة"),
            (S.COUNCIL, date(2023, 2, 9), "مصادقة المجلس الجماعي"),
            (
                S.OTHER,
                date(2023, 5, 11),
                "لقاء دراسي مع المعهد الجمهوري الدولي وإطلاق الموقع التجريبي",
            ),
        ],
        "partners": "المعهد الجمهوري الدولي، جامعة عبد المالك السعدي، جمعيات المجتمع المدني بتطوان",
        "civil_society": "جمعية محلية شريكة في إنجاز موقع «تطوان جماعة منفتحة»",
        "commitments": [
            (
                "نشر الميزانية والحساب الإداري بصيغة مفتوحة",
                "Publier le budget et le compte administratif en format ouvert",
                [P.TRANSPARENCY_INTEGRITY, P.ACCESS_TO_INFORMATION],
                "قسم الشؤون المالية",
                "تنشر الميزانية في ملفات مصورة يصعب قراءتها، ولا يجد المواطن ملخصا يشرح أين تصرف أموال الجماعة.",
                "نشر الميزانية والحساب الإداري بصيغة CSV مع ملخص مبسط بالعربية والفرنسية بعد كل دورة.",
                C.SUBSTANTIAL,
                [
                    ("اعتماد نموذج موحد للنشر", date(2023, 6, 30), True),
                    ("نشر ميزانية 2024 بصيغة مفتوحة", date(2024, 1, 31), True),
                    ("نشر الحساب الإداري 2025 مع ملخص مبسط", date(2026, 6, 30), True),
                    ("ملخص مصور لميزانية 2027", date(2027, 1, 31), False),
                ],
            ),
            (
                "موقع «تطوان جماعة منفتحة» لتتبع الخطة",
                "Le site « Tétouan commune ouverte »",
                [P.ACCESS_TO_INFORMATION, P.DIGITALIZATION],
                "مصلحة التواصل والمعلوميات",
                "لم يكن للمواطنين مكان واحد يطلعون فيه على التزامات الجماعة ويبدون رأيهم فيها.",
                "موقع مخصص للخطة، أنجز مع جمعية محلية، ينشر الالتزامات ومراحلها ويستقبل الآراء.",
                C.COMPLETE,
                [
                    ("إعداد الموقع مع الجمعية الشريكة", date(2023, 4, 28), True),
                    ("الإطلاق التجريبي خلال اللقاء الدراسي", date(2023, 5, 11), True),
                    ("نشر تقرير سنوي عن زيارات الموقع ومقترحات المواطنين", date(2024, 6, 30), True),
                ],
            ),
            (
                "نشر مقررات المجلس ومحاضر دوراته داخل أجل 15 يوما",
                "Publier les décisions et procès-verbaux du conseil sous 15 jours",
                [P.TRANSPARENCY_INTEGRITY, P.ACCOUNTABILITY],
                "كتابة المجلس",
                "كانت محاضر الدورات تعلق بمقر الجماعة فقط وتتأخر أحيانا لأشهر.",
                "مسطرة داخلية تحدد أجل النشر في الموقع والمسؤول عنه، مع أرشيف لكل الدورات.",
                C.COMPLETE,
                [
                    ("اعتماد مسطرة داخلية للنشر", date(2023, 3, 31), True),
                    ("نشر محاضر دورات 2023", date(2023, 12, 31), True),
                    ("نشر محاضر دورات 2024 و2025", date(2025, 12, 31), True),
                ],
            ),
            (
                "مكتب لتلقي طلبات الحصول على المعلومات وتتبعها",
                "Un bureau de réception et de suivi des demandes d'information",
                [P.ACCESS_TO_INFORMATION, P.ACCOUNTABILITY],
                "الموظف المكلف بالحصول على المعلومات",
                "يجهل أغلب المرتفقين حقهم في الحصول على المعلومات وآجال الرد، ولا تعرف الطلبات مآلها.",
                "مكتب معلن ومسطرة مكتوبة وسجل عمومي للطلبات يبين الآجال والأجوبة دون معطيات شخصية.",
                C.SUBSTANTIAL,
                [
                    ("تعيين الموظف المكلف ونائبه ونشر اسميهما", date(2023, 4, 15), True),
                    ("فتح السجل العمومي للطلبات", date(2024, 3, 31), True),
                    ("تقرير سنوي عن الطلبات وآجال الرد", date(2026, 12, 31), False),
                ],
            ),
            (
                "لجنة تتبع مشتركة مع المجتمع المدني وتقييم الخطة",
                "Un comité de suivi mixte et l'évaluation du plan",
                [P.CITIZEN_PARTICIPATION, P.MONITORING],
                "المديرية العامة للمصالح",
                "تتابع المصالح تنفيذ الالتزامات وحدها، فلا يعرف المجتمع المدني ما تحقق وما تأخر.",
                "لجنة تضم المنتخبين والجمعيات تجتمع مرتين في السنة وتنشر تقريرا عن كل التزام.",
                C.LIMITED,
                [
                    ("تشكيل لجنة التتبع", date(2023, 6, 15), True),
                    ("تقرير منتصف المدة", date(2025, 1, 31), True),
                    ("التقرير النهائي للتقييم", date(2027, 3, 31), False),
                ],
            ),
        ],
    },
    TANGER: {
        "programme": dict(
            title_ar="برنامج انفتاح جماعة طنجة 2024-2027",
            title_fr="Programme d'ouverture de Tanger 2024-2027",
            period_start=2024,
            period_end=2027,
            status=ProgrammeStatus.IMPLEMENTATION,
            council_session="الدورة العادية لشهر أكتوبر 2023",
            decision_reference="م.ج.ط/2023/87",
            adopted_on=date(2023, 10, 4),
            summary_ar="برنامج أعد في ورشات تشاورية مع المجتمع المدني وهيئة المساواة وتكافؤ الفرص "
            "ومقاربة النوع، وصادق عليه المجلس الجماعي في دورة أكتوبر 2023.",
            summary_fr="Un programme co-construit en ateliers avec la société civile et l'instance de "
            "l'équité, adopté par le conseil à sa session d'octobre 2023.",
        ),
        "steps": [
            (S.INFORMATION, date(2022, 12, 6), "لقاء تواصلي بمقر مجلس جهة طنجة تطوان الحسيمة"),
            (S.WORKSHOP, date(2023, 3, 28), "اللقاء التشاوري الأول"),
            (
                S.EQUALITY_BODY,
                date(2023, 6, 16),
                "الورشة الثانية مع هيئة المساواة وتكافؤ الفرص ومقاربة النوع والمجتمع المدني",
            ),
            (S.CONSULTATION, date(2023, 7, 10), "استشارة عمومية حول مسودة البرنامج"),
            (S.COUNCIL, date(2023, 10, 4), "مصادقة المجلس الجماعي في دورة أكتوبر"),
        ],
        "partners": "مجلس جهة طنجة تطوان الحسيمة، مقاطعات طنجة الأربع، جمعيات الأحياء",
        "civil_society": "تنسيقية جمعيات المجتمع المدني بطنجة",
        "commitments": [
            (
                "خريطة رقمية لمشاريع الجماعة في المقاطعات الأربع",
                "Une carte numérique des projets dans les quatre arrondissements",
                [P.TRANSPARENCY_INTEGRITY, P.MONITORING, P.DIGITALIZATION],
                "قسم الدراسات والتخطيط",
                "لا يعرف سكان الأحياء الجديدة أي مشاريع برمجت قربهم ولا كلفتها ولا موعد انتهائها.",
                "خريطة على الموقع تعرض كل مشروع بكلفته ونسبة تقدمه ومقاولته، تحين كل ثلاثة أشهر.",
                C.SUBSTANTIAL,
                [
                    ("جرد المشاريع الجارية بالمقاطعات", date(2024, 4, 30), True),
                    ("نشر الخريطة الرقمية", date(2025, 2, 28), True),
                    ("تحيين فصلي للمعطيات", date(2026, 12, 31), False),
                ],
            ),
            (
                "ميزانية تشاركية للأحياء بمقاطعة بني مكادة",
                "Un budget participatif de quartier à Bni Makada",
                [P.CITIZEN_PARTICIPATION, P.ACCOUNTABILITY],
                "مقاطعة بني مكادة",
                "تقرر مشاريع القرب دون استشارة ساكنة الأحياء الأكثر كثافة، فتأتي أحيانا بعيدة عن حاجاتهم.",
                "تخصيص غلاف سنوي لمشاريع يقترحها السكان ويصوتون عليها، مع تقرير علني عن إنجازها.",
                C.LIMITED,
                [
                    ("إعداد ميثاق الميزانية التشاركية", date(2024, 9, 30), True),
                    ("أول تصويت للسكان على المشاريع", date(2025, 11, 30), True),
                    ("إنجاز المشاريع الثلاثة الأولى", date(2026, 10, 31), False),
                ],
            ),
            (
                "نشر جداول أعمال الدورات قبل انعقادها بعشرة أيام",
                "Publier l'ordre du jour des sessions dix jours avant",
                [P.ACCESS_TO_INFORMATION, P.CITIZEN_PARTICIPATION],
                "كتابة المجلس",
                "يعلم المواطنون والجمعيات بجدول أعمال الدورة يوم انعقادها، فلا يتمكنون من الحضور أو التحضير.",
                "نشر جدول الأعمال ووثائق النقط على الموقع وفي صفحات الجماعة قبل الدورة بعشرة أيام على الأقل.",
                C.COMPLETE,
                [
                    ("نشر جدول أعمال دورة فبراير 2024", date(2024, 1, 25), True),
                    ("نشر وثائق النقط المدرجة مع جدول الأعمال", date(2024, 9, 20), True),
                ],
            ),
            (
                "إشراك هيئة المساواة في تتبع الالتزامات",
                "Associer l'instance de l'équité au suivi",
                [P.CITIZEN_PARTICIPATION, P.MONITORING],
                "هيئة المساواة وتكافؤ الفرص ومقاربة النوع",
                "لا تقيس الجماعة أثر برامجها على النساء والشباب، ولا تطلب رأي الهيئة الاستشارية إلا نادرا.",
                "رأي مكتوب للهيئة في كل تقرير تتبع، ومعطيات الحضور حسب النوع في كل لقاء تنظمه الجماعة.",
                C.SUBSTANTIAL,
                [
                    ("اعتماد استمارة الحضور حسب النوع", date(2024, 3, 31), True),
                    ("أول رأي مكتوب للهيئة في تقرير التتبع", date(2025, 6, 30), True),
                    ("تقييم منتصف المدة بمشاركة الهيئة", date(2026, 6, 30), True),
                ],
            ),
        ],
    },
    TIMEZGANA: {
        "programme": dict(
            title_ar="برنامج انفتاح جماعة تمزكانة 2026-2028",
            title_fr="Programme d'ouverture de Timezgana 2026-2028",
            period_start=2026,
            period_end=2028,
            status=ProgrammeStatus.IMPLEMENTATION,
            council_session="الدورة العادية لشهر أكتوبر 2025",
            decision_reference="م.ج.ت/2025/31",
            adopted_on=date(2025, 10, 7),
            summary_ar="برنامج أعد بعد الانضمام إلى الشبكة في دجنبر 2024، انطلاقا من المحاور الخمسة "
            "التي اتفق عليها المشاركون في ورشة 18 مارس 2025، وصادق عليه المجلس في دورة أكتوبر 2025.",
            summary_fr="Un programme préparé après l'adhésion au réseau (décembre 2024), à partir des "
            "cinq axes de l'atelier du 18 mars 2025, adopté à la session d'octobre 2025.",
        ),
        "steps": [
            (
                S.OTHER,
                date(2024, 12, 16),
                "الانضمام إلى الشبكة المغربية للجماعات الترابية المنفتحة",
            ),
            (S.OTHER, date(2025, 2, 11), "لقاء تكويني حول منهجية الإعداد المشترك"),
            (
                S.INFORMATION,
                date(2025, 3, 7),
                "الاجتماع الإخباري لإطلاق برنامج «انفتاح جماعة تمزكانة»",
            ),
            (
                S.MONITORING_COMMITTEE,
                date(2025, 3, 7),
                "لجنة التتبع تحدد المسودة الأولية لمحاور الانفتاح",
            ),
            (S.WORKSHOP, date(2025, 3, 18), "ورشة الإعداد المشترك بقاعة الاجتماعات"),
            (S.CONSULTATION, date(2025, 6, 2), "استشارة عمومية حول مسودة البرنامج"),
            (S.COUNCIL, date(2025, 10, 7), "مصادقة المجلس الجماعي في دورة أكتوبر 2025"),
        ],
        "partners": "مديرو المؤسسات التعليمية بالجماعة، الطلبة الباحثون، جمعيات الدواوير",
        "civil_society": "النسيج الجمعوي بتمزكانة",
        "commitments": [
            (
                "سبورة إعلانات في مركز الجماعة والدواوير",
                "Des panneaux d'affichage au centre et dans les douars",
                [P.TRANSPARENCY_INTEGRITY],
                "الكتابة العامة للجماعة",
                "يقطن أغلب السكان في دواوير بعيدة عن المقر، ولا تصلهم قرارات المجلس ولا إعلانات الصفقات.",
                "سبورات في مركز الجماعة والدواوير الكبرى تعلق فيها المقررات والإعلانات، مع نسخة على الموقع.",
                C.SUBSTANTIAL,
                [
                    ("تثبيت السبورات في ستة دواوير", date(2026, 4, 30), True),
                    ("تعليق مقررات كل دورة خلال أسبوع", date(2026, 11, 30), True),
                ],
            ),
            (
                "إرشاد المرتفقين إلى حقهم في الحصول على المعلومات",
                "Informer les usagers de leur droit d'accès à l'information",
                [P.ACCESS_TO_INFORMATION],
                "مكتب الحالة المدنية والتواصل",
                "لم تتلق الجماعة أي طلب معلومات مكتوب، لأن السكان لا يعرفون هذا الحق ولا طريقة ممارسته.",
                "ملصق ودليل مبسط بالعربية والأمازيغية، ولقاءات في الأسواق الأسبوعية لشرح المسطرة.",
                C.LIMITED,
                [
                    ("تعيين الموظف المكلف بالحصول على المعلومات", date(2026, 2, 28), True),
                    ("طبع الدليل المبسط وتوزيعه", date(2026, 9, 30), False),
                ],
            ),
            (
                "مجلس للشباب يشارك في إعداد المشاريع",
                "Un conseil des jeunes associé aux projets",
                [P.CITIZEN_PARTICIPATION],
                "هيئة المساواة وتكافؤ الفرص ومقاربة النوع",
                "يغيب الشباب والتلاميذ عن دورات المجلس ولقاءاته رغم أنهم أكثر من ثلث الساكنة.",
                "مجلس للشباب بشراكة مع المؤسسات التعليمية يبدي رأيه في مشاريع السنة قبل برمجتها.",
                C.LIMITED,
                [
                    ("تشكيل مجلس الشباب مع المؤسسات التعليمية", date(2026, 5, 31), True),
                    ("أول رأي لمجلس الشباب في برمجة 2027", date(2027, 1, 31), False),
                ],
            ),
            (
                "أخذ مواعيد الوثائق الإدارية عن بعد",
                "La prise de rendez-vous à distance pour les documents",
                [P.DIGITALIZATION],
                "مكتب الحالة المدنية والتواصل",
                "يقطع سكان الدواوير مسافات طويلة ليجدوا المكتب مزدحما أو الموظف غائبا.",
                "حجز موعد برسالة قصيرة أو على الموقع، مع لائحة الوثائق المطلوبة لكل خدمة.",
                C.NOT_STARTED,
                [("دراسة الحل التقني مع الوكالة الجهوية", date(2027, 3, 31), False)],
            ),
            (
                "تتبع مشاريع برنامج عمل الجماعة مع الساكنة",
                "Suivre avec les habitants les projets du programme d'action",
                [P.MONITORING, P.ACCOUNTABILITY],
                "المديرية العامة للمصالح",
                "لا يعرف السكان أين وصلت مشاريع الطرق والماء الصالح للشرب المبرمجة في برنامج عمل الجماعة.",
                "جدول تتبع ينشر كل ستة أشهر ويعرض في لقاء مفتوح مع ممثلي الدواوير.",
                C.LIMITED,
                [
                    ("أول جدول تتبع منشور", date(2026, 6, 30), True),
                    ("لقاء مفتوح لعرض الجدول الثاني", date(2026, 12, 20), False),
                ],
            ),
        ],
    },
    REGION_TTA: {
        "programme": dict(
            title_ar="مخطط العمل الجهوي للحكومة المنفتحة 2020-2022",
            title_fr="Plan d'action régional pour un gouvernement ouvert 2020-2022",
            period_start=2020,
            period_end=2022,
            status=ProgrammeStatus.EVALUATED,
            council_session="الدورة العادية لشهر أكتوبر 2020",
            decision_reference="م.ج.ج/2020/112",
            adopted_on=date(2020, 10, 5),
            summary_ar="مخطط عمل مجلس جهة طنجة تطوان الحسيمة بعد عضويته في الشراكة من أجل الحكومة "
            "المنفتحة المحلية منذ أكتوبر 2020، نفذ بشراكة مع المجتمع المدني وقيمت التزاماته.",
            summary_fr="Le plan d'action OGP Local de la région Tanger-Tétouan-Al Hoceïma, membre "
            "depuis octobre 2020, mis en œuvre avec la société civile et évalué.",
        ),
        "steps": [
            (S.COUNCIL, date(2020, 10, 5), "مصادقة مجلس الجهة على الانخراط في الشراكة"),
            (S.INFORMATION, date(2020, 11, 20), "المنتدى الرقمي «جهات منفتحة وذكية»"),
            (S.WORKSHOP, date(2021, 2, 18), "ورشة الإعداد المشترك مع جمعيات الجهة"),
            (S.MONITORING_COMMITTEE, date(2022, 6, 23), "منتدى المتابعة المشترك مع المجتمع المدني"),
            (S.OTHER, date(2023, 3, 15), "نشر تقرير التقييم النهائي"),
        ],
        "partners": "جمعية إمباكت للتنمية، الجامعات العمومية بالجهة",
        "civil_society": "منتدى جمعيات الجهة للحكومة المنفتحة",
        "plan_links": ["pdr"],
        "commitments": [
            (
                "بوابة المعطيات المفتوحة للجهة",
                "Le portail de données ouvertes de la région",
                [P.ACCESS_TO_INFORMATION, P.DIGITALIZATION],
                "مديرية الشؤون الرقمية",
                "معطيات برنامج التنمية الجهوية موزعة على تقارير لا يستطيع الباحثون والصحفيون إعادة استعمالها.",
                "بوابة تنشر مجموعات المعطيات بصيغ مفتوحة وترخيص واضح، مع طلب معطيات جديدة عبرها.",
                C.COMPLETE,
                [
                    ("نشر أول عشرين مجموعة معطيات", date(2021, 9, 30), True),
                    ("فتح خدمة طلب المعطيات", date(2022, 6, 30), True),
                ],
            ),
            (
                "تتبع صفقات الجهة وأداء مستحقات المقاولات",
                "Suivre les marchés de la région et le paiement des entreprises",
                [P.TRANSPARENCY_INTEGRITY, P.ACCOUNTABILITY],
                "مديرية الشؤون المالية",
                "تشتكي المقاولات الصغرى من تأخر الأداء، ولا يعرف أحد مآل الصفقات بعد إعلان نتائجها.",
                "نشر مراحل كل صفقة من الإعلان إلى الأداء، مع آجال الأداء الفعلية.",
                C.SUBSTANTIAL,
                [
                    ("نشر نتائج الصفقات لسنة 2021", date(2022, 1, 31), True),
                    ("نشر آجال الأداء الفعلية", date(2022, 10, 31), True),
                ],
            ),
            (
                "منتدى جهوي للمجتمع المدني حول البرامج الجهوية",
                "Un forum régional de la société civile",
                [P.CITIZEN_PARTICIPATION],
                "مديرية الشراكة والتعاون",
                "لم تكن للجمعيات قناة منتظمة لإبداء رأيها في برامج الجهة قبل عرضها على المجلس.",
                "منتدى ينعقد مرتين في السنة في أقاليم مختلفة، ترفع توصياته إلى لجان المجلس.",
                C.COMPLETE,
                [
                    ("الدورة الأولى للمنتدى", date(2021, 6, 30), True),
                    ("الدورة الثانية بالحسيمة", date(2022, 5, 31), True),
                ],
            ),
        ],
    },
    REGION_BMK: {
        "programme": dict(
            title_ar="خطة عمل جهة بني ملال خنيفرة للحكومة المنفتحة 2021-2023",
            title_fr="Plan d'action gouvernement ouvert de Béni Mellal-Khénifra 2021-2023",
            period_start=2021,
            period_end=2023,
            status=ProgrammeStatus.EVALUATED,
            council_session="الدورة العادية لشهر مارس 2021",
            adopted_on=date(2021, 3, 8),
            summary_ar="خطة أولى للجهة في إطار الشراكة من أجل الحكومة المنفتحة المحلية.",
            summary_fr="Un premier plan OGP Local de la région.",
        ),
        "steps": [(S.COUNCIL, date(2021, 3, 8), "مصادقة مجلس الجهة")],
        "partners": "جمعيات الجهة",
        "civil_society": "جمعيات الجهة",
        "plan_links": ["pdr"],
        "commitments": [
            (
                "نشر تقارير تنفيذ برنامج التنمية الجهوية",
                "Publier les rapports d'exécution du PDR",
                [P.MONITORING, P.ACCOUNTABILITY],
                "مديرية التخطيط",
                "لا تنشر تقارير تنفيذ برنامج التنمية الجهوية إلا بعد نهاية الولاية.",
                "تقرير سنوي منشور عن كل محور من محاور البرنامج.",
                C.SUBSTANTIAL,
                [
                    ("نشر تقرير 2021", date(2022, 3, 31), True),
                    ("نشر تقرير 2022", date(2023, 3, 31), True),
                ],
            ),
            (
                "شباك جهوي لاستقبال مقترحات الجمعيات",
                "Un guichet régional des propositions associatives",
                [P.CITIZEN_PARTICIPATION],
                "مديرية الشراكة",
                "تودع مقترحات جمعيات الأقاليم الجبلية ورقيا وتضيع بين المصالح.",
                "شباك رقمي يسجل كل مقترح ويعطي رقما لتتبعه.",
                C.LIMITED,
                [("فتح الشباك الرقمي", date(2023, 6, 30), True)],
            ),
        ],
    },
    CHEFCHAOUEN: {
        "programme": dict(
            title_ar="مسودة برنامج انفتاح جماعة شفشاون 2027-2029",
            title_fr="Projet de programme d'ouverture de Chefchaouen 2027-2029",
            period_start=2027,
            period_end=2029,
            status=ProgrammeStatus.DRAFT,
            summary_ar="برنامج في طور الإعداد المشترك: يمكنكم اقتراح أفكاركم قبل صياغة المسودة.",
            summary_fr="Un programme en co-construction : proposez vos idées avant le projet.",
        ),
        "steps": [
            (S.INFORMATION, date(2026, 10, 14), "لقاء إخباري لإطلاق الإعداد المشترك"),
            (S.WORKSHOP, date(2026, 11, 12), "ورشة الإعداد المشترك الأولى"),
        ],
        "partners": "جمعيات المدينة العتيقة",
        "civil_society": "جمعيات المدينة العتيقة",
        "commitments": [
            (
                "شفافية مداخيل السياحة الجماعية",
                "La transparence des recettes touristiques",
                [P.TRANSPARENCY_INTEGRITY],
                "قسم الشؤون المالية",
                "ترتفع مداخيل الجماعة من رسوم الإقامة السياحية ولا يعرف السكان كيف تصرف.",
                "نشر المداخيل السياحية ووجوه صرفها كل سنة.",
                C.NOT_STARTED,
                [("صياغة الالتزام مع المشاركين", date(2027, 2, 28), False)],
            ),
            (
                "إشراك سكان المدينة العتيقة في مشاريع الترميم",
                "Associer les habitants de la médina aux restaurations",
                [P.CITIZEN_PARTICIPATION],
                "قسم التعمير",
                "تنطلق أشغال الترميم في الأزقة دون إخبار السكان بمدتها ولا بمسار المرور.",
                "لقاء في كل حي قبل الأشغال وسجل لملاحظات السكان.",
                C.NOT_STARTED,
                [("صياغة الالتزام مع المشاركين", date(2027, 2, 28), False)],
            ),
        ],
    },
    OUJDA: {
        "programme": dict(
            title_ar="مسودة برنامج انفتاح جماعة وجدة 2027-2029",
            title_fr="Projet de programme d'ouverture d'Oujda 2027-2029",
            period_start=2027,
            period_end=2029,
            status=ProgrammeStatus.CONSULTATION,
            summary_ar="مسودة معروضة للاستشارة العمومية قبل عرضها على المجلس في دورة فبراير 2027.",
            summary_fr="Un projet soumis à consultation avant la session de février 2027.",
        ),
        "steps": [
            (S.WORKSHOP, date(2026, 6, 17), "ورشة الإعداد المشترك الأولى"),
            (S.WORKSHOP, date(2026, 9, 23), "ورشة الإعداد المشترك الثانية"),
            (S.CONSULTATION, date(2026, 11, 26), "افتتاح الاستشارة العمومية"),
        ],
        "partners": "جامعة محمد الأول، جمعيات الأحياء",
        "civil_society": "شبكة جمعيات وجدة",
        "commitments": [
            (
                "نشر معطيات النقل الحضري والمواقف",
                "Publier les données du transport urbain",
                [P.ACCESS_TO_INFORMATION, P.DIGITALIZATION],
                "قسم التنقلات الحضرية",
                "لا يجد مستعملو الحافلات مواعيد الخطوط ولا تعديلاتها إلا في المحطات.",
                "نشر الخطوط والمواعيد بصيغة مفتوحة يعاد استعمالها في تطبيقات الهاتف.",
                C.NOT_STARTED,
                [("جرد الخطوط مع المفوض له", date(2027, 6, 30), False)],
            ),
            (
                "لجنة تتبع تضم الطلبة والجمعيات",
                "Un comité de suivi avec étudiants et associations",
                [P.CITIZEN_PARTICIPATION, P.MONITORING],
                "المديرية العامة للمصالح",
                "لم يشارك الطلبة في أي برنامج للجماعة رغم وجود جامعة كبرى بالمدينة.",
                "مقعدان للطلبة في لجنة التتبع وتقرير نصف سنوي منشور.",
                C.NOT_STARTED,
                [("تشكيل اللجنة", date(2027, 4, 30), False)],
            ),
            (
                "سجل عمومي لرخص التعمير",
                "Un registre public des autorisations d'urbanisme",
                [P.TRANSPARENCY_INTEGRITY],
                "قسم التعمير",
                "يصعب على الجيران معرفة ما إذا كان بناء قربهم مرخصا وبأي علو.",
                "سجل على الموقع بكل رخصة بناء مسلمة ورقمها وعلوها المرخص.",
                C.NOT_STARTED,
                [("فتح السجل", date(2027, 9, 30), False)],
            ),
        ],
    },
    AGADIR: {
        "programme": dict(
            title_ar="برنامج انفتاح جماعة أكادير 2027-2030",
            title_fr="Programme d'ouverture d'Agadir 2027-2030",
            period_start=2027,
            period_end=2030,
            status=ProgrammeStatus.ADOPTED,
            council_session="الدورة العادية لشهر أكتوبر 2026",
            decision_reference="م.ج.أ/2026/64",
            adopted_on=date(2026, 10, 6),
            summary_ar="برنامج صادق عليه المجلس في دورة أكتوبر 2026 ويبدأ تنفيذه في يناير 2027.",
            summary_fr="Adopté en octobre 2026, mis en œuvre dès janvier 2027.",
        ),
        "steps": [
            (S.WORKSHOP, date(2026, 3, 19), "ورشة الإعداد المشترك"),
            (S.COUNCIL, date(2026, 10, 6), "مصادقة المجلس الجماعي"),
        ],
        "partners": "جامعة ابن زهر، جمعيات الأحياء",
        "civil_society": "جمعيات أحياء أكادير",
        "commitments": [
            (
                "تقرير سنوي عن جودة مياه الشاطئ",
                "Un rapport annuel sur la qualité des eaux de baignade",
                [P.ACCESS_TO_INFORMATION],
                "مكتب حفظ الصحة",
                "تنشر نتائج مراقبة مياه الشاطئ متأخرة ولا يطلع عليها المصطافون.",
                "نشر النتائج أسبوعيا خلال فصل الصيف على الموقع وفي الشاطئ.",
                C.NOT_STARTED,
                [("أول نشر أسبوعي", date(2027, 7, 1), False)],
            ),
            (
                "ميزانية مفتوحة للأحياء الجديدة",
                "Un budget ouvert pour les nouveaux quartiers",
                [P.TRANSPARENCY_INTEGRITY, P.CITIZEN_PARTICIPATION],
                "قسم الشؤون المالية",
                "تطالب أحياء التوسع العمراني بالتجهيزات دون أن تعرف ما برمج لها في الميزانية.",
                "ملخص الميزانية حسب الأحياء مع لقاء سنوي لعرضه.",
                C.NOT_STARTED,
                [("ملخص ميزانية 2027 حسب الأحياء", date(2027, 3, 31), False)],
            ),
        ],
    },
}


def _seed_commitments(programme: Programme, story: dict, *, today: date) -> None:
    for number, (
        title_ar,
        title_fr,
        principles,
        lead,
        problem,
        solution,
        completion,
        milestones,
    ) in enumerate(story["commitments"], start=1):
        commitment = commitment_create(
            programme=programme,
            by=SEED_AUTHOR,
            number=number,
            title_ar=title_ar,
            title_fr=title_fr,
            principles=list(principles),
            lead_department=lead,
            problem_ar=problem,
            action_ar=f"يهدف هذا الالتزام إلى: {title_ar}.",
            solution_ar=solution,
            partners=story["partners"],
            civil_society_partners=story["civil_society"],
            start_date=date(programme.period_start, 1, 15),
            end_date=date(programme.period_end, 12, 31),
            budget_source_ar="الميزانية الجماعية",
            plan_links=story.get("plan_links", ["pac"]),
            sdgs=[16],
        )
        for title, due_on, done in milestones:
            milestone = milestone_create(
                commitment=commitment, by=SEED_AUTHOR, title_ar=title, due_on=due_on
            )
            if done and due_on <= today:
                milestone_mark_done(
                    milestone=milestone,
                    by=SEED_AUTHOR,
                    done_on=due_on,
                    evidence_link="https://example.ma/demo-evidence",
                )
        if completion != Completion.NOT_STARTED:
            commitment_update_progress(
                commitment=commitment,
                by=SEED_AUTHOR,
                completion=completion,
                note="تحيين بعد اجتماع لجنة التتبع",
            )


def _assess(programme: Programme, hcp_code: str) -> None:
    """The monitoring committee's assessments the stories can bear."""
    if hcp_code == TETOUAN:
        assessment_save(
            commitment=programme.commitments.get(number=3),
            by=Actor(name="لجنة التتبع"),
            specificity="high",
            relevant=True,
            potential_impact="moderate",
            completion=Completion.COMPLETE,
            opened_government="major",
            assessed_on=date(2025, 6, 30),
            reasoning_ar="أصبحت محاضر الدورات متاحة للعموم في آجال معقولة، "
            "مما عزز قدرة المواطنين على تتبع قرارات المجلس.",
            evidence_link="https://example.ma/demo-evidence",
        )
        inception_assessment_save(
            programme=programme,
            by=Actor(name="لجنة التتبع"),
            assessed_on=date(2023, 4, 12),
            findings_ar="شارك المجتمع المدني في ورشات الإعداد المشترك، وجاءت الالتزامات قابلة "
            "للتحقق مع مراحل مؤرخة.",
            evidence_link="https://example.ma/demo-evidence",
        )
    elif hcp_code == REGION_TTA:
        for commitment, impact, opened in zip(
            programme.commitments.order_by("number"),
            ("transformative", "moderate", "moderate"),
            ("outstanding", "marginal", "major"),
        ):
            assessment_save(
                commitment=commitment,
                by=Actor(name="منتدى المتابعة المشترك"),
                specificity="high",
                relevant=True,
                potential_impact=impact,
                completion=commitment.completion,
                opened_government=opened,
                assessed_on=date(2023, 2, 28),
                reasoning_ar="قيم المنتدى الالتزام بعد نهاية المخطط اعتمادا على ما "
                "نشرته الجهة وعلى شهادات الجمعيات المشاركة.",
                evidence_link="https://example.ma/demo-evidence",
            )


def programme_seed_demo(*, hcp_code: str | None = None, today: date) -> bool:
    """Seed the demo programme of a demo member once (the member named, or the current one);
    False when it has none in the demo or already has a programme."""
    hcp_code = demo_member_code(hcp_code)
    story = PROGRAMMES.get(hcp_code)
    if story is None or Programme.objects.exists():
        return False
    fields = dict(story["programme"])
    fields["summary_ar"] += DEMO_NOTE_AR
    fields["summary_fr"] += DEMO_NOTE_FR
    programme = programme_create(by=SEED_AUTHOR, **fields)
    for kind, day, title in story["steps"]:
        programme.steps.create(kind=kind, happened_on=day, title_ar=title)
    _seed_commitments(programme, story, today=today)
    _assess(programme, hcp_code)
    return True
