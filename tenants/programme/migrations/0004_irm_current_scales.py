"""Today's assessments onto the IRM's current scales (docs/law.md, section 7).

Completion keeps its four levels (the current scale adds "no evidence available" before them).
"Did it open government?" no longer has "worsened": such an assessment becomes "did not change"
(no opening), and a sentence added to its reasoning keeps the earlier level readable."""

from django.db import migrations

EARLIER_AR = "\n\n(التقييم حسب السلم السابق: تراجع.)"
EARLIER_FR = "\n\n(Évaluation selon l'échelle précédente : recul.)"


def onto_current_scales(apps, schema_editor):
    Assessment = apps.get_model("programme", "Assessment")
    for assessment in Assessment.objects.filter(opened_government="worsened"):
        assessment.opened_government = "did_not_change"
        assessment.reasoning_ar = (assessment.reasoning_ar + EARLIER_AR).strip()
        if assessment.reasoning_fr:
            assessment.reasoning_fr += EARLIER_FR
        assessment.save(update_fields=["opened_government", "reasoning_ar", "reasoning_fr"])


def back_to_earlier_scale(apps, schema_editor):
    Assessment = apps.get_model("programme", "Assessment")
    for assessment in Assessment.objects.filter(reasoning_ar__endswith=EARLIER_AR.strip()):
        assessment.opened_government = "worsened"
        assessment.reasoning_ar = assessment.reasoning_ar.removesuffix(EARLIER_AR.strip()).strip()
        assessment.reasoning_fr = assessment.reasoning_fr.removesuffix(EARLIER_FR)
        assessment.save(update_fields=["opened_government", "reasoning_ar", "reasoning_fr"])
    # Completion: "no evidence available" has no earlier level; it goes back to "not started".
    for model in ("Assessment", "Commitment"):
        apps.get_model("programme", model).objects.filter(completion="no_evidence").update(
            completion="not_started"
        )


class Migration(migrations.Migration):
    dependencies = [("programme", "0003_ogp_local_template")]

    operations = [migrations.RunPython(onto_current_scales, back_to_earlier_scale)]
