"""Data files of marsad.events (cue word lists), read with importlib.resources."""
