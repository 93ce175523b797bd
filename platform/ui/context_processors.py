from django.conf import settings


def network(request):
    """What every page's frame needs: the data credit and the network's domain."""
    return {
        "registry_credit": settings.REGISTRY_CREDIT,
        "network_url": f"//{settings.NETWORK_DOMAIN}{settings.SITE_PORT_HINT}/",
        "member": getattr(request, "tenant", None),
    }
