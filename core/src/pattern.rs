//! The patterns a 审核口径 file may contain, and the one matcher that runs
//! them. A region's file is someone else's text run on every keystroke, so
//! the language is small on purpose: literal characters, `?` (one
//! character), `*` (any run, also empty), `#` (a run of digits, ASCII or
//! full-width), `\` to take the next character literally, `|` between
//! alternatives, `^` at an alternative's start and `$` at its end to tie it
//! to the text's start or end. Otherwise a pattern matches when it occurs
//! anywhere in the text; whitespace is ignored on both sides ("[2021] 10号"
//! is "[2021]10号").
//!
//! Matching simulates the pattern's automaton over the text (each step one
//! pattern position against one character), so it never backtracks, and
//! every step is paid from a [`Budget`]: a run that would exceed it stops
//! and says so, whatever the pattern and the text.

/// Longest pattern accepted, in characters.
pub const MAX_PATTERN_CHARS: usize = 64;
/// Most alternatives (`|`) in one pattern.
pub const MAX_ALTERNATIVES: usize = 16;
/// Most wildcards (`*`, `?`, `#`) in one alternative.
pub const MAX_WILDCARDS: usize = 8;
/// Steps one matching may take before it gives up: a text of ~1,500
/// characters against the longest pattern.
pub const STEPS_PER_MATCH: u64 = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    Char(char),
    AnyOne,
    /// `*`: stays on any character, or moves on without one.
    AnyRun,
    /// The first digit of `#`.
    Digit,
    /// The digits after the first: stays on a digit, or moves on.
    MoreDigits,
}

/// A pattern refused, with the reason in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError(pub String);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Alternative {
    tokens: Vec<Token>,
    at_start: bool,
    at_end: bool,
}

/// A checked pattern, ready to match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    alternatives: Vec<Alternative>,
}

/// Steps left to spend: shared by all the matching of one 体检, so a rule
/// file can never make one keystroke slow, however many patterns it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    left: u64,
}

impl Budget {
    pub fn new(steps: u64) -> Self {
        Self { left: steps }
    }

    #[cfg(test)]
    pub fn left(&self) -> u64 {
        self.left
    }
}

/// The budget ran out before the text was read to its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exhausted;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

impl Pattern {
    pub fn parse(source: &str) -> Result<Pattern, PatternError> {
        let chars = source.chars().count();
        if chars > MAX_PATTERN_CHARS {
            return Err(PatternError(format!(
                "长度 {chars} 个字符，超过上限 {MAX_PATTERN_CHARS}"
            )));
        }
        let mut alternatives = vec![Alternative::default()];
        let mut escaped = false;
        let mut chars = source.chars().filter(|c| !c.is_whitespace()).peekable();
        while let Some(c) = chars.next() {
            let current = alternatives.last_mut().expect("one alternative at least");
            if current.at_end && c != '|' {
                return Err(PatternError("“$”只能放在备选的末尾".into()));
            }
            let tokens = &mut current.tokens;
            if escaped {
                tokens.push(Token::Char(c));
                escaped = false;
                continue;
            }
            match c {
                '\\' => escaped = true,
                '|' => alternatives.push(Alternative::default()),
                '^' if tokens.is_empty() && !current.at_start => current.at_start = true,
                '^' => return Err(PatternError("“^”只能放在备选的开头".into())),
                '$' if matches!(chars.peek(), None | Some('|')) => current.at_end = true,
                '$' => return Err(PatternError("“$”只能放在备选的末尾".into())),
                '?' => tokens.push(Token::AnyOne),
                // Two stars in a row are one: nothing gained, steps spent.
                '*' if tokens.last() == Some(&Token::AnyRun) => {}
                '*' => tokens.push(Token::AnyRun),
                '#' => tokens.extend([Token::Digit, Token::MoreDigits]),
                _ => tokens.push(Token::Char(c)),
            }
        }
        if escaped {
            return Err(PatternError(
                "以“\\”结尾，其后缺少要照字面匹配的字符".into(),
            ));
        }
        if alternatives.len() > MAX_ALTERNATIVES {
            return Err(PatternError(format!(
                "有 {} 个备选（“|”分隔），超过上限 {MAX_ALTERNATIVES}",
                alternatives.len()
            )));
        }
        for (n, alternative) in alternatives.iter().enumerate() {
            let which = if alternatives.len() > 1 {
                format!("第 {} 个备选", n + 1)
            } else {
                "该模式".to_string()
            };
            let alternative = &alternative.tokens;
            if alternative.is_empty() {
                return Err(PatternError(format!("{which}为空（如“||”或首尾的“|”）")));
            }
            if !alternative.iter().any(|t| matches!(t, Token::Char(_))) {
                return Err(PatternError(format!("{which}只有通配符，会匹配任何文字")));
            }
            let wildcards = alternative
                .iter()
                .filter(|t| !matches!(t, Token::Char(_) | Token::MoreDigits))
                .count();
            if wildcards > MAX_WILDCARDS {
                return Err(PatternError(format!(
                    "{which}有 {wildcards} 个通配符，超过上限 {MAX_WILDCARDS}"
                )));
            }
        }
        Ok(Pattern { alternatives })
    }

    /// Whether the pattern occurs in `text`, paying each step from `budget`
    /// and at most [`STEPS_PER_MATCH`] for this call.
    pub fn find(&self, text: &str, budget: &mut Budget) -> Result<bool, Exhausted> {
        let mut this_call = STEPS_PER_MATCH.min(budget.left);
        let result = self.find_within(text, &mut this_call);
        let spent = STEPS_PER_MATCH.min(budget.left) - this_call;
        budget.left -= spent;
        result
    }

    fn find_within(&self, text: &str, steps: &mut u64) -> Result<bool, Exhausted> {
        for alternative in &self.alternatives {
            if occurs(alternative, text, steps)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Thompson simulation: `active[i]` says the pattern has been matched up to
/// token `i` ending at the current character. Unless tied to the start, a
/// new match may start at every character, which gives "occurs anywhere".
fn occurs(alternative: &Alternative, text: &str, steps: &mut u64) -> Result<bool, Exhausted> {
    let tokens = &alternative.tokens;
    let end = tokens.len();
    let mut active = vec![false; end + 1];
    let mut next = vec![false; end + 1];
    let close = |set: &mut Vec<bool>| {
        // Optional tokens let a position move on without a character.
        for i in 0..end {
            if set[i] && matches!(tokens[i], Token::AnyRun | Token::MoreDigits) {
                set[i + 1] = true;
            }
        }
    };
    active[0] = true;
    close(&mut active);
    if active[end] && !alternative.at_end {
        return Ok(true);
    }
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        next.iter_mut().for_each(|s| *s = false);
        for i in 0..end {
            if !active[i] {
                continue;
            }
            if *steps == 0 {
                return Err(Exhausted);
            }
            *steps -= 1;
            match tokens[i] {
                Token::Char(want) if want == c => next[i + 1] = true,
                Token::AnyOne => next[i + 1] = true,
                Token::AnyRun => next[i] = true,
                Token::Digit if is_digit(c) => next[i + 1] = true,
                Token::MoreDigits if is_digit(c) => next[i] = true,
                _ => {}
            }
        }
        next[0] = !alternative.at_start;
        close(&mut next);
        if next[end] && !alternative.at_end {
            return Ok(true);
        }
        std::mem::swap(&mut active, &mut next);
        if !active.contains(&true) {
            // Tied to the start and already failed: the rest cannot match.
            return Ok(false);
        }
    }
    Ok(active[end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(pattern: &str, text: &str) -> bool {
        Pattern::parse(pattern)
            .unwrap()
            .find(text, &mut Budget::new(u64::MAX))
            .unwrap()
    }

    #[test]
    fn literals_wildcards_digits_and_alternatives() {
        assert!(found("《*》", "根据《中华人民共和国预算法》"));
        assert!(!found("《*》", "根据预算法"));
        assert!(found("〔#〕#号", "财预〔2021〕101号"));
        assert!(found("[#]#号", "某财发 [2021] 10号"));
        assert!(found("〔#〕#号", "〔２０２１〕１０号"));
        assert!(!found("〔#〕#号", "〔〕号"));
        assert!(found("良好|明显", "效果明显"));
        assert!(found("及时?", "及时率"));
        assert!(!found("及时?", "及时"));
        assert!(found(r"#\*#", "300*20"));
        assert!(!found(r"#\*#", "300×20"));
        assert!(found("a*b", "ab"));
        assert!(found("得到*提升", "服务水平得到进一步提升"));
        assert!(found("^优$|合格", "优"));
        assert!(!found("^优$", "优化服务"));
        assert!(!found("^优$", "较优"));
        assert!(found("^优", "优化服务"));
        assert!(found("化服务$", "优化服务"));
        assert!(!found("^a$", ""));
        assert!(found("^#年$", "2024年"));
    }

    #[test]
    fn bad_patterns_are_refused_with_the_reason() {
        let why = |p: &str| Pattern::parse(p).unwrap_err().0;
        assert!(why("*").contains("只有通配符"));
        assert!(why("??|*").contains("第 1 个备选只有通配符"));
        assert!(why("a||b").contains("第 2 个备选为空"));
        assert!(why("abc\\").contains("“\\”结尾"));
        assert!(why("a^b").contains("“^”"));
        assert!(why("a$b").contains("“$”"));
        assert!(why(&"长".repeat(65)).contains("超过上限 64"));
        assert!(why("a?b?c?d?e?f?g?h?i?").contains("通配符"));
        assert!(why(&vec!["a"; 17].join("|")).contains("17 个备选"));
    }

    /// Patterns that make a backtracking matcher exponential cost this one
    /// at most tokens × characters steps, and a budget stops any run: the
    /// steps are counted, not timed.
    #[test]
    fn the_step_budget_is_enforced() {
        let nasty = Pattern::parse("a*a*a*a*a*a*a*a*b").unwrap();
        let text = "a".repeat(50_000);
        let mut budget = Budget::new(10_000_000);
        assert_eq!(nasty.find(&text, &mut budget), Err(Exhausted));
        // One call never takes more than its share.
        assert_eq!(budget.left(), 10_000_000 - STEPS_PER_MATCH);
        // A short text completes, bounded by tokens × characters.
        let mut budget = Budget::new(10_000_000);
        assert_eq!(nasty.find(&"a".repeat(100), &mut budget), Ok(false));
        assert!(10_000_000 - budget.left() <= 17 * 100);
        // A spent budget stops every later match at once.
        let mut spent = Budget::new(5);
        assert_eq!(nasty.find(&"a".repeat(100), &mut spent), Err(Exhausted));
        assert_eq!(spent.left(), 0);
        assert_eq!(
            Pattern::parse("b").unwrap().find("ab", &mut spent),
            Err(Exhausted)
        );
    }
}
