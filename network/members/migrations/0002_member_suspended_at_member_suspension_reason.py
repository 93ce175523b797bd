from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="member",
            name="suspended_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="suspended at"),
        ),
        migrations.AddField(
            model_name="member",
            name="suspension_reason",
            field=models.TextField(blank=True, verbose_name="reason for the suspension"),
        ),
    ]
