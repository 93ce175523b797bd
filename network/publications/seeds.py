"""Demo publications of the network portal (public schema): news, best practices of the demo
members (Tétouan, Tanger, Timezgana), a remote training and three commitment templates.
Idempotent: an item whose Arabic title exists is left as it is."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from network.members.models import Member
from network.publications.models import (
    BestPractice,
    CommitmentTemplate,
    NewsItem,
    Principle,
    State,
    TemplateCopy,
    Training,
)
from network.publications.services import commitment_template_copy_for_member, publication_create
from kernel.actors import Actor

SEED_AUTHOR = Actor(name="المديرية العامة للجماعات الترابية")
P = Principle

NEWS = [
    (
        "انضمام أعضاء جدد إلى الشبكة المغربية للجماعات الترابية المنفتحة",
        "De nouveaux membres rejoignent le réseau marocain des collectivités territoriales ouvertes",
        "ارتفع عدد أعضاء الشبكة إلى 228 جماعة ترابية تمثل الجهات الاثنتي عشرة.",
        "Le réseau compte désormais 228 collectivités territoriales des douze régions.",
        "أعلنت المديرية العامة للجماعات الترابية عن انضمام جماعات ترابية جديدة إلى الشبكة، ليبلغ "
        "عدد أعضائها 228 عضوا: 12 جهة و17 مجلس عمالة أو إقليم و199 جماعة.\n\nوتدعو المديرية "
        "الأعضاء الجدد إلى تعيين نقطة الارتكاز وإطلاق مسار الإعداد المشترك لبرامج الانفتاح.",
        "La Direction générale des collectivités territoriales annonce l'adhésion de nouvelles "
        "collectivités : le réseau compte 228 membres, dont 12 régions, 17 conseils préfectoraux ou "
        "provinciaux et 199 communes.\n\nLes nouveaux membres sont invités à désigner leur point "
        "focal et à lancer la co-construction de leur programme d'ouverture.",
        3,
    ),
    (
        "إطلاق منصة انفتاح لمواقع الجماعات الترابية المنفتحة",
        "Lancement de la plateforme Infitah pour les sites des collectivités ouvertes",
        "موقع لكل عضو لنشر برنامج الانفتاح والتزاماته ووثائقه.",
        "Un site pour chaque membre : programme d'ouverture, engagements et documents.",
        "تتيح منصة انفتاح لكل عضو في الشبكة موقعا خاصا به باللغتين العربية والفرنسية، ينشر فيه "
        "برنامج الانفتاح والتزاماته ومراحل تنفيذها، ويستقبل طلبات الحصول على المعلومات والعرائض.",
        "La plateforme Infitah offre à chaque membre un site en arabe et en français pour publier "
        "son programme d'ouverture, ses engagements et leur avancement, et recevoir les demandes "
        "d'information et les pétitions.",
        10,
    ),
]

BEST_PRACTICES = [
    (
        "01.571.01.11",
        "نشر الميزانية والحساب الإداري في صيغة مفتوحة",
        "Publier le budget et le compte administratif en format ouvert",
        [P.TRANSPARENCY_INTEGRITY, P.ACCESS_TO_INFORMATION],
        "تنشر جماعة تطوان ميزانيتها وحسابها الإداري مع ملخص مبسط للمواطنين.",
        "Tétouan publie son budget et son compte administratif avec un résumé pour les citoyens.",
        "اعتمدت جماعة تطوان نموذجا موحدا لنشر الميزانية في صيغة مفتوحة قابلة لإعادة الاستعمال، "
        "يرافقه ملخص مبسط يشرح الموارد والنفقات الرئيسية. وتُنشر الوثائق في مكتبة النشر الاستباقي "
        "على موقع الجماعة مع تاريخ آخر تحيين لكل فئة.",
        "La commune de Tétouan a adopté un modèle unique de publication du budget en format "
        "ouvert, accompagné d'un résumé qui explique les principales recettes et dépenses. Les "
        "documents sont publiés dans la bibliothèque de publication proactive du site.",
        "/documents/",
    ),
    (
        "01.511.01.0",
        "ورشات الإعداد المشترك قبل دورة المجلس",
        "Des ateliers de co-construction avant la session du conseil",
        [P.CITIZEN_PARTICIPATION],
        "نظمت جماعة طنجة ورشات مع المجتمع المدني قبل عرض برنامج الانفتاح على دورة أكتوبر.",
        "Tanger a réuni la société civile en ateliers avant la session d'octobre du conseil.",
        "قبل عرض برنامج الانفتاح على دورة أكتوبر 2023، نظمت جماعة طنجة ورشات للإعداد المشترك "
        "شاركت فيها الجمعيات وهيئة المساواة وتكافؤ الفرص ومقاربة النوع، ونشرت الاقتراحات المعتمدة "
        "والمرفوضة مع تعليل كل قرار.",
        "Avant la session d'octobre 2023, la commune de Tanger a organisé des ateliers de "
        "co-construction avec les associations et l'instance de l'équité, et publié les propositions "
        "retenues et écartées, chacune avec sa justification.",
        "/programme/",
    ),
    (
        "03.531.03.23",
        "ورشة لتحديد محاور الانفتاح ذات الأولوية",
        "Un atelier pour choisir les axes prioritaires de l'ouverture",
        [P.CITIZEN_PARTICIPATION, P.DIGITALIZATION],
        "حددت جماعة تمزكانة محاور برنامجها في ورشة مفتوحة للساكنة.",
        "Timezgana a choisi les axes de son programme lors d'un atelier ouvert aux habitants.",
        "في ورشة للإعداد المشترك يوم 18 مارس 2025، اختارت جماعة تمزكانة القروية مع الساكنة "
        "والجمعيات المحلية أربعة محاور ذات أولوية: الشفافية، والحق في المعلومة، والمشاركة المواطنة، "
        "ورقمنة الخدمات.",
        "Lors d'un atelier de co-construction le 18 mars 2025, la commune rurale de Timezgana a "
        "retenu avec les habitants et les associations quatre axes prioritaires : transparence, "
        "accès à l'information, participation citoyenne et numérisation des services.",
        "/programme/",
    ),
]

TEMPLATES = [
    (
        "ميزانية مفتوحة ومبسطة للمواطنين",
        "Un budget ouvert et expliqué aux citoyens",
        [P.TRANSPARENCY_INTEGRITY, P.ACCESS_TO_INFORMATION],
        "لا يطلع المواطنون على ميزانية الجماعة إلا نادرا، وتنشر عند نشرها في صيغ يصعب قراءتها "
        "وإعادة استعمالها.",
        "Les citoyens accèdent rarement au budget de la commune, publié dans des formats difficiles "
        "à lire et à réutiliser.",
        "تنشر الجماعة ميزانيتها وحسابها الإداري في صيغة مفتوحة على موقع الانفتاح داخل أجل شهر من "
        "المصادقة، مع ملخص مبسط وتقديم عمومي في لقاء إخباري.",
        "La commune publie son budget et son compte administratif en format ouvert sur son site "
        "dans le mois qui suit leur adoption, avec un résumé simple et une présentation publique.",
        "يتيح النشر المنتظم والمبسط للمواطنين وللجمعيات تتبع الموارد والنفقات ومساءلة المجلس "
        "على أساس معطيات موثوقة.",
        "Une publication régulière et lisible permet aux citoyens et aux associations de suivre "
        "recettes et dépenses et d'interroger le conseil sur des données fiables.",
    ),
    (
        "مكتبة عمومية للوثائق (النشر الاستباقي)",
        "Une bibliothèque publique de documents (publication proactive)",
        [P.ACCESS_TO_INFORMATION, P.DIGITALIZATION],
        "تبقى وثائق الجماعة (القرارات، محاضر الدورات، الصفقات) موزعة بين المصالح ولا يعرف "
        "المواطن أين يجدها، خلافا لما تقتضيه المادة 10 من القانون 31.13.",
        "Les documents de la commune (décisions, procès-verbaux, marchés) restent dispersés entre "
        "les services, contrairement à ce qu'exige l'article 10 de la loi 31.13.",
        "تحدث الجماعة مكتبة رقمية مصنفة حسب الفئات (الميزانية، المجلس، القرارات، الصفقات، "
        "الخدمات) وتحدد لكل فئة أجل تحيين ومسؤولا عنه.",
        "La commune crée une bibliothèque numérique classée par catégorie (budget, conseil, "
        "décisions, marchés, services) avec, pour chacune, un délai de mise à jour et un responsable.",
        "يقلص النشر الاستباقي طلبات الحصول على المعلومات ويجعل المعلومة متاحة للجميع في الوقت "
        "المناسب.",
        "La publication proactive réduit les demandes d'information et rend l'information "
        "accessible à tous en temps utile.",
    ),
    (
        "مشاركة المواطنين في دورات المجلس",
        "La participation citoyenne aux sessions du conseil",
        [P.CITIZEN_PARTICIPATION, P.ACCOUNTABILITY],
        "لا يعلم أغلب المواطنين بمواعيد دورات المجلس وجداول أعمالها، ولا تتاح لهم فرصة تتبعها.",
        "La plupart des citoyens ignorent les dates et l'ordre du jour des sessions du conseil et "
        "n'ont pas l'occasion de les suivre.",
        "تعلن الجماعة مواعيد الدورات وجداول أعمالها قبل انعقادها بأسبوعين على الأقل، وتبثها "
        "مباشرة، وتنشر محاضرها في أجل 15 يوما.",
        "La commune annonce les sessions et leur ordre du jour au moins deux semaines à l'avance, "
        "les retransmet en direct et publie leurs procès-verbaux sous 15 jours.",
        "يمكن هذا الالتزام المواطنين من تتبع قرارات المجلس وتقديم عرائض في الوقت المناسب، ويعزز "
        "الثقة في المؤسسات المنتخبة.",
        "Les citoyens suivent les décisions du conseil et peuvent déposer des pétitions à temps ; "
        "la confiance dans les élus s'en trouve renforcée.",
    ),
]


def _absent(model, title_ar: str) -> bool:
    return not model.objects.filter(title_ar=title_ar).exists()


def seed_publications() -> None:
    now = timezone.now()
    for title_ar, title_fr, summary_ar, summary_fr, body_ar, body_fr, days_ago in NEWS:
        if _absent(NewsItem, title_ar):
            publication_create(
                model=NewsItem,
                by=SEED_AUTHOR,
                title_ar=title_ar,
                title_fr=title_fr,
                summary_ar=summary_ar,
                summary_fr=summary_fr,
                body_ar=body_ar,
                body_fr=body_fr,
                state=State.PUBLISHED,
                published_at=now - timedelta(days=days_ago),
            )
    for (
        code,
        title_ar,
        title_fr,
        principles,
        summary_ar,
        summary_fr,
        body_ar,
        body_fr,
        path,
    ) in BEST_PRACTICES:
        member = Member.objects.filter(collectivity_id=code).first()
        if member is not None and _absent(BestPractice, title_ar):
            publication_create(
                model=BestPractice,
                by=SEED_AUTHOR,
                member=member,
                title_ar=title_ar,
                title_fr=title_fr,
                principles=principles,
                summary_ar=summary_ar,
                summary_fr=summary_fr,
                body_ar=body_ar,
                body_fr=body_fr,
                member_page_path=path,
                state=State.PUBLISHED,
            )
    training_title = "ورشة عن بعد: منهجية إعداد برنامج الانفتاح"
    if _absent(Training, training_title):
        starts = timezone.localtime(now + timedelta(days=14)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        publication_create(
            model=Training,
            by=SEED_AUTHOR,
            title_ar=training_title,
            title_fr="Atelier à distance : la méthodologie du programme d'ouverture",
            description_ar="ورشة تكوينية لنقط الارتكاز حول مراحل الإعداد المشترك لبرنامج الانفتاح، "
            "وصياغة الالتزامات وفق نموذج الشراكة من أجل الحكومة المنفتحة، وتتبعها.",
            description_fr="Atelier de formation des points focaux : les étapes de la "
            "co-construction du programme d'ouverture, la rédaction des engagements "
            "selon le modèle OGP et leur suivi.",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            mode=Training.Mode.REMOTE,
            link="https://visio.example.ma/infitah-methodologie",
            audience_ar="نقط الارتكاز وأعضاء لجان التتبع",
            audience_fr="Points focaux et membres des comités de suivi",
            registration_url="https://formulaires.example.ma/infitah-atelier",
            state=State.PUBLISHED,
        )
    for (
        title_ar,
        title_fr,
        principles,
        problem_ar,
        problem_fr,
        action_ar,
        action_fr,
        solution_ar,
        solution_fr,
    ) in TEMPLATES:
        if _absent(CommitmentTemplate, title_ar):
            publication_create(
                model=CommitmentTemplate,
                by=SEED_AUTHOR,
                title_ar=title_ar,
                title_fr=title_fr,
                principles=principles,
                problem_ar=problem_ar,
                problem_fr=problem_fr,
                action_ar=action_ar,
                action_fr=action_fr,
                solution_ar=solution_ar,
                solution_fr=solution_fr,
                state=State.PUBLISHED,
            )
    _seed_template_copy()


def _seed_template_copy() -> None:
    """Timezgana took the document library template into its programme (the network's story of
    a template in use)."""
    member = Member.objects.filter(collectivity_id="03.531.03.23", is_ready=True).first()
    template = CommitmentTemplate.objects.filter(title_ar=TEMPLATES[1][0]).first()
    if member is None or template is None or TemplateCopy.objects.filter(member=member).exists():
        return
    try:
        commitment_template_copy_for_member(
            member=member, template=template, by=Actor(name="نقطة الارتكاز")
        )
    except ValidationError:
        pass  # no programme in this member's demo: nothing to copy into
