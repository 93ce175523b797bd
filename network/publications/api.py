"""The network API for publications (public schema): anyone reads what is published; the
directorate also sees drafts and is the only one who writes (through the services)."""

from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.authentication import SessionAuthentication

from moments import PlausibleMomentsMixin
from network.accounts.access import DirectorateWritesOrReadOnly, is_directorate
from network.members.models import Member
from network.publications import services
from network.publications.models import (
    BestPractice,
    CommitmentTemplate,
    NewsItem,
    TemplateCopy,
    Training,
)
from network.publications.selectors import commitment_template_catalogue, template_copy_list
from network.accounts.actor import network_actor
from kernel.api import run_service

PUBLICATION_FIELDS = ["id", "title_ar", "title_fr", "state", "published_at", "updated_at"]


class PublicationSerializer(PlausibleMomentsMixin, serializers.ModelSerializer):
    pass


class NewsItemSerializer(PublicationSerializer):
    class Meta:
        model = NewsItem
        fields = [*PUBLICATION_FIELDS, "summary_ar", "summary_fr", "body_ar", "body_fr"]


class BestPracticeSerializer(PublicationSerializer):
    member = serializers.SlugRelatedField(
        slug_field="collectivity_id",
        queryset=Member.objects.all(),
        help_text="The member's HCP code.",
    )
    member_name_ar = serializers.CharField(source="member.collectivity.name_ar", read_only=True)
    member_name_fr = serializers.CharField(source="member.collectivity.name_fr", read_only=True)

    class Meta:
        model = BestPractice
        fields = [
            *PUBLICATION_FIELDS,
            "member",
            "member_name_ar",
            "member_name_fr",
            "principles",
            "summary_ar",
            "summary_fr",
            "body_ar",
            "body_fr",
            "member_page_path",
        ]


class TrainingSerializer(PublicationSerializer):
    class Meta:
        model = Training
        fields = [
            *PUBLICATION_FIELDS,
            "description_ar",
            "description_fr",
            "starts_at",
            "ends_at",
            "mode",
            "link",
            "place_ar",
            "place_fr",
            "audience_ar",
            "audience_fr",
            "registration_url",
        ]


class CommitmentTemplateSerializer(PublicationSerializer):
    class Meta:
        model = CommitmentTemplate
        fields = [
            *PUBLICATION_FIELDS,
            "version",
            "problem_ar",
            "problem_fr",
            "action_ar",
            "action_fr",
            "solution_ar",
            "solution_fr",
            "principles",
        ]
        read_only_fields = ["version"]


class PublicationApiMixin:
    # Session only: API tokens live in members' schemas, the public schema has none.
    authentication_classes = [SessionAuthentication]
    permission_classes = [DirectorateWritesOrReadOnly]
    model = None
    related: tuple[str, ...] = ()

    def get_queryset(self):
        qs = self.model.objects.select_related(*self.related)
        return qs if is_directorate(self.request.user) else qs.visible()


class PublicationListApi(PublicationApiMixin, generics.ListCreateAPIView):
    def perform_create(self, serializer):
        serializer.instance = run_service(
            services.publication_create,
            model=self.model,
            by=network_actor(self.request),
            **serializer.validated_data,
        )


class PublicationDetailApi(PublicationApiMixin, generics.RetrieveUpdateAPIView):
    def perform_update(self, serializer):
        serializer.instance = run_service(
            services.publication_update,
            publication=serializer.instance,
            by=network_actor(self.request),
            **serializer.validated_data,
        )


def _apis(model, serializer, related=()) -> tuple[type, type]:
    attrs = {
        "model": model,
        "serializer_class": serializer,
        "related": related,
        "__doc__": f"{model._meta.verbose_name_plural} of the network portal: published ones "
        "for everyone, drafts too for the directorate, which alone writes.",
    }
    return (
        type(f"{model.__name__}ListApi", (PublicationListApi,), attrs),
        type(f"{model.__name__}DetailApi", (PublicationDetailApi,), attrs),
    )


NewsItemListApi, NewsItemDetailApi = _apis(NewsItem, NewsItemSerializer)
BestPracticeListApi, BestPracticeDetailApi = _apis(
    BestPractice, BestPracticeSerializer, ("member__collectivity",)
)
TrainingListApi, TrainingDetailApi = _apis(Training, TrainingSerializer)
CommitmentTemplateListApi, CommitmentTemplateDetailApi = _apis(
    CommitmentTemplate, CommitmentTemplateSerializer
)


class TemplateCopySerializer(serializers.ModelSerializer):
    member = serializers.SlugRelatedField(
        slug_field="collectivity_id",
        queryset=Member.objects.ready(),
        help_text="The member's HCP code.",
    )
    member_name_ar = serializers.CharField(source="member.collectivity.name_ar", read_only=True)
    member_name_fr = serializers.CharField(source="member.collectivity.name_fr", read_only=True)

    class Meta:
        model = TemplateCopy
        fields = [
            "member",
            "member_name_ar",
            "member_name_fr",
            "version",
            "commitment_id",
            "copied_at",
        ]
        read_only_fields = ["version", "commitment_id", "copied_at"]


class TemplateCopyListApi(generics.ListCreateAPIView):
    """Members that copied a published template (anyone reads). The directorate may copy it
    into a member's current programme for them (POST with the member's HCP code)."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [DirectorateWritesOrReadOnly]
    serializer_class = TemplateCopySerializer

    def _template(self) -> CommitmentTemplate:
        template = commitment_template_catalogue().filter(pk=self.kwargs["pk"]).first()
        if template is None:
            raise NotFound
        return template

    def get_queryset(self):
        return template_copy_list(template=self._template())

    def perform_create(self, serializer):
        template, member = self._template(), serializer.validated_data["member"]
        commitment_id = run_service(
            services.commitment_template_copy_for_member,
            member=member,
            template=template,
            by=network_actor(self.request),
        )
        serializer.instance = TemplateCopy.objects.get(member=member, commitment_id=commitment_id)
