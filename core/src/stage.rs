//! Where a project is in its year: 目标 (targets set), 监控 (monitoring
//! started), 自评 (year-end figures in). `monitor::stage` tells a project's
//! stage; the 体检's catalogue says at which stages each rule applies, so
//! the stage sits below both.

/// Where a project is in its year, in the order the year runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// 绩效目标 set, nothing monitored or achieved yet.
    Targets,
    /// 运行监控 started.
    Monitoring,
    /// Year-end figures entered: the self-evaluation.
    SelfEvaluation,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Targets, Stage::Monitoring, Stage::SelfEvaluation];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Targets => "目标",
            Stage::Monitoring => "监控",
            Stage::SelfEvaluation => "自评",
        }
    }
}
