"""Recognition: lexicon matching over normalized text, and a statistical tagger for unknown names."""
