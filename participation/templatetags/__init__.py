"""Template tags of the participation app."""
