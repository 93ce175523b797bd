"""REST API of the programme: public reads, staff writes by role (through the services)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

from tenants.programme import services
from tenants.programme.models import Commitment, Milestone, Programme, ProgrammeStep, ProgressUpdate
from tenants.programme.selectors import commitment_list, programme_current, progress_update_list
from tenants.site.staff import actor
from kernel.api import run_service


class ProgrammeStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeStep
        fields = [
            "id",
            "kind",
            "happened_on",
            "title_ar",
            "title_fr",
            "description_ar",
            "description_fr",
        ]


class ProgrammeSerializer(serializers.ModelSerializer):
    steps = ProgrammeStepSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "title_ar",
            "title_fr",
            "period_start",
            "period_end",
            "status",
            "council_session",
            "decision_reference",
            "adopted_on",
            "summary_ar",
            "summary_fr",
            "steps",
            "updated_at",
        ]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = [
            "id",
            "commitment",
            "title_ar",
            "title_fr",
            "start_on",
            "due_on",
            "deliverable_ar",
            "deliverable_fr",
            "done_on",
            "evidence_file",
            "evidence_link",
        ]
        read_only_fields = ["commitment"]


class CommitmentSerializer(serializers.ModelSerializer):
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "programme",
            "number",
            "title_ar",
            "title_fr",
            "problem_ar",
            "problem_fr",
            "action_ar",
            "action_fr",
            "solution_ar",
            "solution_fr",
            "principles",
            "lead_department",
            "partners",
            "civil_society_partners",
            "start_date",
            "end_date",
            "completion",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_public",
            "budget_amount",
            "budget_source_ar",
            "budget_source_fr",
            "plan_links",
            "plan_link_other",
            "sdgs",
            "milestones",
            "updated_at",
        ]
        read_only_fields = ["programme"]
        # Validation lives in the services (full_clean), which also record the history.
        validators = []

    CONTACT_FIELDS = ("contact_name", "contact_role", "contact_email")

    def to_representation(self, instance):
        """The point of contact is for the staff, unless the commitment makes it public."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        staff = request is not None and request.user.has_perm("programme.change_commitment")
        if not (instance.contact_public or staff):
            for name in self.CONTACT_FIELDS:
                data.pop(name, None)
        return data


class ProgressUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "commitment",
            "milestone",
            "subject",
            "field",
            "before",
            "after",
            "note",
            "by",
            "at",
        ]


class ProgrammeCurrentApi(generics.RetrieveAPIView):
    """The member's current openness programme with its co-creation steps."""

    serializer_class = ProgrammeSerializer
    permission_classes = [AllowAny]

    @extend_schema(
        responses={
            200: ProgrammeSerializer,
            404: OpenApiResponse(description="No programme published yet."),
        }
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        programme = programme_current()
        if programme is None:
            raise NotFound
        return programme


class CommitmentListApi(generics.ListCreateAPIView):
    """Commitments of the current programme; filters: principle, completion, status."""

    serializer_class = CommitmentSerializer
    queryset = Commitment.objects.none()

    def get_queryset(self):
        programme = programme_current()
        if programme is None:
            return Commitment.objects.none()
        params = self.request.query_params
        return commitment_list(
            programme=programme,
            principle=params.get("principle"),
            completion=params.get("completion"),
            status=params.get("status"),
        ).prefetch_related("milestones")

    def perform_create(self, serializer):
        programme = programme_current()
        if programme is None:
            raise serializers.ValidationError({"programme": "No programme yet."})
        serializer.instance = run_service(
            services.commitment_create,
            programme=programme,
            by=actor(self.request),
            **serializer.validated_data,
        )


class CommitmentDetailApi(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = CommitmentSerializer
    queryset = Commitment.objects.prefetch_related("milestones")

    def perform_update(self, serializer):
        run_service(
            services.commitment_update,
            commitment=serializer.instance,
            by=actor(self.request),
            **serializer.validated_data,
        )

    def perform_destroy(self, instance):
        services.commitment_delete(commitment=instance)


class MilestoneListApi(generics.ListCreateAPIView):
    """Milestones of one commitment: /api/commitments/<id>/milestones/."""

    serializer_class = MilestoneSerializer
    queryset = Milestone.objects.all()

    def get_commitment(self) -> Commitment:
        return get_object_or_404(Commitment, pk=self.kwargs["commitment_pk"])

    def get_queryset(self):
        return Milestone.objects.filter(commitment=self.get_commitment())

    def perform_create(self, serializer):
        serializer.instance = run_service(
            services.milestone_create,
            commitment=self.get_commitment(),
            by=actor(self.request),
            **serializer.validated_data,
        )


class MilestoneDetailApi(generics.RetrieveUpdateAPIView):
    serializer_class = MilestoneSerializer
    queryset = Milestone.objects.select_related("commitment__programme")

    def perform_update(self, serializer):
        run_service(
            services.milestone_update,
            milestone=serializer.instance,
            by=actor(self.request),
            **serializer.validated_data,
        )


class ProgressUpdateListApi(generics.ListAPIView):
    """The public history of changes; ?commitment=<id> for one commitment."""

    serializer_class = ProgressUpdateSerializer
    queryset = ProgressUpdate.objects.all()

    def get_queryset(self):
        commitment_id = self.request.query_params.get("commitment")
        if commitment_id and commitment_id.isdigit():
            return progress_update_list().filter(commitment_id=int(commitment_id))
        return progress_update_list()
