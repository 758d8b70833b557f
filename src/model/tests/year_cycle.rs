//! 年度复制 over generated projects: an untouched copy scores nothing (no
//! actuals), nothing of last year's actuals leaks into it, and it travels
//! through the exchange format with its record of last year.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use crate::model::formats::json::exchange;
use crate::model::score::{Attainment, evaluate};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn an_untouched_copy_scores_nothing_and_keeps_no_actual(p in super::common::project()) {
        let next = p.next_year_copy(&evaluate(&p), "next".into(), 1.0);
        let e = evaluate(&next);
        for s in &e.indicators {
            prop_assert_eq!(s.attainment, Attainment::NotScored, "{}", s.explanation);
            prop_assert_eq!(s.score, 0.0);
        }
        for (_, ind) in next.indicators_in_order() {
            prop_assert!(ind.actual.is_blank());
            prop_assert!(ind.qualitative_grade.is_none());
            prop_assert!(ind.deviation_reason.is_empty() && ind.stated_score.is_empty());
        }
        prop_assert!(next.funds.total.executed.is_blank());
        let prior = next.prior.clone().unwrap();
        prop_assert_eq!(prior.indicators.len(), p.indicators_in_order().count());
        // Through an exchange file and back: the same document.
        let text = exchange::export(std::slice::from_ref(&next), "2026-01-01T00:00:00Z");
        let back = exchange::import(&text).map_err(|e| TestCaseError::fail(e.message))?;
        prop_assert_eq!(&back[0], &next);
    }
}
