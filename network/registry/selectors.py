from django.db.models import QuerySet

from network.registry.models import Collectivity


def collectivity_list(*, tier: str | None = None) -> QuerySet[Collectivity]:
    qs = Collectivity.objects.select_related("region", "province")
    return qs.filter(tier=tier) if tier else qs


def collectivity_get(*, code: str) -> Collectivity | None:
    return collectivity_list().filter(code=code).first()
