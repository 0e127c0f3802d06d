//! Calendar dates of adverts (`datePosted`, `validThrough`): ISO 8601 dates and
//! date-times read to the day, compared by the calendar.
//!
//! A date-time keeps the date it names in its own offset
//! (`2020-12-31T23:59:59+0000` is 31 December 2020); the time of day and the
//! offset are not kept, as adverts open and close by the day.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar date (proleptic Gregorian). Orders chronologically; written as
/// `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, when it exists (years 1000 to 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Reads an ISO 8601 date or date-time: `2025-06-30`, `20250630`,
    /// `2025-06-30T23:59`, `2025-06-30T23:59:59.5Z`, `2025-06-30T23:59:59+0100`,
    /// `2025-06-30 23:59:59` (a space for the `T`, as many feeds write it).
    /// Surrounding white space is ignored. `None` for anything else, including
    /// dates that do not exist (`2025-02-30`) and times that are not times.
    pub fn parse(text: &str) -> Option<Date> {
        let s = text.trim();
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(r)?;
            if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
                return None;
            }
            std::str::from_utf8(part).ok()?.parse().ok()
        };
        let (date, rest) = if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
            let d = Date::new(
                digits(0..4)? as u16,
                digits(5..7)? as u8,
                digits(8..10)? as u8,
            )?;
            (d, &s[10..])
        } else if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) {
            let d = Date::new(
                digits(0..4)? as u16,
                digits(4..6)? as u8,
                digits(6..8)? as u8,
            )?;
            (d, &s[8..])
        } else {
            return None;
        };
        if rest.is_empty() {
            return Some(date);
        }
        let time = rest
            .strip_prefix(['T', 't', ' '])
            .filter(|t| !t.is_empty())?;
        valid_time(time).then_some(date)
    }

    /// Today's date (UTC) from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Date::from_days((secs / 86_400) as i64)
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`),
    /// clamped into the years [`Date::new`] accepts.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        match year {
            ..1000 => Date {
                year: 1000,
                month: 1,
                day: 1,
            },
            10_000.. => Date {
                year: 9999,
                month: 12,
                day: 31,
            },
            _ => Date {
                year: year as u16,
                month,
                day,
            },
        }
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `hh`, `hh:mm[:ss[.fff]]` or `hhmm[ss]`, then nothing, `Z`, or an offset `±hh`,
/// `±hh:mm` or `±hhmm`.
fn valid_time(t: &str) -> bool {
    let (clock, zone) = match t.find(['Z', 'z', '+', '-']) {
        Some(i) => t.split_at(i),
        None => (t, ""),
    };
    let num = |s: &str, max: u32| {
        s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit()) && s.parse::<u32>().unwrap() <= max
    };
    let (clock, frac) = match clock.split_once(['.', ',']) {
        Some((c, f)) => (c, Some(f)),
        None => (clock, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|c| c.is_ascii_digit())) {
        return false;
    }
    let parts: Vec<&str> = if clock.contains(':') {
        clock.split(':').collect()
    } else if clock.len() % 2 == 0 && clock.is_ascii() {
        (0..clock.len())
            .step_by(2)
            .map(|i| &clock[i..i + 2])
            .collect()
    } else {
        return false;
    };
    // A leap second (60) is a valid time of day.
    let ok = match parts.as_slice() {
        [h] => num(h, 24) && frac.is_none(),
        [h, m] => num(h, 24) && num(m, 59) && frac.is_none(),
        [h, m, s] => num(h, 24) && num(m, 59) && num(s, 60),
        _ => false,
    };
    if !ok {
        return false;
    }
    match zone {
        "" | "Z" | "z" => true,
        z => {
            let off = &z[1..];
            match off.len() {
                2 => num(off, 23),
                4 => num(&off[..2], 23) && num(&off[2..], 59),
                5 => off.as_bytes()[2] == b':' && num(&off[..2], 23) && num(&off[3..], 59),
                _ => false,
            }
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Date, String> {
        Date::parse(s).ok_or_else(|| format!("`{s}` is not a date (expected YYYY-MM-DD)"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        Date::parse(s).map(|d| d.to_string())
    }

    #[test]
    fn iso_dates_and_date_times_read_to_the_day() {
        assert_eq!(d("2025-06-30").as_deref(), Some("2025-06-30"));
        assert_eq!(d(" 20250630 ").as_deref(), Some("2025-06-30"));
        assert_eq!(d("2025-10-31T23:59").as_deref(), Some("2025-10-31"));
        // NHS Jobs writes its offsets without a colon.
        assert_eq!(d("2020-12-31T23:59:59+0000").as_deref(), Some("2020-12-31"));
        assert_eq!(
            d("2025-12-05T23:59:59+00:00").as_deref(),
            Some("2025-12-05")
        );
        assert_eq!(d("2025-12-05T23:59:59.123Z").as_deref(), Some("2025-12-05"));
        assert_eq!(d("2025-12-05 09:00:00").as_deref(), Some("2025-12-05"));
        assert_eq!(d("2025-12-05T09-05").as_deref(), Some("2025-12-05"));
        assert_eq!(d("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(d("2000-02-29").as_deref(), Some("2000-02-29"));
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        for bad in [
            "",
            "soon",
            "2025-02-30",
            "1900-02-29",
            "2023-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-6-30",
            "30/06/2025",
            "2025-06-30T",
            "2025-06-30T25:00",
            "2025-06-30T12:60",
            "2025-06-30T12:00+2500",
            "2025-06-30T12:00:00+01:0",
            "2025-06-30x",
            "0999-01-01",
            "2025-06-30T12:00.5",
        ] {
            assert_eq!(d(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dates_order_count_and_round_trip() {
        let a = Date::parse("2025-06-30").unwrap();
        let b = Date::parse("2025-07-01").unwrap();
        assert!(a < b);
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_269).to_string(), "2025-06-30");
        assert_eq!(Date::from_days(-1).to_string(), "1969-12-31");
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, "\"2025-06-30\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), a);
        assert!(serde_json::from_str::<Date>("\"2025-02-30\"").is_err());
        let today = Date::today();
        assert!(today.year() >= 2024, "{today}");
    }
}
