//! PDF extraction on small PDFs built here with lopdf, and on the sample CVs.

use std::path::{Path, PathBuf};

use cvmatch::extract::{Document, extract_path, extract_pdf_bytes};
mod support;

use lopdf::{Dictionary, Object, Stream, dictionary};
use support::{Pdf, fonts, helvetica_page};

fn extract(bytes: &[u8]) -> Document {
    extract_pdf_bytes(bytes, Path::new("test.pdf")).expect("extracts")
}

#[test]
fn helvetica_winansi_text_and_bold() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let f2 = pdf.helvetica("Helvetica-Bold");
    pdf.page(
        b"BT /F2 16 Tf 72 720 Td (Jane Doe) Tj ET
          BT /F1 10 Tf 72 690 Td (Caf\\351 owner, na\\357ve \\223quotes\\224) Tj
          0 -14 Td (second line) Tj T* ET",
        fonts(&[("F1", f1), ("F2", f2)]),
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.pages, 1);
    assert_eq!(d.lines[0].text, "Jane Doe");
    assert!(d.lines[0].bold);
    assert!((d.lines[0].font_size - 16.0).abs() < 0.01);
    assert!(
        (d.lines[0].y - 72.0).abs() < 0.01,
        "y from top: {}",
        d.lines[0].y
    );
    assert_eq!(d.lines[1].text, "Café owner, naïve “quotes”");
    assert!(!d.lines[1].bold);
    assert_eq!(d.lines[2].text, "second line");
    assert_eq!(d.text, "Jane Doe\nCafé owner, naïve “quotes”\nsecond line");
}

#[test]
fn tj_kerning_and_word_gaps() {
    let d = extract(&helvetica_page(
        b"BT /F1 12 Tf 72 700 Td [(Mach) 15 (ine)-1000(Learn)-20(ing) -600 (Eng) 30 (ineer)] TJ ET
          BT /F1 12 Tf 2 Tc 72 680 Td (spaced) Tj ET
          BT /F1 12 Tf 5 Tw 72 660 Td (two words) Tj ET
          BT /F1 12 Tf 14 TL 72 640 Td (a) Tj (b) ' 1 2 (c) \" ET",
    ));
    let texts: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Machine Learning Engineer",
            "spaced",
            "two words",
            "a",
            "b",
            "c"
        ]
    );
}

#[test]
fn type0_identity_h_with_tounicode() {
    let mut pdf = Pdf::new();
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CMapName /Test def 1 begincodespacerange <0000> <FFFF> endcodespacerange
        3 beginbfchar <0001> <0043> <0002> <0056> <0003> <FB01> endbfchar
        1 beginbfrange <0010> <0012> <0061> endbfrange
        1 beginbfrange <0020> <0021> [<00E9> <D83DDE00>] endbfrange
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let tu = pdf.add(Stream::new(dictionary! {}, cmap.to_vec()));
    let cid = pdf.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "ABCDEF+Test-Bold",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "DW" => 600,
        "W" => vec![1.into(), vec![700.into(), 650.into()].into(), 16.into(), 18.into(), 500.into()],
    });
    let f = pdf.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "ABCDEF+Test-Bold",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid.into()],
        "ToUnicode" => tu,
    });
    pdf.page(
        b"BT /F1 11 Tf 72 700 Td <00010002> Tj 20 0 Td <0003001000110012> Tj 40 0 Td <00200021> Tj ET",
        fonts(&[("F1", f)]),
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.lines.len(), 1);
    assert_eq!(d.lines[0].text, "CV fiabc é😀");
    assert!(d.lines[0].bold);
}

#[test]
fn type0_with_predefined_unicode_cmap_and_no_tounicode() {
    let mut pdf = Pdf::new();
    let cid = pdf.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType0",
        "BaseFont" => "STSong-Light",
        "DW" => 1000,
    });
    let f = pdf.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "STSong-Light",
        "Encoding" => "UniGB-UCS2-H",
        "DescendantFonts" => vec![cid.into()],
    });
    pdf.page(
        b"BT /F1 12 Tf 72 700 Td <4F60597D> Tj ET",
        fonts(&[("F1", f)]),
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.text, "你好");
}

#[test]
fn adobe_gb1_cid_font_without_tounicode_reads_through_the_collection() {
    // CFF CID font, Identity-H, no ToUnicode: the CIDs are Adobe-GB1 CIDs (36 "C",
    // 55 "V", 1 space, 4559 中).
    let mut pdf = Pdf::new();
    let cid = pdf.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType0",
        "BaseFont" => "ABCDEF+AdobeSongStd-Light",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"),
            "Supplement" => 5,
        },
        "DW" => 1000,
        "W" => vec![1.into(), 95.into(), 500.into()],
    });
    let f = pdf.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "ABCDEF+AdobeSongStd-Light-Identity-H",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid.into()],
    });
    pdf.page(
        b"BT /F1 12 Tf 72 700 Td <0024003700010024003711CF> Tj ET",
        fonts(&[("F1", f)]),
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.text, "CV CV中");
    assert_eq!(d.stats.unmapped_glyphs, 0);
    assert_eq!(d.stats.status, cvmatch::extract::Status::Ok);
}

#[test]
fn two_columns_read_column_by_column() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mut content = b"BT /F1 18 Tf 200 760 Td (Full Width Header Name) Tj ET\n".to_vec();
    for i in 0..8 {
        let y = 700 - i * 14;
        content.extend_from_slice(
            format!(
                "BT /F1 10 Tf 50 {y} Td (left column line {i}) Tj ET\n\
                 BT /F1 10 Tf 320 {y} Td (right column line {i}) Tj ET\n"
            )
            .as_bytes(),
        );
    }
    pdf.page(&content, fonts(&[("F1", f1)]));
    let d = extract(&pdf.finish());
    let texts: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    let mut expected = vec!["Full Width Header Name".to_string()];
    expected.extend((0..8).map(|i| format!("left column line {i}")));
    expected.extend((0..8).map(|i| format!("right column line {i}")));
    assert_eq!(texts, expected);
    assert!((d.lines[9].x - 320.0).abs() < 0.01);
}

#[test]
fn label_value_table_reads_row_by_row() {
    // A skills table: labels at x=50 and scores at x=250, rows 26 pt apart (more
    // than a line of text apart), under a heading. Read row by row, as pdftotext
    // does, not all labels and then all scores.
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mut content = b"BT /F1 14 Tf 50 760 Td (Skills) Tj ET\n".to_vec();
    let rows = ["Python", "Rust", "SQL", "Go", "Excel"];
    for (i, label) in rows.iter().enumerate() {
        let y = 730 - i as i32 * 26;
        content.extend_from_slice(
            format!(
                "BT /F1 12 Tf 50 {y} Td ({label}) Tj ET\n\
                 BT /F1 9 Tf 250 {y} Td ({}%) Tj ET\n",
                100 - i * 10
            )
            .as_bytes(),
        );
    }
    pdf.page(&content, fonts(&[("F1", f1)]));
    let d = extract(&pdf.finish());
    let words: Vec<&str> = d.text.split_whitespace().collect();
    assert_eq!(
        words,
        [
            "Skills", "Python", "100%", "Rust", "90%", "SQL", "80%", "Go", "70%", "Excel", "60%"
        ]
    );
}

#[test]
fn a_date_column_a_little_out_of_line_still_reads_row_by_row() {
    // Years on the left, each a few points left or right of the one above (as
    // design tools place centred text), achievements on the right on the same
    // baselines, rows 20 pt apart. Each year stays with its achievement.
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mut content = b"BT /F1 14 Tf 50 760 Td (Awards) Tj ET\n".to_vec();
    let rows = [
        (50.0, "2016 - 2017", "Scholarship for semester three"),
        (54.0, "2017 - 2018", "Scholarship for semester five"),
        (50.5, "2018 - 2019", "Prize for the final project"),
    ];
    for (i, (x, years, what)) in rows.iter().enumerate() {
        let y = 730 - i as i32 * 20;
        content.extend_from_slice(
            format!(
                "BT /F1 11 Tf {x} {y} Td ({years}) Tj ET\n\
                 BT /F1 11 Tf 160 {} Td ({what}) Tj ET\n",
                y + 1
            )
            .as_bytes(),
        );
    }
    pdf.page(&content, fonts(&[("F1", f1)]));
    let d = extract(&pdf.finish());
    let words = d.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        words,
        "Awards 2016 - 2017 Scholarship for semester three 2017 - 2018 Scholarship for \
         semester five 2018 - 2019 Prize for the final project",
    );
}

#[test]
fn entries_side_by_side_are_read_entry_by_entry() {
    // A column of titles and dates beside a column of descriptions, each entry
    // starting level on both sides and the entries a blank row apart. The cells
    // are loose (the dates two lines under the title, the description in two
    // paragraphs), so they are not a table; reading each side whole would part
    // every title from what it describes.
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mut content = Vec::new();
    for i in 0..3 {
        let y = 740 - i * 90;
        content.extend_from_slice(
            format!(
                "BT /F1 10 Tf 50 {y} Td (Title of entry {i}) Tj ET\n\
                 BT /F1 10 Tf 50 {} Td (dates of entry {i}) Tj ET\n\
                 BT /F1 10 Tf 250 {y} Td (what entry {i} did, first line) Tj ET\n\
                 BT /F1 10 Tf 250 {} Td (what entry {i} did, second line) Tj ET\n\
                 BT /F1 10 Tf 250 {} Td (a second paragraph of entry {i}) Tj ET\n",
                y - 30,
                y - 14,
                y - 36
            )
            .as_bytes(),
        );
    }
    pdf.page(&content, fonts(&[("F1", f1)]));
    let d = extract(&pdf.finish());
    let texts: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    let expected: Vec<String> = (0..3)
        .flat_map(|i| {
            [
                format!("Title of entry {i}"),
                format!("dates of entry {i}"),
                format!("what entry {i} did, first line"),
                format!("what entry {i} did, second line"),
                format!("a second paragraph of entry {i}"),
            ]
        })
        .collect();
    assert_eq!(texts, expected);
}

#[test]
fn columns_on_one_line_grid_with_blank_rows_in_step_stay_columns() {
    // Two columns of text on the same line grid whose paragraphs happen to
    // break on the same rows: level starts, but both sides long, so columns.
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mut content = Vec::new();
    for p in 0..2 {
        for i in 0..6 {
            let y = 740 - p * 110 - i * 14;
            content.extend_from_slice(
                format!(
                    "BT /F1 10 Tf 50 {y} Td (left paragraph {p} line {i}) Tj ET\n\
                     BT /F1 10 Tf 320 {y} Td (right paragraph {p} line {i}) Tj ET\n"
                )
                .as_bytes(),
            );
        }
    }
    pdf.page(&content, fonts(&[("F1", f1)]));
    let d = extract(&pdf.finish());
    let texts: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    let mut expected: Vec<String> = Vec::new();
    for side in ["left", "right"] {
        for p in 0..2 {
            expected.extend((0..6).map(|i| format!("{side} paragraph {p} line {i}")));
        }
    }
    assert_eq!(texts, expected);
}

#[test]
fn entry_dates_stay_with_their_entries() {
    // Entries with a title on the left, dates flush right on the same baseline,
    // and two bullet lines under the title: each date stays with its entry (as
    // its own cell, after the title, as pdftotext reads it).
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mut content = Vec::new();
    for (i, (title, dates)) in [
        ("Data Engineer at Acme", "2021 - 2024"),
        ("Analyst at Globex", "2018 - 2021"),
        ("Intern at Initech", "2017 - 2018"),
    ]
    .iter()
    .enumerate()
    {
        let y = 740 - i as i32 * 60;
        let x = 540 - dates.len() as i32 * 5;
        content.extend_from_slice(
            format!(
                "BT /F1 10 Tf 50 {y} Td ({title}) Tj ET\n\
                 BT /F1 10 Tf {x} {y} Td ({dates}) Tj ET\n\
                 BT /F1 10 Tf 50 {} Td (first bullet of entry {i}) Tj ET\n\
                 BT /F1 10 Tf 50 {} Td (second bullet of entry {i}) Tj ET\n",
                y - 18,
                y - 36
            )
            .as_bytes(),
        );
    }
    pdf.page(&content, fonts(&[("F1", f1)]));
    let d = extract(&pdf.finish());
    let texts: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Data Engineer at Acme",
            "2021 - 2024",
            "first bullet of entry 0",
            "second bullet of entry 0",
            "Analyst at Globex",
            "2018 - 2021",
            "first bullet of entry 1",
            "second bullet of entry 1",
            "Intern at Initech",
            "2017 - 2018",
            "first bullet of entry 2",
            "second bullet of entry 2",
        ]
    );
}

#[test]
fn words_hyphenated_across_lines_are_joined() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let lines = [
        "Built an infor-",
        "mation system for data-driven",
        "teams, with SQL-",
        "databases and a -",
        "- list item after a dash",
        "one more line ending in re-",
        "Capitalised next line",
    ];
    let mut content = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let y = 700 - i as i32 * 12;
        content.extend_from_slice(format!("BT /F1 10 Tf 72 {y} Td ({l}) Tj ET\n").as_bytes());
    }
    // A hyphen at the end of the left column is not joined with the top of the
    // right column.
    for (i, (l, r)) in [
        ("left one", "umn text"),
        ("left two", "right two"),
        ("left three", "right three"),
        ("left col-", "right four"),
    ]
    .iter()
    .enumerate()
    {
        let y = 400 - i as i32 * 12;
        content.extend_from_slice(
            format!("BT /F1 10 Tf 72 {y} Td ({l}) Tj ET\nBT /F1 10 Tf 320 {y} Td ({r}) Tj ET\n")
                .as_bytes(),
        );
    }
    pdf.page(&content, fonts(&[("F1", f1)]));
    let d = extract(&pdf.finish());
    let texts: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Built an information",
            "system for data-driven",
            "teams, with SQL-",
            "databases and a -",
            "- list item after a dash",
            "one more line ending in re-",
            "Capitalised next line",
            "left one",
            "left two",
            "left three",
            "left col-",
            "umn text",
            "right two",
            "right three",
            "right four",
        ]
    );
    // The shortened line starts where its remaining text starts.
    assert!(d.lines[1].x > 72.0 + 20.0, "x {}", d.lines[1].x);
    // A line that was only the rest of a word disappears.
    let d = extract(&helvetica_page(
        b"BT /F1 10 Tf 72 700 Td (a long hyphen-) Tj 0 -12 Td (ated) Tj 0 -12 Td (end) Tj ET",
    ));
    assert_eq!(d.text, "a long hyphenated\nend");
}

/// Two columns, eight lines each, the left in Helvetica 10 at x = 50 and the
/// right in Helvetica 11 at x = 250; the fifth left line is in Courier 9 (5.4 pt
/// per character), on its own baseline a point lower, 41 characters from `x0`.
/// Returns the lines read.
fn columns_with_a_long_left_line(x0: f32) -> Vec<String> {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let f2 = pdf.helvetica("Courier");
    let mut content = Vec::new();
    for i in 0..8 {
        let y = 700 - i * 14;
        let left = if i == 4 {
            format!(
                "BT /F2 9 Tf {x0} {} Td (a long left line that runs up to the edge) Tj ET",
                y - 1
            )
        } else {
            format!("BT /F1 10 Tf 50 {y} Td (left column line {i}) Tj ET")
        };
        content.extend_from_slice(
            format!("{left}\nBT /F1 11 Tf 250 {y} Td (right column line {i}) Tj ET\n").as_bytes(),
        );
    }
    pdf.page(&content, fonts(&[("F1", f1), ("F2", f2)]));
    let d = extract(&pdf.finish());
    d.lines.into_iter().map(|l| l.text).collect()
}

fn assert_columns_kept(texts: &[String]) {
    assert!(
        texts
            .iter()
            .all(|t| !(t.contains("left") && t.contains("right"))),
        "{texts:?}"
    );
    assert_eq!(texts.len(), 16, "{texts:?}");
    assert!(texts[..8].iter().all(|t| t.contains("left")), "{texts:?}");
}

#[test]
fn a_line_running_up_to_the_other_column_does_not_merge_columns() {
    // The long line ends at x = 244, 6 pt from the right column.
    assert_columns_kept(&columns_with_a_long_left_line(22.6));
}

#[test]
fn a_line_running_to_a_word_space_of_the_other_column_does_not_merge_columns() {
    // A sidebar set close to the main column: the long line ends at x = 246.6,
    // 3.4 pt (about a third of the text's size, a wide word space) from the right
    // column, on a baseline of its own. A line of text across the gutter would
    // have one baseline.
    assert_columns_kept(&columns_with_a_long_left_line(25.2));
}

#[test]
fn subtitle_under_a_large_name_is_its_own_line() {
    // A 32 pt name and an 8 pt subtitle 13 pt lower: within half the name's size
    // of its baseline, but below its descenders.
    let d = extract(&helvetica_page(
        b"BT /F1 32 Tf 150 740 Td (Claude Park) Tj ET
          BT /F1 8 Tf 170 727 Td (SOFTWARE ENGINEER AND SECURITY EXPERT) Tj ET
          BT /F1 10 Tf 72 700 Td (Body text) Tj ET",
    ));
    let texts: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Claude Park",
            "SOFTWARE ENGINEER AND SECURITY EXPERT",
            "Body text"
        ]
    );
}

#[test]
fn bullets_in_a_column_of_their_own_stay_on_their_items() {
    // Bullets at x = 60, item text at x = 80 (a gutter between them), items of
    // two lines each: every bullet goes back onto its item's first line.
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mut content = b"BT /F1 12 Tf 60 740 Td (Experience) Tj ET\n".to_vec();
    for i in 0..3 {
        let y = 720 - i * 24;
        content.extend_from_slice(
            format!(
                "BT /F1 10 Tf 60 {y} Td (\\225) Tj ET\n\
                 BT /F1 10 Tf 80 {y} Td (item {i} first line) Tj 0 -12 Td (item {i} second line) Tj ET\n"
            )
            .as_bytes(),
        );
    }
    pdf.page(&content, fonts(&[("F1", f1)]));
    let d = extract(&pdf.finish());
    let texts: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Experience",
            "\u{2022} item 0 first line",
            "item 0 second line",
            "\u{2022} item 1 first line",
            "item 1 second line",
            "\u{2022} item 2 first line",
            "item 2 second line",
        ]
    );
    assert!((d.lines[1].x - 60.0).abs() < 0.01);
    assert!((d.lines[2].x - 80.0).abs() < 0.01);
}

#[test]
fn form_xobjects_with_matrix_and_cycle_guard() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let form_id = pdf.doc.new_object_id();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 500.into(), 100.into()],
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), (-20).into()],
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => f1 },
                "XObject" => dictionary! { "Self" => form_id },
            },
        },
        b"BT /F1 10 Tf 72 700 Td (inside the form) Tj ET /Self Do".to_vec(),
    );
    pdf.doc.objects.insert(form_id, Object::Stream(form));
    let mut res = fonts(&[("F1", f1)]);
    res.set("XObject", dictionary! { "X1" => form_id });
    pdf.page(
        b"BT /F1 10 Tf 72 720 Td (before) Tj ET q 1 0 0 1 0 0 cm /X1 Do Q",
        res,
    );
    let d = extract(&pdf.finish());
    let texts: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    // The form draws itself again once per nesting level until the depth bound; each
    // level is 20 pt lower. It must terminate and keep the first copy.
    assert_eq!(texts[0], "before");
    assert_eq!(texts[1], "inside the form");
    assert!((d.lines[1].y - 112.0).abs() < 0.01, "{}", d.lines[1].y);
}

#[test]
fn actual_text_replaces_glyphs() {
    let d = extract(&helvetica_page(b"BT /F1 10 Tf 72 700 Td (Data ) Tj /Span << /ActualText (Science) >> BDC (Sc) Tj (ience!) Tj EMC ET"));
    assert_eq!(d.text, "Data Science");

    // ActualText with spaces inside becomes several words.
    let d = extract(&helvetica_page(b"BT /F1 10 Tf 72 700 Td /Span << /ActualText (tel:\\040+44 7700) >> BDC (xxxxxxxxxxxx) Tj EMC ( | next) Tj ET"));
    assert_eq!(d.text, "tel: +44 7700 | next");
}

#[test]
fn duplicate_fake_bold_glyphs_are_dropped() {
    let d = extract(&helvetica_page(b"BT /F1 12 Tf 72 700 Td (Bold Heading) Tj ET BT /F1 12 Tf 72.4 700 Td (Bold Heading) Tj ET"));
    assert_eq!(d.text, "Bold Heading");
}

#[test]
fn layout_bomb_of_one_glyph_repeated_ends_and_keeps_every_glyph() {
    // Two pages sharing one content stream of 200,000 `(a) Tj`, each glyph one
    // advance along the same line: layout used to compare each glyph with every
    // earlier identical one (26 s for one such page in a release build).
    let n = 200_000;
    let mut content = b"BT /F1 1 Tf 72 700 Td ".to_vec();
    content.extend(b"(a)Tj ".repeat(n));
    content.extend(b"ET");
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let stream = pdf.add(Stream::new(dictionary! {}, content));
    for _ in 0..2 {
        let page = pdf.add(dictionary! {
            "Type" => "Page",
            "Parent" => pdf.pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => stream,
            "Resources" => fonts(&[("F1", f1)]),
        });
        pdf.kids.push(page.into());
    }
    let d = extract(&pdf.finish());
    assert_eq!(d.pages, 2);
    assert_eq!(d.lines.len(), 2);
    assert!(
        d.lines
            .iter()
            .all(|l| l.text.len() == n && l.text.bytes().all(|b| b == b'a'))
    );
}

/// Helvetica advance widths (thousandths of an em) of the letters the
/// letter-spacing tests use.
fn helvetica_width(c: char) -> f32 {
    match c {
        'S' => 667.0,
        'U' => 722.0,
        't' => 278.0,
        'i' | 'l' => 222.0,
        'r' => 333.0,
        'v' | 's' | 'y' => 500.0,
        _ => 556.0,
    }
}

#[test]
fn letter_spaced_text_reads_as_words() {
    // As design tools write it: every glyph placed on its own (`Tm` per glyph),
    // letters 0.2 em apart, no space glyphs; words a space (0.278 em) further.
    let text = "Student at University";
    let mut content = b"BT /F1 12 Tf\n".to_vec();
    let mut x = 72.0f32;
    for c in text.chars() {
        if c == ' ' {
            x += 0.278 * 12.0;
            continue;
        }
        content.extend(format!("1 0 0 1 {x:.3} 700 Tm ({c}) Tj\n").as_bytes());
        x += helvetica_width(c) / 1000.0 * 12.0 + 0.2 * 12.0;
    }
    // The same spacing written as one TJ array of kerns.
    let mut tj = String::from("1 0 0 1 72 650 Tm [");
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            tj.push_str("-478 ");
        }
        let letters: Vec<String> = word.chars().map(|c| format!("({c})")).collect();
        tj.push_str(&letters.join(" -200 "));
        tj.push(' ');
    }
    tj.push_str("] TJ\n");
    content.extend(tj.as_bytes());
    // A letter-spaced heading above ordinary text, which stays as it is.
    content.extend(b"1 0 0 1 72 600 Tm [(S) -250 (K) -250 (I) -250 (L) -250 (L) -250 (S)] TJ\n");
    content.extend(b"1 0 0 1 72 580 Tm (I am a UX designer and a writer) Tj\nET");
    let d = extract(&helvetica_page(&content));
    let texts: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Student at University",
            "Student at University",
            "SKILLS",
            "I am a UX designer and a writer"
        ]
    );
}

#[test]
fn overstruck_tex_accents_compose_with_their_letters() {
    // pdfTeX with an OT1 font: `Educaci\'on` draws the acute (code 19) and kerns
    // back so that the "o" is drawn under it; `M\"uller` centres the dieresis
    // (code 127) over the wider "u".
    let mut pdf = Pdf::new();
    let mut widths: Vec<Object> = (0..128).map(|_| 500.into()).collect();
    for (c, w) in [
        (b'i', 278),
        (b'l', 278),
        (b'u', 556),
        (b'M', 917),
        (b'E', 681),
    ] {
        widths[c as usize] = w.into();
    }
    let f1 = pdf.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "CMR10",
        "FirstChar" => 0,
        "LastChar" => 127,
        "Widths" => widths,
        "Encoding" => dictionary! {
            "Type" => "Encoding",
            "Differences" => vec![19.into(), "acute".into(), 127.into(), "dieresis".into()],
        },
    });
    pdf.page(
        b"BT /F1 10 Tf 72 700 Td [(Educaci\\023) 500 (on)] TJ ET
          BT /F1 10 Tf 72 680 Td [(M) -28 (\\177) 528 (uller)] TJ ET
          BT /F1 10 Tf 72 660 Td (don\\023t) Tj ET",
        fonts(&[("F1", f1)]),
    );
    let d = extract(&pdf.finish());
    let texts: Vec<&str> = d.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["Educación", "Müller", "don\u{b4}t"]);
}

#[test]
fn inline_images_and_garbage_operators_are_skipped() {
    let d = extract(&helvetica_page(
        b"q BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff(\x01EI\x02 EI Q ] >> } 1 2 3 foo
          BT /F1 10 Tf 72 700 Td (after image) Tj ET Q Q Q",
    ));
    assert_eq!(d.text, "after image");
}

#[test]
fn pages_are_separated_by_a_blank_line() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    pdf.page(
        b"BT /F1 10 Tf 72 700 Td (page one) Tj ET",
        fonts(&[("F1", f1)]),
    );
    pdf.page(
        b"BT /F1 10 Tf 72 700 Td (page two) Tj ET",
        fonts(&[("F1", f1)]),
    );
    let d = extract(&pdf.finish());
    assert_eq!(d.pages, 2);
    assert_eq!(d.text, "page one\n\npage two");
    assert_eq!(d.lines[1].page, 2);
}

#[test]
fn non_pdf_bytes_give_a_clear_error() {
    let e =
        extract_pdf_bytes(b"PK\x03\x04 this is a zip, not a PDF", Path::new("cv.pdf")).unwrap_err();
    assert_eq!(e.one_line(), "cv.pdf: not a PDF file (no %PDF header)");
    let e = extract_pdf_bytes(b"", Path::new("empty.pdf")).unwrap_err();
    assert!(e.to_string().contains("not a PDF"));
}

#[test]
fn damaged_and_truncated_pdfs_error_without_panicking() {
    let e =
        extract_pdf_bytes(b"%PDF-1.4\nthis is not really a pdf", Path::new("bad.pdf")).unwrap_err();
    assert!(e.to_string().contains("damaged PDF"), "{e}");

    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    pdf.page(
        b"BT /F1 10 Tf 72 700 Td (some text) Tj ET",
        fonts(&[("F1", f1)]),
    );
    let bytes = pdf.finish();
    for cut in [10, bytes.len() / 3, bytes.len() / 2, bytes.len() - 30] {
        // Either a readable result or an error: never a panic or a hang.
        if let Err(e) = extract_pdf_bytes(&bytes[..cut], Path::new("cut.pdf")) {
            assert!(!e.to_string().is_empty());
        }
    }
}

#[test]
fn page_without_text_is_a_document_without_text() {
    // No longer an error: an empty document whose status says why (see
    // tests/extract_status.rs for image-only pages).
    let mut pdf = Pdf::new();
    pdf.page(b"q 100 0 0 100 0 0 cm 0 0 1 1 re f Q", Dictionary::new());
    let d = extract_pdf_bytes(&pdf.finish(), Path::new("scan.pdf")).unwrap();
    assert_eq!(d.text, "");
    assert!(!d.is_reliable());
}

// ---------------------------------------------------------------- sample CVs

fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' | 'ş' => 's',
            'ğ' => 'g',
            'ł' => 'l',
            'ź' | 'ż' | 'ž' => 'z',
            c => c,
        })
        .collect()
}

fn sample_cvs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/cvs");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples/cvs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    v.sort();
    v
}

fn sample_source(stem: &str) -> Option<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/src");
    for sub in ["latex", "chromium", "libreoffice"] {
        for ext in ["tex", "html", "fodt"] {
            let p = src.join(sub).join(format!("{stem}.{ext}"));
            if let Ok(s) = std::fs::read_to_string(&p) {
                // Visible text only: drop markup tags and TeX commands.
                let mut out = String::new();
                let mut in_tag = false;
                let mut in_cmd = false;
                for c in s.chars() {
                    match c {
                        '<' if ext != "tex" => in_tag = true,
                        '>' if in_tag => in_tag = false,
                        '\\' if ext == "tex" => in_cmd = true,
                        c if in_cmd && !c.is_ascii_alphabetic() => {
                            in_cmd = false;
                            out.push(' ');
                        }
                        _ if in_tag || in_cmd => {}
                        c => out.push(c),
                    }
                }
                return Some(out);
            }
        }
    }
    None
}

#[test]
fn sample_cvs_extract_cleanly() {
    let cvs = sample_cvs();
    assert!(cvs.len() >= 17, "sample CVs missing");
    let lig_words = [
        "efficient",
        "confidential",
        "office",
        "officer",
        "profile",
        "workflow",
        "workflows",
        "certified",
        "scientific",
        "first",
        "fluent",
        "identification",
        "offline",
        "diffusion",
        "qualifications",
        "field",
        "staff",
        "traffic",
    ];
    for path in cvs {
        let d = extract_path(&path).unwrap_or_else(|e| panic!("{}", e.one_line()));
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        assert!(d.text.len() > 500, "{stem}: too little text");
        for c in [
            '\u{fb00}', '\u{fb01}', '\u{fb02}', '\u{fb03}', '\u{fb04}', '\u{fffd}',
        ] {
            assert!(!d.text.contains(c), "{stem}: contains {c:?}");
        }
        let folded = fold(&d.text.to_lowercase());
        for part in stem.split('-') {
            assert!(folded.contains(part), "{stem}: name part {part:?} missing");
        }
        // Words with ligatures in the source come out whole.
        if let Some(src) = sample_source(&stem) {
            let src = src.to_lowercase();
            let words: Vec<&str> = folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            for w in lig_words {
                let in_src = src.split(|c: char| !c.is_alphanumeric()).any(|s| s == w);
                if in_src {
                    assert!(words.contains(&w), "{stem}: word {w:?} broken or missing");
                }
            }
        }
        // Lines carry geometry.
        assert!(d.lines.iter().all(|l| l.page >= 1 && l.page <= d.pages));
        assert!(d.lines.iter().any(|l| l.font_size > 0.0));
    }
}

#[test]
fn two_column_sample_does_not_interleave() {
    // margaux-lefevre and others are two-column HTML CVs; the name line must come
    // first and no line may mix the sidebar with the main column.
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/cvs/margaux-lefevre.pdf");
    let d = extract_path(&p).unwrap();
    let first = fold(&d.lines[0].text.to_lowercase());
    assert!(first.contains("margaux"), "first line: {first}");
}
