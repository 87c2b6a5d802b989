//! Terminal colour, as plain ANSI sequences (no dependency): on only when asked or when
//! stdout is a terminal and `NO_COLOR` is unset.

use crate::Color;
use graphdoc::Severity;
use std::io::IsTerminal;

pub struct Style {
    on: bool,
}

impl Style {
    pub fn new(on: bool) -> Self {
        Style { on }
    }

    /// Whether human output on stdout gets colour for `choice`.
    pub fn wanted(choice: Color) -> bool {
        match choice {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }

    /// The severity word in rustc's colours: bold red, bold yellow, bold green.
    pub fn severity(&self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;32",
        };
        self.paint(code, text)
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Gutters and arrows: bold blue.
    pub fn gutter(&self, text: &str) -> String {
        self.paint("1;34", text)
    }
}
