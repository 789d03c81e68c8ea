"""A report's text -> a draft report YAML for an editor to review.

Rules are general patterns of how Chinese investment reports state things (amounts with 元/萬元/
億元, 占計劃…的…%, 同比增長/下降…%, 增長…倍, …個百分點, counts, rates, shares, project names
with their progress), in Simplified or Traditional script. Nothing is guessed: every value comes
with the sentence it was read from (`quote:` or a `# from:` comment), and what was not found is
listed at the end of the draft. The draft is data for review, not publication.

The package reads one way: `normalize` (cleaning, written numbers) and `dates`, then
`segment` (parts, sections, items), then per sentence `names`, `facts` and `figures` with
`discourse` deciding which project a sentence is about; `tables` and `schedule` read
schedules, `areas` the towns, streets and parks a table or a line tells of (figures, not
projects); `report` runs it all into a `draft.Draft`, which `render` writes as YAML. The
words the rules are built from are in `lexicon`, the patterns in `patterns`.
"""

from .dates import find_period, parse_date
from .draft import Draft
from .names import slug
from .normalize import clean, written_numbers
from .render import to_yaml
from .report import extract, extract_document

__all__ = [
    "Draft",
    "clean",
    "extract",
    "extract_document",
    "find_period",
    "parse_date",
    "slug",
    "to_yaml",
    "written_numbers",
]
