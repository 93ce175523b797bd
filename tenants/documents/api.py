"""REST API of the document library: anyone reads, staff write by role, through the services.

Files come in as multipart uploads; the service checks them by content and size (400 with the
messages when refused).
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.response import Response

from tenants.documents.models import Category, Document
from tenants.documents.selectors import document_library
from tenants.documents.services import (
    EDITABLE_FIELDS,
    document_create,
    document_delete,
    document_update,
)
from tenants.site.staff import actor
from kernel.api import run_service


class DocumentOutputSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = Document
        # Who created or changed a document is not published: staff usernames are e-mails.
        fields = [
            "id",
            "category",
            "category_label",
            "title_ar",
            "title_fr",
            "description_ar",
            "description_fr",
            "file",
            "link",
            "published_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class DocumentInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = list(EDITABLE_FIELDS)
        # The service validates the document as a whole (full_clean), the file by its content
        # once; `file: null` (or an empty multipart field) withdraws the file.
        extra_kwargs = {"file": {"validators": [], "allow_null": True}}


class DocumentFilterSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Words to find in titles and descriptions (Arabic or "
        "French; hamza, ta marbuta and accents aside).",
    )


@extend_schema_view(
    get=extend_schema(parameters=[DocumentFilterSerializer]),
    post=extend_schema(request=DocumentInputSerializer),
)
class DocumentListApi(generics.ListCreateAPIView):
    """The member's published documents, newest first."""

    serializer_class = DocumentOutputSerializer

    def get_queryset(self):
        filters = DocumentFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return document_library(
            query=filters.validated_data.get("q"), category=filters.validated_data.get("category")
        )

    def create(self, request, *args, **kwargs):
        given = DocumentInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        document = run_service(document_create, by=actor(request), **given.validated_data)
        return Response(self.get_serializer(document).data, status=201)


@extend_schema_view(
    put=extend_schema(request=DocumentInputSerializer),
    patch=extend_schema(request=DocumentInputSerializer),
)
class DocumentDetailApi(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = DocumentOutputSerializer

    def get_queryset(self):
        return document_library()

    def update(self, request, *args, partial: bool = False, **kwargs):
        document = self.get_object()
        given = DocumentInputSerializer(data=request.data, partial=partial)
        given.is_valid(raise_exception=True)
        document = run_service(
            document_update, document=document, by=actor(request), **given.validated_data
        )
        return Response(self.get_serializer(document).data)

    def perform_destroy(self, instance):
        document_delete(document=instance)
