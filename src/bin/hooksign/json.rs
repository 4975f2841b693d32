//! JSON objects that keep their keys in insertion order.
//!
//! serde_json's `Map` sorts keys (the crate is built without `preserve_order`), but header
//! order matters and the documented field order reads better, so objects are written through
//! serde's map serializer, which emits entries in the order given.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// A JSON object whose fields serialize in the order they were added.
#[derive(Debug, Default)]
pub struct Object(Vec<(String, Node)>);

/// A field value: a plain JSON value or a nested ordered object.
#[derive(Debug)]
pub enum Node {
    /// Any JSON value.
    Value(Value),
    /// A nested object, in order.
    Object(Object),
}

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Object::default()
    }

    /// Adds a field holding a plain value.
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.0.push((name.into(), Node::Value(value.into())));
        self
    }

    /// Adds a field holding a nested ordered object.
    pub fn object(mut self, name: impl Into<String>, value: Object) -> Self {
        self.0.push((name.into(), Node::Object(value)));
        self
    }
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, node) in &self.0 {
            map.serialize_entry(name, node)?;
        }
        map.end()
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Value(value) => value.serialize(serializer),
            Node::Object(object) => object.serialize(serializer),
        }
    }
}

/// Serializes to one line.
///
/// Serializing these types into a `String` cannot fail (string keys, no I/O); should it ever,
/// the line says so in JSON rather than the tool panicking.
pub fn to_line(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| {
        r#"{"error":{"kind":"internal","message":"JSON serialization failed"}}"#.to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_insertion_order() {
        let inner = Object::new().field("z", 1).field("a", Value::Null);
        let outer = Object::new().field("b", "x").object("a", inner);
        assert_eq!(to_line(&outer), r#"{"b":"x","a":{"z":1,"a":null}}"#);
    }
}
