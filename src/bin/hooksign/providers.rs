//! `hooksign providers`: the registry as a table or a JSON array.

use std::process::ExitCode;

use hooksign::Tolerance;
use hooksign::provider::{Entry, Keys, REGISTRY};
use serde_json::Value;

use crate::args::ProvidersArgs;
use crate::json::{self, Object};
use crate::{Outcome, output};

/// Prints every built-in provider.
pub fn run(args: &ProvidersArgs) -> Outcome {
    let text = if args.json {
        let list: Vec<Object> = REGISTRY.iter().map(|entry| to_json(entry)).collect();
        json::to_line(&list)
    } else {
        table()
    };
    output::line(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `default_tolerance` is `null` for providers that sign no timestamp; inside it, `null` on a
/// side means that side is not checked.
fn to_json(p: &Entry) -> Object {
    let signed: Vec<&str> = p.signed_headers().collect();
    let base = Object::new()
        .field("id", p.id())
        .field("aliases", p.aliases().to_vec())
        .field("name", p.name())
        .field("family", p.family().name())
        .field("signature_header", signed.first().copied())
        .field("signed_headers", signed.clone())
        .field("signs", signs(p))
        .field(
            "keys",
            match p.keys() {
                Keys::PublicKeys => "public-keys",
                _ => "secrets",
            },
        );
    let base = match p.default_tolerance() {
        Some(t) => base.object(
            "default_tolerance",
            Object::new()
                .field("past_secs", t.past_secs)
                .field("future_secs", t.future_secs),
        ),
        None => base.field("default_tolerance", Value::Null),
    };
    base.field("secret_format", p.secret_format())
}

/// What the scheme signs beyond headers and body, as `hooksign providers --json` lists it.
fn signs(p: &Entry) -> Vec<&'static str> {
    let signs = p.signs();
    [(signs.url, "url"), (signs.method, "method")]
        .into_iter()
        .filter_map(|(signed, part)| signed.then_some(part))
        .collect()
}

/// The replay window in words: `300s both ways`, `300s past`, `none`.
fn describe(tolerance: Option<Tolerance>) -> String {
    let Some(t) = tolerance else {
        return "none".to_owned();
    };
    match (t.past_secs, t.future_secs) {
        (Some(p), Some(f)) if p == f => format!("{p}s both ways"),
        (Some(p), Some(f)) => format!("{p}s past, {f}s future"),
        (Some(p), None) => format!("{p}s past"),
        (None, Some(f)) => format!("{f}s future"),
        (None, None) => "unchecked".to_owned(),
    }
}

/// The registry as an aligned table with a header row.
fn table() -> String {
    let header = [
        "ID",
        "ALIASES",
        "NAME",
        "FAMILY",
        "SIGNED HEADERS",
        "TOLERANCE",
        "SECRET",
    ];
    let rows: Vec<[String; 7]> = REGISTRY
        .iter()
        .map(|p| {
            let aliases = if p.aliases().is_empty() {
                "-".to_owned()
            } else {
                p.aliases().join(",")
            };
            [
                p.id().to_owned(),
                aliases,
                p.name().to_owned(),
                p.family().name().to_owned(),
                p.signed_headers().collect::<Vec<_>>().join(","),
                describe(p.default_tolerance()),
                p.secret_format().to_owned(),
            ]
        })
        .collect();

    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let format_row = |cells: &[&str]| {
        let mut line = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                // No padding after the last column: no trailing spaces.
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<width$}  "));
            }
        }
        line
    };
    let mut lines = vec![format_row(&header)];
    for row in &rows {
        lines.push(format_row(&row.each_ref().map(String::as_str)));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_in_words() {
        assert_eq!(describe(None), "none");
        assert_eq!(describe(Some(Tolerance::symmetric(300))), "300s both ways");
        assert_eq!(describe(Some(Tolerance::past_only(300))), "300s past");
    }

    #[test]
    fn table_has_a_row_per_provider() {
        assert_eq!(table().lines().count(), REGISTRY.len() + 1);
    }
}
