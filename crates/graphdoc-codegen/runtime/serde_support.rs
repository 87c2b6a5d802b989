//! Runtime support for the generated types' `Serialize` and `Deserialize` impls: reading an
//! object member by member, writing one back with the members the type does not name, and
//! dispatching on `@odata.type`.
//!
//! The generated impls call these helpers instead of `#[derive]`: one call per field is a
//! fraction of the code serde's derive expands to (a visitor and a field enum per type), which
//! is what keeps a crate with thousands of types quick to compile.
//!
//! A member sent as `null` reads as `None` and stays in the type's `additional` map as `null`,
//! so it is written back: `null` ("clear this value" in a PATCH) and absent ("leave it") stay
//! apart on a round trip. To send an explicit `null`, put `Value::Null` in `additional`.
//!
//! graphdoc-codegen copies this file verbatim into every generated crate (it is not compiled
//! as part of graphdoc-codegen); it depends on `serde` and `serde_json` only.

use serde::de::{DeserializeOwned, Error as _};
use serde::ser::{Error as _, SerializeMap};
use serde_json::{Map, Value};

/// The members of a JSON object being read into a generated type; `E` is the deserializer's
/// error type.
///
/// Reading a field never returns early: the first error is kept and [`Object::finish`] returns
/// it. A `?` per field would give each generated `deserialize` an exit per field that drops
/// every field read before it, which makes borrow checking quadratic in the field count.
pub struct Object<E> {
    members: Map<String, Value>,
    error: Option<E>,
}

/// Reads a JSON object (any other value is an error naming `type_name`).
pub fn object<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    type_name: &str,
) -> Result<Object<D::Error>, D::Error> {
    match <Value as serde::Deserialize>::deserialize(deserializer)? {
        Value::Object(members) => Ok(Object { members, error: None }),
        other => Err(D::Error::custom(format!("expected a JSON object for {type_name}, found {}", kind(&other)))),
    }
}

impl<E: serde::de::Error> Object<E> {
    /// Member `name` when present and not `null`; a `null` stays among the unnamed members.
    pub fn optional<T: DeserializeOwned>(&mut self, name: &str) -> Option<T> {
        match self.members.get(name) {
            None | Some(Value::Null) => None,
            Some(_) => self.members.remove(name).and_then(|value| self.convert(value, name)),
        }
    }

    /// Member `name`, which must be present (`null` is read as `T` reads it); `None` (and an
    /// error for [`Object::into_error`]) when it is missing or unreadable.
    pub fn required<T: DeserializeOwned>(&mut self, name: &str) -> Option<T> {
        match self.members.remove(name) {
            Some(value) => self.convert(value, name),
            None => {
                self.fail(format!("missing field `{name}`"));
                None
            }
        }
    }

    /// The first error met, after a required field came back `None`.
    pub fn into_error(self) -> E {
        self.error.unwrap_or_else(|| E::custom("a required field is missing"))
    }

    /// The members no field took, in their original order.
    pub fn rest(&mut self) -> Map<String, Value> {
        std::mem::take(&mut self.members)
    }

    /// `value`, or the first error a field met.
    pub fn finish<T>(self, value: T) -> Result<T, E> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }

    /// Reads a member. JSON Schema counts `3.0` as an integer, so when reading fails and the
    /// value holds integral floats, it is read again with those as integers (a `double` field
    /// beside them then holds `3`, which is the same number).
    fn convert<T: DeserializeOwned>(&mut self, value: Value, name: &str) -> Option<T> {
        let retry = has_integral_float(&value).then(|| integral_floats_as_integers(value.clone()));
        let error = match T::deserialize(value) {
            Ok(value) => return Some(value),
            Err(error) => error,
        };
        if let Some(Ok(value)) = retry.map(T::deserialize) {
            return Some(value);
        }
        self.fail(format!("{name}: {error}"));
        None
    }

    fn fail(&mut self, message: String) {
        if self.error.is_none() {
            self.error = Some(E::custom(message));
        }
    }
}

/// Writes a generated type's members: the named fields, then every unnamed member whose name
/// no field wrote (so a field set after deserializing wins over a kept `null`). Like
/// [`Object`], it keeps the first error rather than returning early.
pub struct Writer<M: SerializeMap> {
    map: M,
    written: Vec<&'static str>,
    error: Option<M::Error>,
}

pub fn writer<S: serde::Serializer>(serializer: S) -> Result<Writer<S::SerializeMap>, S::Error> {
    Ok(Writer { map: serializer.serialize_map(None)?, written: Vec::new(), error: None })
}

impl<M: SerializeMap> Writer<M> {
    /// Writes member `name` when the field is `Some`.
    pub fn optional<T: serde::Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.required(name, value);
        }
    }

    /// Writes member `name`.
    pub fn required<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if self.error.is_none() {
            self.written.push(name);
            if let Err(error) = self.map.serialize_entry(name, value) {
                self.error = Some(error);
            }
        }
    }

    pub fn end(mut self, additional: &Map<String, Value>) -> Result<M::Ok, M::Error> {
        if let Some(error) = self.error {
            return Err(error);
        }
        for (name, value) in additional {
            if !self.written.contains(&name.as_str()) {
                self.map.serialize_entry(name, value)?;
            }
        }
        self.map.end()
    }
}

/// The `@odata.type` of an object without its leading `#`, if it has a string one.
pub fn odata_type(value: &Value) -> Option<&str> {
    let text = value.get("@odata.type")?.as_str()?;
    Some(text.strip_prefix('#').unwrap_or(text))
}

/// Reads `value` as a `T` for one variant of a polymorphic type.
pub fn variant<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<Link<T>, E> {
    T::deserialize(value).map(Link::new).map_err(E::custom)
}

/// Writes a derived type where its base type is expected: as the type itself, plus
/// `@odata.type` (`#` and the qualified name) when the value does not carry one, so a reader
/// can tell which type it is.
pub fn derived<T: serde::Serialize, S: serde::Serializer>(
    value: &T,
    has_odata_type: bool,
    odata_type: &'static str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if has_odata_type {
        return value.serialize(serializer);
    }
    match serde_json::to_value(value).map_err(S::Error::custom)? {
        Value::Object(mut members) => {
            members.insert("@odata.type".to_owned(), Value::String(odata_type.to_owned()));
            serde::Serialize::serialize(&members, serializer)
        }
        other => serde::Serialize::serialize(&other, serializer),
    }
}

/// Splits a flags value (`"a,b"`) into its members, trimming spaces around each.
/// The empty string is the empty set.
pub fn flag_members(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').map(str::trim).filter(move |_| !text.is_empty())
}

/// Whether `value` holds a float with no fractional part (`3.0`) anywhere.
fn has_integral_float(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.as_f64().is_some_and(|f| n.is_f64() && f.fract() == 0.0),
        Value::Array(items) => items.iter().any(has_integral_float),
        Value::Object(members) => members.values().any(has_integral_float),
        _ => false,
    }
}

/// `value` with every float that has no fractional part, and fits an `i64`, as an integer.
fn integral_floats_as_integers(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e18 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(integral_floats_as_integers).collect()),
        Value::Object(members) => {
            Value::Object(members.into_iter().map(|(k, v)| (k, integral_floats_as_integers(v))).collect())
        }
        other => other,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An owned, heap-allocated `T`, like `Box<T>` (it derefs to `T`), used for every reference from
/// one generated type to another.
///
/// Why not `Box`: the Graph types reach each other in one huge cycle (navigation properties,
/// polymorphic `…Kind` enums), and rustc's drop check walks every `Box<T>` and `Vec<T>` into
/// `T`, depth first, until it overflows its recursion limit ("overflow while adding drop-check
/// rules"). A type with its own `Drop` impl and a `ManuallyDrop` field is where that walk stops;
/// the value is still dropped, by `Link`'s `Drop`, in safe code.
pub struct Link<T>(std::mem::ManuallyDrop<Option<Box<T>>>);

impl<T> Link<T> {
    pub fn new(value: T) -> Self {
        Link(std::mem::ManuallyDrop::new(Some(Box::new(value))))
    }

    pub fn into_inner(mut self) -> T {
        let inner = std::mem::replace(&mut self.0, std::mem::ManuallyDrop::new(None));
        match std::mem::ManuallyDrop::into_inner(inner) {
            Some(boxed) => *boxed,
            None => unreachable!("a Link holds its value until dropped"),
        }
    }
}

impl<T> Drop for Link<T> {
    fn drop(&mut self) {
        drop(std::mem::ManuallyDrop::into_inner(std::mem::replace(&mut self.0, std::mem::ManuallyDrop::new(None))));
    }
}

impl<T> std::ops::Deref for Link<T> {
    type Target = T;

    fn deref(&self) -> &T {
        match self.0.as_deref() {
            Some(value) => value,
            None => unreachable!("a Link holds its value until dropped"),
        }
    }
}

impl<T> std::ops::DerefMut for Link<T> {
    fn deref_mut(&mut self) -> &mut T {
        match self.0.as_deref_mut() {
            Some(value) => value,
            None => unreachable!("a Link holds its value until dropped"),
        }
    }
}

impl<T> From<T> for Link<T> {
    fn from(value: T) -> Self {
        Link::new(value)
    }
}

impl<T: Clone> Clone for Link<T> {
    fn clone(&self) -> Self {
        Link::new(T::clone(self))
    }
}

impl<T: Default> Default for Link<T> {
    fn default() -> Self {
        Link::new(T::default())
    }
}

impl<T: PartialEq> PartialEq for Link<T> {
    fn eq(&self, other: &Self) -> bool {
        T::eq(self, other)
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Link<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        T::fmt(self, f)
    }
}

impl<T: serde::Serialize> serde::Serialize for Link<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        T::serialize(self, serializer)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Link<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Link::new)
    }
}
