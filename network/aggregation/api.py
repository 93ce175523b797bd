"""The network API for the figures (public schema, /api/ on the network host).

- snapshots: open data, anyone reads them (as the CSV and JSON exports);
- dashboard: the network in figures, for the directorate;
- comparison: one region's members side by side, for the directorate and that region's
  focal point.
"""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from network.accounts.access import CanReadRegion, IsDirectorate
from network.aggregation.selectors import (
    SORTS,
    network_figures,
    region_list,
    snapshot_get,
    snapshot_list,
)
from network.members.selectors import link_scheme
from network.registry.models import Tier
from tenancy.addresses import member_site_url


class SnapshotSerializer(serializers.Serializer):
    hcp_code = serializers.CharField(source="member.collectivity.code")
    name_ar = serializers.CharField(source="member.collectivity.name_ar")
    name_fr = serializers.CharField(source="member.collectivity.name_fr")
    tier = serializers.ChoiceField(choices=Tier.choices, source="member.collectivity.tier")
    region_code = serializers.SerializerMethodField()
    site_url = serializers.SerializerMethodField()
    joined_at = serializers.DateTimeField(source="member.joined_at")
    refreshed_at = serializers.DateTimeField()
    programme_stage = serializers.CharField(help_text="Empty while the member has no programme.")
    commitments = serializers.IntegerField()
    completion_percent = serializers.IntegerField(allow_null=True)
    milestones_overdue = serializers.IntegerField()
    meetings_held = serializers.IntegerField()
    participants = serializers.IntegerField()
    response_share = serializers.FloatField(allow_null=True)
    requests_received = serializers.IntegerField()
    on_time_share = serializers.FloatField(allow_null=True)
    documents = serializers.IntegerField()
    score = serializers.IntegerField()
    scorecard = serializers.DictField(child=serializers.BooleanField())
    figures = serializers.JSONField(help_text="The full figures; see /open-data/schema.json.")

    def get_region_code(self, snapshot) -> str:
        collectivity = snapshot.member.collectivity
        return collectivity.region_id or collectivity.code

    def get_site_url(self, snapshot) -> str:
        request = self.context.get("request")
        return member_site_url(snapshot.member, scheme=link_scheme(request))


class NetworkFiguresSerializer(serializers.Serializer):
    members = serializers.IntegerField()
    collectivities = serializers.IntegerField()
    by_tier = serializers.ListField(child=serializers.DictField())
    by_region = serializers.ListField(child=serializers.DictField())
    joined_by_year = serializers.ListField(child=serializers.DictField())
    by_stage = serializers.DictField(child=serializers.IntegerField())
    scorecard = serializers.ListField(child=serializers.DictField())
    score_distribution = serializers.ListField(child=serializers.DictField())
    totals = serializers.DictField(child=serializers.IntegerField())
    averages = serializers.DictField(child=serializers.FloatField(allow_null=True))
    refreshed_at = serializers.DateTimeField(allow_null=True)


class ComparisonSerializer(serializers.Serializer):
    region_code = serializers.CharField()
    figures = NetworkFiguresSerializer()
    members = SnapshotSerializer(many=True)


FILTERS = [
    OpenApiParameter("region", str, description="HCP code of a region"),
    OpenApiParameter("tier", str, enum=Tier.values),
]


class SnapshotListApi(generics.ListAPIView):
    """Every member's snapshot (open data)."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [AllowAny]
    serializer_class = SnapshotSerializer

    def get_queryset(self):
        tier = self.request.query_params.get("tier")
        return snapshot_list(
            region_code=self.request.query_params.get("region") or None,
            tier=tier if tier in Tier.values else None,
        )

    @extend_schema(parameters=FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class SnapshotDetailApi(generics.RetrieveAPIView):
    """One member's snapshot (open data), by HCP code."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [AllowAny]
    serializer_class = SnapshotSerializer

    def get_object(self):
        snapshot = snapshot_get(hcp_code=self.kwargs["hcp_code"])
        if snapshot is None:
            raise Http404
        return snapshot


class DashboardApi(APIView):
    """The network in figures (directorate only); `region` narrows it to one region."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [IsDirectorate]

    @extend_schema(parameters=FILTERS[:1], responses=NetworkFiguresSerializer)
    def get(self, request):
        region = request.query_params.get("region") or None
        if region and not region_list().filter(code=region).exists():
            raise Http404
        return Response(NetworkFiguresSerializer(network_figures(region_code=region)).data)


class ComparisonApi(APIView):
    """The members of one region side by side (the directorate, or that region's focal point);
    `sort` orders them (a column name, "-" in front for descending)."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [CanReadRegion]

    @extend_schema(
        parameters=[OpenApiParameter("sort", str, enum=[*SORTS, *(f"-{s}" for s in SORTS)])],
        responses=ComparisonSerializer,
    )
    def get(self, request, region_code: str):
        if not region_list().filter(code=region_code).exists():
            raise Http404
        snapshots = snapshot_list(region_code=region_code, sort=request.query_params.get("sort"))
        return Response(
            ComparisonSerializer(
                {
                    "region_code": region_code,
                    "figures": network_figures(region_code=region_code),
                    "members": snapshots,
                },
                context={"request": request},
            ).data
        )
