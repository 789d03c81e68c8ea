"""The patterns of how reports state figures and name projects, built from the lexicon."""

from __future__ import annotations

import re

from .lexicon import ABOUT, COUNT_UNIT, MONEY_UNIT, NUM, PACE, PLAN_WORD, THRESHOLD, rule
from .normalize import HAN

MONEY = rule(rf"(?<![\d.])({NUM})({MONEY_UNIT}){THRESHOLD}")


PLAN_SHARE = rule(rf"(?:[占佔]|完成了?|為|達到)(?!總){PLAN_WORD}({NUM})({MONEY_UNIT})的({NUM})%")


CHANGE = rule(
    rf"(同比|與去年同期相比|與上年同期比|與去年同期比|"
    rf"比去年同期|比上年同期|比上年|較上年|環比)?"
    rf"(增長|增加|提高|上升|下降|減少|回落|降低|比增|比降)了?{ABOUT}(-?{NUM})(%|倍|個百分點)"
)


VERSUS = rule(
    rf"(高於|超過|超出|超|快於|低於|慢於|落後)"
    rf"({'|'.join(PACE)}|全市|全省|全州|全國|上年)(?:平均水平|平均水準|平均增速|平均|水平|水準|增速)?"
    rf"({NUM})(個百分點|%)"
)


VERSUS_AFTER = rule(
    rf"(?:比|較)({'|'.join(PACE)}|全市|全省|全州|全國|上年)"
    rf"(?:平均水平|平均水準|平均增速|平均|水平|水準|增速)?(高|低|快|慢|多|少)(?:出|了)?({NUM})(個百分點)"
)


COUNT_BEFORE = rule(rf"(?<![\d.])(\d+)({COUNT_UNIT})([{HAN}]{{1,10}})")


COUNT_AFTER = rule(rf"([{HAN}]{{2,12}}?)(\d+)({COUNT_UNIT})(?![{HAN}])")


MEASURE_AFTER_COUNT = rule(rf"(\d+)(條|個)({NUM})(公里|千米|平方米|萬平方米|畝)")


RATE = rule(rf"([{HAN}]{{1,8}}率)(?:為|達|達到)?({NUM})%")


SHARE = rule(
    rf"(?:[占佔]([{HAN}]{{1,10}}?)的?)?(?:比重|[占佔]比)(?:為|達到|達)?({NUM})%"
    rf"|[占佔](全[{HAN}]{{1,8}}?)的?({NUM})%"
)


GROWTH_RATE = rule(rf"(同比)?增速(?:為|是|達到|達)?(-?{NUM})%")


RANK = rule(
    rf"(增速|增幅|總量)?(?:位居|居|排名|排)(全[{HAN}]{{1,2}}|[{HAN}]{{1,4}}(?:縣區|市|省|州))第(\d+)(?:位|名)?"
)


OF_PLAN = rule(
    rf"(?:完成了?|[占佔]|為)(?!總){PLAN_WORD}的?({NUM})%"
    rf"|(?:計劃|投資)完成率(?:為|達)?({NUM})%"
    # 「…,1—8月完成50.12億元,完成率69.6%」: a bare 完成率 right after a completed amount
    rf"|^完成率(?:為|達)?({NUM})%"
)


CAPACITY = rule(
    rf"(?:裝機)(?:容量)?({NUM})(萬千瓦|千瓦|MW|mw)"
    r"|(\d+)\s*[×xX*]\s*(\d+)\s*(MW|mw|兆瓦)"
    rf"|(?<![\d.×xX*])({NUM})(MW|萬噸/年|萬立方米/日|噸/日)"
    rf"|年[產产]({NUM})(萬噸)"  # 年產5萬噸: a yearly capacity
    rf"|日(?:處理|供水|生產)?(?:能力|規模)?(?:為|達)?({NUM})(萬立方米|萬噸|噸)"
)


INVESTED = rule(
    rf"(開工以來累計|開累|今年累計|累計|年初累計|本年|今年|"
    rf"當月|本月|[一二三四]季度|上半年|前三季度|"
    rf"(?:1|一)?[—–\-~至到]?\d{{1,2}}月(?:份)?)?已?完成了?(?:投資)?{ABOUT}({NUM})({MONEY_UNIT})"
)


TOTAL = rule(
    rf"(?<![占佔])((?:概算|計劃|估算|預計)?(?:總投資)|"
    rf"(?:本年|今年|年度|全年|當年|年)(?:投資)?(?:計劃)(?:完成)?(?:投資)?|"
    rf"(?:計劃)(?:完成)?(?:投資))"
    rf"{ABOUT}({NUM})({MONEY_UNIT})"
)


# a share of the total or of the plan, the whole written inside it or not:
# 占總投資的45%, 完成年度計劃的52.5%, 占年度投資任務15000萬元的57.3%
SHARE_TOTAL = rule(
    rf"(?:[占佔]|完成了?|為)(總投資|{PLAN_WORD})(?:({NUM})({MONEY_UNIT}))?的?({NUM})%"
    rf"|(累計|開累)?(?:投資)?完成率(?:為|達)?({NUM})%"
)


PERCENT_DONE = rule(
    rf"([{HAN}]{{0,14}}?)(?:已)?(?:完成|完成了)(?:工程總量的|總工程量的|工程量的|"
    rf"總工程量|工程量)?({NUM})%"
)


SIZE_WORDS = rule(r"^(?:長)|全長|總長|規劃|佔地|設計|面積|床位")


LENGTH_DONE = rule(rf"([{HAN}]{{2,8}})({NUM})(公里|千米|米)")


# Words that show a clause is an action or a category, not a project's name.
NOT_A_NAME = rule(
    r"把|是|加強|確保|強化|推進|做好|辦理|用好|用活|"
    r"納入|盤活|為|堅持|嚴格|杜絕|督查|促使|"
    r"發揮|攻堅|領導|每月|進行|抓好|支撐|謀劃|^提升|"
    r"^(?:重大|重點|竣工|轉化|新開工|儲備|在建|新增|爛尾|"
    r"各類|產能|落後|關於|主要|其他|其它|有關|上述|以上)"
    r"|[类類](?:項目)$|(?:重點項目|重大項目)$|以上|以下|^\d+(?:個|項|宗|批)"
    r"|^分[一二三四五六七八九十兩两\d]|[個个](?:標段)"
    r"|^(?:計劃|另有|其中|已|共)?(?:新開工|續建|竣工|前期|在建|預備|儲備|"
    r"新建|投產)(?:項目)$"
    r"|^(?:國家|省|市|州|縣|區|鄉鎮)(?:級)(?:重點|重大)?(?:項目)$"
    r"|的(?:項目|工程)$"  # 「進度滯後的項目」: a description of some projects
    # 「X工程的年度計劃僅含…工程」: a sentence about a project's figures, not a name
    r"|的(?:年度|計劃|總投資|投資|資金)"
    r"|^(?:民生|產業|基礎設施|社會事業|工業|農業|服務業|"
    r"城建|交通|能源|水利|續建|前期|城建交通|交通水利|社會民生|公共服務|"
    r"生態環保|文化旅遊|城鄉建設)(?:類)?(?:項目)$"
)


# Where a clause stops naming and starts telling: a name is cut here before its suffix is found.
NAME_STOP = rule(
    r"正(?!極|負|大|式|陽|源)|已|將|可研|初設|獲得|通過|征地|進展|取得|完成|"
    r"累計|抓緊|路基|土建|前期工作|的前期|建設步伐|等"
    # 「…、北岸排澇泵站3個民生項目分別…」: the count of a list's items follows its last name
    r"|(?:\d+|[兩两二三四五六七八九十]+)(?:個|項)(?=[^,，;；。]{0,6}(?:項目|工程))"
)


LEAD_VERBS = rule(
    r"^(?:加快|推進|推動|主推|發展壯大|抓緊做好|解決好|"
    r"認真做好|做好|加大對|妥善解決|新建|對|以|將|其中[:：]?|"
    r"(?:重點項目|項目)中[:：]|(?:重點項目|主要項目)[:：]|"
    r"在(?!建)|[^,，。;；]{0,12}的(?:還有))+"  # 「同樣進展順利的還有X基地」
)


ENUM = rule(
    rf"([{HAN}\w×、“”\"]{{4,200}}?)等(?:重點|儲備重點|綠色建材)?"
    r"(?:項目|工程)"
)

# Each pattern's examples, in our own words (either script): a text, and what the pattern's
# first match gives (its groups that matched, joined by a space, or the whole match when it
# has none), or None where it must not match. tests/test_extract_patterns.py runs them all;
# a pattern added here without examples fails that test. The texts are as `clean` leaves
# them (ASCII punctuation).
EXAMPLES: dict[re.Pattern, dict[str, str | None]] = {
    MONEY: {
        "1—9月完成投资3.2亿元": "3.2 亿元",
        "全年完成投資45萬元": "45 萬元",
        "总投资5000万元以上的项目12个": None,
        "超1億元的項目": None,
    },
    PLAN_SHARE: {
        "完成年度计划18.5亿元的86.4%": "18.5 亿元 86.4",
        "占年度投資計劃12000萬元的57.3%": "12000 萬元 57.3",
        "占总投资20亿元的45%": None,
    },
    CHANGE: {
        "同比增长12.5%": "同比 增长 12.5 %",
        "比上年下降3.1個百分點": "比上年 下降 3.1 個百分點",
        "較上年增長1.2倍": "較上年 增長 1.2 倍",
        "与去年同期相比减少了约4.6%": "与去年同期相比 减少 4.6 %",
    },
    VERSUS: {
        "高于全市平均水平2.3个百分点": "高于 全市 2.3 个百分点",
        "低於序時進度5.4個百分點": "低於 序時進度 5.4 個百分點",
        "快于时间进度3%": "快于 时间进度 3 %",
    },
    VERSUS_AFTER: {
        "比全省平均增速低1.7个百分点": "全省 低 1.7 个百分点",
        "較時序進度快出2.2個百分點": "時序進度 快 2.2 個百分點",
    },
    COUNT_BEFORE: {
        "共安排重点项目56个": None,
        "新開工項目18個": None,
        "续建12个项目": "12 个 项目",
    },
    COUNT_AFTER: {
        "新开工项目18个": "新开工项目 18 个",
        "全縣重點項目共42個": "全縣重點項目共 42 個",
    },
    MEASURE_AFTER_COUNT: {
        "新建道路3条12.6公里": "3 条 12.6 公里",
        "改造小區2個5.4萬平方米": "2 個 5.4 萬平方米",
    },
    RATE: {"开工率达到85.7%": "开工率 85.7", "資金到位率為62%": "資金到位率 62"},
    SHARE: {
        "占全部投资的比重为37.6%": "全部投资 37.6",
        "佔比達41%": "41",
        "占全市的23.6%": "全市 23.6",
    },
    GROWTH_RATE: {"同比增速为8.4%": "同比 8.4", "增速達到-2.1%": "-2.1"},
    RANK: {
        "增速位居全市第2位": "增速 全市 2",
        "總量排名全省第5": "總量 全省 5",
        "居全州第一": None,
    },
    OF_PLAN: {"完成年度计划的76.2%": "76.2", "投資完成率達91%": "91", "完成率68.5%": "68.5"},
    CAPACITY: {
        "装机容量20万千瓦": "20 万千瓦",
        "2×300MW": "2 300 MW",
        "日处理能力为3万立方米": "3 万立方米",
        "年產5萬噸": "5 萬噸",
    },
    INVESTED: {
        "1-8月完成投资4.6亿元": "1-8月 4.6 亿元",
        "開工以來累計完成投資12億元": "開工以來累計 12 億元",
        "当月完成1200万元": "当月 1200 万元",
    },
    TOTAL: {
        "总投资约18亿元": "总投资 18 亿元",
        "年度計劃投資2.5億元": "年度計劃投資 2.5 億元",
        "计划完成投资6000万元": "计划完成投资 6000 万元",
        "占總投資20億元的": None,
    },
    SHARE_TOTAL: {
        "占总投资的45%": "总投资 45",
        "完成年度計劃15000萬元的57.3%": "年度計劃 15000 萬元 57.3",
        "累计完成率为62%": "累计 62",
    },
    PERCENT_DONE: {"主体工程已完成60%": "主体工程 60", "完成工程總量的35%": " 35"},
    SIZE_WORDS: {"全长12公里": "全长", "佔地面積300畝": "佔地", "路基完成8公里": None},
    LENGTH_DONE: {
        "路基成型21.5公里": "路基成型 21.5 公里",
        "已鋪設管網3.6千米": "已鋪設管網 3.6 千米",
    },
    NOT_A_NAME: {
        "加快推进项目建设": "推进",
        "重点项目": "重点",
        "新開工項目": "新開工",
        "省级重点项目": "省级重点项目",
        "城南污水处理厂扩建工程": None,
    },
    NAME_STOP: {"城南水厂已完成主体": "已", "環城北路正加快建設": "正", "A路、B路3个项目": "3个"},
    LEAD_VERBS: {"加快推进城南水厂扩建工程": "加快推进", "其中：城東學校項目": "其中："},
    ENUM: {
        "城南水厂、北湖公园等重点项目": "城南水厂、北湖公园",
        "東環路、西橋等工程": "東環路、西橋",
    },
}
