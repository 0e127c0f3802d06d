use std::path::Path;

use super::*;

fn doc(json: &str) -> Vec<Role> {
    parse_document(json, Path::new("roles/post.jsonld")).unwrap()
}

fn one(json: &str) -> Role {
    let mut v = doc(json);
    assert_eq!(v.len(), 1);
    v.remove(0)
}

#[test]
fn minimal_posting_uses_file_stem() {
    let r = one(r#"{"@type":"JobPosting","title":"Analyst"}"#);
    assert_eq!(r.id, "post");
    assert_eq!(r.title, "Analyst");
    assert_eq!(r.source, "roles/post.jsonld");
    assert_eq!(r.essentials_total(), 0);
}

#[test]
fn identifier_forms() {
    let id = |j: &str| one(j).id;
    assert_eq!(id(r#"{"title":"A","identifier":"abc-1"}"#), "abc-1");
    assert_eq!(id(r#"{"title":"A","identifier":12345}"#), "12345");
    assert_eq!(
        id(r#"{"title":"A","identifier":{"@type":"PropertyValue","name":"ref","value":"X-9"}}"#),
        "X-9"
    );
    assert_eq!(
        id(r#"{"title":"A","identifier":{"@type":"PropertyValue","value":77}}"#),
        "77"
    );
    assert_eq!(
        id(r#"{"title":"A","identifier":[{"value":"first"},"second"]}"#),
        "first"
    );
    assert_eq!(
        id(r#"{"title":"A","id":"own","identifier":"other"}"#),
        "own"
    );
    assert_eq!(
        id(r#"{"title":"A","@id":"https://x/jobs/1","identifier":"other"}"#),
        "other"
    );
    assert_eq!(id(r#"{"title":"A","identifier":null}"#), "post");
    assert_eq!(
        id(r#"{"title":"A","identifier":{"name":"no value"}}"#),
        "post"
    );
}

#[test]
fn salary_forms() {
    let s = |j: &str| {
        let r = one(&format!(r#"{{"title":"A","baseSalary":{j}}}"#));
        (r.salary_min, r.salary_max, r.salary_text)
    };
    assert_eq!(
        s(
            r#"{"@type":"MonetaryAmount","currency":"GBP","value":{"@type":"QuantitativeValue","minValue":47810,"maxValue":54710,"unitText":"YEAR"}}"#
        ),
        (Some(47810.0), Some(54710.0), None)
    );
    assert_eq!(
        s(
            r#"{"value":{"minValue":"29888","maxValue":"36738","unitText":"YEAR","value":"£29,888 - £36,738 per annum"}}"#
        ),
        (Some(29888.0), Some(36738.0), None)
    );
    assert_eq!(s("42000"), (Some(42000.0), Some(42000.0), None));
    assert_eq!(
        s(r#""£43,742 to £50,056 a year""#),
        (Some(43742.0), Some(50056.0), None)
    );
    assert_eq!(s(r#""£40k - £55k""#), (Some(40000.0), Some(55000.0), None));
    assert_eq!(
        s(r#"{"value":{"value":"negotiable","unitText":"YEAR"}}"#),
        (None, None, Some("negotiable".into()))
    );
    assert_eq!(
        s(r#"{"value":{"value":"Band 5 £24,907 - £30,615"}}"#),
        (Some(24907.0), Some(30615.0), None)
    );
    assert_eq!(
        s(r#"{"value":{"value":12.5,"unitText":"HOUR"}}"#),
        (Some(12.5), Some(12.5), Some("12.50 per hour".into()))
    );
    assert_eq!(
        s(r#"{"value":{"minValue":60000,"maxValue":50000}}"#).0,
        Some(50000.0)
    );
    assert_eq!(s("null"), (None, None, None));
    assert_eq!(s("[]"), (None, None, None));
    assert_eq!(s("true"), (None, None, None));
    let r = one(r#"{"title":"A","baseSalary":{"value":{"value":"Band 6"}}}"#);
    assert_eq!(r.band.as_deref(), Some("Band 6"));
    assert_eq!(r.salary_text.as_deref(), Some("Band 6"));
}

#[test]
fn field_shapes() {
    let r = one(r#"{
        "@context":"https://schema.org","@type":["JobPosting"],
        "title":"  Data &amp; AI Lead ",
        "hiringOrganization":"Leeds Trust",
        "jobLocation":[{"@type":"Place","address":{"addressLocality":"LEEDS","addressRegion":"West Yorkshire"}},
                       {"@type":"Place","name":"Remote site"}],
        "employmentType":["FULL_TIME","PART_TIME","FULL_TIME"],
        "occupationalCategory":{"@type":"CategoryCode","codeValue":"2425","name":"Data scientists"},
        "skills":"Python, SQL; dbt",
        "responsibilities":["Build models","<ul><li>Ship</li><li>Measure</li></ul>"],
        "educationRequirements":[{"@type":"EducationalOccupationalCredential","credentialCategory":"postgraduate degree"},"degree"],
        "experienceRequirements":{"@type":"OccupationalExperienceRequirements","monthsOfExperience":36},
        "datePosted":{"weird":[1,2]},
        "unknownField":[null, {"a":1}]
    }"#);
    assert_eq!(r.title, "Data & AI Lead");
    assert_eq!(r.organisation.as_deref(), Some("Leeds Trust"));
    assert_eq!(
        r.location.as_deref(),
        Some("Leeds, West Yorkshire; Remote site")
    );
    assert_eq!(r.employment_type.as_deref(), Some("Full time, Part time"));
    assert_eq!(r.occupational_category.as_deref(), Some("Data scientists"));
    assert_eq!(r.skills, ["Python", "SQL", "dbt"]);
    assert_eq!(r.responsibilities, ["Build models", "Ship", "Measure"]);
    let ess: Vec<_> = r
        .criteria_with(Priority::Essential)
        .map(|c| (c.text.as_str(), c.category))
        .collect();
    assert_eq!(
        ess,
        [
            ("Postgraduate degree", Some(Category::Qualifications)),
            ("Degree", Some(Category::Qualifications)),
            (
                "At least 3 years of relevant experience",
                Some(Category::Experience)
            ),
        ]
    );
}

#[test]
fn every_field_may_be_odd() {
    for v in [
        "null",
        "1",
        "true",
        "[]",
        "{}",
        "[null,1,{}]",
        r#"{"name":null}"#,
        r#""""#,
    ] {
        let j = format!(
            r#"{{"@type":"JobPosting","title":"T","description":{v},"identifier":{v},"baseSalary":{v},"hiringOrganization":{v},"jobLocation":{v},"employmentType":{v},"skills":{v},"qualifications":{v},"educationRequirements":{v},"experienceRequirements":{v},"responsibilities":{v},"occupationalCategory":{v},"jobLocationType":{v}}}"#
        );
        let r = one(&j);
        assert_eq!(r.title, "T");
    }
}

#[test]
fn months_of_experience() {
    let m = |n: &str| months_text(&serde_json::from_str(n).unwrap());
    assert_eq!(
        m("12").as_deref(),
        Some("At least 1 year of relevant experience")
    );
    assert_eq!(
        m("24").as_deref(),
        Some("At least 2 years of relevant experience")
    );
    assert_eq!(
        m("18").as_deref(),
        Some("At least 1.5 years of relevant experience")
    );
    assert_eq!(
        m("6").as_deref(),
        Some("At least 6 months of relevant experience")
    );
    assert_eq!(
        m("\"60\"").as_deref(),
        Some("At least 5 years of relevant experience")
    );
    assert_eq!(m("0"), None);
    assert_eq!(m("null"), None);
}

#[test]
fn description_html_and_spec() {
    let r = one(r#"{"@type":"JobPosting","title":"Nurse",
        "description":"&lt;p&gt;Join us &amp;amp; grow.&lt;/p&gt;&lt;h3&gt;Person Specification&lt;/h3&gt;&lt;p&gt;Qualifications&lt;/p&gt;&lt;p&gt;Essential&lt;/p&gt;&lt;ul&gt;&lt;li&gt;NMC registration&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Desirable&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Mentorship course&lt;/li&gt;&lt;/ul&gt;"}"#);
    assert!(
        r.description
            .starts_with("Join us & grow.\n\nPerson Specification"),
        "{}",
        r.description
    );
    assert!(r.description.contains("• NMC registration"));
    assert_eq!(r.summary, "Join us & grow.");
    assert_eq!(r.criteria.len(), 2);
    assert_eq!(r.criteria[0].text, "NMC registration");
    assert_eq!(r.criteria[0].category, Some(Category::Qualifications));
    assert_eq!(r.criteria[1].priority, Priority::Desirable);
}

#[test]
fn qualifications_inline_and_unlabelled() {
    let r = one(
        r#"{"title":"A","qualifications":"Essential: MSc; Python. Desirable: FHIR.","description":"Essential: Python; SQL"}"#,
    );
    let t: Vec<_> = r.criteria.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(t, ["MSc", "Python", "SQL", "FHIR"]);
    let r = one(r#"{"title":"A","qualifications":["Degree in nursing; NMC registration"]}"#);
    assert_eq!(r.essentials_total(), 2);
    let r = one(&format!(
        r#"{{"title":"A","qualifications":"{}"}}"#,
        "long prose ".repeat(60)
    ));
    assert_eq!(r.essentials_total(), 0);
}

#[test]
fn prefixed_keys() {
    let r = one(
        r#"{"@type":"schema:JobPosting","schema:title":"A","http://schema.org/hiringOrganization":{"schema:name":"Org"}}"#,
    );
    assert_eq!(r.title, "A");
    assert_eq!(r.organisation.as_deref(), Some("Org"));
}

#[test]
fn arrays_graphs_and_skipping() {
    let v = doc(
        r#"[{"@type":"JobPosting","title":"A"},{"@type":"Organization","name":"X"},{"@type":"JobPosting","title":"B","identifier":"b"}]"#,
    );
    let ids: Vec<_> = v.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["post:1", "b"]);
    let v = doc(
        r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"p"},{"@type":"JobPosting","title":"G"}]}"#,
    );
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].id, "post");
    let v = doc(r#"{"@type":"WebPage","mainEntity":{"@type":"schema:JobPosting","title":"M"}}"#);
    assert_eq!(v[0].title, "M");
}

#[test]
fn not_a_posting_is_a_clear_error() {
    let p = Path::new("r/x.json");
    let e = parse_document(r#"{"@type":"Organization","name":"NHS"}"#, p)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("r/x.json: ") && e.contains("Organization"),
        "{e}"
    );
    let e = parse_document(r#"{"foo":1}"#, p).unwrap_err().to_string();
    assert!(e.contains("JobPosting"), "{e}");
    let e = parse_document("[]", p).unwrap_err().to_string();
    assert!(e.contains("no JobPosting"), "{e}");
    let e = parse_document("42", p).unwrap_err().to_string();
    assert!(e.contains("a number"), "{e}");
    let e = parse_document(r#"{"@type":"JobPosting","title":" "}"#, p)
        .unwrap_err()
        .to_string();
    assert!(e.contains("no `title`"), "{e}");
}

#[test]
fn malformed_json_gives_line_and_column() {
    let e = parse_document(
        "{\n  \"title\": \"A\",\n  \"x\": ]\n}",
        Path::new("r/x.json"),
    )
    .unwrap_err();
    match &e {
        Error::Syntax { line, col, .. } => assert_eq!((*line, *col), (3, 8)),
        other => panic!("{other:?}"),
    }
    let s = e.to_string();
    assert!(s.starts_with("r/x.json:3:8: "), "{s}");
    assert!(!s.contains(" at line "), "{s}");
    // Columns count characters, not bytes.
    let e = parse_document("{\"tïtlé\": ]}", Path::new("x.json"))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("x.json:1:11: "), "{e}");
    let e = parse_document("{\"title\": \"A\"", Path::new("x.json"))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("x.json:1:"), "{e}");
}

#[test]
fn json_lines_ids_sources_and_blank_lines() {
    let text =
        "{\"title\":\"A\"}\n\n  \n{\"title\":\"B\",\"identifier\":\"b-1\"}\r\n{\"title\":\"C\"}\n";
    let v = parse_lines(text, Path::new("d/nhs.jsonl.gz")).unwrap();
    let ids: Vec<_> = v.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["nhs:1", "b-1", "nhs:5"]);
    let src: Vec<_> = v.iter().map(|r| r.source.as_str()).collect();
    assert_eq!(
        src,
        ["d/nhs.jsonl.gz:1", "d/nhs.jsonl.gz:4", "d/nhs.jsonl.gz:5"]
    );
}

#[test]
fn json_lines_errors_give_file_line() {
    let text = "{\"title\":\"A\"}\n\n{\"title\": nope}\n";
    let e = parse_lines(text, Path::new("x.jsonl")).unwrap_err();
    let s = e.to_string();
    assert!(s.starts_with("x.jsonl:3:12: "), "{s}");
    let e = parse_lines("{\"title\":\"A\"}\n{\"foo\":1}\n", Path::new("x.jsonl"))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("x.jsonl:2:"), "{e}");
}

#[test]
fn json_lines_many_in_order() {
    let mut text = String::new();
    for i in 0..1000 {
        text.push_str(&format!(
            "{{\"@type\":\"JobPosting\",\"title\":\"T{i}\"}}\n"
        ));
    }
    let v = parse_lines(&text, Path::new("big.jsonl")).unwrap();
    assert_eq!(v.len(), 1000);
    assert!(
        v.iter()
            .enumerate()
            .all(|(i, r)| r.title == format!("T{i}") && r.id == format!("big:{}", i + 1))
    );
}

#[test]
fn employment_type_readable() {
    assert_eq!(readable_enum("FULL_TIME"), "Full time");
    assert_eq!(readable_enum("OTHER"), "Other");
    assert_eq!(readable_enum("https://schema.org/FullTime"), "Full time");
    assert_eq!(readable_enum("Permanent"), "Permanent");
}

#[test]
fn bands() {
    assert_eq!(band_in("Staff Nurse Band 5").as_deref(), Some("Band 5"));
    assert_eq!(
        band_in("Agenda for Change band 8a (£50k)").as_deref(),
        Some("Band 8a")
    );
    assert_eq!(band_in("Band 8d").as_deref(), Some("Band 8d"));
    assert_eq!(band_in("broadband 5"), None);
    assert_eq!(band_in("Band 55"), None);
    assert_eq!(band_in("Band 5a1"), None);
}

#[test]
fn sample_roles_parse() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/roles"));
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "jsonld") {
            let text = std::fs::read_to_string(&p).unwrap();
            let v = parse_document(&text, &p).unwrap();
            assert_eq!(v.len(), 1);
            let r = &v[0];
            assert_eq!(r.id, super::super::stem_id(&p));
            assert!(r.essentials_total() >= 3, "{}: {:?}", r.id, r.criteria);
            assert!(r.criteria_with(Priority::Desirable).count() >= 1);
            assert!(r.salary_min.is_some() && r.organisation.is_some() && r.location.is_some());
            assert!(
                !r.description.contains('<') && !r.description.contains("&amp;"),
                "{}",
                r.description
            );
            n += 1;
        }
    }
    assert_eq!(n, 3);
}

#[test]
fn dates_url_and_places_of_an_nhs_advert() {
    // As NHS Jobs publishes them (shortened).
    let r = one(r#"{"@context":"http://schema.org","@type":"JobPosting",
        "title":"Staff Nurse","identifier":"915390428",
        "baseSalary":{"@type":"MonetaryAmount","currency":"GBP","value":{"@type":"QuantitativeValue","maxValue":"42618","minValue":"35392","unitText":"YEAR","value":"£35,392 - £42,618 a year"}},
        "datePosted":"2018-12-27T10:50:17+0000",
        "validThrough":"2020-12-31T23:59:59+0000",
        "jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressCountry":"GB","addressLocality":"ARLESEY","postalCode":"sg15 6sn"}},
        "url":"https://www.jobs.nhs.uk/xi/vacancy/915390428"}"#);
    assert_eq!(r.date_posted.unwrap().to_string(), "2018-12-27");
    assert_eq!(r.valid_through.unwrap().to_string(), "2020-12-31");
    assert_eq!(
        r.url.as_deref(),
        Some("https://www.jobs.nhs.uk/xi/vacancy/915390428")
    );
    assert_eq!(
        r.places,
        [Place {
            locality: Some("Arlesey".into()),
            region: None,
            postcode: Some("SG15 6SN".into()),
            country: Some("GB".into()),
        }]
    );
    assert_eq!(r.location.as_deref(), Some("Arlesey"));
    assert!(!r.remote);
    assert_eq!((r.salary_min, r.salary_max), (Some(35392.0), Some(42618.0)));
    assert_eq!(r.salary_currency.as_deref(), Some("GBP"));
    assert_eq!(r.salary_period, Some(SalaryPeriod::Year));
    assert_eq!(r.annual_salary(), Some((35392.0, 42618.0)));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // The facts survive the index's JSON.
    let back: Role = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(
        back,
        Role {
            warnings: vec![],
            ..r
        }
    );
}

#[test]
fn a_posting_without_the_new_fields_has_none_of_them() {
    let r = one(r#"{"@type":"JobPosting","title":"Analyst"}"#);
    assert_eq!(
        (r.date_posted, r.valid_through, r.url.as_deref()),
        (None, None, None)
    );
    assert!(r.places.is_empty() && !r.remote && r.warnings.is_empty());
    assert_eq!((r.salary_currency, r.salary_period), (None, None));
    // A role stored by an older cvmatch (no such keys) reads the same.
    let old: Role = serde_json::from_str(r#"{"id":"x","title":"X","location":"Leeds"}"#).unwrap();
    assert!(old.places.is_empty() && old.valid_through.is_none() && !old.remote);
}

#[test]
fn bad_dates_and_urls_are_warnings_naming_file_and_posting() {
    let r = one(r#"{"@type":"JobPosting","title":"A","identifier":"ref-7",
        "datePosted":"last Tuesday","validThrough":"2025-02-30",
        "url":"javascript:alert(1)"}"#);
    assert_eq!(
        (r.date_posted, r.valid_through, r.url.clone()),
        (None, None, None)
    );
    assert_eq!(r.warnings.len(), 3, "{:?}", r.warnings);
    for (w, field) in r.warnings.iter().zip(["datePosted", "validThrough", "url"]) {
        assert!(
            w.starts_with("roles/post.jsonld (posting `ref-7`): ") && w.contains(field),
            "{w}"
        );
    }
    assert!(
        r.warnings[1].contains("\"2025-02-30\""),
        "{}",
        r.warnings[1]
    );
    // JSON Lines name the line.
    let v = parse_lines(
        "{\"title\":\"A\"}\n{\"title\":\"B\",\"validThrough\":{\"weird\":1}}\n",
        Path::new("feed.jsonl"),
    )
    .unwrap();
    assert!(v[0].warnings.is_empty());
    assert!(
        v[1].warnings[0].starts_with("feed.jsonl:2 (posting `feed:2`): `validThrough`"),
        "{:?}",
        v[1].warnings
    );
    // sameAs stands in for url; a blank date is no date, not a warning.
    let r = one(r#"{"title":"A","sameAs":["https://example.org/jobs/1"],"datePosted":" "}"#);
    assert_eq!(r.url.as_deref(), Some("https://example.org/jobs/1"));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn locations_remote_and_several_places() {
    let r = one(r#"{"title":"A","jobLocationType":"TELECOMMUTE",
        "applicantLocationRequirements":{"@type":"Country","name":"UK"}}"#);
    assert!(r.remote);
    assert_eq!(r.location.as_deref(), Some("Remote"));
    assert!(r.places.is_empty());
    let r = one(r#"{"title":"A","jobLocationType":["TELECOMMUTE"],
        "jobLocation":[
          {"@type":"Place","address":{"addressLocality":"Leeds","addressRegion":"West Yorkshire","postalCode":"LS1 3EX","addressCountry":{"@type":"Country","name":"GB"}}},
          {"@type":"Place","name":"Bradford Royal Infirmary"},
          "York",
          {"@type":"PostalAddress","addressLocality":"LEEDS","addressRegion":"West Yorkshire","postalCode":"LS1 3EX","addressCountry":"GB"}
        ]}"#);
    assert!(r.remote);
    let localities: Vec<_> = r
        .places
        .iter()
        .map(|p| p.locality.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(localities, ["Leeds", "Bradford Royal Infirmary", "York"]);
    assert_eq!(r.places[0].country.as_deref(), Some("GB"));
    assert_eq!(r.places[0].region.as_deref(), Some("West Yorkshire"));
}

#[test]
fn salaries_by_period_currency_and_nhs_quirks() {
    let s = |j: &str| {
        let r = one(&format!(r#"{{"title":"A","baseSalary":{j}}}"#));
        (
            r.salary_min,
            r.salary_max,
            r.salary_period,
            r.salary_currency.clone(),
            r.annual_salary(),
        )
    };
    use SalaryPeriod::*;
    // Text only: amounts, period and currency from the words.
    assert_eq!(
        s(r#""£35,392 - £42,618 a year""#),
        (
            Some(35392.0),
            Some(42618.0),
            Some(Year),
            Some("GBP".into()),
            Some((35392.0, 42618.0))
        )
    );
    let (lo, hi, p, _, annual) = s(r#"{"value":{"value":"£13.00 to £17.00 per hour"}}"#);
    assert_eq!((lo, hi, p), (Some(13.0), Some(17.0), Some(Hour)));
    assert_eq!(annual, Some((13.0 * 1950.0, 17.0 * 1950.0)));
    // NHS Jobs already gives hourly pay as a yearly minValue/maxValue.
    let (lo, _, p, _, _) = s(
        r#"{"value":{"maxValue":"28577","minValue":"21853","unitText":"YEAR","value":"£13.00 to £17.00 per hour"}}"#,
    );
    assert_eq!((lo, p), (Some(21853.0), Some(Year)));
    // …but labels a weekly rate YEAR without converting it.
    let (lo, _, p, _, annual) = s(
        r#"{"value":{"maxValue":"155","minValue":"155","unitText":"YEAR","value":"£155.63 per week"}}"#,
    );
    assert_eq!((lo, p), (Some(155.63), Some(Week)));
    assert_eq!(annual.map(|(a, _)| a.round()), Some(8093.0));
    // Per session: no yearly amount.
    let (lo, _, p, _, annual) = s(
        r#"{"value":{"maxValue":"450","minValue":"375","unitText":"YEAR","value":"£375-£450 per session"}}"#,
    );
    assert_eq!((lo, p, annual), (Some(375.0), Some(Other), None));
    // Digits of a postcode are not a salary.
    assert_eq!(
        s(r#"{"value":{"maxValue":"249","minValue":"249","unitText":"YEAR","value":"RG24 9RH"}}"#)
            .0,
        None
    );
    // An implausible number gives way to the amount in the text.
    assert_eq!(
        s(r#"{"value":{"maxValue":"1681","minValue":"1681","unitText":"YEAR","value":"Up to £90,000 (DOE) including 1:5 on call"}}"#).0,
        Some(90000.0)
    );
    // unitText in other spellings; currency as given.
    let (_, _, p, c, annual) = s(
        r#"{"@type":"MonetaryAmount","currency":"eur","value":{"@type":"QuantitativeValue","value":4000,"unitText":"MONTH"}}"#,
    );
    assert_eq!(
        (p, c, annual),
        (Some(Month), Some("EUR".into()), Some((48000.0, 48000.0)))
    );
}

/// The parser's leaf errors are typed; the file-level error carries their text.
#[test]
fn leaf_errors_are_typed() {
    use serde_json::json;
    assert_eq!(
        top_level_postings(&json!(3)).unwrap_err(),
        PostingError::NotAnObject("a number")
    );
    assert_eq!(
        top_level_postings(&json!([{"@type": "Person"}])).unwrap_err(),
        PostingError::NoneInArray
    );
    assert_eq!(
        top_level_postings(&json!({"@type": "Person"})).unwrap_err(),
        PostingError::OtherType("\"Person\"".into())
    );
    assert_eq!(
        top_level_postings(&json!({"x": 1})).unwrap_err(),
        PostingError::Untyped
    );
    let untitled = json!({"@type": "JobPosting", "description": "x"});
    let o = untitled.as_object().unwrap();
    assert_eq!(
        posting_to_role(o, "id".into(), "src".into()).unwrap_err(),
        PostingError::NoTitle
    );
}
