"""Kontinuerlig opfølgning (B8): the statutory follow-up conversations (integrationsloven §20) and their deadlines."""
