"""Demo surveys in Arabic, one per demo member that ran one (runs in a member's schema), with
a few anonymous answers and public results: Tétouan asks how its plan did before the final
evaluation (open), Timezgana evaluated its co-creation workshop of 18 March 2025 (closed),
Chefchaouen evaluates its first co-creation workshop (open)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from tenants.meetings.models import Meeting
from tenants.site.demo import CHEFCHAOUEN, TETOUAN, TIMEZGANA, demo_member_code
from tenants.surveys.models import Question, Response, Survey
from tenants.surveys.services import question_create, response_submit, survey_create, survey_open

CASABLANCA = ZoneInfo("Africa/Casablanca")
WHOLE_TEXT = Question.Kind.LONG_TEXT

# Each survey: its title, text, the kind of meeting it follows (its latest held one), its
# window (dates, or days from today while open), its questions — (kind, question, choices,
# scale ends) — and its answers: the scale's point, the choice, the choices ticked, the text.
SURVEYS = {
    TETOUAN: {
        "title_ar": "رأيكم في حصيلة خطة «تطوان جماعة منفتحة 2023-2026»",
        "title_fr": "Votre avis sur le bilan du plan « Tétouan commune ouverte »",
        "description_ar": "تستعين لجنة التتبع بأجوبتكم في التقرير النهائي. يستغرق الاستبيان ثلاث دقائق.",
        "meeting_kind": None,
        "window": (-3, 30),
        "questions": [
            (
                Question.Kind.SCALE,
                "إلى أي حد أصبحت معلومات الجماعة أسهل منالا منذ 2023؟",
                [],
                ("لم يتغير شيء", "أسهل بكثير"),
            ),
            (
                Question.Kind.SINGLE_CHOICE,
                "أي التزام لمستم أثره أكثر؟",
                [
                    ("موقع تطوان جماعة منفتحة", "Le site"),
                    ("نشر الميزانية", "Le budget publié"),
                    ("نشر محاضر الدورات", "Les procès-verbaux"),
                ],
                None,
            ),
            (
                Question.Kind.MULTIPLE_CHOICE,
                "ما المجالات التي تقترحونها للخطة المقبلة؟",
                [
                    ("الصفقات العمومية", "Marchés publics"),
                    ("البيئة والنظافة", "Environnement"),
                    ("الشباب والرياضة", "Jeunesse et sport"),
                ],
                None,
            ),
            (WHOLE_TEXT, "ملاحظات أخرى للجنة التتبع", [], None),
        ],
        "answers": [
            (4, 2, [0], "نشر المحاضر داخل الأجل أفضل ما تحقق."),
            (3, 1, [0, 1], "الملخص المبسط للميزانية مفيد، لكنه يصدر متأخرا."),
            (5, 0, [2], ""),
            (2, 1, [1], "لم أسمع بالموقع إلا هذه السنة."),
            (4, 2, [0, 2], ""),
        ],
    },
    TIMEZGANA: {
        "title_ar": "تقييم ورشة الإعداد المشترك ليوم 18 مارس 2025",
        "title_fr": "Évaluation de l'atelier de co-construction du 18 mars 2025",
        "description_ar": "شكرا على مشاركتكم في الورشة. يستغرق هذا الاستبيان دقيقتين.",
        "meeting_kind": Meeting.Kind.COCREATION_WORKSHOP,
        "window": (
            datetime(2025, 3, 18, 14, 0, tzinfo=CASABLANCA),
            datetime(2025, 4, 1, 23, 59, tzinfo=CASABLANCA),
        ),
        "questions": [
            (Question.Kind.SCALE, "ما مدى رضاكم عن تنظيم الورشة؟", [], ("غير راض", "راض جدا")),
            (
                Question.Kind.SINGLE_CHOICE,
                "كيف علمتم بالورشة؟",
                [
                    ("إعلان الجماعة", "Annonce de la commune"),
                    ("جمعية", "Une association"),
                    ("المؤسسة التعليمية", "L'établissement scolaire"),
                ],
                None,
            ),
            (
                Question.Kind.MULTIPLE_CHOICE,
                "أي المحاور الخمسة تهمكم أكثر؟",
                [
                    ("الشفافية والنزاهة", "Transparence et intégrité"),
                    ("المشاركة المواطنة", "Participation citoyenne"),
                    ("رقمنة الخدمات", "Numérisation des services"),
                ],
                None,
            ),
            (WHOLE_TEXT, "ما اقتراحاتكم للورشات المقبلة؟", [], None),
        ],
        "answers": [
            (5, 2, [1], "إشراك تلاميذ الثانوية في الورشة المقبلة."),
            (4, 0, [0, 2], "تنظيم ورشة في دوار بعيد عن المركز."),
            (4, 1, [0], ""),
        ],
    },
    CHEFCHAOUEN: {
        "title_ar": "تقييم الورشة الأولى للإعداد المشترك بشفشاون",
        "title_fr": "Évaluation du premier atelier de co-construction de Chefchaouen",
        "description_ar": "ساعدونا على تحسين الورشة الثانية. يستغرق هذا الاستبيان دقيقتين.",
        "meeting_kind": Meeting.Kind.COCREATION_WORKSHOP,
        "window": (-20, 10),
        "questions": [
            (
                Question.Kind.SCALE,
                "هل أتيحت لكم فرصة كافية للتعبير عن رأيكم؟",
                [],
                ("لا إطلاقا", "نعم تماما"),
            ),
            (
                Question.Kind.SINGLE_CHOICE,
                "ما أنسب وقت للورشات؟",
                [
                    ("صباح يوم عمل", "Matin en semaine"),
                    ("مساء يوم عمل", "Soir en semaine"),
                    ("يوم السبت", "Samedi"),
                ],
                None,
            ),
            (
                Question.Kind.MULTIPLE_CHOICE,
                "ما الذي ينقص الورشة؟",
                [
                    ("وثائق قبل الورشة", "Documents préalables"),
                    ("وقت للنقاش", "Temps de débat"),
                    ("ترجمة إلى الأمازيغية", "Traduction en amazighe"),
                ],
                None,
            ),
            (WHOLE_TEXT, "اقتراحات أخرى", [], None),
        ],
        "answers": [
            (4, 2, [1], "الورشة مفيدة لكن الوقت قصير."),
            (3, 1, [0, 2], ""),
            (5, 2, [0], ""),
        ],
    },
}


def _window(window, today: date) -> tuple[datetime, datetime]:
    opens, closes = window
    if isinstance(opens, int):
        opens = datetime.combine(today + timedelta(days=opens), time(9), CASABLANCA)
        closes = datetime.combine(today + timedelta(days=closes), time(23, 59), CASABLANCA)
    return opens, closes


def surveys_seed_demo(*, today: date, hcp_code: str | None = None) -> Survey | None:
    """Create the member's demo survey once (None when it has surveys or none in the demo)."""
    story = SURVEYS.get(demo_member_code(hcp_code))
    if story is None or Survey.objects.exists():
        return None
    meeting = (
        Meeting.objects.filter(kind=story["meeting_kind"], starts_at__date__lte=today)
        .order_by("-starts_at")
        .first()
        if story["meeting_kind"]
        else None
    )
    survey = survey_create(
        title_ar=story["title_ar"],
        title_fr=story["title_fr"],
        description_ar=story["description_ar"],
        meeting=meeting,
        results_public=True,
    )
    for kind, text, choices, ends in story["questions"]:
        question_create(
            survey=survey,
            kind=kind,
            text_ar=text,
            choices=choices,
            required=kind != WHOLE_TEXT,
            scale_min_label_ar=ends[0] if ends else "",
            scale_max_label_ar=ends[1] if ends else "",
        )
    opens_at, closes_at = _window(story["window"], today)
    now = timezone.now()
    # Answers are taken while a survey is open: a past one is opened for them, then given its
    # own window back.
    survey = survey_open(
        survey=survey,
        opens_at=min(opens_at, now),
        closes_at=max(closes_at, now + timedelta(days=1)),
    )
    scale, choice, ticks, text = survey.questions.order_by("position")
    for point, chosen, ticked, words in story["answers"]:
        response_submit(
            survey=survey,
            answers={
                scale.field_name: str(point),
                choice.field_name: str(choice.choices.order_by("position")[chosen].pk),
                ticks.field_name: [str(ticks.choices.order_by("position")[i].pk) for i in ticked],
                text.field_name: words,
            },
        )
    if closes_at < now:
        Survey.objects.filter(pk=survey.pk).update(opens_at=opens_at, closes_at=closes_at)
        Response.objects.filter(survey=survey).update(
            submitted_at=opens_at + timedelta(hours=2), confirmed_at=opens_at + timedelta(hours=2)
        )
        survey.refresh_from_db()
    return survey
