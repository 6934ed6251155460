"""Actor roles: who did it (actor1) and to whom (actor2), with associated actors.

Arabic news writes verb-subject-object (قتلت القوات الأميركية 15 عنصرا من داعش) as often as
subject-verb (التحالف نفذ ضربتين ضد داعش); cue words settle most cases: من قبل / على يد mark the
agent, ضد / استهدف / على the target, and the people a count is of (عنصرا من داعش) are the victims.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from marsad.codebook import Actor, Codebook
from marsad.events.recognized import Recognized
from marsad.text.normalize import normalize_string


@cache
def _cues() -> dict[str, tuple[str, ...]]:
    spec = json.loads(resources.files("marsad.events.data").joinpath("roles.json").read_text("utf-8"))
    return {kind: tuple(normalize_string(word) for word in words) for kind, words in spec.items() if kind[0] != "_"}


_SIDE = {"state": "state", "external": "state", "rebel": "armed", "militia": "armed", "identity": "armed"}
_DEMONYM_ENDINGS = ("ي", "يه", "يين", "يون")


@dataclass
class ActorRole:
    actor: Actor
    norm_start: int
    norm_end: int
    token: int


@dataclass
class ActorRoles:
    actor1: ActorRole | None = None
    actor2: ActorRole | None = None
    assoc_actor_1: list[ActorRole] | None = None
    assoc_actor_2: list[ActorRole] | None = None


def _preceded_by(found: Recognized, token: int, cues: tuple[str, ...], reach: int = 3) -> bool:
    text = " ".join(found.tokens.surfaces[max(0, token - reach) : token])
    return any(f" {cue} " in f" {text} " for cue in cues)


def _coordinated(found: Recognized, first: ActorRole, second: ActorRole) -> bool:
    """second follows first joined by و (القوات الأميركية وعناصر من جهاز المخابرات)."""
    return 0 < second.token - first.token <= 4 and found.tokens.surfaces[second.token].startswith("و")


def _opposed(first: Actor, second: Actor) -> bool:
    return _SIDE.get(first.kind) != _SIDE.get(second.kind) or first.kind == "civilians" or second.kind == "civilians"


def demonym_partners(found: Recognized, codebook: Codebook, after: ActorRole) -> list[ActorRole]:
    """القوات الأميركية والعراقية: a coordinated nationality adjective names that country's forces."""
    partners = []
    for match in found.countries:
        if not after.token < match.first_token <= after.token + 3:
            continue
        surface = found.tokens.surfaces[match.first_token]
        if surface.startswith("و") and surface.endswith(_DEMONYM_ENDINGS):
            forces = codebook.state_forces(match.payload.country)
            if forces is not None:
                partners.append(ActorRole(forces, match.norm_start, match.norm_end, match.first_token))
    return partners


def assign_roles(
    actors: list[ActorRole],
    trigger_first: int,
    trigger_last: int,
    trigger_is_verb: bool,
    clause: range,
    victim_tokens: set[int],
    found: Recognized,
    protest: bool,
    clash: bool = False,
    sentence_start: int = 0,
) -> ActorRoles:
    roles = ActorRoles(assoc_actor_1=[], assoc_actor_2=[])
    if not actors:
        return roles
    cues = _cues()
    target_cues = (*cues["target"], *cues["clash_target"]) if clash else cues["target"]  # اشتبكت مع المتطرفين
    agent: ActorRole | None = None
    target: ActorRole | None = None
    pair = _between_pair(found, trigger_first, actors)  # اشتباكات بين X و Y names both sides outright
    if pair:
        agent, target = pair
    for role in actors:
        if pair:
            break
        if role.token in victim_tokens and target is None:
            target = role
        elif agent is None and (
            _preceded_by(found, role.token, cues["agent"])
            or (
                not trigger_is_verb
                and 0 < role.token - trigger_last <= 2
                and _preceded_by(found, role.token, ("من",), 1)
            )
        ):
            agent = role
        elif target is None and role.token > trigger_first and _preceded_by(found, role.token, target_cues):
            target = role
    remaining = [role for role in actors if role is not agent and role is not target]
    if agent is None:
        # the subject: the first actor of the trigger's clause before it, else (verb-subject
        # order, or a noun with ل: غارة للتحالف) the first one after it
        before = [role for role in remaining if clause.start <= role.token < trigger_first]
        after = [role for role in remaining if role.token > trigger_last]
        if not before and not (trigger_is_verb and after):
            # the subject of an earlier clause: a coordinated verb (…، واشتبكت مع) shares it, and
            # a noun trigger (…، نفذت، أمس، ضربة جوية) has its agent before the commas
            earlier = [role for role in remaining if sentence_start <= role.token < clause.start]
            before = _chain_head(found, earlier)
        if before:
            agent = before[0]
        elif after and (
            trigger_is_verb
            or (after[0].token - trigger_last <= 2 and found.tokens.surfaces[after[0].token].startswith("ل"))
        ):
            agent = after[0]  # قتلت القوات …, غارة للتحالف
    remaining = [role for role in remaining if role is not agent]
    if target is None:
        after = [role for role in remaining if role.token > trigger_first]
        target = after[0] if after else None
        if target and agent and not _opposed(agent.actor, target.actor):
            # a coalition strike "supporting" Iraqi forces against ISIS: the target is the other side
            other = next((role for role in after if _opposed(agent.actor, role.actor)), None)
            if other is not None:
                roles.assoc_actor_1.append(target)  # type: ignore[union-attr]
                target = other
    remaining = [role for role in remaining if role is not target and role not in roles.assoc_actor_1]  # type: ignore[operator]
    if agent is not None and target is not None and target.actor.id == agent.actor.id:
        # one actor on both sides is a misreading (الشرطة … مركز شرطة): look for the other side
        target = next(
            (role for role in remaining if role.actor.id != agent.actor.id and role.token > trigger_first), None
        )
    if agent is not None and agent.actor.kind == "civilians" and not protest:
        # civilians are the victims of political violence, never its agents (ACLED)
        agent, target = None, target or agent
    roles.actor1, roles.actor2 = agent, target
    for role in remaining:
        if agent and (role.actor.id == agent.actor.id or _coordinated(found, agent, role)):
            if role.actor.id != agent.actor.id:
                roles.assoc_actor_1.append(role)  # type: ignore[union-attr]
        elif target and _coordinated(found, target, role) and role.actor.id != target.actor.id:
            roles.assoc_actor_2.append(role)  # type: ignore[union-attr]
    return roles


def _chain_head(found: Recognized, earlier: list[ActorRole]) -> list[ActorRole]:
    """The last actor before the clause, walked back to the first of its coordinated partners
    (القوات العراقية وقوات التحالف: the Iraqi forces lead, the coalition is associated)."""
    if not earlier:
        return []
    index = len(earlier) - 1
    while index > 0 and _coordinated(found, earlier[index - 1], earlier[index]):
        index -= 1
    return [earlier[index]]


def _between_pair(found: Recognized, trigger_at: int, actors: list[ActorRole]) -> tuple[ActorRole, ActorRole] | None:
    """اشتباكات بين X و Y: the two sides of a clash."""
    after = [role for role in actors if role.token > trigger_at]
    if len(after) < 2:
        return None
    surfaces = found.tokens.surfaces
    if not any(surfaces[i] in ("بين", "ما") for i in range(trigger_at + 1, after[0].token)):
        return None
    other = next((role for role in after[1:] if role.actor.id != after[0].actor.id), None)
    return (after[0], other) if other else None
