//! Per-row signals fed by one effect. A memo shared by 300 rows would re-run
//! all 300 row subscribers on every change (and reactive_graph's subscriber
//! bookkeeping is linear per re-run); here the effect compares each row's
//! value and notifies only the rows whose value changed.

use std::collections::HashMap;

use leptos::prelude::*;

pub struct PerRow<T: Send + Sync + 'static> {
    source: Memo<HashMap<u64, T>>,
    signals: StoredValue<HashMap<u64, RwSignal<T>>>,
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
    pub fn new(source: Memo<HashMap<u64, T>>) -> Self {
        let signals: StoredValue<HashMap<u64, RwSignal<T>>> = StoredValue::new(HashMap::new());
        Effect::new(move |_| {
            source.with(|values| {
                signals.with_value(|rows| {
                    for (id, signal) in rows {
                        let value = values.get(id).cloned().unwrap_or_default();
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
        let initial = self
            .source
            .with_untracked(|values| values.get(&id).cloned().unwrap_or_default());
        let signal = RwSignal::new(initial);
        self.signals
            .update_value(|rows| _ = rows.insert(id, signal));
        let signals = self.signals;
        on_cleanup(move || signals.update_value(|rows| _ = rows.remove(&id)));
        signal.read_only()
    }
}
