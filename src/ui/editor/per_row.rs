//! Per-row signals fed by one effect. A memo shared by 300 rows would re-run
//! all 300 row subscribers on every change (and reactive_graph's subscriber
//! bookkeeping is linear per re-run); here the effect compares each row's
//! value and notifies only the rows whose value changed. Lists, not maps:
//! finding a row among a few hundred is quick, and each map type costs
//! kilobytes of wasm.

use leptos::prelude::*;

pub struct PerRow<T: Send + Sync + 'static> {
    source: Memo<Vec<(u64, T)>>,
    signals: StoredValue<Vec<(u64, RwSignal<T>)>>,
}

impl<T: Send + Sync + 'static> Clone for PerRow<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for PerRow<T> {}

impl<T> PerRow<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    pub fn new(source: Memo<Vec<(u64, T)>>) -> Self {
        let signals: StoredValue<Vec<(u64, RwSignal<T>)>> = StoredValue::new(Vec::new());
        Effect::new(move |_| {
            source.with(|values| {
                signals.with_value(|rows| {
                    for (id, signal) in rows {
                        let value = value_of(values, *id);
                        if signal.with_untracked(|current| *current != value) {
                            signal.set(value);
                        }
                    }
                })
            })
        });
        Self { source, signals }
    }

    /// The signal of one row, created with the current value; dropped with the row.
    pub fn row(&self, id: u64) -> ReadSignal<T> {
        let initial = self.source.with_untracked(|values| value_of(values, id));
        let signal = RwSignal::new(initial);
        self.signals.update_value(|rows| rows.push((id, signal)));
        let signals = self.signals;
        // This row's signal only: a row drawn again may have added its own first.
        on_cleanup(move || signals.update_value(|rows| rows.retain(|(_, s)| *s != signal)));
        signal.read_only()
    }
}

fn value_of<T: Clone + Default>(values: &[(u64, T)], id: u64) -> T {
    values
        .iter()
        .find(|(row, _)| *row == id)
        .map(|(_, value)| value.clone())
        .unwrap_or_default()
}
