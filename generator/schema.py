"""JSON Schemas of the data files, for editors that check YAML as it is typed."""

from __future__ import annotations

import json
from pathlib import Path

from .i18n import _, language
from .model import RegionsFile, Report
from .settings import SettingsFile

# What each field means, with an example: the description VS Code shows on hover (in the
# bulletin's script, from the editor catalogue, generator/i18n.py).
FIELD_HELP = {
    "Report": "One report file: data/reports/<region>/<period>.yaml.",
    "Report.region": "The region's id from data/regions.yaml, e.g. hexi.",
    "Report.title": "The report's title as written.",
    "Report.other_titles": "Other titles the same report is known by.",
    "Report.issuer": "Who issued the report, e.g. 河西县发展和改革局.",
    "Report.addressee": "To whom it is addressed, e.g. 县人民政府.",
    "Report.published": "The report's date, YYYY-MM-DD, e.g. 2026-10-12.",
    "Report.published_as": (
        "The date as written when it is not in digits, e.g. 二〇二六年十月十二日."
    ),
    "Report.period": "The span the report covers: {start, end, label}.",
    "Report.source": "The file the data was taken from: {document, parts}.",
    "Report.summary": "The report's own summary sentence.",
    "Report.figures": "The headline figures, each as the report states it.",
    "Report.projects": "The key projects the report names, each with what it says of them.",
    "Report.problems": "The problems the report lists, one sentence each.",
    "Report.next_steps": "What the report says will be done next, one sentence each.",
    "Report.measures": "The measures taken, as headed paragraphs.",
    "Report.other_progress": "Other progress the report describes, one sentence each.",
    "Report.notes": "The editor's notes on this file (not published as the report's words).",
    "Source.document": "The file name, e.g. 报告.docx.",
    "Source.parts": "Which parts of the file, e.g. [篇一].",
    "Period.start": "First day, YYYY-MM-DD, e.g. 2026-01-01.",
    "Period.end": "Last day, YYYY-MM-DD, e.g. 2026-09-30.",
    "Period.label": "The period as the report names it, e.g. 1—9月.",
    "Figure.label": "What the figure is, as written, e.g. 全县固定资产投资.",
    "Figure.value": "The value: {amount, unit}, e.g. {amount: 48.6, unit: 亿元}.",
    "Figure.plan": "The plan it is measured against: {amount, unit}.",
    "Figure.share_of_plan": "The share of the plan in percent, e.g. 74.8 for 占年度计划的74.8%.",
    "Figure.share": "A share of a whole: {percent, of}.",
    "Figure.changes": 'Comparisons as stated, e.g. - {value: 7.4, unit: "%", basis: 同比}.',
    "Figure.rank": "A ranking as stated: {position, among, of}.",
    "Figure.period": "The figure's own period when it is not the report's.",
    "Figure.quote": "The sentence the figure is taken from, as written.",
    "Money.amount": "The number as written, without its unit, e.g. 3.21.",
    "Money.unit": "The unit of money: 元, 万元 or 亿元.",
    "Quantity.amount": "The number as written, without its unit.",
    "Quantity.unit": "The unit as written, e.g. 亿元, 个, 公里, %.",
    "Quantity.basis": "What the amount is, e.g. 总投资 or 年度计划.",
    "Change.value": "The change as a number: 下降22% is -22.",
    "Change.unit": "%, 倍 or 个百分点.",
    "Change.basis": "Compared with what, e.g. 同比, 环比, 序时进度.",
    "Rank.position": "The place, e.g. 3 for 位居全市第3.",
    "Rank.among": "Among whom, e.g. 全市.",
    "Rank.of": "Ranked by what, e.g. 增速.",
    "Share.percent": "The percentage, 0 to 100, e.g. 19.9.",
    "Share.of": "Of what whole, e.g. 总投资 or 年度计划.",
    "ProjectUpdate.id": (
        "The project's id: lowercase letters, digits and hyphens, "
        "the same in every report, e.g. chengdong-wushuichang."
    ),
    "ProjectUpdate.name": "The project's name as written, e.g. 城东污水处理厂扩建工程.",
    "ProjectUpdate.aliases": "Other names the report calls it by.",
    "ProjectUpdate.stage": "Its stage as stated, e.g. 前期, 在建, 竣工.",
    "ProjectUpdate.sector": "Its sector, e.g. 交通 or 水利.",
    "ProjectUpdate.part_of": "The id of the whole project this is a part of.",
    "ProjectUpdate.amounts": (
        "Amounts stated for it, e.g. - {amount: 2.5, unit: 亿元, basis: 总投资}."
    ),
    "ProjectUpdate.capacity": "Installed capacity as stated: {units, amount, unit}.",
    "ProjectUpdate.physical_progress": (
        "Physical progress as stated, e.g. - {label: 主体工程, percent: 80}."
    ),
    "ProjectUpdate.progress": "What the report says of its progress, as written.",
    "ProjectUpdate.next_step": "What the report says will be done next for it.",
    "ProjectUpdate.quote": "The sentence about it, as written.",
    "ProjectAmount.amount": "The number as written, without its unit.",
    "ProjectAmount.unit": "The unit of money: 元, 万元 or 亿元.",
    "ProjectAmount.basis": "What the amount is, e.g. 总投资, 年度计划, 完成投资, 开工以来累计.",
    "ProjectAmount.share": "Its share of its whole: {percent, of}.",
    "Capacity.units": "How many units, e.g. 2 for 2×300MW.",
    "Capacity.amount": "Each unit's capacity, e.g. 300.",
    "Capacity.unit": "MW, kW, 千瓦 or 万千瓦.",
    "PhysicalProgress.label": "What part of the works, e.g. 主体工程.",
    "PhysicalProgress.percent": "How far, in percent, e.g. 80.",
    "PhysicalProgress.amount": "How much is done, e.g. 100.",
    "PhysicalProgress.unit": "Its unit, e.g. 公里.",
    "Measure.heading": "The measure's heading as written.",
    "Measure.paragraphs": "Its paragraphs as written.",
    "RegionsFile.regions": "The regions of this bulletin.",
    "Region.id": "The region's id: lowercase letters, digits and hyphens, e.g. hexi.",
    "Region.name": "The region's name, e.g. 河西县.",
    "Region.kind": "What the region is, e.g. 县, 区, 市.",
    "Region.note": "A note shown on the region's page.",
    "SettingsFile.site_name": "The bulletin's name, e.g. 河西县固定资产投资公报.",
    "SettingsFile.site_description": "One sentence on the bulletin, for search engines.",
    "SettingsFile.site_url": "Where the bulletin is published, e.g. https://www.hexi.gov.cn/tzgb/.",
    "SettingsFile.publisher": "Who publishes the open data, e.g. 河西县发展和改革局.",
    "SettingsFile.script": "The script of the data: hans (Simplified), hant (Traditional) or auto.",
    "SettingsFile.both_scripts": "Also publish the whole site in the other script (true or false).",
    "SettingsFile.precompress": "Write .gz and .br copies for the web server (true or false).",
    "SettingsFile.jobs": "How many builds run at once (default: the machine's cores).",
    "SettingsFile.publish_to": (
        "Where make publish puts the site: a folder or an rclone remote, e.g. county:/srv/www/tzgb."
    ),
    "SettingsFile.editor_language": (
        "The language of the tool's messages: hans, hant or en (default: the script)."
    ),
}


SCHEMAS = {
    "report.schema.json": (Report, "Investment bulletin report"),
    "regions.schema.json": (RegionsFile, "Investment bulletin regions"),
    "settings.schema.json": (SettingsFile, "Investment bulletin settings (bulletin.yml)"),
}


def _described(schema: dict, model_name: str) -> dict:
    """Each model and field of one schema with its meaning in the editor's language (a model
    whose meaning the catalogue lacks keeps only its fields' in Chinese)."""
    english = language() == "en"
    for name, part in [(model_name, schema), *schema.get("$defs", {}).items()]:
        if name in FIELD_HELP:
            part["description"] = _(FIELD_HELP[name])
        elif not english:
            part.pop("description", None)
        for field, prop in part.get("properties", {}).items():
            if f"{name}.{field}" in FIELD_HELP:
                prop["description"] = _(FIELD_HELP[f"{name}.{field}"])
    return schema


def schema_texts() -> dict[str, str]:
    out = {}
    for name, (model, title) in SCHEMAS.items():
        schema = _described(model.model_json_schema(mode="validation"), model.__name__)
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": _(title),
            **{k: v for k, v in schema.items() if k != "title"},
        }
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(root: Path) -> list[Path]:
    folder = root / "schemas"
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
        written.append(path)
    return written
