"""One snapshot of figures per member (public schema), refreshed by the workers.

The figures themselves are a JSON document (`figures`, documented by `json_schema` in
network/aggregation/exports.py) computed by the member's own selector
(`tenants/figures/selectors.py`); a few of them are copied into typed columns that the dashboard
and the comparison filter and sort on.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from network.members.models import Member


class MemberSnapshot(models.Model):
    member = models.OneToOneField(
        Member,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="snapshot",
        verbose_name=_("member"),
    )
    refreshed_at = models.DateTimeField(_("refreshed at"))
    # The figures, as the member's selector computed them on `figures["as_of"]`.
    figures = models.JSONField(_("figures"), default=dict)
    # The co-creation scorecard: {rule code: true/false}; the rules are in scorecard.py.
    scorecard = models.JSONField(_("scorecard"), default=dict)

    # Copied from the figures for filters and sorting.
    programme_stage = models.CharField(
        _("programme stage"), max_length=20, blank=True, db_index=True
    )  # "" while there is no programme
    commitments = models.PositiveIntegerField(_("commitments"), default=0)
    completion_percent = models.PositiveSmallIntegerField(_("completion (%)"), null=True)
    milestones_overdue = models.PositiveIntegerField(_("overdue milestones"), default=0)
    meetings_held = models.PositiveIntegerField(_("meetings held"), default=0)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    response_share = models.FloatField(_("share of comments with a reasoned response"), null=True)
    requests_received = models.PositiveIntegerField(_("information requests"), default=0)
    on_time_share = models.FloatField(
        _("share of requests answered on time"), null=True, db_index=True
    )
    documents = models.PositiveIntegerField(_("documents"), default=0)
    score = models.PositiveSmallIntegerField(_("scorecard points"), default=0, db_index=True)

    class Meta:
        verbose_name = _("member snapshot")
        verbose_name_plural = _("member snapshots")
        ordering = ["member_id"]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.refreshed_at:%Y-%m-%d %H:%M}"
