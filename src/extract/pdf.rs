//! The PDF content-stream interpreter.
//!
//! lopdf parses the file (objects, streams, decryption with the empty or a given
//! password); we walk each page's content stream ourselves, tracking the graphics and
//! text state, and emit positioned glyphs that [`super::layout`] turns into lines.
//! Along the way we count what the status of the document needs: glyphs without a
//! Unicode mapping, images drawn (by their dictionaries, never decoded), pages that
//! could not be read, and the URI link annotations of each page.
//!
//! Each document runs on its own worker thread with a large stack, inside
//! `catch_unwind` and under a time limit, so a hostile file can neither crash nor
//! hang the caller.

use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;
use std::sync::Once;

use lopdf::{Dictionary, Object, ObjectId};

use super::encodings::decode_text_string;
use super::font::Font;
use super::layout::{self, Glyph};
use super::lexer::{Lexer, Operand};
use super::{Document, ExtractErrorKind, Link, Stats, Status, count_chars};
use crate::error::{Error, Result};
use crate::limits::{Bound, Deadline, Hit, Limits};

/// Why the interpreter stopped short of a document: a bound of [`Limits`] or
/// the deadline was hit, or the file could not be read (the message).
#[derive(Debug)]
enum Stop {
    Limit(Hit),
    Failed(ExtractErrorKind, String),
}

/// A message alone is damage.
impl From<String> for Stop {
    fn from(message: String) -> Self {
        Stop::Failed(ExtractErrorKind::Damaged, message)
    }
}

impl From<&str> for Stop {
    fn from(message: &str) -> Self {
        Stop::Failed(ExtractErrorKind::Damaged, message.to_string())
    }
}

impl From<Hit> for Stop {
    fn from(hit: Hit) -> Self {
        Stop::Limit(hit)
    }
}
/// Name of the worker threads (their panics are silenced).
const THREAD_NAME: &str = "cvmatch-pdf";
/// Stack size of a worker thread.
const STACK_SIZE: usize = 64 << 20;
/// Bound on nested Form XObjects.
const MAX_XOBJECT_DEPTH: usize = 12;
/// Bound on the graphics-state stack.
const MAX_GSTATE_DEPTH: usize = 256;
/// Bound on a page's decompressed content.
const MAX_CONTENT: usize = 64 << 20;
/// Bound on the glyphs of a page (beyond this, text is dropped).
const MAX_GLYPHS: usize = 2_000_000;
/// Bound on the annotations read per page.
const MAX_ANNOTS: usize = 10_000;
/// Bound on the links reported per document.
const MAX_LINKS: usize = 1_000;
/// More than this share of unmapped glyphs makes a document `undecodable-font`.
const MAX_UNMAPPED_SHARE: f64 = 0.2;
/// More than this share of unmapped glyphs gets a warning.
const WARN_UNMAPPED_SHARE: f64 = 0.05;
/// Below this many unmapped glyphs a document with text is never `undecodable-font`.
const MIN_UNMAPPED: usize = 10;
/// Message for a document without a text layer.
const NO_TEXT_LAYER: &str = "no text layer (image-only, scanned?)";

pub(super) fn extract(
    bytes: &[u8],
    origin: &Path,
    password: Option<&str>,
    limits: &Limits,
    deadline: &Deadline,
) -> Result<Document> {
    let err = |kind: ExtractErrorKind, message: String| Error::Extract {
        path: origin.to_path_buf(),
        kind,
        message,
    };
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(err(
            ExtractErrorKind::WrongFormat,
            "not a PDF file (no %PDF header)".into(),
        ));
    }
    install_panic_filter();
    let failed = || Stop::from("damaged PDF: the reader failed on this file");
    let outcome = std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name(THREAD_NAME.into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || {
                std::panic::catch_unwind(|| extract_inner(bytes, password, limits, deadline))
            });
        match handle {
            Ok(h) => match h.join() {
                Ok(Ok(r)) => r,
                Ok(Err(_)) | Err(_) => Err(failed()),
            },
            // No thread available: run here, still guarded.
            Err(_) => std::panic::catch_unwind(|| extract_inner(bytes, password, limits, deadline))
                .unwrap_or_else(|_| Err(failed())),
        }
    });
    outcome.map_err(|stop| match stop {
        Stop::Limit(hit) => Error::Limit {
            path: origin.to_path_buf(),
            hit,
        },
        Stop::Failed(kind, message) => err(kind, message),
    })
}

/// Silences panic messages from our worker threads; other threads keep the
/// previous hook's behaviour.
fn install_panic_filter() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some(THREAD_NAME) {
                return;
            }
            previous(info);
        }));
    });
}

/// Whether an encrypted document's text is stored in the clear: with crypt
/// filters (V 4 and 5), streams and strings use `/StmF` and `/StrF`, which
/// default to `/Identity`; when both are `/Identity` only embedded files are
/// encrypted (`/EFF`), and the pages read without any password.
fn plaintext_under_encryption(doc: &lopdf::Document) -> bool {
    let Ok(dict) = doc
        .trailer
        .get(b"Encrypt")
        .map(|o| deref(doc, o))
        .and_then(Object::as_dict)
    else {
        return false;
    };
    let version = dict.get(b"V").and_then(Object::as_i64).unwrap_or(0);
    let identity = |key: &[u8]| {
        dict.get(key)
            .and_then(Object::as_name)
            .map_or(true, |n| n == b"Identity")
    };
    version >= 4 && identity(b"StmF") && identity(b"StrF")
}

/// Reads an encrypted document that no password opened, when it can be read
/// anyway, as poppler reads it:
/// - its streams and strings are in the clear ([`plaintext_under_encryption`]:
///   only embedded files are encrypted);
/// - it has no `/ID`, which the key is derived from: the ID is taken as empty
///   and the password tried again.
///
/// The file is loaded again with its `/Encrypt` key hidden (renamed in place,
/// same length, so offsets hold), so that every object is read.
fn readable_without_password(
    first: &lopdf::Document,
    bytes: &[u8],
    password: Option<&str>,
) -> Option<lopdf::Document> {
    let in_clear = plaintext_under_encryption(first);
    let no_id = !first.trailer.has(b"ID");
    if !in_clear && !no_id {
        return None;
    }
    const KEY: &[u8] = b"/Encrypt";
    const HIDDEN: &[u8] = b"/Encrxpt";
    let mut hidden = bytes.to_vec();
    let mut at = 0;
    while let Some(p) = hidden[at..].windows(KEY.len()).position(|w| w == KEY) {
        let start = at + p;
        let end = start + KEY.len();
        if hidden.get(end).is_none_or(|b| !b.is_ascii_alphanumeric()) {
            hidden[start..end].copy_from_slice(HIDDEN);
        }
        at = end;
    }
    let mut doc =
        lopdf::Document::load_mem_with_options(&hidden, lopdf::LoadOptions::default()).ok()?;
    let encrypt = doc.trailer.remove(b"Encrxpt")?;
    if in_clear {
        return Some(doc);
    }
    doc.trailer.set("Encrypt", encrypt);
    let empty = Object::String(Vec::new(), lopdf::StringFormat::Literal);
    doc.trailer.set("ID", vec![empty.clone(), empty]);
    doc.decrypt(password.unwrap_or("")).ok()?;
    Some(doc)
}

/// Message for an encrypted PDF that no password (empty or given) opens.
fn password_error(password: Option<&str>) -> Stop {
    match password {
        Some(_) => Stop::Failed(
            ExtractErrorKind::WrongPassword,
            "encrypted PDF: wrong password".into(),
        ),
        None => Stop::Failed(
            ExtractErrorKind::NeedsPassword,
            "encrypted PDF: needs a password (use --password)".into(),
        ),
    }
}

fn extract_inner(
    bytes: &[u8],
    password: Option<&str>,
    limits: &Limits,
    deadline: &Deadline,
) -> std::result::Result<Document, Stop> {
    let options = lopdf::LoadOptions {
        password: password.map(str::to_string),
        ..lopdf::LoadOptions::default()
    };
    let mut doc = match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(d) => d,
        Err(lopdf::Error::InvalidPassword) => return Err(password_error(password)),
        Err(lopdf::Error::Decryption(e)) => {
            return Err(Stop::Failed(
                ExtractErrorKind::UnsupportedEncryption,
                format!(
                    "encrypted PDF: could not be decrypted ({})",
                    one_line(&e.to_string())
                ),
            ));
        }
        Err(lopdf::Error::UnsupportedSecurityHandler(h)) => {
            return Err(Stop::Failed(
                ExtractErrorKind::UnsupportedEncryption,
                format!(
                    "encrypted PDF: unsupported security handler /{}",
                    String::from_utf8_lossy(&h)
                ),
            ));
        }
        Err(e) => {
            return Err(format!("damaged PDF: {}", one_line(&e.to_string())).into());
        }
    };
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        // No password opened it, so lopdf left its objects unread. Two kinds
        // of such file are readable all the same.
        doc = readable_without_password(&doc, bytes, password)
            .ok_or_else(|| password_error(password))?;
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("damaged PDF: no pages found".into());
    }
    if pages.len() > limits.pages {
        return Err(Hit::new(Bound::Pages, limits.pages as u64)
            .with_actual(pages.len() as u64)
            .into());
    }
    let mut stats = Stats {
        pages: pages.len(),
        ..Stats::default()
    };
    let mut damaged = false;
    if doc.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed) {
        damaged = true;
        stats
            .warnings
            .push("damaged PDF: cross-reference table rebuilt; some content may be missing".into());
    }
    let mut interp = Interp {
        doc: &doc,
        fonts: HashMap::new(),
        glyphs: Vec::new(),
        deadline,
        limits,
        decompressed: 0,
        ops: 0,
        xobjects: Vec::new(),
        actual: Vec::new(),
        gs: GState::default(),
        stack: Vec::new(),
        tm: IDENT,
        tlm: IDENT,
        origin: (0.0, 0.0),
        top: 792.0,
        rot: None,
        images: 0,
        glyph_count: 0,
        invisible: 0,
        unmapped: 0,
    };
    let mut out = Document {
        text: String::new(),
        lines: Vec::new(),
        pages: pages.len(),
        stats: Stats::default(),
    };
    let mut any_text = false;
    let mut failed_pages = Vec::new();
    let mut image_pages = Vec::new();
    for (i, (_, &page_id)) in pages.iter().enumerate() {
        let page_no = i + 1;
        let Ok(page) = doc.get_dictionary(page_id) else {
            failed_pages.push(page_no);
            continue;
        };
        page_links(&doc, page, page_no, &mut stats.links);
        let mb = page_box(&doc, page);
        interp.origin = (mb[0].min(mb[2]), mb[1].min(mb[3]));
        interp.top = mb[1].max(mb[3]);
        let width = (mb[2] - mb[0]).abs();
        let resources = page_resources(&doc, page_id);
        deadline.check()?;
        let content = match doc.get_page_content_with_limit(page_id, interp.content_budget()) {
            Ok(c) => c,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                return Err(interp.decompressed_hit());
            }
            Err(_) => {
                failed_pages.push(page_no);
                continue;
            }
        };
        interp.count_decompressed(content.len())?;
        if doc
            .get_page_contents(page_id)
            .iter()
            .any(|id| doc.get_object(*id).and_then(Object::as_stream).is_err())
        {
            failed_pages.push(page_no);
        }
        interp.glyphs.clear();
        interp.gs = GState::default();
        interp.stack.clear();
        interp.actual.clear();
        let images_before = interp.images;
        interp.run(&content, resources, 0)?;
        let glyphs = std::mem::take(&mut interp.glyphs);
        let lines = layout::page_lines(glyphs, page_no, width);
        deadline.check()?;
        if !lines.is_empty() {
            any_text = true;
        } else if interp.images > images_before {
            image_pages.push(page_no);
        }
        if !out.text.is_empty() && !lines.is_empty() {
            out.text.push_str("\n\n");
        }
        let mut first = true;
        for l in &lines {
            if !first {
                out.text.push('\n');
            }
            first = false;
            out.text.push_str(&l.text);
        }
        out.lines.extend(lines);
    }
    if failed_pages.len() == pages.len() && !any_text && interp.images == 0 {
        return Err("damaged PDF: no page could be read".into());
    }
    if !failed_pages.is_empty() {
        damaged = true;
        stats.warnings.push(format!(
            "damaged PDF: {} of {} pages could not be read (page {})",
            failed_pages.len(),
            pages.len(),
            page_list(&failed_pages)
        ));
    }
    stats.chars = count_chars(&out.text);
    stats.glyphs = interp.glyph_count;
    stats.unmapped_glyphs = interp.unmapped;
    stats.invisible_glyphs = interp.invisible;
    if interp.invisible > 0 {
        stats.warnings.push(format!(
            "{} of {} glyphs are invisible text (render mode 3: an OCR layer, or words \
             hidden from the reader); they are kept in the text",
            interp.invisible, interp.glyph_count
        ));
    }
    stats.images = interp.images;
    let unmapped = stats.unmapped_glyphs;
    let undecodable = unmapped > 0
        && (unmapped as f64) > MAX_UNMAPPED_SHARE * stats.glyphs as f64
        && (unmapped >= MIN_UNMAPPED || stats.chars == 0);
    if undecodable || (unmapped as f64) > WARN_UNMAPPED_SHARE * stats.glyphs as f64 {
        stats.warnings.push(format!(
            "{unmapped} of {} glyphs have no Unicode mapping (fonts without ToUnicode){}",
            stats.glyphs,
            if undecodable {
                ": text is incomplete or garbled"
            } else {
                ""
            }
        ));
    }
    if !any_text && !undecodable {
        if stats.images > 0 {
            stats.warnings.push(NO_TEXT_LAYER.into());
        } else if damaged {
            stats.warnings.push("no text could be read".into());
        } else {
            stats
                .warnings
                .push("no text and no images (blank pages?)".into());
        }
    } else if any_text && !image_pages.is_empty() {
        stats.warnings.push(format!(
            "no text layer on page {} (image only, scanned?)",
            page_list(&image_pages)
        ));
    }
    stats.status = if undecodable {
        Status::UndecodableFont
    } else if !any_text && stats.images > 0 {
        Status::ImageOnly
    } else if damaged {
        Status::Damaged
    } else if !any_text {
        Status::Empty
    } else {
        Status::Ok
    };
    out.stats = stats;
    Ok(out)
}

/// Page numbers as "1, 3, 4".
fn page_list(pages: &[usize]) -> String {
    let mut s: Vec<String> = pages.iter().take(10).map(|p| p.to_string()).collect();
    if pages.len() > 10 {
        s.push("…".into());
    }
    s.join(", ")
}

fn get<'a>(doc: &'a lopdf::Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

/// Adds the URI targets of the page's link annotations to `links`, once per page.
fn page_links(doc: &lopdf::Document, page: &Dictionary, page_no: usize, links: &mut Vec<Link>) {
    let Some(annots) = page
        .get(b"Annots")
        .ok()
        .and_then(|o| deref(doc, o).as_array().ok())
    else {
        return;
    };
    for a in annots.iter().take(MAX_ANNOTS) {
        if links.len() >= MAX_LINKS {
            return;
        }
        let Ok(a) = deref(doc, a).as_dict() else {
            continue;
        };
        if get(doc, a, b"Subtype").and_then(|o| o.as_name().ok()) != Some(b"Link") {
            continue;
        }
        let Some(action) = get(doc, a, b"A").and_then(|o| o.as_dict().ok()) else {
            continue;
        };
        if get(doc, action, b"S").and_then(|o| o.as_name().ok()) != Some(b"URI") {
            continue;
        }
        let Some(uri) = get(doc, action, b"URI").and_then(|o| o.as_str().ok()) else {
            continue;
        };
        let uri = if uri.starts_with(b"\xfe\xff") || uri.starts_with(b"\xef\xbb\xbf") {
            decode_text_string(uri)
        } else {
            String::from_utf8_lossy(uri).into_owned()
        };
        let uri: String = uri.trim().chars().filter(|c| !c.is_control()).collect();
        if uri.is_empty() {
            continue;
        }
        let link = Link { uri, page: page_no };
        if !links.contains(&link) {
            links.push(link);
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn deref<'a>(doc: &'a lopdf::Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

/// The page's CropBox or MediaBox (inherited), defaulting to US Letter.
fn page_box(doc: &lopdf::Document, page: &Dictionary) -> [f32; 4] {
    let mut node = Some(page);
    let mut depth = 0;
    while let Some(d) = node {
        for key in [&b"CropBox"[..], b"MediaBox"] {
            if let Ok(o) = d.get(key)
                && let Ok(a) = deref(doc, o).as_array()
                && a.len() == 4
            {
                let v: Vec<f32> = a.iter().filter_map(|o| num(deref(doc, o))).collect();
                if v.len() == 4 && (v[2] - v[0]).abs() > 1.0 && (v[3] - v[1]).abs() > 1.0 {
                    return [v[0], v[1], v[2], v[3]];
                }
            }
        }
        depth += 1;
        if depth > 32 {
            break;
        }
        node = d
            .get(b"Parent")
            .ok()
            .and_then(|o| deref(doc, o).as_dict().ok());
    }
    [0.0, 0.0, 612.0, 792.0]
}

fn page_resources(doc: &lopdf::Document, page_id: ObjectId) -> Option<&Dictionary> {
    let (dict, ids) = doc.get_page_resources(page_id).ok()?;
    if let Some(d) = dict {
        return Some(d);
    }
    ids.into_iter()
        .find_map(|id| doc.get_object(id).ok().and_then(|o| o.as_dict().ok()))
}

type Matrix = [f32; 6];
const IDENT: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

fn matrix_from(ops: &[Operand]) -> Option<Matrix> {
    if ops.len() < 6 {
        return None;
    }
    let s = &ops[ops.len() - 6..];
    let mut m = [0.0; 6];
    for (i, o) in s.iter().enumerate() {
        m[i] = o.num()?;
    }
    Some(m)
}

#[derive(Clone)]
struct GState<'a> {
    ctm: Matrix,
    tc: f32,
    tw: f32,
    th: f32,
    tl: f32,
    ts: f32,
    font: Option<Rc<Font<'a>>>,
    fs: f32,
    /// Text rendering mode (`Tr`); 3 and 7 draw nothing.
    tr: i32,
}

impl Default for GState<'_> {
    fn default() -> Self {
        GState {
            ctm: IDENT,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            ts: 0.0,
            font: None,
            fs: 0.0,
            tr: 0,
        }
    }
}

/// An open `/ActualText` span: its text and the glyph that carries it.
struct Actual {
    text: String,
    glyph: Option<usize>,
}

struct Interp<'a> {
    doc: &'a lopdf::Document,
    fonts: HashMap<usize, Rc<Font<'a>>>,
    glyphs: Vec<Glyph>,
    deadline: &'a Deadline,
    limits: &'a Limits,
    /// Bytes of content decompressed so far (pages and forms, each time drawn).
    decompressed: u64,
    ops: u64,
    xobjects: Vec<ObjectId>,
    actual: Vec<Option<Actual>>,
    gs: GState<'a>,
    stack: Vec<GState<'a>>,
    tm: Matrix,
    tlm: Matrix,
    origin: (f32, f32),
    top: f32,
    /// Anchor of the current run of rotated text.
    rot: Option<RotAnchor>,
    /// Images drawn (image XObjects and inline images), over the whole document.
    images: usize,
    /// Glyphs shown, over the whole document.
    glyph_count: usize,
    /// Glyphs shown in an invisible rendering mode (`3 Tr`, `7 Tr`): kept in the
    /// text, counted here.
    invisible: usize,
    /// Glyphs without a Unicode mapping (outside ActualText spans).
    unmapped: usize,
}

/// Rotated text is laid out along its own baseline and placed, as if horizontal,
/// at the position of its first glyph.
#[derive(Clone, Copy)]
struct RotAnchor {
    p0: (f32, f32),
    u: (f32, f32),
    x: f32,
    y: f32,
}

impl<'a> Interp<'a> {
    fn sub_dict(&self, res: Option<&'a Dictionary>, key: &[u8]) -> Option<&'a Dictionary> {
        let o = res?.get(key).ok()?;
        deref(self.doc, o).as_dict().ok()
    }

    fn font(&mut self, res: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font<'a>>> {
        let fonts = self.sub_dict(res, b"Font")?;
        let o = fonts.get(name).ok()?;
        let (id, obj) = self.doc.dereference(o).ok()?;
        let dict = obj.as_dict().ok()?;
        let key = match id {
            Some(id) => ((id.0 as usize) << 16) | id.1 as usize,
            None => dict as *const Dictionary as usize,
        };
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let f = Rc::new(Font::load(self.doc, dict));
        self.fonts.insert(key, f.clone());
        Some(f)
    }

    /// Counts decompressed content against [`Limits::decompressed_bytes`].
    fn count_decompressed(&mut self, bytes: usize) -> std::result::Result<(), Stop> {
        self.decompressed = self.decompressed.saturating_add(bytes as u64);
        if self.decompressed > self.limits.decompressed_bytes {
            return Err(self.decompressed_hit());
        }
        Ok(())
    }

    /// The most one more content stream may decompress to: what is left of
    /// [`Limits::decompressed_bytes`], and never more than [`MAX_CONTENT`].
    fn content_budget(&self) -> usize {
        let left = self
            .limits
            .decompressed_bytes
            .saturating_sub(self.decompressed);
        usize::try_from(left).unwrap_or(usize::MAX).min(MAX_CONTENT)
    }

    /// The stop for going over [`Limits::decompressed_bytes`] (or one stream
    /// over [`MAX_CONTENT`]).
    fn decompressed_hit(&self) -> Stop {
        Hit::new(
            Bound::Decompressed,
            self.limits.decompressed_bytes.min(MAX_CONTENT as u64),
        )
        .into()
    }

    fn run(
        &mut self,
        content: &[u8],
        res: Option<&'a Dictionary>,
        depth: usize,
    ) -> std::result::Result<(), Stop> {
        let mut lx = Lexer::new(content);
        let mut ops: Vec<Operand> = Vec::new();
        let base_stack = self.stack.len();
        while let Some(op) = lx.next_op(&mut ops) {
            self.ops += 1;
            if self.ops & 1023 == 0 {
                self.deadline.check()?;
                if self.glyphs.len() > self.limits.glyphs_per_page {
                    return Err(
                        Hit::new(Bound::GlyphsPerPage, self.limits.glyphs_per_page as u64).into(),
                    );
                }
            }
            let n = |i: usize| -> f32 {
                ops.len()
                    .checked_sub(i)
                    .and_then(|k| ops.get(k))
                    .and_then(Operand::num)
                    .unwrap_or(0.0)
            };
            match op {
                b"q" if self.stack.len() < MAX_GSTATE_DEPTH => {
                    self.stack.push(self.gs.clone());
                }
                b"Q" => {
                    if self.stack.len() > base_stack
                        && let Some(g) = self.stack.pop()
                    {
                        self.gs = g;
                    }
                }
                b"cm" => {
                    if let Some(m) = matrix_from(&ops) {
                        self.gs.ctm = mul(&m, &self.gs.ctm);
                    }
                }
                b"BT" => {
                    self.tm = IDENT;
                    self.tlm = IDENT;
                }
                b"ET" => {}
                b"Tf" => {
                    self.gs.fs = n(1);
                    let name = ops.iter().rev().find_map(|o| match o {
                        Operand::Name(n) => Some(n.clone()),
                        _ => None,
                    });
                    self.gs.font = name.and_then(|nm| self.font(res, &nm));
                    if self.gs.font.is_none() {
                        self.gs.font = Some(Rc::new(Font::fallback()));
                    }
                }
                b"Tc" => self.gs.tc = n(1),
                b"Tw" => self.gs.tw = n(1),
                b"Tz" => self.gs.th = n(1) / 100.0,
                b"TL" => self.gs.tl = n(1),
                b"Ts" => self.gs.ts = n(1),
                b"Tr" => self.gs.tr = n(1) as i32,
                b"Td" => self.td(n(2), n(1)),
                b"TD" => {
                    self.gs.tl = -n(1);
                    self.td(n(2), n(1));
                }
                b"Tm" => {
                    if let Some(m) = matrix_from(&ops) {
                        self.tm = m;
                        self.tlm = m;
                    }
                }
                b"T*" => self.td(0.0, -self.gs.tl),
                b"Tj" => {
                    if let Some(Operand::Str(s)) = ops.last() {
                        self.show(s);
                    }
                }
                b"'" => {
                    self.td(0.0, -self.gs.tl);
                    if let Some(Operand::Str(s)) = ops.last() {
                        self.show(s);
                    }
                }
                b"\"" => {
                    self.gs.tw = n(3);
                    self.gs.tc = n(2);
                    self.td(0.0, -self.gs.tl);
                    if let Some(Operand::Str(s)) = ops.last() {
                        self.show(s);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = ops.last() {
                        for it in items {
                            match it {
                                Operand::Str(s) => self.show(s),
                                Operand::Num(v) if v.is_finite() => {
                                    let tx = -v / 1000.0 * self.gs.fs * self.gs.th;
                                    self.advance(tx);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"BDC" | b"BMC" => {
                    let mut text = None;
                    if op == b"BDC" {
                        match ops.last() {
                            Some(Operand::Dict(d)) => {
                                text = d.iter().find(|(k, _)| k == b"ActualText").and_then(
                                    |(_, v)| match v {
                                        Operand::Str(s) => Some(decode_text_string(s)),
                                        _ => None,
                                    },
                                );
                            }
                            Some(Operand::Name(nm)) => {
                                text = self
                                    .sub_dict(res, b"Properties")
                                    .and_then(|p| p.get(nm).ok())
                                    .and_then(|o| deref(self.doc, o).as_dict().ok())
                                    .and_then(|d| d.get(b"ActualText").ok())
                                    .and_then(|o| deref(self.doc, o).as_str().ok())
                                    .map(decode_text_string);
                            }
                            _ => {}
                        }
                    }
                    if self.actual.len() < 64 {
                        self.actual
                            .push(text.map(|text| Actual { text, glyph: None }));
                    }
                }
                b"EMC" => {
                    self.actual.pop();
                }
                b"Do" => {
                    if let Some(Operand::Name(nm)) = ops.last() {
                        let nm = nm.clone();
                        self.do_xobject(res, &nm, depth)?;
                    }
                }
                _ => {}
            }
        }
        self.images += lx.inline_images;
        // Unbalanced q inside this stream: restore to where we started.
        while self.stack.len() > base_stack {
            if let Some(g) = self.stack.pop() {
                self.gs = g;
            }
        }
        Ok(())
    }

    fn do_xobject(
        &mut self,
        res: Option<&'a Dictionary>,
        name: &[u8],
        depth: usize,
    ) -> std::result::Result<(), Stop> {
        if depth >= MAX_XOBJECT_DEPTH {
            return Ok(());
        }
        let Some(xs) = self.sub_dict(res, b"XObject") else {
            return Ok(());
        };
        let Ok(Object::Reference(id)) = xs.get(name) else {
            return Ok(());
        };
        if self.xobjects.contains(id) {
            return Ok(());
        }
        let Ok(Object::Stream(s)) = self.doc.get_object(*id) else {
            return Ok(());
        };
        match s.dict.get(b"Subtype").and_then(|o| o.as_name()).ok() {
            Some(b"Form") => {}
            Some(b"Image") => {
                // Counted from its dictionary only; image data is never decoded.
                self.images += 1;
                return Ok(());
            }
            _ => return Ok(()),
        }
        let content = match s.decompressed_content_with_limit(self.content_budget()) {
            Ok(c) => c,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                return Err(self.decompressed_hit());
            }
            Err(_) if s.dict.get(b"Filter").is_err() => s.content.clone(),
            Err(_) => return Ok(()),
        };
        self.count_decompressed(content.len())?;
        let matrix = s
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| deref(self.doc, o).as_array().ok())
            .and_then(|a| {
                let v: Vec<f32> = a.iter().filter_map(|o| num(deref(self.doc, o))).collect();
                (v.len() == 6).then(|| [v[0], v[1], v[2], v[3], v[4], v[5]])
            })
            .unwrap_or(IDENT);
        let form_res = s
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| deref(self.doc, o).as_dict().ok())
            .or(res);
        let saved = (self.gs.clone(), self.tm, self.tlm);
        self.gs.ctm = mul(&matrix, &self.gs.ctm);
        self.xobjects.push(*id);
        let r = self.run(&content, form_res, depth + 1);
        self.xobjects.pop();
        (self.gs, self.tm, self.tlm) = saved;
        r
    }

    fn td(&mut self, tx: f32, ty: f32) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn advance(&mut self, tx: f32) {
        self.tm[4] += tx * self.tm[0];
        self.tm[5] += tx * self.tm[1];
    }

    fn show(&mut self, s: &[u8]) {
        let font = match &self.gs.font {
            Some(f) => f.clone(),
            None => {
                let f = Rc::new(Font::fallback());
                self.gs.font = Some(f.clone());
                f
            }
        };
        let fs = self.gs.fs;
        let th = self.gs.th;
        let (tc, tw, ts) = (self.gs.tc, self.gs.tw, self.gs.ts);
        let ctm = self.gs.ctm;
        let in_actual = self.actual.iter().flatten().next().is_some();
        let invisible = matches!(self.gs.tr, 3 | 7);
        font.decode(s, |code| {
            self.glyph_count += 1;
            if invisible {
                self.invisible += 1;
            }
            if code.unmapped && !in_actual {
                self.unmapped += 1;
            }
            let trm = mul(&[fs * th, 0.0, 0.0, fs, 0.0, ts], &mul(&self.tm, &ctm));
            let w = code.width;
            let tx = (w * fs + tc + if code.is_space_code { tw } else { 0.0 }) * th;
            let upright = trm[0] > 0.0 && trm[1].abs() <= 0.1 * trm[0].abs() && trm[3] > 0.0;
            let size = trm[2].hypot(trm[3]);
            let scale_x = trm[0].hypot(trm[1]);
            if self.glyphs.len() < MAX_GLYPHS && size > 0.0 && size.is_finite() && scale_x > 0.0 {
                let spacing = tc * th * scale_x / (fs * th).abs().max(1e-6);
                let (x0, y) = if upright {
                    (trm[4] - self.origin.0, self.top - trm[5])
                } else {
                    self.rotated(&trm, size)
                };
                let x1 = x0 + w * scale_x;
                self.emit(&code.text, x0, x1, y, size, font.bold, spacing);
            }
            self.advance(tx);
        });
    }

    /// Position of a rotated glyph: along the baseline of the current rotated run.
    fn rotated(&mut self, trm: &Matrix, size: f32) -> (f32, f32) {
        let len = trm[0].hypot(trm[1]);
        let u = (trm[0] / len, trm[1] / len);
        let p = (trm[4], trm[5]);
        if let Some(a) = self.rot {
            let (dx, dy) = (p.0 - a.p0.0, p.1 - a.p0.1);
            let along = dx * a.u.0 + dy * a.u.1;
            let across = -dx * a.u.1 + dy * a.u.0;
            if (u.0 - a.u.0).abs() < 0.01
                && (u.1 - a.u.1).abs() < 0.01
                && across.abs() < 0.3 * size
                && along > -size
            {
                return (a.x + along, a.y);
            }
        }
        let a = RotAnchor {
            p0: p,
            u,
            x: p.0 - self.origin.0,
            y: self.top - p.1,
        };
        self.rot = Some(a);
        (a.x, a.y)
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(&mut self, text: &str, x0: f32, x1: f32, y: f32, size: f32, bold: bool, spacing: f32) {
        if !(x0.is_finite() && x1.is_finite() && y.is_finite()) {
            return;
        }
        // Inside an ActualText span, the first glyph carries the replacement text
        // and later glyphs only widen it.
        if let Some(a) = self.actual.iter_mut().flatten().next() {
            match a.glyph {
                Some(i) => {
                    if let Some(g) = self.glyphs.get_mut(i) {
                        g.x1 = g.x1.max(x1);
                    }
                }
                None => {
                    a.glyph = Some(self.glyphs.len());
                    self.glyphs.push(Glyph {
                        text: a.text.clone(),
                        x0,
                        x1,
                        y,
                        size,
                        bold,
                        spacing,
                    });
                }
            }
            return;
        }
        if text.is_empty() {
            return;
        }
        self.glyphs.push(Glyph {
            text: text.to_string(),
            x0,
            x1,
            y,
            size,
            bold,
            spacing,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    fn one_page_pdf(content: Vec<u8>) -> Vec<u8> {
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let c = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => c,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let cat = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", cat);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn time_limit_stops_the_interpreter() {
        let mut content = b"BT /F1 10 Tf 72 700 Td (x) Tj ET ".to_vec();
        content.extend(b"q Q ".repeat(5000));
        let pdf = one_page_pdf(content);
        let limits = Limits::default();
        assert!(extract_inner(&pdf, None, &limits, &limits.deadline()).is_ok());
        let past = Deadline::after(std::time::Duration::ZERO);
        match extract_inner(&pdf, None, &limits, &past) {
            Err(Stop::Limit(hit)) => assert_eq!(hit.bound, Bound::Time),
            other => panic!("expected the time limit, got {other:?}"),
        }
    }

    #[test]
    fn matrices_compose_like_the_spec() {
        let m = mul(
            &[2.0, 0.0, 0.0, 2.0, 10.0, 0.0],
            &[1.0, 0.0, 0.0, 1.0, 5.0, 5.0],
        );
        assert_eq!(m, [2.0, 0.0, 0.0, 2.0, 15.0, 5.0]);
    }
}
