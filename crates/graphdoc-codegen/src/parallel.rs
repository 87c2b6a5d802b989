//! Runs the per-type and per-operation emitters on several threads. Each item is emitted and
//! formatted on the thread that claims it (token streams cannot cross threads), and results come
//! back in item order, so the output is the same bytes whatever the thread count.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f(i, item)` for every item, on up to `jobs` threads (0: as many as the machine has), in
/// item order. Threads claim items one at a time, so a few large items do not leave a thread idle.
pub(crate) fn map_ordered<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let jobs = match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(items.len());
    if jobs <= 1 {
        return items.iter().enumerate().map(|(i, item)| f(i, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, f(i, item)));
        }
        done
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..jobs).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for helper in helpers {
            // A panic in `f` is a generator bug; re-raise it rather than lose items.
            all.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        all
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_item_order_for_any_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        let expected: Vec<u64> = items.iter().map(|x| x * x).collect();
        for jobs in [0, 1, 2, 3, 8, 2000] {
            assert_eq!(map_ordered(&items, jobs, |_, x| x * x), expected, "{jobs} jobs");
        }
        assert!(map_ordered(&[] as &[u8], 4, |_, x| *x).is_empty());
    }
}
