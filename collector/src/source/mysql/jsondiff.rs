//! MySQL partial JSON updates (`binlog_row_value_options=PARTIAL_JSON`): the after image of an
//! update carries, for a JSON column changed by `JSON_SET`/`JSON_REPLACE`/`JSON_REMOVE`, a list
//! of diffs (replace / insert / remove at a path) instead of the document. Debezium's events
//! carry whole documents, so the diffs are applied to the column's value in the before image
//! (complete with `binlog_row_image=FULL`, which the collector requires) and the after image
//! gets the resulting document. Pure, no I/O.
//!
//! The document is printed as the full-image path prints binary JSON (compact, shyiko's
//! formatter). A member added by an insert goes where MySQL's binary format keeps it — members
//! are stored sorted by key length, then by bytes — so the text equals what a full after image
//! of the same update would print.

use mysql_async::binlog::jsonb;
use mysql_async::binlog::jsondiff::{JsonDiff, JsonDiffOperation};
use mysql_async::binlog::row::BinlogRow;
use mysql_async::binlog::value::BinlogValue;
use mysql_async::Value;

use super::value::{jsonb_string, jsonb_text};

/// A JSON document being patched; scalars are kept as their printed text.
#[derive(Debug, Clone, PartialEq)]
enum Doc {
    Object(Vec<(String, Doc)>),
    Array(Vec<Doc>),
    Scalar(String),
}

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq)]
enum Leg {
    Member(String),
    /// `[n]`, or `[last]` / `[last-n]` counted from the end (`FromEnd(n)`).
    Index(usize),
    FromEnd(usize),
}

fn doc(v: &jsonb::Value<'_>) -> Result<Doc, String> {
    use jsonb::Value as J;
    let io = |e: std::io::Error| format!("binary JSON: {e}");
    // small and large containers differ only in offset widths: one walk for both
    fn members<'a>(
        it: impl Iterator<Item = std::io::Result<(jsonb::ObjectKey<'a>, jsonb::Value<'a>)>>,
    ) -> Result<Doc, String> {
        it.map(|e| {
            let (k, v) = e.map_err(|e| format!("binary JSON: {e}"))?;
            Ok((k.value().into_owned(), doc(&v)?))
        })
        .collect::<Result<_, String>>()
        .map(Doc::Object)
    }
    Ok(match v {
        J::SmallObject(o) => members(o.iter())?,
        J::LargeObject(o) => members(o.iter())?,
        J::SmallArray(a) => Doc::Array(
            a.iter()
                .map(|e| doc(&e.map_err(io)?))
                .collect::<Result<_, _>>()?,
        ),
        J::LargeArray(a) => Doc::Array(
            a.iter()
                .map(|e| doc(&e.map_err(io)?))
                .collect::<Result<_, _>>()?,
        ),
        scalar => {
            let mut s = String::new();
            jsonb_text(scalar, &mut s)?;
            Doc::Scalar(s)
        }
    })
}

fn print(d: &Doc, out: &mut String) {
    match d {
        Doc::Scalar(s) => out.push_str(s),
        Doc::Array(a) => {
            out.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                print(e, out);
            }
            out.push(']');
        }
        Doc::Object(o) => {
            out.push('{');
            for (i, (k, v)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                jsonb_string(out, k);
                out.push(':');
                print(v, out);
            }
            out.push('}');
        }
    }
}

/// Parses a path as MySQL writes it in a diff: `$`, then `.name`, `."quoted name"`, `[n]`,
/// `[last]`, `[last-n]`.
fn parse_path(p: &str) -> Result<Vec<Leg>, String> {
    let bad = |why: &str| format!("JSON path `{p}`: {why}");
    let mut rest = p
        .trim()
        .strip_prefix('$')
        .ok_or_else(|| bad("does not start with $"))?;
    let mut legs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Ok(legs);
        }
        if let Some(r) = rest.strip_prefix('.') {
            let r = r.trim_start();
            if let Some(q) = r.strip_prefix('"') {
                // a JSON string literal up to the closing quote
                let mut end = None;
                let mut escaped = false;
                for (i, c) in q.char_indices() {
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => {
                            end = Some(i);
                            break;
                        }
                        _ => escaped = false,
                    }
                }
                let end = end.ok_or_else(|| bad("unterminated quoted member"))?;
                let name: String = serde_json::from_str(&format!("\"{}\"", &q[..end]))
                    .map_err(|e| bad(&format!("bad quoted member: {e}")))?;
                legs.push(Leg::Member(name));
                rest = &q[end + 1..];
            } else {
                let end = r.find(['.', '[', ' ']).unwrap_or(r.len());
                if end == 0 {
                    return Err(bad("empty member name"));
                }
                if &r[..end] == "*" {
                    return Err(bad("wildcards cannot appear in a diff"));
                }
                legs.push(Leg::Member(r[..end].to_string()));
                rest = &r[end..];
            }
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').ok_or_else(|| bad("unterminated array index"))?;
            let idx = r[..end].trim();
            let leg = if let Some(from_end) = idx.strip_prefix("last") {
                let from_end = from_end.trim();
                if from_end.is_empty() {
                    Leg::FromEnd(0)
                } else {
                    let n = from_end
                        .strip_prefix('-')
                        .and_then(|n| n.trim().parse().ok())
                        .ok_or_else(|| bad("bad `last-n` index"))?;
                    Leg::FromEnd(n)
                }
            } else {
                Leg::Index(idx.parse().map_err(|_| bad("bad array index"))?)
            };
            legs.push(leg);
            rest = &r[end + 1..];
        } else {
            return Err(bad("expected `.` or `[`"));
        }
    }
}

/// The position of `key` in an object stored the binary format's way (by length, then bytes).
fn member_slot(o: &[(String, Doc)], key: &str) -> Result<usize, usize> {
    o.binary_search_by(|(k, _)| {
        k.len()
            .cmp(&key.len())
            .then_with(|| k.as_bytes().cmp(key.as_bytes()))
    })
}

fn resolve_index(len: usize, leg: &Leg) -> Option<usize> {
    match leg {
        Leg::Index(i) => Some(*i),
        Leg::FromEnd(n) => len.checked_sub(1 + n),
        Leg::Member(_) => None,
    }
}

fn child_mut<'a>(d: &'a mut Doc, leg: &Leg) -> Option<&'a mut Doc> {
    match (d, leg) {
        (Doc::Object(o), Leg::Member(k)) => o.iter_mut().find(|(n, _)| n == k).map(|(_, v)| v),
        (Doc::Array(a), leg) => {
            let i = resolve_index(a.len(), leg)?;
            a.get_mut(i)
        }
        // MySQL auto-wraps a scalar as a one-element array for `[0]`
        (d @ Doc::Scalar(_), Leg::Index(0) | Leg::FromEnd(0)) => Some(d),
        _ => None,
    }
}

fn apply(
    root: &mut Doc,
    op: JsonDiffOperation,
    path: &str,
    value: Option<Doc>,
) -> Result<(), String> {
    let legs = parse_path(path)?;
    let Some((last, parents)) = legs.split_last() else {
        return match (op, value) {
            (JsonDiffOperation::REPLACE, Some(v)) => {
                *root = v;
                Ok(())
            }
            _ => Err(format!("JSON diff {op:?} on the document root")),
        };
    };
    let mut at = root;
    for leg in parents {
        at = child_mut(at, leg)
            .ok_or_else(|| format!("JSON path `{path}` does not exist in the before image"))?;
    }
    let missing = || format!("JSON path `{path}` does not exist in the before image");
    match op {
        JsonDiffOperation::REPLACE => {
            let v = value.ok_or_else(|| format!("JSON diff replace at `{path}` has no value"))?;
            *child_mut(at, last).ok_or_else(missing)? = v;
        }
        JsonDiffOperation::INSERT => {
            let v = value.ok_or_else(|| format!("JSON diff insert at `{path}` has no value"))?;
            match (at, last) {
                (Doc::Object(o), Leg::Member(k)) => match member_slot(o, k) {
                    Ok(i) => o[i].1 = v,
                    Err(i) => o.insert(i, (k.clone(), v)),
                },
                (Doc::Array(a), leg) => {
                    let i = resolve_index(a.len(), leg).unwrap_or(0).min(a.len());
                    a.insert(i, v);
                }
                _ => {
                    return Err(format!(
                        "JSON diff insert at `{path}`: the parent is not an object or array"
                    ))
                }
            }
        }
        JsonDiffOperation::REMOVE => match (at, last) {
            (Doc::Object(o), Leg::Member(k)) => {
                let i = o.iter().position(|(n, _)| n == k).ok_or_else(missing)?;
                o.remove(i);
            }
            (Doc::Array(a), leg) => {
                let i = resolve_index(a.len(), leg)
                    .filter(|i| *i < a.len())
                    .ok_or_else(missing)?;
                a.remove(i);
            }
            _ => return Err(missing()),
        },
    }
    Ok(())
}

/// The document after `diffs`, from the before image's binary JSON.
fn patched(before: &jsonb::Value<'_>, diffs: &[JsonDiff<'_>]) -> Result<String, String> {
    let mut d = doc(before)?;
    for diff in diffs {
        let value = diff.value().map(doc).transpose()?;
        apply(&mut d, diff.operation(), &diff.path_str(), value)?;
    }
    let mut out = String::new();
    print(&d, &mut out);
    Ok(out)
}

/// Replaces each partial JSON value of an update's after image with the whole document. Errors
/// name the column (by position) and what is missing.
pub(crate) fn complete_after_image(
    before: Option<&BinlogRow>,
    after: &mut BinlogRow,
) -> Result<(), String> {
    for i in 0..after.len() {
        let Some(BinlogValue::JsonDiff(diffs)) = after.as_ref(i) else {
            continue;
        };
        // the same column in the before image: images hold only the columns they include, named
        // by the table map's metadata or `@<position>`
        let name = after.columns_ref()[i].name_ref();
        let prior = before.and_then(|b| {
            let j = b.columns_ref().iter().position(|c| c.name_ref() == name)?;
            b.as_ref(j)
        });
        let text = match prior {
            Some(BinlogValue::Jsonb(b)) => patched(b, diffs),
            Some(BinlogValue::Value(Value::NULL)) => Err("the before image holds NULL".into()),
            Some(_) => Err("the before image holds no binary JSON".into()),
            None => Err("the before image does not include the column: partial JSON updates need binlog_row_image=FULL (or set binlog_row_value_options='' on the server)".into()),
        }
        .map_err(|e| format!("partial JSON update of column {i}: {e}"))?;
        after.place(i, BinlogValue::Value(Value::Bytes(text.into_bytes())));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mysql_async::binlog::events::{EventData, RowsEventData};
    use std::collections::HashMap;

    fn text(b: &BinlogValue<'_>) -> String {
        match b {
            BinlogValue::Jsonb(j) => {
                let mut s = String::new();
                jsonb_text(j, &mut s).unwrap();
                s
            }
            BinlogValue::Value(Value::Bytes(b)) => String::from_utf8(b.clone()).unwrap(),
            BinlogValue::Value(Value::Int(i)) => i.to_string(),
            other => format!("{other:?}"),
        }
    }

    /// MySQL 8's own binlog (testdata/mysql/binlogs/README.md): the partial update's diffs
    /// applied to the document of the row's previous full image give a document whose `age`
    /// equals the generated `age` column MySQL computed for the same after image.
    #[test]
    fn recorded_mysql_partial_json_update() {
        let mut binlog = crate::source::mysql::recorded_binlog("mysql8-partial-json.binlog");
        // the last full image of each row, by id
        let mut rows: HashMap<i64, BinlogRow> = HashMap::new();
        let mut checked = 0;
        while let Some(ev) = binlog.next() {
            let ev = ev.unwrap();
            let Some(EventData::RowsEvent(data)) = ev.read_data().unwrap() else {
                continue;
            };
            let tme = binlog.reader().get_tme(data.table_id()).unwrap();
            let pairs = crate::source::mysql::decode::rows(&data, tme).unwrap();
            let partial = matches!(data, RowsEventData::PartialUpdateRowsEvent(_));
            for (before, after) in pairs {
                let mut after = after.unwrap();
                let id = match before
                    .as_ref()
                    .and_then(|b| b.as_ref(0))
                    .or(after.as_ref(0))
                {
                    Some(BinlogValue::Value(Value::Int(i))) => *i,
                    other => panic!("id: {other:?}"),
                };
                if !partial {
                    rows.insert(id, after);
                    continue;
                }
                // the after image holds json_col, name, age (no id)
                let col = |r: &BinlogRow, of: &BinlogRow, i: usize| -> String {
                    let name = of.columns_ref()[i].name_ref();
                    let j = r
                        .columns_ref()
                        .iter()
                        .position(|c| c.name_ref() == name)
                        .unwrap();
                    text(r.as_ref(j).unwrap())
                };
                assert!(matches!(after.as_ref(0), Some(BinlogValue::JsonDiff(_))));
                // the recording's before image is MINIMAL (the id only): a clear error
                let e = complete_after_image(before.as_ref(), &mut after.clone()).unwrap_err();
                assert!(e.contains("binlog_row_image=FULL"), "{e}");
                // with the full before image (the previous full after image of the row)
                let full_before = rows.get(&id).expect("row seen before").clone();
                complete_after_image(Some(&full_before), &mut after).unwrap();
                let printed = col(&after, &full_before, 1);
                let old_printed = text(full_before.as_ref(1).unwrap());
                let doc: serde_json::Value = serde_json::from_str(&printed).unwrap();
                let old: serde_json::Value = serde_json::from_str(&old_printed).unwrap();
                let age = col(&after, &full_before, 3);
                assert_eq!(doc["age"].to_string(), age, "id {id}: {doc} vs age column");
                assert_ne!(doc["age"], old["age"], "id {id}: the update changed age");
                // nothing else changed, and the text is the full-image form (same key order)
                let mut expect = old.clone();
                expect["age"] = doc["age"].clone();
                assert_eq!(doc, expect);
                assert_eq!(
                    printed,
                    old_printed.replace(
                        &format!("\"age\":{}", old["age"]),
                        &format!("\"age\":{}", doc["age"])
                    )
                );
                checked += 1;
            }
        }
        assert_eq!(
            checked, 6,
            "the recording's partial update touches six rows"
        );
    }

    fn d(json: &str) -> Doc {
        fn conv(v: &serde_json::Value) -> Doc {
            match v {
                serde_json::Value::Object(o) => {
                    let mut m: Vec<(String, Doc)> =
                        o.iter().map(|(k, v)| (k.clone(), conv(v))).collect();
                    m.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then(a.0.cmp(&b.0)));
                    Doc::Object(m)
                }
                serde_json::Value::Array(a) => Doc::Array(a.iter().map(conv).collect()),
                s => Doc::Scalar(s.to_string()),
            }
        }
        conv(&serde_json::from_str(json).unwrap())
    }

    fn run(doc: &str, ops: &[(JsonDiffOperation, &str, Option<&str>)]) -> Result<String, String> {
        let mut x = d(doc);
        for (op, path, v) in ops {
            apply(&mut x, *op, path, v.map(d))?;
        }
        let mut out = String::new();
        print(&x, &mut out);
        Ok(out)
    }

    #[test]
    fn replace_insert_remove_on_objects_and_arrays() {
        use JsonDiffOperation::*;
        // an inserted member goes where the binary format stores it: by length, then bytes
        assert_eq!(
            run(
                r#"{"a":1,"zz":2}"#,
                &[(INSERT, "$.b", Some("3")), (INSERT, "$.abc", Some("[]"))]
            )
            .unwrap(),
            r#"{"a":1,"b":3,"zz":2,"abc":[]}"#
        );
        assert_eq!(
            run(
                r#"{"a":{"x":[1,2,3]}}"#,
                &[(REPLACE, "$.a.x[1]", Some(r#""two""#))]
            )
            .unwrap(),
            r#"{"a":{"x":[1,"two",3]}}"#
        );
        assert_eq!(
            run(
                r#"[1,2,3]"#,
                &[(INSERT, "$[1]", Some("9")), (REMOVE, "$[last]", None)]
            )
            .unwrap(),
            "[1,9,2]"
        );
        assert_eq!(
            run(
                r#"[1,2,3]"#,
                &[(INSERT, "$[10]", Some("4")), (REMOVE, "$[last-3]", None)]
            )
            .unwrap(),
            "[2,3,4]"
        );
        assert_eq!(
            run(
                r#"{"a b":{"c\"d":1},"k":2}"#,
                &[
                    (REMOVE, r#"$."a b"."c\"d""#, None),
                    (REPLACE, "$.k", Some("null"))
                ]
            )
            .unwrap(),
            r#"{"k":null,"a b":{}}"#
        );
        assert_eq!(
            run(r#"{"a":1}"#, &[(REPLACE, "$", Some("[true]"))]).unwrap(),
            "[true]"
        );
        // what the before image lacks is an error naming the path
        let e = run(r#"{"a":1}"#, &[(REPLACE, "$.b.c", Some("1"))]).unwrap_err();
        assert!(e.contains("$.b.c"), "{e}");
        let e = run(r#"{"a":1}"#, &[(REMOVE, "$.b", None)]).unwrap_err();
        assert!(e.contains("does not exist"), "{e}");
        assert!(run(r#"{"a":1}"#, &[(REPLACE, "$.*", Some("1"))]).is_err());
        assert!(run(r#"{"a":1}"#, &[(REPLACE, "a", Some("1"))]).is_err());
        assert!(run(r#"[1]"#, &[(REPLACE, "$[x]", Some("1"))]).is_err());
    }
}
