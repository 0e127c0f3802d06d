//! Text analysis shared by the index and the matcher.
//!
//! One [`Analyzer`] turns text into terms for both sides of a match, so a role
//! indexed by tantivy and a CV scored against it always agree on what a word is:
//!
//! 1. **Tokenise** runs of letters and digits, keeping programming-language names
//!    whole (`C++`, `C#`, `F#`, `.NET`) and apostrophes inside words (`master's`).
//!    Other punctuation splits words, so `scikit-learn` is `scikit learn`.
//! 2. **Normalise**: lowercase, fold accents (`é` → `e`) and ligatures (`ﬁ` → `fi`).
//! 3. **Drop English stop words** (short function words; `r`, `c` and `go` are not
//!    stop words).
//! 4. **Stem** with the Snowball English stemmer from rust-stemmers, with the
//!    departures of `stemming.toml`: British spellings become American ones,
//!    occupation nouns stay whole (`accountant` is not `account`, `nurse` is not
//!    `nursing`), a few over-stemmed words keep their own stem and a few word
//!    families share one (`registration` / `registered`). Tokens holding digits or
//!    symbols (`c++`, `python3`, `dcb0129`) are left as they are.
//!
//! [`CvTokenizer`] wraps the analyser as a tantivy tokenizer, registered under
//! [`TOKENIZER`] by [`register`]. The skills and job-title taxonomies
//! ([`Taxonomy`]) match their aliases through the same analyser; see
//! [`taxonomy`]. [`import`] reads ESCO and O\*NET files to extend them.
//! [`Concepts`] relates everyday words a recruiter accepts for one another
//! ("trained" / "mentored", "clinicians" / "radiographers") for free-text
//! criteria. These are data, passed around inside
//! [`Knowledge`](crate::knowledge::Knowledge); only the analyser itself (pure
//! code and constant tables) is shared process-wide.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

pub mod background;
pub mod concepts;
pub mod import;
pub mod occupations;
pub mod qualities;
pub mod registers;
mod stem;
pub mod taxonomy;

pub use concepts::Concepts;
pub use taxonomy::{Hit, Taxonomy};

/// Name under which [`CvTokenizer`] is registered in the index.
pub const TOKENIZER: &str = "cvmatch_en";

/// One analysed token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalised, stemmed term.
    pub term: String,
    /// Byte offset of the token's first character in the analysed text.
    pub start: usize,
    /// Byte offset just past the token's last character.
    pub end: usize,
    /// Position among the kept tokens (stop words do not take a position).
    pub position: usize,
}

/// Most words whose stems (and terms) one thread remembers ([`Analyzer::term`]).
const STEM_MEMO_MAX: usize = 1 << 16;

/// Longest word (bytes) whose term is remembered.
const TERM_MEMO_WORD_MAX: usize = 48;

/// The shared analyser: tokeniser, normaliser, stop words and English stemmer.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer(english)")
    }
}

/// The process-wide analyser.
pub fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::new)
}

/// English stop words: function words that carry no matching signal. Kept small on
/// purpose; `it` is here (lowercase "IT" is matched through the taxonomy's exact
/// forms), `r`, `c` and `go` are not.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "etc",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Is `w` (already lowercased) an English stop word?
pub fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.binary_search(&w).is_ok()
}

/// A raw token: a slice of the input before normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawToken<'a> {
    /// The token's text.
    pub text: &'a str,
    /// Its start byte offset in the input.
    pub start: usize,
    /// Its end byte offset (exclusive).
    pub end: usize,
}

/// Splits `text` into raw word tokens (see the module docs for the rules).
pub fn raw_tokens(text: &str) -> Vec<RawToken<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        // `.NET` (and `.net`): a dot starting a word, followed by "net".
        if c == '.'
            && (i == 0 || !prev_is_alnum(text, i))
            && bytes
                .get(i + 1..i + 4)
                .is_some_and(|b| b.eq_ignore_ascii_case(b"net"))
            && !text[i + 4..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            out.push(RawToken {
                text: &text[i..i + 4],
                start: i,
                end: i + 4,
            });
            // Skip "net".
            for _ in 0..3 {
                iter.next();
            }
            continue;
        }
        if !is_word_char(c) {
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                iter.next();
            } else if (d == '\'' || d == '\u{2019}')
                && text[j + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
            {
                // Apostrophe inside a word: keep it.
                iter.next();
                end = j + d.len_utf8();
            } else {
                break;
            }
        }
        // `C++`, `C#`, `F#`: a short word directly followed by "++" or "#" that is not
        // itself followed by a word character.
        let word_len = end - start;
        if word_len <= 2 {
            let rest = &bytes[end..];
            let suffix = if rest.starts_with(b"++") {
                2
            } else if rest.starts_with(b"#") {
                1
            } else {
                0
            };
            if suffix > 0
                && !text[end + suffix..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                end += suffix;
                for _ in 0..suffix {
                    iter.next();
                }
            }
        }
        // A trailing apostrophe we kept cannot happen (checked above).
        out.push(RawToken {
            text: &text[start..end],
            start,
            end,
        });
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{FB00}'..='\u{FB06}').contains(&c)
}

fn prev_is_alnum(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Lowercases and folds accents and ligatures; apostrophes become `'`.
pub fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' => s.push('\''),
            '\u{FB00}' => s.push_str("ff"),
            '\u{FB01}' => s.push_str("fi"),
            '\u{FB02}' => s.push_str("fl"),
            '\u{FB03}' => s.push_str("ffi"),
            '\u{FB04}' => s.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => s.push_str("st"),
            _ if c.is_ascii() => s.push(c.to_ascii_lowercase()),
            _ => match fold_char(c) {
                Some(f) => s.push_str(f),
                None => s.extend(c.to_lowercase()),
            },
        }
    }
    s
}

/// ASCII folding for the Latin letters that appear in European names and words.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ę' | 'ę' | 'Ě' | 'ě' | 'Ė' | 'ė' => "e",
        'Ğ' | 'ğ' => "g",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'İ' | 'ı' | 'Į' | 'į' => "i",
        'Ł' | 'ł' | 'Ľ' | 'ľ' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' => "s",
        'ß' => "ss",
        'Ť' | 'ť' | 'Ţ' | 'ţ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        'Þ' | 'þ' => "th",
        _ => return None,
    })
}

impl Analyzer {
    fn new() -> Analyzer {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// Normalises and stems one raw word. `None` for stop words.
    pub fn term(&self, word: &str) -> Option<String> {
        // The same words come back in every CV and role: each thread remembers
        // the term of each word it has analysed (bounded in count and in word
        // length, and holding words and terms only).
        thread_local! {
            static TERMS: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Option<String>>> =
                std::cell::RefCell::new(rustc_hash::FxHashMap::default());
        }
        if word.len() > TERM_MEMO_WORD_MAX {
            return self.term_of(word);
        }
        TERMS.with(|memo| {
            if let Some(t) = memo.borrow().get(word) {
                return t.clone();
            }
            let t = self.term_of(word);
            let mut m = memo.borrow_mut();
            if m.len() >= STEM_MEMO_MAX {
                m.clear();
            }
            m.insert(word.into(), t.clone());
            t
        })
    }

    /// [`Analyzer::term`], worked out.
    fn term_of(&self, word: &str) -> Option<String> {
        let folded = fold(word);
        let trimmed = folded.trim_matches('\'');
        if trimmed.is_empty() || is_stop_word(trimmed) {
            return None;
        }
        // Possessive "'s" goes; other inner apostrophes (o'brien) are dropped.
        let base = trimmed.strip_suffix("'s").unwrap_or(trimmed);
        let base: String = base.chars().filter(|&c| c != '\'').collect();
        if base.is_empty() || is_stop_word(&base) {
            return None;
        }
        if base.chars().all(|c| c.is_alphabetic()) {
            Some(self.stem(&base))
        } else {
            Some(base)
        }
    }

    /// The stem of a word of letters, remembered per thread: the same words come
    /// back in every CV and role, and the rules and the Snowball stemmer cost far
    /// more than a lookup. The memory is bounded ([`STEM_MEMO_MAX`] words, then
    /// emptied) and holds only words, stems and nothing else.
    fn stem(&self, base: &str) -> String {
        thread_local! {
            static MEMO: std::cell::RefCell<std::collections::HashMap<String, String>> =
                std::cell::RefCell::new(std::collections::HashMap::new());
        }
        MEMO.with(|memo| {
            if let Some(s) = memo.borrow().get(base) {
                return s.clone();
            }
            let s = stem::rules().term(&self.stemmer, base);
            let mut m = memo.borrow_mut();
            if m.len() >= STEM_MEMO_MAX {
                m.clear();
            }
            m.insert(base.to_string(), s.clone());
            s
        })
    }

    /// Analyses `text` into terms with their byte offsets and positions.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        for raw in raw_tokens(text) {
            if let Some(term) = self.term(raw.text) {
                let position = out.len();
                out.push(Token {
                    term,
                    start: raw.start,
                    end: raw.end,
                    position,
                });
            }
        }
        out
    }

    /// For each word of `text`, the terms of the activities it names when it is
    /// an occupation noun ("Software Engineer" → `[[softwar], [engin]]`; see
    /// `stemming.toml`), else its own term. Stop words are left out. Used to
    /// read a job title as evidence of its work.
    pub fn activity_terms(&self, text: &str) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for raw in raw_tokens(text) {
            let Some(term) = self.term(raw.text) else {
                continue;
            };
            let folded = fold(raw.text);
            let word = folded.trim_matches('\'');
            let acts = if word.chars().all(char::is_alphabetic) {
                stem::rules().activities(&self.stemmer, word)
            } else {
                Vec::new()
            };
            out.push(if acts.is_empty() { vec![term] } else { acts });
        }
        out
    }

    /// Just the terms of `text`, in order.
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.tokens(text).into_iter().map(|t| t.term).collect()
    }
}

/// The shared analyser as a tantivy tokenizer.
#[derive(Debug, Clone, Default)]
pub struct CvTokenizer;

/// Token stream produced by [`CvTokenizer`].
pub struct CvTokenStream {
    tokens: Vec<tantivy::tokenizer::Token>,
    next: usize,
}

impl tantivy::tokenizer::Tokenizer for CvTokenizer {
    type TokenStream<'a> = CvTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CvTokenStream {
        let tokens = analyzer()
            .tokens(text)
            .into_iter()
            .map(|t| tantivy::tokenizer::Token {
                offset_from: t.start,
                offset_to: t.end,
                position: t.position,
                text: t.term,
                position_length: 1,
            })
            .collect();
        CvTokenStream { tokens, next: 0 }
    }
}

impl tantivy::tokenizer::TokenStream for CvTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &tantivy::tokenizer::Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Registers [`CvTokenizer`] on `index` under [`TOKENIZER`].
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(
        TOKENIZER,
        tantivy::tokenizer::TextAnalyzer::from(CvTokenizer),
    );
}

/// 64-bit FNV-1a hasher, for stable fingerprints (not for security).
#[derive(Debug, Clone)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self::new()
    }
}

impl Fnv {
    /// A hasher in its initial state.
    pub fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    /// Adds `bytes` to the fingerprint.
    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    /// The fingerprint of everything written.
    pub fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Vec<&str> {
        raw_tokens(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn programming_language_names_survive() {
        assert_eq!(
            raw("C++, C#, F# and .NET (ASP.NET) in R"),
            ["C++", "C#", "F#", "and", ".NET", "ASP", "NET", "in", "R"]
        );
        let a = analyzer();
        assert_eq!(
            a.terms("C++, C#, .NET and R"),
            ["c++", "c#", ".net", "r"],
            "symbols kept, R and C not stop words"
        );
        // A hash tag or a longer word followed by # is not a language.
        assert_eq!(raw("issue#12 x++y"), ["issue", "12", "x", "y"]);
    }

    #[test]
    fn punctuation_splits_and_apostrophes_join() {
        assert_eq!(
            raw("scikit-learn node.js"),
            ["scikit", "learn", "node", "js"]
        );
        assert_eq!(
            raw("Master’s degree, O'Brien's"),
            ["Master’s", "degree", "O'Brien's"]
        );
        assert_eq!(analyzer().terms("Master’s degree"), ["master", "degre"]);
    }

    #[test]
    fn stemming_lowercasing_folding() {
        let a = analyzer();
        assert_eq!(
            a.terms("Modelling models MODELS"),
            ["model", "model", "model"]
        );
        assert_eq!(a.terms("Café Zoë"), ["cafe", "zoe"]);
        assert_eq!(a.terms("e\u{FB03}cient of\u{FB01}ce"), ["effici", "offic"]);
        assert_eq!(a.terms("the and of Python3"), ["python3"]);
        assert_eq!(a.terms("go"), ["go"]);
    }

    #[test]
    fn offsets_and_positions_point_into_the_input() {
        let text = "Senior — Data Scientist";
        let toks = analyzer().tokens(text);
        assert_eq!(toks.len(), 3);
        assert_eq!(&text[toks[1].start..toks[1].end], "Data");
        assert_eq!(toks[2].position, 2);
    }

    #[test]
    fn tantivy_tokenizer_matches_the_analyser() {
        use tantivy::tokenizer::{TokenStream, Tokenizer};
        let mut t = CvTokenizer;
        let mut stream = t.token_stream("Building PyTorch models in C++");
        let mut got = Vec::new();
        while stream.advance() {
            got.push(stream.token().text.clone());
        }
        assert_eq!(got, analyzer().terms("Building PyTorch models in C++"));
        assert_eq!(got, ["build", "pytorch", "model", "c++"]);
    }

    #[test]
    fn fnv_is_stable() {
        let mut h = Fnv::new();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
    }
}
