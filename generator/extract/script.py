"""The words a draft writes of its own (bases, the whole a share is of, stages), in the
script the report is written in: the rules name them in Traditional (lexicon), a Simplified
report's draft says 年初累计, 总投资, 储备. The report's own words (labels, names, quotes)
stay as written."""

from __future__ import annotations

import copy

from ..chinese import script_of
from ..vocabulary import AMOUNT_BASES, CHANGE_BASES, PLAN_WHOLES, STAGES
from .draft import Draft
from .lexicon import twin

# the data's words a draft may write, each with its Simplified form
OWN_WORDS = {
    word: twin(word)
    for word in (*AMOUNT_BASES, *CHANGE_BASES, *PLAN_WHOLES, *STAGES)
    if twin(word) in (*AMOUNT_BASES, *CHANGE_BASES, *PLAN_WHOLES, *STAGES)
}
WORD_KEYS = ("basis", "of", "stage")


def draft_script(draft: Draft) -> str:
    """The script of the report the draft quotes (its quotes, else its title)."""
    quotes = [f.get("quote", "") for f in draft.figures] + [
        p.get("quote", "") for p in draft.projects
    ]
    texts = [q for q in quotes if q] or [str(draft.fields.get("title", ""))]
    return script_of(texts)


def in_script(draft: Draft) -> Draft:
    """A copy of the draft whose own words are in the report's script (the draft itself
    when the report is in Traditional)."""
    if draft_script(draft) != "hans":
        return draft
    out = copy.copy(draft)
    out.figures = [_words_of(f) for f in draft.figures]
    out.projects = [_words_of(p) for p in draft.projects]
    return out


def _words_of(value):
    """The value with each basis, share's whole and stage in Simplified."""
    if isinstance(value, dict):
        return {
            k: OWN_WORDS.get(v, v) if k in WORD_KEYS and isinstance(v, str) else _words_of(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_words_of(v) for v in value]
    return value
