"""The network API of the console (public schema, /api/ on the network host).

- members: the members with their status; the directorate reads all, a regional focal point
  their region's (also as /regions/<code>/members/);
- registry search, onboardings, suspend and resume: the directorate only.

Session authentication only: DRF's tokens live in the members' schemas, not in the network's.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from network.accounts.access import CanReadRegion, IsDirectorate, is_directorate
from network.console import selectors, services
from network.console.models import Onboarding
from network.console.search import registry_search
from network.members.models import Member
from network.registry.models import Tier


def _api_error(error: ValidationError) -> ApiValidationError:
    if hasattr(error, "error_dict"):
        return ApiValidationError(error.message_dict)
    return ApiValidationError({"detail": error.messages})


class ConsoleApi:
    authentication_classes = [SessionAuthentication]
    permission_classes = [IsDirectorate]


class MemberSerializer(serializers.Serializer):
    schema_name = serializers.CharField()
    hcp_code = serializers.CharField(source="collectivity.code")
    name_ar = serializers.CharField(source="collectivity.name_ar")
    name_fr = serializers.CharField(source="collectivity.name_fr")
    tier = serializers.ChoiceField(choices=Tier.choices, source="collectivity.tier")
    region_code = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    joined_at = serializers.DateTimeField()
    suspended_at = serializers.DateTimeField(allow_null=True)
    domains = serializers.SerializerMethodField()

    def get_region_code(self, member) -> str:
        return member.collectivity.region_id or member.collectivity.code

    def get_status(self, member) -> str:
        return selectors.member_status(member)

    def get_domains(self, member) -> list[str]:
        return [d.domain for d in member.domains.all()]


class DirectorateMemberSerializer(MemberSerializer):
    suspension_reason = serializers.CharField()


class OnboardingSerializer(serializers.ModelSerializer):
    hcp_code = serializers.CharField(source="collectivity_id")
    name_fr = serializers.CharField(source="collectivity.name_fr", read_only=True)
    name_ar = serializers.CharField(source="collectivity.name_ar", read_only=True)

    class Meta:
        model = Onboarding
        fields = [
            "id",
            "hcp_code",
            "name_ar",
            "name_fr",
            "state",
            "requested_at",
            "started_at",
            "finished_at",
            "error",
        ]
        read_only_fields = fields


class OnboardingRequestSerializer(serializers.Serializer):
    hcp_code = serializers.CharField(max_length=16)


class SuspendSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=services.REASON_MAX_LENGTH)


class RegistryEntrySerializer(serializers.Serializer):
    hcp_code = serializers.CharField(source="code")
    name_ar = serializers.CharField()
    name_fr = serializers.CharField()
    tier = serializers.ChoiceField(choices=Tier.choices)
    region_code = serializers.CharField(source="region_id", allow_null=True)
    province_code = serializers.CharField(source="province_id", allow_null=True)
    member_schema_name = serializers.CharField(allow_null=True)


STATUS_FILTER = OpenApiParameter("status", str, enum=list(selectors.MEMBER_STATUSES))


class MemberListApi(generics.ListAPIView):
    """Members with their status: all of them for the directorate, a regional focal point's
    region for them."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [CanReadRegion]

    def get_serializer_class(self):
        return (
            DirectorateMemberSerializer if is_directorate(self.request.user) else MemberSerializer
        )

    @extend_schema(
        parameters=[STATUS_FILTER, OpenApiParameter("q", str)],
        responses=DirectorateMemberSerializer(many=True),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        status_ = self.request.query_params.get("status")
        return selectors.member_list(
            user=self.request.user,
            region_code=self.kwargs.get("region_code"),
            status=status_ if status_ in selectors.MEMBER_STATUSES else None,
            query=self.request.query_params.get("q", "").strip()[:100],
        )


class RegionMemberListApi(MemberListApi):
    """The members of one region (its council, provinces and communes)."""


class MemberDetailApi(ConsoleApi, generics.RetrieveAPIView):
    serializer_class = DirectorateMemberSerializer
    lookup_field = "schema_name"

    def get_queryset(self):
        return selectors.member_list()


class _MemberActionApi(ConsoleApi, APIView):
    def member(self, schema_name: str) -> Member:
        member = selectors.member_get(schema_name=schema_name)
        if member is None:
            raise Http404
        return member

    def answer(self, member: Member) -> Response:
        member = selectors.member_list().get(pk=member.pk)
        return Response(DirectorateMemberSerializer(member).data)


class MemberSuspendApi(_MemberActionApi):
    """Suspend a member: its public pages answer 503 with a notice; its data is kept."""

    @extend_schema(request=SuspendSerializer, responses=DirectorateMemberSerializer)
    def post(self, request, schema_name: str):
        member = self.member(schema_name)
        payload = SuspendSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            member = services.member_suspend(
                member=member, reason=payload.validated_data["reason"], by=request.user
            )
        except ValidationError as error:
            raise _api_error(error) from None
        return self.answer(member)


class MemberResumeApi(_MemberActionApi):
    @extend_schema(request=None, responses=DirectorateMemberSerializer)
    def post(self, request, schema_name: str):
        member = self.member(schema_name)
        try:
            member = services.member_resume(member=member, by=request.user)
        except ValidationError as error:
            raise _api_error(error) from None
        return self.answer(member)


class OnboardingListApi(ConsoleApi, generics.ListAPIView):
    """Onboardings, latest first; POST queues one (202), polled at its own URL."""

    serializer_class = OnboardingSerializer

    def get_queryset(self):
        return Onboarding.objects.select_related("collectivity")

    @extend_schema(request=OnboardingRequestSerializer, responses={202: OnboardingSerializer})
    def post(self, request):
        payload = OnboardingRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            onboarding = services.onboarding_request(
                hcp_code=payload.validated_data["hcp_code"], requested_by=request.user
            )
        except ValidationError as error:
            raise _api_error(error) from None
        onboarding = selectors.onboarding_get(onboarding_id=onboarding.pk)
        return Response(OnboardingSerializer(onboarding).data, status=status.HTTP_202_ACCEPTED)


class OnboardingDetailApi(ConsoleApi, generics.RetrieveAPIView):
    serializer_class = OnboardingSerializer

    def get_queryset(self):
        return Onboarding.objects.select_related("collectivity")


class RegistrySearchApi(ConsoleApi, APIView):
    """The registry by name (Arabic or French, without diacritics or accents) or HCP code."""

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True)],
        responses=RegistryEntrySerializer(many=True),
    )
    def get(self, request):
        results = registry_search(request.query_params.get("q", "")[:100])
        members = dict(
            Member.objects.filter(collectivity_id__in=[c.code for c in results]).values_list(
                "collectivity_id", "schema_name"
            )
        )
        for collectivity in results:
            collectivity.member_schema_name = members.get(collectivity.code)
        return Response(RegistryEntrySerializer(results, many=True).data)
