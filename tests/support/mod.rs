//! Test helpers shared by the extraction tests: a tiny PDF writer on lopdf.
#![allow(dead_code)]

use lopdf::{Dictionary, Object, ObjectId, Stream, dictionary};

/// A tiny PDF writer for tests: pages with given content, resources and extra
/// page entries.
pub struct Pdf {
    pub doc: lopdf::Document,
    pub pages_id: ObjectId,
    pub kids: Vec<Object>,
}

impl Pdf {
    pub fn new() -> Pdf {
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        Pdf {
            doc,
            pages_id,
            kids: Vec::new(),
        }
    }

    pub fn add(&mut self, o: impl Into<Object>) -> ObjectId {
        self.doc.add_object(o)
    }

    pub fn helvetica(&mut self, base: &str) -> ObjectId {
        self.add(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => base,
            "Encoding" => "WinAnsiEncoding",
        })
    }

    pub fn page_with(&mut self, content: &[u8], resources: Dictionary, extra: Dictionary) {
        let content_id = self.add(Stream::new(dictionary! {}, content.to_vec()));
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => self.pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => content_id,
            "Resources" => resources,
        };
        for (k, v) in extra.into_iter() {
            page.set(k, v);
        }
        let page_id = self.add(page);
        self.kids.push(page_id.into());
    }

    pub fn page(&mut self, content: &[u8], resources: Dictionary) {
        self.page_with(content, resources, Dictionary::new());
    }

    pub fn finish(mut self) -> Vec<u8> {
        let count = self.kids.len() as i64;
        let pages = dictionary! {
            "Type" => "Pages",
            "Kids" => self.kids.clone(),
            "Count" => count,
        };
        self.doc
            .objects
            .insert(self.pages_id, Object::Dictionary(pages));
        let catalog = self.add(dictionary! { "Type" => "Catalog", "Pages" => self.pages_id });
        self.doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        self.doc.save_to(&mut out).expect("save test PDF");
        out
    }
}

pub fn fonts(entries: &[(&str, ObjectId)]) -> Dictionary {
    let mut f = Dictionary::new();
    for (name, id) in entries {
        f.set(*name, *id);
    }
    dictionary! { "Font" => f }
}

/// A one-page PDF whose content stream `content` uses Helvetica (WinAnsi) as `/F1`.
pub fn helvetica_page(content: &[u8]) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    pdf.page(content, fonts(&[("F1", f1)]));
    pdf.finish()
}
