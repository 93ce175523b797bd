def meeting_upcoming(*, limit: int = 3) -> list:
    return []  # placeholder until the feature lands
