//! The ZIP container of OOXML files (.xlsx, .docx). Written with stored (uncompressed)
//! entries, a fixed date, UTF-8 names, so the same input always gives the
//! same bytes.

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
}

mod read;

pub use read::{Archive, MAX_ENTRIES, ZipError};

static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 (IEEE 802.3), as ZIP stores it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c = CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// 1980-01-01, the earliest DOS date: a fixed date keeps the output
/// byte-identical across runs.
const DOS_DATE: u16 = (1 << 5) | 1;
/// Bit 11: names are UTF-8.
const UTF8_NAMES: u16 = 0x0800;

/// A ZIP archive of stored (uncompressed) entries. Archives stay far below
/// the 4 GB and 65 535-entry limits, so there is no ZIP64.
#[derive(Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

fn put16(buf: &mut Vec<u8>, v: u16) {
    buf.extend_from_slice(&v.to_le_bytes());
}

fn put32(buf: &mut Vec<u8>, v: u32) {
    buf.extend_from_slice(&v.to_le_bytes());
}

/// The fields local and central headers share, from "version needed" to
/// "extra field length".
fn shared_fields(buf: &mut Vec<u8>, crc: u32, size: u32, name_len: u16) {
    for v in [20, UTF8_NAMES, 0, 0, DOS_DATE] {
        put16(buf, v);
    }
    for v in [crc, size, size] {
        put32(buf, v);
    }
    put16(buf, name_len);
    put16(buf, 0);
}

impl ZipWriter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, name: &str, data: &[u8]) {
        let offset = self.out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let name_len = name.len() as u16;

        put32(&mut self.out, 0x0403_4B50);
        shared_fields(&mut self.out, crc, size, name_len);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        let c = &mut self.central;
        put32(c, 0x0201_4B50);
        put16(c, 20);
        shared_fields(c, crc, size, name_len);
        // Comment length, disk number, internal attributes.
        for v in [0, 0, 0] {
            put16(c, v);
        }
        put32(c, 0);
        put32(c, offset);
        c.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    pub fn finish(mut self) -> Vec<u8> {
        let offset = self.out.len() as u32;
        let size = self.central.len() as u32;
        self.out.append(&mut self.central);
        put32(&mut self.out, 0x0605_4B50);
        for v in [0, 0, self.entries, self.entries] {
            put16(&mut self.out, v);
        }
        put32(&mut self.out, size);
        put32(&mut self.out, offset);
        put16(&mut self.out, 0);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_the_check_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
