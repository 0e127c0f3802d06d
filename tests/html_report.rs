//! The HTML report (`-f html`, or `--out FILE.html`) end to end: the page the
//! sample CVs give, rendered by headless Chromium (a screenshot that is not
//! blank; the table in the DOM and the script run; sorting and filtering
//! driven in the browser), untrusted file names and advert titles kept as
//! text, blind mode leaking nothing, and the format inferred from the file
//! name.
//!
//! The browser tests skip, saying why, when no Chromium is on the PATH
//! (`.ci/run` installs Debian's `chromium`).

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::OnceLock;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A private folder for this test binary: the index of the sample roles and
/// the reports.
fn work() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

/// `cvmatch` from the crate root, its default index in the private folder
/// (built from the sample roles on first use).
fn cvmatch() -> Command {
    let mut c = Command::cargo_bin("cvmatch").unwrap();
    c.current_dir(root());
    c.env("CVMATCH_INDEX", work().join("index"));
    c
}

/// Runs `cvmatch` and returns stdout, stderr and the exit code.
fn run(c: &mut Command) -> (String, String, i32) {
    let out = c.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// The report of the sample CVs, made once: `cvmatch --samples batch
/// samples/cvs -o OUT.html`.
fn sample_report() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = work().join("samples.html");
        let (_, err, code) = run(cvmatch()
            .args(["--samples", "batch", "samples/cvs", "-o"])
            .arg(&out));
        assert_eq!(code, 0, "{err}");
        out
    })
}

/// Chromium (or Chrome) on the PATH, if any.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium, or `None` after printing why the test is skipped.
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        eprintln!(
            "SKIP {test}: no chromium, chromium-browser or google-chrome on the PATH \
             (`apt-get install chromium`; .ci/run installs it)"
        );
    }
    found
}

/// How long one browser run may take before the test fails (and kills it).
const BROWSER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Headless Chromium with `args` and then the page's `file://` URL; its
/// stdout. Each run gets its own profile folder, and is killed after
/// [`BROWSER_TIMEOUT`].
fn headless(browser: &Path, page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let mut child = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(&url)
        .stdin(std::process::Stdio::null())
        // Files, not pipes: a DOM larger than a pipe's buffer would block the
        // browser while this waits for it.
        .stdout(std::fs::File::create(profile.path().join("stdout")).unwrap())
        .stderr(std::fs::File::create(profile.path().join("stderr")).unwrap())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {args:?} did not finish in {BROWSER_TIMEOUT:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let status = child.wait().unwrap();
    let read = |name: &str| {
        String::from_utf8_lossy(&std::fs::read(profile.path().join(name)).unwrap()).into_owned()
    };
    assert!(
        status.success(),
        "chromium {args:?} failed: {}",
        read("stderr")
    );
    read("stdout")
}

/// The DOM after the page's script ran.
fn dump_dom(browser: &Path, page: &Path) -> String {
    headless(browser, page, &["--virtual-time-budget=5000", "--dump-dom"])
}

#[test]
fn chromium_renders_the_sample_report() {
    let Some(browser) = browser_or_skip("chromium_renders_the_sample_report") else {
        return;
    };
    let page = sample_report();
    // A screenshot that is not blank.
    let shot = work().join("samples.png");
    headless(
        &browser,
        page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,900",
        ],
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&shot).expect("no screenshot written"),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (1280, 900));
    let pixels = &pixels[..info.buffer_size()];
    let step = info.color_type.samples() * usize::from(info.bit_depth as u8).div_ceil(8);
    let mut colours = std::collections::HashSet::new();
    let mut dark = 0usize;
    for px in pixels.chunks_exact(step) {
        colours.insert(px[..3.min(step)].to_vec());
        if px[..3.min(step)].iter().all(|&v| v < 96) {
            dark += 1;
        }
    }
    assert!(colours.len() > 50, "only {} colours: blank?", colours.len());
    // Text and the darker cells: at least 1% of the pixels are dark.
    let total = pixels.len() / step;
    assert!(dark * 100 > total, "{dark} dark pixels of {total}");

    // The table rendered and the script ran.
    let dom = dump_dom(&browser, page);
    assert!(
        dom.contains("<body data-ready=\"1\">"),
        "script did not run"
    );
    let cvs = std::fs::read_dir(root().join("samples/cvs"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "pdf")
        })
        .count();
    assert_eq!(dom.matches("<th scope=\"row\"").count(), cvs);
    assert!(dom.contains("<caption id=\"cap\">Scores of 17 candidates against"));
    // Sort buttons in the headers, the filters shown.
    assert_eq!(
        dom.matches("<th scope=\"col\"").count(),
        dom.matches("<button type=\"button\">").count()
    );
    assert!(dom.contains("<div class=\"filters\" id=\"filters\">"));
    // The best-fitting role of the first sample CV is in the page.
    assert!(dom.contains("nhs-data-scientist"));
}

/// The page's own script, driven in the browser: a copy of the report with a
/// test script added (and its policy removed so that script may run) clicks
/// a column heading twice and types into both filters, and writes what it saw
/// into the DOM.
#[test]
fn sorting_and_filtering_work_in_the_browser() {
    let Some(browser) = browser_or_skip("sorting_and_filtering_work_in_the_browser") else {
        return;
    };
    let html = std::fs::read_to_string(sample_report()).unwrap();
    let start = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .unwrap();
    let end = start + html[start..].find('>').unwrap() + 1;
    let probe = r#"<script>
(function () {
  var out = [];
  var t = document.getElementById("heatmap");
  var names = function () {
    return Array.prototype.map.call(t.tBodies[0].rows, function (r) {
      return r.cells[0].textContent.trim();
    });
  };
  var heads = t.tHead.rows[0].cells;
  var before = names();
  heads[0].querySelector("button").click();
  var asc = names();
  out.push("name-sort=" + heads[0].getAttribute("aria-sort"));
  out.push("best-sort=" + heads[1].getAttribute("aria-sort"));
  var sorted = asc.slice().sort(function (a, b) { return a.localeCompare(b); });
  out.push("ascending=" + (asc.join("|") === sorted.join("|")));
  heads[0].querySelector("button").click();
  out.push("name-sort2=" + heads[0].getAttribute("aria-sort"));
  out.push("descending=" + (names().join("|") === sorted.slice().reverse().join("|")));
  out.push("was-best-first=" + (before[0] !== sorted[0] || before[1] !== sorted[1]));
  var fc = document.getElementById("fc");
  fc.value = "siobhan";
  fc.dispatchEvent(new Event("input"));
  var shown = Array.prototype.filter.call(t.tBodies[0].rows, function (r) { return !r.hidden; });
  out.push("rows-shown=" + shown.length);
  out.push("count=" + document.getElementById("count").textContent);
  fc.value = "";
  fc.dispatchEvent(new Event("input"));
  var fr = document.getElementById("fr");
  fr.value = "clinical-informatician";
  fr.dispatchEvent(new Event("input"));
  var cols = Array.prototype.filter.call(heads, function (h) {
    return h.hasAttribute("data-col") && !h.hidden;
  });
  out.push("roles-shown=" + cols.length);
  document.body.setAttribute("data-probe", out.join(";"));
})();
</script>"#;
    let mut copy = String::new();
    copy.push_str(&html[..start]);
    copy.push_str(&html[end..]);
    let copy = copy.replacen("</body>", &format!("{probe}\n</body>"), 1);
    let page = work().join("probe.html");
    std::fs::write(&page, copy).unwrap();
    let dom = dump_dom(&browser, &page);
    let probe = dom
        .split("data-probe=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("the probe did not run: {}", &dom[..dom.len().min(400)]));
    for want in [
        "name-sort=ascending",
        "best-sort=null",
        "ascending=true",
        "name-sort2=descending",
        "descending=true",
        "rows-shown=1",
        "count=1 of 17 candidates and 15 of 15 roles shown",
        "roles-shown=1",
    ] {
        assert!(probe.contains(want), "{want} not in {probe}");
    }
}

/// File names and advert titles are untrusted: markup in them stays text, in
/// the file and in the browser's DOM.
#[test]
fn hostile_file_names_and_role_titles_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let roles = dir.path().join("roles");
    std::fs::create_dir(&roles).unwrap();
    std::fs::write(
        roles.join("hostile.toml"),
        r#"id = "hostile"
title = "Data \"Scientist\" <script>document.body.setAttribute('data-pwned','role')</script>"
organisation = "<img src=x onerror=alert(1)> Trust"
skills = ["Python", "SQL"]
essential = ["Experience of Python <b>and</b> SQL"]
"#,
    )
    .unwrap();
    let idx = dir.path().join("idx");
    let (_, err, code) = run(cvmatch()
        .args(["index", "--roles"])
        .arg(&roles)
        .arg("--index")
        .arg(&idx));
    assert_eq!(code, 0, "{err}");
    let cvs = dir.path().join("cvs");
    std::fs::create_dir(&cvs).unwrap();
    let name = "\"><script>document.body.setAttribute('data-pwned','cv')<script>.txt";
    std::fs::write(
        cvs.join(name),
        "Jo Bloggs\nData Scientist\nExperience\n2019 - 2024 Data Scientist, NHS Trust\n\
         Built Python and SQL pipelines for patient data.\n",
    )
    .unwrap();
    std::fs::write(cvs.join("broken\"<i>.pdf"), "not a pdf").unwrap();
    let out = dir.path().join("report.htm");
    let (_, err, code) = run(cvmatch()
        .args(["batch"])
        .arg(&cvs)
        .arg("--index")
        .arg(&idx)
        .arg("-o")
        .arg(&out));
    assert_eq!(code, 1, "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "not HTML: .htm not inferred"
    );
    assert_eq!(html.matches("<script").count(), 1);
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>"));
    assert!(!html.contains("<i>"));
    assert!(html.contains(
        "Data &quot;Scientist&quot; &lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;role&#39;)&lt;/script&gt;"
    ));
    assert!(html.contains("&quot;&gt;&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;cv&#39;)&lt;script&gt;.txt"));
    assert!(html.contains("broken&quot;&lt;i&gt;.pdf"));
    assert!(html.contains("1 CV could not be read"));
    let Some(browser) = browser_or_skip("hostile_file_names_and_role_titles_stay_text (browser)")
    else {
        return;
    };
    let dom = dump_dom(&browser, &out);
    // Our script ran, and nothing else touched <body>.
    assert!(
        dom.contains("<body data-ready=\"1\">"),
        "script did not run or another did"
    );
    assert_eq!(dom.matches("<script").count(), 1);
    assert!(!dom.contains("<img"));
}

/// Whole-word, case-insensitive.
fn has_word(text: &str, word: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices(word).any(|(i, m)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Blind mode: no name, contact detail or identifying file name of a CV in
/// the page (in its own section, or anywhere outside the candidates'
/// sections: another CV may quote a co-author of the same name), and no
/// attribute carrying anything but numbers and ids.
#[test]
fn blind_html_shows_no_personal_data() {
    let out = work().join("blind.html");
    let key = work().join("blind-key.json");
    let (_, err, code) = run(cvmatch()
        .args([
            "--samples",
            "batch",
            "samples/cvs",
            "--blind",
            "--top",
            "0",
            "--blind-key",
        ])
        .arg(&key)
        .arg("-o")
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    // Which candidate each file is, from the administrator's key.
    let key: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&key).unwrap()).unwrap();
    let candidate_of = |path: &Path| -> String {
        key["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| Path::new(c["path"].as_str().unwrap()) == path)
            .unwrap_or_else(|| panic!("{} not in the key", path.display()))["candidate"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let html = std::fs::read_to_string(&out).unwrap();
    let cands = html.find("<h2 id=\"candidates-h\">").unwrap();
    let issues = html.find("<h2 id=\"issues-h\">").unwrap();
    let outside = format!("{}{}", &html[..cands], &html[issues..]);
    let sections: Vec<&str> = html[cands..issues]
        .split("<section class=\"cand\"")
        .skip(1)
        .collect();
    let k = cvmatch::knowledge::Knowledge::builtin();
    let mut checked = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root().join("samples/cvs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    entries.sort();
    assert_eq!(sections.len(), entries.len());
    for path in entries {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(!html.contains(&stem), "{stem} in the blind page");
        let doc = cvmatch::extract::extract_path(&path).unwrap();
        let cv = cvmatch::cv::analyse(&doc, &k);
        let rel = Path::new("samples/cvs").join(path.file_name().unwrap());
        let shown = candidate_of(&rel);
        let short = shown.as_str();
        let own = sections
            .iter()
            .find(|s| s.contains(&format!("-h\">{short}</h3>")))
            .unwrap_or_else(|| panic!("no section for {short}"));
        let page = format!("{outside}{own}");
        let mut names = 0;
        for p in &cv.personal {
            let t = cv.lines[p.line].text[p.start..p.end].trim();
            if p.kind == cvmatch::cv::PersonalKind::Name {
                for w in t.split(|c: char| !c.is_alphanumeric()) {
                    let w = w.to_lowercase();
                    if w.chars().count() >= 3 {
                        assert!(!has_word(&page, &w), "{stem}: name {w:?} in the blind page");
                        names += 1;
                    }
                }
            } else if t.chars().count() >= 4 {
                assert!(!page.contains(t), "{stem}: {t:?} in the blind page");
            }
        }
        assert!(names > 0, "{stem}: no name found to check");
        checked += 1;
    }
    assert_eq!(checked, 17);
    // Attributes hold ids, classes and numbers, never names or paths.
    for (i, _) in html.match_indices(" data-") {
        let rest = &html[i + 1..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
            .unwrap_or(rest.len());
        if !rest[name_len..].starts_with("=\"") {
            // "data-" in a sentence, not an attribute.
            continue;
        }
        let value = rest.split('"').nth(1).unwrap();
        assert!(
            value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'),
            "attribute {}",
            &rest[..rest.len().min(60)]
        );
    }
    assert!(html.contains("Blind mode:"));
    // The check can fail: without --blind the names are there.
    let plain = sample_report();
    let plain = std::fs::read_to_string(plain).unwrap();
    assert!(plain.contains("amara-okafor"));
}

/// `--by-role` and `shortlist` write the shortlists as a page; `-f html`
/// works on stdout; `--resume` is refused for HTML.
#[test]
fn shortlists_as_html_and_format_flags() {
    let (out, err, code) = run(cvmatch().args([
        "--samples",
        "shortlist",
        "nhs-data-scientist",
        "samples/cvs",
        "--top",
        "5",
        "-f",
        "html",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert!(out.contains("cvmatch: shortlists by role"));
    assert_eq!(out.matches("<th scope=\"row\"").count(), 5);
    // Candidate, best score, one role.
    assert_eq!(out.matches("<th scope=\"col\"").count(), 3);
    assert!(out.contains("12 other candidates were read but on none of these shortlists"));
    // The role's expected candidate heads it (samples/cvs/expected.csv).
    let expected = std::fs::read_to_string(root().join("samples/cvs/expected.csv")).unwrap();
    let best = expected
        .lines()
        .find_map(|l| l.strip_suffix(",nhs-data-scientist"))
        .unwrap();
    let first_row = out.find("<tr data-i=\"0\"").unwrap();
    let row = &out[first_row..first_row + out[first_row..].find("</tr>").unwrap()];
    assert!(row.contains(best), "{best} not first: {row}");

    let out_file = work().join("by-role.html");
    let (_, err, code) = run(cvmatch()
        .args([
            "--samples",
            "batch",
            "samples/cvs",
            "--by-role",
            "--top",
            "2",
            "-o",
        ])
        .arg(&out_file));
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&out_file).unwrap();
    assert_eq!(html.matches("<table").count(), 1);
    assert!(html.contains("the best 2 candidates on each"));

    let (_, err, code) = run(cvmatch()
        .args(["--samples", "batch", "samples/cvs", "--resume", "-o"])
        .arg(work().join("resume.html")));
    assert_eq!(code, 2);
    assert!(
        err.contains("--resume") && err.contains("JSON Lines"),
        "{err}"
    );
    // Deterministic: the same batch gives the same bytes.
    let again = work().join("again.html");
    let (_, err, code) = run(cvmatch()
        .args(["--samples", "batch", "samples/cvs", "-o"])
        .arg(&again));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(sample_report()).unwrap()
    );
}
