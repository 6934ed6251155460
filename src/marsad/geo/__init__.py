"""Places: the gazetteer, toponym recognition and resolution, admin areas and geo precision."""
