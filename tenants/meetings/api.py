"""The meetings API of a member's site: anyone reads, staff write by role (tenants/site/roles.py).

Thin views: parse with an input serializer, call a service or a selector, answer with an
output serializer. The project's default permission (DjangoModelPermissionsOrAnonReadOnly)
reads the model from `queryset`.
"""
from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from tenants.meetings.models import Attendance, Meeting, MeetingPhoto
from tenants.meetings.selectors import (When, attendance_rows, attendance_totals,
                                        meeting_detail, meeting_list)
from tenants.meetings.services import (EDITABLE_FIELDS, meeting_create, meeting_delete,
                                       meeting_update)


class MeetingFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices, required=False)
    when = serializers.ChoiceField(choices=When, required=False)


class MeetingInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = EDITABLE_FIELDS
        extra_kwargs = {"minutes": {"allow_null": True}}


class MeetingOutputSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    is_held = serializers.BooleanField(read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "kind", "kind_label", "title_ar", "title_fr", "starts_at", "ends_at",
                  "place", "online_link", "is_held"]


class MeetingAttendanceOutputSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    total = serializers.IntegerField(read_only=True)

    class Meta:
        model = Attendance
        fields = ["category", "category_label", "women", "men", "total"]


class MeetingAttendanceTotalsSerializer(serializers.Serializer):
    women = serializers.IntegerField()
    men = serializers.IntegerField()
    total = serializers.IntegerField()


class MeetingPhotoOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingPhoto
        fields = ["id", "image", "caption"]


class MeetingDetailOutputSerializer(MeetingOutputSerializer):
    attendance = serializers.SerializerMethodField()
    attendance_totals = serializers.SerializerMethodField()
    photos = MeetingPhotoOutputSerializer(many=True)

    class Meta(MeetingOutputSerializer.Meta):
        fields = MeetingOutputSerializer.Meta.fields + [
            "agenda_ar", "agenda_fr", "minutes", "attendance", "attendance_totals", "photos",
            "created_at", "updated_at"]

    @extend_schema_field(MeetingAttendanceOutputSerializer(many=True))
    def get_attendance(self, meeting: Meeting) -> list:
        return MeetingAttendanceOutputSerializer(attendance_rows(meeting), many=True).data

    @extend_schema_field(MeetingAttendanceTotalsSerializer)
    def get_attendance_totals(self, meeting: Meeting) -> dict:
        return MeetingAttendanceTotalsSerializer(attendance_totals(meeting)).data


@contextmanager
def django_errors_as_400():
    """A service's ValidationError (model validation) answers 400 with its messages."""
    try:
        yield
    except DjangoValidationError as error:
        raise ValidationError(serializers.as_serializer_error(error)) from error


class MeetingApiBase(GenericAPIView):
    queryset = Meeting.objects.all()
    serializer_class = MeetingDetailOutputSerializer

    def existing(self, pk: int) -> Meeting:
        meeting = meeting_detail(pk=pk)
        if meeting is None:
            raise Http404
        return meeting

    def detail_response(self, pk: int, status_code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.existing(pk)).data, status=status_code)

    def validated_input(self, partial: bool = False) -> dict:
        serializer = MeetingInputSerializer(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class MeetingListApi(MeetingApiBase):
    @extend_schema(parameters=[MeetingFilterSerializer],
                   responses=MeetingOutputSerializer(many=True))
    def get(self, request):
        filters = MeetingFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(meeting_list(**filters.validated_data))
        return self.get_paginated_response(
            MeetingOutputSerializer(page, many=True, context=self.get_serializer_context()).data)

    @extend_schema(request=MeetingInputSerializer,
                   responses={201: MeetingDetailOutputSerializer})
    def post(self, request):
        data = self.validated_input()
        with django_errors_as_400():
            meeting = meeting_create(**data)
        return self.detail_response(meeting.pk, status.HTTP_201_CREATED)


class MeetingDetailApi(MeetingApiBase):
    def get(self, request, pk: int):
        return self.detail_response(pk)

    @extend_schema(request=MeetingInputSerializer)
    def put(self, request, pk: int):
        return self.update_meeting(pk, partial=False)

    @extend_schema(request=MeetingInputSerializer)
    def patch(self, request, pk: int):
        return self.update_meeting(pk, partial=True)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        meeting_delete(meeting=self.existing(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def update_meeting(self, pk: int, *, partial: bool) -> Response:
        meeting = self.existing(pk)
        data = self.validated_input(partial=partial)
        with django_errors_as_400():
            meeting_update(meeting=meeting, **data)
        return self.detail_response(pk)
