"""The surveys API of a member's site (reads): published surveys with their questions, and the
results of those whose results are public (or, for the member's staff, of any survey).

Thin views: a selector, an output serializer. The project's default permission
(DjangoModelPermissionsOrAnonReadOnly) reads the model from `queryset`.
"""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from tenants.surveys.models import Choice, Question, Survey
from tenants.surveys.selectors import (
    survey_public_detail,
    survey_public_list,
    survey_public_results,
    survey_results,
    survey_staff_detail,
)


class SurveyOutputSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id",
            "title_ar",
            "title_fr",
            "description_ar",
            "description_fr",
            "state",
            "state_label",
            "opens_at",
            "closes_at",
            "one_response_per_email",
            "results_public",
            "meeting",
        ]


class ChoiceOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ["id", "text_ar", "text_fr"]


class QuestionOutputSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    field_name = serializers.CharField(
        read_only=True, help_text="The name of its answer in the form."
    )
    choices = ChoiceOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "position",
            "kind",
            "kind_label",
            "text_ar",
            "text_fr",
            "required",
            "field_name",
            "scale_min_label_ar",
            "scale_min_label_fr",
            "scale_max_label_ar",
            "scale_max_label_fr",
            "choices",
        ]


class SurveyDetailOutputSerializer(SurveyOutputSerializer):
    questions = QuestionOutputSerializer(many=True, read_only=True)

    class Meta(SurveyOutputSerializer.Meta):
        fields = SurveyOutputSerializer.Meta.fields + ["questions"]


class ShareOutputSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.FloatField(help_text="Of the people who answered the question.")


class QuestionResultsOutputSerializer(serializers.Serializer):
    question = serializers.IntegerField(source="question.pk")
    kind = serializers.CharField(source="question.kind")
    answered = serializers.IntegerField()
    shares = ShareOutputSerializer(many=True)
    average = serializers.FloatField(allow_null=True)
    texts = serializers.ListField(child=serializers.CharField())
    more_texts = serializers.IntegerField()


class SurveyResultsOutputSerializer(serializers.Serializer):
    survey = serializers.IntegerField(source="survey.pk")
    respondents = serializers.IntegerField()
    questions = QuestionResultsOutputSerializer(many=True)


class SurveyListApi(ListAPIView):
    """Published surveys: open and upcoming ones, and closed ones whose results are public."""

    queryset = Survey.objects.none()
    serializer_class = SurveyOutputSerializer

    def get_queryset(self):
        return survey_public_list()


class SurveyDetailApi(RetrieveAPIView):
    """A published survey with its questions and their choices."""

    queryset = Survey.objects.none()
    serializer_class = SurveyDetailOutputSerializer

    def get_object(self):
        survey = survey_public_detail(pk=self.kwargs["pk"])
        if survey is None:
            raise Http404
        return survey


class SurveyResultsApi(APIView):
    """The results of a survey: public when the survey says so, else for its staff only."""

    queryset = Survey.objects.none()

    @extend_schema(responses=SurveyResultsOutputSerializer)
    def get(self, request, pk: int):
        survey = survey_public_results(pk=pk)
        if survey is None and request.user.has_perm("surveys.view_survey"):
            survey = survey_staff_detail(pk=pk)
        if survey is None:
            raise Http404
        return ApiResponse(SurveyResultsOutputSerializer(survey_results(survey=survey)).data)
