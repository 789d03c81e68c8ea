"""The editor's messages (generator/i18n.py): one catalogue, in the bulletin's script."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator import i18n
from tests.conftest import ROOT
from tests.test_scripts import HAN, only_in

# the modules whose every message goes through the catalogue (check's: the data's problems)
# the extractor's modules (its draft's comments are checked by what it writes)
EXTRACT = sorted(f"extract/{p.name}" for p in (ROOT / "generator" / "extract").glob("*.py"))
CATALOGUED = [
    "checks.py",
    "loading.py",
    "model.py",
    "errors.py",
    "settings.py",
    "publish.py",
    "readers.py",
    "init.py",
    "scaffold.py",
    "pipeline.py",
    "site.py",
    "__main__.py",
    "verify.py",
    "preview.py",
    "province.py",
    "pages.py",
    "messages.py",
    "nginx.py",
]
MESSAGE_CALLS = {
    "DataError",
    "LoadError",
    "ValueError",
    "BulletinError",
    "error_at",
    "add",
    "print",
    "fault",
    "report",
    "ArgumentTypeError",
    "error",
}


def test_every_message_has_its_chinese_forms_in_each_script_only():
    for language, other in (("hans", "hant"), ("hant", "hans")):
        catalogue = i18n._catalogue(language)
        assert len(catalogue) >= 60
        for english, text in catalogue.items():
            words = re.sub(r"\{[^}]*\}|python -m generator \w+|publish|[\W\d]", "", english)
            assert text != english or not words, english  # (a command's name stays)
            wrong = sorted({c for c in text if HAN.match(c) and only_in(c, other)})
            assert wrong == [], (language, text, wrong)
            assert all(f in text for f in fields(english)), (english, text)


def fields(template: str) -> list[str]:
    """A template's named fields, {name} or argparse's %(name)s and %s."""
    import string

    if re.search(r"%\(\w+\)[sdr]|%[sr]", template):
        return re.findall(r"%\(\w+\)[sdr]|%[sr]", template)
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def messages_in_code() -> list[str]:
    """Every template passed to _() or tr() in the catalogued modules and the draft's."""
    found = []
    for name in CATALOGUED + [*EXTRACT, "review.py"]:
        tree = ast.parse((ROOT / "generator" / name).read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "tr"):
                if node.args and isinstance(node.args[0], ast.Constant):
                    found.append(node.args[0].value)
    return found


def test_every_message_of_the_code_is_in_the_catalogue():
    catalogue = i18n._catalogue("hans")
    missing = sorted(set(messages_in_code()) - set(catalogue))
    assert missing == []


@pytest.mark.parametrize("name", CATALOGUED)
def test_no_message_is_written_outside_the_catalogue(name):
    """A literal sentence handed to an error is a message no editor can read in Chinese."""
    tree = ast.parse((ROOT / "generator" / name).read_text("utf-8"))
    literal = []
    for node in ast.walk(tree):
        called = getattr(node, "func", None)
        name_of = getattr(called, "id", "") or getattr(called, "attr", "")
        if isinstance(node, ast.Call) and (name_of in MESSAGE_CALLS or name_of == "add_argument"):
            for arg in node.args + [k.value for k in node.keywords if k.arg == "help"]:
                words = [arg] if isinstance(arg, ast.Constant) else getattr(arg, "values", [])
                if isinstance(arg, ast.BinOp):  # "text " + names + "; more text"
                    words = list(_constants_outside_the_catalogue(arg))
                if any(
                    isinstance(w, ast.Constant) and isinstance(w.value, str) and " " in w.value
                    for w in words
                ):  # a sentence, not a field path such as f"regions[{i}].id"
                    literal.append(f"{name}:{node.lineno}: {ast.unparse(arg)[:70]}")
    assert literal == []


def _constants_outside_the_catalogue(node):
    """The string constants of an expression, but for those inside _() or tr()."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "tr"):
        return
    if isinstance(node, ast.Constant) and re.search(r"[A-Za-z]{2,}", str(node.value)):
        yield node
    for child in ast.iter_child_nodes(node):
        yield from _constants_outside_the_catalogue(child)


def test_the_locale_variables_choose_as_gettext_does():
    pick = i18n.from_environment
    assert pick({"LANG": "zh_CN.UTF-8"}) == "hans"
    assert pick({"LANG": "zh_TW.UTF-8"}) == "hant"
    assert pick({"LC_ALL": "zh_HK.UTF-8", "LANG": "zh_CN.UTF-8"}) == "hant"
    assert pick({"LANGUAGE": "en_US:zh_CN", "LANG": "zh_CN.UTF-8"}) == "en"
    assert pick({"LANG": "en_US.UTF-8"}) == "en"
    assert pick({"LANG": "C.UTF-8"}) is None and pick({"LC_ALL": "POSIX"}) is None
    assert pick({}) is None


def test_the_traditional_catalogue_may_reword_an_entry(tmp_path, monkeypatch):
    own = tmp_path / "zh_Hant" / "LC_MESSAGES"
    own.mkdir(parents=True)
    (own / "editor.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "required field is missing; add it"\nmsgstr "缺少必填欄位；請補上"\n',
        "utf-8",
    )
    shutil_copy = __import__("shutil").copytree
    shutil_copy(i18n.LOCALE / "zh_Hans", tmp_path / "zh_Hans")
    monkeypatch.setattr(i18n, "LOCALE", Path(tmp_path))
    i18n._catalogue.cache_clear()
    try:
        hant = i18n._catalogue("hant")
        assert hant["required field is missing; add it"] == "缺少必填欄位；請補上"
        assert hant["a project cannot be a part of itself"] == "項目不能是它自己的一部分"
    finally:
        i18n._catalogue.cache_clear()


COMMANDS = re.compile(r"python -m generator \w+|data/regions\.yaml|--part|yaml-language-server.*")


@pytest.mark.parametrize("language", ["hans", "hant"])
def test_a_draft_s_comments_are_in_the_editor_s_script(language, capsys, monkeypatch):
    """extract's draft of a Simplified report, for a Simplified or a Traditional editor: its
    comments hold no English sentence and no character of the other script only."""
    from generator.__main__ import main

    monkeypatch.setenv("LANGUAGE", {"hans": "zh_CN", "hant": "zh_TW"}[language])
    text = ROOT / "tests" / "fixtures" / "county" / "hexi-2026-m09.txt"
    assert main(["extract", str(text), "--region", "hexi"]) == 0
    draft = capsys.readouterr().out
    comments = [line.split("#", 1)[1] for line in draft.splitlines() if "#" in line]
    assert len(comments) >= 5
    other = "hant" if language == "hans" else "hans"
    for comment in comments:
        words = COMMANDS.sub("", re.sub(r"「[^」]*」|'[^']*'", "", comment))
        assert not re.search(r"[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}", words), comment
        # (the report's own words are quoted in 「」, and stay as written)
        assert not [c for c in words if HAN.match(c) and only_in(c, other)], comment


@pytest.mark.parametrize("language", ["hans", "hant"])
def test_the_review_page_speaks_the_editor_s_script(language, tmp_path, capsys, monkeypatch):
    """The review page of a draft, title, legend and the draft's values with each field's
    name: no English sentence, no character of the other script only (the source's own text
    and the draft's values stay as written)."""
    from generator.__main__ import main

    monkeypatch.setenv("LANGUAGE", {"hans": "zh_CN", "hant": "zh_TW"}[language])
    text = ROOT / "tests" / "fixtures" / "county" / "hexi-2026-m09.txt"
    assert main(["extract", str(text), "--region", "hexi"]) == 0
    draft = tmp_path / "2026-m09.yaml"
    draft.write_text(capsys.readouterr().out, "utf-8")
    page = tmp_path / "review.html"
    assert main(["review", str(draft), str(text), "-o", str(page)]) == 0
    html = page.read_text("utf-8")
    assert f'<html lang="zh-{language.capitalize()}">' in html
    own = re.sub(r"<section.*?</section>|<b>.*?</b>|<code>.*?</code>", "", html, flags=re.S)
    own = re.sub(r"<li id=\"[^\"]*\">[^<]*", "<li>", own)  # the figure's label, as drafted
    words = re.sub(r"<style>.*?</style>|<[^>]+>|\{[^}]*\}", " ", own, flags=re.S)
    words = re.sub(r"[\w.-]+\.(?:yaml|txt)", " ", words)
    assert not re.search(r"[A-Za-z]{3,}[ ,:;]+[A-Za-z]{3,}", words), words
    other = "hant" if language == "hans" else "hans"
    assert not [c for c in words if HAN.match(c) and only_in(c, other)]


COMMAND_NAMES = ["check", "build", "generate", "serve", "schema", "extract", "review", "new"]
COMMAND_NAMES += ["verify", "init", "nginx", "publish", "upgrade", "province"]
# what stays as typed in a help text: options, metavars, commands, file names, programs
TYPED = re.compile(
    r"--?[\w-]+|\b[A-Z][A-Z_]+\b|\{[^}]*\}|python -m generator \w*|[\w./-]*[/.][\w./=-]*"
    r"|\b(?:Big5|YAML|JSON|Schema|HTML|XML|nginx|location|rclone|pip|wheel|mkdocs|brotli_static|hans|"
    r"hant|id|publish_to|precompress|true|jobs|make|upgrade|site|content|data|report|hexi|"
    r"usage|command|name|path|SHARD|text|github|tzgb|draft|source|folder|kind)\b"
    r"|\b(?:" + "|".join(COMMAND_NAMES) + r")\b"
)


@pytest.mark.parametrize("language", ["hans", "hant"])
def test_every_command_s_help_and_argparse_s_words_are_chinese(language, capsys, monkeypatch):
    """`--help` of every command, and an argparse error, in the editor's script: what is
    left once options, metavars and file names are taken out has no English word."""
    from generator.__main__ import main

    monkeypatch.setenv("LANGUAGE", {"hans": "zh_CN", "hant": "zh_TW"}[language])
    other = "hant" if language == "hans" else "hans"
    for command in [[], *([c] for c in COMMAND_NAMES)]:
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        shown = capsys.readouterr().out
        assert re.search(r"用法：|用法：", shown), shown
        words = TYPED.sub(" ", shown)
        assert not re.search(r"[A-Za-z]{3,}", words), (command, words)
        assert not [c for c in shown if HAN.match(c) and only_in(c, other)], command
    with pytest.raises(SystemExit):
        main(["new", "report"])
    error = capsys.readouterr().err
    assert "--region, --period" in error and ("缺少以下参数" in error or "缺少以下參數" in error)
