//! Exhaustive inputs for tests that hold a fast path to the plain one it replaced.

/// Every string of up to `max_pieces` pieces from `pieces`, each once, sorted.
pub fn every_string(pieces: &[&str], max_pieces: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..max_pieces {
        last = last.iter().flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}"))).collect();
        all.extend(last.iter().cloned());
    }
    all.sort();
    all.dedup();
    all
}
