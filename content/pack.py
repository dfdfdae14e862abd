"""The content pack: the behaviours, pulse questions, key messages and discussion prompts Cadence speaks with.

The default pack is five TOML files in ``content/pack/``; an organisation replaces it with a folder of its own
holding the same five files. A pack is validated whole when loaded, so a broken one is refused at once with
one message naming the file, the entry and the problem, rather than failing later in front of a user.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from content.pack_entries import validate_pack_data
from content.pack_model import (
    CLARITY_ID,
    DEFAULT_LIKERT5_LABELS,
    DEFAULT_NPS11_ANCHORS,
    DEFAULT_REACTION_LABEL,
    DIMENSIONS,
    FOLLOWUP_DIMENSION,
    FOLLOWUP_PREFIX,
    PACK_FILES,
    SCALES,
    Behaviour,
    ContentPack,
    ContentPackError,
    FollowUp,
    KeyMessage,
    Prompt,
    Question,
    Track,
)

DEFAULT_PACK_DIR = Path(__file__).with_name("pack")


def load_pack(directory: Path | None = None) -> ContentPack:
    """Read and validate the pack in ``directory`` (default: the pack shipped with Cadence)."""
    folder = directory or DEFAULT_PACK_DIR
    return validate_pack_data({stem: _read_toml(folder / f"{stem}.toml") for stem in PACK_FILES})


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise ContentPackError(f"{path.name}: not found in {path.parent}") from None
    except OSError as error:
        raise ContentPackError(f"{path.name}: cannot be read ({error.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ContentPackError(f"{path.name}: not valid TOML ({error})") from None


__all__ = [
    "CLARITY_ID",
    "DEFAULT_LIKERT5_LABELS",
    "DEFAULT_NPS11_ANCHORS",
    "DEFAULT_PACK_DIR",
    "DEFAULT_REACTION_LABEL",
    "DIMENSIONS",
    "FOLLOWUP_DIMENSION",
    "FOLLOWUP_PREFIX",
    "PACK_FILES",
    "SCALES",
    "Behaviour",
    "ContentPack",
    "ContentPackError",
    "FollowUp",
    "KeyMessage",
    "Prompt",
    "Question",
    "Track",
    "load_pack",
    "validate_pack_data",
]
