//! 审核口径 as data: what the target review (`checkup::target`) counts as a
//! cited document, a computation, a vague word, a deadline, a misfiled
//! indicator; its thresholds; and the 建议 it gives for each rule. Regions
//! write these differently, so a finance bureau exports its own as a file
//! (`schema::review_rules_to_json`) and the units it reviews import it,
//! as they do a scoring rule set. Kept in the project's rule set
//! (`RuleSet::review`) and left out of stored files while it is the default.
//!
//! Every pattern is in the [`pattern`](super::pattern) language and is
//! checked before it is used: a file with a bad one is refused, naming it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::pattern::{Pattern, PatternError};

/// A vague word and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VagueWord {
    pub pattern: String,
    pub suggestion: String,
}

/// An indicator whose name matches `pattern` does not belong under the
/// 二级 `under` but under `belongs` (a 率 is a 质量, not a 数量).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Misfiling {
    pub pattern: String,
    pub under: String,
    pub belongs: String,
}

/// From `from_amount` 万元 of 本年度项目金额, at least `min_indicators`
/// 三级指标. The tier of the largest `from_amount` reached applies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorTier {
    pub from_amount: f64,
    pub min_indicators: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewRules {
    /// Shown when the file is imported ("某市绩效目标审核口径").
    pub name: String,
    /// The documents it follows.
    pub source: String,
    /// 政策依据 cites a document: a title in 《》 or a 文号.
    pub document_patterns: Vec<String>,
    /// 测算依据 shows a computation (单价 × 数量).
    pub computation_patterns: Vec<String>,
    /// …or cites a standard (支出标准, 定额).
    pub standard_patterns: Vec<String>,
    /// How far (in %) the 测算依据's total may be from 本年度项目金额.
    pub amount_tolerance: f64,
    /// The 二级 every declaration has (or marks 不适用).
    pub required_level2: Vec<String>,
    /// Words that make a value unmeasurable.
    pub vague_words: Vec<VagueWord>,
    /// A 定性 value that matches one of these is a defined grade.
    pub graded_words: Vec<String>,
    /// A 时效 indicator names a deadline or a period when its name, value
    /// or unit matches one of these.
    pub deadline_patterns: Vec<String>,
    /// A 三级 name longer than this (in characters) is too long.
    pub name_max_chars: usize,
    pub misfilings: Vec<Misfiling>,
    pub indicator_tiers: Vec<IndicatorTier>,
    /// The 建议 of each target rule, by rule id (`target.policy_basis.no_document`).
    pub advice: BTreeMap<String, String>,
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for ReviewRules {
    fn default() -> Self {
        let vague = |pattern: &str, suggestion: &str| VagueWord {
            pattern: pattern.into(),
            suggestion: suggestion.into(),
        };
        let misfiling = |pattern: &str, under: &str, belongs: &str| Misfiling {
            pattern: pattern.into(),
            under: under.into(),
            belongs: belongs.into(),
        };
        let tier = |from_amount: f64, min_indicators: usize| IndicatorTier {
            from_amount,
            min_indicators,
        };
        Self {
            name: "默认审核口径".into(),
            source: "财预〔2020〕10号、财预〔2021〕101号及各地预算绩效目标管理办法的常见审核意见（完整性、可测性、可行性、清晰性）".into(),
            document_patterns: strings(&[
                "《*》",
                "〔#〕#号|[#]#号|［#］#号|(#)#号|（#）#号|【#】#号",
                "令第#号",
            ]),
            computation_patterns: strings(&["×|✕|乘以", r"#\*#", "#x#|#X#"]),
            standard_patterns: strings(&["标准", "定额", "《*》"]),
            amount_tolerance: 1.0,
            required_level2: strings(&[
                "数量指标",
                "质量指标",
                "时效指标",
                "成本指标",
                "社会效益指标",
                "服务对象满意度指标",
            ]),
            vague_words: vec![
                vague("良好", "改为明确的等级或比率，如“验收合格率≥95%”“达到合格等级”"),
                vague(
                    "得到*提升|得到*提高|有所提升|有所提高|得到*改善",
                    "写明提高到多少，如“由 80% 提高到 90%”",
                ),
                vague("明显|显著|大幅", "写明幅度，如“较上年下降 10%”"),
                vague("有效", "写明衡量的结果，如“问题整改率 100%”"),
                vague("进一步|逐步|不断", "写明年内达到的水平，如“覆盖率达到 95%”"),
            ],
            graded_words: strings(&[
                "^优$|^良$|^中$|^差$|^是$|^否$|^有$|^无$",
                "合格|达标|通过|优秀",
                "完成|按期|按时|全覆盖|零|无*事故",
            ]),
            deadline_patterns: strings(&[
                "#年|#月|#日|#天|#周|#小时|#个月|#季度",
                "年底|年末|月底|月末|季末|上半年|下半年|年内|当年",
                "工作日|之前|前完成|以内",
            ]),
            name_max_chars: 15,
            misfilings: vec![
                misfiling("率$", "数量指标", "质量指标"),
                misfiling("及时", "质量指标", "时效指标"),
                misfiling("满意", "社会效益指标", "服务对象满意度指标"),
                misfiling("成本|费用|单价", "数量指标", "成本指标"),
            ],
            // No published text fixes these; they are defaults to tune:
            // a small project has three indicators at least, and one of a
            // million 万元 ten.
            indicator_tiers: vec![tier(0.0, 3), tier(100.0, 6), tier(500.0, 8), tier(1000.0, 10)],
            advice: default_advice(),
        }
    }
}

fn default_advice() -> BTreeMap<String, String> {
    [
        ("target.policy_basis.blank", "写明立项依据的政策文件，如“根据《××省××专项资金管理办法》（×财预〔2023〕12号）”"),
        ("target.policy_basis.no_document", "写明文件名称和文号，如“根据《中华人民共和国预算法》和《××市××专项资金管理办法》（×财规〔2021〕10号）”"),
        ("target.cost_basis.blank", "写明测算过程，如“设备购置：单价 0.5 万元/台 × 20 台 = 10 万元”"),
        ("target.cost_basis.no_computation", "列出单价 × 数量，或引用支出标准，如“按《××市会议费管理办法》每人每天 350 元 × 100 人 × 2 天 = 7 万元”"),
        ("target.cost_basis.total_mismatch", "核对各项测算，使合计与本年度项目金额一致"),
        ("target.annual_goal.no_figures", "按“在什么时间，用多少钱，做什么事，预期实现什么效果”写，如“2024 年内投入 50 万元，完成 3 个村 12 公里道路硬化，群众出行满意度达 90% 以上”"),
        ("target.level2.missing", "补充该二级指标下的三级指标；确不适用的，在该二级指标处标明“不适用”"),
        ("target.value.blank", "填写年度指标值：带单位的数值、比率、日期，或明确的等级（如“合格”）"),
        ("target.explanation.blank", "写明指标含义、计算方法和统计口径，如“验收合格率 = 验收合格的项目数 ÷ 完成的项目数 × 100%”"),
        ("target.value.vague", "改为可衡量的值"),
        ("target.value.unmeasurable", "改为可衡量的值：带单位的数值（如“≥200 台”）、比率（“≥95%”）、日期（“2024年11月30日前”）或明确的等级（“达标”“合格”）"),
        ("target.deadline.missing", "写明完成时限或期限，如“2024年11月30日前完成”或“≤30 天”"),
        ("target.cost.over_money", "成本指标值不应超过项目资金：核对指标值或单位（万元/元）"),
        ("target.indicators.too_few", "按资金规模细化产出、效益指标，使指标能全面反映项目的主要内容"),
        ("target.indicator_name.too_long", "名称简明扼要，如“房屋修缮面积”“验收合格率”，其余内容写入指标解释"),
        ("target.indicator_name.duplicate", "合并重复的指标，或改名以区分各自的内容"),
        ("target.indicator.misfiled", "移到相应的二级指标下"),
    ]
    .into_iter()
    .map(|(id, text)| (id.to_string(), text.to_string()))
    .collect()
}

/// The patterns of [`ReviewRules`], checked and ready.
#[derive(Clone, Debug)]
pub struct CompiledReview {
    pub document: Vec<Pattern>,
    pub computation: Vec<Pattern>,
    pub standard: Vec<Pattern>,
    pub vague: Vec<(Pattern, String)>,
    pub graded: Vec<Pattern>,
    pub deadline: Vec<Pattern>,
    pub misfilings: Vec<(Pattern, String, String)>,
}

impl ReviewRules {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// The 建议 for a rule: the file's, else the default's, else none.
    pub fn advice(&self, id: &str) -> String {
        self.advice
            .get(id)
            .cloned()
            .or_else(|| default_advice().remove(id))
            .unwrap_or_default()
    }

    /// The patterns checked, or every problem in Chinese: which list, which
    /// pattern, why. Thresholds out of range are problems too.
    pub fn compile(&self) -> Result<CompiledReview, Vec<String>> {
        let mut problems = Vec::new();
        let mut list = |what: &str, sources: &mut dyn Iterator<Item = &String>| -> Vec<Pattern> {
            let mut out = Vec::new();
            for (n, source) in sources.enumerate() {
                match Pattern::parse(source) {
                    Ok(p) => out.push(p),
                    Err(PatternError(why)) => problems.push(format!(
                        "审核口径中“{what}”的第 {} 个模式“{source}”无效：{why}",
                        n + 1
                    )),
                }
            }
            out
        };
        let document = list("政策依据的文件引用", &mut self.document_patterns.iter());
        let computation = list("测算依据的计算过程", &mut self.computation_patterns.iter());
        let standard = list("测算依据引用的标准", &mut self.standard_patterns.iter());
        let vague_patterns = list("模糊用语", &mut self.vague_words.iter().map(|v| &v.pattern));
        let graded = list("定性指标的等级用语", &mut self.graded_words.iter());
        let deadline = list("时效指标的时限用语", &mut self.deadline_patterns.iter());
        let misfiled = list(
            "归类有误的指标名称",
            &mut self.misfilings.iter().map(|m| &m.pattern),
        );
        if !(self.amount_tolerance.is_finite() && (0.0..=50.0).contains(&self.amount_tolerance)) {
            problems.push("审核口径中测算金额的允许误差应在 0% 到 50% 之间".into());
        }
        if !(1..=200).contains(&self.name_max_chars) {
            problems.push("审核口径中三级指标名称的字数上限应在 1 到 200 之间".into());
        }
        if self
            .indicator_tiers
            .iter()
            .any(|t| !(t.from_amount.is_finite() && t.from_amount >= 0.0) || t.min_indicators > 200)
        {
            problems.push("审核口径中指标数量分档的金额应不小于 0，指标数不超过 200".into());
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let vague = vague_patterns
            .into_iter()
            .zip(self.vague_words.iter().map(|v| v.suggestion.clone()))
            .collect();
        let misfilings = misfiled
            .into_iter()
            .zip(&self.misfilings)
            .map(|(p, m)| (p, m.under.clone(), m.belongs.clone()))
            .collect();
        Ok(CompiledReview {
            document,
            computation,
            standard,
            vague,
            graded,
            deadline,
            misfilings,
        })
    }

    /// The fewest 三级指标 a project of `amount` 万元 should have.
    pub fn min_indicators(&self, amount: f64) -> Option<usize> {
        self.indicator_tiers
            .iter()
            .filter(|t| amount >= t.from_amount)
            .max_by(|a, b| a.from_amount.total_cmp(&b.from_amount))
            .map(|t| t.min_indicators)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_compile() {
        let rules = ReviewRules::default();
        assert!(rules.compile().is_ok());
        assert!(rules.is_default());
        assert_eq!(rules.min_indicators(50.0), Some(3));
        assert_eq!(rules.min_indicators(100.0), Some(6));
        assert_eq!(rules.min_indicators(5000.0), Some(10));
        assert!(
            rules
                .advice("target.policy_basis.no_document")
                .contains("文号")
        );
    }

    #[test]
    fn a_bad_pattern_is_named_with_its_list_and_reason() {
        let rules = ReviewRules {
            deadline_patterns: vec!["#月".into(), "**".into()],
            amount_tolerance: -1.0,
            ..ReviewRules::default()
        };
        let problems = rules.compile().unwrap_err();
        assert_eq!(
            problems[0],
            "审核口径中“时效指标的时限用语”的第 2 个模式“**”无效：该模式只有通配符，会匹配任何文字"
        );
        assert!(problems[1].contains("允许误差"));
    }
}
