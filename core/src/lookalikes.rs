//! Look-alikes of the signs typed in numeric cells, and compatibility forms of
//! the characters in indicator names. Generated from Unicode data by
//! `scripts/unicode/lookalikes.py --rust core/src/lookalikes.rs` (UTS #39
//! confusables 18.0.0, UCD 18.0.0 NFKC, plus a few judged
//! forms listed in the script); `cargo xtask test` checks it is current. Do not edit.

/// A character drawn like one of the signs of a number (= ≥ ≤ > < ± % ‰, digits,
/// point, minus, plus, comma) and meant as it, and that sign; sorted by character.
#[rustfmt::skip] // one line per character, as generated
pub(crate) const SIGN_FOLDS: &[(char, char)] = &[
    ('\u{B8}', ','), // CEDILLA: confusables
    ('\u{2C2}', '<'), // MODIFIER LETTER LEFT ARROWHEAD: confusables
    ('\u{2C3}', '>'), // MODIFIER LETTER RIGHT ARROWHEAD: confusables
    ('\u{2D7}', '-'), // MODIFIER LETTER MINUS SIGN: confusables
    ('\u{609}', '\u{2030}'), // ARABIC-INDIC PER MILLE SIGN: confusables
    ('\u{66A}', '%'), // ARABIC PERCENT SIGN: confusables
    ('\u{2010}', '-'), // HYPHEN: confusables
    ('\u{2011}', '-'), // NON-BREAKING HYPHEN: confusables
    ('\u{2012}', '-'), // FIGURE DASH: confusables
    ('\u{2013}', '-'), // EN DASH: confusables
    ('\u{2014}', '-'), // EM DASH: chain:confusables~NFKC
    ('\u{2015}', '-'), // HORIZONTAL BAR: chain:confusables~NFKC
    ('\u{201A}', ','), // SINGLE LOW-9 QUOTATION MARK: confusables
    ('\u{2024}', '.'), // ONE DOT LEADER: NFKC,confusables
    ('\u{2039}', '<'), // SINGLE LEFT-POINTING ANGLE QUOTATION MARK: confusables
    ('\u{203A}', '>'), // SINGLE RIGHT-POINTING ANGLE QUOTATION MARK: confusables
    ('\u{2043}', '-'), // HYPHEN BULLET: confusables
    ('\u{2212}', '-'), // MINUS SIGN: confusables
    ('\u{2266}', '\u{2264}'), // LESS-THAN OVER EQUAL TO: judgement
    ('\u{2267}', '\u{2265}'), // GREATER-THAN OVER EQUAL TO: judgement
    ('\u{2500}', '-'), // BOX DRAWINGS LIGHT HORIZONTAL: chain:confusables~NFKC
    ('\u{2501}', '-'), // BOX DRAWINGS HEAVY HORIZONTAL: chain:confusables~NFKC
    ('\u{2550}', '='), // BOX DRAWINGS DOUBLE HORIZONTAL: judgement
    ('\u{276E}', '<'), // HEAVY LEFT-POINTING ANGLE QUOTATION MARK ORNAMENT: confusables
    ('\u{276F}', '>'), // HEAVY RIGHT-POINTING ANGLE QUOTATION MARK ORNAMENT: confusables
    ('\u{2795}', '+'), // HEAVY PLUS SIGN: confusables
    ('\u{2796}', '-'), // HEAVY MINUS SIGN: confusables
    ('\u{2A7D}', '\u{2264}'), // LESS-THAN OR SLANTED EQUAL TO: judgement
    ('\u{2A7E}', '\u{2265}'), // GREATER-THAN OR SLANTED EQUAL TO: judgement
    ('\u{2E12}', ','), // HYPODIASTOLE: confusables
    ('\u{2E40}', '='), // DOUBLE HYPHEN: confusables
    ('\u{3007}', '0'), // IDEOGRAPHIC NUMBER ZERO: confusables
    ('\u{30A0}', '='), // KATAKANA-HIRAGANA DOUBLE HYPHEN: confusables
    ('\u{FE50}', ','), // SMALL COMMA: NFKC,confusables
    ('\u{FE52}', '.'), // SMALL FULL STOP: NFKC,confusables
    ('\u{FE58}', '-'), // SMALL EM DASH: confusables
    ('\u{FE62}', '+'), // SMALL PLUS SIGN: NFKC,confusables
    ('\u{FE63}', '-'), // SMALL HYPHEN-MINUS: NFKC,confusables
    ('\u{FE64}', '<'), // SMALL LESS-THAN SIGN: NFKC,confusables
    ('\u{FE65}', '>'), // SMALL GREATER-THAN SIGN: NFKC,confusables
    ('\u{FE66}', '='), // SMALL EQUALS SIGN: NFKC,confusables
    ('\u{FE6A}', '%'), // SMALL PERCENT SIGN: NFKC,confusables
    ('\u{FF05}', '%'), // FULLWIDTH PERCENT SIGN: NFKC,confusables
    ('\u{FF0B}', '+'), // FULLWIDTH PLUS SIGN: NFKC,confusables
    ('\u{FF0C}', ','), // FULLWIDTH COMMA: NFKC,confusables
    ('\u{FF0D}', '-'), // FULLWIDTH HYPHEN-MINUS: NFKC
    ('\u{FF0E}', '.'), // FULLWIDTH FULL STOP: NFKC,confusables
    ('\u{FF10}', '0'), // FULLWIDTH DIGIT ZERO: NFKC,confusables
    ('\u{FF11}', '1'), // FULLWIDTH DIGIT ONE: NFKC,confusables
    ('\u{FF12}', '2'), // FULLWIDTH DIGIT TWO: NFKC,confusables
    ('\u{FF13}', '3'), // FULLWIDTH DIGIT THREE: NFKC,confusables
    ('\u{FF14}', '4'), // FULLWIDTH DIGIT FOUR: NFKC,confusables
    ('\u{FF15}', '5'), // FULLWIDTH DIGIT FIVE: NFKC,confusables
    ('\u{FF16}', '6'), // FULLWIDTH DIGIT SIX: NFKC,confusables
    ('\u{FF17}', '7'), // FULLWIDTH DIGIT SEVEN: NFKC,confusables
    ('\u{FF18}', '8'), // FULLWIDTH DIGIT EIGHT: NFKC,confusables
    ('\u{FF19}', '9'), // FULLWIDTH DIGIT NINE: NFKC,confusables
    ('\u{FF1C}', '<'), // FULLWIDTH LESS-THAN SIGN: NFKC,confusables
    ('\u{FF1D}', '='), // FULLWIDTH EQUALS SIGN: NFKC,confusables
    ('\u{FF1E}', '>'), // FULLWIDTH GREATER-THAN SIGN: NFKC,confusables
    ('\u{1CCF0}', '0'), // OUTLINED DIGIT ZERO: NFKC,confusables
    ('\u{1CCF1}', '1'), // OUTLINED DIGIT ONE: NFKC,confusables
    ('\u{1CCF2}', '2'), // OUTLINED DIGIT TWO: NFKC,confusables
    ('\u{1CCF3}', '3'), // OUTLINED DIGIT THREE: NFKC,confusables
    ('\u{1CCF4}', '4'), // OUTLINED DIGIT FOUR: NFKC,confusables
    ('\u{1CCF5}', '5'), // OUTLINED DIGIT FIVE: NFKC,confusables
    ('\u{1CCF6}', '6'), // OUTLINED DIGIT SIX: NFKC,confusables
    ('\u{1CCF7}', '7'), // OUTLINED DIGIT SEVEN: NFKC,confusables
    ('\u{1CCF8}', '8'), // OUTLINED DIGIT EIGHT: NFKC,confusables
    ('\u{1CCF9}', '9'), // OUTLINED DIGIT NINE: NFKC,confusables
    ('\u{1D7CE}', '0'), // MATHEMATICAL BOLD DIGIT ZERO: NFKC,confusables
    ('\u{1D7CF}', '1'), // MATHEMATICAL BOLD DIGIT ONE: NFKC,confusables
    ('\u{1D7D0}', '2'), // MATHEMATICAL BOLD DIGIT TWO: NFKC,confusables
    ('\u{1D7D1}', '3'), // MATHEMATICAL BOLD DIGIT THREE: NFKC,confusables
    ('\u{1D7D2}', '4'), // MATHEMATICAL BOLD DIGIT FOUR: NFKC,confusables
    ('\u{1D7D3}', '5'), // MATHEMATICAL BOLD DIGIT FIVE: NFKC,confusables
    ('\u{1D7D4}', '6'), // MATHEMATICAL BOLD DIGIT SIX: NFKC,confusables
    ('\u{1D7D5}', '7'), // MATHEMATICAL BOLD DIGIT SEVEN: NFKC,confusables
    ('\u{1D7D6}', '8'), // MATHEMATICAL BOLD DIGIT EIGHT: NFKC,confusables
    ('\u{1D7D7}', '9'), // MATHEMATICAL BOLD DIGIT NINE: NFKC,confusables
    ('\u{1D7D8}', '0'), // MATHEMATICAL DOUBLE-STRUCK DIGIT ZERO: NFKC,confusables
    ('\u{1D7D9}', '1'), // MATHEMATICAL DOUBLE-STRUCK DIGIT ONE: NFKC,confusables
    ('\u{1D7DA}', '2'), // MATHEMATICAL DOUBLE-STRUCK DIGIT TWO: NFKC,confusables
    ('\u{1D7DB}', '3'), // MATHEMATICAL DOUBLE-STRUCK DIGIT THREE: NFKC,confusables
    ('\u{1D7DC}', '4'), // MATHEMATICAL DOUBLE-STRUCK DIGIT FOUR: NFKC,confusables
    ('\u{1D7DD}', '5'), // MATHEMATICAL DOUBLE-STRUCK DIGIT FIVE: NFKC,confusables
    ('\u{1D7DE}', '6'), // MATHEMATICAL DOUBLE-STRUCK DIGIT SIX: NFKC,confusables
    ('\u{1D7DF}', '7'), // MATHEMATICAL DOUBLE-STRUCK DIGIT SEVEN: NFKC,confusables
    ('\u{1D7E0}', '8'), // MATHEMATICAL DOUBLE-STRUCK DIGIT EIGHT: NFKC,confusables
    ('\u{1D7E1}', '9'), // MATHEMATICAL DOUBLE-STRUCK DIGIT NINE: NFKC,confusables
    ('\u{1D7E2}', '0'), // MATHEMATICAL SANS-SERIF DIGIT ZERO: NFKC,confusables
    ('\u{1D7E3}', '1'), // MATHEMATICAL SANS-SERIF DIGIT ONE: NFKC,confusables
    ('\u{1D7E4}', '2'), // MATHEMATICAL SANS-SERIF DIGIT TWO: NFKC,confusables
    ('\u{1D7E5}', '3'), // MATHEMATICAL SANS-SERIF DIGIT THREE: NFKC,confusables
    ('\u{1D7E6}', '4'), // MATHEMATICAL SANS-SERIF DIGIT FOUR: NFKC,confusables
    ('\u{1D7E7}', '5'), // MATHEMATICAL SANS-SERIF DIGIT FIVE: NFKC,confusables
    ('\u{1D7E8}', '6'), // MATHEMATICAL SANS-SERIF DIGIT SIX: NFKC,confusables
    ('\u{1D7E9}', '7'), // MATHEMATICAL SANS-SERIF DIGIT SEVEN: NFKC,confusables
    ('\u{1D7EA}', '8'), // MATHEMATICAL SANS-SERIF DIGIT EIGHT: NFKC,confusables
    ('\u{1D7EB}', '9'), // MATHEMATICAL SANS-SERIF DIGIT NINE: NFKC,confusables
    ('\u{1D7EC}', '0'), // MATHEMATICAL SANS-SERIF BOLD DIGIT ZERO: NFKC,confusables
    ('\u{1D7ED}', '1'), // MATHEMATICAL SANS-SERIF BOLD DIGIT ONE: NFKC,confusables
    ('\u{1D7EE}', '2'), // MATHEMATICAL SANS-SERIF BOLD DIGIT TWO: NFKC,confusables
    ('\u{1D7EF}', '3'), // MATHEMATICAL SANS-SERIF BOLD DIGIT THREE: NFKC,confusables
    ('\u{1D7F0}', '4'), // MATHEMATICAL SANS-SERIF BOLD DIGIT FOUR: NFKC,confusables
    ('\u{1D7F1}', '5'), // MATHEMATICAL SANS-SERIF BOLD DIGIT FIVE: NFKC,confusables
    ('\u{1D7F2}', '6'), // MATHEMATICAL SANS-SERIF BOLD DIGIT SIX: NFKC,confusables
    ('\u{1D7F3}', '7'), // MATHEMATICAL SANS-SERIF BOLD DIGIT SEVEN: NFKC,confusables
    ('\u{1D7F4}', '8'), // MATHEMATICAL SANS-SERIF BOLD DIGIT EIGHT: NFKC,confusables
    ('\u{1D7F5}', '9'), // MATHEMATICAL SANS-SERIF BOLD DIGIT NINE: NFKC,confusables
    ('\u{1D7F6}', '0'), // MATHEMATICAL MONOSPACE DIGIT ZERO: NFKC,confusables
    ('\u{1D7F7}', '1'), // MATHEMATICAL MONOSPACE DIGIT ONE: NFKC,confusables
    ('\u{1D7F8}', '2'), // MATHEMATICAL MONOSPACE DIGIT TWO: NFKC,confusables
    ('\u{1D7F9}', '3'), // MATHEMATICAL MONOSPACE DIGIT THREE: NFKC,confusables
    ('\u{1D7FA}', '4'), // MATHEMATICAL MONOSPACE DIGIT FOUR: NFKC,confusables
    ('\u{1D7FB}', '5'), // MATHEMATICAL MONOSPACE DIGIT FIVE: NFKC,confusables
    ('\u{1D7FC}', '6'), // MATHEMATICAL MONOSPACE DIGIT SIX: NFKC,confusables
    ('\u{1D7FD}', '7'), // MATHEMATICAL MONOSPACE DIGIT SEVEN: NFKC,confusables
    ('\u{1D7FE}', '8'), // MATHEMATICAL MONOSPACE DIGIT EIGHT: NFKC,confusables
    ('\u{1D7FF}', '9'), // MATHEMATICAL MONOSPACE DIGIT NINE: NFKC,confusables
    ('\u{1FBF0}', '0'), // SEGMENTED DIGIT ZERO: NFKC,confusables
    ('\u{1FBF1}', '1'), // SEGMENTED DIGIT ONE: NFKC,confusables
    ('\u{1FBF2}', '2'), // SEGMENTED DIGIT TWO: NFKC,confusables
    ('\u{1FBF3}', '3'), // SEGMENTED DIGIT THREE: NFKC,confusables
    ('\u{1FBF4}', '4'), // SEGMENTED DIGIT FOUR: NFKC,confusables
    ('\u{1FBF5}', '5'), // SEGMENTED DIGIT FIVE: NFKC,confusables
    ('\u{1FBF6}', '6'), // SEGMENTED DIGIT SIX: NFKC,confusables
    ('\u{1FBF7}', '7'), // SEGMENTED DIGIT SEVEN: NFKC,confusables
    ('\u{1FBF8}', '8'), // SEGMENTED DIGIT EIGHT: NFKC,confusables
    ('\u{1FBF9}', '9'), // SEGMENTED DIGIT NINE: NFKC,confusables
];

/// Characters that only look like a sign (the letter O for 0, a bar for 1, 。 for
/// a point): never read as it, but named in the error message; sorted.
#[rustfmt::skip] // one line per character, as generated
pub(crate) const MISTAKEN_SIGNS: &[(char, char)] = &[
    ('I', '1'), // LATIN CAPITAL LETTER I
    ('O', '0'), // LATIN CAPITAL LETTER O
    ('l', '1'), // LATIN SMALL LETTER L
    ('|', '1'), // VERTICAL LINE
    ('\u{B7}', '.'), // MIDDLE DOT
    ('\u{399}', '1'), // GREEK CAPITAL LETTER IOTA
    ('\u{39F}', '0'), // GREEK CAPITAL LETTER OMICRON
    ('\u{417}', '3'), // CYRILLIC CAPITAL LETTER ZE
    ('\u{41E}', '0'), // CYRILLIC CAPITAL LETTER O
    ('\u{431}', '6'), // CYRILLIC SMALL LETTER BE
    ('\u{2223}', '1'), // DIVIDES
    ('\u{226E}', '\u{2265}'), // NOT LESS-THAN
    ('\u{226F}', '\u{2264}'), // NOT GREATER-THAN
    ('\u{2502}', '1'), // BOX DRAWINGS LIGHT VERTICAL
    ('\u{2503}', '1'), // BOX DRAWINGS HEAVY VERTICAL
    ('\u{25CB}', '0'), // WHITE CIRCLE
    ('\u{3002}', '.'), // IDEOGRAPHIC FULL STOP
    ('\u{30FB}', '.'), // KATAKANA MIDDLE DOT
    ('\u{31D0}', '-'), // CJK STROKE H
    ('\u{4E00}', '-'), // CJK UNIFIED IDEOGRAPH-4E00
    ('\u{FF29}', '1'), // FULLWIDTH LATIN CAPITAL LETTER I
    ('\u{FF2F}', '0'), // FULLWIDTH LATIN CAPITAL LETTER O
    ('\u{FF4C}', '1'), // FULLWIDTH LATIN SMALL LETTER L
    ('\u{FF5C}', '1'), // FULLWIDTH VERTICAL LINE
    ('\u{FF61}', '.'), // HALFWIDTH IDEOGRAPHIC FULL STOP
];

/// Compatibility forms of the characters of indicator names and the character
/// NFKC makes of them; sorted.
#[rustfmt::skip] // one line per character, as generated
pub(crate) const NAME_FOLDS: &[(char, char)] = &[
    ('\u{2F63}', '\u{751F}'), // KANGXI RADICAL LIFE
    ('\u{F97E}', '\u{91CF}'), // CJK COMPATIBILITY IDEOGRAPH-F97E
    ('\u{FA01}', '\u{5EA6}'), // CJK COMPATIBILITY IDEOGRAPH-FA01
    ('\u{FA17}', '\u{76CA}'), // CJK COMPATIBILITY IDEOGRAPH-FA17
    ('\u{FA4C}', '\u{793E}'), // CJK COMPATIBILITY IDEOGRAPH-FA4C
    ('\u{FAA6}', '\u{76CA}'), // CJK COMPATIBILITY IDEOGRAPH-FAA6
    ('\u{2F8B2}', '\u{6210}'), // CJK COMPATIBILITY IDEOGRAPH-2F8B2
];
