from django.http import HttpResponse


def library(request):  # placeholder until the feature lands
    return HttpResponse(status=204)
