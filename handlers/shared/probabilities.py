"""Forecast stage probabilities: sensible defaults, overridden per workspace by an admin."""

from __future__ import annotations

import json

from handlers.shared.errors import UserError
from storage.models import Workspace

# Common defaults for a B2B funnel; admins override per workspace (stage_probabilities).
DEFAULT_PROBABILITY = {"prospecting": 10, "qualification": 25, "proposal": 50, "negotiation": 75}


def probabilities(workspace: Workspace) -> dict[str, int]:
    merged = dict(DEFAULT_PROBABILITY)
    if workspace.stage_probabilities:
        try:
            custom = json.loads(workspace.stage_probabilities)
        except ValueError:
            custom = {}
        merged.update({k: int(v) for k, v in custom.items() if k in merged and 0 <= int(v) <= 100})
    return merged


def set_probabilities(workspace: Workspace, text: str) -> str:
    """Admin override: "proposal 40 negotiation 80" or "proposal=40, negotiation=80"."""
    words = text.replace("=", " ").replace(",", " ").replace("%", " ").split()
    if len(words) % 2 or not words:
        raise UserError("Give stage and percent pairs, like `proposal 40 negotiation 80`.")
    merged = probabilities(workspace)
    for stage, percent in zip(words[::2], words[1::2], strict=True):
        if stage.lower() not in DEFAULT_PROBABILITY:
            raise UserError(f"{stage!r} is not an open stage: {', '.join(DEFAULT_PROBABILITY)}.")
        if not percent.isdigit() or int(percent) > 100:
            raise UserError(f"The {stage} probability must be a whole percent from 0 to 100.")
        merged[stage.lower()] = int(percent)
    workspace.stage_probabilities = json.dumps(merged)
    return ", ".join(f"{stage} {p}%" for stage, p in merged.items())
