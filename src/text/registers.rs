//! Professional registers: regulators, accredited registers and professional
//! bodies (`registers.toml`), the one table that CV analysis and criterion
//! parsing share, so that both sides name a register the same way.
//!
//! [`Registers::find`] finds registers named in a line (full names
//! case-insensitively, acronyms and register marks case-sensitively, a "PIN" for
//! the register that issues them); [`Registers::professions`] finds regulated
//! professions ("registered nurse", "radiographers") through the shared
//! analyser, so plurals and British or American spellings meet.

use serde::Deserialize;

use super::taxonomy::{Entry, Taxonomy};

/// The built-in table.
pub const DATA: &str = include_str!("registers.toml");

/// What kind of register it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A statutory regulator: practising the profession needs it.
    Regulator,
    /// An accredited or voluntary register.
    Register,
    /// A professional body (membership, chartered or fellowship status).
    Body,
}

/// One register.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// A short code for the register.
    pub code: String,
    /// Its full name.
    pub name: String,
    /// What kind of body it is.
    pub kind: Kind,
    #[serde(default)]
    /// Other full names it goes by.
    pub names: Vec<String>,
    #[serde(default)]
    /// Its acronyms.
    pub acronyms: Vec<String>,
    #[serde(default)]
    /// Words that must be near an ambiguous acronym.
    pub context: Vec<String>,
    #[serde(default)]
    /// The professions it regulates or registers.
    pub professions: Vec<String>,
    #[serde(default)]
    /// Register marks and post-nominals.
    pub marks: Vec<String>,
    #[serde(default)]
    /// Whether it issues registration PINs that CVs quote.
    pub pin: bool,
    #[serde(default)]
    /// Umbrella names that include it.
    pub groups: Vec<String>,
}

/// How a register was found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// Its full name.
    Name,
    /// Its acronym.
    Acronym,
    /// A register mark or post-nominal ("RGN", "MBCS").
    Mark,
    /// A registration PIN.
    Pin,
    /// An umbrella name for several registers ("CCAB").
    Group,
}

/// A register found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Index into [`Registers::all`].
    pub register: usize,
    /// How it was found.
    pub how: How,
    /// Start byte offset in the line.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// The registers, with matchers.
#[derive(Debug, Clone)]
pub struct Registers {
    list: Vec<Register>,
    /// Regulated professions, as a phrase matcher whose entry names are the
    /// registers' codes.
    professions: Taxonomy,
    /// Every name, group, acronym and mark in two automata.
    matchers: Matchers,
}

/// The register forms as automata: full names ASCII-case-insensitively, the
/// rest (groups, acronyms, marks) case-sensitively; each pattern id maps to its
/// register and how it names it.
#[derive(Debug, Clone)]
struct Matchers {
    folded: aho_corasick::AhoCorasick,
    folded_forms: Vec<(usize, How)>,
    exact: aho_corasick::AhoCorasick,
    exact_forms: Vec<(usize, How)>,
}

impl Matchers {
    fn new(list: &[Register]) -> Result<Matchers, aho_corasick::BuildError> {
        let mut folded = Vec::new();
        let mut exact = Vec::new();
        for (i, r) in list.iter().enumerate() {
            folded.extend(r.names.iter().map(|n| (n.to_lowercase(), (i, How::Name))));
            exact.extend(r.groups.iter().map(|g| (g.clone(), (i, How::Group))));
            exact.extend(r.acronyms.iter().map(|a| (a.clone(), (i, How::Acronym))));
            exact.extend(r.marks.iter().map(|m| (m.clone(), (i, How::Mark))));
        }
        folded.retain(|(p, _)| !p.is_empty());
        exact.retain(|(p, _)| !p.is_empty());
        let build = |forms: &[(String, (usize, How))], fold: bool| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(fold)
                .build(forms.iter().map(|(p, _)| p))
        };
        Ok(Matchers {
            folded: build(&folded, true)?,
            exact: build(&exact, false)?,
            folded_forms: folded.into_iter().map(|(_, f)| f).collect(),
            exact_forms: exact.into_iter().map(|(_, f)| f).collect(),
        })
    }
}

/// The order of forms of one register when they name the same text.
fn how_rank(how: How) -> u8 {
    match how {
        How::Name => 0,
        How::Group => 1,
        How::Acronym => 2,
        How::Mark => 3,
        How::Pin => 4,
    }
}

/// Whether `hay[s..e]` stands as a whole word.
fn is_whole_word(hay: &str, s: usize, e: usize) -> bool {
    let before = hay[..s].chars().next_back();
    let after = hay[e..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[derive(Deserialize)]
struct File {
    register: Vec<Register>,
}

impl Registers {
    /// The built-in table.
    pub fn builtin() -> Registers {
        // Compiled in; a unit test checks it.
        Registers::from_toml(DATA).expect("src/text/registers.toml parses")
    }

    /// Parses a table in the built-in format.
    pub fn from_toml(text: &str) -> Result<Registers, toml::de::Error> {
        let f: File = toml::from_str(text)?;
        let entries = f
            .register
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.professions.is_empty())
            .map(|(_, r)| Entry {
                // The code is also its only exact form, so the entry's name is
                // never matched as a phrase of its own.
                name: r.code.clone(),
                category: "profession".into(),
                aliases: r.professions.clone(),
                exact: vec![r.code.clone()],
            })
            .collect();
        let matchers = Matchers::new(&f.register).map_err(serde::de::Error::custom)?;
        Ok(Registers {
            list: f.register,
            professions: Taxonomy::new(entries),
            matchers,
        })
    }

    /// Every register.
    pub fn all(&self) -> &[Register] {
        &self.list
    }

    /// The register with this code.
    pub fn get(&self, code: &str) -> Option<&Register> {
        self.list.iter().find(|r| r.code == code)
    }

    /// Registers named in `line`, in text order, without overlaps (the longest
    /// form wins).
    pub fn find(&self, line: &str) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::new();
        let mut lower: Option<String> = None;
        for (automaton, forms) in [
            (&self.matchers.folded, &self.matchers.folded_forms),
            (&self.matchers.exact, &self.matchers.exact_forms),
        ] {
            for m in automaton.find_overlapping_iter(line) {
                let (register, how) = forms[m.pattern().as_usize()];
                let (s, e) = (m.start(), m.end());
                if !is_whole_word(line, s, e) {
                    continue;
                }
                if how == How::Acronym {
                    let r = &self.list[register];
                    let lower = lower.get_or_insert_with(|| line.to_lowercase());
                    if !r.context.is_empty() && !r.context.iter().any(|c| lower.contains(c)) {
                        continue;
                    }
                }
                out.push(Found {
                    register,
                    how,
                    start: s,
                    end: e,
                });
            }
        }
        // A PIN with no register named beside it is the one that issues PINs.
        if out.is_empty()
            && let Some((s, e)) = word_matches(line, "PIN").into_iter().next()
            && let Some(i) = self.list.iter().position(|r| r.pin)
        {
            out.push(Found {
                register: i,
                how: How::Pin,
                start: s,
                end: e,
            });
        }
        // Ties keep the table's order: register, then name, group, acronym, mark.
        out.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.register.cmp(&b.register))
                .then(how_rank(a.how).cmp(&how_rank(b.how)))
        });
        let mut kept: Vec<Found> = Vec::new();
        for f in out {
            // Overlaps: the earlier, longer match wins; one umbrella name may
            // stand for several registers at the same place.
            if kept.last().is_none_or(|k| {
                f.start >= k.end
                    || (f.how == How::Group && k.how == How::Group && f.start == k.start)
            }) {
                kept.push(f);
            }
        }
        kept
    }

    /// Regulated professions named in `text` ("Registered Nurse",
    /// "radiographers"): (register index, start, end).
    pub fn professions(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.professions
            .find_in_list(text)
            .into_iter()
            .filter_map(|h| {
                self.list
                    .iter()
                    .position(|r| r.code == h.name)
                    .map(|i| (i, h.start, h.end))
            })
            .collect()
    }
}

/// Byte spans of `needle` in `hay` as a whole word.
fn word_matches(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    hay.match_indices(needle)
        .filter(|(i, m)| is_whole_word(hay, *i, i + m.len()))
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(r: &Registers, line: &str) -> Vec<String> {
        r.find(line)
            .iter()
            .map(|f| r.all()[f.register].code.clone())
            .collect()
    }

    #[test]
    fn table_parses_and_codes_are_unique() {
        let r = Registers::builtin();
        let mut c: Vec<&str> = r.all().iter().map(|x| x.code.as_str()).collect();
        c.sort_unstable();
        let n = c.len();
        c.dedup();
        assert_eq!(c.len(), n);
        assert!(n >= 30);
    }

    #[test]
    fn names_acronyms_marks_and_pins() {
        let r = Registers::builtin();
        assert_eq!(codes(&r, "Registered with Social Work England"), ["SWE"]);
        assert_eq!(codes(&r, "SWE registration SW12345"), ["SWE"]);
        assert!(
            codes(&r, "SWE team lead").is_empty(),
            "SWE alone is not the register"
        );
        assert_eq!(codes(&r, "NMC PIN: 08I4127E"), ["NMC"]);
        assert_eq!(codes(&r, "PIN 08I4127E (expires 2027)"), ["NMC"]);
        assert_eq!(codes(&r, "Jane Doe RGN"), ["NMC"]);
        assert_eq!(
            codes(&r, "Health and Care Professions Council (HCPC)"),
            ["HCPC", "HCPC"]
        );
        assert!(codes(&r, "hcpc").is_empty(), "acronyms are case-sensitive");
        let ccab = codes(&r, "CCAB or equivalent qualification");
        assert!(ccab.contains(&"ACCA".to_string()) && ccab.contains(&"ICAEW".to_string()));
    }

    #[test]
    fn professions_through_the_analyser() {
        let r = Registers::builtin();
        let code = |t: &str| -> Vec<String> {
            r.professions(t)
                .iter()
                .map(|(i, _, _)| r.all()[*i].code.clone())
                .collect()
        };
        assert_eq!(code("Registered Nurse"), ["NMC"]);
        assert_eq!(code("Band 6 Radiographers"), ["HCPC"]);
        assert_eq!(code("Paediatric Physiotherapist"), ["HCPC"]);
        assert!(
            code("district nursing").is_empty(),
            "nursing is not a nurse"
        );
        assert!(code("Data Scientist").is_empty());
    }
}
