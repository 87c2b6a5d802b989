//! A JSON body whose value is built when first asked for. Parsing a page checks that a body is
//! strict JSON (so its diagnostics are complete) without building the value: most runs never
//! look at example values (only example checking and payload linting do), and building them
//! was a tenth of the schema stage's memory and a visible share of dropping a run.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::fmt;
use std::sync::OnceLock;

pub struct LazyJson {
    /// Text checked to be strict JSON, built into `value` on first use.
    text: Option<Box<str>>,
    value: OnceLock<Option<Value>>,
}

impl LazyJson {
    /// `text`, if it is strict JSON (what `serde_json::from_str::<Value>` accepts), kept to be
    /// built later; `None` when it is not, to be read leniently instead.
    pub fn strict(text: String) -> Result<LazyJson, String> {
        match serde_json::from_str::<Checked>(&text) {
            Ok(Checked) => Ok(LazyJson { text: Some(text.into_boxed_str()), value: OnceLock::new() }),
            Err(_) => Err(text),
        }
    }

    /// A value already built (or `None`: the body could not be read).
    pub fn built(value: Option<Value>) -> LazyJson {
        LazyJson { text: None, value: OnceLock::from(value) }
    }

    /// Whether there is a value, without building it.
    pub fn is_some(&self) -> bool {
        self.text.is_some() || matches!(self.value.get(), Some(Some(_)))
    }

    pub fn value(&self) -> Option<&Value> {
        // The text passed the same grammar when the page was parsed, so this cannot fail.
        self.value.get_or_init(|| self.text.as_deref().and_then(|text| serde_json::from_str(text).ok())).as_ref()
    }
}

impl fmt::Debug for LazyJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value().fmt(f)
    }
}

impl Serialize for LazyJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(serializer)
    }
}

/// Accepts exactly what deserializing a [`Value`] accepts (numbers are read, so one out of
/// `f64`'s range fails here as it does there), building nothing. `IgnoredAny` skips numbers
/// without reading them, so it would pass `1e400`.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Checked, D::Error> {
        deserializer.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_none<E: de::Error>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_entry::<Checked, Checked>()?.is_some() {}
        Ok(Checked)
    }
}

#[cfg(test)]
mod tests {
    use super::LazyJson;
    use serde_json::Value;

    #[test]
    fn strict_is_what_value_accepts() {
        for text in [
            "{}",
            "[1, 2.5, -3, 1e3, true, null, \"x\\u00e9\\n\"]",
            "{\"a\": {\"b\": [{}]}, \"a\": 2}",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775809",
            "1e308",
            "1e400",
            "-1e400",
            "{\"a\": 1,}",
            "[1 2]",
            "{'a': 1}",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"tab\there\"",
            "{\"a\": 1} trailing",
            "",
            &format!("{}{}", "[".repeat(127), "]".repeat(127)),
            &format!("{}{}", "[".repeat(128), "]".repeat(128)),
        ] {
            let lazy = LazyJson::strict(text.to_string());
            let value = serde_json::from_str::<Value>(text).ok();
            assert_eq!(lazy.is_ok(), value.is_some(), "{text:?}");
            if let Ok(lazy) = lazy {
                assert!(lazy.is_some());
                assert_eq!(lazy.value(), value.as_ref(), "{text:?}");
            }
        }
    }

    #[test]
    fn built_values_are_kept_as_given() {
        assert!(!LazyJson::built(None).is_some());
        assert_eq!(LazyJson::built(None).value(), None);
        let one = LazyJson::built(Some(Value::from(1)));
        assert!(one.is_some());
        assert_eq!(one.value(), Some(&Value::from(1)));
    }
}
