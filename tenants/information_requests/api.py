"""The information requests API.

- Public (anyone): the register, list and detail, WITHOUT the requester's personal data nor
  the request as written (only the summary staff wrote), with the decision, its ground and
  source, its reasons, and the complaint's dates and outcome; and filing a request
  (rate-limited: 429), which answers with its reference and due date only.
- Staff (the member's own, by role): the requests with the requester's data (view
  permission), recording a request received on paper, the public summary, the steps, and the
  complaint to the head of the body (recorded from paper, then answered) (change permission:
  focal points and editors), all through the services. Scans are never in the API: the
  focal point opens them in the workspace.
"""

from django.http import Http404
from django.utils.translation import get_language, gettext
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.response import Response

from citizens.limits import LimitedWrite
from tenants.information_requests.models import (
    PERSONAL_FIELDS,
    Channel,
    Complaint,
    ComplaintOutcome,
    InformationRequest,
    RefusalGround,
    RequestEvent,
    State,
    Transition,
)
from tenants.information_requests.selectors import (
    information_request_public_detail,
    information_request_register,
    information_request_staff_detail,
    information_request_staff_list,
)
from tenants.information_requests.services import (
    complaint_answer,
    complaint_file,
    information_request_file,
    information_request_record,
    information_request_set_public_summary,
    information_request_transition,
)
from tenants.site.staff import actor
from kernel.api import run_service
from kernel.permissions import StaffMay
from tenants.site.personal_data import identity_read_record, identity_visible
from tenancy.addresses import current_member_site_url

# The requester's identity document and its number: the focal point's alone
# (tenants/site/personal_data.py), and each reading is logged.
IDENTITY_FIELDS = ("id_document", "id_number")
FILING_LIMIT = LimitedWrite("information_requests:filing")


# --- public ----------------------------------------------------------------------------------

PUBLIC_FIELDS = [
    "id",
    "reference",
    "channel",
    "received_on",
    "subject",
    "is_urgent",
    "state",
    "state_label",
    "due_on",
    "initial_due_on",
    "is_extended",
    "is_overdue",
    "decided_on",
    "answered_on_time",
    "answer_text",
    "answer_file",
    "refusal_ground",
    "refusal_ground_label",
    "refusal_ground_source",
    "decision_reasons",
    "complaint",
]


class RegisterComplaintSerializer(serializers.ModelSerializer):
    """A complaint as the register shows it: its dates and outcome, never its text."""

    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    is_overdue = serializers.BooleanField(
        source="overdue", read_only=True, help_text="Open past the head's due date."
    )
    answered_on_time = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = Complaint
        fields = [
            "received_on",
            "due_on",
            "outcome",
            "outcome_label",
            "is_overdue",
            "decided_on",
            "answered_on_time",
        ]
        read_only_fields = fields


class RegisterOutputSerializer(serializers.ModelSerializer):
    """A request as the public register shows it: nothing that identifies the requester."""

    subject = serializers.CharField(
        read_only=True,
        help_text="The summary staff wrote for the "
        "register; empty until they write one (the request as "
        "written is never published).",
    )
    refusal_ground_source = serializers.CharField(
        read_only=True, help_text="The text the ground comes from."
    )
    complaint = serializers.SerializerMethodField(
        help_text="The complaint to the head of the body (art. 19), or null."
    )
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    is_extended = serializers.BooleanField(read_only=True)
    is_overdue = serializers.BooleanField(
        source="overdue", read_only=True, help_text="Open past its due date: deemed refused."
    )
    answered_on_time = serializers.BooleanField(read_only=True, allow_null=True)
    refusal_ground_label = serializers.CharField(
        source="get_refusal_ground_display", read_only=True
    )
    # Empty until a refusal: say so in the schema (a read-only model field loses allow_blank).
    refusal_ground = serializers.ChoiceField(
        choices=RefusalGround.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = InformationRequest
        fields = PUBLIC_FIELDS
        read_only_fields = fields

    @extend_schema_field(RegisterComplaintSerializer(allow_null=True))
    def get_complaint(self, information_request):
        complaint = getattr(information_request, "complaint", None)
        return RegisterComplaintSerializer(complaint).data if complaint else None


class RegisterStepSerializer(serializers.ModelSerializer):
    step_label = serializers.CharField(source="get_step_display", read_only=True)

    class Meta:
        model = RequestEvent
        fields = ["step", "step_label", "state_after", "at"]
        read_only_fields = fields


class RegisterDetailOutputSerializer(RegisterOutputSerializer):
    steps = RegisterStepSerializer(source="events", many=True, read_only=True)

    class Meta(RegisterOutputSerializer.Meta):
        fields = PUBLIC_FIELDS + ["steps"]
        read_only_fields = fields


class RegisterFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=State.choices, required=False)
    overdue = serializers.BooleanField(
        required=False, default=False, help_text="Only the requests open past their due date."
    )


class FilingInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = InformationRequest
        fields = [
            "requester_name",
            "id_document",
            "id_number",
            "postal_address",
            "email",
            "information_wanted",
            "is_urgent",
            "urgency_reason",
            "language",
        ]
        # The service cleans and normalises, then validates the request as a whole.
        # The identity document has a default in the record, not in what a requester must say.
        extra_kwargs = {
            "email": {"required": True, "allow_blank": False},
            "id_document": {"required": True},
            "id_number": {"validators": []},
            "language": {
                "help_text": "Of the e-mails to the requester (the "
                "request's language when left out)."
            },
        }


class FilingOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = InformationRequest
        fields = ["reference", "due_on"]
        read_only_fields = fields


def _filters(request) -> dict:
    filters = RegisterFilterSerializer(data=request.query_params)
    filters.is_valid(raise_exception=True)
    return {
        "state": filters.validated_data.get("state"),
        "overdue": filters.validated_data["overdue"],
    }


@extend_schema_view(get=extend_schema(parameters=[RegisterFilterSerializer]))
class RegisterListApi(generics.ListAPIView):
    """The public register of requests (no personal data), newest first; anyone may file one."""

    permission_classes = [AllowAny]
    serializer_class = RegisterOutputSerializer

    def get_queryset(self):
        return information_request_register(**_filters(self.request))

    @extend_schema(request=FilingInputSerializer, responses={201: FilingOutputSerializer})
    def post(self, request):
        given = FilingInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        FILING_LIMIT.throttle(request, email=given.validated_data["email"])
        information_request = run_service(
            information_request_file,
            **{"language": get_language(), **given.validated_data},
            site_url=current_member_site_url(request),
        )
        return Response(
            FilingOutputSerializer(information_request).data, status=status.HTTP_201_CREATED
        )


class RegisterDetailApi(generics.RetrieveAPIView):
    """One request of the public register with its dated steps (no personal data)."""

    permission_classes = [AllowAny]
    serializer_class = RegisterDetailOutputSerializer

    def get_object(self):
        information_request = information_request_public_detail(pk=self.kwargs["pk"])
        if information_request is None:
            raise Http404
        return information_request


# --- staff -----------------------------------------------------------------------------------


class StaffStepSerializer(serializers.ModelSerializer):
    step_label = serializers.CharField(source="get_step_display", read_only=True)

    class Meta:
        model = RequestEvent
        fields = ["step", "step_label", "state_before", "state_after", "at", "by", "note"]
        read_only_fields = fields


class StaffOutputSerializer(RegisterOutputSerializer):
    """A request with the requester's personal data: for the member's staff only, the
    identity document and its number for the focal point only."""

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is None or not identity_visible(request.user):
            for name in IDENTITY_FIELDS:
                fields.pop(name, None)
        return fields

    class Meta(RegisterOutputSerializer.Meta):
        fields = (
            PUBLIC_FIELDS
            + [name for name in PERSONAL_FIELDS if name != "scan"]
            + [
                "information_wanted",
                "public_summary",
                "extension_reason",
                "overdue_notice_at",
                "created_at",
                "updated_at",
            ]
        )
        read_only_fields = fields


class StaffDetailOutputSerializer(StaffOutputSerializer):
    steps = StaffStepSerializer(source="events", many=True, read_only=True)

    class Meta(StaffOutputSerializer.Meta):
        fields = StaffOutputSerializer.Meta.fields + ["steps"]
        read_only_fields = fields


class PublicSummaryInputSerializer(serializers.Serializer):
    public_summary = serializers.CharField(allow_blank=True, max_length=5000)


class TransitionInputSerializer(serializers.Serializer):
    """One step on a request; each action reads only its own inputs. Texts left out are
    empty, so that the service says which one its action needs (a 400 on that field)."""

    action = serializers.ChoiceField(choices=Transition.choices)
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="start, withdraw: kept in the history.",
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="extend (required): e-mailed to the requester.",
    )
    answer_text = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="answer, partly_answer: published."
    )
    answer_file = serializers.FileField(
        required=False, help_text="answer, partly_answer: published."
    )
    refusal_ground = serializers.ChoiceField(
        choices=RefusalGround.choices,
        required=False,
        default="",
        help_text="refuse, partly_answer (required): article 7 of law 31.13 or a ground the "
        "CDAI recognises.",
    )
    reasons = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="refuse, partly_answer (required): published with the ground.",
    )
    published_where = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=500,
        help_text="refuse, partly_answer on the ground already_published (required).",
    )
    explanation = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="refuse: the former name of reasons.",
    )


class StaffApiBase:
    permission_classes = [StaffMay]
    queryset = InformationRequest.objects.none()  # the model, for the OpenAPI document

    @property
    def required_perms(self) -> list[str]:
        # Reading shows personal data (the view permission); any write, the change permission.
        if self.request.method in SAFE_METHODS:
            return ["information_requests.view_informationrequest"]
        return ["information_requests.change_informationrequest"]

    def existing(self, pk: int) -> InformationRequest:
        information_request = information_request_staff_detail(pk=pk)
        if information_request is None:
            raise Http404
        return information_request

    def detail_response(self, pk: int) -> Response:
        information_request = self.existing(pk)
        if identity_visible(self.request.user):
            identity_read_record(
                user=self.request.user, subject=information_request, fields=list(IDENTITY_FIELDS)
            )
        return Response(
            StaffDetailOutputSerializer(
                information_request, context=self.get_serializer_context()
            ).data
        )


def _paper_channel(value: str) -> str:
    if value == Channel.ONLINE:
        raise serializers.ValidationError(
            gettext("Say how it was received: at the desk, by post or by e-mail.")
        )
    return value


class RecordInputSerializer(serializers.Serializer):
    """A request received on paper at the desk, by post or by e-mail (the scan is attached in
    the workspace)."""

    channel = serializers.ChoiceField(
        choices=Channel.choices,
        help_text="desk, post or email (online is refused: a "
        "request made on the site is filed there).",
    )
    received_on = serializers.DateField(
        help_text="The day it reached the council: not in the future, not before 2019-03-12."
    )
    requester_name = serializers.CharField(max_length=200)
    id_document = serializers.ChoiceField(
        choices=InformationRequest._meta.get_field("id_document").choices
    )
    id_number = serializers.CharField(max_length=20)
    postal_address = serializers.CharField(max_length=500)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(
        choices=InformationRequest._meta.get_field("language").choices, required=False, default="ar"
    )
    information_wanted = serializers.CharField(max_length=5000)
    is_urgent = serializers.BooleanField(required=False, default=False)
    urgency_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=1000
    )

    def validate_channel(self, value):
        return _paper_channel(value)


@extend_schema_view(get=extend_schema(parameters=[RegisterFilterSerializer]))
class StaffListApi(StaffApiBase, generics.ListAPIView):
    """Every request with the requester's data (staff with the view permission); staff with
    the change permission record a request received on paper."""

    serializer_class = StaffOutputSerializer

    def get_queryset(self):
        return information_request_staff_list(**_filters(self.request))

    @extend_schema(request=RecordInputSerializer, responses={201: StaffDetailOutputSerializer})
    def post(self, request):
        given = RecordInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        information_request = run_service(
            information_request_record,
            by=actor(request),
            site_url=current_member_site_url(request),
            **given.validated_data,
        )
        response = self.detail_response(information_request.pk)
        response.status_code = status.HTTP_201_CREATED
        return response

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if identity_visible(request.user):
            results = (
                response.data.get("results", response.data)
                if isinstance(response.data, dict)
                else response.data
            )
            identity_read_record(
                user=request.user,
                subject=gettext("Register of requests (API)"),
                fields=[*IDENTITY_FIELDS, f"{len(results)} requests"],
            )
        return response


class StaffDetailApi(StaffApiBase, generics.GenericAPIView):
    """One request with the requester's data and its full history; staff may change the
    summary the public register shows."""

    serializer_class = StaffDetailOutputSerializer

    def get(self, request, pk: int):
        return self.detail_response(pk)

    @extend_schema(
        request=PublicSummaryInputSerializer, responses={200: StaffDetailOutputSerializer}
    )
    def patch(self, request, pk: int):
        given = PublicSummaryInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        run_service(
            information_request_set_public_summary,
            information_request=self.existing(pk),
            by=actor(request),
            **given.validated_data,
        )
        return self.detail_response(pk)


class TransitionApi(StaffApiBase, generics.GenericAPIView):
    """Take a step on a request: start, extend, answer, partly_answer, refuse, withdraw."""

    serializer_class = StaffDetailOutputSerializer

    @extend_schema(request=TransitionInputSerializer, responses={200: StaffDetailOutputSerializer})
    def post(self, request, pk: int):
        given = TransitionInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        run_service(
            information_request_transition,
            information_request=self.existing(pk),
            by=actor(request),
            site_url=current_member_site_url(request),
            **given.validated_data,
        )
        return self.detail_response(pk)


class ComplaintRecordInputSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(
        choices=Channel.choices,
        help_text="desk, post or email (online: the requester files it from their own page).",
    )
    received_on = serializers.DateField(
        help_text="Within 20 working days of the answer or of the due date (art. 19)."
    )
    grievance = serializers.CharField(max_length=5000)

    def validate_channel(self, value):
        return _paper_channel(value)


class ComplaintAnswerInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=[value for value in ComplaintOutcome.values if value != ComplaintOutcome.OPEN]
    )
    answer_text = serializers.CharField(max_length=10000)


class ComplaintApi(StaffApiBase, generics.GenericAPIView):
    """Record a complaint to the head of the body received on paper (art. 19)."""

    serializer_class = StaffDetailOutputSerializer

    @extend_schema(
        request=ComplaintRecordInputSerializer, responses={200: StaffDetailOutputSerializer}
    )
    def post(self, request, pk: int):
        given = ComplaintRecordInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        run_service(
            complaint_file,
            information_request=self.existing(pk),
            by=actor(request),
            site_url=current_member_site_url(request),
            **given.validated_data,
        )
        return self.detail_response(pk)


class ComplaintAnswerApi(StaffApiBase, generics.GenericAPIView):
    """The head of the body's answer to the request's complaint."""

    serializer_class = StaffDetailOutputSerializer

    @extend_schema(
        request=ComplaintAnswerInputSerializer, responses={200: StaffDetailOutputSerializer}
    )
    def post(self, request, pk: int):
        given = ComplaintAnswerInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        complaint = getattr(self.existing(pk), "complaint", None)
        if complaint is None:
            raise Http404
        run_service(
            complaint_answer,
            complaint=complaint,
            by=actor(request),
            site_url=current_member_site_url(request),
            **given.validated_data,
        )
        return self.detail_response(pk)
