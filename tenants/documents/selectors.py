def document_latest(*, limit: int = 5) -> list:
    return []  # placeholder until the feature lands
