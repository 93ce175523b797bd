from django.http import HttpResponse


def list(request):  # placeholder until the feature lands
    return HttpResponse(status=204)
