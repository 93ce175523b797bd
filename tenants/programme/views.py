from django.http import HttpResponse


def programme(request):  # placeholder until the feature lands
    return HttpResponse(status=204)
