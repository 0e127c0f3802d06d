//! Skills and job-title taxonomies: canonical names, aliases and categories.
//!
//! The built-in data lives in `skills.toml` (skills) and `titles.toml` (job titles
//! mapped to occupations), compiled into the binary. Aliases are matched on the
//! shared [`Analyzer`](super::Analyzer)'s terms, so "Machine-learning models" finds
//! *machine learning* and plurals need not be listed. The longest alias wins
//! ("ms sql server" beats "sql"), and a match never crosses a comma, semicolon,
//! colon, bullet or line break.
//!
//! Short or ambiguous forms (`R`, `C`, `Go`, `SAS`, `ML`, `CT`...) are listed as
//! `exact` forms: matched case-sensitively on the surface text, as whole words (a
//! hyphen joins words, so `Go-live` is not Go), and accepted only in a list-like
//! context: next to a list separator on a line that names at least one other skill
//! ("Python, R, SQL"). Unambiguous exact forms (`C#`, `A&E`, `AWS`, `PACS`) are
//! accepted anywhere. [`Taxonomy::find_in_list`] treats its input as a list item, for
//! a role's own skills list.
//!
//! Imported taxonomies (ESCO, O\*NET: see [`import`](super::import)) extend a
//! taxonomy through [`Taxonomy::extend_with`], which keeps the built-in entries in
//! charge of what they already match; [`crate::knowledge::Knowledge`] holds the
//! result and is passed to whatever needs it.

use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::analyzer;

/// One canonical entry: a skill or an occupation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The canonical name.
    pub name: String,
    #[serde(default)]
    /// Its category.
    pub category: String,
    #[serde(default)]
    /// Other names, matched on analysed terms.
    pub aliases: Vec<String>,
    #[serde(default)]
    /// Forms matched case-sensitively only (short or ambiguous: `R`, `Go`).
    pub exact: Vec<String>,
}

/// A taxonomy entry found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'t> {
    /// Index of the entry in its taxonomy.
    pub id: usize,
    /// The canonical name.
    pub name: &'t str,
    /// The entry's category (`"occupation"` for job titles).
    pub category: &'t str,
    /// Byte offset of the match in the searched text.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ExactForm {
    form: String,
    id: usize,
    needs_context: bool,
}

/// A set of entries with an alias matcher.
///
/// It serialises (with serde) to a prepared image ([`crate::knowledge`]'s
/// image cache); an image read back must pass [`Taxonomy::is_consistent`]
/// before use.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Taxonomy {
    entries: Vec<Entry>,
    /// Analysed alias (terms joined by spaces) → entry.
    phrases: FxHashMap<String, usize>,
    /// One-word phrases → the lengths (in characters) of the words they were
    /// written as. A one-word alias matches a word of about that length only:
    /// the stemmer makes "commercialisation" and "commercial" one term, but the
    /// first is no evidence of the second.
    word_lengths: FxHashMap<String, Vec<usize>>,
    /// Every form's words as written (lowercased, joined by spaces). Where two
    /// phrases overlap and cover as many words, the one written as in the text
    /// wins over one that matches only after stemming ("managing information
    /// governance" is information governance, not the alias "management
    /// information").
    literal: FxHashSet<String>,
    max_len: usize,
    exact: Vec<ExactForm>,
    /// First raw token of each exact form → indexes into `exact`, so a text is
    /// scanned once rather than once per form.
    exact_by_first: FxHashMap<String, Vec<usize>>,
    /// Entry → the broader entries it implies, transitively ("PyTorch" → "Deep
    /// Learning" → "Machine Learning").
    broader: FxHashMap<usize, Vec<usize>>,
    /// Occupation entry → the skill names its title shows (`[[implies]]`).
    implies: FxHashMap<usize, Vec<String>>,
}

/// An `[[implies]]` table: skills an occupation's title shows.
#[derive(Debug, Clone, Deserialize)]
struct Implies {
    occupation: String,
    skills: Vec<String>,
}

/// A `[[broader]]` table: a skill and the more specific skills that show it.
#[derive(Debug, Clone, Deserialize)]
struct Broader {
    name: String,
    narrower: Vec<String>,
}

/// Exact forms that are everyday words or initials and so need a list context even
/// though they are longer than two letters.
const AMBIGUOUS: &[&str] = &[
    "Apex",
    "Bootstrap",
    "Cucumber",
    "Dart",
    "Elixir",
    "Epic",
    "Go",
    "Groovy",
    "Helm",
    "Hive",
    "Ionic",
    "Jest",
    "Julia",
    "Lean",
    "Lorenzo",
    "Lua",
    "Mocha",
    "Notion",
    "Oracle",
    "Outlook",
    "Pig",
    "Polish",
    "Prophet",
    "Puppet",
    "Rails",
    "Rasa",
    "React",
    "Ruby",
    "Rust",
    "SAS",
    "SEND",
    "SALT",
    "Shiny",
    "Slack",
    "Spark",
    "Stan",
    "Swift",
    "Unity",
    "Windows",
    "Zoom",
    "Angular",
    "Flask",
    "Flutter",
    "LIME",
    "RAID",
    "BEAST",
    "BLAST",
    "SLAM",
    "PET",
    "Jenkins",
    "Cypress",
    "Playwright",
    "Prophet",
    "Marketing",
    "Electronics",
];

/// How many characters a word may differ in length from the one-word alias it
/// matches after stemming (see [`Taxonomy::word_fits`]).
const WORD_LENGTH_SLACK: usize = 3;

impl Taxonomy {
    /// Builds a taxonomy from entries. Later aliases that collide with earlier ones
    /// (after analysis) are ignored.
    pub fn new(entries: Vec<Entry>) -> Taxonomy {
        let mut t = Taxonomy::default();
        for e in entries {
            t.add(e);
        }
        t
    }

    /// Adds one entry (or merges its aliases into an existing entry of the same
    /// name, compared case-insensitively). Returns the entry's index.
    pub fn add(&mut self, entry: Entry) -> usize {
        let existing = self
            .entries
            .iter()
            .position(|e| e.name.eq_ignore_ascii_case(&entry.name));
        let id = existing.unwrap_or(self.entries.len());
        let name_is_exact = entry.exact.iter().any(|x| x == &entry.name);
        let mut forms: Vec<&str> = Vec::new();
        if !name_is_exact {
            forms.push(&entry.name);
        }
        // An alias that is also one of the entry's exact forms ("emr" / "EMR") is
        // left to the exact form: as an alias it would match any case and, after
        // stemming, other words too ("Emre" stems to "emr").
        forms.extend(
            entry
                .aliases
                .iter()
                .filter(|a| !entry.exact.iter().any(|x| x.eq_ignore_ascii_case(a)))
                .map(String::as_str),
        );
        for form in forms {
            let tokens = analyzer().tokens(form);
            let terms: Vec<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
            if terms.is_empty() || edge_stop_word(form) {
                // An alias that starts or ends with a stop word ("or tools") would
                // match on its other words alone.
                continue;
            }
            self.max_len = self.max_len.max(terms.len());
            self.literal.insert(surface(form, &tokens));
            let key = terms.join(" ");
            if let [w] = tokens.as_slice()
                && self.phrases.get(&key).is_none_or(|&e| e == id)
            {
                let n = form[w.start..w.end].chars().count();
                let lengths = self.word_lengths.entry(key.clone()).or_default();
                if !lengths.contains(&n) {
                    lengths.push(n);
                }
            }
            self.phrases.entry(key).or_insert(id);
        }
        for form in &entry.exact {
            if form.is_empty() || self.exact.iter().any(|x| &x.form == form) {
                continue;
            }
            let alpha = form.chars().all(char::is_alphabetic);
            let needs_context =
                alpha && (form.chars().count() <= 2 || AMBIGUOUS.contains(&&**form));
            if let Some(first) = super::raw_tokens(form).first() {
                self.exact_by_first
                    .entry(first.text.to_string())
                    .or_default()
                    .push(self.exact.len());
            }
            self.exact.push(ExactForm {
                form: form.clone(),
                id,
                needs_context,
            });
        }
        match existing {
            Some(i) => {
                let e = &mut self.entries[i];
                e.aliases.extend(entry.aliases);
                e.exact.extend(entry.exact);
            }
            None => self.entries.push(entry),
        }
        id
    }

    /// Parses a taxonomy file in the built-in format (`[[skill]]` or
    /// `[[occupation]]` tables).
    pub fn from_toml(text: &str) -> Result<Taxonomy, toml::de::Error> {
        #[derive(Deserialize)]
        struct File {
            #[serde(default)]
            skill: Vec<Entry>,
            #[serde(default)]
            occupation: Vec<Entry>,
            #[serde(default)]
            broader: Vec<Broader>,
            #[serde(default)]
            implies: Vec<Implies>,
        }
        let f: File = toml::from_str(text)?;
        let mut entries = f.skill;
        entries.extend(f.occupation.into_iter().map(|mut e| {
            if e.category.is_empty() {
                e.category = "occupation".into();
            }
            e
        }));
        let mut t = Taxonomy::new(entries);
        t.set_broader(&f.broader);
        for i in f.implies {
            if let Some(id) = t.lookup(&i.occupation) {
                t.implies.entry(id).or_default().extend(i.skills);
            }
        }
        Ok(t)
    }

    /// Records which entries imply which broader ones, closing the relation
    /// transitively. Names that are not entries are ignored (the built-in file is
    /// checked by a unit test).
    fn set_broader(&mut self, tables: &[Broader]) {
        let mut direct: HashMap<usize, Vec<usize>> = HashMap::new();
        for b in tables {
            let Some(up) = self.lookup(&b.name) else {
                continue;
            };
            for n in &b.narrower {
                if let Some(down) = self.lookup(n)
                    && down != up
                {
                    direct.entry(down).or_default().push(up);
                }
            }
        }
        for (&down, ups) in &direct {
            let mut all: Vec<usize> = Vec::new();
            let mut todo = ups.clone();
            while let Some(u) = todo.pop() {
                if u == down || all.contains(&u) {
                    continue;
                }
                all.push(u);
                if let Some(more) = direct.get(&u) {
                    todo.extend(more);
                }
            }
            self.broader.insert(down, all);
        }
    }

    /// The names of the broader entries that the entry called `name` implies,
    /// transitively: "PyTorch" gives "Deep Learning" and "Machine Learning".
    pub fn broader_of(&self, name: &str) -> Vec<&str> {
        self.lookup(name)
            .and_then(|i| self.broader.get(&i))
            .map(|v| v.iter().map(|&u| self.entries[u].name.as_str()).collect())
            .unwrap_or_default()
    }

    /// The skill names an occupation's title shows (`[[implies]]` tables).
    pub fn implied_by(&self, occupation: &str) -> &[String] {
        self.lookup(occupation)
            .and_then(|i| self.implies.get(&i))
            .map_or(&[], Vec::as_slice)
    }

    /// Names in `[[broader]]` tables of `text` that are not entries of `text`.
    pub fn unknown_broader_names(text: &str) -> Result<Vec<String>, toml::de::Error> {
        #[derive(Deserialize)]
        struct File {
            #[serde(default)]
            broader: Vec<Broader>,
        }
        let t = Taxonomy::from_toml(text)?;
        let f: File = toml::from_str(text)?;
        Ok(f.broader
            .iter()
            .flat_map(|b| std::iter::once(&b.name).chain(&b.narrower))
            .filter(|n| t.lookup(n).is_none())
            .cloned()
            .collect())
    }

    /// Adds imported entries without changing what the existing entries match:
    ///
    /// - an imported alias or exact form in which this taxonomy already finds an
    ///   entry is dropped ("IBM SPSS Statistics" when `SPSS` is known: longest-match
    ///   would otherwise turn every SPSS into the imported entry), and so is one
    ///   that equals an existing exact form ignoring case (an imported "swift"
    ///   would bypass the list-context rule of the exact form `Swift`);
    /// - an imported entry whose name is dropped that way is skipped whole, unless
    ///   an existing entry has the same name, in which case its remaining aliases
    ///   are added to that entry.
    ///
    /// Returns the number of new entries.
    pub fn extend_with(&mut self, entries: Vec<Entry>) -> usize {
        let before = self.entries.len();
        let base = self.clone();
        let taken_exact: std::collections::HashSet<String> =
            base.exact.iter().map(|x| x.form.to_lowercase()).collect();
        let keep = |form: &str| {
            !form.trim().is_empty()
                && !taken_exact.contains(&form.to_lowercase())
                && base.find_in_list(form).is_empty()
        };
        for mut e in entries {
            let existing = base.lookup(&e.name);
            if existing.is_none() && !keep(&e.name) {
                continue;
            }
            e.aliases.retain(|a| keep(a));
            e.exact.retain(|x| keep(x));
            if existing.is_some() && e.aliases.is_empty() && e.exact.is_empty() {
                continue;
            }
            self.add(e);
        }
        self.entries.len() - before
    }

    /// The entries, indexed by [`Hit::id`].
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the taxonomy has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry whose canonical name is `name` (case-insensitive).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// Finds entries in free text, longest match first, non-overlapping, in text
    /// order. Ambiguous exact forms need a list-like context.
    pub fn find(&self, text: &str) -> Vec<Hit<'_>> {
        self.find_impl(text, false)
    }

    /// Like [`find`](Self::find), but `text` is known to be a list item (a role's
    /// skills entry), so ambiguous forms such as `R` are accepted.
    pub fn find_in_list(&self, text: &str) -> Vec<Hit<'_>> {
        self.find_impl(text, true)
    }

    /// Entries whose aliases match a sequence of analysed terms in which each
    /// position may hold several alternatives (see
    /// [`Analyzer::activity_terms`](super::Analyzer::activity_terms)). Longest
    /// match first; exact forms do not apply. Returns entry names.
    pub fn find_term_lattice(&self, lattice: &[Vec<String>]) -> Vec<&str> {
        const MAX_PATHS: usize = 64;
        let mut out: Vec<&str> = Vec::new();
        let mut i = 0;
        while i < lattice.len() {
            let mut best: Option<(usize, usize)> = None;
            let mut keys: Vec<String> = vec![String::new()];
            for (j, alts) in lattice
                .iter()
                .enumerate()
                .take(lattice.len().min(i + self.max_len))
                .skip(i)
            {
                let mut next: Vec<String> = Vec::new();
                for k in &keys {
                    for alt in alts {
                        if next.len() >= MAX_PATHS {
                            break;
                        }
                        next.push(if k.is_empty() {
                            alt.clone()
                        } else {
                            format!("{k} {alt}")
                        });
                    }
                }
                keys = next;
                if let Some(id) = keys.iter().find_map(|k| self.phrases.get(k).copied()) {
                    best = Some((j, id));
                }
            }
            match best {
                Some((j, id)) => {
                    let name = self.entries[id].name.as_str();
                    if !out.contains(&name) {
                        out.push(name);
                    }
                    i = j + 1;
                }
                None => i += 1,
            }
        }
        out
    }

    fn find_impl(&self, text: &str, list: bool) -> Vec<Hit<'_>> {
        let tokens = analyzer().tokens(text);
        let mut hits = self.segment(text, &tokens);
        let mut exact_hits = Vec::new();
        for raw in super::raw_tokens(text) {
            let Some(candidates) = self.exact_by_first.get(raw.text) else {
                continue;
            };
            for &k in candidates {
                let x = &self.exact[k];
                let start = raw.start;
                if !text[start..].starts_with(x.form.as_str()) {
                    continue;
                }
                let end = start + x.form.len();
                if is_word_boundary(text, start, end) {
                    exact_hits.push((start, end, x));
                }
            }
        }
        if !exact_hits.is_empty() {
            let others = hits.len()
                + exact_hits
                    .iter()
                    .filter(|(_, _, x)| !x.needs_context)
                    .count();
            for (start, end, x) in exact_hits {
                let ok = !x.needs_context
                    || list
                    || (others + 1 >= 2 && in_list_context(text, start, end))
                    || (others >= 1 && is_whole_list_item(text, start, end));
                if ok {
                    hits.push(self.hit(x.id, start, end));
                }
            }
            // Longest first at each start, then drop overlaps.
            hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            let mut kept: Vec<Hit<'_>> = Vec::with_capacity(hits.len());
            for h in hits {
                if kept.last().is_none_or(|k| h.start >= k.end) {
                    kept.push(h);
                }
            }
            hits = kept;
        }
        hits
    }

    /// The phrases found in `tokens`, chosen so that no two overlap: the
    /// longest phrase at the leftmost start, unless a phrase that starts inside
    /// it and runs past it is longer, or as long and written as a form is
    /// written (not only equal after stemming) while the first is not. A plain
    /// leftmost-longest scan took "managing information" (the alias
    /// "management information") and lost "information governance" after it;
    /// "HL7 FHIR APIs" stays HL7 FHIR.
    fn segment(&self, text: &str, tokens: &[super::Token]) -> Vec<Hit<'_>> {
        /// One phrase found: tokens `start..=end`, its entry, and its literal words.
        struct Found {
            start: usize,
            end: usize,
            id: usize,
            literal: usize,
        }
        let n = tokens.len();
        let mut found: Vec<Found> = Vec::new();
        let mut key = String::new();
        for i in 0..n {
            key.clear();
            for j in i..n.min(i + self.max_len) {
                if j > i && is_break(&text[tokens[j - 1].end..tokens[j].start]) {
                    break;
                }
                if j > i {
                    key.push(' ');
                }
                key.push_str(&tokens[j].term);
                if let Some(&id) = self.phrases.get(&key)
                    && (j > i || self.word_fits(&key, &text[tokens[i].start..tokens[i].end]))
                {
                    let literal = if self.literal.contains(&surface(text, &tokens[i..=j])) {
                        j + 1 - i
                    } else {
                        0
                    };
                    found.push(Found {
                        start: i,
                        end: j,
                        id,
                        literal,
                    });
                }
            }
        }
        if found.is_empty() {
            return Vec::new();
        }
        let len = |f: &Found| f.end + 1 - f.start;
        // `found` is in order of start: the phrases starting at tokens a..b.
        let starting = |a: usize, b: usize| {
            &found[found.partition_point(|f| f.start < a)..found.partition_point(|f| f.start < b)]
        };
        // The longest phrase at `i` that ends before token `limit`.
        let longest_at = |i: usize, limit: usize| {
            starting(i, i + 1)
                .iter()
                .filter(|f| f.end < limit)
                .max_by_key(|f| f.end)
        };
        let mut hits = Vec::new();
        let mut i = 0;
        while i < n {
            let Some(p) = longest_at(i, n) else {
                i += 1;
                continue;
            };
            // A phrase that starts inside this one and runs past it wins when it
            // is longer, or as long and written as in the text while this one
            // matches only after stemming.
            let challenger = starting(p.start + 1, p.end + 1)
                .iter()
                .filter(|q| {
                    q.end > p.end
                        && (len(q) > len(p)
                            || (len(q) == len(p) && q.literal > 0 && p.literal == 0))
                })
                .max_by_key(|q| (len(q), q.literal, std::cmp::Reverse(q.start)));
            match challenger {
                Some(q) => {
                    if let Some(before) = longest_at(i, q.start) {
                        hits.push(self.hit(
                            before.id,
                            tokens[before.start].start,
                            tokens[before.end].end,
                        ));
                    }
                    // The challenger is itself weighed against what follows.
                    i = q.start;
                }
                None => {
                    hits.push(self.hit(p.id, tokens[p.start].start, tokens[p.end].end));
                    i = p.end + 1;
                }
            }
        }
        hits
    }

    /// Whether `word`, found as the one-word phrase `key`, is written close
    /// enough to a form the phrase was written as: within
    /// [`WORD_LENGTH_SLACK`] characters of it (plurals, "-ing", "-ed", British
    /// and American spellings pass; "commercial" for "commercialisation" does
    /// not).
    fn word_fits(&self, key: &str, word: &str) -> bool {
        let Some(lengths) = self.word_lengths.get(key) else {
            return true;
        };
        let n = word.chars().count();
        lengths.iter().any(|&l| n.abs_diff(l) <= WORD_LENGTH_SLACK)
    }

    fn hit(&self, id: usize, start: usize, end: usize) -> Hit<'_> {
        let e = &self.entries[id];
        Hit {
            id,
            name: &e.name,
            category: &e.category,
            start,
            end,
        }
    }
}

/// The words of `tokens` as written in `text`, lowercased and joined by spaces.
fn surface(text: &str, tokens: &[super::Token]) -> String {
    let mut out = String::new();
    for t in tokens {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(text[t.start..t.end].chars().flat_map(char::to_lowercase));
    }
    out
}

/// Does `form` start or end with a stop word?
fn edge_stop_word(form: &str) -> bool {
    let raw = super::raw_tokens(form);
    let stop = |t: &super::RawToken<'_>| analyzer().term(t.text).is_none();
    raw.len() > 1 && (raw.first().is_some_and(stop) || raw.last().is_some_and(stop))
}

/// Does the text between two tokens end a phrase?
fn is_break(gap: &str) -> bool {
    gap.contains(['\n', ',', ';', ':', '|', '•', '·', '(', ')', '[', ']'])
        || gap.contains(". ")
        // A lone dot between two words is part of a dotted name
        // ("Node.js", "GOV.UK", "fast.ai"), not the end of a sentence.
        || (gap.ends_with('.') && gap != ".")
        || new_clause(gap)
}

/// Does a gap of skipped words begin a new clause: "and" or "or" with another
/// word ("projects and to deliver" is not "project delivery"; "health and
/// social care" keeps its one "and")?
fn new_clause(gap: &str) -> bool {
    let mut words = gap.split_whitespace();
    let mut n = 0;
    let mut conj = false;
    for w in words.by_ref() {
        n += 1;
        conj |= w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or");
        if n >= 2 && conj {
            return true;
        }
    }
    false
}

/// Is `text[start..end]` a whole word? Letters, digits and hyphen-joined words
/// continue a word; `.` followed by a letter does too (`R.js`).
fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let a1 = after.next();
    let a2 = after.next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    if word(before) || word(a1) {
        return false;
    }
    if before == Some('-') && word(text[..start].chars().rev().nth(1)) {
        return false;
    }
    if matches!(a1, Some('-' | '.' | '+' | '#' | '&' | '\'' | '’')) && word(a2) {
        return false;
    }
    if matches!(a1, Some('+' | '#')) {
        return false;
    }
    if matches!(before, Some('.' | '&' | '+' | '#')) {
        return false;
    }
    true
}

const SEPARATORS: &[char] = &[',', '/', '|', ';', ':', '(', ')', '•', '·', '▪', '&'];

/// Is the match next to a list separator (`Python, R, SQL`, `R/Python`,
/// `Languages: R`)?
fn in_list_context(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    let after = text[end..].trim_start_matches([' ', '\t']);
    let prev = before.chars().next_back();
    let next = after.chars().next();
    let sep_before = prev.is_some_and(|c| SEPARATORS.contains(&c))
        || before.ends_with(" and")
        || before.ends_with(" or");
    let sep_after = next.is_none_or(|c| SEPARATORS.contains(&c) || c == '\n' || c == '\r')
        || after.starts_with("and ")
        || after.starts_with("or ");
    sep_before || sep_after
}

/// Is the match alone on its line or bullet (`• R`)?
fn is_whole_list_item(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before =
        text[line_start..start].trim_matches(|c: char| c.is_whitespace() || "-*•·▪".contains(c));
    let after = text[end..line_end].trim();
    before.is_empty() && after.is_empty()
}

impl Taxonomy {
    /// The built-in skills (`src/text/skills.toml`).
    pub fn builtin_skills() -> Taxonomy {
        Taxonomy::from_toml(SKILLS_TOML).expect("built-in skills.toml parses")
    }

    /// Whether every entry index inside the taxonomy points at an entry, so
    /// that no lookup can go out of bounds: true of every taxonomy built here,
    /// and checked on a prepared image read back from disk, which may be
    /// damaged.
    pub fn is_consistent(&self) -> bool {
        let n = self.entries.len();
        self.phrases.values().all(|&e| e < n)
            && self.exact.iter().all(|x| x.id < n)
            && self
                .exact_by_first
                .values()
                .flatten()
                .all(|&k| k < self.exact.len())
            && self
                .broader
                .iter()
                .all(|(&e, up)| e < n && up.iter().all(|&u| u < n))
            && self.implies.keys().all(|&e| e < n)
    }

    /// The built-in job titles, mapped to occupations (`src/text/titles.toml`).
    pub fn builtin_titles() -> Taxonomy {
        Taxonomy::from_toml(TITLES_TOML).expect("built-in titles.toml parses")
    }
}

/// The built-in skills file.
pub const SKILLS_TOML: &str = include_str!("skills.toml");
/// The built-in job-titles file.
pub const TITLES_TOML: &str = include_str!("titles.toml");

#[cfg(test)]
mod tests {
    #[test]
    fn an_alias_that_is_an_exact_form_is_left_to_the_exact_form() {
        let t = &Taxonomy::builtin_skills();
        // "Emre" stems to "emr"; only the upper-case acronym is the skill.
        assert!(t.find("Dr Emre Smith").is_empty());
        let hits = t.find("Implemented the EMR across the trust");
        assert!(
            hits.iter().any(|h| h.name == "Electronic Patient Records"),
            "{hits:?}"
        );
    }

    #[test]
    fn broader_skills_are_named_in_the_file_and_followed_transitively() {
        let text = include_str!("skills.toml");
        let unknown = Taxonomy::unknown_broader_names(text).expect("skills.toml parses");
        assert!(
            unknown.is_empty(),
            "unknown names in [[broader]]: {unknown:?}"
        );
        let t = &Taxonomy::builtin_skills();
        let up = t.broader_of("PyTorch");
        assert!(
            up.contains(&"Deep Learning") && up.contains(&"Machine Learning"),
            "{up:?}"
        );
        assert!(
            t.broader_of("Amazon Web Services")
                .contains(&"Cloud Computing")
        );
        // Not the other way round.
        assert!(!t.broader_of("Machine Learning").contains(&"Deep Learning"));
        assert!(t.broader_of("Python").is_empty());
    }

    use super::*;

    #[test]
    fn overlapping_phrases_go_to_the_one_written_as_in_the_text() {
        let t = Taxonomy::new(vec![
            entry("Business Intelligence", &["management information"]),
            entry("Information Governance", &[]),
            entry("Open Data", &[]),
            entry("Data Protection Act", &[]),
        ]);
        // "managing information" is the alias only after stemming; "information
        // governance" is written as the name.
        assert_eq!(
            names(&t, "Experience managing information governance incidents"),
            ["Information Governance"]
        );
        assert_eq!(
            names(&t, "We produce management information for the board"),
            ["Business Intelligence"]
        );
        // A longer phrase beats the earlier start.
        assert_eq!(
            names(&t, "Wrote open data protection act guidance"),
            ["Data Protection Act"]
        );
        let t = Taxonomy::new(vec![
            entry("HL7 v2", &["hl7"]),
            entry("HL7 FHIR", &["fhir apis"]),
        ]);
        assert_eq!(names(&t, "Knowledge of HL7 FHIR APIs"), ["HL7 FHIR"]);
    }

    #[test]
    fn phrases_do_not_run_across_a_new_clause() {
        let t = Taxonomy::new(vec![
            entry("Project Management", &["project delivery"]),
            entry("Health and Social Care", &[]),
        ]);
        assert!(names(&t, "several projects and to deliver to deadlines").is_empty());
        assert_eq!(names(&t, "project delivery"), ["Project Management"]);
        assert_eq!(
            names(&t, "in health and social care"),
            ["Health and Social Care"]
        );
    }

    fn entry(name: &str, aliases: &[&str]) -> Entry {
        Entry {
            name: name.to_string(),
            category: "test".to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            exact: Vec::new(),
        }
    }

    fn names(t: &Taxonomy, text: &str) -> Vec<String> {
        t.find(text)
            .into_iter()
            .map(|h| h.name.to_string())
            .collect()
    }

    #[test]
    fn built_in_taxonomies_are_large() {
        assert!(Taxonomy::builtin_skills().len() >= 300);
        assert!(Taxonomy::builtin_titles().len() >= 200);
    }

    #[test]
    fn aliases_match_after_stemming_and_longest_wins() {
        let s = &Taxonomy::builtin_skills();
        let found = names(s, "Built machine-learning models with sklearn and PyTorch.");
        assert!(found.iter().any(|n| n == "Machine Learning"), "{found:?}");
        assert!(found.iter().any(|n| n == "scikit-learn"), "{found:?}");
        assert!(found.iter().any(|n| n == "PyTorch"), "{found:?}");
    }

    #[test]
    fn a_one_word_alias_needs_a_word_of_about_its_length() {
        let t = Taxonomy::builtin_skills();
        assert!(
            !names(&t, "Two years of commercial Java development")
                .contains(&"Innovation Management".to_string()),
            "commercial is not commercialisation"
        );
        assert!(
            names(&t, "Led the commercialisation of a spin-out")
                .contains(&"Innovation Management".to_string())
        );
        assert!(
            names(&t, "Led the commercialization of research")
                .contains(&"Innovation Management".to_string())
        );
        assert!(
            names(&t, "Built spreadsheets for the finance team")
                .contains(&"Microsoft Excel".to_string())
        );
    }

    #[test]
    fn java_is_not_javascript() {
        let s = &Taxonomy::builtin_skills();
        assert_eq!(names(s, "Java"), ["Java"]);
        assert_eq!(names(s, "JavaScript"), ["JavaScript"]);
    }

    #[test]
    fn short_forms_need_a_list_context() {
        let s = &Taxonomy::builtin_skills();
        let found = names(s, "Languages: Python, R, SQL");
        assert!(found.contains(&"R".to_string()), "{found:?}");
        // Prose and initials do not make R or Go.
        assert!(!names(s, "R. Smith led the Go-live of the EPR").contains(&"R".to_string()));
        assert!(!names(s, "Led the Go-live with Python").contains(&"Go".to_string()));
        assert!(
            !names(s, "I will go to the meeting")
                .iter()
                .any(|n| n == "Go")
        );
        // Unambiguous forms anywhere.
        let found = names(s, "Worked in A&E writing C# services on AWS");
        assert!(found.contains(&"C#".to_string()), "{found:?}");
        // A role's skills entry is a list item.
        assert_eq!(
            s.find_in_list("R")
                .into_iter()
                .map(|h| h.name)
                .collect::<Vec<_>>(),
            ["R"]
        );
    }

    #[test]
    fn aliases_with_stop_words_at_the_edge_are_ignored() {
        // "or tools" (OR-Tools) must not turn every "tools" into a skill.
        assert!(names(&Taxonomy::builtin_skills(), "We use many tools").is_empty());
    }

    #[test]
    fn phrases_do_not_cross_list_separators() {
        let t = Taxonomy::new(vec![Entry {
            name: "Data Science".into(),
            category: "data".into(),
            aliases: vec![],
            exact: vec![],
        }]);
        assert_eq!(t.find("data science").len(), 1);
        assert_eq!(t.find("data, science").len(), 0);
        assert_eq!(t.find("data\nscience").len(), 0);
    }

    #[test]
    fn dotted_names_are_one_phrase_but_sentences_still_end() {
        let t = Taxonomy::builtin_skills();
        let found = names(
            &t,
            "JavaScript, Node.js, Express.js and D3.js; the GOV.UK Design System",
        );
        for want in ["Node.js", "Express.js", "D3.js", "GOV.UK Design System"] {
            assert!(found.iter().any(|n| n == want), "{want} not in {found:?}");
        }
        let plain = Taxonomy::new(vec![Entry {
            name: "Data Science".into(),
            category: "data".into(),
            aliases: vec![],
            exact: vec![],
        }]);
        assert_eq!(plain.find("data.science").len(), 1);
        assert_eq!(plain.find("big data. Science").len(), 0);
    }

    #[test]
    fn hits_point_into_the_text() {
        let text = "Experienced with HL7 FHIR and SNOMED CT coding.";
        for h in Taxonomy::builtin_skills().find(text) {
            assert!(!text[h.start..h.end].is_empty());
        }
        let found = names(&Taxonomy::builtin_skills(), text);
        assert!(found.iter().any(|n| n.contains("FHIR")), "{found:?}");
        assert!(found.iter().any(|n| n.contains("SNOMED")), "{found:?}");
    }

    #[test]
    fn titles_normalise_to_occupations() {
        let t = &Taxonomy::builtin_titles();
        let a = names(t, "Senior Data Scientist");
        assert!(!a.is_empty(), "no title found");
        let b = names(t, "Data Scientist");
        assert_eq!(a.last(), b.last());
    }
}
