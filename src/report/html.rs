//! The HTML report: one self-contained page for a hiring panel (`-f html`, or
//! an `--out` file ending `.html`/`.htm`).
//!
//! - A role × candidate **heatmap**: one `<table>` with a `<caption>`, column
//!   and row headers (`<th scope>`), every cell showing its score as a number;
//!   the colour only repeats it. Cell colours come from a sequential scale and
//!   each colour's text is black or white, whichever contrasts more (at least
//!   4.5:1, WCAG 2.2 AA, checked by a test for every colour used).
//! - **Per-candidate criterion bars**: each criterion of each shown match as
//!   met, partly met or missing, its 0–3 score as a bar and as text; the
//!   evidence line and the reason open with `<details>`/`<summary>`, which needs
//!   no script and works from the keyboard.
//! - **Sorting and filtering**: a small inline script turns the column headers
//!   into buttons (click, Enter or Space sort; `aria-sort` follows) and shows two
//!   filter boxes (candidates, roles). Without script the page is complete,
//!   in its default order (best score first).
//! - **Errors and warnings**: every CV that could not be read with its one-line
//!   reason, every warning, and notes on skipped files.
//!
//! Nothing is fetched: styles and the script are inline, and a
//! Content-Security-Policy allows only those two, by their SHA-256 hashes
//! (no other script or style, no images, fonts or connections). The page shows
//! only what the JSON report holds (with criteria, as `match --explain` gives
//! them): shown CV names (anonymised by the app in blind mode), role ids,
//! titles, organisations and bands, scores and criteria with their (redacted)
//! evidence. Every text goes through [`escape`]. Output is deterministic: no
//! time stamps, and a stable order.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::{CvReport, Shortlist, carried, components, one_line};
use crate::roles::{Priority, Role};
use crate::score::{CriterionResult, RoleMatch};

/// What the page says about the run besides the results.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlOptions<'a> {
    /// Blind mode: the app removed personal data; the page says so.
    pub blind: bool,
    /// Roles per CV (per-CV report) or candidates per role (shortlists); 0: all.
    pub top: usize,
    /// Scores were centred on the batch (`--calibrate`).
    pub calibrated: bool,
    /// The `config` object echoed in JSON: the weights and a fingerprint.
    pub config: Option<&'a serde_json::Value>,
    /// Notes on the run, such as files skipped by the folder walk.
    pub notes: &'a [String],
}

/// Text made safe for HTML, in content and in quoted attribute values: `&`,
/// `<`, `>`, `"` and `'` become character references, and control characters
/// (which HTML does not allow) become U+FFFD.
pub fn escape(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'') || (c.is_control() && !matches!(c, '\t' | '\n'))
    };
    if !text.contains(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut s = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            '\t' | '\n' => s.push(c),
            c if c.is_control() => s.push('\u{fffd}'),
            c => s.push(c),
        }
    }
    Cow::Owned(s)
}

/// The per-CV batch report as one HTML page: candidates (rows) against the
/// roles in their shown matches (columns, in index order), each CV's matches
/// already cut to `--top`.
pub fn write_batch_html(
    out: &mut dyn Write,
    reports: &[CvReport],
    roles: &[Role],
    opts: HtmlOptions,
) -> io::Result<()> {
    // Columns: every role some CV shows, in index order.
    let mut keys: BTreeMap<(usize, &str), ()> = BTreeMap::new();
    for r in reports {
        if let Ok(ms) = &r.outcome {
            for m in ms {
                keys.insert((m.role, m.role_id.as_str()), ());
            }
        }
    }
    let col_of: HashMap<&str, usize> = keys
        .keys()
        .enumerate()
        .map(|(i, (_, id))| (*id, i))
        .collect();
    let columns: Vec<Column> = keys
        .keys()
        .map(|&(pos, id)| {
            let role = roles.get(pos).filter(|r| r.id == id);
            Column {
                role_id: id,
                title: role.map_or_else(|| title_of(reports, id), |r| r.title.as_str()),
                organisation: role.and_then(|r| r.organisation.as_deref()),
                band: role.and_then(|r| r.band.as_deref()),
                url: role.and_then(|r| r.url.as_deref()),
            }
        })
        .collect();
    let mut rows = Vec::new();
    for r in reports {
        let Ok(ms) = &r.outcome else { continue };
        rows.push(Row {
            cv: &r.cv,
            shown: ms
                .iter()
                .enumerate()
                .map(|(i, m)| Shown {
                    col: col_of[m.role_id.as_str()],
                    m,
                    rank: i + 1,
                })
                .collect(),
            warnings: &r.warnings,
        });
    }
    let page = Page {
        view: View::PerCv,
        columns,
        rows,
        reports,
        unlisted: 0,
    };
    page.write(out, opts)
}

/// The per-role shortlists as one HTML page: the candidates on any shortlist
/// (rows) against the roles (columns, in shortlist order); a cell is filled
/// where the candidate is on that role's shortlist. `reports` are the per-CV
/// results the shortlists were made from (for the criteria, the warnings and
/// the CVs that could not be read).
pub fn write_shortlists_html(
    out: &mut dyn Write,
    lists: &[Shortlist],
    reports: &[CvReport],
    opts: HtmlOptions,
) -> io::Result<()> {
    let by_cv: HashMap<&str, usize> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| (r.cv.as_str(), i))
        .collect();
    let columns: Vec<Column> = lists
        .iter()
        .map(|l| Column {
            role_id: &l.role_id,
            title: &l.title,
            organisation: l.organisation.as_deref(),
            band: l.band.as_deref(),
            url: l.url.as_deref(),
        })
        .collect();
    // Each report's shown matches, by column.
    let mut shown: Vec<Vec<Shown>> = (0..reports.len()).map(|_| Vec::new()).collect();
    for (col, l) in lists.iter().enumerate() {
        for (i, c) in l.candidates.iter().enumerate() {
            let Some(&ri) = by_cv.get(c.cv.as_str()) else {
                continue;
            };
            let Ok(ms) = &reports[ri].outcome else {
                continue;
            };
            if let Some(m) = ms.iter().find(|m| m.role_id == l.role_id) {
                shown[ri].push(Shown {
                    col,
                    m,
                    rank: i + 1,
                });
            }
        }
    }
    let mut rows = Vec::new();
    let mut unlisted = 0;
    for (r, shown) in reports.iter().zip(shown) {
        if r.outcome.is_err() {
            continue;
        }
        if shown.is_empty() {
            unlisted += 1;
            continue;
        }
        rows.push(Row {
            cv: &r.cv,
            shown,
            warnings: &r.warnings,
        });
    }
    let page = Page {
        view: View::ByRole,
        columns,
        rows,
        reports,
        unlisted,
    };
    page.write(out, opts)
}

/// The folder every name starts with (up to and including its last `/`), so
/// that the page can name it once and show shorter names; `""` when none.
fn common_folder<'a>(mut names: impl Iterator<Item = &'a str>) -> &'a str {
    let Some(first) = names.next() else {
        return "";
    };
    let mut prefix = first.rfind('/').map_or("", |i| &first[..=i]);
    for n in names {
        while !n.starts_with(prefix) {
            prefix = prefix[..prefix.len() - 1]
                .rfind('/')
                .map_or("", |i| &prefix[..=i]);
        }
    }
    prefix
}

/// A role's title from the matches, when the role list does not have it.
fn title_of<'a>(reports: &'a [CvReport], id: &str) -> &'a str {
    reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .flatten()
        .find(|m| m.role_id == id)
        .map_or("", |m| m.title.as_str())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    /// Each CV's best roles.
    PerCv,
    /// Each role's best candidates.
    ByRole,
}

struct Column<'a> {
    role_id: &'a str,
    title: &'a str,
    organisation: Option<&'a str>,
    band: Option<&'a str>,
    /// The advert's address (http or https only, as the loaders keep it).
    url: Option<&'a str>,
}

/// One match shown for a candidate.
struct Shown<'a> {
    col: usize,
    m: &'a RoleMatch,
    /// The role's rank for this CV (per CV) or the CV's rank on the role's
    /// shortlist (by role).
    rank: usize,
}

struct Row<'a> {
    cv: &'a str,
    /// In rank order (per CV) or column order (by role).
    shown: Vec<Shown<'a>>,
    warnings: &'a [String],
}

impl Row<'_> {
    fn best(&self) -> Option<f64> {
        self.shown.iter().map(|s| s.m.score).max_by(f64::total_cmp)
    }
}

struct Page<'a> {
    view: View,
    columns: Vec<Column<'a>>,
    rows: Vec<Row<'a>>,
    reports: &'a [CvReport],
    /// Candidates read but on no shortlist shown (by role).
    unlisted: usize,
}

impl Page<'_> {
    /// The folder all CVs are in, named once in the header.
    fn folder(&self) -> &str {
        common_folder(self.reports.iter().map(|r| r.cv.as_str()))
    }

    /// A CV's name without the folder all CVs are in.
    fn short<'n>(&self, cv: &'n str) -> &'n str {
        let f = self.folder();
        match cv.strip_prefix(f) {
            Some(rest) if !rest.is_empty() => rest,
            _ => cv,
        }
    }
}

/// The heatmap's colour scale, light to dark (ColorBrewer "Blues", 9 classes):
/// score 0 is the first colour, 100 the last, linear in between.
const SCALE: [[u8; 3]; 9] = [
    [0xf7, 0xfb, 0xff],
    [0xde, 0xeb, 0xf7],
    [0xc6, 0xdb, 0xef],
    [0x9e, 0xca, 0xe1],
    [0x6b, 0xae, 0xd6],
    [0x42, 0x92, 0xc6],
    [0x21, 0x71, 0xb5],
    [0x08, 0x51, 0x9c],
    [0x08, 0x30, 0x6b],
];

const BLACK: [u8; 3] = [0, 0, 0];
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];

/// Page text and its background.
const INK: [u8; 3] = [0x1f, 0x23, 0x28];
/// Secondary text (ids, hints) on the page background.
const MUTED: [u8; 3] = [0x57, 0x60, 0x6a];
/// Criterion status colours: met, partly met, missing (text and bar fill on
/// the page background).
const MET: [u8; 3] = [0x1a, 0x7f, 0x37];
const PARTLY: [u8; 3] = [0x8a, 0x55, 0x00];
const MISSING: [u8; 3] = [0xb4, 0x23, 0x18];
/// The bar's empty track (a border: 3:1 is enough for a graphic, it has 4.5).
const TRACK: [u8; 3] = [0x6e, 0x77, 0x81];
/// Error text.
const ERROR: [u8; 3] = MISSING;

/// Foreground and background pairs of the page's text, for the contrast test.
#[cfg(test)]
const TEXT_PAIRS: [([u8; 3], [u8; 3]); 6] = [
    (INK, WHITE),
    (MUTED, WHITE),
    (MET, WHITE),
    (PARTLY, WHITE),
    (MISSING, WHITE),
    (TRACK, WHITE),
];

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// The background of a score's cell: the score (clamped to 0–100) on [`SCALE`].
fn cell_colour(bucket: u8) -> [u8; 3] {
    let t = f64::from(bucket.min(100)) / 100.0 * (SCALE.len() - 1) as f64;
    let i = (t.floor() as usize).min(SCALE.len() - 2);
    let f = t - i as f64;
    let mut c = [0u8; 3];
    for k in 0..3 {
        let (a, b) = (f64::from(SCALE[i][k]), f64::from(SCALE[i + 1][k]));
        c[k] = (a + (b - a) * f).round() as u8;
    }
    c
}

/// WCAG 2.x relative luminance of an sRGB colour.
fn luminance(c: [u8; 3]) -> f64 {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// WCAG 2.x contrast ratio of two colours (1 to 21).
fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The text colour for a background: black or white, whichever contrasts more.
fn text_on(bg: [u8; 3]) -> [u8; 3] {
    if contrast(BLACK, bg) >= contrast(WHITE, bg) {
        BLACK
    } else {
        WHITE
    }
}

/// A score's colour class, `s0` to `s100`.
fn bucket(score: f64) -> u8 {
    if score.is_finite() {
        score.clamp(0.0, 100.0).round() as u8
    } else {
        0
    }
}

/// The style sheet: the page, then one class per score bucket with its
/// background and computed text colour.
fn style() -> String {
    let mut css = format!(
        r#":root{{color-scheme:light}}
*{{box-sizing:border-box}}
body{{margin:0;padding:1rem 1.5rem 3rem;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:{ink};background:#fff}}
h1{{font-size:1.6rem;margin:.2rem 0 .4rem}}
h2{{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:1px solid {track};padding-bottom:.2rem}}
h3{{font-size:1.1rem;margin:1.5rem 0 .3rem}}
h4{{font-size:1rem;margin:1rem 0 .2rem}}
a{{color:#0b4f9c}}
a:focus-visible,button:focus-visible,summary:focus-visible,input:focus-visible,.scroll:focus-visible{{outline:3px solid currentColor;outline-offset:2px}}
.muted,.rid,.meta{{color:{muted}}}
.rid{{font-size:.8rem;font-weight:normal;display:block;overflow-wrap:anywhere}}
nav ul{{list-style:none;padding:0;margin:.5rem 0;display:flex;gap:1.2rem;flex-wrap:wrap}}
.vh{{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}}
[hidden]{{display:none!important}}
.filters{{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;margin:.6rem 0}}
.filters label{{font-weight:600;margin-right:.4rem}}
.filters input{{font:inherit;padding:.2rem .4rem;border:1px solid {track};border-radius:3px;min-width:14rem}}
.scroll{{overflow-x:auto;max-width:100%}}
table{{border-collapse:collapse;margin:.5rem 0}}
caption{{text-align:left;padding:.3rem 0;color:{ink}}}
th,td{{border:1px solid #fff;padding:.3rem .45rem;vertical-align:bottom}}
thead th{{background:#f6f8fa;text-align:left;font-size:.9rem;min-width:6.5rem;max-width:12rem;border-bottom:2px solid {track}}}
thead th:first-child{{min-width:12rem}}
thead th button{{all:unset;cursor:pointer;display:block;width:100%}}
thead th button:focus-visible{{outline:3px solid {ink};outline-offset:2px}}
th[aria-sort=ascending] button::after{{content:" \25B2" / ""}}
th[aria-sort=descending] button::after{{content:" \25BC" / ""}}
tbody th{{text-align:left;vertical-align:middle;font-weight:600;background:#fff;position:sticky;left:0;border-right:2px solid {track};overflow-wrap:anywhere;max-width:22rem}}
td{{text-align:center;vertical-align:middle;font-variant-numeric:tabular-nums;min-width:4.5rem}}
td a{{color:inherit}}
td small{{display:block;font-size:.75rem}}
td.na{{color:{muted};background:#fff}}
.legend{{display:flex;flex-wrap:wrap;gap:0;margin:.4rem 0;padding:0;list-style:none}}
.legend li{{padding:.15rem .5rem;font-size:.85rem;font-variant-numeric:tabular-nums}}
.cand{{border-top:1px solid {track};margin-top:1.5rem}}
.match{{margin:0 0 1rem 0}}
.match p{{margin:.15rem 0}}
.crit{{list-style:none;padding:0;margin:.4rem 0}}
.crit li{{margin:.15rem 0}}
.crit summary{{cursor:pointer;display:flex;gap:.5rem;align-items:baseline;list-style:none}}
.crit summary::-webkit-details-marker{{display:none}}
.crit summary::before{{content:"\25B8" / "";flex:none;width:.8rem;color:{muted}}}
.crit details[open]>summary::before{{content:"\25BE" / ""}}
.bar{{flex:none;display:inline-block;width:4.5rem;height:.8rem;border:1px solid {track};border-radius:2px;background:#fff;position:relative;top:.1rem}}
.bar span{{display:block;height:100%}}
.f0{{width:0}}.f1{{width:33.3%}}.f2{{width:66.7%}}.f3{{width:100%}}
.k-met .bar span{{background:{met}}}.k-partly .bar span{{background:{partly}}}.k-missing .bar span{{background:{missing}}}
.st{{flex:none;width:9.5rem;font-weight:600;white-space:nowrap}}
.k-met .st{{color:{met}}}.k-partly .st{{color:{partly}}}.k-missing .st{{color:{missing}}}
.pri{{flex:none;width:5.5rem;color:{muted}}}
.ev{{margin:.2rem 0 .4rem 22.3rem}}
.ev p{{margin:.1rem 0}}
.errors li{{color:{error}}}
footer{{margin-top:2.5rem;font-size:.85rem;color:{muted}}}
@media (max-width:48rem){{.ev{{margin-left:1.5rem}}.crit summary{{flex-wrap:wrap}}}}
@media print{{.filters,nav{{display:none}}.scroll{{overflow:visible}}}}
"#,
        ink = hex(INK),
        muted = hex(MUTED),
        track = hex(TRACK),
        met = hex(MET),
        partly = hex(PARTLY),
        missing = hex(MISSING),
        error = hex(ERROR),
    );
    for b in 0..=100u8 {
        let bg = cell_colour(b);
        css.push_str(&format!(
            ".s{b}{{background:{};color:{}}}\n",
            hex(bg),
            hex(text_on(bg))
        ));
    }
    css
}

/// Sorting and filtering; the page is complete without it. It marks `<body>`
/// with `data-ready="1"` when it has run.
const SCRIPT: &str = r#"(function () {
  "use strict";
  var doc = document;
  var table = doc.getElementById("heatmap");
  if (table && table.tHead && table.tBodies.length) {
    var body = table.tBodies[0];
    var heads = table.tHead.rows[0].cells;
    var key = function (row, col, type) {
      var cell = row.cells[col];
      if (type === "num") {
        var v = cell.getAttribute("data-v");
        return v === null || v === "" ? null : parseFloat(v);
      }
      return cell.textContent.trim().toLowerCase();
    };
    var sortBy = function (col, dir) {
      var type = heads[col].getAttribute("data-sort");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, col, type), y = key(b, col, type), c = 0;
        if (x === null && y !== null) return 1;
        if (y === null && x !== null) return -1;
        if (x !== null) c = type === "num" ? x - y : x.localeCompare(y);
        if (dir === "descending") c = -c;
        return c || (+a.getAttribute("data-i")) - (+b.getAttribute("data-i"));
      });
      rows.forEach(function (r) { body.appendChild(r); });
      for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
      heads[col].setAttribute("aria-sort", dir);
    };
    Array.prototype.forEach.call(heads, function (th, col) {
      if (!th.hasAttribute("data-sort")) return;
      var b = doc.createElement("button");
      b.type = "button";
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      b.addEventListener("click", function () {
        var cur = th.getAttribute("aria-sort");
        var first = th.getAttribute("data-sort") === "num" ? "descending" : "ascending";
        sortBy(col, cur ? (cur === "ascending" ? "descending" : "ascending") : first);
      });
    });
    var filters = doc.getElementById("filters");
    var fc = doc.getElementById("fc"), fr = doc.getElementById("fr");
    var count = doc.getElementById("count");
    var has = function (el, q) {
      return !q || el.textContent.toLowerCase().indexOf(q) >= 0;
    };
    var apply = function () {
      var qc = fc.value.trim().toLowerCase(), qr = fr.value.trim().toLowerCase();
      var shown = 0, cols = 0, total = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var ok = has(row.cells[0], qc);
        row.hidden = !ok;
        var sec = doc.getElementById(row.getAttribute("data-c"));
        if (sec) sec.hidden = !ok;
        if (ok) shown++;
      });
      Array.prototype.forEach.call(heads, function (th) {
        var col = th.getAttribute("data-col");
        if (col === null) return;
        total++;
        var ok = has(th, qr);
        if (ok) cols++;
        var all = doc.querySelectorAll('[data-col="' + col + '"]');
        for (var i = 0; i < all.length; i++) all[i].hidden = !ok;
      });
      count.textContent = shown + " of " + body.rows.length + " candidates and " +
        cols + " of " + total + " roles shown";
    };
    if (filters && fc && fr && count) {
      fc.addEventListener("input", apply);
      fr.addEventListener("input", apply);
      filters.hidden = false;
    }
  }
  doc.body.setAttribute("data-ready", "1");
})();
"#;

/// `'sha256-…'`, a CSP source for an inline script or style.
fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// "3 CVs", "1 CV".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A criterion's status class and label.
fn status(c: &CriterionResult) -> (&'static str, &'static str) {
    match c.score {
        2.. => ("met", "\u{2713} met"),
        1 => ("partly", "~ partly met"),
        0 => ("missing", "\u{2717} missing"),
    }
}

impl Page<'_> {
    fn write(&self, out: &mut dyn Write, opts: HtmlOptions) -> io::Result<()> {
        let css = style();
        let csp = format!(
            "default-src 'none'; script-src {}; style-src {}; img-src 'none'; font-src 'none'; \
             connect-src 'none'; base-uri 'none'; form-action 'none'",
            csp_hash(SCRIPT),
            csp_hash(&css)
        );
        let failed: Vec<&CvReport> = self.reports.iter().filter(|r| r.outcome.is_err()).collect();
        let read = self.reports.len() - failed.len();
        let title = match self.view {
            View::PerCv => "cvmatch: candidates and their best roles",
            View::ByRole => "cvmatch: shortlists by role",
        };
        writeln!(out, "<!DOCTYPE html>")?;
        writeln!(out, "<html lang=\"en\">")?;
        writeln!(out, "<head>")?;
        writeln!(out, "<meta charset=\"utf-8\">")?;
        writeln!(
            out,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"
        )?;
        writeln!(out, "<meta name=\"referrer\" content=\"no-referrer\">")?;
        writeln!(
            out,
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        )?;
        writeln!(out, "<meta name=\"generator\" content=\"cvmatch\">")?;
        writeln!(out, "<title>{title}</title>")?;
        write!(out, "<style>{css}</style>\n</head>\n<body>\n")?;
        writeln!(out, "<header>\n<h1>{title}</h1>")?;
        let mut summary = vec![
            format!("{} read", count(read, "CV", "CVs")),
            format!("{} could not be read", count(failed.len(), "CV", "CVs")),
        ];
        match self.view {
            View::PerCv => summary.push(if opts.top == 0 {
                "every role shown for each CV".into()
            } else {
                format!("the best {} for each CV", count(opts.top, "role", "roles"))
            }),
            View::ByRole => {
                summary.push(format!(
                    "shortlists for {}",
                    count(self.columns.len(), "role", "roles")
                ));
                summary.push(if opts.top == 0 {
                    "every candidate on each".into()
                } else {
                    format!(
                        "the best {} on each",
                        count(opts.top, "candidate", "candidates")
                    )
                });
            }
        }
        writeln!(
            out,
            "<p class=\"meta\">{}.</p>",
            escape(&summary.join(" · "))
        )?;
        if !self.folder().is_empty() {
            writeln!(
                out,
                "<p>CV files in <code>{}</code> (names below are relative to it).</p>",
                escape(self.folder())
            )?;
        }
        if opts.blind {
            writeln!(
                out,
                "<p><strong>Blind mode:</strong> names, emails, phone numbers, addresses, \
                 dates of birth and links are removed from the evidence, and a file name \
                 that holds the candidate's name is replaced by <code>candidate-&lt;hash&gt;</code>.</p>"
            )?;
        }
        if opts.calibrated {
            writeln!(
                out,
                "<p>Scores are calibrated: each role's scores are centred on this batch.</p>"
            )?;
        }
        writeln!(out, "</header>")?;
        writeln!(out, "<nav aria-label=\"Sections\"><ul>")?;
        writeln!(out, "<li><a href=\"#heatmap-h\">Heatmap</a></li>")?;
        writeln!(out, "<li><a href=\"#candidates-h\">Candidates</a></li>")?;
        writeln!(
            out,
            "<li><a href=\"#issues-h\">Errors and warnings</a></li>"
        )?;
        writeln!(out, "</ul></nav>\n<main>")?;
        // Rows best first, then by name: the order without script.
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by(|&a, &b| {
            let (ra, rb) = (&self.rows[a], &self.rows[b]);
            match (ra.best(), rb.best()) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| ra.cv.cmp(rb.cv))
        });
        self.write_heatmap(out, &order, opts)?;
        self.write_candidates(out, &order)?;
        self.write_issues(out, &failed, opts)?;
        writeln!(out, "</main>")?;
        self.write_footer(out, opts)?;
        writeln!(out, "<script>{SCRIPT}</script>")?;
        writeln!(out, "</body>\n</html>")?;
        Ok(())
    }

    fn write_heatmap(
        &self,
        out: &mut dyn Write,
        order: &[usize],
        opts: HtmlOptions,
    ) -> io::Result<()> {
        writeln!(
            out,
            "<section aria-labelledby=\"heatmap-h\">\n<h2 id=\"heatmap-h\">Heatmap</h2>"
        )?;
        writeln!(
            out,
            "<p>Each cell is a candidate's score for a role, from 0 to 100 (higher fits \
             better), with the essential criteria met under it; the darker the cell, the \
             higher the score. A score links to its criteria.</p>"
        )?;
        write!(out, "<ul class=\"legend\" aria-label=\"Colour scale\">")?;
        for v in [0u8, 20, 40, 60, 80, 100] {
            write!(out, "<li class=\"s{v}\">{v}</li>")?;
        }
        writeln!(out, "</ul>")?;
        writeln!(
            out,
            "<div class=\"filters\" id=\"filters\" hidden>\
             <span><label for=\"fc\">Filter candidates</label>\
             <input id=\"fc\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\"></span>\
             <span><label for=\"fr\">Filter roles</label>\
             <input id=\"fr\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\"></span>\
             <span id=\"count\" role=\"status\" aria-live=\"polite\"></span></div>"
        )?;
        writeln!(
            out,
            "<noscript><p class=\"muted\">Sorting and filtering need JavaScript; the \
             rest of the report works without it.</p></noscript>"
        )?;
        if self.rows.is_empty() {
            writeln!(out, "<p>No candidates to show.</p>\n</section>")?;
            return Ok(());
        }
        let empty = match self.view {
            View::PerCv if opts.top > 0 => {
                format!(
                    "not among the candidate's best {}",
                    count(opts.top, "role", "roles")
                )
            }
            View::PerCv => "not scored".to_string(),
            View::ByRole => "not on this role's shortlist".to_string(),
        };
        writeln!(
            out,
            "<div class=\"scroll\" role=\"region\" aria-labelledby=\"cap\" tabindex=\"0\">"
        )?;
        writeln!(out, "<table id=\"heatmap\">")?;
        writeln!(
            out,
            "<caption id=\"cap\">Scores of {} against {} (0–100; a dash: {}). Column \
             headings sort the table.</caption>",
            count(self.rows.len(), "candidate", "candidates"),
            count(self.columns.len(), "role", "roles"),
            escape(&empty)
        )?;
        writeln!(out, "<thead><tr>")?;
        writeln!(out, "<th scope=\"col\" data-sort=\"text\">Candidate</th>")?;
        writeln!(
            out,
            "<th scope=\"col\" data-sort=\"num\" aria-sort=\"descending\">Best score</th>"
        )?;
        for (i, c) in self.columns.iter().enumerate() {
            writeln!(
                out,
                "<th scope=\"col\" data-sort=\"num\" data-col=\"{i}\">{}<span class=\"rid\">{}</span></th>",
                escape(c.title),
                escape(c.role_id)
            )?;
        }
        writeln!(out, "</tr></thead>\n<tbody>")?;
        // Ids follow the order shown, never the input order (which in blind
        // mode would hint at the original file names).
        for (ri, &i) in order.iter().enumerate() {
            let row = &self.rows[i];
            write!(
                out,
                "<tr data-i=\"{ri}\" data-c=\"c{ri}\"><th scope=\"row\"><a href=\"#c{ri}\">{}</a></th>",
                escape(self.short(row.cv))
            )?;
            match row.best() {
                Some(b) => write!(
                    out,
                    "<td class=\"s{}\" data-v=\"{b:.2}\">{b:.2}</td>",
                    bucket(b)
                )?,
                None => write!(
                    out,
                    "<td class=\"na\" data-v=\"\">{}</td>",
                    dash("no roles")
                )?,
            }
            for col in 0..self.columns.len() {
                match row.shown.iter().find(|s| s.col == col) {
                    Some(s) => write!(
                        out,
                        "<td class=\"s{}\" data-col=\"{col}\" data-v=\"{:.2}\"><a href=\"#c{ri}-r{col}\">{:.2}</a>\
                         <small>{}/{}<span class=\"vh\"> essentials met</span></small></td>",
                        bucket(s.m.score),
                        s.m.score,
                        s.m.score,
                        s.m.essentials_met,
                        s.m.essentials_total
                    )?,
                    None => write!(
                        out,
                        "<td class=\"na\" data-col=\"{col}\" data-v=\"\">{}</td>",
                        dash(&empty)
                    )?,
                }
            }
            writeln!(out, "</tr>")?;
        }
        writeln!(out, "</tbody>\n</table>\n</div>")?;
        if self.unlisted > 0 {
            writeln!(
                out,
                "<p class=\"muted\">{} read but on none of these shortlists.</p>",
                count(
                    self.unlisted,
                    "other candidate was",
                    "other candidates were"
                )
            )?;
        }
        writeln!(out, "</section>")
    }

    fn write_candidates(&self, out: &mut dyn Write, order: &[usize]) -> io::Result<()> {
        writeln!(
            out,
            "<section aria-labelledby=\"candidates-h\">\n<h2 id=\"candidates-h\">Candidates</h2>"
        )?;
        writeln!(
            out,
            "<p>Each criterion of the role's person specification as met (2 or 3 of 3), \
             partly met (1) or missing (0). Open a criterion to see the line of the CV \
             that is its evidence and the reason for its score.</p>"
        )?;
        if self.rows.is_empty() {
            writeln!(out, "<p>No candidates to show.</p>")?;
        }
        for (ri, &i) in order.iter().enumerate() {
            let row = &self.rows[i];
            writeln!(
                out,
                "<section class=\"cand\" id=\"c{ri}\" aria-labelledby=\"c{ri}-h\">\n<h3 id=\"c{ri}-h\">{}</h3>",
                escape(self.short(row.cv))
            )?;
            for w in row.warnings {
                writeln!(out, "<p><strong>Warning:</strong> {}</p>", escape(w))?;
            }
            if row.shown.is_empty() {
                writeln!(out, "<p>No roles scored.</p>")?;
            }
            for s in &row.shown {
                self.write_match(out, ri, s)?;
            }
            writeln!(out, "</section>")?;
        }
        writeln!(out, "</section>")
    }

    fn write_match(&self, out: &mut dyn Write, ri: usize, s: &Shown) -> io::Result<()> {
        let (m, col) = (s.m, s.col);
        let c = &self.columns[col];
        writeln!(
            out,
            "<article class=\"match\" id=\"c{ri}-r{col}\" data-col=\"{col}\" aria-labelledby=\"c{ri}-r{col}-h\">"
        )?;
        write!(
            out,
            "<h4 id=\"c{ri}-r{col}-h\">{} <span class=\"muted\">({})</span></h4>\n<p>",
            escape(&m.title),
            escape(&m.role_id)
        )?;
        let extra: Vec<&str> = [c.organisation, c.band].into_iter().flatten().collect();
        if !extra.is_empty() {
            write!(out, "{} · ", escape(&extra.join(", ")))?;
        }
        if let Some(url) = c
            .url
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        {
            write!(
                out,
                "<a href=\"{}\" rel=\"noopener noreferrer\">advert</a> · ",
                escape(url)
            )?;
        }
        let rank = match self.view {
            View::PerCv => format!("rank {} of this candidate's roles", s.rank),
            View::ByRole => format!("rank {} on this role's shortlist", s.rank),
        };
        write!(
            out,
            "<strong>score {:.2}</strong> · {} · essentials met {}/{} · desirables met {}/{}",
            m.score,
            escape(&rank),
            m.essentials_met,
            m.essentials_total,
            m.desirables_met,
            m.desirables_total
        )?;
        if let Some(cal) = m.calibration {
            write!(out, " · calibration {cal:+.2}")?;
        }
        writeln!(out, "</p>")?;
        writeln!(
            out,
            "<p class=\"muted\">Why: {}</p>",
            escape(&components(m))
        )?;
        if let Some(c) = carried(m) {
            writeln!(out, "<p class=\"muted\">Rank carried by {}</p>", escape(&c))?;
        }
        if !m.matched_skills.is_empty() {
            writeln!(
                out,
                "<p>Skills found: {}</p>",
                escape(&m.matched_skills.join(", "))
            )?;
        }
        if !m.missing_skills.is_empty() {
            writeln!(
                out,
                "<p>Skills missing: {}</p>",
                escape(&m.missing_skills.join(", "))
            )?;
        }
        if m.criteria.is_empty() {
            writeln!(out, "<p>This role has no person specification.</p>")?;
        } else {
            writeln!(out, "<ul class=\"crit\">")?;
            for cr in &m.criteria {
                write_criterion(out, cr)?;
            }
            writeln!(out, "</ul>")?;
        }
        writeln!(out, "</article>")
    }

    fn write_issues(
        &self,
        out: &mut dyn Write,
        failed: &[&CvReport],
        opts: HtmlOptions,
    ) -> io::Result<()> {
        writeln!(
            out,
            "<section aria-labelledby=\"issues-h\">\n<h2 id=\"issues-h\">Errors and warnings</h2>"
        )?;
        let warnings: Vec<(&str, &str)> = self
            .reports
            .iter()
            .flat_map(|r| r.warnings.iter().map(move |w| (r.cv.as_str(), w.as_str())))
            .collect();
        if failed.is_empty() && warnings.is_empty() && opts.notes.is_empty() {
            writeln!(out, "<p>Every CV was read, without warnings.</p>")?;
        }
        if !failed.is_empty() {
            writeln!(
                out,
                "<h3>{} could not be read</h3>\n<ul class=\"errors\">",
                count(failed.len(), "CV", "CVs")
            )?;
            for r in failed {
                let reason = r
                    .outcome
                    .as_ref()
                    .err()
                    .map(|e| one_line(e))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "<li><strong>{}</strong>: {}</li>",
                    escape(self.short(&r.cv)),
                    escape(&reason)
                )?;
            }
            writeln!(out, "</ul>")?;
        }
        if !warnings.is_empty() {
            writeln!(
                out,
                "<h3>{}</h3>\n<ul>",
                count(warnings.len(), "warning", "warnings")
            )?;
            for (_, w) in warnings {
                writeln!(out, "<li>{}</li>", escape(w))?;
            }
            writeln!(out, "</ul>")?;
        }
        if !opts.notes.is_empty() {
            writeln!(out, "<h3>Notes</h3>\n<ul>")?;
            for n in opts.notes {
                writeln!(out, "<li>{}</li>", escape(n))?;
            }
            writeln!(out, "</ul>")?;
        }
        writeln!(out, "</section>")
    }

    fn write_footer(&self, out: &mut dyn Write, opts: HtmlOptions) -> io::Result<()> {
        write!(
            out,
            "<footer><p>Made by cvmatch (report format {})",
            crate::OUTPUT_VERSION
        )?;
        if let Some(cfg) = opts.config {
            if let Some(w) = cfg.get("weights").and_then(|w| w.as_object()) {
                let parts: Vec<String> = w.iter().map(|(k, v)| format!("{k} {v}")).collect();
                write!(out, " · weights: {}", escape(&parts.join(", ")))?;
            }
            if let Some(f) = cfg.get("fingerprint").and_then(|f| f.as_str()) {
                write!(out, " · settings and index fingerprint {}", escape(f))?;
            }
        }
        writeln!(out, ".</p></footer>")
    }
}

/// An empty cell's content: a dash for the eye, words for a screen reader.
fn dash(why: &str) -> String {
    format!(
        "<span aria-hidden=\"true\">\u{2014}</span><span class=\"vh\">{}</span>",
        escape(why)
    )
}

fn write_criterion(out: &mut dyn Write, c: &CriterionResult) -> io::Result<()> {
    let (kind, label) = status(c);
    write!(
        out,
        "<li class=\"k-{kind}\"><details><summary><span class=\"bar\" aria-hidden=\"true\">\
         <span class=\"f{}\"></span></span><span class=\"st\">{label} {}/3</span>\
         <span class=\"pri\">{}</span><span class=\"ct\">{}</span></summary><div class=\"ev\">",
        c.score.min(3),
        c.score,
        match c.priority {
            Priority::Essential => "Essential",
            Priority::Desirable => "Desirable",
        },
        escape(&c.text)
    )?;
    match &c.evidence {
        Some(e) => {
            let section = c.section.map_or("cv", |s| s.as_str());
            write!(
                out,
                "<p>Evidence ({}): <q>{}</q></p>",
                escape(section),
                escape(e)
            )?;
        }
        None => write!(out, "<p>No evidence found in the CV.</p>")?,
    }
    if !c.reason.is_empty() {
        write!(out, "<p class=\"muted\">{}</p>", escape(&c.reason))?;
    }
    writeln!(out, "</div></details></li>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::shortlists;

    fn crit(text: &str, priority: Priority, score: u8, evidence: Option<&str>) -> CriterionResult {
        CriterionResult {
            text: text.into(),
            priority,
            category: None,
            score,
            evidence: evidence.map(String::from),
            section: None,
            reason: "because".into(),
            evidence_line: None,
        }
    }

    fn m(role: usize, id: &str, title: &str, score: f64) -> RoleMatch {
        RoleMatch {
            role,
            role_id: id.into(),
            title: title.into(),
            score,
            essentials_met: 1,
            essentials_total: 2,
            criteria: vec![
                crit("Python <b>", Priority::Essential, 3, Some("Python & SQL")),
                crit("NHS data", Priority::Essential, 1, Some("hospital data")),
                crit("PhD", Priority::Desirable, 0, None),
            ],
            ..RoleMatch::default()
        }
    }

    const HOSTILE_CV: &str = "cvs/<script>alert(\"x\")</script>'.pdf";
    const HOSTILE_TITLE: &str = "Data \"Scientist\" <script>alert(1)</script>";

    fn sample() -> (Vec<CvReport>, Vec<Role>) {
        let roles = vec![
            Role {
                id: "ds".into(),
                title: HOSTILE_TITLE.into(),
                organisation: Some("Trust & <Co>".into()),
                band: Some("Band 7".into()),
                url: Some("https://jobs.example/ds?a=1&b=\"2\"".into()),
                ..Role::default()
            },
            Role {
                id: "da".into(),
                title: "Data Analyst".into(),
                url: Some("javascript:alert(1)".into()),
                ..Role::default()
            },
        ];
        let reports = vec![
            CvReport {
                cv: HOSTILE_CV.into(),
                outcome: Ok(vec![
                    m(0, "ds", HOSTILE_TITLE, 71.2),
                    m(1, "da", "Data Analyst", 40.0),
                ]),
                warnings: vec!["only 12 characters of <text>".into()],
            },
            CvReport {
                cv: "cvs/b.pdf".into(),
                outcome: Ok(vec![m(1, "da", "Data Analyst", 55.5)]),
                warnings: vec![],
            },
            CvReport {
                cv: "cvs/\"broken\".pdf".into(),
                outcome: Err("cvs/\"broken\".pdf: not a\nPDF <file>".into()),
                warnings: vec![],
            },
        ];
        (reports, roles)
    }

    fn page() -> String {
        let (reports, roles) = sample();
        let mut buf = Vec::new();
        let notes = vec!["skipped 1 file of other types".to_string()];
        write_batch_html(
            &mut buf,
            &reports,
            &roles,
            HtmlOptions {
                top: 3,
                notes: &notes,
                ..HtmlOptions::default()
            },
        )
        .unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn escape_covers_markup_quotes_and_controls() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c"), "a\u{fffd}b\u{fffd}c");
        assert!(matches!(escape("Siobhán – plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn untrusted_names_and_titles_are_escaped() {
        let html = page();
        assert!(!html.contains("<script>alert"), "raw script in the page");
        assert!(!html.contains("\"x\""));
        assert!(!html.contains("<b>"));
        assert!(!html.contains("<Co>"));
        assert!(!html.contains("<text>"));
        assert!(
            html.contains(">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;.pdf</a></th>")
        );
        assert!(html.contains("Data &quot;Scientist&quot; &lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("Python &amp; SQL"));
        // The advert's address is a link, escaped; only http(s) becomes one.
        assert!(html.contains(
            "<a href=\"https://jobs.example/ds?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer\">advert</a>"
        ));
        assert!(!html.contains("javascript:"));
        // Exactly one script element: ours.
        assert_eq!(html.matches("<script").count(), 1);
        assert_eq!(html.matches("</script>").count(), 1);
    }

    #[test]
    fn one_accessible_table_with_caption_scoped_headers_and_sort_state() {
        let html = page();
        assert_eq!(html.matches("<table").count(), 1);
        assert_eq!(html.matches("<caption").count(), 1);
        assert!(html.contains("<th scope=\"col\" data-sort=\"text\">Candidate</th>"));
        // Candidate, best, two roles.
        assert_eq!(html.matches("<th scope=\"col\"").count(), 4);
        // One row header per candidate read; the failed CV is not a row.
        assert_eq!(html.matches("<th scope=\"row\"").count(), 2);
        // One column carries the sort state: best first.
        assert_eq!(html.matches("aria-sort=\"").count(), 1);
        assert!(html.contains("aria-sort=\"descending\">Best score</th>"));
        // Best first: the hostile CV (71.20) before b.pdf (55.50).
        let a = html.find(
            "<tr data-i=\"0\" data-c=\"c0\"><th scope=\"row\"><a href=\"#c0\">&lt;script&gt;",
        );
        let b =
            html.find("<tr data-i=\"1\" data-c=\"c1\"><th scope=\"row\"><a href=\"#c1\">b.pdf</a>");
        assert!(a.is_some() && b.is_some() && a < b, "rows not best first");
        // Sections in the same order, with the same ids.
        assert!(
            html.find("<h3 id=\"c0-h\">&lt;script&gt;") < html.find("<h3 id=\"c1-h\">b.pdf</h3>")
        );
        // Numbers are shown, not colour alone; an empty cell says why.
        assert!(html.contains(">71.20</a>"));
        assert!(html.contains("not among the candidate&#39;s best 3 roles"));
        // Criterion bars with status text, evidence behind <details>.
        assert!(html.contains("<details><summary>"));
        assert!(html.contains("\u{2713} met 3/3"));
        assert!(html.contains("~ partly met 1/3"));
        assert!(html.contains("\u{2717} missing 0/3"));
        assert!(html.contains("No evidence found in the CV."));
        // Errors, warnings and notes listed.
        assert!(html.contains("1 CV could not be read"));
        assert!(html.contains("not a PDF &lt;file&gt;"));
        assert!(html.contains("only 12 characters of &lt;text&gt;"));
        assert!(html.contains("skipped 1 file of other types"));
        // The filters stay hidden until the script shows them.
        assert!(html.contains("id=\"filters\" hidden"));
        assert!(html.contains("data-ready"));
    }

    #[test]
    fn nothing_is_fetched_and_the_policy_allows_only_our_inline_code() {
        let html = page();
        // Links to adverts are followed only when clicked; nothing else may
        // name another address.
        let mut fetched = html.clone();
        for (i, _) in html.match_indices(" href=\"") {
            let value = &html[i + 7..];
            let value = &value[..value.find('"').unwrap()];
            if !value.starts_with('#') {
                assert!(value.starts_with("https://"), "link {value}");
                assert!(html[i..].starts_with(&format!(
                    " href=\"{value}\" rel=\"noopener noreferrer\">advert</a>"
                )));
                fetched = fetched.replace(value, "");
            }
        }
        for bad in [
            "http://", "https://", " src=", "@import", "url(", "//fonts", "<link", "<img",
        ] {
            assert!(!fetched.contains(bad), "{bad} in the page");
        }
        let csp_start = html.find("Content-Security-Policy\" content=\"").unwrap();
        let csp = &html[csp_start + 34..];
        let csp = &csp[..csp.find('"').unwrap()];
        assert!(csp.starts_with("default-src 'none'"));
        assert!(!csp.contains("unsafe"));
        let style = &html[html.find("<style>").unwrap() + 7..html.find("</style>").unwrap()];
        let script = &html[html.find("<script>").unwrap() + 8..html.find("</script>").unwrap()];
        assert!(
            csp.contains(&format!("style-src {}", csp_hash(style))),
            "{csp}"
        );
        assert!(
            csp.contains(&format!("script-src {}", csp_hash(script))),
            "{csp}"
        );
        // The policy comes before any style or script.
        assert!(csp_start < html.find("<style>").unwrap());
    }

    #[test]
    fn every_cell_colour_has_aa_contrast_text() {
        for b in 0..=100u8 {
            let bg = cell_colour(b);
            let ratio = contrast(text_on(bg), bg);
            assert!(
                ratio >= 4.5,
                "score {b}: {} on {}: {ratio:.2}",
                hex(text_on(bg)),
                hex(bg)
            );
        }
        // The scale runs light to dark, so white text appears on the high scores.
        assert_eq!(text_on(cell_colour(0)), BLACK);
        assert_eq!(text_on(cell_colour(100)), WHITE);
        for (fg, bg) in TEXT_PAIRS {
            let ratio = contrast(fg, bg);
            assert!(ratio >= 4.5, "{} on {}: {ratio:.2}", hex(fg), hex(bg));
        }
        assert!((contrast(BLACK, WHITE) - 21.0).abs() < 1e-9);
        assert_eq!(bucket(-3.0), 0);
        assert_eq!(bucket(140.0), 100);
        assert_eq!(bucket(f64::NAN), 0);
    }

    #[test]
    fn names_are_shown_without_their_common_folder() {
        assert_eq!(
            common_folder(["a/b/x.pdf", "a/b/c/y.pdf"].into_iter()),
            "a/b/"
        );
        assert_eq!(common_folder(["a/b/x.pdf", "a/bc/y.pdf"].into_iter()), "a/");
        assert_eq!(common_folder(["x.pdf", "a/y.pdf"].into_iter()), "");
        assert_eq!(common_folder(["/cvs/x.pdf"].into_iter()), "/cvs/");
        assert_eq!(common_folder(std::iter::empty()), "");
        let html = page();
        assert!(html.contains("CV files in <code>cvs/</code>"));
        assert!(html.contains("<h3 id=\"c1-h\">b.pdf</h3>"));
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(page(), page());
    }

    #[test]
    fn shortlists_become_a_heatmap_of_their_roles() {
        let (reports, roles) = sample();
        let lists = shortlists(&reports, &roles, &["da".to_string()], 1);
        let mut buf = Vec::new();
        write_shortlists_html(
            &mut buf,
            &lists,
            &reports,
            HtmlOptions {
                top: 1,
                blind: true,
                ..HtmlOptions::default()
            },
        )
        .unwrap();
        let html = String::from_utf8(buf).unwrap();
        assert_eq!(html.matches("<table").count(), 1);
        // Candidate, best, one role.
        assert_eq!(html.matches("<th scope=\"col\"").count(), 3);
        // Only b.pdf (55.5) is on the shortlist of one; the other is counted.
        assert_eq!(html.matches("<th scope=\"row\"").count(), 1);
        assert!(html.contains("\">b.pdf</a></th>"));
        assert!(html.contains("1 other candidate was read but on none"));
        assert!(html.contains("rank 1 on this role&#39;s shortlist"));
        assert!(html.contains("Blind mode:"));
        assert!(html.contains("not a PDF &lt;file&gt;"));
    }
}
