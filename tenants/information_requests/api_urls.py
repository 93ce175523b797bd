from django.urls import path

from tenants.information_requests import api

urlpatterns = [
    path("information-requests/", api.RegisterListApi.as_view(), name="api-information-requests"),
    path(
        "information-requests/<int:pk>/",
        api.RegisterDetailApi.as_view(),
        name="api-information-request",
    ),
    path(
        "information-requests/staff/",
        api.StaffListApi.as_view(),
        name="api-information-requests-staff",
    ),
    path(
        "information-requests/<int:pk>/staff/",
        api.StaffDetailApi.as_view(),
        name="api-information-request-staff",
    ),
    path(
        "information-requests/<int:pk>/transition/",
        api.TransitionApi.as_view(),
        name="api-information-request-transition",
    ),
    path(
        "information-requests/<int:pk>/complaint/",
        api.ComplaintApi.as_view(),
        name="api-information-request-complaint",
    ),
    path(
        "information-requests/<int:pk>/complaint/answer/",
        api.ComplaintAnswerApi.as_view(),
        name="api-information-request-complaint-answer",
    ),
]
