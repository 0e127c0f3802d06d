//! A 1 GiB JSON Lines record in a ~1 MiB gzip is refused in bounded memory.
//!
//! Alone in its test binary: a counting global allocator measures the peak heap
//! while the roles load, and other tests running alongside would blur it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = CURRENT.fetch_add(by, Ordering::SeqCst) + by;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::SeqCst);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A gzip of one line of `members` × 16 MiB of `a`: one member repeated (a
/// gzip may hold several members, read one after the other).
fn gzip_bomb(members: usize) -> Vec<u8> {
    let chunk = vec![b'a'; 16 << 20];
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&chunk).unwrap();
    let member = gz.finish().unwrap();
    let mut out = Vec::with_capacity(member.len() * members);
    for _ in 0..members {
        out.extend_from_slice(&member);
    }
    out
}

#[test]
fn a_gigabyte_line_in_a_small_gzip_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.jsonl.gz");
    let bomb = gzip_bomb(64); // 1 GiB decompressed
    assert!(bomb.len() < 2 << 20, "the bomb is {} bytes", bomb.len());
    std::fs::write(&path, &bomb).unwrap();
    drop(bomb);

    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let e = cvmatch::roles::load_paths(std::slice::from_ref(&path)).unwrap_err();
    let peak = PEAK.load(Ordering::SeqCst) - base;

    eprintln!("peak heap while loading: {} KiB", peak >> 10);
    let msg = e.to_string();
    assert!(
        msg.contains("bomb.jsonl.gz:1: ")
            && msg.contains("goes past the JSON Lines line size limit of 8 MiB"),
        "{msg}"
    );
    assert!(
        peak < 64 << 20,
        "loading allocated up to {} MiB",
        peak >> 20
    );
}
