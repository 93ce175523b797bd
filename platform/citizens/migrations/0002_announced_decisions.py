"""The decisions announced in 2023–2025 (citizens/announced.py), with their sources."""

from django.db import migrations


def record(apps, schema_editor):
    from citizens.announced import ANNOUNCED_DECISIONS

    HolidayDecision = apps.get_model("citizens", "HolidayDecision")
    for decision in ANNOUNCED_DECISIONS:
        HolidayDecision.objects.update_or_create(
            first_day=decision["first_day"],
            defaults={**decision, "recorded_by_name": "Infitah (données initiales)"},
        )


def remove(apps, schema_editor):
    from citizens.announced import ANNOUNCED_DECISIONS

    apps.get_model("citizens", "HolidayDecision").objects.filter(
        first_day__in=[d["first_day"] for d in ANNOUNCED_DECISIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("citizens", "0001_initial")]
    operations = [migrations.RunPython(record, remove)]
