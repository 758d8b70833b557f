//! Reading a ZIP archive someone else wrote: the central directory, and
//! entries stored or deflated. Everything is bounded before it is trusted:
//! the entry count, each entry's inflated size (whatever its header
//! claims) and the total, so a zip bomb stops at the limit instead of
//! filling the browser's memory.

use miniz_oxide::inflate::{DecompressError, TINFLStatus, decompress_to_vec_with_limit};

/// Why an archive cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// No ZIP structure (or a damaged one).
    NotZip,
    /// Entries are encrypted.
    Encrypted,
    /// More entries than any workbook has.
    TooManyEntries,
    /// An entry, or all together, would inflate past the limit.
    TooLarge,
    /// A compression method other than stored or deflate, or ZIP64.
    Unsupported,
    /// The entry's data does not inflate.
    Corrupt,
}

/// Workbooks have a few dozen parts; a thousand leaves room for odd writers.
pub const MAX_ENTRIES: usize = 1_000;

#[derive(Clone, Debug)]
struct Entry {
    name: String,
    method: u16,
    compressed: usize,
    data_at: usize,
}

/// An archive whose directory was read; entries inflate on demand.
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
    /// Bytes still allowed to inflate, across all entries.
    budget: usize,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Archive<'a> {
    /// Reads the central directory. `budget` bounds the bytes all entries
    /// together may inflate to.
    pub fn open(bytes: &'a [u8], budget: usize) -> Result<Self, ZipError> {
        // The end record is in the last 22 bytes plus a comment of at most 64 KB.
        let from = bytes.len().saturating_sub(22 + 0xFFFF);
        let end = (from..bytes.len().saturating_sub(21))
            .rev()
            .find(|&at| u32_at(bytes, at) == Some(0x0605_4B50))
            .ok_or(ZipError::NotZip)?;
        let count = u16_at(bytes, end + 10).ok_or(ZipError::NotZip)? as usize;
        let dir_at = u32_at(bytes, end + 16).ok_or(ZipError::NotZip)? as usize;
        if count == 0xFFFF || dir_at == 0xFFFF_FFFF {
            return Err(ZipError::Unsupported);
        }
        if count > MAX_ENTRIES {
            return Err(ZipError::TooManyEntries);
        }
        let mut entries = Vec::with_capacity(count);
        let mut at = dir_at;
        for _ in 0..count {
            if u32_at(bytes, at) != Some(0x0201_4B50) {
                return Err(ZipError::NotZip);
            }
            let field = |offset| u16_at(bytes, at + offset).ok_or(ZipError::NotZip);
            let flags = field(8)?;
            let method = field(10)?;
            let compressed = u32_at(bytes, at + 20).ok_or(ZipError::NotZip)? as usize;
            let name_len = field(28)? as usize;
            let extra_len = field(30)? as usize;
            let comment_len = field(32)? as usize;
            let local = u32_at(bytes, at + 42).ok_or(ZipError::NotZip)? as usize;
            let name = bytes
                .get(at + 46..at + 46 + name_len)
                .ok_or(ZipError::NotZip)?;
            if flags & 1 != 0 {
                return Err(ZipError::Encrypted);
            }
            // The local header repeats the name and has its own extra field.
            if u32_at(bytes, local) != Some(0x0403_4B50) {
                return Err(ZipError::NotZip);
            }
            let local_name = u16_at(bytes, local + 26).ok_or(ZipError::NotZip)? as usize;
            let local_extra = u16_at(bytes, local + 28).ok_or(ZipError::NotZip)? as usize;
            let data_at = local + 30 + local_name + local_extra;
            if data_at
                .checked_add(compressed)
                .is_none_or(|e| e > bytes.len())
            {
                return Err(ZipError::NotZip);
            }
            entries.push(Entry {
                name: String::from_utf8_lossy(name).replace('\\', "/"),
                method,
                compressed,
                data_at,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive {
            bytes,
            entries,
            budget,
        })
    }

    #[cfg(test)]
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }

    /// The entry's content, inflated; `None` when there is no such entry.
    /// The name is matched as ZIP tools do, ignoring a leading "/" and case.
    pub fn read(&mut self, name: &str) -> Option<Result<Vec<u8>, ZipError>> {
        let name = name.trim_start_matches('/');
        let entry = self
            .entries
            .iter()
            .find(|e| e.name.trim_start_matches('/').eq_ignore_ascii_case(name))?
            .clone();
        let data = &self.bytes[entry.data_at..entry.data_at + entry.compressed];
        let out = match entry.method {
            0 if data.len() > self.budget => Err(ZipError::TooLarge),
            0 => Ok(data.to_vec()),
            8 => decompress_to_vec_with_limit(data, self.budget).map_err(|e: DecompressError| {
                if e.status == TINFLStatus::HasMoreOutput {
                    ZipError::TooLarge
                } else {
                    ZipError::Corrupt
                }
            }),
            _ => Err(ZipError::Unsupported),
        };
        if let Ok(bytes) = &out {
            self.budget -= bytes.len();
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::super::ZipWriter;
    use super::*;

    #[test]
    fn reads_back_what_the_writer_stored() {
        let mut zip = ZipWriter::new();
        zip.add("a/b.xml", b"<x/>");
        zip.add("c.txt", "数据".as_bytes());
        let bytes = zip.finish();
        let mut archive = Archive::open(&bytes, 1 << 20).unwrap();
        assert_eq!(archive.names().collect::<Vec<_>>(), ["a/b.xml", "c.txt"]);
        assert_eq!(archive.read("/A/B.XML").unwrap().unwrap(), b"<x/>");
        assert_eq!(archive.read("c.txt").unwrap().unwrap(), "数据".as_bytes());
        assert!(archive.read("missing").is_none());
    }

    #[test]
    fn limits_hold_whatever_the_headers_say() {
        assert_eq!(
            Archive::open(b"not a zip at all", 100).err(),
            Some(ZipError::NotZip)
        );
        let mut zip = ZipWriter::new();
        zip.add("big", &[7u8; 1000]);
        let bytes = zip.finish();
        let mut archive = Archive::open(&bytes, 999).unwrap();
        assert_eq!(archive.read("big").unwrap(), Err(ZipError::TooLarge));
        // A deflated entry that inflates past the budget stops there.
        let deflated = miniz_oxide::deflate::compress_to_vec(&[0u8; 100_000], 6);
        assert_eq!(
            decompress_to_vec_with_limit(&deflated, 1_000).map_err(|e| e.status),
            Err(TINFLStatus::HasMoreOutput)
        );
    }
}
