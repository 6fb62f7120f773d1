"""Events: who did what to whom, coded per clause.

Two coders share this package: ``rules`` (PETRARCH2's CAMEO verb patterns over the parse:
``verbs``, ``clauses``, ``modality``, ``participants``, ``ontology``, ``circumstances``) and
``learned`` (models trained on hand-coded real news: ``features``, ``linear``, ``learned``),
which reads the rules' proposals as features of its own.
"""

from dateline.stages.events.rules import RuleEventCoder

__all__ = ["RuleEventCoder"]
