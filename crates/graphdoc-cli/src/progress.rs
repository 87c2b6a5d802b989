//! A one-line progress bar on stderr, drawn only when stderr is a terminal (never in CI logs or
//! when redirected) and not `--quiet`. Hand-rolled: one line redrawn with `\r` needs no crate.

use std::io::{IsTerminal, Write};

pub struct Progress {
    on: bool,
    label: &'static str,
    last_percent: Option<usize>,
}

impl Progress {
    pub fn new(label: &'static str, quiet: bool) -> Self {
        Progress { on: !quiet && std::io::stderr().is_terminal(), label, last_percent: None }
    }

    /// Redraws when the percentage changes, so 11k pages cost 100 redraws.
    pub fn update(&mut self, done: usize, total: usize) {
        if !self.on || total == 0 {
            return;
        }
        let percent = done * 100 / total;
        if self.last_percent == Some(percent) {
            return;
        }
        self.last_percent = Some(percent);
        let filled = percent / 4;
        let bar = format!("{}{}", "=".repeat(filled), " ".repeat(25 - filled.min(25)));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{} [{bar}] {done}/{total}", self.label);
        let _ = err.flush();
    }

    /// Clears the line, so what follows starts on a clean one.
    pub fn finish(&mut self) {
        if self.on && self.last_percent.is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
