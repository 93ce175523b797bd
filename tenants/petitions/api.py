"""The petitions API of a member's site.

- Anyone reads published petitions: subject, text, state, dated steps and the NUMBER of
  signatures; never the agent nor who signed.
- Anyone signs a published petition collecting signatures (rate limited per address).
- Staff, by role (tenants/site/roles.py): create petitions, publish them, move them through
  their states, read the signatures (personal data).
"""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from citizens.limits import LimitedWrite
from tenants.petitions.models import Link, Petition, Petitioner, PetitionStep, Signature, State
from tenants.petitions.selectors import petition_detail, petition_list, signature_list
from tenants.petitions.services import (
    petition_create,
    petition_publish,
    petition_transition,
    signature_add,
)
from tenants.petitions.web import site_url
from tenants.site.staff import actor
from kernel.api import run_service
from kernel.permissions import StaffMay
from tenants.site.personal_data import identity_read_record


SIGN_LIMIT = LimitedWrite("petitions:sign")


class PetitionFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=State.choices, required=False)


class PetitionStepOutputSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = PetitionStep
        fields = ["state", "state_label", "happened_on", "note"]


class PetitionOutputSerializer(serializers.ModelSerializer):
    """What the public may know of a petition: no agent, no signatory."""

    state_label = serializers.CharField(source="get_state_display", read_only=True)
    signature_count = serializers.IntegerField(source="signature_total", read_only=True)
    progress_percent = serializers.IntegerField(read_only=True)
    threshold_reached = serializers.BooleanField(read_only=True)

    class Meta:
        model = Petition
        fields = [
            "id",
            "subject",
            "state",
            "state_label",
            "petitioner",
            "association_name",
            "signature_count",
            "signatures_required",
            "progress_percent",
            "threshold_reached",
            "published_at",
            "submitted_on",
            "admissibility_due_on",
            "committee",
            "session_date",
        ]


class PetitionDetailOutputSerializer(PetitionOutputSerializer):
    steps = PetitionStepOutputSerializer(many=True, read_only=True)

    class Meta(PetitionOutputSerializer.Meta):
        fields = PetitionOutputSerializer.Meta.fields + [
            "text",
            "not_admissible_reason",
            "answer",
            "steps",
        ]


class PetitionInputSerializer(serializers.Serializer):
    subject = serializers.CharField(max_length=300)
    text = serializers.CharField(max_length=10_000)
    agent_name = serializers.CharField(max_length=200)
    agent_cin = serializers.CharField(max_length=20)
    agent_email = serializers.EmailField(required=False, allow_blank=True, default="")
    agent_phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    published = serializers.BooleanField(required=False, default=True)
    petitioner = serializers.ChoiceField(
        choices=Petitioner.choices, required=False, default=Petitioner.CITIZENS
    )
    association_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    association_reference = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    association_founded_on = serializers.DateField(required=False, allow_null=True, default=None)
    association_conditions_declared = serializers.BooleanField(required=False, default=False)


class PetitionSignatureInputSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200)
    cin = serializers.CharField(max_length=20)
    link = serializers.ChoiceField(choices=Link.choices)
    # A regional member's signatories: the HCP code of their prefecture or province, or
    # "outside" (the service checks it against the region's).
    province_code = serializers.CharField(
        max_length=16, required=False, allow_blank=True, default=""
    )


class PetitionSignatureCountOutputSerializer(serializers.Serializer):
    signature_count = serializers.IntegerField()
    signatures_required = serializers.IntegerField()


class PetitionSignatureOutputSerializer(serializers.ModelSerializer):
    link_label = serializers.CharField(source="get_link_display", read_only=True)

    class Meta:
        model = Signature
        fields = [
            "id",
            "full_name",
            "cin",
            "link",
            "link_label",
            "province_code",
            "source",
            "signed_at",
        ]


class PetitionTransitionInputSerializer(serializers.Serializer):
    # All the states (one enum in the schema); the service refuses those not next.
    to = serializers.ChoiceField(choices=State.choices)
    happened_on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    session_date = serializers.DateField(required=False, allow_null=True, default=None)
    answer = serializers.CharField(required=False, allow_blank=True, default="")
    committee = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PetitionApiBase(GenericAPIView):
    queryset = Petition.objects.all()
    serializer_class = PetitionDetailOutputSerializer
    published_only = True

    def existing(self, pk: int, *, published_only: bool | None = None) -> Petition:
        petition = petition_detail(
            pk=pk, published_only=self.published_only if published_only is None else published_only
        )
        if petition is None:
            raise Http404
        return petition

    def detail_response(
        self, pk: int, status_code: int = status.HTTP_200_OK, *, published_only: bool | None = None
    ) -> Response:
        petition = self.existing(pk, published_only=published_only)
        return Response(PetitionDetailOutputSerializer(petition).data, status=status_code)


class PetitionListApi(PetitionApiBase):
    @extend_schema(
        parameters=[PetitionFilterSerializer], responses=PetitionOutputSerializer(many=True)
    )
    def get(self, request):
        filters = PetitionFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(petition_list(**filters.validated_data))
        return self.get_paginated_response(PetitionOutputSerializer(page, many=True).data)

    @extend_schema(request=PetitionInputSerializer, responses={201: PetitionDetailOutputSerializer})
    def post(self, request):
        """Staff enter a petition (published at once unless `published` is false)."""
        data = PetitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        petition = run_service(
            petition_create, by=actor(request), site_url=site_url(request), **data.validated_data
        )
        return self.detail_response(petition.pk, status.HTTP_201_CREATED, published_only=False)


class PetitionDetailApi(PetitionApiBase):
    def get(self, request, pk: int):
        return self.detail_response(pk)


class PetitionSignApi(PetitionApiBase):
    """Sign a petition: anyone, once per national ID number, rate limited per address."""

    permission_classes = [AllowAny]
    authentication_classes = []  # an anonymous act: no session, so no CSRF token to carry

    @extend_schema(
        request=PetitionSignatureInputSerializer,
        responses={201: PetitionSignatureCountOutputSerializer},
    )
    def post(self, request, pk: int):
        petition = self.existing(pk)
        SIGN_LIMIT.throttle(request)
        data = PetitionSignatureInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run_service(
            signature_add, petition=petition, site_url=site_url(request), **data.validated_data
        )
        return Response(
            {
                "signature_count": petition.signatures.count(),
                "signatures_required": petition.signatures_required,
            },
            status=status.HTTP_201_CREATED,
        )


class PetitionSignatureListApi(PetitionApiBase):
    """Who signed (staff only: personal data)."""

    permission_classes = [StaffMay]
    required_perms = ["petitions.view_signature"]
    published_only = False

    @extend_schema(responses=PetitionSignatureOutputSerializer(many=True))
    def get(self, request, pk: int):
        # The permission is the focal point's alone (tenants/site/roles.py); each reading logged.
        petition = self.existing(pk)
        page = self.paginate_queryset(signature_list(petition=petition))
        identity_read_record(user=request.user, subject=petition, fields=["full_name", "cin"])
        return self.get_paginated_response(PetitionSignatureOutputSerializer(page, many=True).data)


class PetitionTransitionApi(PetitionApiBase):
    """Move a petition to its next state (staff who may change petitions)."""

    permission_classes = [StaffMay]
    required_perms = ["petitions.change_petition"]
    published_only = False

    @extend_schema(
        request=PetitionTransitionInputSerializer, responses={200: PetitionDetailOutputSerializer}
    )
    def post(self, request, pk: int):
        petition = self.existing(pk)
        data = PetitionTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run_service(
            petition_transition,
            petition=petition,
            by=actor(request),
            site_url=site_url(request),
            **data.validated_data,
        )
        return self.detail_response(pk)


class PetitionPublishApi(PetitionApiBase):
    """Publish a petition filed online (staff who may change petitions)."""

    permission_classes = [StaffMay]
    required_perms = ["petitions.change_petition"]
    published_only = False

    @extend_schema(request=None, responses={200: PetitionDetailOutputSerializer})
    def post(self, request, pk: int):
        run_service(petition_publish, petition=self.existing(pk), site_url=site_url(request))
        return self.detail_response(pk)
