"""The NER model (ner.crfsuite, CC BY-SA 3.0: see MODEL_CARD.md)."""
