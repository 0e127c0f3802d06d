//! Where the analyser departs from the plain Porter2 stemmer: British spellings,
//! occupation nouns kept whole, over-stemming exceptions and under-stemming
//! merges. The rules are data (`stemming.toml`, `agent_nouns.txt`); the file's
//! header explains the order they apply in.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rust_stemmers::Stemmer;
use serde::Deserialize;

const RULES: &str = include_str!("stemming.toml");
const AGENT_NOUNS: &str = include_str!("agent_nouns.txt");

#[derive(Deserialize)]
struct File {
    spelling: Spelling,
    exceptions: HashMap<String, String>,
    merge: HashMap<String, String>,
}

#[derive(Deserialize)]
struct Spelling {
    endings: Vec<(String, String)>,
    inner: Vec<(String, String)>,
}

/// The parsed rules.
pub(super) struct Rules {
    endings: Vec<(String, String)>,
    inner: Vec<(String, String)>,
    exceptions: HashMap<String, String>,
    merge: HashMap<String, String>,
    agent_nouns: HashSet<String>,
}

/// The built-in rules (constant data of the analyser, like its stop words).
pub(super) fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(|| {
        // Compiled in and checked by a unit test.
        let f: File = toml::from_str(RULES).expect("src/text/stemming.toml parses");
        Rules {
            endings: f.spelling.endings,
            inner: f.spelling.inner,
            exceptions: f.exceptions,
            merge: f.merge,
            agent_nouns: AGENT_NOUNS
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect(),
        }
    })
}

impl Rules {
    /// British → American spelling of a lowercased word of letters.
    fn spelling(&self, word: &str) -> String {
        let mut w = word.to_string();
        for (uk, us) in &self.inner {
            if w.contains(uk.as_str()) {
                w = w.replace(uk.as_str(), us);
            }
        }
        if w.len() >= 6 {
            for (uk, us) in &self.endings {
                if let Some(head) = w.strip_suffix(uk.as_str())
                    && head.len() >= 3
                {
                    w = format!("{head}{us}");
                    break;
                }
            }
        }
        w
    }

    /// The occupation noun `word` names, singular, when it is one to keep whole.
    fn agent_noun(&self, word: &str) -> Option<String> {
        if self.agent_nouns.contains(word) {
            return Some(word.to_string());
        }
        let singular = if let Some(h) = word.strip_suffix("ies") {
            format!("{h}y")
        } else if let Some(h) = word.strip_suffix('s') {
            if h.ends_with('s') {
                return None;
            }
            h.to_string()
        } else {
            return None;
        };
        self.agent_nouns.contains(&singular).then_some(singular)
    }

    /// The activities an occupation noun names, as words ("engineer" →
    /// "engine…" as the stemmer has it, "scientist" → "science", "analyst" →
    /// "analysis", "statistician" → "statistics"), for reading a job title as
    /// evidence of its work. Empty for other words.
    pub(super) fn activities(&self, stemmer: &Stemmer, word: &str) -> Vec<String> {
        let w = self.spelling(word);
        let mut out: Vec<String> = Vec::new();
        if let Some(n) = self.agent_noun(&w) {
            // What the stemmer would have merged it with: its activity.
            let stem = stemmer.stem(&n);
            if stem != n {
                out.push(
                    self.merge
                        .get(stem.as_ref())
                        .cloned()
                        .unwrap_or_else(|| stem.into_owned()),
                );
                return out;
            }
        }
        let singular = w
            .strip_suffix('s')
            .filter(|h| h.ends_with("ist") || h.ends_with("ian") || h.ends_with("yst"))
            .unwrap_or(&w);
        let mut words: Vec<String> = Vec::new();
        if let Some(h) = singular.strip_suffix("ologist") {
            words.push(format!("{h}ology"));
        } else if let Some(h) = singular.strip_suffix("tist") {
            words.push(format!("{h}ce"));
            words.push(format!("{h}tics"));
        } else if let Some(h) = singular.strip_suffix("icist") {
            words.push(format!("{h}ics"));
        } else if let Some(h) = singular.strip_suffix("ist") {
            words.push(format!("{h}y"));
            words.push(format!("{h}ics"));
            words.push(format!("{h}ism"));
        } else if let Some(h) = singular.strip_suffix("yst") {
            words.push(format!("{h}ysis"));
        } else if let Some(h) = singular.strip_suffix("ian") {
            if h.ends_with("ic") {
                // statistician → statistics, informatician → informatics.
                words.push(format!("{h}s"));
            } else {
                words.push(format!("{h}y"));
                words.push(format!("{h}ics"));
            }
        }
        for v in words {
            let t = self.term(stemmer, &v);
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    /// The term of a lowercased word of letters.
    pub(super) fn term(&self, stemmer: &Stemmer, word: &str) -> String {
        let w = self.spelling(word);
        if let Some(n) = self.agent_noun(&w) {
            return n;
        }
        if let Some(s) = self.exceptions.get(&w) {
            return s.clone();
        }
        let stem = stemmer.stem(&w);
        match self.merge.get(stem.as_ref()) {
            Some(m) => m.clone(),
            None => stem.into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_stemmers::Algorithm;

    fn term(w: &str) -> String {
        rules().term(&Stemmer::create(Algorithm::English), w)
    }

    #[test]
    fn occupation_nouns_stay_apart_from_their_activities() {
        for (noun, activity) in [
            ("accountant", "accounting"),
            ("designer", "design"),
            ("developer", "developing"),
            ("manager", "management"),
            ("engineer", "engineering"),
            ("nurse", "nursing"),
            ("consultant", "consultancy"),
        ] {
            assert_ne!(term(noun), term(activity), "{noun} / {activity}");
        }
        // Plurals still meet their singular.
        assert_eq!(term("accountants"), term("accountant"));
        assert_eq!(term("nurses"), term("nurse"));
        assert_eq!(term("secretaries"), term("secretary"));
        // Other words stem as before.
        assert_eq!(term("modelling"), term("model"));
    }

    #[test]
    fn british_and_american_spellings_meet() {
        for (uk, us) in [
            ("organisation", "organization"),
            ("organised", "organized"),
            ("optimising", "optimizing"),
            ("analyse", "analyze"),
            ("centre", "center"),
            ("paediatric", "pediatric"),
            ("haematology", "hematology"),
            ("behavioural", "behavioral"),
            ("programme", "program"),
            ("catalogue", "catalog"),
            ("licence", "license"),
            ("labourer", "laborer"),
        ] {
            assert_eq!(term(uk), term(us), "{uk} / {us}");
        }
    }

    #[test]
    fn one_stem_per_family_and_none_for_unrelated_words() {
        assert_eq!(term("registration"), term("registered"));
        assert_eq!(term("registrant"), term("register"));
        assert_eq!(term("analysis"), term("analysed"));
        assert_eq!(term("analytics"), term("analysis"));
        assert_eq!(term("financial"), term("finance"));
        assert_ne!(term("university"), term("universe"));
        assert_ne!(term("experiment"), term("experience"));
        assert_ne!(term("publications"), term("public"));
        assert_ne!(term("customer"), term("custom"));
        assert_ne!(term("analyst"), term("analysis"));
    }

    #[test]
    fn occupation_nouns_name_their_activities() {
        let act = |w: &str| rules().activities(&Stemmer::create(Algorithm::English), w);
        assert_eq!(act("engineer"), [term("engineering")]);
        assert!(act("scientist").contains(&term("science")));
        assert!(act("analyst").contains(&term("analysis")));
        assert!(act("statistician").contains(&term("statistics")));
        assert!(act("informaticians").contains(&term("informatics")));
        assert!(
            act("psychologist").contains(&term("psychology")),
            "{:?} {:?}",
            act("psychologist"),
            term("psychology")
        );
        assert_eq!(act("programmer"), [term("programming")]);
        assert!(act("data").is_empty());
    }

    #[test]
    fn rules_parse_and_every_rule_is_lowercase() {
        let r = rules();
        assert!(r.agent_nouns.len() > 200);
        for (a, b) in r.endings.iter().chain(&r.inner) {
            assert_eq!(a, &a.to_lowercase());
            assert_eq!(b, &b.to_lowercase());
        }
    }
}
