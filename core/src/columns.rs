//! The columns of the 附1 indicator block (一级指标 … 偏差原因分析及改进措施):
//! their order, their labels, the field of a 三级指标 each fills, and the
//! headers by which published tables name them. Read by the paste planner,
//! the Excel import and the editor's grid and keys.

use super::number::normalize;
use super::path::IndicatorField;

/// A column of the 附1 indicator block, in 附1 order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Level1,
    Level2,
    Name,
    Kind,
    Target,
    Unit,
    Actual,
    Weight,
    Score,
    Reason,
}

impl Column {
    /// The grid's columns, left to right.
    pub const ALL: [Column; 10] = [
        Column::Level1,
        Column::Level2,
        Column::Name,
        Column::Kind,
        Column::Target,
        Column::Unit,
        Column::Actual,
        Column::Weight,
        Column::Score,
        Column::Reason,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Column::Level1 => "一级指标",
            Column::Level2 => "二级指标",
            Column::Name => "三级指标",
            Column::Kind => "指标性质",
            Column::Target => "年度指标值",
            Column::Unit => "计量单位",
            Column::Actual => "实际完成值",
            Column::Weight => "分值",
            Column::Score => "得分",
            Column::Reason => "偏差原因分析及改进措施",
        }
    }

    /// The field of a 三级指标 this column fills, if it is one.
    pub fn field(self) -> Option<IndicatorField> {
        Some(match self {
            Column::Name => IndicatorField::Name,
            Column::Kind => IndicatorField::Kind,
            Column::Target => IndicatorField::Target,
            Column::Unit => IndicatorField::Unit,
            Column::Actual => IndicatorField::Actual,
            Column::Weight => IndicatorField::Weight,
            Column::Reason => IndicatorField::DeviationReason,
            Column::Level1 | Column::Level2 | Column::Score => return None,
        })
    }

    /// The column an indicator field shows in.
    pub fn of_field(field: IndicatorField) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.field() == Some(field))
    }

    /// The column a header names, as 附1 and published variants write it.
    pub fn recognise(header: &str) -> Option<Column> {
        let key = header_key(header);
        let key = key.as_str();
        // "指标值设定依据" is a note about the value, not the value.
        if note_field(header).is_some() {
            return None;
        }
        // Exact names first, then words a longer header contains; the order
        // keeps 实际完成值 from reading as 指标值 and 得分 apart from 分值.
        const NAMES: [(&str, Column); 34] = [
            ("一级指标", Column::Level1),
            ("一级", Column::Level1),
            ("二级指标", Column::Level2),
            ("二级", Column::Level2),
            ("三级指标", Column::Name),
            ("三级", Column::Name),
            ("指标名称", Column::Name),
            ("指标内容", Column::Name),
            ("指标性质", Column::Kind),
            ("指标方向", Column::Kind),
            ("指标方向性", Column::Kind),
            ("性质", Column::Kind),
            ("计量单位", Column::Unit),
            ("度量单位", Column::Unit),
            ("单位", Column::Unit),
            ("实际完成值", Column::Actual),
            ("全年实际值", Column::Actual),
            ("全年实际完成值", Column::Actual),
            ("实际值", Column::Actual),
            ("完成值", Column::Actual),
            ("实际完成情况", Column::Actual),
            ("年度指标值", Column::Target),
            ("指标值", Column::Target),
            ("目标值", Column::Target),
            ("年度目标值", Column::Target),
            ("预期指标值", Column::Target),
            ("分值", Column::Weight),
            ("权重", Column::Weight),
            ("标准分值", Column::Weight),
            ("指标分值", Column::Weight),
            ("得分", Column::Score),
            ("分数", Column::Score),
            ("自评得分", Column::Score),
            ("偏差原因分析及改进措施", Column::Reason),
        ];
        if let Some((_, c)) = NAMES.iter().find(|(n, _)| *n == key) {
            return Some(*c);
        }
        const WORDS: [(&str, Column); 10] = [
            ("偏差原因", Column::Reason),
            ("原因", Column::Reason),
            ("改进措施", Column::Reason),
            ("一级", Column::Level1),
            ("二级", Column::Level2),
            ("三级", Column::Name),
            ("实际", Column::Actual),
            ("指标值", Column::Target),
            ("得分", Column::Score),
            ("分值", Column::Weight),
        ];
        WORDS.iter().find(|(w, _)| key.contains(w)).map(|(_, c)| *c)
    }
}

/// A header as compared: look-alikes folded, no whitespace, no brackets.
fn header_key(header: &str) -> String {
    let key: String = normalize(header)
        .into_iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    key.trim_matches(|c| matches!(c, '(' | ')' | ':' | '*'))
        .to_string()
}

/// The 101号 note a 绩效目标申报表's column holds (指标解释, 指标来源 …),
/// by the headers forms give it. Not a 附1 column: the note is kept with
/// its indicator, never scored.
pub fn note_field(header: &str) -> Option<IndicatorField> {
    let key = header_key(header);
    const NAMES: [(&str, IndicatorField); 12] = [
        ("指标解释", IndicatorField::Explanation),
        ("指标说明", IndicatorField::Explanation),
        ("指标解释说明", IndicatorField::Explanation),
        ("指标来源", IndicatorField::Source),
        ("指标值设定依据", IndicatorField::Basis),
        ("指标值设定依据及数据来源", IndicatorField::Basis),
        ("设定依据", IndicatorField::Basis),
        ("完成值取值方式", IndicatorField::Method),
        ("取值方式", IndicatorField::Method),
        ("数据来源", IndicatorField::DataSource),
        ("佐证资料", IndicatorField::Evidence),
        ("佐证材料", IndicatorField::Evidence),
    ];
    NAMES.iter().find(|(n, _)| *n == key).map(|(_, f)| *f)
}

/// How many cells of a row name a column.
pub fn header_score(row: &[String]) -> usize {
    row.iter()
        .filter(|c| Column::recognise(c).is_some())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_as_published_tables_write_them() {
        for (header, column) in [
            ("一级指标", Column::Level1),
            ("三级指标", Column::Name),
            ("指标值", Column::Target),
            ("年度指标值", Column::Target),
            ("全年实际值", Column::Actual),
            ("实际完成值", Column::Actual),
            ("权重", Column::Weight),
            ("分 值", Column::Weight),
            ("分数", Column::Score),
            ("得分", Column::Score),
            ("偏差原因", Column::Reason),
            ("未完成原因及拟采取的改进措施", Column::Reason),
            ("度量单位", Column::Unit),
            ("指标方向", Column::Kind),
        ] {
            assert_eq!(Column::recognise(header), Some(column), "{header}");
        }
        assert_eq!(Column::recognise("备注"), None);
        // The 申报表's notes are not the value they explain.
        assert_eq!(Column::recognise("指标值设定依据"), None);
        assert_eq!(note_field("指标值设定依据"), Some(IndicatorField::Basis));
        assert_eq!(note_field("指标 解释"), Some(IndicatorField::Explanation));
        assert_eq!(note_field("取值方式"), Some(IndicatorField::Method));
        assert_eq!(note_field("三级指标"), None);
    }
}
