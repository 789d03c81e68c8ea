"""The rules a first paint needs (generator/critical.py): what the pages can use, in order."""

from __future__ import annotations

from generator.critical import Vocabulary, _rewrite, subset

PAGES = [
    b'<html><body><nav class="md-tabs" hidden><a class="md-tabs__link" href="x">x</a></nav>'
    b'<table id="figures"><tr><td data-sort="1">1</td></tr></table></body></html>'
]
CSS = """@charset "UTF-8";
:root{--md-primary:#4051b5}
.md-tabs{display:block}
.md-search-result__item{color:red}
.md-tabs__link:hover,.md-search__input:focus{opacity:1}
#figures td[data-sort]{text-align:right}
#other{color:blue}
nav:not(.md-nope),section{margin:0}
:is(.md-tabs, .md-nope) a{color:green}
@media screen and (max-width:60em){.md-tabs{display:none}.md-drawer{left:0}}
@media print{.md-search{display:none}}
@keyframes spin{to{transform:rotate(1turn)}}
"""


def test_only_rules_the_pages_can_use_are_kept_in_their_order():
    kept = subset(CSS, Vocabulary(PAGES))
    assert kept == (
        ":root{--md-primary:#4051b5}"
        ".md-tabs{display:block}"
        ".md-tabs__link:hover{opacity:1}"
        "#figures td[data-sort]{text-align:right}"
        "nav:not(.md-nope){margin:0}"
        ":is(.md-tabs, .md-nope) a{color:green}"
        "@media screen and (max-width:60em){.md-tabs{display:none}}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
    )


def test_a_page_gets_the_block_and_its_stylesheets_unblocked_once():
    head = (
        b'<head>\n<link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css">\n'
        b'<meta name="x">\n<link rel="stylesheet" href="../assets/bulletin.css">\n</head>'
    )
    once = _rewrite(head, b"<style>a{b:c}</style>")
    assert once.decode() == (
        "<head>\n<style>a{b:c}</style>\n"
        '<link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css" media="print"'
        ' data-bulletin-styles><link rel="stylesheet" href="../assets/bulletin.css"'
        ' media="print" data-bulletin-styles>\n'
        '<noscript><link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css">'
        '<link rel="stylesheet" href="../assets/bulletin.css"></noscript>\n'
        '<meta name="x">\n</head>'
    )
    assert _rewrite(once, b"<style>a{b:c}</style>") == once
