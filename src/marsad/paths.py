"""Where Marsad keeps what it builds on the user's machine (trained models, gazetteers, caches)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir"]


def data_dir() -> Path:
    """``$MARSAD_DATA_DIR``, else ``$XDG_DATA_HOME/marsad``, else ``~/.local/share/marsad``.

    Only the path is computed: whoever writes there creates it, so merely importing or reading never
    leaves directories behind.
    """
    explicit = os.environ.get("MARSAD_DATA_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    # The XDG spec says a relative value is invalid and must be ignored.
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "marsad"
    return Path.home() / ".local" / "share" / "marsad"
