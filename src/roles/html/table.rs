//! Person-specification tables, rewritten as the headed lists the
//! person-specification parser reads.
//!
//! Job boards and trusts often publish the person specification as a table:
//! a header row naming the columns (`Criteria | Essential | Desirable`, often
//! with `How assessed`), then one row per category with each column's criteria
//! in its cell, or one row per criterion with a mark (✓) in the Essential or the
//! Desirable column, or with `E` / `D` in an `Essential / Desirable` column.
//! Flattened cell by cell, such a table loses which column a criterion stood in,
//! and the parser sees no Essential or Desirable label at all. [`linearise`]
//! rewrites each table that has such a header as headings and lists:
//!
//! ```text
//! <h4>Qualifications</h4> <h4>Essential</h4> <div>cell</div> <h4>Desirable</h4> <div>cell</div>
//! <ul><li>criterion (Essential)</li></ul>
//! ```
//!
//! Other tables, and tables holding tables, are left as they are.

use std::borrow::Cow;

use super::{TagKind, parse_tag, to_line};
use crate::roles::Category;

/// Longest header cell read as a column name ("Essential", "Desirable
/// criteria"); longer cells are content.
const HEADER_CELL_CHARS: usize = 40;

/// Longest cell read as a mark ("✓", "Yes", "E").
const MARK_CHARS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Essential,
    Desirable,
    /// "Essential / Desirable", "E/D": each row says which.
    Priority,
    /// A label, a criterion, "How assessed", anything else.
    Other,
}

struct Cell<'a> {
    html: &'a str,
    text: String,
}

/// `html` with every person-specification table rewritten as headed lists
/// (see the module documentation); borrowed when there is none.
pub(super) fn linearise(html: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    let b = html.as_bytes();
    while i < b.len() {
        if b[i] == b'<'
            && let Some(tag) = parse_tag(&html[i..])
        {
            if tag.kind == TagKind::Open
                && tag.name.eq_ignore_ascii_case("table")
                && let Some((rows, end)) = rows(html, i + tag.len)
                && let Some(text) = rewrite(&rows)
            {
                out.push_str(&html[copied..i]);
                out.push_str(&text);
                copied = end;
                i = end;
                continue;
            }
            i += tag.len;
        } else {
            i += 1;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// The rows of the table whose content starts at `from`, and where the table
/// ends; `None` when it holds another table or never ends.
fn rows<'a>(html: &'a str, from: usize) -> Option<(Vec<Vec<Cell<'a>>>, usize)> {
    let b = html.as_bytes();
    let mut rows: Vec<Vec<Cell<'a>>> = Vec::new();
    let mut row: Vec<Cell<'a>> = Vec::new();
    let mut cell: Option<usize> = None;
    let close_cell = |row: &mut Vec<Cell<'a>>, cell: &mut Option<usize>, at: usize| {
        if let Some(start) = cell.take() {
            let inner = &html[start..at];
            row.push(Cell {
                html: inner,
                text: to_line(inner),
            });
        }
    };
    let mut i = from;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let Some(tag) = parse_tag(&html[i..]) else {
            i += 1;
            continue;
        };
        let name = tag.name.to_ascii_lowercase();
        match (tag.kind, name.as_str()) {
            (TagKind::Open, "table") => return None,
            (TagKind::Close, "table") => {
                close_cell(&mut row, &mut cell, i);
                if !row.is_empty() {
                    rows.push(row);
                }
                return Some((rows, i + tag.len));
            }
            (TagKind::Open, "tr") | (TagKind::Close, "tr") => {
                close_cell(&mut row, &mut cell, i);
                if !row.is_empty() {
                    rows.push(std::mem::take(&mut row));
                }
            }
            (TagKind::Open, "td" | "th") => {
                close_cell(&mut row, &mut cell, i);
                cell = Some(i + tag.len);
            }
            (TagKind::Close, "td" | "th") => close_cell(&mut row, &mut cell, i),
            _ => {}
        }
        i += tag.len;
    }
    None
}

fn column(text: &str) -> Column {
    let t = text.trim().to_lowercase();
    if t.chars().count() > HEADER_CELL_CHARS {
        return Column::Other;
    }
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let e = words.iter().any(|w| *w == "essential" || *w == "e");
    let d = words.iter().any(|w| *w == "desirable" || *w == "d");
    match (e, d) {
        (true, true) => Column::Priority,
        (true, false) => Column::Essential,
        (false, true) => Column::Desirable,
        _ => Column::Other,
    }
}

/// The columns named by a header row, when it names a person specification's.
fn header(row: &[Cell<'_>]) -> Option<Vec<Column>> {
    let cols: Vec<Column> = row.iter().map(|c| column(&c.text)).collect();
    let has = |k| cols.contains(&k);
    ((has(Column::Essential) && has(Column::Desirable)) || has(Column::Priority)).then_some(cols)
}

/// A tick or a yes: the row's criterion is of this column.
fn is_mark(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().count() <= MARK_CHARS
        && (t
            .chars()
            .all(|c| matches!(c, '✓' | '✔' | '☑' | '√' | '*' | '•' | '✅'))
            || ["x", "yes", "y"].contains(&t.to_lowercase().as_str()))
}

fn heading(out: &mut String, text: &str) {
    if !text.trim().is_empty() {
        out.push_str("<h4>");
        out.push_str(&html_escape::encode_text(text.trim()));
        out.push_str("</h4>\n");
    }
}

fn item(out: &mut String, text: &str, essential: bool) {
    out.push_str("<ul><li>");
    out.push_str(&html_escape::encode_text(text.trim()));
    out.push_str(if essential {
        " (Essential)"
    } else {
        " (Desirable)"
    });
    out.push_str("</li></ul>\n");
}

/// The table as headed lists, or `None` when no row names Essential and
/// Desirable columns.
fn rewrite(rows: &[Vec<Cell<'_>>]) -> Option<String> {
    let mut cols: Option<Vec<Column>> = None;
    let mut out = String::from("<div>\n");
    let mut any = false;
    for row in rows {
        if let Some(h) = header(row) {
            // A header's label cell may name the category ("Qualifications |
            // Essential | Desirable").
            if let Some((c, _)) = row.iter().zip(&h).find(|(_, k)| **k == Column::Other)
                && Category::parse(&c.text).is_some()
            {
                heading(&mut out, &c.text);
            }
            cols = Some(h);
            any = true;
            continue;
        }
        let Some(cols) = &cols else {
            // Before any header: as a plain line.
            out.push_str("<div>");
            for c in row {
                out.push_str(c.html);
                out.push(' ');
            }
            out.push_str("</div>\n");
            continue;
        };
        let filled: Vec<&Cell<'_>> = row.iter().filter(|c| !c.text.trim().is_empty()).collect();
        if filled.len() == 1
            && cols.len() > 1
            && (row.len() == 1 || Category::parse(&filled[0].text).is_some())
        {
            // A row spanning the table, or naming only a category: a category.
            heading(&mut out, &filled[0].text);
            continue;
        }
        // A short row lost its first cells to a cell above spanning rows
        // (`rowspan`, usually the category): its cells are the last columns.
        let offset = cols.len().saturating_sub(row.len());
        let aligned: Vec<(&Cell<'_>, Column)> = row
            .iter()
            .zip(cols.iter().skip(offset))
            .map(|(c, k)| (c, *k))
            .collect();
        let of = |k: Column| {
            aligned
                .iter()
                .filter(move |(_, c)| *c == k)
                .map(|(cell, _)| *cell)
        };
        // The label columns are those before the first Essential, Desirable or
        // E/D column ("Attribute | Criterion | E/D | How assessed"): the
        // criterion is the longest of them, and a category named beside it
        // is its heading.
        let first_priority = aligned
            .iter()
            .position(|(_, k)| *k != Column::Other)
            .unwrap_or(aligned.len());
        let labels: Vec<&Cell<'_>> = aligned[..first_priority]
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| !c.text.trim().is_empty())
            .collect();
        let label = labels
            .iter()
            .copied()
            .max_by_key(|c| c.text.chars().count());
        if labels.len() > 1
            && let Some(c) = labels.iter().find(|c| Category::parse(&c.text).is_some())
        {
            heading(&mut out, &c.text);
        }
        if let Some(p) = of(Column::Priority).find(|c| !c.text.trim().is_empty()) {
            if let Some(l) = label {
                let first = p.text.trim().chars().next().map(|c| c.to_ascii_lowercase());
                item(&mut out, &l.text, first != Some('d'));
            }
            continue;
        }
        let e = of(Column::Essential).find(|c| !c.text.trim().is_empty());
        let d = of(Column::Desirable).find(|c| !c.text.trim().is_empty());
        let marks = e.is_none_or(|c| is_mark(&c.text)) && d.is_none_or(|c| is_mark(&c.text));
        if marks && (e.is_some() || d.is_some()) {
            if let Some(l) = label {
                item(&mut out, &l.text, e.is_some());
            }
            continue;
        }
        if let Some(l) = label {
            heading(&mut out, &l.text);
        }
        for (name, cell) in [("Essential", e), ("Desirable", d)] {
            if let Some(c) = cell.filter(|c| !is_mark(&c.text)) {
                heading(&mut out, name);
                out.push_str("<div>");
                out.push_str(c.html);
                out.push_str("</div>\n");
            }
        }
    }
    out.push_str("</div>\n");
    any.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::super::to_text;
    use crate::roles::Priority;
    use crate::roles::spec::parse;

    fn criteria(html: &str) -> Vec<(String, Priority)> {
        parse(&to_text(html))
            .into_iter()
            .map(|c| (c.text, c.priority))
            .collect()
    }

    #[test]
    fn columns_of_criteria_per_category() {
        let html = "<h3>Person specification</h3><table><thead><tr><th>Criteria</th>\
            <th>Essential</th><th>Desirable</th></tr></thead><tbody>\
            <tr><td>Qualifications</td><td><ul><li>Degree in nursing</li><li>NMC registration</li></ul></td>\
            <td><ul><li>MSc</li></ul></td></tr>\
            <tr><td><strong>Research and academic</strong></td><td>Evidence of research</td><td></td></tr>\
            </tbody></table><h3>About us</h3><p>We are a trust.</p>";
        let got = criteria(html);
        assert_eq!(
            got,
            [
                ("Degree in nursing".to_string(), Priority::Essential),
                ("NMC registration".to_string(), Priority::Essential),
                ("MSc".to_string(), Priority::Desirable),
                ("Evidence of research".to_string(), Priority::Essential),
            ]
        );
        let cats: Vec<_> = parse(&to_text(html))
            .into_iter()
            .map(|c| c.category.map(|c| c.as_str()))
            .collect();
        assert_eq!(cats[0], Some("qualifications"));
        assert_eq!(cats[2], Some("qualifications"));
    }

    #[test]
    fn a_row_per_criterion_with_marks_or_a_priority_column() {
        let ticks = "<table><tr><th>Attribute</th><th>Essential</th><th>Desirable</th>\
            <th>How assessed</th></tr>\
            <tr><td>Degree in a numerate subject</td><td>✓</td><td></td><td>Application</td></tr>\
            <tr><td>PRINCE2 Practitioner</td><td></td><td>✓</td><td>Application</td></tr></table>";
        assert_eq!(
            criteria(ticks),
            [
                (
                    "Degree in a numerate subject".to_string(),
                    Priority::Essential
                ),
                ("PRINCE2 Practitioner".to_string(), Priority::Desirable),
            ]
        );
        let column = "<table><tr><td>Criterion</td><td>E/D</td><td>Assessed by</td></tr>\
            <tr><td>HCPC registration</td><td>E</td><td>A/I</td></tr>\
            <tr><td>Python</td><td>D</td><td>I</td></tr></table>";
        assert_eq!(
            criteria(column),
            [
                ("HCPC registration".to_string(), Priority::Essential),
                ("Python".to_string(), Priority::Desirable),
            ]
        );
    }

    #[test]
    fn a_category_column_spanning_rows_beside_the_criteria() {
        let html = "<table><tr><th>Attribute</th><th>Criteria</th><th>E/D</th><th>How assessed</th></tr>\
            <tr><td rowspan=\"2\">Qualifications</td><td>Degree in physiotherapy</td><td>E</td><td>A</td></tr>\
            <tr><td>MSc in a related subject</td><td>D</td><td>A</td></tr>\
            <tr><td>Experience</td><td>Two years in community services</td><td>E</td><td>I</td></tr></table>";
        let got = parse(&to_text(html));
        let texts: Vec<(&str, Priority)> =
            got.iter().map(|c| (c.text.as_str(), c.priority)).collect();
        assert_eq!(
            texts,
            [
                ("Degree in physiotherapy", Priority::Essential),
                ("MSc in a related subject", Priority::Desirable),
                ("Two years in community services", Priority::Essential),
            ]
        );
        assert_eq!(got[1].category.map(|c| c.as_str()), Some("qualifications"));
        assert_eq!(got[2].category.map(|c| c.as_str()), Some("experience"));
    }

    #[test]
    fn other_tables_are_left_alone() {
        let plain =
            "<table><tr><td>Band</td><td>7</td></tr><tr><td>Hours</td><td>37.5</td></tr></table>";
        assert_eq!(super::linearise(plain), plain);
        let nested = "<table><tr><td><table><tr><th>Essential</th><th>Desirable</th></tr>\
            <tr><td>Degree</td><td>MSc</td></tr></table></td></tr></table>";
        // The inner table is rewritten; the outer one, holding it, is not.
        let out = super::linearise(nested);
        assert!(out.starts_with("<table><tr><td><div>"), "{out}");
        let unclosed = "<table><tr><th>Essential</th><th>Desirable</th></tr><tr><td>Degree";
        assert_eq!(super::linearise(unclosed), unclosed);
    }
}
