//! Integration tests for graphdoc-resolve, on small pages written for each case.

mod examples;
mod links;
