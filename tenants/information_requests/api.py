"""The information requests API.

- Public (anyone): the register, list and detail, WITHOUT the requester's personal data; and
  filing a request (rate-limited: 429), which answers with its reference and due date only.
- Staff (the member's own, by role): the requests with the requester's data (view
  permission), the public summary (change permission) and the steps (change permission:
  focal points and editors), all through the services.
"""
from django.http import Http404
from django.utils.translation import get_language, gettext
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny, DjangoModelPermissions
from rest_framework.response import Response

from citizens import client_address
from tenants.information_requests.models import (
    PERSONAL_FIELDS, InformationRequest, RefusalGround, RequestEvent, State, Transition)
from tenants.information_requests.selectors import (
    information_request_public_detail, information_request_register,
    information_request_staff_detail, information_request_staff_list)
from tenants.information_requests.services import (
    FilingRateLimited, information_request_file, information_request_set_public_summary,
    information_request_transition)
from tenants.site.api_support import actor, run_service
from tenants.site.personal_data import identity_read_record, identity_visible

# The requester's identity document and its number: the focal point's alone
# (tenants/site/personal_data.py), and each reading is logged.
IDENTITY_FIELDS = ("id_document", "id_number")


class StaffPermissions(DjangoModelPermissions):
    """Reading needs the view permission (personal data); any write, the change permission."""
    perms_map = {**DjangoModelPermissions.perms_map,
                 "GET": ["%(app_label)s.view_%(model_name)s"],
                 "HEAD": ["%(app_label)s.view_%(model_name)s"],
                 "POST": ["%(app_label)s.change_%(model_name)s"],
                 "PATCH": ["%(app_label)s.change_%(model_name)s"]}


# --- public ----------------------------------------------------------------------------------

PUBLIC_FIELDS = ["id", "reference", "received_on", "subject", "is_urgent", "state", "state_label",
                 "due_on", "initial_due_on", "is_extended", "is_overdue", "decided_on",
                 "answered_on_time", "answer_text", "answer_file", "refusal_ground",
                 "refusal_ground_label"]


class RegisterOutputSerializer(serializers.ModelSerializer):
    """A request as the public register shows it: nothing that identifies the requester."""
    subject = serializers.CharField(read_only=True, help_text="The staff's public summary of "
                                    "the request, or the request as written.")
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    is_extended = serializers.BooleanField(read_only=True)
    is_overdue = serializers.BooleanField(source="overdue", read_only=True,
                                          help_text="Open past its due date: deemed refused.")
    answered_on_time = serializers.BooleanField(read_only=True, allow_null=True)
    refusal_ground_label = serializers.CharField(source="get_refusal_ground_display",
                                                 read_only=True)
    # Empty until a refusal: say so in the schema (a read-only model field loses allow_blank).
    refusal_ground = serializers.ChoiceField(choices=RefusalGround.choices, allow_blank=True,
                                             read_only=True)

    class Meta:
        model = InformationRequest
        fields = PUBLIC_FIELDS
        read_only_fields = fields


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
    overdue = serializers.BooleanField(required=False, default=False,
                                       help_text="Only the requests open past their due date.")


class FilingInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = InformationRequest
        fields = ["requester_name", "id_document", "id_number", "postal_address", "email",
                  "information_wanted", "is_urgent", "urgency_reason", "language"]
        # The service cleans and normalises, then validates the request as a whole.
        # The identity document has a default in the record, not in what a requester must say.
        extra_kwargs = {"email": {"required": True, "allow_blank": False},
                        "id_document": {"required": True},
                        "id_number": {"validators": []},
                        "language": {"help_text": "Of the e-mails to the requester (the "
                                                  "request's language when left out)."}}


class FilingOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = InformationRequest
        fields = ["reference", "due_on"]
        read_only_fields = fields


def _filters(request) -> dict:
    filters = RegisterFilterSerializer(data=request.query_params)
    filters.is_valid(raise_exception=True)
    return {"state": filters.validated_data.get("state"),
            "overdue": filters.validated_data["overdue"]}


def _file_or_throttled(**inputs) -> InformationRequest:
    try:
        return information_request_file(**inputs)
    except FilingRateLimited as error:
        raise Throttled(detail=error.messages[0]) from error


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
        inputs = {"language": get_language(), **given.validated_data}
        information_request = run_service(
            _file_or_throttled, **inputs, client_address=client_address(request),
            site_url=request.build_absolute_uri("/"))
        return Response(FilingOutputSerializer(information_request).data,
                        status=status.HTTP_201_CREATED)


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
        fields = PUBLIC_FIELDS + list(PERSONAL_FIELDS) + [
            "information_wanted", "public_summary", "extension_reason", "overdue_notice_at",
            "created_at", "updated_at"]
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
    note = serializers.CharField(required=False, allow_blank=True, default="",
                                 help_text="start, withdraw: kept in the history.")
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="extend (required): e-mailed to the requester.")
    answer_text = serializers.CharField(required=False, allow_blank=True, default="",
                                        help_text="answer, partly_answer: published.")
    answer_file = serializers.FileField(required=False,
                                        help_text="answer, partly_answer: published.")
    refusal_ground = serializers.ChoiceField(
        choices=RefusalGround.choices, required=False, default="",
        help_text="refuse, partly_answer (required): article 7, law 31.13.")
    explanation = serializers.CharField(required=False, allow_blank=True, default="",
                                        help_text="refuse: published with the ground.")


class StaffApiBase:
    permission_classes = [StaffPermissions]
    queryset = InformationRequest.objects.none()  # the model, for the permissions

    def existing(self, pk: int) -> InformationRequest:
        information_request = information_request_staff_detail(pk=pk)
        if information_request is None:
            raise Http404
        return information_request

    def detail_response(self, pk: int) -> Response:
        information_request = self.existing(pk)
        if identity_visible(self.request.user):
            identity_read_record(user=self.request.user, subject=information_request,
                                 fields=list(IDENTITY_FIELDS))
        return Response(StaffDetailOutputSerializer(
            information_request, context=self.get_serializer_context()).data)


@extend_schema_view(get=extend_schema(parameters=[RegisterFilterSerializer]))
class StaffListApi(StaffApiBase, generics.ListAPIView):
    """Every request with the requester's data (staff with the view permission)."""
    serializer_class = StaffOutputSerializer

    def get_queryset(self):
        return information_request_staff_list(**_filters(self.request))

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if identity_visible(request.user):
            results = response.data.get("results", response.data) \
                if isinstance(response.data, dict) else response.data
            identity_read_record(user=request.user, subject=gettext("Register of requests (API)"),
                                 fields=[*IDENTITY_FIELDS, f"{len(results)} requests"])
        return response


class StaffDetailApi(StaffApiBase, generics.GenericAPIView):
    """One request with the requester's data and its full history; staff may change the
    summary the public register shows."""
    serializer_class = StaffDetailOutputSerializer

    def get(self, request, pk: int):
        return self.detail_response(pk)

    @extend_schema(request=PublicSummaryInputSerializer,
                   responses={200: StaffDetailOutputSerializer})
    def patch(self, request, pk: int):
        given = PublicSummaryInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        run_service(information_request_set_public_summary, information_request=self.existing(pk),
                    by=actor(request), **given.validated_data)
        return self.detail_response(pk)


class TransitionApi(StaffApiBase, generics.GenericAPIView):
    """Take a step on a request: start, extend, answer, partly_answer, refuse, withdraw."""
    serializer_class = StaffDetailOutputSerializer

    @extend_schema(request=TransitionInputSerializer,
                   responses={200: StaffDetailOutputSerializer})
    def post(self, request, pk: int):
        given = TransitionInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        run_service(information_request_transition, information_request=self.existing(pk),
                    by=actor(request), site_url=request.build_absolute_uri("/"),
                    **given.validated_data)
        return self.detail_response(pk)
