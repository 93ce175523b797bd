"""The ideas API of a member's site: public reads only.

The programme's published ideas with their principle, public author (the association, or the
name when shown, else "Participant"), confirmed supports, the official answer (and the
commitment or idea it led to), the published comments and the public path. Never an e-mail,
never a pending or hidden idea or comment (public serializers list their fields explicitly).
"""

from django.http import Http404
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from tenants.ideas.models import Event, Idea, IdeaComment
from tenants.ideas.selectors import collection_programme, idea_public_get, idea_public_list


class IdeaOutputSerializer(serializers.ModelSerializer):
    author = serializers.CharField(
        source="public_name",
        help_text="The association, or the author's name when they "
        "chose to show it, else “Participant”.",
    )
    principle_label = serializers.CharField()
    answer_label = serializers.CharField(source="get_answer_display")
    support_count = serializers.IntegerField(help_text="Confirmed supports.")
    comment_count = serializers.IntegerField(help_text="Published comments.")

    class Meta:
        model = Idea
        fields = [
            "id",
            "programme",
            "principle",
            "principle_label",
            "title",
            "author",
            "created_at",
            "support_count",
            "comment_count",
            "answer",
            "answer_label",
            "commitment",
            "merged_into",
            "answered_at",
        ]
        read_only_fields = fields


class IdeaCommentOutputSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = IdeaComment
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = fields

    def get_author(self, comment: IdeaComment) -> str:
        return comment.author_name if comment.show_name else gettext("Participant")


class IdeaPathStepSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Event
        fields = ["kind", "kind_label", "answer", "at"]
        read_only_fields = fields


class IdeaDetailOutputSerializer(IdeaOutputSerializer):
    comments = serializers.SerializerMethodField()
    path = serializers.SerializerMethodField()
    attachment = serializers.FileField(read_only=True, allow_null=True, use_url=True)

    class Meta(IdeaOutputSerializer.Meta):
        fields = IdeaOutputSerializer.Meta.fields + [
            "body",
            "attachment",
            "answer_text_ar",
            "answer_text_fr",
            "comments",
            "path",
        ]
        read_only_fields = fields

    @extend_schema_field(IdeaCommentOutputSerializer(many=True))
    def get_comments(self, idea: Idea) -> list:
        return IdeaCommentOutputSerializer(idea.public_comments, many=True).data

    @extend_schema_field(IdeaPathStepSerializer(many=True))
    def get_path(self, idea: Idea) -> list:
        return IdeaPathStepSerializer(idea.public_events, many=True).data


class IdeaListApi(ListAPIView):
    """The published ideas of the member's current programme, the newest first."""

    permission_classes = [AllowAny]
    serializer_class = IdeaOutputSerializer

    def get_queryset(self):
        programme = collection_programme()
        return idea_public_list(programme=programme) if programme else Idea.objects.none()


class IdeaDetailApi(GenericAPIView):
    """A published idea with its text, answer, comments and dated path."""

    permission_classes = [AllowAny]
    serializer_class = IdeaDetailOutputSerializer

    def get(self, request, pk: int):
        idea = idea_public_get(pk=pk)
        if idea is None:
            raise Http404
        return Response(self.get_serializer(idea).data)
