//! "Did you mean": the candidates nearest to a name that matched nothing, by edit distance.

/// Up to `limit` candidates nearest to `wanted` (case-insensitive Levenshtein distance), nearest
/// first, ties in candidate order. Candidates further away than about half of `wanted`'s length
/// are not suggestions but noise, so they are left out.
pub fn nearest<'c>(wanted: &str, candidates: impl IntoIterator<Item = &'c str>, limit: usize) -> Vec<&'c str> {
    let wanted = wanted.to_lowercase();
    let cutoff = wanted.chars().count() / 2 + 2;
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .enumerate()
        .map(|(i, c)| (distance(&wanted, &c.to_lowercase()), i, c))
        .filter(|(d, _, _)| *d <= cutoff)
        .collect();
    scored.sort();
    scored.into_iter().take(limit).map(|(_, _, c)| c).collect()
}

/// Levenshtein distance over chars, with one row of memory.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
    }

    #[test]
    fn nearest_orders_by_distance_and_drops_far_candidates() {
        let names = ["microsoft.graph.user", "microsoft.graph.group", "microsoft.graph.users", "x"];
        assert_eq!(
            nearest("microsoft.graph.usr", names, 3),
            ["microsoft.graph.user", "microsoft.graph.users", "microsoft.graph.group"]
        );
        assert_eq!(nearest("microsoft.graph.usr", names, 1), ["microsoft.graph.user"]);
        assert!(nearest("zzzzzzzzzzzzzzzzzzzz", names, 3).is_empty());
    }
}
