"""The consultations API of a member's site.

Public: the consultations with their sections, published comments (an author's name only when
they chose to show it, never an e-mail) and responses; sending a comment (always confirmed by
the e-mailed link: the API never trusts a browser session, so no other site can post in a
visitor's name); reporting a comment. Both public writes are rate-limited per person and
address and read no session or token (`authentication_classes = []`).

Staff (by role, tenants/site/roles.py): the comments with e-mails and the moderation log,
reasoned responses, hiding and restoring comments with a reason.
"""

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from citizens import client_address
from citizens.limits import LimitedWrite
from tenants.consultations import services
from tenants.consultations.models import (
    Comment,
    Consultation,
    ModerationDecision,
    ModerationEvent,
    Section,
)
from tenants.consultations.models import Response as ReasonedResponse
from tenants.consultations.selectors import (
    comment_public_get,
    comment_public_list,
    comment_staff_get,
    comment_staff_list,
    consultation_detail,
    consultation_list,
    consultation_summary,
    response_share,
)
from tenants.consultations.tokens import link_sent_message
from tenants.site.staff import actor
from kernel.api import run_service
from kernel.permissions import StaffMay
from tenancy.addresses import current_member_site_url


# Public reads --------------------------------------------------------------------------------


class SectionOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["id", "number", "title_ar", "title_fr", "text_ar", "text_fr", "commitment"]


class PublicResponseSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = ReasonedResponse
        # Who wrote it is not published: staff usernames are e-mails.
        fields = ["kind", "kind_label", "reasoning_ar", "reasoning_fr", "at"]


class PublicCommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(
        source="public_name",
        help_text="The author's name when they chose to show it, "
        "otherwise “Participant” in the page's language.",
    )
    name_shown = serializers.BooleanField(source="show_name")
    response = PublicResponseSerializer(source="reasoned_response", allow_null=True)

    class Meta:
        model = Comment
        fields = ["id", "section", "author", "name_shown", "body", "created_at", "response"]
        read_only_fields = fields


class ResponseShareSerializer(serializers.Serializer):
    comments = serializers.IntegerField(help_text="Published comments.")
    answered = serializers.IntegerField(help_text="Published comments with a reasoned response.")
    percent = serializers.IntegerField(allow_null=True)


class TallySerializer(serializers.Serializer):
    label = serializers.CharField()
    comments = serializers.IntegerField()
    answered = serializers.IntegerField()
    section = serializers.IntegerField(source="section.pk", allow_null=True, default=None)


class SummarySerializer(serializers.Serializer):
    by_response = TallySerializer(many=True)
    by_section = TallySerializer(many=True)


class ConsultationOutputSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(choices=Consultation.State.choices, read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "title_ar",
            "title_fr",
            "opens_at",
            "closes_at",
            "state",
            "state_label",
            "programme",
            "document",
        ]
        read_only_fields = fields


class ConsultationListOutputSerializer(ConsultationOutputSerializer):
    comment_count = serializers.IntegerField(read_only=True, help_text="Published comments.")

    class Meta(ConsultationOutputSerializer.Meta):
        fields = ConsultationOutputSerializer.Meta.fields + ["comment_count"]


class ConsultationDetailOutputSerializer(ConsultationOutputSerializer):
    sections = SectionOutputSerializer(many=True, read_only=True)
    comments = serializers.SerializerMethodField()
    response_share = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField(help_text="Once the consultation is closed.")

    class Meta(ConsultationOutputSerializer.Meta):
        fields = ConsultationOutputSerializer.Meta.fields + [
            "description_ar",
            "description_fr",
            "sections",
            "response_share",
            "summary",
            "comments",
        ]

    @extend_schema_field(PublicCommentSerializer(many=True))
    def get_comments(self, consultation: Consultation) -> list:
        return PublicCommentSerializer(
            comment_public_list(consultation=consultation), many=True
        ).data

    @extend_schema_field(ResponseShareSerializer)
    def get_response_share(self, consultation: Consultation) -> dict:
        return ResponseShareSerializer(response_share(consultation=consultation)).data

    @extend_schema_field(SummarySerializer(allow_null=True))
    def get_summary(self, consultation: Consultation) -> dict | None:
        if not consultation.is_closed:
            return None
        return SummarySerializer(consultation_summary(consultation=consultation)).data


class ConsultationListApi(ListAPIView):
    """The member's consultations: open ones first, then upcoming, then closed."""

    permission_classes = [AllowAny]
    serializer_class = ConsultationListOutputSerializer

    def get_queryset(self):
        return consultation_list()


def _consultation(pk: int) -> Consultation:
    consultation = consultation_detail(pk=pk)
    if consultation is None:
        raise Http404
    return consultation


class ConsultationDetailApi(GenericAPIView):
    """A consultation with its sections, published comments and responses, the share of
    comments with a reasoned response, and its summary once closed."""

    permission_classes = [AllowAny]
    serializer_class = ConsultationDetailOutputSerializer

    def get(self, request, pk: int):
        return Response(self.get_serializer(_consultation(pk)).data)


# Public writes -------------------------------------------------------------------------------


class CommentInputSerializer(serializers.Serializer):
    section = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="A section of the consultation; none for a comment on the whole text.",
    )
    body = serializers.CharField(max_length=services.BODY_MAX_LENGTH)
    author_name = serializers.CharField(max_length=services.NAME_MAX_LENGTH)
    show_name = serializers.BooleanField(default=False, help_text="Show the name with the comment.")
    email = serializers.EmailField(
        help_text="Never published; the link to confirm the comment is sent there."
    )
    website = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="Leave empty (a field for robots).",
    )

    def validate_website(self, value: str) -> str:
        if value:
            raise serializers.ValidationError(_("This form could not be sent."), code="honeypot")
        return value

    def validate_section(self, value: int | None) -> Section | None:
        if value is None:
            return None
        section = next(
            (s for s in self.context["consultation"].sections.all() if s.pk == value), None
        )
        if section is None:
            raise serializers.ValidationError(
                _("This consultation has no such section."), code="other_section"
            )
        return section


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


COMMENT_LIMIT = LimitedWrite("consultations:comment")
REPORT_LIMIT = LimitedWrite("consultations:report")


class CommentSubmitApi(GenericAPIView):
    """Send a comment while the consultation is open. It is published once its author follows
    the link e-mailed to them (202: check your e-mail)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = CommentInputSerializer

    @extend_schema(request=CommentInputSerializer, responses={202: DetailSerializer})
    def post(self, request, pk: int):
        consultation = _consultation(pk)
        if not consultation.is_open:
            raise PermissionDenied(_("This consultation is not open for comments."))
        given = CommentInputSerializer(data=request.data, context={"consultation": consultation})
        given.is_valid(raise_exception=True)
        data = given.validated_data
        COMMENT_LIMIT.throttle(request, email=data["email"])
        run_service(
            services.comment_submit,
            consultation=consultation,
            author_name=data["author_name"],
            email=data["email"],
            body=data["body"],
            show_name=data["show_name"],
            section=data.get("section"),
            language=get_language(),
            site_url=current_member_site_url(request),
        )
        return Response({"detail": link_sent_message()}, status=status.HTTP_202_ACCEPTED)


class CommentReportApi(GenericAPIView):
    """Report a published comment; after several reports it is hidden until a moderator
    decides."""

    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = DetailSerializer

    @extend_schema(request=None, responses={202: DetailSerializer})
    def post(self, request, pk: int):
        comment = comment_public_get(pk=pk)
        if comment is None:
            raise Http404
        REPORT_LIMIT.throttle(request)
        services.comment_report(comment=comment, address=client_address(request))
        return Response(
            {"detail": _("Thank you: the moderators will look at this comment.")},
            status=status.HTTP_202_ACCEPTED,
        )


# Staff -----------------------------------------------------------------------------------------


class ModerationEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = ModerationEvent
        fields = ["action", "reason", "by", "at"]


class StaffResponseSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReasonedResponse
        fields = ["kind", "reasoning_ar", "reasoning_fr", "by", "at"]
        read_only_fields = ["by", "at"]


class StaffCommentSerializer(serializers.ModelSerializer):
    response = StaffResponseSerializer(source="reasoned_response", allow_null=True)
    moderation_events = ModerationEventSerializer(many=True)

    class Meta:
        model = Comment
        fields = [
            "id",
            "consultation",
            "section",
            "body",
            "author_name",
            "show_name",
            "email",
            "language",
            "status",
            "created_at",
            "verified_at",
            "report_count",
            "moderator_decided",
            "response",
            "moderation_events",
        ]
        read_only_fields = fields


class StaffCommentFilterSerializer(serializers.Serializer):
    consultation = serializers.IntegerField(required=False)
    status = serializers.ChoiceField(choices=Comment.Status.choices, required=False)


class StaffCommentApiBase(GenericAPIView):
    permission_classes = [StaffMay]
    serializer_class = StaffCommentSerializer

    def existing(self, pk: int) -> Comment:
        comment = comment_staff_get(pk=pk)
        if comment is None:
            raise Http404
        return comment

    def get_object(self) -> Comment:
        # What DRF's OPTIONS reads to describe the PUT/POST form (there is no queryset).
        comment = self.existing(self.kwargs["pk"])
        self.check_object_permissions(self.request, comment)
        return comment

    def answer(self, pk: int) -> Response:
        return Response(self.get_serializer(self.existing(pk)).data)

    def given(self, serializer_class) -> dict:
        given = serializer_class(data=self.request.data)
        given.is_valid(raise_exception=True)
        return given.validated_data


@extend_schema_view(get=extend_schema(parameters=[StaffCommentFilterSerializer]))
class StaffCommentListApi(ListAPIView):
    """Every comment (pending, published, hidden) with its author's e-mail, for staff."""

    permission_classes = [StaffMay]
    required_perms = ["consultations.view_comment"]
    serializer_class = StaffCommentSerializer

    def get_queryset(self):
        filters = StaffCommentFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return comment_staff_list(
            consultation_id=filters.validated_data.get("consultation"),
            status=filters.validated_data.get("status"),
        )


class CommentResponseApi(StaffCommentApiBase):
    """Publish or revise the reasoned response to a comment."""

    required_perms = ["consultations.add_response", "consultations.change_response"]

    @extend_schema(request=StaffResponseSerializer)
    def put(self, request, pk: int):
        data = self.given(StaffResponseSerializer)
        run_service(services.response_save, comment=self.existing(pk), by=actor(request), **data)
        return self.answer(pk)


class ModerationInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ModerationDecision.choices)
    reason = serializers.CharField(max_length=services.REASON_MAX_LENGTH)


class CommentModerationApi(StaffCommentApiBase):
    """Hide or restore a comment, with the reason (recorded in the moderation log)."""

    required_perms = ["consultations.moderate_comment"]
    decisions = {
        ModerationDecision.HIDE: services.comment_hide,
        ModerationDecision.RESTORE: services.comment_restore,
    }

    @extend_schema(request=ModerationInputSerializer)
    def post(self, request, pk: int):
        data = self.given(ModerationInputSerializer)
        run_service(
            self.decisions[data["decision"]],
            comment=self.existing(pk),
            by=actor(request),
            reason=data["reason"],
        )
        return self.answer(pk)
