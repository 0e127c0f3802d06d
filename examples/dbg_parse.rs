fn main() {
    let k = cvmatch::knowledge::Knowledge::builtin();
    for t in std::env::args().skip(1) {
        println!("{t}\n  {}", cvmatch::score::debug_parse(&k, &t));
    }
}
