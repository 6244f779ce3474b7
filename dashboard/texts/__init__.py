"""The pages' English and German texts, kept apart from their layout and callbacks."""
