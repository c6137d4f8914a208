//! The Kafka Connect schema model and its JSON form, as `JsonConverter.asJsonSchema` writes it:
//! `type`, then `fields` (struct) or `items` (array), then `optional`, `name`, `version`, `doc`,
//! `parameters`, `default`, and for struct members `field` last.

use crate::json;

/// Connect's primitive and composite types.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    Boolean,
    Int8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Bytes,
    String,
    Array(Box<Schema>),
    Struct(Vec<Field>),
}

impl Type {
    /// The `"type"` string in the schema JSON.
    pub fn name(&self) -> &'static str {
        match self {
            Type::Boolean => "boolean",
            Type::Int8 => "int8",
            Type::Int16 => "int16",
            Type::Int32 => "int32",
            Type::Int64 => "int64",
            Type::Float32 => "float",
            Type::Float64 => "double",
            Type::Bytes => "bytes",
            Type::String => "string",
            Type::Array(_) => "array",
            Type::Struct(_) => "struct",
        }
    }
}

/// A schema default, already in its JSON form (`0`, `"dflt"`, `false`, `"AA=="`).
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultValue(pub String);

/// One Connect schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub ty: Type,
    pub optional: bool,
    pub name: Option<String>,
    pub version: Option<i32>,
    pub doc: Option<String>,
    /// Ordered `parameters` map.
    pub parameters: Vec<(String, String)>,
    pub default: Option<DefaultValue>,
}

/// A member of a struct schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub schema: Schema,
}

impl Schema {
    pub fn new(ty: Type) -> Self {
        Schema {
            ty,
            optional: false,
            name: None,
            version: None,
            doc: None,
            parameters: Vec::new(),
            default: None,
        }
    }

    pub fn optional(mut self, optional: bool) -> Self {
        self.optional = optional;
        self
    }

    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    pub fn version(mut self, v: i32) -> Self {
        self.version = Some(v);
        self
    }

    pub fn doc(mut self, doc: impl Into<String>) -> Self {
        self.doc = Some(doc.into());
        self
    }

    pub fn param(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.parameters.push((k.into(), v.into()));
        self
    }

    pub fn default_json(mut self, json: impl Into<String>) -> Self {
        self.default = Some(DefaultValue(json.into()));
        self
    }

    pub fn strukt(fields: Vec<Field>) -> Self {
        Schema::new(Type::Struct(fields))
    }

    /// The struct's fields (empty for other types).
    pub fn fields(&self) -> &[Field] {
        match &self.ty {
            Type::Struct(f) => f,
            _ => &[],
        }
    }

    /// Appends this schema as JSON; `field` is the member name when the schema sits in a struct.
    pub fn write_json(&self, out: &mut String, field: Option<&str>) {
        out.push_str("{\"type\":\"");
        out.push_str(self.ty.name());
        out.push('"');
        match &self.ty {
            Type::Struct(fields) => {
                out.push_str(",\"fields\":[");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    f.schema.write_json(out, Some(&f.name));
                }
                out.push(']');
            }
            Type::Array(items) => {
                out.push_str(",\"items\":");
                items.write_json(out, None);
            }
            _ => {}
        }
        out.push_str(",\"optional\":");
        out.push_str(if self.optional { "true" } else { "false" });
        if let Some(n) = &self.name {
            out.push(',');
            json::write_key(out, "name");
            json::write_str(out, n);
        }
        if let Some(v) = self.version {
            out.push(',');
            json::write_key(out, "version");
            json::write_i64(out, v as i64);
        }
        if let Some(d) = &self.doc {
            out.push(',');
            json::write_key(out, "doc");
            json::write_str(out, d);
        }
        if !self.parameters.is_empty() {
            out.push_str(",\"parameters\":{");
            for (i, (k, v)) in self.parameters.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json::write_key(out, k);
                json::write_str(out, v);
            }
            out.push('}');
        }
        if let Some(d) = &self.default {
            out.push_str(",\"default\":");
            out.push_str(&d.0);
        }
        if let Some(f) = field {
            out.push(',');
            json::write_key(out, "field");
            json::write_str(out, f);
        }
        out.push('}');
    }

    pub fn to_json(&self) -> String {
        let mut s = String::new();
        self.write_json(&mut s, None);
        s
    }
}

impl Field {
    pub fn new(name: impl Into<String>, schema: Schema) -> Self {
        Field {
            name: name.into(),
            schema,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_order_matches_json_converter() {
        let s = Schema::new(Type::Int32)
            .optional(true)
            .named("io.debezium.time.Date")
            .version(1);
        let mut out = String::new();
        s.write_json(&mut out, Some("d"));
        assert_eq!(
            out,
            r#"{"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1,"field":"d"}"#
        );
        let k = Schema::strukt(vec![Field::new(
            "id",
            Schema::new(Type::Int32).default_json("0"),
        )])
        .named("t.Key");
        assert_eq!(
            k.to_json(),
            r#"{"type":"struct","fields":[{"type":"int32","optional":false,"default":0,"field":"id"}],"optional":false,"name":"t.Key"}"#
        );
    }
}
