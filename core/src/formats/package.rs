//! The Open Packaging Conventions shell every OOXML file shares: the
//! content types, the package relationships and the document properties
//! around a main part (`xl/workbook.xml`, `word/document.xml`).

use std::fmt::Write as _;

use super::xml::{XML_HEAD, escape};
use super::zip::ZipWriter;

pub const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub const NS_PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Parts are kept until [`Package::finish`], which writes
/// `[Content_Types].xml` first, where some readers look for it.
pub struct Package {
    types: String,
    parts: Vec<(String, Vec<u8>)>,
}

impl Package {
    /// A package whose main part is `main` (`main_type` its content type),
    /// titled `title` in its properties. `identifier` (a project's id) lets
    /// an import of the file find the project it came from.
    pub fn new(main: &str, main_type: &str, title: &str, identifier: Option<&str>) -> Self {
        let mut package = Package {
            types: String::from(concat!(
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
            )),
            parts: Vec::new(),
        };
        let mut rels = String::from(XML_HEAD);
        let _ = write!(
            rels,
            "<Relationships xmlns=\"{NS_PKG_REL}\"><Relationship Id=\"rId1\" Type=\"{NS_REL}/officeDocument\" Target=\"{main}\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"{NS_REL}/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>"
        );
        package.add("_rels/.rels", None, rels.into_bytes());

        let mut core = String::from(XML_HEAD);
        core.push_str("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
        escape(&mut core, title);
        core.push_str("</dc:title>");
        if let Some(id) = identifier {
            core.push_str("<dc:identifier>");
            escape(&mut core, id);
            core.push_str("</dc:identifier>");
        }
        core.push_str("<dc:creator>jixiao</dc:creator></cp:coreProperties>");
        package.add(
            "docProps/core.xml",
            Some("application/vnd.openxmlformats-package.core-properties+xml"),
            core.into_bytes(),
        );
        let mut app = String::from(XML_HEAD);
        app.push_str("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>jixiao</Application></Properties>");
        package.add(
            "docProps/app.xml",
            Some("application/vnd.openxmlformats-officedocument.extended-properties+xml"),
            app.into_bytes(),
        );
        package.add(main, Some(main_type), Vec::new());
        package
    }

    /// Adds a part (or fills the main part, added empty by `new`);
    /// `content_type` is needed for every part that is not plain `.xml`
    /// or `.rels`.
    pub fn add(&mut self, name: &str, content_type: Option<&str>, data: Vec<u8>) {
        if let Some(part) = self.parts.iter_mut().find(|(n, _)| n == name) {
            part.1 = data;
            return;
        }
        if let Some(content_type) = content_type {
            let _ = write!(
                self.types,
                "<Override PartName=\"/{name}\" ContentType=\"{content_type}\"/>"
            );
        }
        self.parts.push((name.to_string(), data));
    }

    pub fn finish(mut self) -> Vec<u8> {
        let mut zip = ZipWriter::new();
        self.types.push_str("</Types>");
        let mut types = String::from(XML_HEAD);
        types.push_str(&self.types);
        zip.add("[Content_Types].xml", types.as_bytes());
        for (name, data) in &self.parts {
            zip.add(name, data);
        }
        zip.finish()
    }
}

/// The smallest theme Office accepts: the Office colours and fonts. A
/// workbook or document without one is valid to read but fails Open XML
/// validation.
pub const THEME: &str = concat!(
    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office\"><a:themeElements>",
    "<a:clrScheme name=\"Office\">",
    "<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1><a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>",
    "<a:dk2><a:srgbClr val=\"44546A\"/></a:dk2><a:lt2><a:srgbClr val=\"E7E6E6\"/></a:lt2>",
    "<a:accent1><a:srgbClr val=\"4472C4\"/></a:accent1><a:accent2><a:srgbClr val=\"ED7D31\"/></a:accent2>",
    "<a:accent3><a:srgbClr val=\"A5A5A5\"/></a:accent3><a:accent4><a:srgbClr val=\"FFC000\"/></a:accent4>",
    "<a:accent5><a:srgbClr val=\"5B9BD5\"/></a:accent5><a:accent6><a:srgbClr val=\"70AD47\"/></a:accent6>",
    "<a:hlink><a:srgbClr val=\"0563C1\"/></a:hlink><a:folHlink><a:srgbClr val=\"954F72\"/></a:folHlink>",
    "</a:clrScheme>",
    "<a:fontScheme name=\"Office\">",
    "<a:majorFont><a:latin typeface=\"Calibri Light\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/><a:font script=\"Hans\" typeface=\"等线 Light\"/></a:majorFont>",
    "<a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/><a:font script=\"Hans\" typeface=\"等线\"/></a:minorFont>",
    "</a:fontScheme>",
    "<a:fmtScheme name=\"Office\">",
    "<a:fillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:fillStyleLst>",
    "<a:lnStyleLst><a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst>",
    "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>",
    "<a:bgFillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:bgFillStyleLst>",
    "</a:fmtScheme></a:themeElements></a:theme>",
);
