//! From positioned glyphs to words, lines and reading order.
//!
//! Duplicate glyphs drawn twice for "fake bold" are dropped (`dedupe`), spacing
//! diacritics drawn over a letter (pdfTeX's OT1 accents) are composed with it
//! (`compose_accents`), glyphs become words by gaps in drawing order
//! (`make_words`), and letter-spaced runs, whose every glyph comes out as a word,
//! are joined by their own spacing (`join_letter_spaced`). Words are ordered by a
//! gutter analysis: the page is cut into horizontal bands (runs of vertically
//! overlapping words); consecutive bands that share a vertical white gutter form a
//! column group, which is read left side first, then right side (recursively, so
//! three columns work too). Before a group is split, its two sides are checked for
//! a table (`table_rows`): blocks (closely spaced lines) that pair up across the
//! gutter on aligned rows, with columns that line up, are label/value tables or
//! entries with a date column, and are read row by row (cells whole), as poppler
//! reads them. What is left becomes lines by baseline, top to bottom. Finally list
//! marks read as a column of their own go back onto their items' lines, and words
//! hyphenated across two lines of one block ("infor-" / "mation") are joined.
//!
//! Every step is linear or n log n in the glyphs (words, lines) of a page, apart
//! from the gutter recursion's bounded depth: none compares each glyph or word with
//! all the others of its line or page, so a crafted page costs its size only.

use rustc_hash::FxHashMap;

use unicode_normalization::UnicodeNormalization;

use super::Line;

/// A glyph (or a run of text that shares one position, e.g. an ActualText span).
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub(super) text: String,
    /// Left edge, points from the page's left edge.
    pub(super) x0: f32,
    /// Right edge (x0 + advance).
    pub(super) x1: f32,
    /// Baseline, points from the top of the page.
    pub(super) y: f32,
    /// Font size in points (after all scaling).
    pub(super) size: f32,
    pub(super) bold: bool,
    /// Extra advance after the glyph from character spacing (`Tc`), in points.
    pub(super) spacing: f32,
}

#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    /// Characters in bold fonts, for the line's dominant style.
    bold_chars: usize,
    chars: usize,
    /// Ended by a white-space glyph (never glued to the next word).
    space_after: bool,
}

impl Word {
    fn top(&self) -> f32 {
        self.y - 0.75 * self.size
    }
    fn bottom(&self) -> f32 {
        self.y + 0.2 * self.size
    }
}

/// Gap between glyphs, relative to the font size, that separates words.
const WORD_GAP: f32 = 0.12;

/// Largest typical gap between the letters of a letter-spaced run, relative to
/// the font size. Single characters further apart than this are read as
/// separate (table cells, rating dots), never joined.
const MAX_LETTER_SPACING: f32 = 0.6;

/// Normalises a glyph's text: ligatures expanded, soft hyphens shown as the
/// hyphens they draw, zero-width and control characters dropped. Returns `None` when the glyph is white space.
fn normalise(text: &str, out: &mut String) -> bool {
    let mut any = false;
    for c in text.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            // A soft hyphen that is drawn is a hyphen on the page (fonts name
            // their hyphen glyph at 0xAD of WinAnsi); line-end ones are joined
            // by `dehyphenate` like any hyphen.
            '\u{ad}' => out.push('-'),
            '\u{200b}' | '\u{feff}' | '\u{200c}' | '\u{200d}' => continue,
            c if c.is_whitespace() => return any,
            c if c.is_control() => continue,
            c => out.push(c),
        }
        any = true;
    }
    any
}

/// Lays out one page: glyphs to lines in reading order.
pub(super) fn page_lines(glyphs: Vec<Glyph>, page: usize, _page_width: f32) -> Vec<Line> {
    let words = make_words(compose_accents(dedupe(glyphs)));
    if words.is_empty() {
        return Vec::new();
    }
    let idx: Vec<usize> = (0..words.len()).collect();
    let mut leaves = Vec::new();
    order(&words, idx, 0, &mut leaves);
    let mut lines = Vec::new();
    for leaf in leaves {
        leaf_lines(&words, leaf, page, &mut lines);
    }
    attach_marks(&mut lines);
    dehyphenate(&mut lines);
    lines.into_iter().map(|l| l.line).collect()
}

/// Whether a line is only a list mark or an icon: one character that is neither
/// a letter nor a digit nor ordinary punctuation.
fn is_mark(text: &str) -> bool {
    let mut cs = text.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if !c.is_alphanumeric()
        && !matches!(c, '.' | ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '\'' | '/' | '|'))
}

/// Puts list marks back on their lines. A bullet set apart from its text by a
/// gutter is read as a column of its own: a mark-only line, or a run of them,
/// followed by the text lines (items of one or more lines). Each mark joins the
/// first text line after the run on its baseline, just to its right.
fn attach_marks(lines: &mut Vec<Built>) {
    let fits = |m: &Built, t: &Built| {
        let size = t.line.font_size.max(m.line.font_size).max(1.0);
        t.line.page == m.line.page
            && (t.line.y - m.line.y).abs() <= 0.3 * size
            && t.x0 > m.x0
            && t.x0 - m.x1 <= 3.0 * size
    };
    // Marks moved onto their items, taken out at the end in one pass.
    let mut moved = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if !is_mark(&lines[i].line.text) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() && is_mark(&lines[j].line.text) {
            j += 1;
        }
        // The text lines after the run, while they go down the page.
        let mut end = j;
        while end < lines.len()
            && end - j < 500
            && !is_mark(&lines[end].line.text)
            && (end == j || lines[end].line.y >= lines[end - 1].line.y)
        {
            end += 1;
        }
        let mut used = vec![false; end - j];
        for m in i..j {
            let Some(t) = (j..end).find(|&t| !used[t - j] && fits(&lines[m], &lines[t])) else {
                continue;
            };
            used[t - j] = true;
            moved[m] = true;
            let mark = std::mem::take(&mut lines[m].line.text);
            let (x, x0) = (lines[m].line.x, lines[m].x0);
            let t = &mut lines[t];
            t.second_x = Some(t.line.x);
            t.line.text = format!("{mark} {}", t.line.text);
            t.line.x = x;
            t.x0 = x0;
        }
        i = j;
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !moved[k - 1]
    });
}

/// A line being built, with what joining hyphenated words needs.
struct Built {
    line: Line,
    /// Left and right edges of the words as laid out (`line.x` moves when the
    /// first word moves up to the line before).
    x0: f32,
    x1: f32,
    /// Left edge of the first word after a space (where the line's text would
    /// start if its first word moved up to the line before).
    second_x: Option<f32>,
}

/// Drops glyphs drawn again at (almost) the same place with the same text.
///
/// A glyph is a duplicate when an earlier kept glyph with the same text has its
/// baseline within a point or so (the same or a neighbouring rounded baseline) and
/// its left edge within `tol` (a third of the glyph's width, at least a tenth and
/// at most 0.6 of its size). Kept glyphs go into a hash grid keyed by text,
/// rounded baseline, size class (a power of two at least 0.6 of the size, which is
/// also the class's cell width) and the cell of the left edge, so a glyph looks at
/// a few neighbouring cells of its own class and of the nearer neighbouring class
/// (sizes within about √2 across a class boundary), never at every earlier glyph of
/// its line. Kept glyphs of one class in one cell are at least a tenth of their
/// size apart, so a cell holds at most 13 of them: linear in the glyphs.
fn dedupe(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    dedupe_counting(glyphs, &mut 0)
}

/// [`dedupe`], adding the number of glyph comparisons made to `work`.
fn dedupe_counting(glyphs: Vec<Glyph>, work: &mut usize) -> Vec<Glyph> {
    type Grid = FxHashMap<(u32, i32, i32, i64), u32>;
    let mut keep = vec![true; glyphs.len()];
    {
        // Texts as small ids, so that grid keys hash cheaply.
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        // (text id, rounded baseline, size class, cell) -> head of a list of left
        // edges in `xs` (1-based index; 0 ends the list).
        let mut grid: Grid = FxHashMap::with_capacity_and_hasher(glyphs.len(), Default::default());
        let mut xs: Vec<(f32, u32)> = Vec::with_capacity(glyphs.len());
        let cell_of = |x: f32, class: i32| -> Option<i64> {
            let c = (f64::from(x) / 2f64.powi(class)).floor();
            // Beyond f64's integers a cell would hold glyphs that are far apart.
            (c.abs() < 4.0e15).then_some(c as i64)
        };
        for (k, g) in glyphs.iter().enumerate() {
            if g.text.trim().is_empty() || !g.size.is_finite() || g.size <= 0.0 {
                continue;
            }
            let next_id = ids.len() as u32;
            let id = *ids.entry(g.text.as_str()).or_insert(next_id);
            let yq = g.y.round() as i32;
            let tol = (0.3 * (g.x1 - g.x0).abs())
                .max(0.1 * g.size)
                .min(0.6 * g.size);
            let exact = (0.6 * g.size).log2();
            let class = exact.ceil().clamp(-60.0, 60.0) as i32;
            let other = if exact.ceil() - exact > 0.5 {
                class - 1
            } else {
                class + 1
            };
            let Some(own) = cell_of(g.x0, class) else {
                continue;
            };
            let mut dup = false;
            'search: for c in [class, other] {
                let (Some(first), Some(last)) = (cell_of(g.x0 - tol, c), cell_of(g.x0 + tol, c))
                else {
                    continue;
                };
                // Only a size class clamped at its bound spans more cells.
                if last - first > 8 {
                    continue;
                }
                for dy in -1..=1 {
                    for cell in first..=last {
                        let mut e = grid
                            .get(&(id, yq.saturating_add(dy), c, cell))
                            .copied()
                            .unwrap_or(0);
                        while let Some(&(x, next)) = xs.get((e as usize).wrapping_sub(1)) {
                            *work += 1;
                            if (x - g.x0).abs() < tol {
                                dup = true;
                                break 'search;
                            }
                            e = next;
                        }
                    }
                }
            }
            if dup {
                keep[k] = false;
                continue;
            }
            let head = grid.entry((id, yq, class, own)).or_insert(0);
            xs.push((g.x0, *head));
            *head = xs.len() as u32;
        }
    }
    glyphs
        .into_iter()
        .zip(keep)
        .filter_map(|(g, k)| k.then_some(g))
        .collect()
}

/// The combining mark for a spacing diacritic (`´`, `¨`, `ˆ`…) drawn as a glyph
/// of its own, and whether the mark goes above the letter.
fn combining_mark(text: &str) -> Option<(char, bool)> {
    let mut cs = text.chars();
    let (Some(c), None) = (cs.next(), cs.next()) else {
        return None;
    };
    Some(match c {
        '`' | '\u{2cb}' => ('\u{300}', true),
        '\u{b4}' | '\u{2ca}' => ('\u{301}', true),
        '^' | '\u{2c6}' => ('\u{302}', true),
        '~' | '\u{2dc}' => ('\u{303}', true),
        '\u{af}' | '\u{2c9}' => ('\u{304}', true),
        '\u{2d8}' => ('\u{306}', true),
        '\u{2d9}' => ('\u{307}', true),
        '\u{a8}' => ('\u{308}', true),
        '\u{2da}' => ('\u{30a}', true),
        '\u{2dd}' => ('\u{30b}', true),
        '\u{2c7}' => ('\u{30c}', true),
        '\u{b8}' => ('\u{327}', false),
        '\u{2db}' => ('\u{328}', false),
        _ => return None,
    })
}

/// How squarely the diacritic glyph `mark` sits on the letter glyph `base`: 1
/// when its centre is over the letter's centre, falling to 0 at the letter's
/// edges; `None` when it is not over the letter at all (or `base` is no letter,
/// or is on another line or in a very different size).
fn accent_fit(mark: &Glyph, base: &Glyph) -> Option<f32> {
    let mut cs = base.text.chars();
    if !cs.next().is_some_and(char::is_alphabetic)
        || !cs.all(|c| ('\u{300}'..='\u{36f}').contains(&c))
    {
        return None;
    }
    let size = mark.size.max(base.size);
    // TeX raises accents over capitals and tall letters, by about a quarter em.
    if (mark.y - base.y).abs() > 0.5 * size
        || mark.size > 2.0 * base.size
        || base.size > 2.0 * mark.size
    {
        return None;
    }
    let half = (base.x1 - base.x0) / 2.0;
    let off = ((mark.x0 + mark.x1) / 2.0 - (base.x0 + half)).abs();
    (half > 0.0 && off < half).then(|| 1.0 - off / half)
}

/// Puts spacing diacritics drawn over or under a letter onto it. pdfTeX with
/// OT1 fonts draws `\'o` as an acute (U+00B4), kerned to sit over the "o" drawn
/// after it; other producers draw the accent after its letter. A diacritic whose
/// centre lies over the glyph just before or just after it in drawing order (the
/// better placed; the one after on a tie) becomes a combining mark on that
/// letter, composed (NFC): "Educaci´on" reads "Educación". A diacritic beside a
/// letter ("don´t") stays as it is. Dotless ı and ȷ under an accent above become
/// i and j, as TeX's `\'{\i}` means.
fn compose_accents(mut glyphs: Vec<Glyph>) -> Vec<Glyph> {
    if !glyphs.iter().any(|g| combining_mark(&g.text).is_some()) {
        return glyphs;
    }
    let mut gone = vec![false; glyphs.len()];
    for k in 0..glyphs.len() {
        let Some((mark, above)) = combining_mark(&glyphs[k].text) else {
            continue;
        };
        let base = [k.wrapping_sub(1), k + 1]
            .into_iter()
            .filter(|&b| b < glyphs.len() && !gone[b])
            .filter_map(|b| Some((b, accent_fit(&glyphs[k], &glyphs[b])?)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(b, _)| b);
        let Some(b) = base else {
            continue;
        };
        let mut text = String::with_capacity(glyphs[b].text.len() + 2);
        for (n, c) in glyphs[b].text.chars().enumerate() {
            text.push(match c {
                '\u{131}' if n == 0 && above => 'i',
                '\u{237}' if n == 0 && above => 'j',
                c => c,
            });
        }
        text.push(mark);
        glyphs[b].text = text.nfc().collect();
        gone[k] = true;
    }
    glyphs
        .into_iter()
        .zip(gone)
        .filter_map(|(g, gone)| (!gone).then_some(g))
        .collect()
}

/// Splits glyphs whose text holds white space between characters (ActualText
/// spans, multi-character ToUnicode entries) into pieces along their width.
fn split_spaced(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    if !glyphs
        .iter()
        .any(|g| g.text.chars().count() > 1 && g.text.trim().chars().any(char::is_whitespace))
    {
        return glyphs;
    }
    let mut out = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let n = g.text.chars().count();
        if n <= 1 || !g.text.trim().chars().any(char::is_whitespace) {
            out.push(g);
            continue;
        }
        let step = (g.x1 - g.x0) / n as f32;
        let mut piece = String::new();
        let mut start = 0usize;
        for (k, c) in g.text.chars().enumerate() {
            if c.is_whitespace() {
                if !piece.is_empty() {
                    out.push(Glyph {
                        text: std::mem::take(&mut piece),
                        x0: g.x0 + step * start as f32,
                        x1: g.x0 + step * k as f32,
                        ..g.clone()
                    });
                }
                out.push(Glyph {
                    text: " ".into(),
                    x0: g.x0 + step * k as f32,
                    x1: g.x0 + step * (k + 1) as f32,
                    ..g.clone()
                });
                start = k + 1;
            } else {
                piece.push(c);
            }
        }
        if !piece.is_empty() {
            out.push(Glyph {
                text: piece,
                x0: g.x0 + step * start as f32,
                ..g
            });
        }
    }
    out
}

fn make_words(glyphs: Vec<Glyph>) -> Vec<Word> {
    let glyphs = split_spaced(glyphs);
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    let mut buf = String::new();
    let mut last_spacing = 0.0f32;
    for g in glyphs {
        let spacing = g.spacing;
        buf.clear();
        let has_text = normalise(&g.text, &mut buf);
        if !has_text {
            // White space (or nothing printable) ends the word.
            if g.text.chars().any(char::is_whitespace) {
                if let Some(mut w) = cur.take() {
                    w.space_after = true;
                    words.push(w);
                } else if let Some(w) = words.last_mut() {
                    w.space_after = true;
                }
            }
            continue;
        }
        if let Some(w) = cur.as_mut() {
            let size = w.size.max(g.size);
            let gap = g.x0 - w.x1 - last_spacing.max(0.0);
            let same_line = (g.y - w.y).abs() <= 0.3 * size;
            if same_line
                && gap <= WORD_GAP * size.min(w.size.min(g.size) * 1.5)
                && gap > -0.6 * size
            {
                w.text.push_str(&buf);
                w.x1 = w.x1.max(g.x1);
                let n = buf.chars().count();
                w.chars += n;
                if g.bold {
                    w.bold_chars += n;
                }
                if g.size > w.size {
                    w.size = g.size;
                    w.y = g.y;
                }
                last_spacing = spacing;
                continue;
            }
            if let Some(w) = cur.take() {
                words.push(w);
            }
        }
        let n = buf.chars().count();
        last_spacing = spacing;
        cur = Some(Word {
            text: buf.clone(),
            x0: g.x0,
            x1: g.x1.max(g.x0),
            y: g.y,
            size: g.size,
            bold_chars: if g.bold { n } else { 0 },
            chars: n,
            space_after: false,
        });
    }
    if let Some(w) = cur {
        words.push(w);
    }
    join_letter_spaced(words)
}

/// Whether word `b`, drawn right after `a`, continues `a`'s run: the same
/// baseline and size, a little further right.
fn same_run(a: &Word, b: &Word) -> bool {
    let size = a.size.max(b.size);
    let gap = b.x0 - a.x1;
    (b.y - a.y).abs() <= 0.1 * size
        && (b.size - a.size).abs() <= 0.05 * size
        && gap > -0.1 * size
        && gap < 1.5 * size
}

/// Joins the letters of letter-spaced runs into words. Design tools (Canva and
/// others) place every glyph on its own, with even gaps wider than [`WORD_GAP`],
/// so each letter comes out of [`make_words`] as a word of its own ("S t u d e n
/// t"). Word gaps are judged here against the run's own spacing: a run (words
/// drawn one after another on one baseline in one size) in which at least half
/// the words are single characters, with at least two gaps between single
/// characters, is letter-spaced; its typical letter gap is the median of those
/// gaps (most gaps in such a run are between letters). A gap up to the typical
/// one plus [`WORD_GAP`] of the size, next to a single character and with no
/// space glyph in it, is between letters; anything wider is a word break, since
/// a word gap is a letter gap plus a space (a quarter of an em or more). Runs
/// whose letters are more than [`MAX_LETTER_SPACING`] apart are left alone, and
/// so are runs where a word of three or more characters is as close to a single
/// character as the singles are to each other: there the singles are words.
/// poppler's pdftotext joins single characters in a similar way (its lines of
/// single-character words are merged up to 1.3 times their smallest gap).
fn join_letter_spaced(words: Vec<Word>) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    let mut run: Vec<Word> = Vec::new();
    for w in words {
        if run.last().is_some_and(|last| !same_run(last, &w)) {
            join_run(&mut run, &mut out);
        }
        run.push(w);
    }
    join_run(&mut run, &mut out);
    out
}

/// Moves the words of one run to `out`, joining its letters when it is
/// letter-spaced (see [`join_letter_spaced`]).
fn join_run(run: &mut Vec<Word>, out: &mut Vec<Word>) {
    let singles = run.iter().filter(|w| w.chars == 1).count();
    let mut gaps: Vec<f32> = run
        .windows(2)
        .filter(|p| !p[0].space_after && p[0].chars == 1 && p[1].chars == 1)
        .map(|p| p[1].x0 - p[0].x1)
        .collect();
    if run.len() < 3 || singles * 2 < run.len() || gaps.len() < 2 {
        out.append(run);
        return;
    }
    gaps.sort_by(f32::total_cmp);
    let typical = gaps[gaps.len() / 2];
    let size = run[0].size;
    if typical > MAX_LETTER_SPACING * size {
        out.append(run);
        return;
    }
    let limit = typical + WORD_GAP * size;
    // A word of three or more characters as close to a single character as the
    // letters are to each other: the singles are words spaced like it ("2015 年
    // 3 月"), not letters. (Kerning can glue two letters of a letter-spaced run,
    // hardly three.)
    let spaced_like_words = run.windows(2).any(|p| {
        let (a, b) = (p[0].chars, p[1].chars);
        !p[0].space_after
            && p[1].x0 - p[0].x1 <= limit
            && ((a >= 3 && b == 1) || (a == 1 && b >= 3))
    });
    if spaced_like_words {
        out.append(run);
        return;
    }
    let mut words = run.drain(..);
    let Some(mut cur) = words.next() else {
        return;
    };
    let mut prev_single = cur.chars == 1;
    for w in words {
        let single = w.chars == 1;
        if !cur.space_after && w.x0 - cur.x1 <= limit && (prev_single || single) {
            cur.text.push_str(&w.text);
            cur.x1 = cur.x1.max(w.x1);
            cur.chars += w.chars;
            cur.bold_chars += w.bold_chars;
            cur.space_after = w.space_after;
            if w.size > cur.size {
                cur.size = w.size;
                cur.y = w.y;
            }
        } else {
            out.push(std::mem::replace(&mut cur, w));
        }
        prev_single = single;
    }
    out.push(cur);
}

/// Horizontal intervals (x0, x1).
type Intervals = Vec<(f32, f32)>;

/// Free horizontal intervals of a set of words within [lo, hi].
fn free_intervals(words: &[Word], idx: &[usize], lo: f32, hi: f32) -> Vec<(f32, f32)> {
    let mut spans: Vec<(f32, f32)> = idx.iter().map(|&i| (words[i].x0, words[i].x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut x = lo;
    for (a, b) in spans {
        if a > x {
            out.push((x, a));
        }
        x = x.max(b);
    }
    if hi > x {
        out.push((x, hi));
    }
    out
}

fn intersect(a: &[(f32, f32)], b: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let lo = a[i].0.max(b[j].0);
        let hi = a[i].1.min(b[j].1);
        if hi > lo {
            out.push((lo, hi));
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn median_size(words: &[Word], idx: &[usize]) -> f32 {
    let mut s: Vec<f32> = idx.iter().map(|&i| words[i].size).collect();
    s.sort_by(f32::total_cmp);
    s.get(s.len() / 2).copied().unwrap_or(10.0)
}

/// Recursively orders words into leaves (regions read as plain lines).
fn order(words: &[Word], mut idx: Vec<usize>, depth: usize, leaves: &mut Vec<Vec<usize>>) {
    if idx.len() < 6 || depth > 8 {
        leaves.push(idx);
        return;
    }
    let lo = idx.iter().map(|&i| words[i].x0).fold(f32::MAX, f32::min);
    let hi = idx.iter().map(|&i| words[i].x1).fold(f32::MIN, f32::max);
    let msize = median_size(words, &idx);
    let min_gutter = (0.9 * msize).max(3.0);
    let eps = 0.5;
    let interior = |iv: &[(f32, f32)]| -> Option<(f32, f32)> {
        iv.iter()
            .filter(|(a, b)| *a > lo + eps && *b < hi - eps && b - a >= min_gutter)
            .max_by(|x, y| (x.1 - x.0).total_cmp(&(y.1 - y.0)))
            .copied()
    };

    // Bands: runs of vertically overlapping words.
    idx.sort_by(|&a, &b| words[a].top().total_cmp(&words[b].top()));
    let mut bands: Vec<Vec<usize>> = Vec::new();
    let mut bottom = f32::MIN;
    for &i in &idx {
        let w = &words[i];
        if bands.is_empty() || w.top() > bottom + 0.1 * w.size {
            bands.push(Vec::new());
            bottom = w.bottom();
        } else {
            bottom = bottom.max(w.bottom());
        }
        if let Some(b) = bands.last_mut() {
            b.push(i);
        }
    }

    let baselines = |v: &[usize]| {
        let mut ys: Vec<i32> = v.iter().map(|&i| words[i].y.round() as i32).collect();
        ys.sort_unstable();
        ys.dedup();
        ys.len()
    };
    // Groups of consecutive bands sharing an interior gutter. A single line with
    // words on one side only (a header above the columns) does not start a group.
    // What the joining tests need of a group is kept up to date as bands join, so
    // that a band costs its own words only.
    let mut groups: Vec<Group> = Vec::new();
    for band in bands {
        let free = free_intervals(words, &band, lo, hi);
        if let Some(g) = groups.last_mut() {
            let inter = intersect(&g.free, &free);
            let joins = interior(&inter).is_some_and(|(a, b)| {
                let mid = (a + b) / 2.0;
                g.baselines.len() > 1 || (g.min_x1 <= mid && g.max_x0 >= mid)
            });
            if joins {
                g.extend(words, band);
                g.free = inter;
                continue;
            }
            // A band that narrows the gutter of established columns to less than
            // a gutter but more than a word space (`NARROWED_GAP`), with the words on either
            // side of the gap on different baselines: a line of one column
            // running up to the other (a line of text across the gutter has one
            // baseline). It stays in the group, which keeps its gutter.
            let narrowed = interior(&g.free).is_some()
                && g.baselines.len() >= 3
                && gap_parts_baselines(words, &band, &inter, NARROWED_GAP * msize);
            if narrowed {
                g.extend(words, band);
                continue;
            }
        }
        let mut g = Group {
            idx: Vec::new(),
            free,
            baselines: Vec::new(),
            min_x1: f32::MAX,
            max_x0: f32::MIN,
        };
        g.extend(words, band);
        groups.push(g);
    }

    for Group { idx: g, free, .. } in groups {
        // Split at the widest interior gutter when both sides have at least three
        // lines; otherwise the group is read as plain lines.
        let split = interior(&free).and_then(|(a, b)| {
            let mid = (a + b) / 2.0;
            let (left, right): (Vec<usize>, Vec<usize>) = g
                .iter()
                .partition(|&&i| (words[i].x0 + words[i].x1) / 2.0 < mid);
            (baselines(&left) >= 3 && baselines(&right) >= 3).then_some((left, right))
        });
        match split {
            Some((left, right)) => match table_rows(words, &left, &right) {
                // A table: cells side by side on aligned rows are read row by row,
                // each row left cell first.
                Some(rows) => {
                    for (l, r) in rows {
                        order(words, l, depth + 1, leaves);
                        order(words, r, depth + 1, leaves);
                    }
                }
                None => match entry_pieces(words, &left, &right, msize) {
                    // Entries: each read whole, its left part first.
                    Some(pieces) => {
                        for (l, r) in pieces {
                            order(words, l, depth + 1, leaves);
                            order(words, r, depth + 1, leaves);
                        }
                    }
                    None => {
                        order(words, left, depth + 1, leaves);
                        order(words, right, depth + 1, leaves);
                    }
                },
            },
            None => leaves.push(g),
        }
    }
}

/// Least gap, relative to the median font size, left between the columns by a
/// line of one column that runs up to the other ([`order`]): a little more than
/// an ordinary word space (a quarter to a third of an em). The words on either
/// side must also stand on different baselines, which a line of text across the
/// gutter never does, so the gap need not be wider than a word space. Sidebars set
/// close to the main column leave about 0.4 em (a line of 9 pt text ending 4 pt
/// from the column beside it); at 0.45 em such a line started a group of its own
/// and merged the columns line by line. On the shared corpus, 0.2, 0.3 and 0.35
/// read the same (two files gain, none lose, against pdftotext's text).
const NARROWED_GAP: f32 = 0.3;

/// Least blank height, relative to the median font size, between two entries
/// that the two sides of a gutter share (a blank row across both).
const ENTRY_GAP: f32 = 1.0;

/// Most lines of the shorter side of an entry (its title and dates, or a
/// one-paragraph description beside a longer list).
const ENTRY_SHORT: usize = 4;

/// Decides whether the two sides of a gutter are entries side by side rather
/// than two columns of text: dates and titles on the left, what was done on the
/// right, each entry starting on one baseline on both sides and the entries
/// separated by blank rows across both sides. Such a layout has loose cells that
/// [`table_rows`] does not pair (a description of two paragraphs beside a title
/// and dates of one line each), and reading each side whole would part every
/// title from what it describes.
///
/// The words of both sides are cut at every blank row at least [`ENTRY_GAP`]
/// high that crosses both. When at least two pieces have words on both sides
/// with their first baselines within half a font size (entries), and every
/// other piece with words on both sides has a line across the gutter (words on
/// one baseline less than `min_gutter` apart: a paragraph across both, returned
/// whole as its left part), the pieces are
/// returned top to bottom as (left part, right part).
/// Two columns of text have blank rows across both only by chance, and then
/// hardly ever with their next lines starting level every time.
fn entry_pieces(
    words: &[Word],
    left: &[usize],
    right: &[usize],
    msize: f32,
) -> Option<Vec<(Vec<usize>, Vec<usize>)>> {
    let mut all: Vec<(bool, usize)> = left
        .iter()
        .map(|&i| (true, i))
        .chain(right.iter().map(|&i| (false, i)))
        .collect();
    all.sort_by(|a, b| words[a.1].top().total_cmp(&words[b.1].top()));
    let mut pieces: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut bottom = f32::MIN;
    for (is_left, i) in all {
        let w = &words[i];
        if pieces.is_empty() || w.top() > bottom + ENTRY_GAP * msize {
            pieces.push((Vec::new(), Vec::new()));
        }
        bottom = bottom.max(w.bottom());
        if let Some(p) = pieces.last_mut() {
            if is_left { p.0.push(i) } else { p.1.push(i) }
        }
    }
    let tol = (0.5 * msize).max(0.5);
    let first = |side: &[usize]| side.iter().map(|&i| words[i].y).fold(f32::MAX, f32::min);
    let lines = |side: &[usize]| {
        let mut ys: Vec<i64> = side
            .iter()
            .map(|&i| (words[i].y / tol).round() as i64)
            .collect();
        ys.sort_unstable();
        ys.dedup();
        ys.len()
    };
    let mut entries = 0;
    for (l, r) in &pieces {
        if l.is_empty() || r.is_empty() {
            continue;
        }
        if (first(l) - first(r)).abs() > tol || lines(l).min(lines(r)) > ENTRY_SHORT {
            return None;
        }
        entries += 1;
    }
    (entries >= 2).then_some(pieces)
}

/// Consecutive bands read together (see [`order`]), with what deciding whether
/// the next band joins needs.
struct Group {
    idx: Vec<usize>,
    /// Free horizontal intervals common to the group's bands.
    free: Intervals,
    /// Distinct rounded baselines, up to three (the tests ask for more than one
    /// or at least three).
    baselines: Vec<i32>,
    /// Leftmost right edge and rightmost left edge of the group's words.
    min_x1: f32,
    max_x0: f32,
}

impl Group {
    fn extend(&mut self, words: &[Word], band: Vec<usize>) {
        for &i in &band {
            let w = &words[i];
            let y = w.y.round() as i32;
            if self.baselines.len() < 3 && !self.baselines.contains(&y) {
                self.baselines.push(y);
            }
            self.min_x1 = self.min_x1.min(w.x1);
            self.max_x0 = self.max_x0.max(w.x0);
        }
        self.idx.extend(band);
    }
}

/// Whether one of `gaps` (free intervals of a band), at least `min_width` wide,
/// has words of `band` on both sides (by their centres) and no baseline on its
/// left within 0.5 pt of a baseline on its right.
///
/// Linear after sorting: with the words in baseline order, a sliding-window
/// maximum gives each word's reach, the rightmost centre among the words whose
/// baseline is within 0.5 pt of its own. A gap at `mid` has a shared baseline
/// across it exactly when `mid` lies in `(centre, reach]` for some word, so the
/// union of those intervals answers every gap by binary search.
fn gap_parts_baselines(
    words: &[Word],
    band: &[usize],
    gaps: &[(f32, f32)],
    min_width: f32,
) -> bool {
    if !gaps.iter().any(|(p, q)| q - p >= min_width) {
        return false;
    }
    let centre = |i: usize| (words[i].x0 + words[i].x1) / 2.0;
    let mut by_y: Vec<(f32, f32)> = band.iter().map(|&i| (words[i].y, centre(i))).collect();
    by_y.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (min_c, max_c) = by_y.iter().fold((f32::MAX, f32::MIN), |(lo, hi), w| {
        (lo.min(w.1), hi.max(w.1))
    });
    // Indices of the window [lo, hi) by falling centre, front the largest.
    let mut window: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    let mut spans: Vec<(f32, f32)> = Vec::new();
    let (mut lo, mut hi) = (0, 0);
    for k in 0..by_y.len() {
        let (y, c) = by_y[k];
        while hi < by_y.len() && by_y[hi].0 <= y + 0.5 {
            while window.back().is_some_and(|&b| by_y[b].1 <= by_y[hi].1) {
                window.pop_back();
            }
            window.push_back(hi);
            hi += 1;
        }
        while by_y[lo].0 < y - 0.5 {
            lo += 1;
        }
        while window.front().is_some_and(|&f| f < lo) {
            window.pop_front();
        }
        if let Some(&f) = window.front()
            && by_y[f].1 > c
        {
            spans.push((c, by_y[f].1));
        }
    }
    // The union of the intervals (start, end], as disjoint sorted intervals.
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match merged.last_mut() {
            Some(m) if a <= m.1 => m.1 = m.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    gaps.iter().any(|&(p, q)| {
        if q - p < min_width {
            return false;
        }
        let mid = (p + q) / 2.0;
        let k = merged.partition_point(|m| m.0 < mid);
        let shared = k > 0 && mid <= merged[k - 1].1;
        min_c < mid && max_c >= mid && !shared
    })
}

/// A block: consecutive lines of one side of a gutter, closely spaced and in
/// one font size (a paragraph, a heading, a table cell).
struct Block {
    top: f32,
    bottom: f32,
    /// Baselines of the first and last line.
    first: f32,
    last: f32,
    size: f32,
    lines: usize,
    idx: Vec<usize>,
}

/// Max distance between the baselines of two lines of one block, relative to
/// the font size (poppler uses the same 1.5).
const BLOCK_LINE_GAP: f32 = 1.5;

/// Groups the words of one side of a gutter into blocks, top to bottom.
fn blocks(words: &[Word], side: &[usize]) -> Vec<Block> {
    let mut idx = side.to_vec();
    idx.sort_by(|&a, &b| words[a].y.total_cmp(&words[b].y));
    // Lines by baseline, as in `leaf_lines`.
    let mut lines: Vec<(f32, f32, Vec<usize>)> = Vec::new();
    for i in idx {
        let w = &words[i];
        match lines.last_mut() {
            Some((y, size, l)) if (w.y - *y).abs() <= 0.5 * size.max(w.size).max(1.0) => {
                l.push(i);
                *size = size.max(w.size);
            }
            _ => lines.push((w.y, w.size, vec![i])),
        }
    }
    let mut out: Vec<Block> = Vec::new();
    for (y, size, l) in lines {
        let top = l.iter().map(|&i| words[i].top()).fold(f32::MAX, f32::min);
        let bottom = l
            .iter()
            .map(|&i| words[i].bottom())
            .fold(f32::MIN, f32::max);
        if let Some(b) = out.last_mut()
            && y - b.last <= BLOCK_LINE_GAP * size.max(b.size)
            && (size - b.size).abs() <= 0.1 * size.max(b.size)
        {
            b.last = y;
            b.bottom = b.bottom.max(bottom);
            b.top = b.top.min(top);
            b.lines += 1;
            b.idx.extend(l);
            continue;
        }
        out.push(Block {
            top,
            bottom,
            first: y,
            last: y,
            size,
            lines: 1,
            idx: l,
        });
    }
    out
}

/// Left and right edges of a block.
fn extent(words: &[Word], b: &Block) -> (f32, f32) {
    b.idx.iter().fold((f32::MAX, f32::MIN), |(lo, hi), &i| {
        (lo.min(words[i].x0), hi.max(words[i].x1))
    })
}

/// Decides whether the two sides of a gutter are the columns of a table (or of
/// entries with a narrow side column: dates, places, scores) rather than columns
/// of text, and if so returns the pieces to read in order, each as (left part,
/// right part).
///
/// Blocks on both sides are paired by vertical overlap into rows. A row with
/// blocks on both sides must hold one block on each side, aligned (first
/// baselines, last baselines or centres within half a font size), one of them
/// short (at most two lines); otherwise these are columns of text, whose
/// paragraphs overlap several blocks on the other side or do not line up. At
/// least two such paired rows are needed, and in at least half of the consecutive
/// pairs of them both columns must line up (left edges, right edges or centres
/// within half the font size, the tolerance of aligned baselines too: design
/// tools place centred dates a few points apart from row to row).
///
/// The order then follows poppler's rules: rows are read top to bottom, a row
/// with a block on one side only separating the rows above from those below.
/// Paired rows that follow each other directly form a run; a run is read row by
/// row when its two columns line up the same way (a real table: labels and
/// values), else left cells first, then right cells (an entry header with the
/// title on the left and place and dates flush right).
fn table_rows(
    words: &[Word],
    left: &[usize],
    right: &[usize],
) -> Option<Vec<(Vec<usize>, Vec<usize>)>> {
    let mut all: Vec<(bool, Block)> = blocks(words, left)
        .into_iter()
        .map(|b| (true, b))
        .chain(blocks(words, right).into_iter().map(|b| (false, b)))
        .collect();
    all.sort_by(|a, b| a.1.top.total_cmp(&b.1.top));
    // Rows: runs of vertically overlapping blocks.
    let mut rows: Vec<(f32, Vec<(bool, Block)>)> = Vec::new();
    for (is_left, b) in all {
        match rows.last_mut() {
            Some((bottom, row)) if b.top < *bottom - 0.1 * b.size => {
                *bottom = bottom.max(b.bottom);
                row.push((is_left, b));
            }
            _ => rows.push((b.bottom, vec![(is_left, b)])),
        }
    }
    // Each row: (left block, right block) when paired.
    let mut pairs: Vec<Option<(&Block, &Block)>> = Vec::with_capacity(rows.len());
    for (_, row) in &rows {
        let mut l = row.iter().filter(|b| b.0).map(|b| &b.1);
        let mut r = row.iter().filter(|b| !b.0).map(|b| &b.1);
        let (a, b) = match (l.next(), r.next()) {
            (Some(a), Some(b)) => (a, b),
            _ => {
                pairs.push(None);
                continue;
            }
        };
        if l.next().is_some() || r.next().is_some() {
            return None;
        }
        let tol = 0.5 * a.size.min(b.size);
        let aligned = (a.first - b.first).abs() <= tol
            || (a.last - b.last).abs() <= tol
            || ((a.top + a.bottom) - (b.top + b.bottom)).abs() / 2.0 <= tol;
        if !aligned || a.lines.min(b.lines) > 2 {
            return None;
        }
        pairs.push(Some((a, b)));
    }
    // How two paired rows line up: each column on its own (`any`), and both
    // columns the same way (`same`).
    let line_up = |p: (&Block, &Block), q: (&Block, &Block)| {
        let tol = 0.5 * p.0.size.min(p.1.size).min(q.0.size).min(q.1.size);
        let ways = |a: &Block, b: &Block| {
            let (x, y) = (extent(words, a), extent(words, b));
            [
                (x.0 - y.0).abs() <= tol,
                (x.1 - y.1).abs() <= tol,
                ((x.0 + x.1) - (y.0 + y.1)).abs() / 2.0 <= tol,
            ]
        };
        let (l, r) = (ways(p.0, q.0), ways(p.1, q.1));
        let any = l.contains(&true) && r.contains(&true);
        let same = (0..3).any(|k| l[k] && r[k]);
        (any, same)
    };
    let paired: Vec<(&Block, &Block)> = pairs.iter().flatten().copied().collect();
    let aligned = paired.windows(2).filter(|p| line_up(p[0], p[1]).0).count();
    if paired.len() < 2 || aligned == 0 || aligned * 2 < paired.len() - 1 {
        return None;
    }
    let mut out = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        // A run of directly consecutive paired rows, k..end.
        let mut end = k + 1;
        if pairs[k].is_some() {
            while end < rows.len() && pairs[end].is_some() {
                end += 1;
            }
        }
        let run: Vec<(&Block, &Block)> = pairs[k..end].iter().flatten().copied().collect();
        let same = run.windows(2).filter(|p| line_up(p[0], p[1]).1).count();
        let by_rows = run.len() < 2 || same * 2 >= run.len() - 1;
        let mut piece = (Vec::new(), Vec::new());
        for (_, row) in &rows[k..end] {
            for (is_left, b) in row {
                let side = if *is_left { &mut piece.0 } else { &mut piece.1 };
                side.extend_from_slice(&b.idx);
            }
            if by_rows {
                out.push(std::mem::take(&mut piece));
            }
        }
        if !by_rows {
            out.push(piece);
        }
        k = end;
    }
    Some(out)
}

/// Builds lines from a leaf: words grouped by baseline, sorted by x.
fn leaf_lines(words: &[Word], mut idx: Vec<usize>, page: usize, out: &mut Vec<Built>) {
    idx.sort_by(|&a, &b| words[a].y.total_cmp(&words[b].y));
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut line_y = f32::MIN;
    let mut line_size = 0.0f32;
    let mut line_bottom = f32::MIN;
    for i in idx {
        let w = &words[i];
        let tol = 0.5 * line_size.max(w.size).max(1.0);
        // Small text under a large line (a subtitle under a name) is its own
        // line even when its baseline is within half the large size: it starts
        // (nearly) below the line's descenders.
        if lines.is_empty()
            || (w.y - line_y).abs() > tol
            || w.top() >= line_bottom - 0.1 * line_size
        {
            lines.push(vec![i]);
            line_y = w.y;
            line_size = w.size;
            line_bottom = w.bottom();
        } else if let Some(l) = lines.last_mut() {
            l.push(i);
            line_size = line_size.max(w.size);
            line_bottom = line_bottom.max(w.bottom());
        }
    }
    for mut l in lines {
        l.sort_by(|&a, &b| words[a].x0.total_cmp(&words[b].x0));
        let mut second_x = None;
        let mut text = String::new();
        let mut prev_x1 = f32::MIN;
        let mut prev_space = false;
        // (font size in tenths of a point, characters) of each word.
        let mut sizes: Vec<(i32, usize)> = Vec::with_capacity(l.len());
        let (mut bold, mut chars) = (0usize, 0usize);
        for &i in &l {
            let w = &words[i];
            if !text.is_empty() {
                // Words split only by drawing order but touching: glue them.
                let gap = w.x0 - prev_x1;
                if prev_space || gap.abs() > 0.05 * w.size {
                    text.push(' ');
                    if second_x.is_none() {
                        second_x = Some(w.x0);
                    }
                }
            }
            text.push_str(&w.text);
            prev_x1 = w.x1;
            prev_space = w.space_after;
            sizes.push(((w.size * 10.0).round() as i32, w.chars));
            bold += w.bold_chars;
            chars += w.chars;
        }
        // The size with the most characters (the larger on a tie).
        sizes.sort_unstable_by_key(|&(s, _)| s);
        let size = sizes
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| (run.iter().map(|&(_, n)| n).sum::<usize>(), run[0].0))
            .max()
            .map_or(0.0, |(_, s)| s as f32 / 10.0);
        let first = &words[l[0]];
        out.push(Built {
            line: Line {
                text,
                page,
                x: first.x0,
                y: l.iter().map(|&i| words[i].y).fold(first.y, f32::max),
                font_size: size,
                bold: bold * 2 > chars,
            },
            x0: first.x0,
            x1: prev_x1,
            second_x,
        });
    }
}

/// Joins words hyphenated across lines: when a line ends in a hyphen right after
/// a lower-case letter ("infor-") and the next line of the same block starts with
/// a lower-case letter ("mation ..."), the first word of the next line moves up
/// and the hyphen goes ("information"). Hyphens inside a line ("data-driven"),
/// after a space (a dash) or before a capital or digit are kept. pdftotext joins
/// every line that ends in a hyphen.
fn dehyphenate(lines: &mut Vec<Built>) {
    // Lines whose only word moved up, taken out at the end in one pass.
    let mut emptied = vec![false; lines.len()];
    let mut k = 0;
    while k + 1 < lines.len() {
        let (a, b) = (&lines[k], &lines[k + 1]);
        let mut tail = a.line.text.chars().rev();
        let hyphen = matches!(tail.next(), Some('-' | '\u{2010}'))
            && tail.next().is_some_and(char::is_lowercase);
        // The next line of the same block: just below, starting within the
        // line's horizontal extent.
        let size = a.line.font_size.max(b.line.font_size).max(1.0);
        let joins = hyphen
            && b.line.text.chars().next().is_some_and(char::is_lowercase)
            && b.line.y > a.line.y
            && b.line.y - a.line.y <= 2.0 * size
            && b.x0 >= a.x0 - 2.0 * size
            && b.x0 < a.x1;
        if !joins {
            k += 1;
            continue;
        }
        let next = std::mem::take(&mut lines[k + 1].line.text);
        let (head, rest) = next.split_once(' ').unwrap_or((next.as_str(), ""));
        let a = &mut lines[k].line;
        a.text.pop();
        a.text.push_str(head);
        if rest.is_empty() {
            // Never read again: the next step starts from this line, which
            // ends in no hyphen.
            emptied[k + 1] = true;
        } else {
            let b = &mut lines[k + 1];
            b.line.text = rest.to_string();
            if let Some(x) = b.second_x.take() {
                b.line.x = x;
            }
        }
        k += 1;
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !emptied[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f32, width: f32, y: f32, size: f32) -> Glyph {
        Glyph {
            text: text.into(),
            x0,
            x1: x0 + width,
            y,
            size,
            bold: false,
            spacing: 0.0,
        }
    }

    /// Glyphs for `text` at 10 pt, each 5 pt wide and `gap` apart; a space
    /// advances by a further `space` and is drawn as a glyph when `draw_space`.
    fn spaced(text: &str, y: f32, gap: f32, space: f32, draw_space: bool) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = 72.0;
        for c in text.chars() {
            if c == ' ' {
                if draw_space {
                    out.push(glyph(" ", x, space, y, 10.0));
                }
                x += space;
                continue;
            }
            out.push(glyph(&c.to_string(), x, 5.0, y, 10.0));
            x += 5.0 + gap;
        }
        out
    }

    fn texts(glyphs: Vec<Glyph>) -> Vec<String> {
        page_lines(glyphs, 1, 612.0)
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    const BOMB: usize = 200_000;

    #[test]
    fn dedupe_keeps_one_of_many_glyphs_at_one_place_in_linear_work() {
        let glyphs: Vec<Glyph> = (0..BOMB)
            .map(|_| glyph("a", 72.0, 5.56, 100.0, 10.0))
            .collect();
        let mut work = 0;
        let kept = dedupe_counting(glyphs, &mut work);
        assert_eq!(kept.len(), 1);
        assert!(work <= BOMB, "{work} comparisons");
        assert_eq!(texts(kept), ["a"]);
    }

    #[test]
    fn dedupe_keeps_one_of_many_glyphs_at_nearby_places_in_linear_work() {
        // Left edges within ±0.4 pt and baselines within ±0.3 pt of one place (the
        // tolerance is a tenth of the size, 1 pt), drawn in a scattered order.
        let glyphs: Vec<Glyph> = (0..BOMB)
            .map(|k| {
                let dx = ((k * 7919) % 801) as f32 / 1000.0 - 0.4;
                let dy = ((k * 104_729) % 601) as f32 / 1000.0 - 0.3;
                glyph("a", 72.0 + dx, 5.56, 100.0 + dy, 10.0)
            })
            .collect();
        let mut work = 0;
        let kept = dedupe_counting(glyphs, &mut work);
        assert_eq!(kept.len(), 1);
        assert!(work <= 40 * BOMB, "{work} comparisons");
    }

    #[test]
    fn dedupe_of_a_line_of_many_identical_glyphs_is_linear() {
        // The layout bomb: one stream of `(a) Tj`, every glyph one advance
        // further along the same line. Nothing is a duplicate; each glyph used
        // to be compared with every earlier one.
        let glyphs: Vec<Glyph> = (0..BOMB)
            .map(|k| glyph("a", 72.0 + 5.56 * k as f32, 5.56, 100.0, 10.0))
            .collect();
        let mut work = 0;
        let kept = dedupe_counting(glyphs, &mut work);
        assert_eq!(kept.len(), BOMB);
        assert!(work <= 40 * BOMB, "{work} comparisons");
        let lines = page_lines(kept, 1, 612.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text.len(), BOMB);
    }

    #[test]
    fn dedupe_matches_across_a_size_class_boundary() {
        // 0.6 × 13.33 pt is 8 pt, a class boundary: the two glyphs fall in
        // neighbouring classes and still meet, whichever comes first.
        for (a, b) in [(13.3, 13.4), (13.4, 13.3)] {
            let kept = dedupe(vec![
                glyph("W", 72.0, 12.0, 100.0, a),
                glyph("W", 72.5, 12.0, 100.0, b),
            ]);
            assert_eq!(kept.len(), 1, "{a} then {b}");
        }
        // Different text, or further apart than the tolerance: both kept.
        assert_eq!(
            dedupe(vec![
                glyph("W", 72.0, 12.0, 100.0, 13.0),
                glyph("V", 72.0, 12.0, 100.0, 13.0)
            ])
            .len(),
            2
        );
        assert_eq!(
            dedupe(vec![
                glyph("i", 72.0, 3.0, 100.0, 10.0),
                glyph("i", 74.0, 3.0, 100.0, 10.0)
            ])
            .len(),
            2
        );
    }

    #[test]
    fn dedupe_survives_extreme_coordinates_and_sizes() {
        let mut glyphs = Vec::new();
        for (x, y, size) in [
            (1e30, 1e30, 10.0),
            (-1e30, -1e30, 10.0),
            (72.0, 100.0, 1e-30),
            (72.0, 100.0, 1e30),
            (3e38, 100.0, 3e38),
        ] {
            glyphs.push(glyph("a", x, 5.0, y, size));
            glyphs.push(glyph("a", x, 5.0, y, size));
        }
        // Each pair is found a duplicate, or at worst kept whole; never a panic.
        let kept = dedupe(glyphs);
        assert!((5..=10).contains(&kept.len()), "{}", kept.len());
        assert!(!page_lines(kept, 1, 612.0).is_empty());
    }

    /// Whether two sorted lists hold values within `tol` of each other.
    fn any_close(a: &[f32], b: &[f32], tol: f32) -> bool {
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            if (a[i] - b[j]).abs() <= tol {
                return true;
            }
            if a[i] < b[j] {
                i += 1;
            } else {
                j += 1;
            }
        }
        false
    }

    /// [`gap_parts_baselines`] done the slow way: each gap against every word.
    fn gap_parts_baselines_slow(
        words: &[Word],
        band: &[usize],
        gaps: &[(f32, f32)],
        min_width: f32,
    ) -> bool {
        gaps.iter().any(|&(p, q)| {
            if q - p < min_width {
                return false;
            }
            let mid = (p + q) / 2.0;
            let (mut l, mut r): (Vec<f32>, Vec<f32>) = (Vec::new(), Vec::new());
            for &i in band {
                let w = &words[i];
                if (w.x0 + w.x1) / 2.0 < mid {
                    &mut l
                } else {
                    &mut r
                }
                .push(w.y);
            }
            l.sort_by(f32::total_cmp);
            r.sort_by(f32::total_cmp);
            !l.is_empty() && !r.is_empty() && !any_close(&l, &r, 0.5)
        })
    }

    fn word(x0: f32, x1: f32, y: f32) -> Word {
        Word {
            text: "w".into(),
            x0,
            x1,
            y,
            size: 10.0,
            bold_chars: 0,
            chars: 1,
            space_after: false,
        }
    }

    #[test]
    fn gap_parts_baselines_agrees_with_the_slow_way() {
        let mut seed = 12345u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let mut differ = 0;
        let mut parted = 0;
        for _ in 0..3000 {
            let n = 1 + next(8) as usize;
            let words: Vec<Word> = (0..n)
                .map(|_| {
                    let x0 = next(400) as f32;
                    word(x0, x0 + 1.0 + next(60) as f32, 100.0 + next(8) as f32 * 0.3)
                })
                .collect();
            let band: Vec<usize> = (0..n).collect();
            let gaps: Vec<(f32, f32)> = (0..1 + next(4))
                .map(|_| {
                    let p = next(450) as f32;
                    (p, p + next(30) as f32)
                })
                .collect();
            let fast = gap_parts_baselines(&words, &band, &gaps, 4.5);
            parted += usize::from(fast);
            differ += usize::from(fast != gap_parts_baselines_slow(&words, &band, &gaps, 4.5));
        }
        assert_eq!(differ, 0);
        assert!(parted > 100, "{parted}");
    }

    #[test]
    fn many_lines_in_two_columns_are_read_column_by_column() {
        // Every line a band that joins the column group: the group's baselines
        // and extent are kept as it grows, not recounted for each band.
        let rows = 20_000;
        let mut glyphs = Vec::new();
        for k in 0..rows {
            let y = 100.0 + 14.0 * k as f32;
            glyphs.push(glyph("L", 50.0, 6.0, y, 10.0));
            glyphs.push(glyph("R", 320.0, 6.0, y, 10.0));
        }
        let t = texts(glyphs);
        assert_eq!(t.len(), 2 * rows);
        assert!(t[..rows].iter().all(|l| l == "L"));
        assert!(t[rows..].iter().all(|l| l == "R"));
    }

    fn built(text: &str, x0: f32, x1: f32, y: f32) -> Built {
        Built {
            line: Line {
                text: text.into(),
                page: 1,
                x: x0,
                y,
                font_size: 10.0,
                bold: false,
            },
            x0,
            x1,
            second_x: None,
        }
    }

    #[test]
    fn many_marks_go_back_on_their_items_in_one_pass() {
        let n = 100_000;
        let mut lines = Vec::new();
        for k in 0..n {
            let y = 100.0 + 14.0 * k as f32;
            lines.push(built("\u{2022}", 50.0, 54.0, y));
            lines.push(built("item", 62.0, 90.0, y));
        }
        attach_marks(&mut lines);
        assert_eq!(lines.len(), n);
        assert!(
            lines
                .iter()
                .all(|l| l.line.text == "\u{2022} item" && l.line.x == 50.0)
        );
    }

    #[test]
    fn drawn_soft_hyphens_are_hyphens_and_invisible_marks_go() {
        let mut out = String::new();
        assert!(normalise("Sep. 2023 \u{ad} Mar.", &mut out));
        assert_eq!(out, "Sep.");
        out.clear();
        assert!(normalise("\u{ad}", &mut out));
        assert_eq!(out, "-");
        out.clear();
        assert!(normalise("co\u{200b}\u{ad}op\u{fb01}", &mut out));
        assert_eq!(out, "co-opfi");
        out.clear();
        assert!(!normalise("\u{200b}", &mut out));
    }

    #[test]
    fn many_hyphenated_lines_are_joined_in_one_pass() {
        let n = 100_000;
        let mut lines = Vec::new();
        for k in 0..n {
            let y = 100.0 + 28.0 * k as f32;
            lines.push(built("infor-", 50.0, 80.0, y));
            lines.push(built("mation", 50.0, 80.0, y + 12.0));
        }
        dehyphenate(&mut lines);
        assert_eq!(lines.len(), n);
        assert!(lines.iter().all(|l| l.line.text == "information"));
    }

    #[test]
    fn a_line_of_many_font_sizes_takes_the_commonest() {
        let n = 100_000;
        let mut words: Vec<Word> = (0..n)
            .map(|k| Word {
                size: 10.0 + k as f32 * 0.1,
                ..word(10.0 * k as f32, 10.0 * k as f32 + 5.0, 100.0)
            })
            .collect();
        // Three words in 9 pt outweigh every other size's one.
        for w in &mut words[..3] {
            w.size = 9.0;
        }
        let mut out = Vec::new();
        leaf_lines(&words, (0..n).collect(), 1, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].line.font_size, 9.0);
    }

    #[test]
    fn letter_spaced_runs_read_as_words() {
        // Letters 2 pt apart (a fifth of the size), words a 2.8 pt space further.
        for draw_space in [false, true] {
            let t = texts(spaced("Student at University", 100.0, 2.0, 2.8, draw_space));
            assert_eq!(t, ["Student at University"], "spaces drawn: {draw_space}");
        }
        // Wide tracking (half an em), uneven by ±0.5 pt.
        let mut g = spaced("DATA SCIENCE", 100.0, 5.0, 2.8, false);
        for (k, g) in g.iter_mut().enumerate() {
            let d = if k % 2 == 0 { 0.5 } else { -0.5 };
            g.x0 += d;
            g.x1 += d;
        }
        assert_eq!(texts(g), ["DATA SCIENCE"]);
        // A letter-spaced label followed by ordinary words on its line.
        let mut g = spaced("PHONE", 100.0, 2.0, 2.8, false);
        g.push(glyph("+44", 120.0 + 35.0, 15.0, 100.0, 10.0));
        g.push(glyph("7700", 155.0 + 15.0 + 2.8, 20.0, 100.0, 10.0));
        assert_eq!(texts(g), ["PHONE +44 7700"]);
    }

    #[test]
    fn ordinary_words_and_spread_characters_are_not_joined() {
        // Single-letter words among others, glyphs touching, 2.8 pt spaces.
        let t = texts(spaced("I am a UX designer", 100.0, 0.0, 2.8, false));
        assert_eq!(t, ["I am a UX designer"]);
        // Single characters an em and more apart: cells of a table.
        let g = vec![
            glyph("1", 100.0, 5.0, 100.0, 10.0),
            glyph("2", 115.0, 5.0, 100.0, 10.0),
            glyph("3", 130.0, 5.0, 100.0, 10.0),
        ];
        assert_eq!(texts(g), ["1 2 3"]);
        // Two single letters around a word: too few gaps between letters.
        let g = vec![
            glyph("C", 100.0, 5.0, 100.0, 10.0),
            glyph("C++", 107.8, 15.0, 100.0, 10.0),
            glyph("R", 125.6, 5.0, 100.0, 10.0),
        ];
        assert_eq!(texts(g), ["C C++ R"]);
        // Single characters spaced like the words around them (xeCJK dates):
        // words, not letters.
        let mut x = 100.0;
        let mut g = Vec::new();
        for (t, w) in [
            ("2015", 23.4),
            ("年", 12.0),
            ("3", 5.9),
            ("月", 12.0),
            ("–", 5.9),
        ] {
            g.push(glyph(t, x, w, 100.0, 12.0));
            x += w + 3.9;
        }
        assert_eq!(texts(g), ["2015 年 3 月 –"]);
    }

    #[test]
    fn spacing_accents_compose_with_the_letter_they_sit_on() {
        // TeX's order: the acute kerned over the "o" drawn after it.
        let mut g = spaced("Educaci", 100.0, 0.0, 2.8, false);
        let x = g.last().unwrap().x1;
        g.push(glyph("\u{b4}", x + 1.0, 3.0, 100.0, 10.0));
        g.push(glyph("o", x, 5.0, 100.0, 10.0));
        g.push(glyph("n", x + 5.0, 5.0, 100.0, 10.0));
        assert_eq!(texts(g), ["Educación"]);
        // Accent drawn after its letter, raised over a capital; a cedilla under.
        let g = vec![
            glyph("E", 100.0, 6.0, 100.0, 10.0),
            glyph("\u{b4}", 101.5, 3.0, 97.5, 10.0),
            glyph("c", 106.0, 5.0, 100.0, 10.0),
            glyph("\u{b8}", 107.0, 3.0, 100.0, 10.0),
            glyph("a", 111.0, 5.0, 100.0, 10.0),
        ];
        assert_eq!(texts(g), ["Éça"]);
        // Dotless i under an acute is an í; two accents on one letter.
        let g = vec![
            glyph("\u{b4}", 100.5, 3.0, 100.0, 10.0),
            glyph("\u{131}", 100.0, 4.0, 100.0, 10.0),
            glyph("\u{af}", 105.0, 3.0, 100.0, 10.0),
            glyph("a", 104.0, 5.0, 100.0, 10.0),
            glyph("\u{2d8}", 105.0, 3.0, 100.0, 10.0),
        ];
        let t = texts(g);
        assert_eq!(t, ["í\u{101}\u{306}"]);
    }

    #[test]
    fn spacing_accents_beside_letters_stay() {
        // An acute typed as an apostrophe, and a tilde before a word.
        let mut g = spaced("don", 100.0, 0.0, 2.8, false);
        g.push(glyph("\u{b4}", 87.0, 3.0, 100.0, 10.0));
        g.push(glyph("t", 90.0, 5.0, 100.0, 10.0));
        g.push(glyph("~", 98.0, 5.0, 100.0, 10.0));
        g.push(glyph("u", 103.0, 5.0, 100.0, 10.0));
        assert_eq!(texts(g), ["don\u{b4}t ~u"]);
    }
}
