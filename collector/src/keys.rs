//! `message.key.columns`: the columns that form a table's event key instead of its primary key
//! (Debezium's custom key mapper), for every source.
//!
//! The option is `<table regex>:<col>,<col>;<table regex>:<col>...`. Each `table:column` pair is
//! one regex over the column's full name (`schema.table.column` for Postgres, `db.table.column`
//! for MySQL/MariaDB, SQL Server `schema.table.column`), matched whole and case-insensitively. A
//! table's key is the table's columns matched by the first pair, then those matched by the
//! second, and so on (each column once); a table no pair matches keeps its primary key.
//!
//! The snapshot engine resumes such a table by these columns when they are all NOT NULL (a key
//! need not be unique: a chunk never ends inside a run of equal keys).

use regex::Regex;

/// The parsed option; empty when unset.
#[derive(Debug, Clone, Default)]
pub struct KeyColumns {
    rules: Vec<Regex>,
}

impl KeyColumns {
    /// Parses the option; the error says which part is malformed.
    pub fn parse(option: &str) -> Result<KeyColumns, String> {
        let mut rules = Vec::new();
        for part in option.split(';') {
            if part.trim().is_empty() {
                continue;
            }
            let mut halves = part.trim().split(':');
            let (Some(table), Some(columns), None) = (halves.next(), halves.next(), halves.next())
            else {
                return Err(format!(
                    "`{part}` is not `<fully-qualified table>:<column>[,<column>...]`"
                ));
            };
            if table.is_empty()
                || columns.is_empty()
                || table.contains(char::is_whitespace)
                || columns.contains(char::is_whitespace)
            {
                return Err(format!(
                    "`{part}` is not `<fully-qualified table>:<column>[,<column>...]`"
                ));
            }
            for column in columns.split(',') {
                if column.is_empty() {
                    return Err(format!("`{part}` has an empty column name"));
                }
                let re = Regex::new(&format!("(?i)^(?:{table}.{column})$"))
                    .map_err(|e| format!("`{table}.{column}` is not a regex: {e}"))?;
                rules.push(re);
            }
        }
        Ok(KeyColumns { rules })
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The key columns (indexes into `columns`) of table `qualified` (`schema.table`), or None
    /// when no rule names a column of it (the primary key stands).
    pub fn columns(&self, qualified: &str, columns: &[&str]) -> Option<Vec<usize>> {
        let mut out: Vec<usize> = Vec::new();
        for rule in &self.rules {
            for (i, c) in columns.iter().enumerate() {
                if !out.contains(&i) && rule.is_match(&format!("{qualified}.{c}")) {
                    out.push(i);
                }
            }
        }
        (!out.is_empty()).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_come_pattern_by_pattern_then_in_table_order() {
        let k = KeyColumns::parse("inventory.customers:b,a; (.*).orders:x.*").unwrap();
        let cols = ["a", "b", "c"];
        assert_eq!(k.columns("inventory.customers", &cols), Some(vec![1, 0]));
        assert_eq!(
            k.columns("INVENTORY.Customers", &["A", "B"]),
            Some(vec![1, 0])
        );
        assert_eq!(k.columns("s.orders", &["y", "x2", "x1"]), Some(vec![1, 2]));
        assert_eq!(k.columns("inventory.other", &cols), None);
        assert_eq!(k.columns("inventory.customers", &["z"]), None);
    }

    #[test]
    fn malformed_options_are_refused() {
        for bad in ["t", "t:", ":a", "a:b:c", "t:a,,b", "t:a b", "(:a"] {
            assert!(KeyColumns::parse(bad).is_err(), "{bad}");
        }
        assert!(KeyColumns::parse("").unwrap().is_empty());
    }
}
