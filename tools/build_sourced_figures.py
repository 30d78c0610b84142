"""Build data/sourced_figures.csv, data/figure1.csv and the data-sources part of references.bib.

Input: source/data-sources/trade_figures.csv (bundled in the repository with its provenance in
source/README.md), the curated public figures on China–DPRK trade, one row per figure per
source. It reads nothing outside the repository. Run from anywhere:

    python tools/build_sourced_figures.py            # rewrites data/ and data/_parts/sources.bib
    python tools/build_sourced_figures.py --out DIR  # writes the three files into DIR instead

`tests/test_sources_bundle.py` runs it into a temporary folder and checks that it reproduces the
committed files exactly, so the data package can always be rebuilt from what is bundled.
Korean basis notes of Figure 1 (`basis_note_ko`) are editorial translations kept in
data/figure1.csv; the builder carries them over and refuses to drop one.

What it does, row by row (nothing is typed in: every value comes from the raw file):

- normalises the value to one unit per kind (absolute USD / CNY, percent, tonnes, resolution
  number, or an empty value for date rows), keeping the printed value and unit verbatim and
  moving a printed qualifier ("(about)") to its own column;
- reads the statistical basis from the publisher/note ("Daily NK citing KITA / China GAC" → KITA)
  and gives the README's authority rank (secondary reporting gets the rank of what it quotes;
  reprints and mirrors are low quality, rank 6);
- gives each publication one BibTeX key (same URL = same publication) and writes its @misc entry;
- sets status: do_not_use where the audit says DO NOT USE (or the row has no printed value),
  low_quality for reprints/mirrors and unverified rows, ok otherwise;
- gives each row a readable, unique figure_id: series letter, year, period, flow, basis/source.

A value computed from other values is never a row: derivations stay in `note` ("derived"), and
Figure 1's derived points are formulas in figure1.csv over figure_ids.  Corrections made here are
prefixed "edition:" in `note` and listed in OVERRIDES below with the value they expect to find.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "source" / "data-sources" / "trade_figures.csv"
OUT = ROOT / "data" / "sourced_figures.csv"
BIB = ROOT / "data" / "_parts" / "sources.bib"
FIG1 = ROOT / "data" / "figure1.csv"

COLUMNS = ["figure_id", "series", "year", "period", "flow", "hs_code", "value", "unit",
           "value_printed", "unit_printed", "qualifier", "basis", "rank", "source_key", "quote",
           "status", "note"]

# ----------------------------------------------------------------------------------- units
UNITS = {  # printed unit (qualifier removed) -> (normalised unit, multiplier)
    "USD million": ("USD", Decimal(10) ** 6),
    "USD billion": ("USD", Decimal(10) ** 9),
    "CNY billion": ("CNY", Decimal(10) ** 9),
    "percent": ("percent", Decimal(1)),
    "percent yoy": ("percent", Decimal(1)),
    "million tonnes": ("tonnes", Decimal(10) ** 6),
    "tonnes": ("tonnes", Decimal(1)),
    "resolution no.": ("resolution", Decimal(1)),
}
QUALIFIERS = {"about", "over", "around", "more than", "almost", "nearly", "close to", "less than"}

# ----------------------------------------------------------------------------------- basis
BASES = ["GAC", "KITA", "UN Comtrade", "KOTRA", "MOFCOM", "Statistics Korea", "ITC", "UN", "other"]
RANK = {"GAC": 1, "KITA": 2, "UN Comtrade": 3, "KOTRA": 4, "MOFCOM": 5, "Statistics Korea": 5,
        "ITC": 5, "UN": 1, "other": 6}
BASIS_TOKEN = {"GAC": "gac", "KITA": "kita", "UN Comtrade": "comtrade", "KOTRA": "kotra",
               "MOFCOM": "mofcom", "Statistics Korea": "statkorea", "ITC": "itc", "UN": "un"}
# Korean research institutes that compile China Customs data, like KITA: basis GAC, rank 2.
COMPILERS = [("KIEP", "kiep"), ("KIET", "kiet"), ("KDI", "kdi"),
             ("Institute for Far Eastern Studies", "ifes"), ("IFES", "ifes")]


def basis_of(pub: str, note: str, series: str) -> tuple[str, str | None]:
    """(basis, compiler token or None) read from the publisher line (and a few notes)."""
    if series.startswith("F "):
        return ("MOFCOM", None) if "MOFCOM" in pub else ("UN", None)
    if "UN Comtrade" in pub:
        return "UN Comtrade", None
    if "ITC" in pub:
        return "ITC", None
    if "Statistics Korea" in pub or "South Korean statistics" in note:
        return "Statistics Korea", None
    if "KITA" in pub and "KOTRA" in pub:          # mixed aggregate (RFA 2011)
        return "other", None
    if "KOTRA" in pub:
        return "KOTRA", None
    if "KITA" in pub or "Korea International Trade Association" in pub:
        return "KITA", None
    if "MOFCOM" in pub or "Ministry of Commerce" in pub:
        return "MOFCOM", None
    for name, token in COMPILERS:
        if name in pub:
            return "GAC", token
    if re.search(r"GAC|[Cc]ustoms|Chinese trade data", pub) or re.search(r"China Customs|Chinese customs", note):
        return "GAC", None
    return "other", None


# Outlet tokens for BibTeX keys and for ids of rows on an "other" basis (first match wins).
OUTLETS = [
    ("asean-international", "aseanintl"), ("kinaforum", "kinaforum"), ("Maeil Business / Yonhap", "maeil"),
    ("Maeil Business", "maeil"), ("Chinascope", "chinascope"), ("eDaily", "edaily"),
    ("People's Daily", "peoplesdaily"), ("Kyodo", "kyodo"), ("envestorfirst", "envestorfirst"),
    ("jpic.org", "jpic"), ("KIET", "kiet"), ("korearth", "korearth"), ("BBS News", "bbs"),
    ("NK Chosun", "nkchosun"), ("Radio Free Asia", "rfa"), ("Seoul Economic TV", "sentv"),
    ("SERI", "seri"), ("KBS World", "kbsworld"), ("BusinessKorea", "businesskorea"),
    ("Daily Mail", "dailymail"), ("Daily NK", "dailynk"), ("Financial Today", "fntoday"),
    ("Global Times", "globaltimes"), ("itnk", "itnk"), ("KBIZ", "kbiz"), ("koogle", "koogle"),
    ("Korea Herald", "koreaherald"), ("Korea Times US", "koreatimesus"), ("KR News 21", "krnews21"),
    ("MediaPen", "mediapen"), ("New Daily", "newdaily"), ("North Korean Economy Watch", "nkew"),
    ("nkeconwatch", "nkew"), ("Northwest Arkansas", "nwadg"), ("New Straits Times", "nst"),
    ("South China Morning Post", "scmp"), ("SCMP", "scmp"), ("Sisa Focus", "sisafocus"),
    ("SPN News", "spn"), ("United Nations Department of Public Information", "undpi"),
    ("United Nations Security Council", "unsc"), ("UN Meetings Coverage", "unpress"),
    ("UPI", "upi"), ("VOA", "voa"), ("Arab Today", "arabtoday"), ("ASIL", "asil"),
    ("American Society of International Law", "asil"), ("Business Recorder", "brecorder"),
    ("craigslists", "craigslists"), ("de.zxc.wiki", "zxcwiki"), ("German Wikipedia", "dewiki"),
    ("Dong-A", "donga"), ("USUN", "usun"), ("KTN24", "ktn24"), ("ETNews", "etnews"), ("MBN", "mbn"),
    ("Pulse", "pulse"), ("Seoul Economic Daily", "sedaily"), ("YTN", "ytn"),
    ("Minnesota Digital News", "mndigital"), ("Newsis", "newsis"), ("myeonbang", "myeonbang"),
    ("CGTN", "cgtn"), ("JoongAng", "joongang"), ("Newspim", "newspim"), ("newsrebeat", "newsrebeat"),
    ("CTBTO", "ctbto"), ("NextShark", "nextshark"), ("NK News", "nknews"), ("Scroll.in", "scroll"),
    ("North Atlantic League", "natleague"), ("Times of Manitoba", "timesmanitoba"), ("vntv", "vntv"),
    ("wplines", "wplines"), ("WWD", "wwd"), ("Yonhap News TV", "yonhaptv"),
    ("Yonhap News Agency", "yonhap"), ("Yonhap (via WowTV)", "yonhap"), ("Yonhap", "yonhap"),
    ("Asia Economy", "asiae"), ("Business Insider", "businessinsider"), ("Business Times", "businesstimes"),
    ("Fashionating World", "fashionating"), ("Hankook Ilbo", "hankook"), ("Hankyung", "hankyung"),
    ("Hindustan Times", "hindustantimes"), ("Japan Times", "japantimes"), ("Los Angeles Times", "latimes"),
    ("Lexology", "lexology"), ("MarketScreener", "marketscreener"), ("Reuters", "reuters"),
    ("Steamship Mutual", "steamship"), ("Straits Times", "straitstimes"), ("Yahoo News / AP", "ap"),
    ("Aju Business Daily", "aju"), ("Seoul Shinmun", "seoulshinmun"), ("Kyunghyang", "jpic"),
    ("KBS", "kbs"), ("KITA", "kita"), ("Korea International Trade Association", "kita"),
]

# Reprints, mirrors, digests and blogs: kept for cross-checking, flagged low quality (rank 6).
LOW_QUALITY_OUTLETS = {
    "craigslists": "mirror site reprinting a Yonhap/KITA story",
    "North Atlantic League": "reprint site",
    "vntv.net": "mirror of an Arirang News transcript",
    "myeonbang": "art-project page of unclear provenance (appears to use OEC data)",
    "de.zxc.wiki": "mirror of a Wikipedia page, not a UN document",
    "German Wikipedia": "encyclopaedia page, not a UN document",
    "korearth.net": "mirror copy of a Yonhap story",
    "Times of Manitoba": "translated reprint of KOTRA coverage",
    "wplines.com": "wire copy on a reprint site",
    "envestorfirst": "reproduction of a US EIA note on a reprint site",
    "koogle.tv": "video-site reprint",
    "newsrebeat": "reprint of a Reuters story",
    "Minnesota Digital News": "reprint of a Fortune/Reuters story",
    "jpic.org": "digest of a Kyunghyang Shinmun article",
    "kinaforum": "blog post",
    "tedmontgomery": "mirror of the UN press release",
}

PERIOD_TOKEN = {
    "annual": "", "annual cap": "", "Jan-Jun": "h1", "Jan-Sep": "jan_sep", "Jan-Nov": "jan_nov",
    "Jan": "jan", "Q1": "q1", "Q2": "q2", "Jan-May": "jan_may", "Jan-Aug": "jan_aug",
    "Jan-Oct": "jan_oct", "Jan-Jul": "jan_jul", "Jan-Feb": "jan_feb", "Dec": "dec", "Nov": "nov",
    "Aug": "aug", "Jun": "jun", "Mar": "mar", "Sep": "sep", "Feb": "feb",
    "2014-2016 cumulative": "cum3y", "2017-2019 cumulative": "cum3y", "annual (projection)": "proj",
}

A_FLOW = {
    "china_exports_to_dprk": "china_exports", "china_imports_from_dprk": "china_imports",
    "total": "total", "dprk_deficit_with_china": "deficit", "china_trade_surplus_with_dprk": "china_surplus",
    "china_share_of_dprk_trade": "china_share", "share_of_dprk_exports_going_to_china": "china_share_of_dprk_exports",
    "dprk_total_trade_all_partners": "dprk_world_trade", "dprk_total_exports": "dprk_world_exports",
    "dprk_total_imports": "dprk_world_imports", "dprk_total_trade_balance": "dprk_world_balance",
    "inter_korean_trade": "inter_korean_trade", "china_crude_oil_exports_estimate": "crude_oil_estimate",
}


def flow_token(r: dict) -> str:
    s, flow, hs = r["series"], r["flow"], r["hs_code"]
    letter, name = s.split(" ", 1)
    if letter == "A":
        return A_FLOW[flow]
    if letter == "F":
        res = re.search(r"unscr_(\d+)", name).group(1)
        extra = {"unsc_resolution_adopted": "", "dprk_coal_exports_cap": "_coal_cap",
                 "china_customs_entry_cutoff": "_china_customs_cutoff",
                 "repatriation_deadline": "_repatriation_deadline"}[flow]
        return f"unscr{res}{extra}"
    if letter == "G":
        return "min_wage_increase"
    if letter == "E":
        return "china_clothing_imports"
    special = {
        "dprk_exports_clothing_all_partners": "clothing_world", "dprk_exports_clothing": "clothing_all",
        "dprk_exports_coats_suits_all_partners": "coats_suits_world",
        "liaoning_share_of_dprk_woven_garment_exports_to_china": "liaoning_share_hs62",
        "clothing_share_of_dprk_exports": "clothing_share_of_dprk_exports",
        "textile_share_of_dprk_exports_to_china": "textile_share_of_exports_to_china",
        "dprk_exports_textiles_all_partners": "textiles_world",
        "dprk_exports_mineral_fuels_all_partners": "hs27_world", "dprk_coal_exports": "coal_world",
        "coal_share_of_dprk_exports_to_china": "coal_share_of_exports_to_china",
        "dprk_exports_iron_ore": "iron_ore_world", "dprk_exports_mineral_products_all_partners": "minerals_world",
        "dprk_exports_hs91_growth": "hs91_growth", "dprk_exports_hs67_growth": "hs67_growth",
    }
    if flow in special:
        return special[flow]
    code = hs.split(" ")[0]
    product = {
        "61-62": "clothing", "62": "hs62", "6109": "hs6109", "6204": "hs6204", "6201": "hs6201",
        "6202": "hs6202", "50-63": "textiles", "5407": "hs5407", "26": "ores", "2601": "iron_ore",
        "26+27": "hs26_27", "25-27": "minerals", "03": "seafood", "0307": "squid",
        "9108": "watch_movements", "9102": "wristwatches", "6704": "wigs",
    }.get(code)
    if code == "2701":
        product = "anthracite" if "anthracite" in hs else "coal"
    if product is None:
        raise SystemExit(f"no product token for {r}")
    if letter in "BD" and flow == "china_exports_to_dprk":
        product += "_to_dprk"
    return product


def outlet_token(pub: str) -> str:
    name = outlet_name(pub)
    for text in (name, pub):
        for needle, token in OUTLETS:
            if needle in text:
                return token
    raise SystemExit(f"no outlet token for publisher {pub!r}")


def outlet_name(pub: str) -> str:
    """The outlet as printed, without the 'citing …' part."""
    out = re.split(r", citing |, China Customs| \((?:citing|reporting) |, Chinese customs", pub)[0]
    return out.strip()


# -------------------------------------------------------------------------- row overrides
# index = 0-based data row of trade_figures.csv; "expect" guards against a changed input file.
OVERRIDES: dict[int, dict] = {
    403: dict(expect="2.95", flow="china_exports_to_dprk",
              edit="flow corrected from china_imports_from_dprk: the report's labels are swapped "
                   "(KOTRA's China imports 3.23bn minus its 0.28bn crude-oil estimate = 2.95bn; "
                   "DPRK exports to China were 2.48bn), so 2.95bn is China's exports to the DPRK on a customs basis"),
    404: dict(expect="2.49", flow="china_imports_from_dprk",
              edit="flow corrected from china_exports_to_dprk (labels swapped, see the 2.95bn row); "
                   "2.49bn matches KOTRA's DPRK exports to China (2.48bn)"),
    298: dict(expect="", status="do_not_use",
              edit="no printed value: the source states only that September (63m) was 2m higher "
                   "than August; 61m is derived and stays in this note"),
    286: dict(expect="75", status="low_quality",
              edit="unverified: the audit could not find the source page again"),
    386: dict(expect="2375", unit="date",
              edit="date row: the figure is the customs cut-off date (period); the resolution is 2375"),
    388: dict(expect="2397", unit="date",
              edit="date row: the figure is the repatriation deadline (period), 24 months from the "
                   "adoption of resolution 2397"),
    414: dict(expect="32.7",
              edit="conflicts with 42.8% for 2003 in another copy of the same KOTRA series; 42.8% "
                   "fits the series (48.5% in 2004, 52.6% in 2005) and China's 35% trade growth in "
                   "2004, so this copy is the likelier misprint; not used for Figure 1"),
    405: dict(expect="42.8", edit="used for Figure 1 (a second copy of the series prints 32.7%)"),
    244: dict(expect="4.562",
              edit="not necessarily wrong: KITA's DPRK totals appear to count inter-Korean trade "
                   "(cf. KITA's 59.3% China share for 2015), so 4.56bn is not comparable with "
                   "KOTRA's 2.7bn; do not mix bases"),
    363: dict(expect="29",
              edit="ambiguous: the article ranks items by increase; 29m may be the 2018 increase or "
                   "the 2018 level of HS 9108 exports (both fit KOTRA's +1533.7% for HS 91)"),
    122: dict(expect="1.67", basis="GAC", edit="basis GAC: the same article quotes customs spokesman Huang Songping"),
    123: dict(expect="880", basis="GAC", edit="basis GAC: the same article quotes customs spokesman Huang Songping"),
    155: dict(expect="7.07", basis="GAC", edit="basis GAC: the same Reuters story quotes the customs spokesman"),
    173: dict(expect="1.14", basis="MOFCOM", edit="basis as stated for the same UPI article (SCMP / China Ministry of Commerce)"),
    175: dict(expect="110", basis="MOFCOM", edit="basis as stated for the same UPI article (SCMP / China Ministry of Commerce)"),
    358: dict(expect="130", basis="other", edit="basis not stated (KBS citing a VOA analysis)"),
    284: dict(expect="220", compiler="kdi", edit="same JoongAng article as its KDI-compiled rows"),
    196: dict(expect="52.6", basis="other", compiler=None,
              edit="a share of DPRK trade reported by KDI, not a customs figure; equals KOTRA's 52.6%"),
}
for _i in (149, 150, 151, 152, 153, 156, 161):
    OVERRIDES[_i] = dict(basis="GAC", edit="basis GAC: the Reuters headline names China's customs "
                                           "data (the quoted excerpt does not)")
for _i in (191, 366, 367):
    OVERRIDES[_i] = dict(edit="year-on-year change in percent")


def fmt_decimal(d: Decimal) -> str:
    d = d.normalize()
    if d == d.to_integral_value():
        return str(int(d))
    return format(d, "f")


def month_name(m: int) -> str:
    return ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"][m - 1]


def bib_escape(text: str) -> str:
    return re.sub(r"([&%#_$])", r"\\\1", text)


#: Addresses garbled in the raw file, repaired where the damage decodes exactly (listed, never
#: silent: the bib entry's note says what was repaired and how). The raw file keeps its text.
URL_REPAIRS = {
    "cm=china_\ufffd\u00fb\ufffd": (
        "cm=china_%BD%C3%BB%E7",
        " The address was garbled in the bundled source (source/data-sources/trade_figures.csv, line 362: "
        "cm=china_ followed by U+FFFD, û, U+FFFD, the UTF-8 reading of the EUC-KR bytes BD C3 BB E7); the "
        "edition restores those bytes percent-encoded: they spell 시사 (current affairs), the section that "
        "sctype=sisa in the same address names."),
}


def repaired_url(url: str) -> tuple[str, str]:
    """The address with any listed repair applied, and the note that says so ("" if none)."""
    for garbled, (fixed, note) in URL_REPAIRS.items():
        if garbled in url:
            return url.replace(garbled, fixed), note
    return url, ""


def main(argv: list[str] | None = None) -> int:
    global OUT, BIB, FIG1
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--out"] and len(args) == 2:
        out_dir = Path(args[1])
        out_dir.mkdir(parents=True, exist_ok=True)
        OUT, BIB, FIG1 = out_dir / "sourced_figures.csv", out_dir / "sources.bib", out_dir / "figure1.csv"
    elif args:
        print("usage: build_sourced_figures.py [--out DIR]", file=sys.stderr)
        return 2
    with RAW.open(newline="", encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    problems: list[str] = []

    # ---- publications and their keys (same URL = same publication)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(raw):
        groups[r["source_url_or_repo_path"]].append(i)
    pubs = []
    for url, idx in groups.items():
        rows = [raw[i] for i in idx]
        titles = Counter(r["source_title"] for r in rows)
        title = sorted(titles, key=lambda t: (-titles[t], len(t)))[0]
        outlets = Counter(outlet_name(r["source_publisher"]) for r in rows)
        outlet = sorted(outlets, key=lambda o: (-outlets[o], -len(o)))[0]
        dates = {r["source_date"] for r in rows}
        if len(dates) != 1:
            problems.append(f"publication {url} has several dates {dates}")
        date = sorted(dates)[0]
        pubs.append(dict(url=url, idx=idx, title=title, outlet=outlet, date=date,
                         token=outlet_token(rows[0]["source_publisher"])))

    def base_key(p: dict, with_day: bool) -> str:
        m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", p["date"])
        if not p["date"]:
            return f"src_{p['token']}_nd"
        if not m:
            return f"src_{p['token']}_" + re.sub(r"[^a-z0-9]", "", p["date"].lower())
        y, mo, day = m.groups()
        key = f"src_{p['token']}_{y}" + (f"_{mo}" if mo else "")
        return key + (f"_{day}" if with_day and day else "")

    counts = Counter(base_key(p, False) for p in pubs)
    for p in pubs:
        p["key"] = base_key(p, counts[base_key(p, False)] > 1)
    counts = Counter(p["key"] for p in pubs)
    seen: Counter = Counter()
    for p in sorted(pubs, key=lambda p: min(p["idx"])):
        if counts[p["key"]] > 1:
            seen[p["key"]] += 1
            p["key"] += "_" + "abcdefgh"[seen[p["key"]] - 1]
    assert len({p["key"] for p in pubs}) == len(pubs)
    key_of = {i: p["key"] for p in pubs for i in p["idx"]}

    # ---- rows
    out = []
    for i, r in enumerate(raw):
        ov = OVERRIDES.get(i, {})
        if "expect" in ov and ov["expect"] != r["value"]:
            raise SystemExit(f"row {i}: override expects value {ov['expect']!r}, found {r['value']!r}")
        edits = []
        unit_printed = r["unit"]
        m = re.fullmatch(r"(.*?)\s*(?:\((.*)\))?", unit_printed)
        unit_core, qualifier = m.group(1), (m.group(2) or "")
        if qualifier and qualifier not in QUALIFIERS:
            problems.append(f"row {i}: unknown qualifier {qualifier!r}")
        if unit_core not in UNITS:
            problems.append(f"row {i}: unknown unit {unit_printed!r}")
            continue
        unit, mult = UNITS[unit_core]
        value = ""
        if r["value"].strip():
            try:
                value = fmt_decimal(Decimal(r["value"].replace(",", "")) * mult)
            except Exception:
                problems.append(f"row {i}: value {r['value']!r} does not parse as a number")
        else:
            problems.append(f"row {i}: empty value ({r['series']} {r['year']} {r['period']} {r['flow']})")
        if ov.get("unit") == "date":
            unit, value = "date", ""
        flow = ov.get("flow", r["flow"])
        basis, compiler = basis_of(r["source_publisher"], r["note"], r["series"])
        basis = ov.get("basis", basis)
        compiler = ov.get("compiler", compiler)
        rank = 2 if compiler else RANK[basis]
        status = "ok"
        if "DO NOT USE" in r["note"]:
            status = "do_not_use"
        lq = [why for needle, why in LOW_QUALITY_OUTLETS.items()
              if needle in r["source_publisher"] or needle in r["source_url_or_repo_path"]]
        if status == "ok" and (lq or re.search(r"LOW QUALITY|low-quality|low authority", r["note"])):
            status = "low_quality"
            edits.append("low quality: " + (lq[0] if lq else "flagged in the source note") + "; rank 6")
        status = ov.get("status", status)
        if status == "low_quality":
            rank = 6
        if compiler:
            edits.append(f"basis GAC as compiled by {compiler.upper()}")
        if "edit" in ov:
            edits.append(ov["edit"])
        note = r["note"]
        if edits:
            note = (note + " | " if note else "") + "edition: " + "; ".join(edits)
        rr = dict(r, flow=flow)
        src_token = compiler or BASIS_TOKEN.get(basis) or outlet_token(r["source_publisher"])
        parts = [r["series"][0].lower(), r["year"], PERIOD_TOKEN[r["period"]] if r["period"] in PERIOD_TOKEN
                 else "", flow_token(rr)]
        if unit == "tonnes":
            parts.append("tonnes")
        if unit == "CNY":
            parts.append("cny")
        parts.append(src_token)
        base_id = "_".join(p for p in parts if p)
        if r["series"].startswith("F ") and r["period"] not in PERIOD_TOKEN:
            pass  # resolutions: the date is in period, not in the id
        elif r["period"] not in PERIOD_TOKEN:
            problems.append(f"row {i}: unknown period {r['period']!r}")
        out.append(dict(_i=i, _base=base_id, figure_id="", series=r["series"], year=r["year"],
                        period=r["period"], flow=flow, hs_code=r["hs_code"], value=value, unit=unit,
                        value_printed=r["value"], unit_printed=unit_printed, qualifier=qualifier,
                        basis=basis, rank=str(rank), source_key=key_of[i], quote=r["quote"],
                        status=status, note=note))

    # ---- ids: the best row (ok first, then rank, then file order) gets the plain id
    by_base: dict[str, list[dict]] = defaultdict(list)
    for row in out:
        by_base[row["_base"]].append(row)
    for base, rows in by_base.items():
        rows.sort(key=lambda x: (x["status"] != "ok", int(x["rank"]), x["_i"]))
        for n, row in enumerate(rows, start=1):
            row["figure_id"] = base if n == 1 else f"{base}_{n}"
    ids = [row["figure_id"] for row in out]
    assert len(ids) == len(set(ids)), "figure_id not unique"
    assert all(re.fullmatch(r"[a-z0-9_]+", x) for x in ids)
    assert all(row["basis"] in BASES for row in out)

    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(out)

    # ---- sources.bib
    lines = ["% data/_parts/sources.bib: the publications the edition's sourced figures were read in.",
             "% Built by tools/build_sourced_figures.py from source/data-sources/trade_figures.csv;",
             "% one entry per publication (same URL). No authors or dates beyond what the file gives;",
             "% 'n.d.' marks a page the file gives no date for.", ""]
    for p in sorted(pubs, key=lambda p: p["key"]):
        m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", p["date"])
        fields = [("title", "{{" + bib_escape(p["title"]) + "}}"),
                  ("howpublished", "{" + bib_escape(p["outlet"]) + "}")]
        if m:
            y, mo, day = m.groups()
            fields.append(("year", "{" + y + "}"))
            if mo:
                fields.append(("month", "{" + month_name(int(mo)) + "}"))
            if day:
                fields.append(("day", "{" + str(int(day)) + "}"))
        else:
            fields.append(("year", "{" + (p["date"] or "n.d.") + "}"))
        note = "Data source for the edition's sourced figures."
        if p["url"].startswith("http"):
            url, repair = repaired_url(p["url"])
            fields.append(("url", "{" + url + "}"))
            note += repair
        else:
            note += " Repository path: " + bib_escape(p["url"])
        fields.append(("note", "{" + note + "}"))
        lines.append(f"@misc{{{p['key']},")
        lines += [f"  {k:<12} = {v}," for k, v in fields[:-1]]
        k, v = fields[-1]
        lines.append(f"  {k:<12} = {v}")
        lines += ["}", ""]
    BIB.parent.mkdir(parents=True, exist_ok=True)
    BIB.write_text("\n".join(lines), encoding="utf-8")

    # ---- Figure 1
    write_figure1({row["_i"]: row for row in out})

    # ---- report
    print(f"{len(out)} rows -> {OUT}; {len(pubs)} publications -> {BIB}")
    print("status:", dict(Counter(r["status"] for r in out)), " basis:", dict(Counter(r["basis"] for r in out)))
    for p in problems:
        print("CHECK:", p)
    consistency(out)
    return 0


# Figure 1: the raw row chosen for each year and measure (README "Best-available annual series"),
# or a derivation over figure_ids of the same year.  (year, measure): (raw row | formula, basis_note)
FIGURE1 = {
    (2002, "total"): (9, "KITA/GAC (NK Chosun)"), (2002, "china_exports"): (6, "KITA/GAC (NK Chosun)"),
    (2002, "china_imports"): (7, "KITA/GAC (NK Chosun)"),
    (2003, "total"): (14, "KITA/GAC (NK Chosun)"), (2003, "china_exports"): (10, "KITA/GAC (NK Chosun)"),
    (2003, "china_imports"): (11, "KITA/GAC (NK Chosun)"), (2003, "china_share"): (405, "KOTRA (a second copy prints 32.7)"),
    (2004, "total"): (20, "China Customs, rounded (KITA gives the same 1.38bn)"),
    (2004, "china_exports"): (16, "China Customs"), (2004, "china_imports"): (18, "China Customs"),
    (2004, "china_share"): (406, "KOTRA"),
    (2005, "total"): (23, "MOFCOM total, rounded"),
    (2005, "china_exports"): ("(total + {399}) / 2", "derived: MOFCOM rounded total and DPRK deficit; rough"),
    (2005, "china_imports"): ("(total - {399}) / 2", "derived: MOFCOM rounded total and DPRK deficit; rough"),
    (2005, "china_share"): (407, "KOTRA"),
    (2006, "total"): (30, "KITA"), (2006, "china_exports"): (25, "KITA"), (2006, "china_imports"): (27, "KITA"),
    (2006, "china_share"): (408, "KOTRA"),
    (2007, "total"): (34, "MOFCOM total"), (2007, "china_exports"): (31, "KBS World, rounded ('close to')"),
    (2007, "china_imports"): (32, "KBS World, rounded"), (2007, "china_share"): (409, "KOTRA"),
    (2008, "total"): (41, "MOFCOM"), (2008, "china_exports"): (396, "China Customs/MOFCOM, rounded"),
    (2008, "china_imports"): (38, "China Customs/MOFCOM, rounded"), (2008, "china_share"): (410, "KOTRA"),
    (2009, "total"): (47, "MOFCOM (customs data omit Aug–Nov)"), (2009, "china_share"): (411, "KOTRA"),
    (2010, "total"): (57, "MOFCOM"), (2010, "china_exports"): (51, "MOFCOM"), (2010, "china_imports"): (53, "MOFCOM"),
    (2010, "china_share"): (202, "KOTRA"),
    (2011, "total"): (64, "KITA (Statistics Korea prints the same)"),
    (2011, "china_exports"): (60, "Statistics Korea, rounded"), (2011, "china_imports"): (61, "Statistics Korea, rounded"),
    (2011, "china_share"): (206, "KOTRA"),
    (2012, "total"): (77, "KITA (early GAC release 6,033.9m)"), (2012, "china_exports"): (71, "KITA"),
    (2012, "china_imports"): (74, "KITA"), (2012, "china_share"): (208, "KOTRA"),
    (2013, "total"): (86, "KITA"), (2013, "china_exports"): (81, "KITA"), (2013, "china_imports"): (83, "KITA"),
    (2013, "china_share"): (209, "KOTRA"),
    (2014, "total"): (92, "KOTRA excl. its crude-oil estimate (customs basis)"),
    (2014, "china_exports"): (89, "KOTRA excl. its crude-oil estimate (customs basis)"),
    (2014, "china_imports"): (90, "KOTRA"), (2014, "china_share"): (211, "KOTRA"),
    (2015, "total"): (402, "KIEP, customs basis (KOTRA incl. crude oil: 5.71bn)"),
    (2015, "china_exports"): (403, "KIEP, customs basis (label corrected)"),
    (2015, "china_imports"): (97, "KOTRA"), (2015, "china_share"): (212, "KOTRA"),
    (2016, "total"): (105, "KITA/GAC, rounded"), (2016, "china_exports"): (102, "KITA/GAC, rounded"),
    (2016, "china_imports"): (103, "KITA/GAC, rounded"),
    (2017, "total"): (113, "GAC spokesman"), (2017, "china_imports"): (109, "GAC"),
    (2017, "china_exports"): ("total - china_imports", "derived: GAC total minus GAC imports"),
    (2017, "china_share"): (216, "KOTRA"),
    (2018, "total"): (142, "UN Comtrade (China-reported)"), (2018, "china_exports"): (133, "GAC"),
    (2018, "china_imports"): (136, "GAC"), (2018, "china_share"): (220, "KOTRA (via a reprint; KOTRA's 2019 report repeats 95.8)"),
    (2019, "total"): (170, "KITA/GAC"), (2019, "china_exports"): (163, "KITA/GAC"),
    (2019, "china_imports"): (166, "KITA/GAC"), (2019, "china_share"): (222, "KOTRA"),
}
MEASURE_FLOW = {"total": "total", "china_exports": "china_exports_to_dprk",
                "china_imports": "china_imports_from_dprk", "china_share": "china_share_of_dprk_trade"}


def write_figure1(rows_by_raw: dict[int, dict]) -> None:
    order = ["china_exports", "china_imports", "total", "china_share"]
    recs = []
    for (year, measure), (ref, basis_note) in sorted(FIGURE1.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]))):
        if isinstance(ref, int):
            row = rows_by_raw[ref]
            assert int(row["year"]) == year and row["period"] == "annual", (year, measure, row)
            assert row["flow"] == MEASURE_FLOW[measure], (year, measure, row["flow"])
            assert row["status"] != "do_not_use" and row["value"], (year, measure)
            recs.append(dict(year=year, measure=measure, figure_id=row["figure_id"], derivation="",
                             basis_note=basis_note))
        else:
            formula = re.sub(r"\{(\d+)\}", lambda m: rows_by_raw[int(m.group(1))]["figure_id"], ref)
            recs.append(dict(year=year, measure=measure, figure_id="", derivation=formula,
                             basis_note=basis_note))
    korean = korean_basis_notes()
    for rec in recs:
        known = korean.get((str(rec["year"]), rec["measure"]))
        if not known or known[0] != rec["basis_note"]:
            raise SystemExit(f"data/figure1.csv: no Korean basis note for {rec['year']} {rec['measure']} "
                             f"({rec['basis_note']!r}); add basis_note_ko by hand, then run again")
        rec["basis_note_ko"] = known[1]
    with FIG1.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["year", "measure", "figure_id", "derivation", "basis_note",
                                           "basis_note_ko"],
                           lineterminator="\n")
        w.writeheader()
        w.writerows(recs)
    print(f"{len(recs)} rows -> {FIG1}")


def korean_basis_notes() -> dict[tuple[str, str], tuple[str, str]]:
    """(year, measure) -> (English basis note, its Korean translation) from the committed file."""
    committed = ROOT / "data" / "figure1.csv"
    if not committed.exists():
        return {}
    with committed.open(newline="", encoding="utf-8") as fh:
        return {(r["year"], r["measure"]): (r["basis_note"], r.get("basis_note_ko") or "")
                for r in csv.DictReader(fh)}


def consistency(out: list[dict]) -> None:
    """Within one publication, year and period: does exports + imports = total (USD)?"""
    cells: dict[tuple, dict] = defaultdict(dict)
    for r in out:
        if r["unit"] == "USD" and r["value"] and r["series"].startswith("A china_dprk"):
            cells[(r["source_key"], r["year"], r["period"])][r["flow"]] = Decimal(r["value"])
    for (key, year, period), c in sorted(cells.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if {"total", "china_exports_to_dprk", "china_imports_from_dprk"} <= c.keys():
            s = c["china_exports_to_dprk"] + c["china_imports_from_dprk"]
            gap = (s - c["total"]) / c["total"] * 100
            flag = "  <-- over 1%" if abs(gap) > 1 else ""
            print(f"sum check {year} {period:8} {key:32} exp+imp={s / 10**6:9.1f}m total={c['total'] / 10**6:9.1f}m "
                  f"({gap:+.2f}%){flag}")
        if {"dprk_deficit_with_china", "china_exports_to_dprk", "china_imports_from_dprk"} <= c.keys():
            d = c["china_exports_to_dprk"] - c["china_imports_from_dprk"]
            print(f"deficit check {year} {period:8} {key:32} exp-imp={d / 10**6:9.1f}m "
                  f"printed={c['dprk_deficit_with_china'] / 10**6:9.1f}m")


if __name__ == "__main__":
    sys.exit(main())
