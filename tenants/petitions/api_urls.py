from django.urls import path

from tenants.petitions import api

urlpatterns = [
    path("petitions/", api.PetitionListApi.as_view(), name="api-petition-list"),
    path("petitions/<int:pk>/", api.PetitionDetailApi.as_view(), name="api-petition-detail"),
    path("petitions/<int:pk>/sign/", api.PetitionSignApi.as_view(), name="api-petition-sign"),
    path(
        "petitions/<int:pk>/signatures/",
        api.PetitionSignatureListApi.as_view(),
        name="api-petition-signatures",
    ),
    path(
        "petitions/<int:pk>/transition/",
        api.PetitionTransitionApi.as_view(),
        name="api-petition-transition",
    ),
    path(
        "petitions/<int:pk>/publish/", api.PetitionPublishApi.as_view(), name="api-petition-publish"
    ),
]
