//! Salaries written as text, as adverts and role files give them: "£35,392 -
//! £42,618 a year", "£13.00 to £17.00 per hour", "£40k", "£155.63 per week":
//! the amounts, what they are paid per, and the currency.

use super::SalaryPeriod;

/// A salary read from text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextSalary {
    pub min: f64,
    pub max: f64,
    /// What the amounts are paid per, when the text says ("per hour").
    pub period: Option<SalaryPeriod>,
    /// ISO 4217 code from the currency sign (`£` GBP, `€` EUR, `$` USD).
    pub currency: Option<&'static str>,
}

/// The amounts of a salary text (the first two; one amount is both ends),
/// what they are paid per and their currency; `None` without an amount.
pub(crate) fn parse(s: &str) -> Option<TextSalary> {
    let nums = money_numbers(s);
    let (&a, b) = (nums.first()?, nums.get(1).copied());
    let b = b.unwrap_or(a);
    Some(TextSalary {
        min: a.min(b),
        max: a.max(b),
        period: period_in(s),
        currency: currency_in(s),
    })
}

/// The period a salary text names first ("£30,401 pa + unsocial hours": a
/// year; "£14.21 per hour + annual leave": an hour). "per PA" (an NHS
/// consultant's programmed activity) and "per session" are
/// [`SalaryPeriod::Other`].
pub(crate) fn period_in(s: &str) -> Option<SalaryPeriod> {
    use SalaryPeriod::*;
    const WORDS: &[(&str, SalaryPeriod)] = &[
        ("per hour", Hour),
        ("pr hour", Hour),
        ("an hour", Hour),
        ("per hr", Hour),
        ("/hour", Hour),
        ("/ hour", Hour),
        ("/hr", Hour),
        ("p/h", Hour),
        ("p.h", Hour),
        ("ph", Hour),
        ("hourly", Hour),
        ("per day", Day),
        ("a day", Day),
        ("/day", Day),
        ("daily", Day),
        ("per diem", Day),
        ("per week", Week),
        ("a week", Week),
        ("/week", Week),
        ("p/w", Week),
        ("pw", Week),
        ("weekly", Week),
        ("per month", Month),
        ("a month", Month),
        ("/month", Month),
        ("pcm", Month),
        ("monthly", Month),
        ("per pa", Other),
        ("per session", Other),
        ("a session", Other),
        ("/session", Other),
        ("per shift", Other),
        ("per annum", Year),
        ("per anum", Year),
        ("annum", Year),
        ("a year", Year),
        ("per year", Year),
        ("/year", Year),
        ("/yr", Year),
        ("p.a", Year),
        ("pa", Year),
        ("annually", Year),
        ("yearly", Year),
    ];
    let lower = s.to_lowercase();
    let mut best: Option<(usize, usize, SalaryPeriod)> = None;
    for &(w, period) in WORDS {
        let mut from = 0;
        while let Some(i) = lower[from..].find(w).map(|i| i + from) {
            let end = i + w.len();
            let before = lower[..i].chars().next_back();
            let after = lower[end..].chars().next();
            // A word of its own, though glued to an amount ("£110ph").
            let starts = w.starts_with('/') || !before.is_some_and(char::is_alphabetic);
            let ends = !after.is_some_and(char::is_alphanumeric);
            if starts && ends {
                // Earliest first; at the same place, the longer phrase.
                if best.is_none_or(|(bi, bl, _)| i < bi || (i == bi && w.len() > bl)) {
                    best = Some((i, w.len(), period));
                }
                break;
            }
            from = end;
        }
    }
    best.map(|(_, _, p)| p)
}

/// The currency a salary text's sign names.
pub(crate) fn currency_in(s: &str) -> Option<&'static str> {
    if s.contains('£') || s.to_ascii_uppercase().contains("GBP") {
        Some("GBP")
    } else if s.contains('€') || s.to_ascii_uppercase().contains("EUR") {
        Some("EUR")
    } else if s.contains('$') || s.to_ascii_uppercase().contains("USD") {
        Some("USD")
    } else {
        None
    }
}

/// Amounts in salary text: "£43,742 to £50,056 a year" → [43742, 50056]; "£40k"
/// → [40000]. When some numbers carry a currency sign only those count, so that
/// "Band 5 £24,907" gives [24907].
pub(crate) fn money_numbers(s: &str) -> Vec<f64> {
    let chars: Vec<char> = s.chars().collect();
    let mut found: Vec<(f64, bool)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            let currency = chars[..i]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| matches!(c, '£' | '$' | '€'))
                || (i >= 3
                    && chars[i - 3..i]
                        .iter()
                        .collect::<String>()
                        .eq_ignore_ascii_case("gbp"));
            let mut num = String::new();
            let mut j = i;
            while j < chars.len() {
                let c = chars[j];
                if c.is_ascii_digit() {
                    num.push(c);
                } else if c == ','
                    && chars.get(j + 1).is_some_and(|d| d.is_ascii_digit())
                    && chars.get(j + 3).is_some_and(|d| d.is_ascii_digit())
                {
                    // thousands separator
                } else if c == '.'
                    && chars.get(j + 1).is_some_and(|d| d.is_ascii_digit())
                    && !num.contains('.')
                {
                    num.push('.');
                } else {
                    break;
                }
                j += 1;
            }
            let mut x: f64 = num.parse().unwrap_or(0.0);
            if chars.get(j).is_some_and(|c| *c == 'k' || *c == 'K')
                && !chars.get(j + 1).is_some_and(|c| c.is_alphabetic())
            {
                x *= 1000.0;
                j += 1;
            }
            if x > 0.0 {
                found.push((x, currency));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    if found.iter().any(|(_, c)| *c) {
        found.retain(|(_, c)| *c);
    } else {
        found.retain(|(x, _)| *x >= 100.0);
    }
    found.into_iter().map(|(x, _)| x).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs_salary_texts() {
        let p = parse;
        let t = |s: &str| parse(s).map(|t| (t.min, t.max, t.period, t.currency));
        use SalaryPeriod::*;
        assert_eq!(
            t("£35,392 - £42,618 a year"),
            Some((35392.0, 42618.0, Some(Year), Some("GBP")))
        );
        assert_eq!(
            t("£13.00 to £17.00 per hour DOE"),
            Some((13.0, 17.0, Some(Hour), Some("GBP")))
        );
        assert_eq!(
            t("£17.69 p/h £20 p/h on Nights &amp; Weekends"),
            Some((17.69, 20.0, Some(Hour), Some("GBP")))
        );
        assert_eq!(p("£110ph for GPs,").unwrap().period, Some(Hour));
        assert_eq!(p("£155.63 per week").unwrap().period, Some(Week));
        assert_eq!(p("£375-£450 per session").unwrap().period, Some(Other));
        assert_eq!(p("£10,000 per PA").unwrap().period, Some(Other));
        assert_eq!(
            p("£30,401 - £37,267 pa + Unsocial Hours Payment *")
                .unwrap()
                .period,
            Some(Year)
        );
        assert_eq!(
            p("£14.21 - £16.92 per hour + annual leave %")
                .unwrap()
                .period,
            Some(Hour)
        );
        assert_eq!(
            p("£16,416 per annum for 1 session per week")
                .unwrap()
                .period,
            Some(Year)
        );
        assert_eq!(
            p("£82,096 to £110,683 p.a.").unwrap(),
            TextSalary {
                min: 82096.0,
                max: 110683.0,
                period: Some(Year),
                currency: Some("GBP")
            }
        );
        assert_eq!(p("£40k - £55k").unwrap().period, None);
        assert_eq!(p("€52,000").unwrap().currency, Some("EUR"));
        assert_eq!(p("negotiable"), None);
        assert_eq!(p("Band 6"), None);
        assert_eq!(
            period_in("Competitive rates (paid per session)"),
            Some(Other)
        );
        assert_eq!(period_in("Papworth"), None);
        assert_eq!(period_in("Graphic"), None);
    }
}
