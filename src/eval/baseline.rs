//! The standard zero-shot ranking baselines, as the project is judged with them
//! (`../shared/tools/baseline.py`): a TF-IDF cosine as scikit-learn computes it
//! and Okapi BM25 as `rank_bm25` computes it. They see plain text only (no
//! stemming, no taxonomy), so they are the bar the matcher must clear.
//!
//! - [`TfidfCosine`]: scikit-learn's `TfidfVectorizer(stop_words="english",
//!   sublinear_tf=True)` fitted on the roles **and** the CVs together: tokens are
//!   runs of two or more word characters (`(?u)\b\w\w+\b`) of the lowercased
//!   text, scikit-learn's 318 English stop words removed, tf = 1 + ln(tf),
//!   smooth idf = ln((1 + n) / (1 + df)) + 1, L2-normalised; roles ranked by
//!   cosine.
//! - [`Bm25Okapi`]: `rank_bm25.BM25Okapi` (k1 = 1.5, b = 0.75, ε = 0.25) over the
//!   roles, tokens `[a-z0-9]+` of the lowercased text, the whole CV as the query
//!   (a word counts once per occurrence); idf = ln((N − df + 0.5) / (df + 0.5)),
//!   negative values replaced by ε × the mean idf.
//!
//! Ties keep role order, as a stable sort does in the Python reference.

use std::collections::HashMap;

/// scikit-learn's `ENGLISH_STOP_WORDS` (from the Glasgow Information Retrieval
/// Group's list), sorted for binary search.
const SKLEARN_STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "afterwards",
    "again",
    "against",
    "all",
    "almost",
    "alone",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "amongst",
    "amoungst",
    "amount",
    "an",
    "and",
    "another",
    "any",
    "anyhow",
    "anyone",
    "anything",
    "anyway",
    "anywhere",
    "are",
    "around",
    "as",
    "at",
    "back",
    "be",
    "became",
    "because",
    "become",
    "becomes",
    "becoming",
    "been",
    "before",
    "beforehand",
    "behind",
    "being",
    "below",
    "beside",
    "besides",
    "between",
    "beyond",
    "bill",
    "both",
    "bottom",
    "but",
    "by",
    "call",
    "can",
    "cannot",
    "cant",
    "co",
    "con",
    "could",
    "couldnt",
    "cry",
    "de",
    "describe",
    "detail",
    "do",
    "done",
    "down",
    "due",
    "during",
    "each",
    "eg",
    "eight",
    "either",
    "eleven",
    "else",
    "elsewhere",
    "empty",
    "enough",
    "etc",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "everywhere",
    "except",
    "few",
    "fifteen",
    "fifty",
    "fill",
    "find",
    "fire",
    "first",
    "five",
    "for",
    "former",
    "formerly",
    "forty",
    "found",
    "four",
    "from",
    "front",
    "full",
    "further",
    "get",
    "give",
    "go",
    "had",
    "has",
    "hasnt",
    "have",
    "he",
    "hence",
    "her",
    "here",
    "hereafter",
    "hereby",
    "herein",
    "hereupon",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "hundred",
    "i",
    "ie",
    "if",
    "in",
    "inc",
    "indeed",
    "interest",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "keep",
    "last",
    "latter",
    "latterly",
    "least",
    "less",
    "ltd",
    "made",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "mill",
    "mine",
    "more",
    "moreover",
    "most",
    "mostly",
    "move",
    "much",
    "must",
    "my",
    "myself",
    "name",
    "namely",
    "neither",
    "never",
    "nevertheless",
    "next",
    "nine",
    "no",
    "nobody",
    "none",
    "noone",
    "nor",
    "not",
    "nothing",
    "now",
    "nowhere",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "otherwise",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "part",
    "per",
    "perhaps",
    "please",
    "put",
    "rather",
    "re",
    "same",
    "see",
    "seem",
    "seemed",
    "seeming",
    "seems",
    "serious",
    "several",
    "she",
    "should",
    "show",
    "side",
    "since",
    "sincere",
    "six",
    "sixty",
    "so",
    "some",
    "somehow",
    "someone",
    "something",
    "sometime",
    "sometimes",
    "somewhere",
    "still",
    "such",
    "system",
    "take",
    "ten",
    "than",
    "that",
    "the",
    "their",
    "them",
    "themselves",
    "then",
    "thence",
    "there",
    "thereafter",
    "thereby",
    "therefore",
    "therein",
    "thereupon",
    "these",
    "they",
    "thick",
    "thin",
    "third",
    "this",
    "those",
    "though",
    "three",
    "through",
    "throughout",
    "thru",
    "thus",
    "to",
    "together",
    "too",
    "top",
    "toward",
    "towards",
    "twelve",
    "twenty",
    "two",
    "un",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "well",
    "were",
    "what",
    "whatever",
    "when",
    "whence",
    "whenever",
    "where",
    "whereafter",
    "whereas",
    "whereby",
    "wherein",
    "whereupon",
    "wherever",
    "whether",
    "which",
    "while",
    "whither",
    "who",
    "whoever",
    "whole",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// scikit-learn's default tokens: runs of two or more word characters of the
/// lowercased text, stop words removed.
fn sklearn_tokens(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if cur.chars().count() >= 2 && SKLEARN_STOP_WORDS.binary_search(&cur.as_str()).is_err() {
            out.push(std::mem::take(cur));
        } else {
            cur.clear();
        }
    };
    for c in lower.chars() {
        if c.is_alphanumeric() || c == '_' {
            cur.push(c);
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// `rank_bm25`'s usual tokens: runs of `[a-z0-9]` of the lowercased text.
fn bm25_tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Indexes of `scores` best first; ties keep their order (a stable sort).
pub fn order(scores: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    idx
}

/// TF-IDF cosine as scikit-learn computes it, fitted on roles and CVs together.
#[derive(Debug, Clone)]
pub struct TfidfCosine {
    idf: HashMap<String, f64>,
    roles: Vec<HashMap<String, f64>>,
}

impl TfidfCosine {
    /// Fits the vocabulary and idf on `roles` and `cvs` (the texts ranked later).
    pub fn fit(roles: &[String], cvs: &[String]) -> TfidfCosine {
        let role_tokens: Vec<Vec<String>> = roles.iter().map(|t| sklearn_tokens(t)).collect();
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut bump = |tokens: &[String]| {
            let mut seen: Vec<&String> = tokens.iter().collect();
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                *df.entry(t.clone()).or_default() += 1;
            }
        };
        for t in &role_tokens {
            bump(t);
        }
        for c in cvs {
            bump(&sklearn_tokens(c));
        }
        let n = (roles.len() + cvs.len()) as f64;
        let idf: HashMap<String, f64> = df
            .into_iter()
            .map(|(t, d)| (t, ((1.0 + n) / (1.0 + d as f64)).ln() + 1.0))
            .collect();
        let mut me = TfidfCosine {
            idf,
            roles: Vec::new(),
        };
        me.roles = role_tokens.iter().map(|t| me.vector(t)).collect();
        me
    }

    fn vector(&self, tokens: &[String]) -> HashMap<String, f64> {
        let mut tf: HashMap<String, f64> = HashMap::new();
        for t in tokens {
            if self.idf.contains_key(t) {
                *tf.entry(t.clone()).or_default() += 1.0;
            }
        }
        for (t, v) in tf.iter_mut() {
            *v = (1.0 + v.ln()) * self.idf[t];
        }
        let norm = tf.values().map(|w| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for v in tf.values_mut() {
                *v /= norm;
            }
        }
        tf
    }

    /// The cosine of `text` with every role, in role order.
    pub fn scores(&self, text: &str) -> Vec<f64> {
        let q = self.vector(&sklearn_tokens(text));
        self.roles
            .iter()
            .map(|r| q.iter().filter_map(|(t, w)| r.get(t).map(|x| x * w)).sum())
            .collect()
    }

    /// Role positions, best first.
    pub fn rank(&self, text: &str) -> Vec<usize> {
        order(&self.scores(text))
    }
}

/// Okapi BM25 as `rank_bm25.BM25Okapi` computes it.
#[derive(Debug, Clone)]
pub struct Bm25Okapi {
    idf: HashMap<String, f64>,
    tf: Vec<HashMap<String, f64>>,
    len: Vec<f64>,
    avgdl: f64,
}

impl Bm25Okapi {
    const K1: f64 = 1.5;
    const B: f64 = 0.75;
    const EPSILON: f64 = 0.25;

    /// Indexes the roles.
    pub fn new(roles: &[String]) -> Bm25Okapi {
        let mut tf: Vec<HashMap<String, f64>> = Vec::with_capacity(roles.len());
        let mut len = Vec::with_capacity(roles.len());
        let mut df: HashMap<String, f64> = HashMap::new();
        for r in roles {
            let toks = bm25_tokens(r);
            len.push(toks.len() as f64);
            let mut m: HashMap<String, f64> = HashMap::new();
            for t in toks {
                *m.entry(t).or_default() += 1.0;
            }
            for t in m.keys() {
                *df.entry(t.clone()).or_default() += 1.0;
            }
            tf.push(m);
        }
        let n = roles.len() as f64;
        let avgdl = if roles.is_empty() {
            0.0
        } else {
            len.iter().sum::<f64>() / n
        };
        let mut idf: HashMap<String, f64> = df
            .iter()
            .map(|(t, &d)| (t.clone(), (n - d + 0.5).ln() - (d + 0.5).ln()))
            .collect();
        let mean = if idf.is_empty() {
            0.0
        } else {
            idf.values().sum::<f64>() / idf.len() as f64
        };
        for v in idf.values_mut() {
            if *v < 0.0 {
                *v = Self::EPSILON * mean;
            }
        }
        Bm25Okapi {
            idf,
            tf,
            len,
            avgdl,
        }
    }

    /// The BM25 score of every role for `text` as the query, in role order.
    pub fn scores(&self, text: &str) -> Vec<f64> {
        let mut counts: HashMap<String, f64> = HashMap::new();
        for t in bm25_tokens(text) {
            *counts.entry(t).or_default() += 1.0;
        }
        let mut out = vec![0.0; self.tf.len()];
        for (q, times) in counts {
            let Some(&idf) = self.idf.get(&q) else {
                continue;
            };
            for (d, m) in self.tf.iter().enumerate() {
                let f = m.get(&q).copied().unwrap_or(0.0);
                if f > 0.0 {
                    let norm =
                        1.0 - Self::B + Self::B * self.len[d] / self.avgdl.max(f64::MIN_POSITIVE);
                    out[d] += times * idf * f * (Self::K1 + 1.0) / (f + Self::K1 * norm);
                }
            }
        }
        out
    }

    /// Role positions, best first.
    pub fn rank(&self, text: &str) -> Vec<usize> {
        order(&self.scores(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted() {
        let mut s = SKLEARN_STOP_WORDS.to_vec();
        s.sort_unstable();
        s.dedup();
        assert_eq!(s, SKLEARN_STOP_WORDS);
        assert_eq!(s.len(), 318);
    }

    #[test]
    fn tokens_as_the_references_make_them() {
        assert_eq!(
            sklearn_tokens("The C++ and C# dev, Ünïcode_x 2020 a I"),
            ["dev", "ünïcode_x", "2020"]
        );
        assert_eq!(
            bm25_tokens("The C++ dev, R2-D2!"),
            ["the", "c", "dev", "r2", "d2"]
        );
    }

    fn roles() -> Vec<String> {
        [
            "Gardener. Tend roses, prune hedges and mow lawns in the park.",
            "Baker. Bake bread and pastries; knead dough before dawn.",
            "Pilot. Fly passenger aircraft safely between airports.",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn tfidf_cosine_ranks_the_closest_role_first() {
        let cvs = ["I prune roses and hedges".to_string()];
        let t = TfidfCosine::fit(&roles(), &cvs);
        assert_eq!(t.rank("pruning roses and hedges, mowing lawns")[0], 0);
        assert_eq!(t.rank("bread and dough")[0], 1);
        let s = t.scores(&roles()[2]);
        assert!((s[2] - 1.0).abs() < 1e-9, "{s:?}");
        // Nothing in common: all zero, role order kept.
        assert_eq!(t.rank("zzz"), [0, 1, 2]);
    }

    #[test]
    fn bm25_matches_the_reference_formula() {
        let b = Bm25Okapi::new(&roles());
        let s = b.scores("bread bread");
        // One role of three holds "bread": idf = ln(2.5) - ln(1.5).
        let idf = 2.5f64.ln() - 1.5f64.ln();
        let len: Vec<f64> = roles()
            .iter()
            .map(|r| bm25_tokens(r).len() as f64)
            .collect();
        let avg = len.iter().sum::<f64>() / 3.0;
        let one = idf * 2.5 / (1.0 + 1.5 * (0.25 + 0.75 * len[1] / avg));
        assert!((s[1] - 2.0 * one).abs() < 1e-9, "{s:?}");
        assert_eq!(s[0], 0.0);
        assert_eq!(b.rank("aircraft airports")[0], 2);
    }
}
