//! Prints the text cvmatch extracts from each PDF given on the command line.
//! With `--time`, prints only per-file timings. With `--out DIR`, writes DIR/<n>.txt.
//! With `--lines`, prints each line with its page, position, font size and
//! boldness (what section detection sees).
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let time_only = args.iter().any(|a| a == "--time");
    let lines = args.iter().any(|a| a == "--lines");
    let out_dir = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1).cloned());
    let mut total = 0.0;
    let mut n = 0;
    let mut skip = false;
    for a in &args {
        if skip {
            skip = false;
            continue;
        }
        if a == "--out" {
            skip = true;
            continue;
        }
        if a.starts_with("--") {
            continue;
        }
        let t = Instant::now();
        let r = cvmatch::extract::extract_path(Path::new(a));
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        total += ms;
        n += 1;
        match r {
            Ok(d) => {
                if let Some(dir) = &out_dir {
                    let name = Path::new(a)
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .to_string();
                    std::fs::write(Path::new(dir).join(format!("{name}.txt")), &d.text).unwrap();
                } else if lines {
                    println!("==== {a}");
                    for l in &d.lines {
                        let b = if l.bold { "b" } else { " " };
                        println!(
                            "p{} x{:6.1} y{:6.1} {:5.1}{b} {}",
                            l.page, l.x, l.y, l.font_size, l.text
                        );
                    }
                } else if time_only {
                    println!("{ms:8.2} ms  {a}");
                } else {
                    println!("==== {a} ({ms:.1} ms)\n{}", d.text);
                }
            }
            Err(e) => println!("ERR {ms:8.2} ms {}", e.one_line()),
        }
    }
    if n > 0 {
        eprintln!("{n} files, {:.2} ms/file", total / n as f64);
    }
}
